"""Solve the pure talent-scheduling problem to proven optimality.

Scenes are shot one after another; an actor is paid (day rate x days) from the start of their
first scene to the end of their last. :func:`solve_talent` finds the cheapest order:

1. Scale fractional durations and rates to integers, so that every comparison is exact.
2. Reduce (each step keeps an optimal order; tests check them against brute force):
   an actor in at most one scene never waits, so is paid a fixed amount and dropped; an actor
   in every scene is on location throughout, also a fixed amount; scenes needing the same
   actors are shot back to back (Garcia de la Banda, Stuckey & Chu 2011, Lemma 1), so they
   merge; a scene left with no actor costs nothing at the very end.
3. Search the reduced problem exactly (:mod:`.talent_search`), placing scenes at both ends of
   the middle still to order: the compiled core where it was built, the pure-Python twin
   otherwise.
4. Price the order found on the original instance, so the reported figures never depend on
   the reductions.
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from .talent_io import TalentInstance
from .talent_search import SearchOutcome, search_compiled, search_python


@dataclass(frozen=True)
class TalentResult:
    """A scene order with its cost, split by actor, and what the search proved."""

    order: tuple[str, ...]
    start_days: tuple[float, ...]
    total_cost: float
    idle_cost: float
    actor_costs: dict[str, float]
    optimal: bool
    nodes: int
    states: int
    runtime_s: float
    solver: str
    instance_name: str = "talent"
    notes: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict:
        """Return the plain form used by ``to_json`` (and the ``ground`` block of a schedule)."""
        return {
            "instance": self.instance_name,
            "order": list(self.order),
            "start_days": list(self.start_days),
            "total_cost": self.total_cost,
            "idle_cost": self.idle_cost,
            "optimal": self.optimal,
            "actor_costs": dict(self.actor_costs),
            "nodes": self.nodes,
            "states": self.states,
            "runtime_s": round(self.runtime_s, 6),
            "solver": self.solver,
            "notes": list(self.notes),
        }

    def to_json(self) -> str:
        """Return the result as a JSON text."""
        return json.dumps(self.to_dict(), indent=2)


def order_costs(instance: TalentInstance, order) -> tuple[float, float, dict[str, float]]:
    """Price an order of scene indices: total cost, idle cost and cost per actor."""
    order = np.asarray(order, dtype=int)
    presence = instance.matrix[:, order]
    durations = np.asarray(instance.durations_days, dtype=float)[order]
    rates = np.asarray(instance.day_rates, dtype=float)
    starts = np.concatenate([[0.0], np.cumsum(durations)])
    called = presence.any(axis=1)
    first = np.where(called, presence.argmax(axis=1), 0)
    last = np.where(called, presence.shape[1] - 1 - presence[:, ::-1].argmax(axis=1), -1)
    paid_days = np.where(called, starts[last + 1] - starts[first], 0.0)
    per_actor = rates * paid_days
    on_scene = rates * (presence * durations).sum(axis=1)
    total = float(per_actor.sum())
    costs = {name: _tidy(value) for name, value in zip(instance.actor_names, per_actor)}
    return _tidy(total), _tidy(total - float(on_scene.sum())), costs


def _tidy(value: float) -> float | int:
    """Show whole costs as integers and round away binary noise from fractional ones."""
    rounded = round(float(value), 9)
    return int(rounded) if rounded.is_integer() else rounded


@dataclass(frozen=True)
class _Reduced:
    """The reduced problem and how to expand its order back into scene indices."""

    durations: list[int]
    rates: list[int]
    masks: list[int]
    groups: list[list[int]]  # scene indices shot together, per reduced scene
    trailing: list[int]  # scenes with no waiting actor, shot last


def _integer_scale(values) -> int:
    """Return the least integer that makes every value whole (exact, via fractions)."""
    scale = 1
    for value in values:
        fraction = Fraction(str(value)).limit_denominator(10**6)
        scale = math.lcm(scale, fraction.denominator)
    return scale


def reduce_instance(instance: TalentInstance) -> _Reduced:
    """Scale to integers, drop actors who can never wait and merge identical scenes."""
    presence = instance.matrix
    n = presence.shape[1]
    day_scale = _integer_scale(instance.durations_days)
    rate_scale = _integer_scale(instance.day_rates)
    durations = [round(Fraction(str(x)) * day_scale) for x in instance.durations_days]
    rates = [round(Fraction(str(x)) * rate_scale) for x in instance.day_rates]
    counts = presence.sum(axis=1)
    waiting = [a for a in range(presence.shape[0]) if 1 < counts[a] < n and rates[a] > 0]
    groups: dict[int, list[int]] = {}
    trailing = []
    for s in range(n):
        mask = sum(1 << k for k, a in enumerate(waiting) if presence[a, s])
        (groups.setdefault(mask, []) if mask else trailing).append(s)
    masks = list(groups)
    return _Reduced(durations=[sum(durations[s] for s in groups[k]) for k in masks],
                    rates=[rates[a] for a in waiting], masks=masks,
                    groups=[groups[k] for k in masks], trailing=trailing)


# The front-only search proves the classic films in hundredths of a second, where placing
# scenes at both ends explores more states; on harder instances it is the other way round.
# "auto" gives the front-only search this long first, then searches both ends.
FRONT_FIRST_S = 0.1


def solve_talent(instance: TalentInstance, time_limit_s: float | None = None, *,
                 backend: str = "auto", both_ends: bool | str = "auto") -> TalentResult:
    """Find the cheapest scene order, proven optimal unless the time limit cut the search.

    ``backend`` is ``"auto"`` (compiled core where built), ``"compiled"`` or ``"python"``.
    ``both_ends=True`` places each scene at the front or the back of the scenes still to
    order, whichever end leaves fewer children under the bound; ``False`` orders from the
    front only; ``"auto"`` (the default) tries the front-only search for ``FRONT_FIRST_S``
    and, if that does not prove the optimum, searches both ends in the time left.
    """
    started = time.perf_counter()
    reduced = reduce_instance(instance)
    outcome, solver = _portfolio(reduced, time_limit_s, backend, both_ends)
    order = [s for k in outcome.order for s in reduced.groups[k]] + reduced.trailing
    total, idle, per_actor = order_costs(instance, order)
    durations = np.asarray(instance.durations_days, dtype=float)[order]
    starts = np.concatenate([[0.0], np.cumsum(durations)[:-1]])
    notes = () if outcome.proven else (
        f"the search stopped at the time limit ({time_limit_s} s): best order found, "
        "not proven optimal",)
    return TalentResult(
        order=tuple(instance.scene_ids[s] for s in order),
        start_days=tuple(_tidy(x) for x in starts), total_cost=total, idle_cost=idle,
        actor_costs=per_actor, optimal=outcome.proven, nodes=outcome.nodes,
        states=outcome.states, runtime_s=time.perf_counter() - started, solver=solver,
        instance_name=instance.name, notes=notes)


def _portfolio(reduced: _Reduced, time_limit_s, backend: str,
               both_ends: bool | str) -> tuple[SearchOutcome, str]:
    if both_ends != "auto":
        return _search(reduced, time_limit_s, backend, bool(both_ends))
    first_s = FRONT_FIRST_S if time_limit_s is None else min(FRONT_FIRST_S, time_limit_s)
    outcome, solver = _search(reduced, first_s, backend, False)
    if outcome.proven:
        return outcome, solver
    if time_limit_s is None:
        return _search(reduced, None, backend, True)
    left_s = time_limit_s - first_s
    # A limit of 0 would read as "no limit" to the searches: with no time left, stop here.
    return _search(reduced, left_s, backend, True) if left_s > 1e-3 else (outcome, solver)


def _search(reduced: _Reduced, time_limit_s, backend: str,
            both_ends: bool) -> tuple[SearchOutcome, str]:
    if backend not in ("auto", "compiled", "python"):
        raise ValueError(f"unknown backend {backend!r}")
    mode = 2 if both_ends else 0
    if backend != "python":
        outcome = search_compiled(reduced.durations, reduced.rates, reduced.masks,
                                  time_limit_s, both_ends=mode)
        if outcome is not None:
            return outcome, "compiled"
        if backend == "compiled":
            raise RuntimeError("the compiled talent core is not built "
                               "(reinstall with a C compiler: pip install -e .)")
    return search_python(reduced.durations, reduced.rates, reduced.masks, time_limit_s,
                         both_ends=mode), "python"
