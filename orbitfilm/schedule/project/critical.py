"""The chain of jobs that sets a job's start in a schedule: what each one waited for.

Walking back from a job, each step asks why it did not start one unit earlier: a lag from
a job before it was tight (``lag``), a resource it needs was full until another job ended
(``resource``), or its calendar allowed no earlier start (``calendar``), in which case the
step asks the same of the last start its calendar did allow. The walk stops at a job that
started as early as anything allows (``first``), or at one that could have started earlier
and was placed later for the second goal (``placed``).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from .problem import ProjectProblem


@dataclass(frozen=True)
class Link:
    """One job of the chain, and what held it: ``by`` is the job before it in the chain."""

    job: str
    reason: str                 # first | lag | resource | calendar | placed
    by: str | None = None
    resource: str | None = None
    blocked_at: int | None = None   # for calendar: the earlier start that was not possible


def critical_chain(problem: ProjectProblem, starts: dict[str, int], target: str) -> list[Link]:
    """Return the chain that sets ``target``'s start, first job first."""
    view = _View(problem, starts)
    chain, seen, job = [], set(), target
    while job is not None and job not in seen:
        seen.add(job)
        link = view.why(job)
        chain.append(link)
        job = link.by
    return list(reversed(chain))


class _View:
    """A schedule with quick answers to "could this job have started at that unit?"."""

    def __init__(self, problem: ProjectProblem, starts: dict[str, int]):
        self.problem, self.starts = problem, starts
        self.jobs = {job.id: job for job in problem.jobs}
        self.resources = {r.id: r for r in problem.resources}
        self.into: dict[str, list] = {}
        for lag in problem.lags:
            self.into.setdefault(lag.after, []).append(lag)

    def why(self, job_id: str) -> Link:
        start = self.starts[job_id]
        tight = [lag for lag in self.into.get(job_id, [])
                 if self.starts[lag.before] + lag.min_units == start]
        if tight:
            return Link(job_id, "lag", by=tight[0].before)
        earlier = self._previous_start(job_id, start)
        if earlier is None:
            return Link(job_id, "first")
        blocker = self._blocker(job_id, earlier)
        if blocker is None:
            return Link(job_id, "placed")
        if earlier != start - 1:
            return Link(job_id, "calendar", by=blocker[1], resource=blocker[2],
                        blocked_at=earlier)
        kind, by, resource = blocker
        return Link(job_id, kind, by=by, resource=resource)

    def _previous_start(self, job_id: str, start: int) -> int | None:
        """Return the last start before ``start`` that the job's calendar allows."""
        ranges = self.jobs[job_id].starts
        if not ranges:
            return start - 1 if start > 0 else None
        index = bisect_right([low for low, _ in ranges], start - 1) - 1
        if index < 0:
            return None
        low, high = ranges[index]
        return min(high, start - 1)

    def _blocker(self, job_id: str, at: int):
        """Return why the job could not start at ``at``: a lag or a full resource, or None."""
        for lag in self.into.get(job_id, []):
            if self.starts[lag.before] + lag.min_units > at:
                return ("lag", lag.before, None)
        job = self.jobs[job_id]
        for resource_id, demand in job.demands.items():
            found = self._full(resource_id, demand, job_id, at, at + job.duration_units)
            if found is not None:
                return ("resource", found, resource_id)
        return None

    def _full(self, resource_id: str, demand: int, job_id: str, start: int, end: int):
        """Return the job that ends last among those filling the resource, or None."""
        resource = self.resources.get(resource_id)
        if resource is None:
            return None
        others = [j for j in self.problem.jobs
                  if j.id != job_id and j.demands.get(resource_id, 0) > 0]
        if resource.period_units:
            period = start // resource.period_units
            users = [j for j in others if self.starts[j.id] // resource.period_units == period]
            used = sum(j.demands[resource_id] for j in users)
            if used + demand > resource.capacity and users:
                return max(users, key=lambda j: self.starts[j.id]).id
            return None
        users = [j for j in others
                 if self.starts[j.id] < end and start < self.starts[j.id] + j.duration_units]
        if not users:
            return None
        peak = max(sum(j.demands[resource_id] for j in users
                       if self.starts[j.id] <= t < self.starts[j.id] + j.duration_units)
                   for t in {max(start, self.starts[j.id]) for j in users})
        if peak + demand > resource.capacity:
            return max(users, key=lambda j: self.starts[j.id] + j.duration_units).id
        return None
