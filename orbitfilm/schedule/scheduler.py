"""Schedule a production's orbital scenes: windows, the greedy start, CP-SAT, the reasons.

``schedule`` is the one library call behind ``orbitfilm schedule``: production and
environment in, ``Result`` out, whatever happens (nothing fits, time runs out, Ctrl-C).
"""

from __future__ import annotations

from typing import Callable

from ..production import Production
from .problem import Problem, SolveOptions, Weights, evaluate
from .result import Result, Status, build_result
from .windows import build_problem


def schedule(production: Production, environment=None, *, weights: Weights | None = None,
             options: SolveOptions | None = None,
             progress: Callable[[dict], None] | None = None) -> Result:
    """Return the best schedule of the production's orbital scenes found within the options.

    The environment is computed over the mission span unless given. ``progress`` receives
    dicts with ``objective``/``bound``/``seconds`` as the search improves. A production with
    no scene aboard gets an empty orbital schedule; ground scenes, if any, are scheduled by
    ``schedule.ground`` and come back as ``result.ground``.
    """
    from .ground.bridge import schedule_ground

    if not production.orbital_scenes():
        result = Result(Status.optimal, 0, 0, 0.0, [], [], [])
    else:
        environment = environment or production.environment()
        problem = build_problem(production, environment, weights)
        result = solve_problem(production, problem, options or SolveOptions(), progress)
    result.ground = schedule_ground(production)
    return result


def solve_problem(production: Production, problem: Problem, options: SolveOptions,
                  progress: Callable[[dict], None] | None = None) -> Result:
    """Solve a built problem with CP-SAT (from the greedy schedule) and explain what is out."""
    from . import cpsat
    from .explain import explain
    from .greedy import greedy

    hint = greedy(problem) if options.greedy_hint else None
    outcome = cpsat.solve(problem, options, progress, hint=hint)
    reasons = explain(problem, outcome.placements, outcome.status, options.explain_budget_s) \
        if options.explain_budget_s > 0 else {}
    return build_result(production, problem, status=outcome.status,
                        objective=outcome.objective, bound=outcome.bound,
                        runtime_s=outcome.runtime_s, placements=outcome.placements,
                        reasons=reasons, first_solution_s=outcome.first_solution_s)


def greedy_result(production: Production, problem: Problem) -> Result:
    """Return the stripboard baseline as a ``Result`` (status feasible, its objective priced)."""
    import time

    from .greedy import greedy

    started = time.monotonic()
    placements = greedy(problem)
    objective = sum(evaluate(problem, placements).values())
    return build_result(production, problem, status="feasible", objective=objective, bound=None,
                        runtime_s=time.monotonic() - started, placements=placements,
                        reasons={t.id: "the stripboard found no earliest fit for it"
                                 for t in problem.tasks})
