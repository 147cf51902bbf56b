"""One time budget per command: the wall-clock moment every solve of the command ends by.

A command (``plan``, ``schedule``, ``train``) opens ``command_deadline(seconds)``; each
CP-SAT solve under it goes through ``solve`` (or ``cap`` and ``note_solve``), which adds the
time left before that moment to the solve's own limit, deterministic or not. A deterministic solve is bounded by CP-SAT's
deterministic time, which does not follow the clock; when the cap, not its own limit, stops
it, ``was_cut()`` says so, and the run is then no longer guaranteed to repeat.

The moment lives in a context variable, so that the stages below a command (the training
planner, the scene scheduler, the explanations, the ground unit) share it without each
taking it as an argument; outside a command nothing is capped.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Iterator

# A solve that ended within this share of the time it had left is taken to have met it.
MET_SHARE = 0.95
# CP-SAT's deterministic seconds run slower than the clock's on these models, measured on
# the 2-core machine: the Challenge's scene search took 9.7 s of the clock for 2.8
# deterministic seconds. A deterministic stage is given this share of its seconds, so that
# the deadline cuts only the odd run (and says so).
DETERMINISTIC_SHARE = 0.2
# The training planner's model runs about five clock-seconds to its deterministic one (1.26
# deterministic seconds took 5.7-7.3 s): it gets half the share.
TRAINING_DETERMINISTIC_SHARE = 0.1
# The least time a solve is given, so that a spent budget still returns a first answer.
FLOOR_S = 0.05


@dataclass
class _Deadline:
    at_s: float  # time.monotonic() value
    cut: bool = False
    outer: "_Deadline | None" = None  # the enclosing command's, told of a cut too


_CURRENT: ContextVar[_Deadline | None] = ContextVar("orbitfilm_deadline", default=None)


@contextmanager
def command_deadline(seconds: float | None, *, at_least_s: float = 0.0) -> Iterator[None]:
    """Cap every solve inside the block at ``seconds`` from now (None: no cap of its own).

    Inside another command's block (a stage of ``plan``), the earlier of the two moments
    holds, and a cut is the enclosing command's too; ``at_least_s`` is a small stage's
    floor even past the enclosing deadline (one that must return an answer).
    """
    outer = _CURRENT.get()
    if seconds is None:
        yield
        return
    now = time.monotonic()
    at_s = now + seconds
    if outer:
        at_s = max(min(at_s, outer.at_s), now + min(at_least_s, seconds))
    token = _CURRENT.set(_Deadline(at_s, outer=outer))
    try:
        yield
    finally:
        _CURRENT.reset(token)


def left_s() -> float | None:
    """Return the seconds left before the command's deadline (None outside a command)."""
    current = _CURRENT.get()
    return None if current is None else max(0.0, current.at_s - time.monotonic())


def capped(seconds: float) -> float:
    """Return ``seconds``, or less when the command's deadline comes sooner."""
    left = left_s()
    return seconds if left is None else max(FLOOR_S, min(seconds, left))


def stage_seconds(seconds: float, deterministic: bool,
                  share: float = DETERMINISTIC_SHARE) -> float:
    """Return a stage's limit from its share of the command's seconds: a fixed number of
    CP-SAT's deterministic seconds (``share`` of them: the same on any machine), or what
    the clock allows."""
    return seconds * share if deterministic else capped(seconds)


def cap(solver) -> float | None:
    """Stop a CP-SAT solver at the command's deadline too; return the seconds it was given
    by the cap (None outside a command)."""
    left = left_s()
    if left is None:
        return None
    given = max(FLOOR_S, left)
    own = solver.parameters.max_time_in_seconds
    solver.parameters.max_time_in_seconds = min(own, given) if own > 0 else given
    return given


def solve(solver, model, callback=None):
    """Solve ``model`` with ``solver`` capped at the command's deadline; return the status,
    and note when the deadline cut the solve."""
    given_s = cap(solver)
    status = solver.Solve(model, callback)
    note_solve(solver, given_s)
    return status


def note_solve(solver, given_s: float | None) -> None:
    """Record that a solve was cut by the deadline: it ran to the time the cap gave it
    without a proof (its result is then the clock's, not the seed's)."""
    current = _CURRENT.get()
    if current is None or given_s is None or _proven(solver):
        return
    if met(solver.WallTime(), given_s) and \
            solver.parameters.max_time_in_seconds <= given_s + 1e-9:
        while current is not None:
            current.cut = True
            current = current.outer


def _proven(solver) -> bool:
    # By the status's name: only the schedule backends import OR-Tools.
    return solver.ResponseProto().status.name in ("OPTIMAL", "INFEASIBLE")


def met(used_s: float, given_s: float) -> bool:
    """Return whether a solve used the time it was given (a share, less the solver's own
    few hundredths of a second of start-up and wrap-up)."""
    return used_s >= MET_SHARE * given_s - 0.05


def was_cut() -> bool:
    """Return whether the command's deadline cut any solve short."""
    current = _CURRENT.get()
    return bool(current and current.cut)
