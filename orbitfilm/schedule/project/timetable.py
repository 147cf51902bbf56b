"""A first schedule for projects on calendars: the serial scheme with allowed starts and periods.

The training planner's projects are not plain (``heuristic.is_plain``): each job may start
only in its calendar's ranges, and some resources count per period (a person's hours a day,
a centrifuge's sessions a day). The serial scheme still applies (Kolisch 1996): take the
eligible job whose latest start is soonest, and start it at the first allowed time from its
lags on where every instant resource has room all along and every period resource has room
in the period it starts. The schedule it gives is valid by construction; it is the solver's
hint and the answer the solver falls back on, so a short time limit still returns a plan.

The scheme never goes back: it fails (returns None) when a job finds no start, e.g. a fixed
date its prerequisites cannot make, or a maximum lag the resources push past. The solver
then starts without a hint, as before.
"""

from __future__ import annotations

import heapq

import numpy as np

from .bounds import heads, tails, topological_order
from .problem import Job, ProjectProblem


def timetable_schedule(problem: ProjectProblem) -> dict[str, int] | None:
    """Return a schedule of ``problem`` by the serial scheme on calendars, or None.

    When a job finds no start, the scheme starts again with that job and every job it lags
    behind taken first (they had been crowded out by jobs that could wait), a few times.
    """
    order = topological_order(problem)
    if order is None:
        return None
    keys = _priorities(problem, order)
    into, out = _lags_by_job(problem)
    urgent: set[str] = set()
    for _ in range(RETRIES + 1):
        starts, stuck = _serial(problem, keys, into, out, urgent)
        if stuck is None:
            return starts
        if stuck in urgent:
            return None
        urgent |= _ancestors(stuck, into)
    return None


RETRIES = 8     # restarts with a crowded-out job first; each costs one pass (~0.2 s)


def _serial(problem, keys, into, out, urgent) -> tuple[dict[str, int], str | None]:
    """One pass of the scheme: the starts, and the job that found none (None when all fit)."""
    board = _Board(problem)
    jobs = {job.id: job for job in problem.jobs}
    waiting = {job.id: len(into.get(job.id, ())) for job in problem.jobs}
    rank = {j: (j not in urgent, *key) for j, key in keys.items()}
    eligible = [(rank[j], j) for j, count in waiting.items() if count == 0]
    heapq.heapify(eligible)
    starts: dict[str, int] = {}
    while eligible:
        _, job_id = heapq.heappop(eligible)
        lags = into.get(job_id, ())
        earliest = max([0] + [starts[lag.before] + lag.min_units for lag in lags])
        latest = min([board.horizon] + [starts[lag.before] + lag.max_units for lag in lags
                                        if lag.max_units is not None])
        start = board.first_fit(jobs[job_id], earliest, latest)
        if start is None:
            return starts, job_id
        board.place(jobs[job_id], start)
        starts[job_id] = start
        for lag in out.get(job_id, ()):
            waiting[lag.after] -= 1
            if waiting[lag.after] == 0:
                heapq.heappush(eligible, (rank[lag.after], lag.after))
    return starts, None


def _ancestors(job_id: str, into: dict) -> set[str]:
    """Return ``job_id`` and every job it lags behind, directly or not."""
    found, todo = {job_id}, [job_id]
    while todo:
        for lag in into.get(todo.pop(), ()):
            if lag.before not in found:
                found.add(lag.before)
                todo.append(lag.before)
    return found


def _priorities(problem: ProjectProblem, order: list[str]) -> dict[str, tuple]:
    """Per job (deadline, latest start, earliest start, list position), soonest first.

    The deadline is the last start the job's calendar allows, or sooner when a job after it
    must start by its own deadline (a final simulation before a closing date). The latest
    start from the chains to the finish breaks ties; a job with neither goes last.
    """
    early, late = heads(problem, order), tails(problem, order)
    length = max([early[j] + (late[j] or 0) for j in order] or [0])
    unbound = problem.horizon_units + 1
    deadline = {job.id: job.starts[-1][1] if job.starts else unbound for job in problem.jobs}
    out: dict[str, list] = {}
    for lag in problem.lags:
        out.setdefault(lag.before, []).append(lag)
    for job in reversed(order):
        deadline[job] = min([deadline[job]] + [deadline[lag.after] - lag.min_units
                                               for lag in out.get(job, ())])
    position = {job.id: i for i, job in enumerate(problem.jobs)}
    return {j: (deadline[j], length - late[j] if late[j] is not None else unbound, early[j],
                position[j])
            for j in order}


def _lags_by_job(problem: ProjectProblem) -> tuple[dict, dict]:
    into: dict[str, list] = {}
    out: dict[str, list] = {}
    for lag in problem.lags:
        into.setdefault(lag.after, []).append(lag)
        out.setdefault(lag.before, []).append(lag)
    return into, out


class _Board:
    """What is left of every resource: room per instant, or per period for period resources."""

    def __init__(self, problem: ProjectProblem):
        self.horizon = problem.horizon_units
        self.free = {r.id: np.full(self.horizon + 1, r.capacity, dtype=np.int64)
                     for r in problem.resources if not r.period_units}
        self.period = {r.id: r.period_units for r in problem.resources if r.period_units}
        self.left = {r.id: np.full(self.horizon // r.period_units + 1, r.capacity,
                                   dtype=np.int64)
                     for r in problem.resources if r.period_units}

    def first_fit(self, job: Job, earliest: int, latest: int) -> int | None:
        """Return the first allowed start in ``[earliest, latest]`` with room, or None."""
        latest = min(latest, self.horizon - job.duration_units)
        if latest < earliest:
            return None
        times = np.arange(earliest, latest + 1)
        ok = _allowed(job, times)
        for resource, demand in job.demands.items():
            if demand <= 0:
                continue
            if resource in self.free:
                ok &= self._room_all_along(resource, demand, job.duration_units, times)
            else:
                ok &= self.left[resource][times // self.period[resource]] >= demand
        found = np.flatnonzero(ok)
        return int(times[found[0]]) if found.size else None

    def _room_all_along(self, resource: str, demand: int, duration: int,
                        times: np.ndarray) -> np.ndarray:
        if duration == 0:
            return np.ones(times.size, dtype=bool)
        blocked = self.free[resource] < demand
        counts = np.concatenate(([0], np.cumsum(blocked)))
        return counts[times + duration] - counts[times] == 0

    def place(self, job: Job, start: int) -> None:
        for resource, demand in job.demands.items():
            if resource in self.free:
                self.free[resource][start:start + job.duration_units] -= demand
            elif resource in self.left:
                self.left[resource][start // self.period[resource]] -= demand


def _allowed(job: Job, times: np.ndarray) -> np.ndarray:
    """Say for each of ``times`` whether the job's calendar lets it start then."""
    if not job.starts:
        return np.ones(times.size, dtype=bool)
    firsts = np.array([first for first, _ in job.starts])
    lasts = np.array([last for _, last in job.starts])
    # The range that could hold each time is the last one starting at or before it.
    at = np.searchsorted(firsts, times, side="right") - 1
    return (at >= 0) & (times <= lasts[np.maximum(at, 0)])
