"""A lower bound on the finish from the periods' budgets: hours a day add up to weeks.

When every job that must end before a finish job draws on a per-period resource (a
trainee's hours a day), the finish cannot come before enough periods have gone by to hold
their demand: with 358 hours to train at 8 a day on weekdays only, not before the 45th
working day. The periods counted are those in which at least one of the jobs may start.
"""

from __future__ import annotations

import numpy as np

from .problem import ProjectProblem


def period_energy_bound(problem: ProjectProblem) -> int:
    """Return a lower bound on the latest end of the finish jobs (0 when none applies)."""
    before = _predecessors(problem)
    jobs = {job.id: job for job in problem.jobs}
    targets = problem.finish or tuple(jobs)
    best = 0
    for resource in problem.resources:
        if not resource.period_units:
            continue
        for target in targets:
            needed = [jobs[j] for j in before.get(target, set())
                      if jobs[j].demands.get(resource.id, 0) > 0]
            best = max(best, _bound(needed, resource) + jobs[target].duration_units)
    return best


def _bound(needed, resource) -> int:
    """Return the earliest start a job can have after all of ``needed`` (which end before it).

    Some job of ``needed`` starts in the k-th period its calendar allows at the earliest,
    where k periods are what their demand needs, and ends at least its duration later.
    """
    if not needed:
        return 0
    demand = sum(job.demands[resource.id] for job in needed)
    periods_needed = -(-demand // resource.capacity)
    allowed = np.unique(np.concatenate([_periods(job, resource.period_units)
                                        for job in needed]))
    if len(allowed) < periods_needed:
        return 0  # the bound cannot be placed: leave it to the solver
    last = allowed[periods_needed - 1]
    shortest = min(job.duration_units for job in needed)
    return int(last * resource.period_units + shortest)


def _periods(job, period_units: int) -> np.ndarray:
    if not job.starts:
        return np.array([], dtype=int)
    ranges = np.asarray(job.starts, dtype=int)
    found = [np.arange(low // period_units, high // period_units + 1) for low, high in ranges]
    return np.unique(np.concatenate(found))


def _predecessors(problem: ProjectProblem) -> dict[str, set[str]]:
    """Return, for each job, every job that must end before it starts (end-to-start lags)."""
    duration = {job.id: job.duration_units for job in problem.jobs}
    into: dict[str, set[str]] = {}
    for lag in problem.lags:
        if lag.min_units >= duration[lag.before]:
            into.setdefault(lag.after, set()).add(lag.before)
    closed: dict[str, set[str]] = {}

    def close(job: str) -> set[str]:
        if job not in closed:
            closed[job] = set()
            found = set()
            for before in into.get(job, ()):
                found |= {before} | close(before)
            closed[job] = found
        return closed[job]

    for job in list(into):
        close(job)
    return closed
