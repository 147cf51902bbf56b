"""From a production's ground scenes to the ground solvers.

The pure talent case (one cost per actor-day, no moves, no precedence, no days off) goes to
the exact solver; anything richer goes to the day scheduler. Either way the result has the
same plain form: order, dates, total and idle cost, cost by actor, and whether it is optimal.
"""

from __future__ import annotations

import datetime as dt
import itertools
import time

from .days import (GroundActor, GroundCalendar, GroundLocation, GroundProblem, GroundScene,
                   schedule_ground_days)
from .talent import solve_talent
from .talent_io import TalentInstance

DEFAULT_START = dt.date(2021, 9, 6)


def ground_problem(production) -> GroundProblem | None:
    """Return the day-scheduling problem of a production's ground scenes (None if none)."""
    scenes = production.ground_scenes()
    if not scenes:
        return None
    ids = {s.id for s in scenes}
    ground_scenes = tuple(GroundScene(s.id, float(s.days), s.location,
                                      tuple(p.id for p in production.cast_of(s)))
                          for s in scenes)
    actor_ids = sorted({a for scene in ground_scenes for a in scene.actors})
    actors = tuple(GroundActor(a, float(production.person(a).day_rate or 0.0))
                   for a in actor_ids)
    locations = production.all_locations()
    used = sorted({s.location for s in scenes})
    calendar = production.ground
    return GroundProblem(
        scenes=ground_scenes, actors=actors,
        locations=tuple(GroundLocation(i, float(getattr(locations.get(i), "move_cost", 0.0)))
                        for i in used),
        precedences=tuple((before, s.id) for s in scenes for before in s.after if before in ids),
        calendar=GroundCalendar(calendar.start or DEFAULT_START, weekly_days_off=(),
                                days_off=tuple(calendar.days_off)),
        horizon_days=_working_days(calendar) if calendar.start and calendar.end else None)


def _working_days(calendar) -> int:
    days = (calendar.end - calendar.start).days + 1
    return days - sum(calendar.start <= d <= calendar.end for d in set(calendar.days_off))


def is_pure_talent(problem: GroundProblem) -> bool:
    """Return whether only actor-days cost: the case the exact solver proves optimal."""
    return (not problem.precedences and not problem.calendar.days_off
            and all(location.move_cost == 0 for location in problem.locations))


def schedule_ground(production, time_limit_s: float = 30.0) -> dict | None:
    """Schedule a production's ground scenes; return the ``ground`` block of a schedule."""
    problem = ground_problem(production)
    if problem is None:
        return None
    if is_pure_talent(problem):
        return _exact(problem, time_limit_s)
    if len(problem.scenes) <= ENUMERATE_UP_TO and problem.drop_pickup_min_days is None and all(
            location.available_days is None for location in problem.locations):
        return _enumerated(problem)
    return schedule_ground_days(problem, time_limit_s).to_dict() | {"method": "cp-sat days"}


# 8! = 40,320 orders take about a second in plain Python.
ENUMERATE_UP_TO = 8


def _enumerated(problem: GroundProblem) -> dict:
    """Try every order that keeps precedence, each packed day after day: optimal, and quick.

    Without location availability or the drop/pick-up rule, packing the scenes back to back
    is best for a given order (a gap only lengthens someone's holding), so the cheapest order
    found this way is the optimum.
    """
    started = time.perf_counter()
    scenes = {s.id: s for s in problem.scenes}
    rates = {a.name: a.day_rate for a in problem.actors}
    moves = {l.id: l.move_cost for l in problem.locations}
    before = {}
    for first, then in problem.precedences:
        before.setdefault(then, set()).add(first)
    best = None
    for order in itertools.permutations(scenes):
        if not _keeps_precedence(order, before):
            continue
        cost = _order_cost([scenes[i] for i in order], rates, moves)
        if best is None or cost[0] < best[1][0]:
            best = (order, cost)
    order, (total, actor_costs, move_cost, starts) = best
    own = sum(rates[a] * s.duration_days for s in problem.scenes for a in s.actors)
    elapsed = max(starts[i] + scenes[i].duration_days for i in order)
    shooting = problem.calendar.shooting_dates(int(-(-elapsed // 1)))
    dates = {i: sorted({shooting[d].isoformat() for d in _days_touched(starts[i],
                                                                       scenes[i].duration_days)})
             for i in order}
    return {"status": "optimal", "optimal": True, "method": "every order, packed",
            "order": list(order), "start_days": starts, "dates": dates,
            "shooting_days": len(shooting), "total_cost": _plain(total),
            "idle_cost": _plain(total - move_cost - own), "actor_costs": actor_costs,
            "move_cost": _plain(move_cost), "runtime_s": round(time.perf_counter() - started, 6)}


def _keeps_precedence(order, before) -> bool:
    seen = set()
    for scene_id in order:
        if not before.get(scene_id, set()) <= seen:
            return False
        seen.add(scene_id)
    return True


def _order_cost(scenes, rates, moves):
    """Return (total, cost by actor, move cost, start day of each scene) of a packed order."""
    starts, first, last, day, where, move_cost = {}, {}, {}, 0.0, None, 0.0
    for scene in scenes:
        starts[scene.id] = day
        if scene.location != where:
            move_cost, where = move_cost + moves.get(scene.location, 0.0), scene.location
        for actor in scene.actors:
            first.setdefault(actor, day)
            last[actor] = day + scene.duration_days
        day += scene.duration_days
    actor_costs = {a: _plain(rates[a] * (last[a] - first[a])) for a in first if rates[a]}
    return sum(actor_costs.values()) + move_cost, actor_costs, move_cost, starts


def _exact(problem: GroundProblem, time_limit_s: float) -> dict:
    """Solve the pure case exactly, then lay the order on the calendar's shooting days."""
    instance = TalentInstance(
        scene_ids=tuple(s.id for s in problem.scenes),
        actor_names=tuple(a.name for a in problem.actors),
        durations_days=tuple(s.duration_days for s in problem.scenes),
        day_rates=tuple(a.day_rate for a in problem.actors),
        appears=tuple(tuple(a.name in s.actors for s in problem.scenes) for a in problem.actors))
    result = solve_talent(instance, time_limit_s=time_limit_s)
    durations = {s.id: s.duration_days for s in problem.scenes}
    starts, elapsed = {}, 0.0
    for scene_id in result.order:
        starts[scene_id], elapsed = elapsed, elapsed + durations[scene_id]
    shooting = problem.calendar.shooting_dates(int(-(-elapsed // 1)) or 1)
    dates = {scene_id: sorted({shooting[int(day)].isoformat() for day in _days_touched(
        start, durations[scene_id])}) for scene_id, start in starts.items()}
    return result.to_dict() | {"method": "exact talent search", "start_days": starts,
                               "dates": dates, "shooting_days": len(shooting)}


def _days_touched(start_day: float, duration_days: float) -> list[float]:
    first, last = int(start_day), int(-(-(start_day + duration_days) // 1)) - 1
    return list(range(first, max(last, first) + 1))


def _plain(value: float) -> float | int:
    return int(value) if float(value).is_integer() else float(value)
