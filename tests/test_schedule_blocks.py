"""Shooting in blocks: one module per free stretch of the camera unit.

The block stripboard and the block-restricted CP-SAT model are checked against what they
promise, with code of their own: every schedule passes the independent checker; the
stripboard's first pass gives each stretch one module; the model's count of kit moves
(blocks entered, second modules) is never below the real count, so that a price it
reports is never flattering; and a toy whose best block order is worked out by hand.
"""

from __future__ import annotations

from orbitfilm.mission import Flight

from collections import defaultdict

import pytest
from ortools.sat.python import cp_model
from test_schedule import at, toy

from orbitfilm.schedule import blocks, cpsat
from orbitfilm.schedule.cpsat import rules
from orbitfilm.schedule.greedy import greedy
from orbitfilm.schedule.problem import SolveOptions, count_moves, evaluate
from orbitfilm.schedule.result import build_result
from support.synthetic import random_production, regular_environment
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
    return check_schedule(Flight(production, environment=environment), result.to_json())


@pytest.mark.parametrize("seed", [3, 17, 29])
def test_the_block_stripboard_passes_the_checker_and_keeps_to_its_blocks(seed):
    production = random_production(40, 6, seed, splittable_share=0.2, after_share=0.2)
    environment = regular_environment(production.span_s)
    problem = build_problem(Flight(production, environment=environment))
    placements = blocks.block_stripboard(problem)
    assert _checked(production, problem, environment, placements) == []
    by_stretch = _modules_by_stretch(problem, placements)
    assert by_stretch and all(len(modules) == 1 for modules in by_stretch.values())
    # It shoots about as many scenes as the stripboard baseline, which is free to mix
    # modules (on these productions as many, or one fewer); a walk that fell a tenth
    # behind would be a poor first solution for the search.
    shot = {p.task_id for p in placements}
    assert len(shot) >= 0.9 * len({p.task_id for p in greedy(problem)})


def _solve_blocks(production, environment, time_limit_s: float = 5.0):
    problem = build_problem(Flight(production, environment=environment))
    built = cpsat.OrbitalModel(problem, blocks=True)
    assert cpsat.add_hint(built, blocks.block_stripboard(problem))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 2
    solver.parameters.max_time_in_seconds = time_limit_s
    assert solver.Solve(built.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    return problem, built, solver


def test_the_block_model_keeps_its_blocks_and_never_undercounts_moves():
    production = random_production(30, 2, seed=5, splittable_share=0.2, after_share=0.1)
    environment = regular_environment(production.span_s)
    problem, built, solver = _solve_blocks(production, environment)
    placements = built.placements(solver.Value)
    assert _checked(production, problem, environment, placements) == []
    by_stretch = _modules_by_stretch(problem, placements)
    assert all(len(modules) == 1 for modules in by_stretch.values())
    # The blocks entered count every move, and the first block too.
    assert solver.Value(sum(built.moves)) >= count_moves(problem, placements) + 1
    # And it leaves out no more (priority-weighted) than the block stripboard it started
    # from, priced by the solver-independent evaluate.
    start = blocks.block_stripboard(problem)
    assert evaluate(problem, placements)["left_out"] <= evaluate(problem, start)["left_out"]


# Two modules and two free stretches of the unit on 5 Oct 2021 (the toy mission runs
# 08:00-12:00, with a lunch at 09:00 and station work from 11:00): 08:00-09:00 and
# 10:00-11:00. Four 20-minute scenes of the actor with no set-up: A1 and A2 in the Cupola,
# B1 and B2 in Zvezda. B1 needs the Earth below lit, which holds only 08:00-08:30.
SCENES = """
[[scenes]]
id = "A1"
location = "cupola"
cast = ["actor"]
shoot_min = 20
[[scenes]]
id = "A2"
location = "cupola"
cast = ["actor"]
shoot_min = 20
[[scenes]]
id = "B1"
location = "zvezda"
cast = ["actor"]
shoot_min = 20
earth = "lit"
[[scenes]]
id = "B2"
location = "zvezda"
cast = ["actor"]
shoot_min = 20
"""


def two_blocks(lunch: str = "09:00-10:00"):
    crew_blocks = f'[{{name = "lunch", daily = "{lunch}"}}, ' \
                  '{name = "station", daily = "11:00-12:00"}]'
    return toy(SCENES, undocking="2021-10-05T12:00:00Z", blocks=crew_blocks,
               earth_lit=[[at("08:00"), at("08:30")]])


def test_a_toy_is_shot_in_two_blocks():
    # By hand: B1 must be shot in the first stretch (the Earth is lit only then), so the
    # first stretch is Zvezda's (B1, B2: 40 of its 60 minutes) and the second the Cupola's
    # (A1, A2): one kit move, at the lunch break, and the last shot ends at 10:40, 160 min
    # after docking. Interleaving the modules could end no earlier (the first stretch holds
    # at most two 20-minute shots, or one and a 10-minute move) and costs more moves.
    production, environment = two_blocks()
    problem = build_problem(Flight(production, environment=environment))
    placements = blocks.block_stripboard(problem)
    assert _checked(production, problem, environment, placements) == []
    assert count_moves(problem, placements) == 1
    by_stretch = _modules_by_stretch(problem, placements)
    assert sorted(sorted(m) for m in by_stretch.values()) == [["cupola"], ["zvezda"]]
    assert max(p.end_min for p in placements) == 160
    outcome = cpsat.solve(problem, SolveOptions(time_limit_s=5, workers=1, seed=1))
    # The full model agrees: its optimum has one move and ends at 160 minutes.
    assert evaluate(problem, outcome.placements)["moves"] == problem.weights.moves
    assert evaluate(problem, outcome.placements)["finish_minutes"] == 160


def test_a_problem_until_a_minute_keeps_only_the_windows_that_open_by_then():
    production = random_production(12, 2, seed=9)
    environment = regular_environment(production.span_s)
    problem = build_problem(Flight(production, environment=environment))
    cut = problem.horizon_min // 2
    early = problem.until(cut)
    for task, kept in zip(problem.tasks, early.tasks):
        for option, kept_option in zip(task.options, kept.options):
            assert kept_option.windows == tuple(w for w in option.windows if w.start_min <= cut)
    assert any(len(k.options[0].windows) < len(t.options[0].windows)
               for t, k in zip(problem.tasks, early.tasks))


@pytest.mark.parametrize("lunch, implied", [("09:00-10:00", True), ("09:00-09:05", False)])
def test_moves_need_no_constraint_only_when_every_break_holds_one(lunch, implied):
    # A 60-minute lunch holds the 10-minute kit move, so in blocks (one module a stretch)
    # every move falls in a break and the model leaves out the move-time constraints; a
    # 5-minute break does not, and they must stay: the checker sees the move time either way.
    production, environment = two_blocks(lunch)
    problem, built, solver = _solve_blocks(production, environment)
    locations = {task.location for task in problem.tasks}
    assert rules._moves_between_stretches(built, "main", locations) is implied
    placements = built.placements(solver.Value)
    assert _checked(production, problem, environment, placements) == []
    assert {p.task_id for p in placements} == {"A1", "A2", "B1", "B2"}
