"""A lower bound on the finish from the periods' budgets: hours a day add up to weeks.

When every job that must end before a finish job draws on a per-period resource (a
trainee's hours a day), the finish cannot come before enough periods have gone by to hold
their demand: with 358 hours to train at 8 a day on weekdays only, not before the 45th
working day. The periods counted are those in which at least one of the jobs may start.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

import numpy as np

from .bounds import topological_order
from .problem import Lag, ProjectProblem


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



MAX_PAIR_JOBS = 400     # the pairs are quadratic: larger projects go without energetic lags


@dataclass(frozen=True)
class EnergeticLags:
    """What the resources' energy adds to the lags: pairs, heads and tails.

    ``lags`` are start-to-start minimum lags between jobs, each stronger than the chain of
    lags between them; ``heads`` an earliest start per job, ``tails`` per job the least
    time from its start to the finish (only the ones above the lags' own).
    """

    lags: tuple[Lag, ...] = ()
    heads: Mapping[str, int] = field(default_factory=dict)
    tails: Mapping[str, int] = field(default_factory=dict)


def energetic_lags(problem: ProjectProblem) -> EnergeticLags:
    """Return the lags that the resources' energy adds to the precedences (Lopez, Erschler &
    Esquirol 1992; the pairs as in OR-Tools' rcpsp_sat example).

    When chains of end-to-start lags put job ``k`` after job ``i`` and before job ``j``,
    every such ``k`` runs inside ``[end(i), start(j)]``. That span must hold, on each instant
    resource, their energy (demand times duration) over the capacity, and the durations of
    those that demand more than half of it one after the other. So
    ``start(j) - start(i) >= duration(i) + that``; the same with the project's start for a
    head, and with the finish for a tail.
    """
    order = topological_order(problem)
    if order is None or len(problem.jobs) > MAX_PAIR_JOBS:
        return EnergeticLags()
    jobs = {job.id: job for job in problem.jobs}
    before = _predecessors(problem)
    after: dict[str, set[str]] = {}
    for job, found in before.items():
        for b in found:
            after.setdefault(b, set()).add(job)
    span = _Span(problem)
    distance = _longest_paths(problem, order)
    lags = []
    for i in order:
        for j in after.get(i, ()):
            least = jobs[i].duration_units + span.least(after[i] & before[j])
            if least > distance[i].get(j, least):
                lags.append(Lag(i, j, least))
    counted = _counted_for_finish(problem, before)
    heads = {j: span.least(before.get(j, set())) for j in order}
    tails = {i: jobs[i].duration_units + span.least(after.get(i, set()) & counted)
             for i in order}
    return EnergeticLags(tuple(lags), {j: v for j, v in heads.items() if v > 0},
                         {j: v for j, v in tails.items() if v > jobs[j].duration_units})


class _Span:
    """The least span that holds a set of jobs, by energy and by the big jobs' durations."""

    def __init__(self, problem: ProjectProblem):
        self.resources = [r for r in problem.resources if not r.period_units and r.capacity > 0]
        self.jobs = {job.id: job for job in problem.jobs}

    def least(self, ids) -> int:
        best = 0
        for resource in self.resources:
            energy = big = 0
            for job_id in ids:
                job = self.jobs[job_id]
                demand = job.demands.get(resource.id, 0)
                energy += demand * job.duration_units
                if 2 * demand > resource.capacity:
                    big += job.duration_units
            best = max(best, -(-energy // resource.capacity), big)
        return best


def _longest_paths(problem: ProjectProblem, order: list[str]) -> dict[str, dict[str, int]]:
    """Return per job the longest chain of minimum lags to each job after it."""
    out: dict[str, list] = {}
    for lag in problem.lags:
        out.setdefault(lag.before, []).append(lag)
    position = {job: k for k, job in enumerate(order)}
    found: dict[str, dict[str, int]] = {}
    for source in order:
        reach = {source: 0}
        for job in order[position[source]:]:
            if job not in reach:
                continue
            for lag in out.get(job, ()):
                reach[lag.after] = max(reach.get(lag.after, reach[job] + lag.min_units),
                                       reach[job] + lag.min_units)
        found[source] = reach
    return found


def _counted_for_finish(problem: ProjectProblem, before: dict[str, set[str]]) -> set[str]:
    """Return the jobs that end by the finish: every job, or the finish jobs and theirs."""
    if not problem.finish:
        return {job.id for job in problem.jobs}
    counted = set(problem.finish)
    for job in problem.finish:
        counted |= before.get(job, set())
    return counted
