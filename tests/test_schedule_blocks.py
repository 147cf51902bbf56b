"""Shooting in blocks: one module per free stretch of the camera unit.

The block stripboard and the block-restricted CP-SAT model are checked against what they
promise, with code of their own: every schedule passes the independent checker; the
stripboard's first pass gives each stretch one module; the model's count of kit moves
(blocks entered, second modules) is never below the real count, so that a price it
reports is never flattering; and a toy whose best block order is worked out by hand.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

from orbitfilm.production import parse_production
from orbitfilm.schedule import blocks, cpsat
from orbitfilm.schedule.greedy import greedy
from orbitfilm.schedule.problem import SolveOptions, count_moves, evaluate
from orbitfilm.schedule.result import build_result
from orbitfilm.schedule.synthetic import (environment_from_pairs, random_production,
                                          regular_environment)
from orbitfilm.schedule.verify import check_schedule
from orbitfilm.schedule.windows import build_problem


def _modules_by_stretch(problem, placements) -> dict[tuple[str, int], set[str]]:
    """Return the modules each free stretch of each unit shoots in (from the unit's free
    stretches, not from the windows the code under test keys its stretches by)."""
    found: dict[tuple[str, int], set[str]] = defaultdict(set)
    tasks = {task.id: task for task in problem.tasks}
    for placement in placements:
        stretches = problem.unit_free_min[placement.unit]
        holder = next(start for start, end in stretches
                      if start <= placement.start_min and placement.end_min <= end)
        found[(placement.unit, holder)].add(tasks[placement.task_id].location)
    return found


def _checked(production, problem, environment, placements) -> list:
    result = build_result(production, problem, status="feasible", objective=0, bound=None,
                          runtime_s=0.0, placements=placements, reasons={})
    return check_schedule(production, result.to_json(), environment)


@pytest.mark.parametrize("seed", [3, 17, 29])
def test_the_block_stripboard_passes_the_checker_and_keeps_to_its_blocks(seed, monkeypatch):
    production = random_production(40, 6, seed, splittable_share=0.2, after_share=0.2)
    environment = regular_environment(production.span_s)
    problem = build_problem(production, environment)
    assert _checked(production, problem, environment, blocks.block_stripboard(problem)) == []
    # Without second modules for the scenes left over, every stretch is one module's.
    monkeypatch.setattr(blocks, "SECOND_MODULE", 0)
    placements = blocks.block_stripboard(problem)
    assert _checked(production, problem, environment, placements) == []
    by_stretch = _modules_by_stretch(problem, placements)
    assert by_stretch and all(len(modules) == 1 for modules in by_stretch.values())
    # It shoots about as many scenes as the stripboard baseline, which is free to mix
    # modules (on these productions one fewer to five more); a walk that fell a tenth
    # behind would be a poor first solution for the search.
    shot = {p.task_id for p in placements}
    assert len(shot) >= 0.9 * len({p.task_id for p in greedy(problem)})


@pytest.mark.parametrize("extra", [0, 1])
def test_the_block_model_keeps_its_blocks_and_never_undercounts_moves(extra, monkeypatch):
    monkeypatch.setattr(blocks, "SECOND_MODULE", extra)
    production = random_production(30, 2, seed=5, splittable_share=0.2, after_share=0.1)
    environment = regular_environment(production.span_s)
    problem = build_problem(production, environment)
    built = cpsat.OrbitalModel(problem, blocks=True)
    start = blocks.block_stripboard(problem)
    assert cpsat.add_hint(built, start)
    solver = cpsat.cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 2
    solver.parameters.max_time_in_seconds = 5.0
    assert solver.Solve(built.model) in (cpsat.cp_model.OPTIMAL, cpsat.cp_model.FEASIBLE)
    placements = built.placements(solver.Value)
    assert _checked(production, problem, environment, placements) == []
    by_stretch = _modules_by_stretch(problem, placements)
    assert all(len(modules) <= 1 + extra for modules in by_stretch.values())
    counted = solver.Value(sum(built.moves))
    assert counted >= count_moves(problem, placements)
    # And it is no worse than where it started, priced by the solver-independent evaluate
    # except for the moves, which the model counts from above.
    price = evaluate(problem, placements)
    start_price = evaluate(problem, start)
    assert price["left_out"] <= start_price["left_out"]


# Two modules, two free stretches of the unit (08:00-09:00 and 10:00-11:00 on 1 Jan 2030:
# a lunch at 09:00 and station work from 11:00, no other crew-day block) and four 20-minute
# scenes with no set-up: A1 and A2 in the Cupola, B1 and B2 in Zvezda. B1 needs the Earth
# below lit, which holds only 08:00-08:30.
TOY = """
title = "Two blocks"
[mission]
docking = 2030-01-01T08:00:00Z
hatch_open_min = 0
undocking = 2030-01-01T12:00:00Z
[mission.crew_day]
blocks = [{name = "lunch", daily = "09:00-10:00"}, {name = "station", daily = "11:00-12:00"}]
exercise = []
[move]
module_min = 10
[[people]]
id = "director"
name = "The director"
roles = ["director"]
aboard = "throughout"
[[people]]
id = "a"
name = "Actor"
roles = ["cast"]
aboard = "throughout"
[[scenes]]
id = "A1"
location = "cupola"
cast = ["a"]
shoot_min = 20
[[scenes]]
id = "A2"
location = "cupola"
cast = ["a"]
shoot_min = 20
[[scenes]]
id = "B1"
location = "zvezda"
cast = ["a"]
shoot_min = 20
earth = "lit"
[[scenes]]
id = "B2"
location = "zvezda"
cast = ["a"]
shoot_min = 20
"""


def test_a_toy_is_shot_in_two_blocks():
    # By hand: B1 must be shot in the first stretch (the Earth is lit only then), so the
    # first stretch is Zvezda's (B1, B2: 40 of its 60 minutes) and the second the Cupola's
    # (A1, A2): one kit move, at the lunch break, and the last shot ends at 10:40, 160 min
    # after docking. Interleaving the modules could end no earlier (the first stretch holds
    # at most two 20-minute shots, or one and a 10-minute move) and costs more moves.
    production = parse_production(TOY, source="two-blocks.toml", resolve_launch=False)
    span = production.span_s
    environment = environment_from_pairs(span, {
        "earth_lit": [[span[0], span[0] + 1800]]})
    problem = build_problem(production, environment)
    placements = blocks.block_stripboard(problem)
    assert _checked(production, problem, environment, placements) == []
    assert count_moves(problem, placements) == 1
    by_stretch = _modules_by_stretch(problem, placements)
    assert sorted(sorted(m) for m in by_stretch.values()) == [["cupola"], ["zvezda"]]
    assert max(p.end_min for p in placements) == 160
    outcome = cpsat.solve(problem, SolveOptions(time_limit_s=5, workers=1, seed=1))
    # The full model agrees: its optimum has one move and ends at 160 minutes.
    assert evaluate(problem, outcome.placements)["moves"] == problem.weights.move
    assert evaluate(problem, outcome.placements)["finish"] == 160


def test_a_problem_until_a_minute_keeps_only_the_windows_that_open_by_then():
    production = random_production(12, 2, seed=9)
    environment = regular_environment(production.span_s)
    problem = build_problem(production, environment)
    cut = problem.horizon_min // 2
    early = problem.until(cut)
    for task, kept in zip(problem.tasks, early.tasks):
        for option, kept_option in zip(task.options, kept.options):
            assert kept_option.windows == tuple(w for w in option.windows if w.start_min <= cut)
    assert any(len(k.options[0].windows) < len(t.options[0].windows)
               for t, k in zip(problem.tasks, early.tasks))
