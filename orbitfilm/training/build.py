"""Turn a training programme into a project schedule: sessions as jobs on the quarter-hour axis.

Each activity gives, for each group that takes it together (a person, a crew, everyone
named), ``sessions`` jobs in a chain. A job holds its people (one session at a time each),
its facility (people, crews or sessions at once) and counts against its people's hours a
day and a week and its facility's sessions a day (periods of the core). Its allowed starts
are the hours of the days its facility works and all its people are free. Milestones are
jobs of no duration at a working morning (or on their fixed date). The goal: the cleared
milestone as early as possible, then the fewest facility-days, then the fewest wishes given up.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import numpy as np

from ..production.training import Activity, Training, hours_span_min
from ..production.training_checks import who_of
from ..schedule.project import (Job, Lag, PeriodUse, ProjectProblem, Resource,
                                StartPenalty)
from .calendar import (UNIT_MIN, UNITS_PER_DAY, UNITS_PER_WEEK, TimeAxis, agency_open_days,
                       facility_hours_min, facility_open_days, runs_of, trainee_free_days,
                       units_of_hours)


@dataclass(frozen=True)
class Session:
    """One session of an activity for one group, as the job ``job`` of the project."""

    job: str
    activity: str
    number: int                 # 1, 2, ... within its group
    group: str                  # a person id, a crew id or "all"
    people: tuple[str, ...]
    facility: str
    duration_units: int


@dataclass(frozen=True)
class Empty:
    """A session that can start nowhere: the days its facility and its people never share."""

    activity: str
    group: str
    people: tuple[str, ...]
    facility: str


@dataclass(frozen=True)
class TrainingProblem:
    """A programme as the core's project, with what each job stands for."""

    training: Training
    axis: TimeAxis
    project: ProjectProblem
    sessions: dict[str, Session]
    milestones: dict[str, str]   # job id -> milestone id
    cleared_job: str | None
    empty: tuple[Empty, ...] = ()


def build_training_problem(training: Training, start: date | None = None) -> TrainingProblem:
    """Return the project of a (checked) training programme starting on ``start``."""
    if start is not None:
        training = training.model_copy(update={"start": start})
    axis = TimeAxis.of(training)
    jobs, lags, sessions, groups, empty = [], [], {}, {}, []
    for activity in training.activities:
        built = _activity_jobs(training, axis, activity)
        groups[activity.id] = built.groups
        jobs += built.jobs
        lags += built.lags
        sessions.update(built.sessions)
        empty += built.empty
    milestone_jobs = _milestone_jobs(training, axis)
    jobs += milestone_jobs
    lags += _prerequisite_lags(training, groups, sessions)
    milestones = {f"milestone/{m.id}": m.id for m in training.milestones}
    cleared = training.cleared_milestone()
    cleared_job = f"milestone/{cleared.id}" if cleared else None
    resources = _resources(training)
    held = {resource.id for resource in resources}
    jobs = [replace(job, demands={r: n for r, n in job.demands.items() if r in held})
            for job in jobs]
    project = ProjectProblem(
        jobs=tuple(jobs), lags=tuple(lags), resources=tuple(resources),
        horizon_units=axis.horizon_units, finish=(cleared_job,) if cleared_job else (),
        costs=tuple(_costs(training, axis, sessions)), name="training")
    return TrainingProblem(training, axis, project, sessions, milestones, cleared_job,
                           tuple(empty))


# -- sessions -------------------------------------------------------------------------------

@dataclass
class _Built:
    jobs: list
    lags: list
    sessions: dict
    groups: dict   # group id -> list of job ids in order
    empty: list


def groups_of(training: Training, activity: Activity) -> list[tuple[str, tuple[str, ...]]]:
    """Return who takes an activity together: (group id, people) in the programme's order."""
    trainees = who_of(training, activity)
    if activity.together == "each":
        return [(person, (person,)) for person in trainees]
    if activity.together == "all":
        return [("all", tuple(trainees))]
    return [(crew.id, tuple(p for p in crew.people if p in trainees))
            for crew in training.crews if set(crew.people) & set(trainees)]


