"""Bounds from the lags and the resources: earliest and latest starts, a floor on the finish.

Only the minimum lags are read (a maximum lag or a calendar can only push starts further), so
every number here holds for any schedule of the problem: the earliest start of a job is the
longest chain of minimum lags into it (its *head*), and with the finish at most ``finish_units``
its latest start leaves room for the longest chain out of it to a finish job (its *tail*).
"""

from __future__ import annotations

from dataclasses import dataclass

from .problem import ProjectProblem


@dataclass(frozen=True)
class Windows:
    """Per job the earliest and latest start, and the floor the lags put under the finish."""

    earliest: dict[str, int]
    latest: dict[str, int]
    finish_floor_units: int


def topological_order(problem: ProjectProblem) -> list[str] | None:
    """Return the jobs ordered along the minimum lags, or None when the lags form a cycle."""
    into = {job.id: 0 for job in problem.jobs}
    out: dict[str, list[str]] = {}
    for lag in problem.lags:
        into[lag.after] += 1
        out.setdefault(lag.before, []).append(lag.after)
    ready = [job.id for job in problem.jobs if into[job.id] == 0]
    order = []
    while ready:
        job = ready.pop()
        order.append(job)
        for after in out.get(job, ()):
            into[after] -= 1
            if into[after] == 0:
                ready.append(after)
    return order if len(order) == len(into) else None


def heads(problem: ProjectProblem, order: list[str]) -> dict[str, int]:
    """Return each job's earliest start: its first allowed start after the lags into it."""
    first = {job.id: (job.starts[0][0] if job.starts else 0) for job in problem.jobs}
    into = _lags_into(problem)
    found: dict[str, int] = {}
    for job in order:
        found[job] = max([first[job]] + [found[lag.before] + lag.min_units
                                         for lag in into.get(job, ())])
    return found


def tails(problem: ProjectProblem, order: list[str]) -> dict[str, int | None]:
    """Return per job the least time from its start to the finish, or None when unbound.

    A finish job needs its own duration; any job needs a lag's minimum more than the tail of
    the job after it.
    """
    finish = set(problem.finish or (job.id for job in problem.jobs))
    duration = {job.id: job.duration_units for job in problem.jobs}
    out: dict[str, list] = {}
    for lag in problem.lags:
        out.setdefault(lag.before, []).append(lag)
    found: dict[str, int | None] = {}
    for job in reversed(order):
        options = [duration[job]] if job in finish else []
        options += [lag.min_units + found[lag.after] for lag in out.get(job, ())
                    if found[lag.after] is not None]
        found[job] = max(options) if options else None
    return found


def windows(problem: ProjectProblem, finish_units: int) -> Windows | None:
    """Return the start windows with the finish at most ``finish_units`` (None for a cycle)."""
    order = topological_order(problem)
    if order is None:
        return None
    early, late = heads(problem, order), tails(problem, order)
    duration = {job.id: job.duration_units for job in problem.jobs}
    latest = {}
    for job in order:
        bound = problem.horizon_units - duration[job]
        if late[job] is not None:
            bound = min(bound, finish_units - late[job])
        latest[job] = bound
    floor = max([early[j] + duration[j] for j in problem.finish or duration] or [0])
    return Windows(early, latest, floor)


def resource_energy_bound(problem: ProjectProblem) -> int:
    """Return the finish no schedule beats for lack of room on an instant resource.

    Only when every job counts for the finish (a makespan): all of them then fit in
    ``[0, finish)``, so each resource's demand times duration fits under its capacity there.
    """
    if problem.finish:
        return 0
    best = 0
    for resource in problem.resources:
        if resource.period_units or resource.capacity <= 0:
            continue
        energy = sum(job.demands.get(resource.id, 0) * job.duration_units for job in problem.jobs)
        best = max(best, -(-energy // resource.capacity))
    return best


def _lags_into(problem: ProjectProblem) -> dict[str, list]:
    into: dict[str, list] = {}
    for lag in problem.lags:
        into.setdefault(lag.after, []).append(lag)
    return into
