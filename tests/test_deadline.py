"""The command's deadline: nested stages take the earlier moment, a small stage keeps its
floor, and a deterministic solve the clock stops is reported as cut (it may not repeat)."""

from __future__ import annotations

import datetime as dt
import time

from conftest import TALENT
from orbitfilm import deadline
from orbitfilm.schedule.ground import read_talent
from orbitfilm.schedule.ground.model import solve_ground_days
from orbitfilm.schedule.ground.problem import (GroundActor, GroundCalendar, GroundProblem,
                                               GroundScene)


def talent_problem(relative: str) -> GroundProblem:
    instance = read_talent(TALENT / relative)
    scenes = tuple(GroundScene(sid, d, "set", tuple(
        name for name, row in zip(instance.actor_names, instance.appears) if row[s]))
        for s, (sid, d) in enumerate(zip(instance.scene_ids, instance.durations_days)))
    actors = tuple(GroundActor(n, r) for n, r in zip(instance.actor_names, instance.day_rates))
    return GroundProblem(scenes, actors, calendar=GroundCalendar(dt.date(2021, 10, 4)))


def test_nested_deadlines_take_the_earlier_moment_and_a_floor_survives():
    assert deadline.left_s() is None  # outside a command nothing is capped
    with deadline.command_deadline(10.0):
        with deadline.command_deadline(100.0):
            # The enclosing command's 10 s hold, not the stage's 100 (a second of slack for
            # a loaded machine).
            assert 9.0 < deadline.left_s() <= 10.0
        time.sleep(0.05)
        with deadline.command_deadline(0.01):
            with deadline.command_deadline(5.0, at_least_s=1.0):
                # Past the enclosing 0.01 s, a stage with a floor of 1 s keeps it.
                assert 0.9 < deadline.left_s() <= 1.0


def test_a_deterministic_solve_the_clock_stops_is_cut_and_a_proven_one_is_not():
    problem = talent_problem("dat/small")
    # Published optimum 54 (DDOLib test suites, tests/data/talent/known_optima.csv): with
    # no deadline the deterministic solve proves it, and nothing is cut.
    with deadline.command_deadline(60.0):
        proven = solve_ground_days(problem, 30.0, deterministic=True)
        assert proven.optimal and proven.total_cost == 54 and not deadline.was_cut()
    # The same solve with 0.05 s of the clock cannot prove it: the deadline cut it.
    with deadline.command_deadline(0.05):
        cut = solve_ground_days(problem, 30.0, deterministic=True)
        assert not cut.optimal and deadline.was_cut()
