"""A budget of solver time: wall-clock seconds, or CP-SAT's deterministic seconds.

A deterministic run must not look at the clock anywhere (a slower machine would stop its
solves at other points and give another schedule), so every solve under one budget is
charged the deterministic time CP-SAT reports, and each solve is given what is left as its
deterministic limit.
"""

from __future__ import annotations

import time

from ortools.sat.python import cp_model

from ... import deadline


class Budget:
    """Seconds left for a sequence of solves."""

    def __init__(self, seconds: float, deterministic: bool):
        self.deterministic = deterministic
        self.total_s = float(seconds)
        self.spent_s = 0.0
        self.started = time.monotonic()
        self.capped_s: float | None = None  # what the command's deadline gave the last solve

    def left_s(self) -> float:
        """Return what is left: of the budget, and never past the command's deadline."""
        used = self.spent_s if self.deterministic else time.monotonic() - self.started
        left = max(0.0, self.total_s - used)
        wall = deadline.left_s()
        return left if wall is None else min(left, wall)

    def limit(self, solver: cp_model.CpSolver, seconds: float) -> None:
        """Give ``solver`` at most ``seconds``, and never more than the budget has left."""
        seconds = min(seconds, self.left_s())
        if self.deterministic:
            solver.parameters.max_deterministic_time = seconds
        else:
            solver.parameters.max_time_in_seconds = seconds
        self.capped_s = deadline.cap(solver)

    def charge(self, solver: cp_model.CpSolver) -> None:
        """Count a finished solve against the budget (deterministic time; the clock runs)."""
        self.spent_s += solver.ResponseProto().deterministic_time
        deadline.note_solve(solver, self.capped_s)
