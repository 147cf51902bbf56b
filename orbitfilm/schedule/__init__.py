"""Scheduling: candidate windows, the CP-SAT model, explanations, the checker, the baseline.

The public names are imported on first use, so that ``verify`` (which never touches
ortools) and the ground scheduler in ``schedule.ground`` load without the CP-SAT model.
"""

from __future__ import annotations

from importlib import import_module

_HOMES = {
    "schedule": "orbitfilm.schedule.scheduler",
    "solve_problem": "orbitfilm.schedule.scheduler",
    "greedy_result": "orbitfilm.schedule.scheduler",
    "build_problem": "orbitfilm.schedule.windows",
    "Problem": "orbitfilm.schedule.problem",
    "Weights": "orbitfilm.schedule.problem",
    "SolveOptions": "orbitfilm.schedule.problem",
    "Result": "orbitfilm.schedule.result",
    "Status": "orbitfilm.schedule.result",
    "check_schedule": "orbitfilm.schedule.verify",
    "verify_file": "orbitfilm.schedule.verify",
    "Violation": "orbitfilm.schedule.verify",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str):
    if name not in _HOMES:
        raise AttributeError(f"module 'orbitfilm.schedule' has no attribute {name!r}")
    value = getattr(import_module(_HOMES[name]), name)
    globals()[name] = value
    return value


def __dir__():
    return __all__
