"""Solving the orbital model: parameters, progress, the phases of a search, hints.

``solve`` runs the model with progress, a seed, a time limit and Ctrl-C, and returns a plain
``Outcome``. A camera unit with more pieces than the circuit takes is solved in phases:
first with the kit moves bounded below, then with each piece's unit and day settled and the
moves counted exactly. Beyond ``SolveOptions.block_pieces`` pieces the first phase opens
with CP-SAT's full portfolio for the bound, then searches neighbourhoods of the schedules
shot in blocks of one module per free stretch (``schedule.blocks``). With
``deterministic``, every phase is limited by CP-SAT's deterministic time alone.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Callable

from ortools.sat.python import cp_model

from ... import deadline
from ..blocks import block_stripboard
from ..problem import Placement, Problem, SolveOptions, evaluate
from .model import OrbitalModel

STATUS = {cp_model.OPTIMAL: "optimal", cp_model.FEASIBLE: "feasible",
          cp_model.INFEASIBLE: "infeasible", cp_model.MODEL_INVALID: "unknown",
          cp_model.UNKNOWN: "unknown"}

# With the kit moves only bounded below in the first phase, it gets this share of the time
# and a second phase, the days settled, counts the moves exactly in the rest.
FIRST_PHASE_SHARE = 0.7
# Beyond ``block_pieces`` the full portfolio's bound comes from its linear relaxation within
# about a second and then stays put (200 scenes), while below it the search keeps raising
# it (the Challenge's 34 scenes). So a large model runs the full portfolio only for
# ``BOUND_PHASE_SHARE`` of a longer first phase, then gives both workers to
# large-neighbourhood search alone in blocks of one module per free stretch, which at 200
# scenes finds schedules with a third of the kit moves that end a day earlier: a gap of
# 0.9% where neighbourhood search on the whole model gave 1.8-2.0% and the full portfolio
# 2.3-2.7% (bench/schedule.py). The settled phase keeps the last 5%.
LARGE_FIRST_PHASE_SHARE = 0.95
BOUND_PHASE_SHARE = 0.05
# Completing a hint (every variable from the placements) is a solve of a fixed model.
HINT_COMPLETION_S = 10.0


@dataclass
class Outcome:
    """What a solve gave: status, objective, bound, time, and the pieces placed."""

    status: str
    objective: float | None
    bound: float | None
    runtime_s: float
    placements: list[Placement]
    first_solution_s: float | None = None
    solutions: int = 0
    exact_moves: bool = True
    stopped_early: bool = False


def parameters(solver: cp_model.CpSolver, options: SolveOptions, limit_s: float) -> None:
    """Set the solver's parameters from the options, with ``limit_s`` for this solve.

    By default the workers race under a wall-clock limit: the best schedules, but two runs
    may stop at different ones. ``deterministic`` interleaves the workers in fixed batches
    and stops on CP-SAT's deterministic time alone, so that a seed and a number of workers
    give the same schedule every run, on any machine.
    """
    solver.parameters.num_workers = max(1, int(options.workers))
    solver.parameters.random_seed = int(options.seed)
    if options.deterministic:
        solver.parameters.interleave_search = True
        solver.parameters.max_deterministic_time = float(limit_s)
    else:
        solver.parameters.max_time_in_seconds = float(limit_s)
    # Probing in presolve costs seconds on the kit-move constraints and finds little there.
    solver.parameters.cp_model_probing_level = 0
    solver.parameters.catch_sigint_signal = options.catch_interrupt
    solver.parameters.log_search_progress = options.log


class _Progress(cp_model.CpSolverSolutionCallback):
    """Report each better schedule (its cost, the bound, seconds since ``started``) and
    remember when the first came.

    A model that only bounds the kit moves (or counts blocks, not moves) reports each
    schedule's cost priced exactly, so that what a person sees is always a real cost.
    """

    def __init__(self, report: Callable[[dict], None] | None, started: float,
                 built: OrbitalModel, bound_floor: float | None = None):
        super().__init__()
        self.report, self.started, self.built = report, started, built
        self.bound_floor = bound_floor
        self.first_s: float | None = None
        self.count = 0

    def on_solution_callback(self) -> None:
        elapsed = time.monotonic() - self.started
        self.count += 1
        if self.first_s is None:
            self.first_s = elapsed
        if not self.report:
            return
        bound = self.BestObjectiveBound()
        if self.bound_floor is not None:
            bound = max(bound, self.bound_floor)
        cost = self.ObjectiveValue()
        if not self.built.exact_moves or self.built.blocks:
            cost = _price(self.built.problem, self.built.placements(self.Value))
        self.report({"objective": cost, "bound": bound, "seconds": elapsed,
                     "solutions": self.count})


@dataclass
class _Run:
    status: str
    objective: float | None
    bound: float | None
    placements: list[Placement]
    stopped_early: bool
    first_solution_s: float | None
    solutions: int


def _run(built: OrbitalModel, options: SolveOptions, limit_s: float, progress, hint,
         bounds: bool, started: float, lns_only: bool = False,
         bound_floor: float | None = None) -> _Run:
    """Solve one model for ``limit_s``; ``bounds`` passes the solver's bounds on to ``progress``.

    ``lns_only`` improves the hint by large-neighbourhood search alone; the bound it reports
    is then only ``bound_floor``, one proven before.
    """
    if hint:
        add_hint(built, hint, options.deterministic)
    solver = cp_model.CpSolver()
    parameters(solver, options, limit_s)
    solver.parameters.use_lns_only = lns_only
    callback = _Progress(progress, started, built, bound_floor)
    if progress and bounds:
        solver.best_bound_callback = lambda bound: progress({"bound": bound})
    status = deadline.solve(solver, built.model, callback)
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    return _Run(STATUS.get(status, "unknown"), solver.ObjectiveValue() if found else None,
                solver.BestObjectiveBound() if status != cp_model.INFEASIBLE else None,
                built.placements(solver.Value) if found else [],
                _stopped_early(solver, status, options, limit_s), callback.first_s,
                callback.count)


def _stopped_early(solver: cp_model.CpSolver, status, options: SolveOptions,
                   limit_s: float) -> bool:
    """Return whether a solve stopped well before its limit without a proof: Ctrl-C."""
    if status in (cp_model.OPTIMAL, cp_model.INFEASIBLE):
        return False
    if deadline.met(solver.WallTime(), solver.parameters.max_time_in_seconds):
        return False  # the clock stopped it: its own limit, or the command's deadline
    if options.deterministic:
        return solver.ResponseProto().deterministic_time < 0.95 * limit_s
    return solver.WallTime() < 0.95 * limit_s


class _Phases:
    """The time each phase of a search gets: fixed shares of the limit in a deterministic
    run, what the clock has left of the share otherwise."""

    def __init__(self, options: SolveOptions, started: float):
        self.options, self.started = options, started

    def limit_s(self, share: float, fixed_s: float) -> float:
        if self.options.deterministic:
            return max(0.1, fixed_s)
        left_s = self.options.time_limit_s * share - (time.monotonic() - self.started)
        return max(1.0, left_s)


def _improve(problem: Problem, options: SolveOptions, first: _Run, progress, started: float,
             large: bool) -> _Run:
    """Improve the first schedule: for a large model by a search in blocks, then for any
    with the days settled."""
    phases, limit_s = _Phases(options, started), options.time_limit_s
    best, phase_share = first, FIRST_PHASE_SHARE
    if large:
        phase_share = LARGE_FIRST_PHASE_SHARE
        search_s = phases.limit_s(phase_share, limit_s * phase_share * (1 - BOUND_PHASE_SHARE))
        blocked = _blocks(problem, options, search_s, progress, started, first)
        # The blocks are a restriction: a rare production does better without them.
        best = min((run for run in (first, blocked) if run.placements),
                   key=lambda run: _price(problem, run.placements))
        if blocked.stopped_early:
            return replace(best, stopped_early=True)
    second = _run(OrbitalModel(problem, settled=settled(problem, best.placements),
                               circuit_pieces=options.circuit_pieces),
                  options, phases.limit_s(1.0, limit_s * (1 - phase_share)), progress,
                  best.placements, bounds=False, started=started, lns_only=large,
                  bound_floor=first.bound)
    return second if second.placements else replace(best, stopped_early=second.stopped_early)


def _blocks(problem: Problem, options: SolveOptions, limit_s: float, progress,
            started: float, first: _Run) -> _Run:
    """Search the schedules that shoot one module per free stretch of a unit, from the
    block stripboard's, with no window opening after it ends (a smaller model)."""
    start = block_stripboard(problem)
    end_min = max((p.end_min for p in start), default=problem.horizon_min)
    return _run(OrbitalModel(problem.until(end_min), blocks=True,
                             circuit_pieces=options.circuit_pieces),
                options, limit_s, progress, start, bounds=False, started=started,
                lns_only=True, bound_floor=first.bound)


