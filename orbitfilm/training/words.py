"""Sentences about a training plan: what a session waited for, why no plan exists.

The core speaks of jobs, lags and resources; a training manager speaks of sessions,
prerequisites, people and facilities. This module translates, using the job and resource
ids ``build`` gave (``ACTIVITY/GROUP/N``, ``milestone/ID``, ``person:ID``, ``hours-day:ID``,
``hours-week:ID``, ``facility:ID``, ``facility-day:ID``).
"""

from __future__ import annotations

import numpy as np

from ..schedule.project.critical import Link
from .calendar import (UNITS_PER_DAY, facility_open_days, holiday_mask, period_mask,
                       trainee_free_days, weekday_mask)


def job_name(problem, job: str) -> str:
    """Return a job as a person reads it: "Centrifuge runs 3 (peresild)", "Admitted"."""
    if job in problem.milestones:
        milestone = _milestone(problem, problem.milestones[job])
        return milestone.name or milestone.id
    session = problem.sessions[job]
    activity = _activity(problem, session.activity)
    number = f" {session.number}" if activity.sessions > 1 else ""
    return f"{activity.name or activity.id}{number} ({', '.join(session.people)})"


def link_sentence(problem, starts: dict[str, int], link: Link) -> str:
    """Return what a job of the critical chain waited for, in a sentence."""
    if link.reason == "first":
        fixed = _fixed_date(problem, link.job)
        return (f"fixed by the agency on {fixed}" if fixed else
                "as early as the programme allows")
    if link.reason == "placed":
        return "placed here (it could have started earlier)"
    by = job_name(problem, link.by) if link.by else ""
    if link.reason == "lag":
        return _after_sentence(problem, link)
    if link.reason == "resource":
        return f"{resource_words(problem, link.resource)}: {by}"
    when = problem.axis.date_of(link.blocked_at // UNITS_PER_DAY)
    closed = closed_words(problem, link.job, link.blocked_at // UNITS_PER_DAY + 1,
                          starts[link.job] // UNITS_PER_DAY)
    held = resource_words(problem, link.resource) if link.resource else "after"
    return f"could not start by {when} ({held}: {by}); then {closed}"


def _fixed_date(problem, job: str):
    """Return the date the agency fixed for a milestone job, or None."""
    milestone_id = problem.milestones.get(job)
    if milestone_id is None:
        return None
    return next((m.date for m in problem.training.milestones if m.id == milestone_id), None)


def _after_sentence(problem, link: Link) -> str:
    before, after = problem.sessions.get(link.by), problem.sessions.get(link.job)
    if before and after and before.activity == after.activity and before.group == after.group:
        activity = _activity(problem, after.activity)
        if activity.min_gap_days:
            return f"{activity.min_gap_days} days after session {before.number}"
        return f"after session {before.number}"
    return f"after {job_name(problem, link.by)}"


def resource_words(problem, resource: str | None) -> str:
    """Return what a full resource means: "peresild's 8 training hours that day"."""
    kind, _, key = (resource or "").partition(":")
    training = problem.training
    if kind == "person":
        return f"{key} was busy"
    if kind == "hours-day":
        hours = training.trainee(key).daily_h or training.daily_h
        return f"{key}'s {hours:g} training hours that day were taken"
    if kind == "hours-week":
        hours = training.trainee(key).weekly_h or training.weekly_h
        return f"{key}'s {hours:g} training hours that week were taken"
    if kind == "facility":
        return f"{_facility_name(training, key)} was taken"
    if kind == "facility-day":
        facility = training.facility(key)
        return f"{_facility_name(training, key)}'s {facility.sessions_per_day} sessions that " \
               f"day were taken"
    return "waited"


def closed_words(problem, job: str, first_day: int, last_day: int) -> str:
    """Return why no day in ``[first_day, last_day)`` could hold a job: closed, unavailable."""
    axis, training = problem.axis, problem.training
    session = problem.sessions.get(job)
    if session is None:
        return f"the next working morning was {axis.date_of(last_day)}"
    facility = training.facility(session.facility)
    days = np.arange(first_day, max(first_day + 1, last_day))
    reasons = []
    if facility.windows and not period_mask(axis, facility.windows)[days].any():
        reasons.append(f"{_facility_name(training, facility.id)} flies only in its windows")
    elif holiday_mask(axis, facility.calendar or training.calendar)[days].any():
        reasons.append("a public holiday")
    for person in session.people:
        if not trainee_free_days(axis, training.trainee(person))[days].any():
            reasons.append(f"{person} was unavailable")
    if not reasons and not weekday_mask(axis, facility.days or training.days)[days].any():
        reasons.append("the weekend")
    what = ", ".join(reasons) if reasons else "no working hours were left"
    return f"{what}, until {axis.date_of(last_day)}"


def infeasible_reasons(problem, solved) -> list[str]:
    """Return why a programme has no plan: sessions with no possible day, fixed dates missed."""
    reasons = [_empty_sentence(problem, empty) for empty in problem.empty]
    reasons += fixed_date_misses(problem)
    if not reasons:
        if solved is not None and solved.status.value == "unknown":
            reasons.append("no plan was found in the time given (try a longer --time-limit)")
        else:
            reasons.append("no plan meets every rule: the sessions do not fit the facilities' "
                           "capacities and the trainees' hours before the fixed dates")
    return reasons


def _empty_sentence(problem, empty) -> str:
    axis, training = problem.axis, problem.training
    activity = _activity(problem, empty.activity)
    facility = training.facility(empty.facility)
    open_days = facility_open_days(axis, training, facility)
    last_open = axis.date_of(int(np.flatnonzero(open_days)[-1])) if open_days.any() else None
    for person in empty.people:
        free = trainee_free_days(axis, training.trainee(person))
        if not (free & open_days).any():
            first_free = axis.date_of(int(np.flatnonzero(free)[0])) if free.any() else None
            return (f"{activity.name or activity.id}: {person} is free only from {first_free}, "
                    f"and {_facility_name(training, facility.id)} works last on {last_open}")
    return (f"{activity.name or activity.id} ({', '.join(empty.people)}): "
            f"{_facility_name(training, facility.id)} never works on a day they are all free "
            f"before {axis.date_of(axis.days - 1)}")


def fixed_date_misses(problem) -> list[str]:
    """Return a sentence per fixed milestone that even unlimited facilities cannot make."""
    earliest, cause = earliest_starts(problem)
    found = []
    for job, milestone_id in problem.milestones.items():
        milestone = _milestone(problem, milestone_id)
        allowed = _job(problem, job).starts
        if milestone.date is None or not allowed or earliest.get(job, 0) <= allowed[0][0]:
            continue
        root = job
        while cause.get(root) is not None:
            root = cause[root]
        session = problem.sessions.get(root)
        who = _free_from(problem, session) if session else ""
        ready = problem.axis.local(earliest[job])
        found.append(f"{milestone.name or milestone.id} is fixed on {milestone.date} "
                     f"({problem.axis.local(allowed[0][0]):%H:%M}), but its prerequisites end "
                     f"{ready:%Y-%m-%d %H:%M} at the earliest, in a chain from "
                     f"{job_name(problem, root)}, which can start only on "
                     f"{problem.axis.local(earliest[root]).date()}{who}")
    return found


def _free_from(problem, session) -> str:
    for person in session.people:
        trainee = problem.training.trainee(person)
        if trainee.available_from and trainee.available_from > problem.training.start:
            return f" ({person} is free from {trainee.available_from})"
    return ""


def earliest_starts(problem) -> tuple[dict[str, int], dict[str, str | None]]:
    """Return each job's earliest start by its lags and calendar alone (no resources), and
    the job before it that pushed it past its own calendar's first start (None: nothing did).

    The lags of a checked programme run forward (no cycles), so one pass in topological
    order settles every job.
    """
    jobs = {job.id: job for job in problem.project.jobs}
    into: dict[str, list] = {job_id: [] for job_id in jobs}
    out: dict[str, list] = {job_id: [] for job_id in jobs}
    waiting = dict.fromkeys(jobs, 0)
    for lag in problem.project.lags:
        into[lag.after].append(lag)
        out[lag.before].append(lag.after)
        waiting[lag.after] += 1
    ready = [job_id for job_id, count in waiting.items() if count == 0]
    earliest, cause = {}, {}
    while ready:
        job_id = ready.pop()
        bound, by = 0, None
        for lag in into[job_id]:
            if earliest[lag.before] + lag.min_units > bound:
                bound, by = earliest[lag.before] + lag.min_units, lag.before
        earliest[job_id] = _first_allowed(jobs[job_id].starts, bound)
        cause[job_id] = by if bound > _first_allowed(jobs[job_id].starts, 0) else None
        for after in out[job_id]:
            waiting[after] -= 1
            if waiting[after] == 0:
                ready.append(after)
    return earliest, cause


def _first_allowed(ranges, at_least: int) -> int:
    for low, high in ranges:
        if high >= at_least:
            return max(low, at_least)
    return at_least if not ranges else ranges[-1][1] + 1


def _activity(problem, activity_id: str):
    return next(a for a in problem.training.activities if a.id == activity_id)


def _milestone(problem, milestone_id: str):
    return next(m for m in problem.training.milestones if m.id == milestone_id)


def _job(problem, job_id: str):
    return next(j for j in problem.project.jobs if j.id == job_id)


def _facility_name(training, facility_id: str) -> str:
    facility = training.facility(facility_id)
    return facility.name or facility.id