def _activity_jobs(training: Training, axis: TimeAxis, activity: Activity) -> _Built:
    facility = training.facility(activity.facility)
    open_min, close_min = facility_hours_min(training, facility)
    duration = _duration_units(activity, open_min, close_min)
    slack = 0 if activity.duration_days else (close_min - open_min) // UNIT_MIN - duration
    built = _Built([], [], {}, {}, [])
    for group, people in groups_of(training, activity):
        starts = _starts(training, axis, activity, people, duration, open_min, close_min)
        if not starts:
            built.empty.append(Empty(activity.id, group, people, facility.id))
        demands = _demands(training, activity, people, duration)
        chain = []
        for number in range(1, activity.sessions + 1):
            job = f"{activity.id}/{group}/{number}"
            built.jobs.append(Job(job, duration, demands, starts))
            built.sessions[job] = Session(job, activity.id, number, group, people, facility.id,
                                          duration)
            chain.append(job)
        built.lags += _spacing(activity, chain, duration, slack)
        built.groups[group] = chain
    return built


def _duration_units(activity: Activity, open_min: int, close_min: int) -> int:
    if activity.duration_days:
        return (activity.duration_days - 1) * UNITS_PER_DAY + (close_min - open_min) // UNIT_MIN
    return units_of_hours(activity.duration_h)


def _starts(training, axis, activity, people, duration, open_min, close_min):
    """Return the start ranges of a session: working hours of the days all can share."""
    days = facility_open_days(axis, training, training.facility(activity.facility))
    for person in people:
        days &= trainee_free_days(axis, training.trainee(person))
    length = activity.duration_days or 1
    first = runs_of(days, length)
    if activity.earliest is not None:
        first[:max(0, axis.day_of(activity.earliest))] = False
    if activity.latest is not None:
        first[max(0, axis.day_of(activity.latest) - length + 2):] = False
    day_index = np.flatnonzero(first)
    low = day_index * UNITS_PER_DAY + open_min // UNIT_MIN
    high = low if activity.duration_days else \
        day_index * UNITS_PER_DAY + close_min // UNIT_MIN - duration
    keep = (high >= low) & (low + duration <= axis.horizon_units)
    return tuple(zip(low[keep].tolist(), high[keep].tolist()))


def _demands(training: Training, activity: Activity, people, duration: int) -> dict[str, int]:
    facility = training.facility(activity.facility)
    crews = {crew.id for crew in training.crews for p in people if p in crew.people}
    held = {"people": len(people), "crews": max(1, len(crews)), "sessions": 1}[facility.counts]
    day_units = min(duration, UNITS_PER_DAY)
    if activity.duration_days:
        open_min, close_min = facility_hours_min(training, facility)
        day_units = (close_min - open_min) // UNIT_MIN
    demands = {f"facility:{facility.id}": held}
    if facility.sessions_per_day:
        demands[f"facility-day:{facility.id}"] = 1
    for person in people:
        demands[f"person:{person}"] = 1
        demands[f"hours-day:{person}"] = day_units
        demands[f"hours-week:{person}"] = day_units * (activity.duration_days or 1)
    return demands


def _spacing(activity: Activity, chain: list[str], duration: int, slack: int) -> list[Lag]:
    """Return the lags between a group's consecutive sessions.

    Spacing is counted in calendar days: session k+1 on a day at least ``min_gap_days``
    (at most ``max_gap_days``) after session k's. With the same working hours every day,
    the start-to-start distance ``N days - slack`` (``+ slack``) says exactly that, where
    ``slack`` is how much later in its day a session may start than at opening.
    """
    low = duration
    if activity.min_gap_days:
        low = max(duration, activity.min_gap_days * UNITS_PER_DAY - slack)
    high = None
    if activity.max_gap_days is not None:
        high = max(low, activity.max_gap_days * UNITS_PER_DAY + slack)
    return [Lag(before, after, low, high) for before, after in zip(chain, chain[1:])]


