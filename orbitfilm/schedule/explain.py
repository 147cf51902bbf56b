"""Why a scene was left out, in words, from CP-SAT's infeasibility cores rather than guesswork.

For each scene left out, in this order:

1. it has no window at all: the reason ``windows`` found (which condition or person);
2. it must follow a scene that is itself left out;
3. with every scheduled scene where it is, its people's daily or weekly film limits shut
   every window, or the scheduled scenes fill every window (``explain_direct``: no solver);
4. its precedence chain alone cannot be shot: the scene and everything it must follow are
   solved on their own, each ``after`` edge an assumption; the core names the chain;
5. otherwise every scheduled scene is held where it is (one assumption each) and the scene
   is forced in: the core names the scenes that sit where it could go.

The first three cost no solve and are given to every scene left out first; the cores, shrunk
by deletion within the time budget so that a reason names only what it needs, refine the
rest, and a scene the budget does not reach keeps what the direct tests could say.
"""

from __future__ import annotations

from collections import defaultdict

from ..times import format_minute
from .cpsat import Budget, OrbitalModel, core
from .explain_direct import film_minutes, limit_reason, listed, occupied_by
from .problem import Placement, Problem, Task

# A core gets at most this much of the budget, so one hard scene cannot take it all.
CORE_S = 10.0


def explain(problem: Problem, placements: list[Placement], status: str,
            budget_s: float = 30.0, deterministic: bool = False,
            cut_short: bool = False) -> dict[str, str]:
    """Return a reason for every task left out of ``placements``, by task id.

    With ``deterministic`` the budget counts CP-SAT's deterministic time, so the reasons, like
    the schedule, do not depend on the machine.
    """
    placed: dict[str, list[Placement]] = defaultdict(list)
    for placement in placements:
        placed[placement.task_id].append(placement)
    left_out = sorted((t for t in problem.tasks if t.id not in placed),
                      key=lambda t: (-t.priority, t.id))
    budget = Budget(budget_s, deterministic)
    reasons = {t.id: t.reason for t in left_out if t.reason}
    if cut_short:
        return {t.id: reasons.get(t.id) or "not placed before the search was cut short"
                for t in left_out}
    reasons.update(_direct_reasons(problem, [t for t in left_out if t.id not in reasons],
                                   placed, placements))
    fixed = None
    for task in left_out:
        if task.id in reasons:
            continue
        if budget.left_s() <= 0:
            reasons[task.id] = ("it fits beside the scenes scheduled by every direct test; "
                                "the time for explanations ran out before a closer look")
            continue
        fixed = fixed or (_FixedSchedule(problem, placed) if placements else None)
        reasons[task.id] = _reason(problem, task, fixed, status, budget)
    return reasons


def _direct_reasons(problem: Problem, tasks: list[Task], placed,
                    placements: list[Placement]) -> dict[str, str]:
    """Return the reasons the direct tests give (no solver): an ancestor left out, film
    limits used up, every window taken (``explain_direct``)."""
    used = film_minutes(problem, placements)
    found = {}
    for task in tasks:
        missing = [other for other in problem.ancestors(task.id) if other not in placed]
        if missing:
            found[task.id] = (f"it must be shot after {', '.join(missing)}, which "
                              f"{'is' if len(missing) == 1 else 'are'} not scheduled")
            continue
        reason = limit_reason(problem, task, used)
        takers = None if reason or not placements else occupied_by(problem, task, placements)
        if reason or takers:
            found[task.id] = reason or _blocked_text(problem, task, takers)
    return found


def _share(budget: Budget) -> Budget:
    """Return a budget of at most ``CORE_S`` that charges the whole budget as it spends."""
    return _Part(budget, min(CORE_S, budget.left_s()))


class _Part(Budget):
    def __init__(self, whole: Budget, seconds: float):
        super().__init__(seconds, whole.deterministic)
        self.whole = whole

    def charge(self, solver) -> None:
        super().charge(solver)
        self.whole.charge(solver)


def _reason(problem: Problem, task: Task, fixed, status: str, budget: Budget) -> str:
    chain = chain_reason(problem, task, _share(budget)) if task.after else None
    if chain:
        return chain
    if fixed is None:
        return ("no schedule was found within the time limit" if status == "unknown"
                else "it cannot be placed even with no other scene scheduled")
    return fixed.reason(task, status, _share(budget))


def chain_reason(problem: Problem, task: Task, budget: Budget) -> str | None:
    """Return why a scene's precedence chain cannot be shot on its own, or None if it can."""
    ancestors = problem.ancestors(task.id)
    alone = problem.subset([task.id, *ancestors])
    built = OrbitalModel(alone, precedence_literals=True)
    forced = built.force(task.id)
    edges = list(built.edges.values())
    status, found = core(built, [forced, *edges], budget)
    if status != "infeasible":
        return None
    used = [pair for pair, literal in built.edges.items() if any(literal is c for c in found)]
    if not used:
        return None
    order = _chain_order(used, task.id)
    last = problem.task(order[-1])
    windows = [w for option in last.options for w in option.windows]
    end_text = (f"; {last.id} must end by {format_minute(problem.seconds(max(w.end_min for w in windows)))}"
                f" UTC (its last window)" if windows else "")
    return (f"the precedence chain {' -> '.join(order)} cannot fit in its scenes' windows"
            + end_text)


def _chain_order(edges: list[tuple[str, str]], last: str) -> list[str]:
    """Return the scenes of some ``after`` edges in shooting order, ending with ``last``."""
    scenes = {s for edge in edges for s in edge}
    before = defaultdict(set)
    for first, then in edges:
        before[then].add(first)
    order, placed = [], set()
    while len(order) < len(scenes):
        ready = sorted(s for s in scenes - placed if before[s] <= placed)
        if not ready:
            ready = sorted(scenes - placed)
        order.append(ready[0])
        placed.add(ready[0])
    if last in order:
        order.remove(last)
        order.append(last)
    return order


class _FixedSchedule:
    """The whole problem with each scheduled scene held in place by one assumption literal."""

    def __init__(self, problem: Problem, placed: dict[str, list[Placement]]):
        self.problem = problem
        self.built = OrbitalModel(problem)
        self.held = {task_id: self.built.fix(pieces) for task_id, pieces in placed.items()}

    def reason(self, task: Task, status: str, budget: Budget) -> str:
        forced = self.built.force(task.id)
        outcome, found = core(self.built, [forced, *self.held.values()], budget)
        if outcome in ("feasible", "optimal"):
            if status == "optimal":
                return "shooting it would cost more than leaving it out, with these weights"
            return ("it fits beside the scenes scheduled, but the search stopped before "
                    "placing it (give it more time)")
        if outcome != "infeasible":
            return "not placed (no explanation found within the time for explanations)"
        blocking = [task_id for task_id, literal in self.held.items()
                    if any(literal is c for c in found)]
        if not blocking:
            return ("it cannot be placed even alone: its windows, set-up and the daily film "
                    "limits leave no way to shoot all of it")
        return _blocked_text(self.problem, task, blocking)


def _blocked_text(problem: Problem, task: Task, blocking: list[str]) -> str:
    priorities = {task_id: problem.task(task_id).priority for task_id in blocking}
    if all(p > task.priority for p in priorities.values()):
        return f"it fits only where higher-priority scenes sit ({listed(blocking, ', ')})"
    named = listed([f"{i} (priority {p})" for i, p in priorities.items()], ", ")
    return f"it fits only where other scenes sit: {named}; its priority is {task.priority}"
