"""Redundant structure for the solver: jobs that never overlap, and jobs that are alike.

Two jobs cannot run at once when together they demand more than a resource holds, or when a
chain of end-to-start lags puts one after the other. A set of jobs of which every pair is
so (a clique of that conflict graph) can take a no-overlap constraint: it says nothing the
cumulative constraints and lags do not imply, but it lets the solver reason on the whole
set at once, as on one machine (Baptiste, Le Pape & Nuijten 2001, ch. 4).

Jobs that are interchangeable (same duration, demands, calendar, lags, and no cost that
names them) can be taken in a fixed order: any schedule is one of those, relabelled.
"""

from __future__ import annotations

from .bounds import topological_order
from .problem import ProjectProblem

MAX_JOBS = 400          # the conflict graph is quadratic: larger projects go without
MIN_CLIQUE = 3          # a pair adds little to what the cumulative already finds


def disjunctive_cliques(problem: ProjectProblem) -> list[tuple[str, ...]]:
    """Return cliques of jobs of which no two may run at once, each with a resource clash."""
    jobs = [job for job in problem.jobs if job.duration_units > 0]
    if len(jobs) > MAX_JOBS:
        return []
    clash = _resource_clashes(problem, jobs)
    ordered = _ordered_pairs(problem)
    if ordered is None:
        return []
    near = {job.id: clash[job.id] | (ordered.get(job.id, set()) & clash.keys()) for job in jobs}
    found, seen = [], set()
    for seed in sorted(clash, key=lambda j: -len(clash[j])):
        if not clash[seed]:
            break
        clique = _grow(seed, near, clash)
        key = frozenset(clique)
        if len(clique) >= MIN_CLIQUE and key not in seen and _has_clash(clique, clash):
            seen.add(key)
            found.append(tuple(clique))
    return found


def _grow(seed: str, near: dict, clash: dict) -> list[str]:
    """Grow a clique from ``seed``: the neighbours with the most resource clashes first."""
    clique = [seed]
    for job in sorted(near[seed], key=lambda j: (-len(clash[j]), j)):
        if all(job in near[member] for member in clique):
            clique.append(job)
    return clique


def _has_clash(clique: list[str], clash: dict) -> bool:
    return any(b in clash[a] for i, a in enumerate(clique) for b in clique[i + 1:])


def _resource_clashes(problem: ProjectProblem, jobs) -> dict[str, set[str]]:
    """Return per job the jobs that together with it demand more than an instant resource."""
    clash: dict[str, set[str]] = {job.id: set() for job in jobs}
    for resource in problem.resources:
        if resource.period_units:
            continue
        users = sorted((j for j in jobs if j.demands.get(resource.id, 0) > 0),
                       key=lambda j: -j.demands[resource.id])
        for i, a in enumerate(users):
            for b in users[i + 1:]:
                if a.demands[resource.id] + b.demands[resource.id] <= resource.capacity:
                    break  # sorted by demand: no later job clashes with ``a`` either
                clash[a.id].add(b.id)
                clash[b.id].add(a.id)
    return clash


def _ordered_pairs(problem: ProjectProblem) -> dict[str, set[str]] | None:
    """Return per job the jobs a chain of end-to-start lags puts wholly before or after it."""
    order = topological_order(problem)
    if order is None:
        return None
    duration = {job.id: job.duration_units for job in problem.jobs}
    into: dict[str, list[str]] = {}
    for lag in problem.lags:
        if lag.min_units >= duration[lag.before]:
            into.setdefault(lag.after, []).append(lag.before)
    before: dict[str, set[str]] = {}
    for job in order:
        before[job] = set()
        for b in into.get(job, ()):
            before[job] |= {b} | before[b]
    either: dict[str, set[str]] = {job: set(found) for job, found in before.items()}
    for job, found in before.items():
        for b in found:
            either[b].add(job)
    return either


def identical_groups(problem: ProjectProblem) -> list[tuple[str, ...]]:
    """Return groups of two or more interchangeable jobs, in the problem's order."""
    named = _jobs_in_costs(problem)
    into: dict[str, list] = {}
    out: dict[str, list] = {}
    for lag in problem.lags:
        into.setdefault(lag.after, []).append((lag.before, lag.min_units, lag.max_units))
        out.setdefault(lag.before, []).append((lag.after, lag.min_units, lag.max_units))
    finish = set(problem.finish)
    groups: dict[tuple, list[str]] = {}
    for job in problem.jobs:
        if job.id in named:
            continue
        key = (job.duration_units, tuple(sorted(job.demands.items())), job.starts,
               tuple(sorted(into.get(job.id, []), key=str)),
               tuple(sorted(out.get(job.id, []), key=str)), job.id in finish)
        groups.setdefault(key, []).append(job.id)
    return [tuple(group) for group in groups.values() if len(group) > 1]


def _jobs_in_costs(problem: ProjectProblem) -> set[str]:
    found = set()
    for cost in problem.costs:
        found |= set(getattr(cost, "jobs", ())) | ({cost.job} if hasattr(cost, "job") else set())
    return found
