"""The training planner on programmes small enough to plan by hand.

Each test writes a tiny production with a ``[training]`` table, plans it, and checks the
sessions, the cleared date and the reasons against arithmetic written beside it. The
calendar facts are Russia's public holidays of 2021 (Russia Day, Saturday 12 June, observed
on Monday 14 June: the ``holidays`` package, as the Russian government's decree of
10 October 2020 sets it).
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from orbitfilm.errors import InputErrors
from orbitfilm.production.loader import parse_production
from orbitfilm.training.planner import plan_training

HEAD = '''
title = "Training test"

[[people]]
id = "ann"
name = "Ann"
roles = ["actor"]
aboard = "ground"

[[people]]
id = "bob"
name = "Bob"
roles = ["director"]
aboard = "ground"
'''


def production(training: str):
    return parse_production(HEAD + training, source="training.toml")


def plan(training: str, **options):
    options.setdefault("time_limit_s", 10.0)
    options.setdefault("explain", False)
    return plan_training(production(training), **options)


def at(moment: datetime) -> str:
    return moment.strftime("%a %Y-%m-%d %H:%M")


def sessions_of(result, activity: str) -> list[str]:
    return [at(s.start) for s in result.sessions if s.activity == activity]


ONE_PERSON = '''
[training]
start = 2021-05-24          # a Monday
time_zone = "Europe/Moscow"
hours = "09:00-17:00"
daily_h = {daily_h}
people = [{{ id = "ann" }}]
facilities = [{{ id = "room" }}]

[[training.activities]]
id = "a"
facility = "room"
sessions = 3
duration_h = 2
min_gap_days = 1

[[training.activities]]
id = "b"
facility = "room"
duration_h = 4
after = ["a"]

[[training.milestones]]
id = "cleared"
after = ["b"]
cleared = true
'''


def test_sessions_a_day_apart_then_the_next_morning():
    # a: three 2 h sessions at least a day apart: Mon, Tue, Wed at 09:00. b comes after a
    # (Wed 11:00-15:00: 2 + 4 = 6 h that Wednesday, within 8). The milestone sits on the
    # next working morning: Thursday 27 May 09:00.
    result = plan(ONE_PERSON.format(daily_h=8))
    assert sessions_of(result, "a") == ["Mon 2021-05-24 09:00", "Tue 2021-05-25 09:00",
                                        "Wed 2021-05-26 09:00"]
    assert sessions_of(result, "b") == ["Wed 2021-05-26 11:00"]
    assert at(result.cleared) == "Thu 2021-05-27 09:00"
    assert result.status == "optimal"


def test_a_daily_limit_pushes_the_last_session_to_the_next_day():
    # With 5 h a day, Wednesday cannot hold a's 2 h and b's 4 h: b moves to Thursday 09:00
    # and the milestone to Friday 28 May.
    result = plan(ONE_PERSON.format(daily_h=5))
    assert sessions_of(result, "b") == ["Thu 2021-05-27 09:00"]
    assert at(result.cleared) == "Fri 2021-05-28 09:00"


def test_a_public_holiday_closes_the_facilities():
    # Training starting on Monday 14 June 2021 (Russia Day observed) begins on the 15th.
    text = ONE_PERSON.format(daily_h=8).replace("start = 2021-05-24          # a Monday",
                                                 'start = 2021-06-14\ncalendar = "RU"')
    result = plan(text)
    assert sessions_of(result, "a")[0] == "Tue 2021-06-15 09:00"


CREWS = '''
[training]
start = 2021-09-06          # a Monday
time_zone = "Europe/Moscow"
crews = [{ id = "prime", people = ["ann", "bob"] }, { id = "backup", people = ["cat", "dan"] }]
people = [{ id = "ann" }, { id = "bob" }, { id = "cat", name = "Cat" }, { id = "dan", name = "Dan" }]

[[training.facilities]]
id = "soyuz-sim"
counts = "crews"

[[training.facilities]]
id = "rs-sim"
counts = "crews"

[[training.activities]]
id = "exam-soyuz"
facility = "soyuz-sim"
who = "everyone"
together = "crew"
duration_h = 6

[[training.activities]]
id = "exam-rs"
facility = "rs-sim"
who = "everyone"
together = "crew"
duration_h = 6

[[training.milestones]]
id = "passed"
after = ["exam-soyuz", "exam-rs"]
cleared = true
'''


def test_two_crews_swap_the_simulators_over_two_days():
    # The Challenge's exams of 8-9 Sep 2021: on the first day the prime crew on one
    # simulator and the backup on the other, swapped the next day (imag.one; 7days.ru).
    # A 6 h exam leaves no room for a second in a 9 h day, each simulator holds one crew
    # and each crew can sit one exam a day: two days, the crews on different simulators.
    result = plan(CREWS)
    days = {(s.activity, s.people[0]): s.start.date() for s in result.sessions}
    assert days[("exam-soyuz", "ann")] != days[("exam-rs", "ann")]
    assert days[("exam-soyuz", "ann")] == days[("exam-rs", "cat")]
    assert days[("exam-rs", "ann")] == days[("exam-soyuz", "cat")]
    assert sorted(set(days.values())) == [date(2021, 9, 6), date(2021, 9, 7)]
    assert at(result.cleared) == "Wed 2021-09-08 09:00"


BOTTLENECK = '''
[training]
start = 2021-05-24
time_zone = "Europe/Moscow"
people = [{ id = "ann" }, { id = "bob" }, { id = "cat", name = "Cat" }]
facilities = [{ id = "centrifuge", capacity = 1 }]

[[training.activities]]
id = "spin"
facility = "centrifuge"
duration_h = 8

[[training.milestones]]
id = "cleared"
after = ["spin"]
cleared = true
'''


def test_what_would_clear_the_crew_earlier():
    # Three people need a day each in a centrifuge that takes one at a time: Mon, Tue, Wed,
    # cleared on Thursday 27 May. With a second place the three fit in two days: cleared on
    # Wednesday, a day earlier.
    result = plan(BOTTLENECK, explain=True)
    assert at(result.cleared) == "Thu 2021-05-27 09:00"
    gains = {b.change: b.gain_days for b in result.bottlenecks}
    assert gains.get("centrifuge takes 2 people at once instead of 1") == 1
    assert any("centrifuge" in link["why"] for link in result.critical)
    # Small enough to prove: the plan and every relaxed plan are optimal, so each gain is
    # a fact of the programme, and planning again gives the same figures.
    assert all(b.proven for b in result.bottlenecks)
    again = plan(BOTTLENECK, explain=True)
    assert [(b.change, b.gain_days) for b in again.bottlenecks] == [
        (b.change, b.gain_days) for b in result.bottlenecks]


UNDATED_MILESTONE = ONE_PERSON.format(daily_h=8).replace(
    '[[training.milestones]]\nid = "cleared"',
    '[[training.milestones]]\nid = "medical"\nafter = ["a"]\n\n'
    '[[training.milestones]]\nid = "cleared"')


def test_earliest_milestones_pulls_a_late_milestone_back_to_its_first_morning():
    # The rule itself, on a solution that left the medical late (as CP-SAT may: nothing
    # but the cleared date is pulled forward). The medical waits only for a, whose last
    # session ends Wednesday 26 May at 11:00 (the plan of the test above): it moves to the
    # next working morning, Thursday 27 May, 09:00 Moscow.
    from dataclasses import replace

    from orbitfilm.schedule.project.solve import solve_project
    from orbitfilm.training.build import build_training_problem
    from orbitfilm.training.planner import earliest_milestones

    problem = build_training_problem(production(UNDATED_MILESTONE).training)
    solved = solve_project(problem.project, time_limit_s=5.0, workers=1, deterministic=True)
    job = "milestone/medical"
    [allowed] = [j.starts for j in problem.project.jobs if j.id == job]
    late = replace(solved, starts={**solved.starts, job: allowed[-1][0]})
    moved = earliest_milestones(problem, late)
    assert at(problem.axis.local(moved.starts[job])) == "Thu 2021-05-27 09:00"
    assert at(problem.axis.local(late.starts[job])) != "Thu 2021-05-27 09:00"


def test_the_race_re_times_the_plan_with_sampled_lengths():
    # The race's scenarios re-time this plan (orbitfilm/race/training_spread.py). Planned: a
    # at 09:00-11:00 on Mon 24, Tue 25 and Wed 26 May, b on Wednesday 11:00-15:00, cleared
    # Thursday 27 May 09:00. With b three times as long (12 working hours, 09:00-17:00
    # days) it runs Wednesday 11:00-17:00 and Thursday 09:00-15:00: cleared on the next
    # working morning, Friday 28 May, a day later. As planned (factor 1) nothing moves.
    import numpy as np

    from orbitfilm.race.training_spread import training_spread

    slow = ONE_PERSON.format(daily_h=8).replace(
        'duration_h = 4\nafter = ["a"]',
        'duration_h = 4\nafter = ["a"]\nestimate = { dist = "triangular", low = 3, mode = 3, '
        'high = 3 }')
    assert "estimate" in slow
    result = plan(slow)
    assert at(result.cleared) == "Thu 2021-05-27 09:00"
    spread = training_spread(result)
    assert spread.varies
    factors = spread.draw_factors(np.random.default_rng(0), 4)
    moved = spread.cleared(factors) - result.cleared.timestamp() / 86400.0
    assert np.allclose(moved, 1.0)
    assert np.allclose(spread.cleared(np.ones_like(factors)),
                       result.cleared.timestamp() / 86400.0)
