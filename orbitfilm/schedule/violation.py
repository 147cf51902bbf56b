"""A rule a schedule breaks, as ``orbitfilm verify`` reports it, and the checkers' shape."""

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


class RuleBook:
    """A checker of rules: ``RULES`` names its methods, run in that order; each adds the
    violations it finds with ``_add``."""

    RULES: tuple[str, ...] = ()

    def __init__(self):
        self.violations: list[Violation] = []

    def run(self) -> list[Violation]:
        for rule in self.RULES:
            getattr(self, rule)()
        return self.violations

    def _add(self, rule: str, scenes, message: str) -> None:
        self.violations.append(Violation(rule, tuple(scenes), message))
