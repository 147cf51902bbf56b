"""A small ground unit, exactly: every order that keeps precedence, packed day after day.

Without location availability or the drop/pick-up rule, packing the scenes of an order back
to back (a day holding one place: a new place starts a new day, after the journey's travel
days) is best for that order, since a gap only lengthens someone's holding; so the cheapest
order found this way is the optimum. 8! = 40,320 orders take about a second.
"""

from __future__ import annotations

import itertools
import math
import time
from dataclasses import dataclass, field

from .problem import GroundProblem, GroundSchedule, Travel, tidy

ENUMERATE_UP_TO = 8


def can_enumerate(problem: GroundProblem) -> bool:
    """Return whether this solver is exact and quick for the problem."""
    return (len(problem.scenes) <= ENUMERATE_UP_TO and problem.drop_pickup_min_days is None
            and all(location.available_days is None for location in problem.locations))


@dataclass
class _Packed:
    """An order laid out day after day: starts, journeys and what it costs."""

    starts: dict[str, float] = field(default_factory=dict)
    journeys: list[tuple[float, str, str, int, float]] = field(default_factory=list)
    move_cost: float = 0.0
    travel_cost: float = 0.0
    actor_costs: dict[str, float] = field(default_factory=dict)
    end_day: float = 0.0

    @property
    def total(self) -> float:
        return sum(self.actor_costs.values()) + self.move_cost + self.travel_cost


def pack(problem: GroundProblem, order) -> _Packed:
    """Lay out an order of scenes day after day and price it."""
    scenes = {s.id: s for s in problem.scenes}
    moves = {loc.id: loc.move_cost for loc in problem.locations}
    rates = {a.name: a.day_rate for a in problem.actors}
    packed, day, place, location = _Packed(), 0.0, None, None
    first, last = {}, {}
    for scene_id in order:
        scene = scenes[scene_id]
        here = problem.place_of(scene.location)
        if place is not None and here != place:
            journey = problem.journey(place, here)
            day = float(math.ceil(day - 1e-9))
            packed.journeys.append((day, place, here, journey.days, journey.cost))
            packed.travel_cost += journey.cost
            day += journey.days
        if scene.location != location:
            packed.move_cost += moves.get(scene.location, 0.0)
        place, location = here, scene.location
        packed.starts[scene_id] = day
        for actor in scene.actors:
            first.setdefault(actor, day)
            last[actor] = day + scene.duration_days
        day += scene.duration_days
    packed.actor_costs = {a: tidy(rates[a] * (last[a] - first[a])) for a in first if rates[a]}
    packed.end_day = day
    return packed


def _keeps_precedence(order, before) -> bool:
    seen = set()
    for scene_id in order:
        if not before.get(scene_id, set()) <= seen:
            return False
        seen.add(scene_id)
    return True


def solve_by_orders(problem: GroundProblem) -> GroundSchedule:
    """Return the cheapest order of a small ground unit, packed; proven optimal."""
    started = time.perf_counter()
    before: dict[str, set] = {}
    for first, then in problem.precedences:
        before.setdefault(then, set()).add(first)
    best_order, best = None, None
    for order in itertools.permutations(s.id for s in problem.scenes):
        if _keeps_precedence(order, before):
            packed = pack(problem, order)
            if best is None or packed.total < best.total - 1e-9:
                best_order, best = order, packed
    if best is None:
        return GroundSchedule("infeasible", "every order, packed", (), {}, {}, 0, 0.0, 0.0,
                              {}, 0.0, time.perf_counter() - started)
    return _schedule(problem, best_order, best, time.perf_counter() - started)


def _schedule(problem: GroundProblem, order, packed: _Packed, runtime_s: float) -> GroundSchedule:
    scenes = {s.id: s for s in problem.scenes}
    shooting = problem.calendar.shooting_dates(max(1, math.ceil(packed.end_day - 1e-9)))
    dates = {i: sorted({shooting[d].isoformat() for d in days_touched(
        packed.starts[i], scenes[i].duration_days)}) for i in order}
    travel = tuple(Travel(tuple(shooting[int(d) + k].isoformat() for k in range(days)),
                          p, q, tidy(cost)) for d, p, q, days, cost in packed.journeys)
    own = sum(a.day_rate * s.duration_days for s in problem.scenes for a in problem.actors
              if a.name in s.actors)
    actor_total = sum(packed.actor_costs.values())
    rates = {a.name: a.day_rate for a in problem.actors}
    return GroundSchedule(
        status="optimal", method="every order, packed", order=tuple(order),
        start_days={i: tidy(packed.starts[i]) for i in order}, dates=dates,
        shooting_days=len(shooting), total_cost=tidy(packed.total),
        idle_cost=tidy(actor_total - own), actor_costs=dict(packed.actor_costs),
        actor_paid_days={a: tidy(c / rates[a]) for a, c in packed.actor_costs.items()},
        move_cost=tidy(packed.move_cost), runtime_s=runtime_s, travel=travel,
        travel_cost=tidy(packed.travel_cost))


def days_touched(start_day: float, duration_days: float) -> list[int]:
    """Return the shooting-day numbers a scene from ``start_day`` of ``duration_days`` uses."""
    first, last = int(start_day), int(-(-(start_day + duration_days) // 1)) - 1
    return list(range(first, max(last, first) + 1))
