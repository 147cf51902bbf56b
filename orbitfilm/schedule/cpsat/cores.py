"""Infeasibility cores: which assumptions cannot all hold, shrunk to the ones that matter."""

from __future__ import annotations

from ortools.sat.python import cp_model

from .budget import Budget
from .search import STATUS


def core(built, assumptions: list, budget: Budget) -> tuple[str, list]:
    """Solve with assumptions; return the status and, when infeasible, a sufficient subset.

    The subset is shrunk by deletion while the budget lasts, so that an explanation names no
    scene it does not need.
    """
    status, found = _core_once(built, assumptions, budget)
    if status != "infeasible":
        return status, []
    kept = list(found)
    for literal in list(found):
        if budget.left_s() <= 0 or len(kept) <= 1:
            break
        trial = [lit for lit in kept if lit is not literal]
        if _core_once(built, trial, budget)[0] == "infeasible":
            kept = trial
    return status, kept


def _core_once(built, assumptions: list, budget: Budget):
    # A core asks only whether a schedule exists: any one found answers it.
    if built.model.HasObjective():
        built.model.ClearObjective()
    built.model.ClearAssumptions()
    built.model.AddAssumptions(assumptions)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.cp_model_presolve = False
    budget.limit(solver, budget.left_s())
    status = solver.Solve(built.model)
    budget.charge(solver)
    name = STATUS.get(status, "unknown")
    if name != "infeasible":
        return name, []
    by_index = {lit.Index(): lit for lit in assumptions}
    return name, [by_index[i] for i in solver.SufficientAssumptionsForInfeasibility()
                  if i in by_index]
