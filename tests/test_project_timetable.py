"""The first schedule on calendars (``schedule/project/timetable.py``), checked rule by rule.

The serial scheme's schedule is what ``plan`` falls back on when the solver finds nothing in
a short time limit, so it must keep every rule of the project. The check here is written
from the definitions in ``schedule/project/problem.py`` alone (not from the scheme or the
CP-SAT model): allowed start ranges, minimum and maximum lags, instant capacities at every
unit, per-period capacities counted by the period each job starts in, the horizon.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import numpy as np
import pytest

from orbitfilm.production.examples import example_path
from orbitfilm.production.loader import load_production
from orbitfilm.schedule.project import Job, Lag, ProjectProblem, Resource
from orbitfilm.schedule.project.solve import solve_project
from orbitfilm.schedule.project.timetable import timetable_schedule
from orbitfilm.training.build import build_training_problem


def broken_rules(problem: ProjectProblem, starts: dict[str, int]) -> list[str]:
    """Return one line per rule the schedule breaks (empty when it keeps them all)."""
    broken = []
    jobs = {job.id: job for job in problem.jobs}
    assert set(starts) == set(jobs)
    for job in problem.jobs:
        start, end = starts[job.id], starts[job.id] + job.duration_units
        if start < 0 or end > problem.horizon_units:
            broken.append(f"{job.id} outside the horizon")
        if job.starts and not any(first <= start <= last for first, last in job.starts):
            broken.append(f"{job.id} starts at {start}, outside its calendar")
    for lag in problem.lags:
        gap = starts[lag.after] - starts[lag.before]
        if gap < lag.min_units or (lag.max_units is not None and gap > lag.max_units):
            broken.append(f"{lag.before} -> {lag.after}: gap {gap}")
    for resource in problem.resources:
        use = np.zeros(problem.horizon_units + 1, dtype=int)
        per_period = defaultdict(int)
        for job in problem.jobs:
            demand = job.demands.get(resource.id, 0)
            if resource.period_units:
                per_period[starts[job.id] // resource.period_units] += demand
            else:
                use[starts[job.id]:starts[job.id] + job.duration_units] += demand
        if use.max() > resource.capacity or max(per_period.values(), default=0) > resource.capacity:
            broken.append(f"{resource.id} over its capacity {resource.capacity}")
    return broken


def finish_of(problem: ProjectProblem, starts: dict[str, int]) -> int:
    jobs = {job.id: job for job in problem.jobs}
    return max(starts[j] + jobs[j].duration_units for j in problem.finish or jobs)


# The two bundled programmes, from their own start and from later ones: each a project of
# 140-280 sessions on a quarter-hour axis with working hours, holidays, campaign weeks, hours
# a day and sessions a day per facility. From a later start the Challenge's agency dates
# (medical commission 31 Aug, exams 8-9 Sep) leave the greedy scheme too little slack, so
# the later starts plan the programme as the crew's own pace would, without those dates.
CASES = [("challenge-2021", None, True), ("challenge-2021", date(2021, 6, 1), False),
         ("challenge-2021", date(2021, 8, 1), False), ("dragon-rival", None, True),
         ("dragon-rival", date(2021, 6, 1), True)]


def programme(example: str, dated: bool):
    training = load_production(example_path(example)).training
    if dated:
        return training
    undated = [m.model_copy(update={"date": None}) for m in training.milestones]
    activities = [a.model_copy(update={"earliest": None, "latest": None})
                  for a in training.activities]
    return training.model_copy(update={"milestones": undated, "activities": activities})


@pytest.mark.parametrize("example,start,dated", CASES)
def test_the_scheme_keeps_every_rule_of_a_training_programme(example, start, dated):
    problem = build_training_problem(programme(example, dated), start).project
    starts = timetable_schedule(problem)
    assert starts is not None
    assert broken_rules(problem, starts) == []


def test_the_scheme_gives_none_rather_than_miss_an_agency_date():
    # From 1 Aug 2021 the main medical commission of 31 Aug cannot be met (its
    # prerequisites alone run past it: tests/test_training_challenge.py): no schedule.
    problem = build_training_problem(programme("challenge-2021", True), date(2021, 8, 1)).project
    assert timetable_schedule(problem) is None


def test_the_solver_starts_from_the_scheme_and_never_ends_later():
    # A time limit far too short for CP-SAT to improve much on 278 sessions: the answer is
    # still a schedule, and never later than the scheme's own (it is the solver's hint and
    # the bound on the finish).
    problem = build_training_problem(
        load_production(example_path("challenge-2021")).training).project
    first = timetable_schedule(problem)
    solved = solve_project(problem, time_limit_s=0.5, workers=2, deterministic=True)
    assert solved.finish_units is not None
    assert broken_rules(problem, dict(solved.starts)) == []
    assert solved.finish_units <= finish_of(problem, first)
    assert solved.lower_bound_units <= solved.finish_units


def test_a_job_whose_successor_closes_early_is_placed_first():
    # One person, two one-day jobs. "any" is listed first; "course" must be done before
    # "visit", which can happen on day 1 only. Placing "any" first (list order) would push
    # "course" to day 1 and the visit to day 2, past its only day: the course comes first.
    day = 10
    problem = ProjectProblem(
        jobs=(Job("any", day, {"person": 1}), Job("course", day, {"person": 1}),
              Job("visit", 0, starts=((day, day),)), Job("end", 0)),
        lags=(Lag("any", "end", day), Lag("course", "visit", day), Lag("visit", "end", 0)),
        resources=(Resource("person", 1),), horizon_units=10 * day, finish=("end",))
    starts = timetable_schedule(problem)
    assert starts == {"course": 0, "visit": day, "any": day, "end": 2 * day}


def test_a_fixed_date_the_prerequisites_cannot_make_gives_no_schedule():
    # "exam" is fixed at unit 5; "course" (10 units) must end before it: no schedule exists,
    # and the scheme says so instead of breaking a rule.
    problem = ProjectProblem(
        jobs=(Job("course", 10), Job("exam", 0, starts=((5, 5),))),
        lags=(Lag("course", "exam", 10),), horizon_units=50)
    assert timetable_schedule(problem) is None
