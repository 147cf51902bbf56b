"""Counting in words for people: ``1 day``, ``2 days``, ``3 people``."""

from __future__ import annotations

IRREGULAR = {"person": "people"}


def noun(count: float, word: str, words: str | None = None) -> str:
    """Return the noun for a count: ``word`` for one, else ``words`` (``word`` + s)."""
    return word if count == 1 else (words or IRREGULAR.get(word) or word + "s")


def plural(count: float, word: str, words: str | None = None) -> str:
    """Return ``1 day``, ``2 days``, ``0 scenes``: a count with its noun, singular for one."""
    shown = f"{count:g}" if isinstance(count, float) else str(count)
    return f"{shown} {noun(count, word, words)}"
