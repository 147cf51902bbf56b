"""A mistake in a production file: a sentence at a key path, and its one-line error.

Every check returns ``Mistake``s at key paths such as ``("scenes", 3, "cast", 0)``; the file's
line index turns them into ``FILE:LINE: message (scenes[3].cast[0])``.
"""

from __future__ import annotations

import typing

from ..errors import InputError, InputErrors


class Mistake(typing.NamedTuple):
    """One thing wrong in a production, at a key path such as ``("scenes", 3, "cast", 0)``."""

    message: str
    path: tuple = ()


def format_path(path) -> str:
    """Return a key path as people write it: ``scenes[3].cast[0]``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def as_input_error(mistake: Mistake, index, source: str) -> InputError:
    """Return the one-line error of a mistake, at the line ``index`` (a ``TomlIndex``) gives."""
    line = index.line_of(mistake.path) if index is not None else None
    return InputError(mistake.message, path=source, line=line,
                      field=format_path(mistake.path) or None)


def ordered(mistakes: list[Mistake], index) -> list[Mistake]:
    """Return the mistakes once each, in the order of their lines in the file."""
    unique = list(dict.fromkeys(mistakes))
    return sorted(unique, key=lambda m: (index.line_of(m.path) or 0) if index else 0)


def raise_mistakes(production, mistakes: list[Mistake]) -> None:
    """Raise ``InputErrors`` at the production file's lines, when there are any mistakes."""
    if mistakes:
        index = production.line_index
        raise InputErrors([as_input_error(m, index, production.source)
                           for m in ordered(mistakes, index)])
