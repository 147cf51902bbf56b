"""The plain data of a resource-constrained project schedule, and of its solution.

A project is jobs on an integer time axis (the caller chooses the unit: PSPLIB's periods,
the training planner's quarter hours), generalised precedences between job starts
(minimum and maximum time lags, RCPSP/max), renewable resources with a capacity, and for
each job the starts its calendar allows. Nothing here imports a solver: ``solve_project``
reads only this, and the training planner and the PSPLIB reader only write it.

The goal is lexicographic: first the latest end among the ``finish`` jobs (the makespan
when ``finish`` is empty), then, with that fixed at its best, the sum of the ``costs``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Mapping


@dataclass(frozen=True)
class Job:
    """One job: a fixed duration, what it holds while it runs, and the starts it may take.

    ``starts`` lists the allowed start ranges ``(first, last)``, both inclusive, in time
    order and disjoint; empty means any start in ``[0, horizon - duration_units]``. A job
    of duration 0 is a milestone.
    """

    id: str
    duration_units: int
    demands: Mapping[str, int] = field(default_factory=dict)
    starts: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Lag:
    """``start(after) - start(before)`` is at least ``min_units`` and at most ``max_units``.

    An end-to-start precedence with a gap is ``min_units = duration(before) + gap``;
    ``max_units = None`` leaves the distance open.
    """

    before: str
    after: str
    min_units: int = 0
    max_units: int | None = None


@dataclass(frozen=True)
class Resource:
    """A renewable resource: what the running jobs demand never exceeds ``capacity``.

    With ``period_units`` the limit is per period instead of per instant: the demands of the
    jobs that *start* in each period ``[k * period_units, (k + 1) * period_units)`` sum to at
    most ``capacity`` (a person's training hours a day or a week, a centrifuge's sessions a
    day).
    """

    id: str
    capacity: int
    period_units: int | None = None


@dataclass(frozen=True)
class PeriodUse:
    """Cost ``weight`` for every period in which at least one of ``jobs`` starts.

    The training planner counts the days each facility is open this way.
    """

    jobs: tuple[str, ...]
    period_units: int
    weight: int = 1


@dataclass(frozen=True)
class StartPenalty:
    """Cost ``weight`` when ``job`` starts inside one of ``ranges`` (inclusive pairs)."""

    job: str
    ranges: tuple[tuple[int, int], ...]
    weight: int = 1


@dataclass(frozen=True)
class ProjectProblem:
    """Jobs, lags and resources on ``[0, horizon_units]``; every job ends by the horizon."""

    jobs: tuple[Job, ...]
    lags: tuple[Lag, ...] = ()
    resources: tuple[Resource, ...] = ()
    horizon_units: int = 0
    finish: tuple[str, ...] = ()
    costs: tuple[PeriodUse | StartPenalty, ...] = ()
    name: str = ""


class ProjectStatus(str, Enum):
    OPTIMAL = "optimal"          # the finish is proven best (and the costs, when there are any)
    FEASIBLE = "feasible"        # a schedule, not proven best
    INFEASIBLE = "infeasible"    # proven: no schedule meets every rule
    UNKNOWN = "unknown"          # stopped before any schedule or proof


@dataclass(frozen=True)
class ProjectSchedule:
    """What ``solve_project`` found: starts per job id, the finish and its proven bound.

    ``finish_units`` is the latest end among the finish jobs (``None`` without a schedule);
    ``lower_bound_units`` a proven bound on it; ``finish_optimal`` whether they meet.
    ``cost`` and ``cost_bound`` are the second goal's value and bound with the finish fixed.
    """

    status: ProjectStatus
    starts: Mapping[str, int]
    finish_units: int | None
    lower_bound_units: int
    finish_optimal: bool
    cost: int | None = None
    cost_bound: int | None = None
    wall_s: float = 0.0
