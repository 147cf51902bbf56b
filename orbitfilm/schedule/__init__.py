"""Scheduling: candidate windows, the CP-SAT models, explanations, the checker, the baseline.

The public names are imported on first use, so that ``verify`` (which never touches
ortools) and the ground scheduler in ``schedule.ground`` load without the CP-SAT model.
"""

from __future__ import annotations

from orbitfilm._lazy import lazy_names

_HOMES = {
    "schedule_scenes": "orbitfilm.schedule.scheduler",
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


__getattr__, __dir__ = lazy_names('orbitfilm.schedule', _HOMES, globals())