# -- milestones and prerequisites -----------------------------------------------------------

def _milestone_jobs(training: Training, axis: TimeAxis) -> list[Job]:
    """Return a job of no duration per milestone: at a working morning, or its fixed date."""
    morning = hours_span_min(training.hours)[0]
    open_days = np.flatnonzero(agency_open_days(axis, training))
    anytime = tuple((int(u), int(u)) for u in open_days * UNITS_PER_DAY + morning // UNIT_MIN)
    jobs = []
    for milestone in training.milestones:
        starts = anytime
        if milestone.date is not None:
            unit = axis.unit_of_day(axis.day_of(milestone.date), morning)
            starts = ((unit, unit),) if 0 <= unit <= axis.horizon_units else ()
        jobs.append(Job(f"milestone/{milestone.id}", 0, {}, starts))
    return jobs


def _prerequisite_lags(training: Training, groups: dict, sessions: dict) -> list[Lag]:
    """Return the lags of ``after``: each group's first session after the prerequisite's
    last session of every group it shares a person with; milestones after all of it."""
    lags = []
    for activity in training.activities:
        for group, chain in groups[activity.id].items():
            people = set(sessions[chain[0]].people)
            for before in activity.after:
                lags += _after(before, chain[0], people, groups, sessions)
    for milestone in training.milestones:
        for before in milestone.after:
            lags += _after(before, f"milestone/{milestone.id}", None, groups, sessions)
    return lags


def _after(before: str, job: str, people: set | None, groups: dict, sessions: dict):
    if before not in groups:  # a milestone
        return [Lag(f"milestone/{before}", job, 0)]
    found = []
    for chain in groups[before].values():
        last = sessions[chain[-1]]
        if people is None or people & set(last.people):
            found.append(Lag(last.job, job, last.duration_units))
    return found


# -- resources and costs --------------------------------------------------------------------

def _resources(training: Training) -> list[Resource]:
    found = []
    for facility in training.facilities:
        found.append(Resource(f"facility:{facility.id}", facility.capacity))
        if facility.sessions_per_day:
            found.append(Resource(f"facility-day:{facility.id}", facility.sessions_per_day,
                                  UNITS_PER_DAY))
    for trainee in training.people:
        daily = units_of_hours(trainee.daily_h or training.daily_h)
        weekly = units_of_hours(trainee.weekly_h or training.weekly_h)
        found.append(Resource(f"person:{trainee.id}", 1))
        found.append(Resource(f"hours-day:{trainee.id}", daily, UNITS_PER_DAY))
        # A week's limit that the days' limits already keep (8 h on 5 days against 40 h) is
        # left out: the core's week periods would only slow the search.
        if weekly < daily * len(training_weekdays(training, trainee)):
            found.append(Resource(f"hours-week:{trainee.id}", weekly, UNITS_PER_WEEK))
    return found


def training_weekdays(training: Training, trainee) -> set[str]:
    """Return the weekdays a trainee could train: any facility's working day, less rest days."""
    days = set(training.days)
    for facility in training.facilities:
        days |= set(facility.days or training.days)
    return days - set(trainee.rest_days)


def _costs(training: Training, axis: TimeAxis, sessions: dict) -> list:
    """Return each facility's days open (weighted above every wish) and each wish."""
    wishes = []
    for trainee in training.people:
        ranges = tuple((axis.day_of(p.start) * UNITS_PER_DAY,
                        (axis.day_of(p.end) + 1) * UNITS_PER_DAY - 1) for p in trainee.avoid)
        if ranges:
            wishes += [StartPenalty(job, ranges, 1) for job, s in sessions.items()
                       if trainee.id in s.people]
    weight = len(wishes) + 1
    days = [PeriodUse(tuple(job for job, s in sessions.items() if s.facility == f.id),
                      UNITS_PER_DAY, weight) for f in training.facilities]
    return [use for use in days if use.jobs] + wishes
