"""A rule a schedule breaks, as ``orbitfilm verify`` reports it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Violation:
    """One rule broken: its name, the scenes involved, and what is wrong in words."""

    rule: str
    scenes: tuple[str, ...]
    message: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.message}"
