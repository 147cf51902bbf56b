"""A first schedule without a solver: the serial schedule-generation scheme and priority rules.

The serial scheme (Kelley 1963; Kolisch 1996) takes the jobs one at a time, always the
eligible one (every job it lags behind placed) that a priority rule ranks first, and starts
it at the earliest time its lags and the resources' remaining room allow. A few classic
rules (latest finish, latest start, most total successors, greatest rank weight) each give
a schedule; forward-backward improvement (Valls, Ballestín & Quintanilla 2005) then packs
each one right and left again while the finish drops. The best serves as the solver's
hint and its finish as the horizon.

It applies to plain projects only: no calendars, no maximum lags, no per-period resources
(what the PSPLIB sets hold). The training planner's problems go to the solver without it.
"""

from __future__ import annotations

import heapq
import random

import numpy as np

from .bounds import heads, tails, topological_order
from .problem import ProjectProblem

IMPROVEMENT_PASSES = 4      # forward-backward rounds; later ones rarely gain on PSPLIB
SAMPLED_LISTS = 6           # random-biased lists after the fixed rules, seeded


def is_plain(problem: ProjectProblem) -> bool:
    """Say whether the serial scheme can place every job of ``problem`` (see the module)."""
    return (all(not job.starts for job in problem.jobs)
            and all(lag.max_units is None for lag in problem.lags)
            and all(not r.period_units for r in problem.resources))


def list_schedule(problem: ProjectProblem, seed: int = 0) -> dict[str, int] | None:
    """Return the best serial schedule found by the rules, or None when none fits."""
    order = topological_order(problem) if is_plain(problem) else None
    if order is None:
        return None
    core = _Core(problem)
    if not core.fits():
        return None
    best = None
    for keys in _rule_keys(problem, order, core, seed):
        starts = core.improve(core.forward(keys))
        if best is None or core.score(starts) < core.score(best):
            best = starts
    if best is None or core.score(best)[0] > problem.horizon_units:
        return None
    return {job_id: int(best[i]) for i, job_id in enumerate(core.ids)}


def _rule_keys(problem, order, core, seed):
    """Yield per rule a priority per job (lower goes first), fixed rules then samples."""
    early, late = heads(problem, order), tails(problem, order)
    length = max(early[j] + (late[j] or 0) for j in order)
    latest_start = np.array([length - (late[j] or 0) for j in core.ids], dtype=float)
    latest_finish = latest_start + core.duration
    successors = _successor_counts(problem, order, core)
    rank_weight = np.array([core.duration[i] + sum(core.duration[a] for a, _ in core.after[i])
                            for i in range(core.n)], dtype=float)
    yield latest_finish
    yield latest_start
    yield -successors
    yield -rank_weight
    rng = random.Random(seed)
    spread = max(1.0, 0.15 * length)
    for _ in range(SAMPLED_LISTS):
        yield latest_finish + np.array([rng.uniform(0, spread) for _ in range(core.n)])


def _successor_counts(problem, order, core) -> np.ndarray:
    """Return per job how many jobs follow it, directly or not (the MTS rule)."""
    index = {job_id: i for i, job_id in enumerate(core.ids)}
    below: dict[str, set] = {}
    for job in reversed(order):
        found = set()
        for after, _ in core.after[index[job]]:
            found |= {after} | below[core.ids[after]]
        below[job] = found
    return np.array([len(below[j]) for j in core.ids], dtype=float)


class _Core:
    """The problem as arrays: durations, demands, capacities and the lags by job index."""

    def __init__(self, problem: ProjectProblem):
        self.ids = [job.id for job in problem.jobs]
        self.n = len(self.ids)
        index = {job_id: i for i, job_id in enumerate(self.ids)}
        resources = [r.id for r in problem.resources]
        self.capacity = np.array([r.capacity for r in problem.resources], dtype=int)
        self.demand = np.array([[job.demands.get(r, 0) for r in resources]
                                for job in problem.jobs], dtype=int).reshape(self.n, -1)
        self.duration = np.array([job.duration_units for job in problem.jobs], dtype=int)
        self.before = [[] for _ in range(self.n)]
        self.after = [[] for _ in range(self.n)]
        for lag in problem.lags:
            b, a = index[lag.before], index[lag.after]
            self.before[a].append((b, lag.min_units))
            self.after[b].append((a, lag.min_units))
        finish = problem.finish or self.ids
        self.finish = np.array([index[j] for j in finish], dtype=int)
        # Long enough for any serial schedule, forward or mirrored: every job after all
        # others, with every gap (a mirrored gap is at most a lag plus a duration).
        gaps = sum(abs(lag.min_units) for lag in problem.lags)
        self.length = int(2 * (self.duration.sum() + gaps) + 1)

    def fits(self) -> bool:
        return bool((self.demand <= self.capacity).all())

    def score(self, starts: np.ndarray) -> tuple[int, int]:
        ends = starts + self.duration
        return int(ends[self.finish].max(initial=0)), int(ends.max(initial=0))

    def forward(self, keys) -> np.ndarray:
        return _serial(keys, self.before, self.after, self.duration, self.demand,
                       self.capacity, self.length)

    def backward(self, keys) -> np.ndarray:
        """Schedule on mirrored time: a lag ``b -> a`` (min m) binds a's end to b's end."""
        before = [[(a, m + self.duration[a] - self.duration[b]) for a, m in self.after[b]]
                  for b in range(self.n)]
        after = [[] for _ in range(self.n)]
        for b in range(self.n):
            for a, m in before[b]:
                after[a].append((b, m))
        mirrored = _serial(keys, before, after, self.duration, self.demand, self.capacity,
                           self.length)
        ends = mirrored + self.duration
        return ends.max(initial=0) - ends

    def improve(self, starts: np.ndarray) -> np.ndarray:
        """Pack right (latest end first) and left again while the finish drops."""
        best = starts
        for _ in range(IMPROVEMENT_PASSES):
            right = self.backward(-(best + self.duration).astype(float))
            left = self.forward(right.astype(float))
            if self.score(left) >= self.score(best):
                break
            best = left
        return best


def _serial(keys, before, after, duration, demand, capacity, length) -> np.ndarray:
    """Place jobs by the serial scheme: eligible job of lowest key, at its earliest fit."""
    n = len(duration)
    free = np.tile(capacity[:, None], (1, length)) if capacity.size else np.zeros((0, length))
    waiting = [len(b) for b in before]
    heap = [(keys[i], i) for i in range(n) if waiting[i] == 0]
    heapq.heapify(heap)
    starts = np.zeros(n, dtype=int)
    while heap:
        _, job = heapq.heappop(heap)
        earliest = max([0] + [int(starts[b]) + m for b, m in before[job]])
        start = _first_fit(free, demand[job], int(duration[job]), earliest)
        starts[job] = start
        free[:, start:start + duration[job]] -= demand[job][:, None]
        for a, _ in after[job]:
            waiting[a] -= 1
            if waiting[a] == 0:
                heapq.heappush(heap, (keys[a], a))
    return starts


def _first_fit(free: np.ndarray, demand: np.ndarray, duration: int, earliest: int) -> int:
    """Return the first start from ``earliest`` with room for ``demand`` all along."""
    if duration == 0 or not demand.any():
        return earliest
    blocked = ~(free[:, earliest:] >= demand[:, None]).all(axis=0)
    counts = np.concatenate(([0], np.cumsum(blocked)))
    clear = np.flatnonzero(counts[duration:] - counts[:-duration] == 0)
    return earliest + int(clear[0])
