"""Schedule a flight's orbital scenes: windows, the stripboard start, CP-SAT, the reasons.

``schedule_scenes`` is the one library call behind ``orbitfilm schedule``: a flight (the
production with its environment) in, ``Result`` out, whatever happens (nothing fits, time
runs out, Ctrl-C).
"""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Callable

from ..mission.flight import Flight
from . import cpsat
from .explain import explain
from .greedy import greedy
from .problem import Placement, Problem, SolveOptions, Weights, evaluate
from .result import Result, Status, build_result
from .windows import build_problem


def schedule_scenes(flight: Flight, *, weights: Weights | None = None,
                    options: SolveOptions | None = None,
                    progress: Callable[[dict], None] | None = None) -> Result:
    """Return the best schedule of the flight's orbital scenes found within the options.

    ``progress`` receives dicts with ``objective``/``bound``/``seconds`` as the search
    improves (every objective reported is a real schedule's cost). A production with no
    scene aboard gets an empty schedule.
    """
    if not flight.production.orbital_scenes():
        return Result(Status.optimal, 0, 0, 0.0, [], [], [])
    problem = build_problem(flight, weights)
    return solve_problem(flight, problem, options or SolveOptions(), progress)


def solve_problem(flight: Flight, problem: Problem, options: SolveOptions,
                  progress: Callable[[dict], None] | None = None,
                  hint: list[Placement] | None = None) -> Result:
    """Solve a built problem with CP-SAT from ``hint`` (by default the stripboard's
    schedule) and explain what is out."""
    if hint is None and options.greedy_hint:
        hint = greedy(problem)
    outcome = cpsat.solve(problem, options, progress, hint=hint)
    if not outcome.placements and hint and outcome.status != "infeasible":
        # Time ran out before CP-SAT had a schedule: the stripboard's stands, priced.
        outcome = replace(outcome, status="feasible", placements=hint,
                          objective=float(sum(evaluate(problem, hint).values())))
    # Cut short by Ctrl-C, the user wants the schedule now: no time for explanations.
    budget_s = 0.0 if outcome.stopped_early else options.explain_budget_s
    reasons = explain(problem, outcome.placements, outcome.status, budget_s,
                      options.deterministic, cut_short=outcome.stopped_early)
    return build_result(flight.production, problem, status=outcome.status,
                        objective=outcome.objective, bound=outcome.bound,
                        runtime_s=outcome.runtime_s, placements=outcome.placements,
                        reasons=reasons, first_solution_s=outcome.first_solution_s,
                        stopped_early=outcome.stopped_early)


def greedy_result(flight: Flight, problem: Problem) -> Result:
    """Return the stripboard baseline as a ``Result`` (status feasible, its objective priced)."""
    started = time.monotonic()
    placements = greedy(problem)
    objective = sum(evaluate(problem, placements).values())
    return build_result(flight.production, problem, status="feasible", objective=objective,
                        bound=None, runtime_s=time.monotonic() - started,
                        placements=placements,
                        reasons={t.id: "the stripboard found no earliest fit for it"
                                 for t in problem.tasks})