def _price(problem: Problem, placements: list[Placement]) -> int:
    return sum(evaluate(problem, placements).values())


def solve(problem: Problem, options: SolveOptions | None = None,
          progress: Callable[[dict], None] | None = None,
          hint: list[Placement] | None = None) -> Outcome:
    """Build and solve the model; return the best schedule found, whatever the status.

    The bound is the full model's (a true lower bound); the objective the best schedule's,
    priced exactly.
    """
    options = options or SolveOptions()
    started = time.monotonic()
    built = OrbitalModel(problem, circuit_pieces=options.circuit_pieces)
    large = built.piece_count > options.block_pieces
    share = 1.0 if built.exact_moves else \
        LARGE_FIRST_PHASE_SHARE * BOUND_PHASE_SHARE if large else FIRST_PHASE_SHARE
    # At least a second (its linear relaxation needs about that), unless the whole run is less.
    first_s = max(min(1.0, options.time_limit_s), options.time_limit_s * share)
    first = _run(built, options, first_s, progress, hint, bounds=True, started=started)
    final = first
    if not built.exact_moves and first.placements and not first.stopped_early:
        final = _improve(problem, options, first, progress, started, large)
    objective = final.objective
    if not built.exact_moves and final.placements:
        # Priced exactly: a run stopped before the settled phase counted its moves from below.
        objective = float(_price(problem, final.placements))
    name = first.status
    if name == "optimal" and objective is not None and objective > first.bound + 1e-6:
        name = "feasible"
    return Outcome(status=name, objective=objective, bound=first.bound,
                   runtime_s=time.monotonic() - started, placements=final.placements,
                   first_solution_s=first.first_solution_s,
                   solutions=first.solutions + (final.solutions if final is not first else 0),
                   exact_moves=built.exact_moves, stopped_early=final.stopped_early)


