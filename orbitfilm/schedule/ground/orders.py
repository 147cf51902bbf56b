"""A small ground unit, exactly: every order that keeps precedence, packed day after day.

An order runs in blocks, one per visit to a place; a block starts on a whole day (the first,
or the day after a journey's travel days) and the next journey leaves on the first whole day
after it. A block that does not fill its last day leaves a free part of a day; where it goes
(before the block's first scene, between two of its scenes, or after its last) decides who
is held over it. Every actor spanning a free stretch pays it, and the unit pays it from its
first scene to the wrap, so the cost is linear in where the free time goes: all of it belongs
in the one gap the fewest pay for. Any larger gap only lengthens someone's holding, so the cheapest order
laid out this way is the optimum of the day model. 8! = 40,320 orders take about a second.
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
    unit_cost: float = 0.0

    @property
    def total(self) -> float:
        return (sum(self.actor_costs.values()) + self.move_cost + self.travel_cost
                + self.unit_cost)


def pack(problem: GroundProblem, order) -> _Packed:
    """Lay out an order of scenes day after day, each block's free time where it costs
    least, and price it."""
    by_id = {s.id: s for s in problem.scenes}
    scenes = [by_id[i] for i in order]
    blocks = _blocks(problem, scenes)
    gap_at = _cheapest_gaps(problem, scenes, blocks)
    moves = {loc.id: loc.move_cost for loc in problem.locations}
    packed, day, location = _Packed(), 0.0, None
    for b, (first, last) in enumerate(blocks):
        if b:
            day = float(math.ceil(day - 1e-9))
            journey = _enter(problem, packed, day, scenes[first - 1], scenes[first])
            day += journey
        for i in range(first, last + 1):
            day += gap_at.get(i, 0.0)
            if scenes[i].location != location:
                packed.move_cost += moves.get(scenes[i].location, 0.0)
            location = scenes[i].location
            packed.starts[scenes[i].id] = day
            day += scenes[i].duration_days
        day += gap_at.get(last + 1, 0.0) if b < len(blocks) - 1 else 0.0
    packed.end_day = day
    packed.actor_costs = _holding(problem, scenes, packed.starts)
    packed.unit_cost = problem.unit_day_cost * (day - min(packed.starts.values()))
    return packed


def _blocks(problem: GroundProblem, scenes) -> list[tuple[int, int]]:
    """Return the [first, last] positions of each run of scenes at one place."""
    blocks, first = [], 0
    for i in range(1, len(scenes) + 1):
        if i == len(scenes) or problem.place_of(scenes[i].location) != \
                problem.place_of(scenes[i - 1].location):
            blocks.append((first, i - 1))
            first = i
    return blocks


def _cheapest_gaps(problem: GroundProblem, scenes, blocks) -> dict[int, float]:
    """Return the free days to leave before position i (``len`` = after the last scene) for
    every block followed by a journey: its whole free part of a day, at the gap the fewest
    pay for (ties: the earliest)."""
    rates = {a.name: a.day_rate for a in problem.actors}
    spans: dict[str, list[int]] = {}
    for i, scene in enumerate(scenes):
        for actor in scene.actors:
            spans.setdefault(actor, [i, i])[1] = i

    def price(gap: int) -> float:
        # Who is held across a gap before position ``gap``: first scene before, last after;
        # the unit from its first scene on.
        held = sum(rates[a] for a, (first, last) in spans.items() if first < gap <= last)
        return held + problem.unit_day_cost * (gap > 0)

    found = {}
    for first, last in blocks[:-1]:
        days = sum(scenes[i].duration_days for i in range(first, last + 1))
        free = math.ceil(days - 1e-9) - days
        if free > 1e-9:
            found[min(range(first, last + 2), key=price)] = free
    return found


def _enter(problem: GroundProblem, packed: _Packed, day: float, before, after) -> int:
    """Book the journey from one scene's place to the next's; return its travel days."""
    here, there = problem.place_of(before.location), problem.place_of(after.location)
    journey = problem.journey(here, there)
    packed.journeys.append((day, here, there, journey.days, journey.cost))
    packed.travel_cost += journey.cost
    return journey.days


def _holding(problem: GroundProblem, scenes, starts: dict[str, float]) -> dict[str, float]:
    """Return each paid actor's cost from the start of their first scene to their last's end."""
    rates = {a.name: a.day_rate for a in problem.actors}
    first, last = {}, {}
    for scene in scenes:
        for actor in scene.actors:
            first.setdefault(actor, starts[scene.id])
            last[actor] = starts[scene.id] + scene.duration_days
    return {a: tidy(rates[a] * (last[a] - first[a])) for a in first if rates[a]}


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
        travel_cost=tidy(packed.travel_cost), unit_cost=tidy(packed.unit_cost))


def days_touched(start_day: float, duration_days: float) -> list[int]:
    """Return the shooting-day numbers a scene from ``start_day`` of ``duration_days`` uses."""
    first, last = int(start_day), int(-(-(start_day + duration_days) // 1)) - 1
    return list(range(first, max(last, first) + 1))