def settled(problem: Problem, placements: list[Placement]) -> dict[tuple[str, int], tuple[str, int]]:
    """Return each placed piece's unit and GMT day, by (scene, piece number in time order)."""
    found, count = {}, defaultdict(int)
    for placement in sorted(placements, key=lambda p: (p.task_id, p.shoot_start_min)):
        found[(placement.task_id, count[placement.task_id])] = (
            placement.unit, problem.day_of(placement.shoot_start_min))
        count[placement.task_id] += 1
    return found


def add_hint(built: OrbitalModel, placements: list[Placement],
             deterministic: bool = False) -> bool:
    """Hint a known schedule (e.g. the greedy one) in full, as a first solution to improve on.

    The placements fix presence, units and times; a short solve with those fixed fills in
    every other variable (days, windows, kit-move arcs), so that CP-SAT can take the whole
    hint as its first solution. Return whether the schedule was feasible in the model.
    """
    model = built.model
    model.ClearHints()
    for name, value in _partial_hint(built, placements):
        model.AddHint(name, value)
    solver = cp_model.CpSolver()
    solver.parameters.fix_variables_to_their_hinted_value = True
    solver.parameters.num_workers = 1
    if deterministic:
        solver.parameters.max_deterministic_time = HINT_COMPLETION_S
    else:
        solver.parameters.max_time_in_seconds = HINT_COMPLETION_S
    status = deadline.solve(solver, model)
    model.ClearHints()
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return False
    for index in range(len(model.Proto().variables)):
        variable = model.GetIntVarFromProtoIndex(index)
        model.AddHint(variable, solver.Value(variable))
    return True


def _partial_hint(built: OrbitalModel, placements: list[Placement]):
    """Yield (variable, value) for presence, unit, start and length of every piece."""
    placed: dict[str, list[Placement]] = defaultdict(list)
    for placement in placements:
        placed[placement.task_id].append(placement)
    for task_id, pieces in built.pieces.items():
        mine = sorted(placed.get(task_id, []), key=lambda p: p.start_min)
        for index, piece in enumerate(pieces):
            there = index < len(mine)
            yield piece.present, int(there)
            if there:
                yield piece.start, mine[index].shoot_start_min
                if not isinstance(piece.length, int):
                    yield piece.length, mine[index].shoot_min
            for alt in piece.alternatives if len(piece.alternatives) > 1 else ():
                yield alt.literal, int(there and alt.unit == mine[index].unit)
