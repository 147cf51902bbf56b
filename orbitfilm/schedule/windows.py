"""Candidate windows: where each scene's conditions, its cast's free time and a unit meet.

A scene may be shot only inside the intersection of its orbital conditions (clipped to its
earliest/latest and the mission), every cast member's free time aboard, and the free time
of the camera unit that shoots it. That intersection, rounded inwards to whole minutes and
cut at GMT midnight (so each window lies in one day, where the daily film limits count),
is all the solver ever sees of the orbit. A scene with no window long enough gets its reason
here, in words, naming the condition or person that removes the last window.
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date

import numpy as np

from ..intervals import IntervalSet
from ..mission.availability import Availability
from ..mission.flight import Flight
from ..production.model import Production, Scene
from ..times import DAY_S, MINUTE_S, format_minute
from .grid import GRID_TOLERANCE_MIN, Grid, holds, whole_minutes
from .problem import MAX_PIECES, Option, Problem, Task, Weights, Window

EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def scene_windows(scene: Scene, conditions: IntervalSet, cast_free: IntervalSet,
                  unit_free: IntervalSet, grid: Grid) -> tuple[Window, ...]:
    """Return a scene's windows on the grid for one camera unit, each long enough to shoot in.

    A window must hold the shortest piece after the set-up, which needs the unit free from
    ``setup_from_min``: the start of the unit's free stretch holding the window.
    """
    shoot = conditions.intersection(cast_free).intersection(unit_free)
    starts, ends = grid.inward(shoot)
    starts, ends, days = grid.split_at_midnight(starts, ends)
    free_starts, _ = grid.inward(unit_free)
    holder = np.searchsorted(free_starts, starts, side="right") - 1
    setup_from = free_starts[np.clip(holder, 0, None)] if len(free_starts) else starts
    setup_min, piece_min = whole_minutes(scene.setup_s), whole_minutes(scene.min_piece_s)
    room = np.maximum(starts, setup_from + setup_min) + piece_min <= ends
    return tuple(Window(int(a), int(b), int(c), int(d)) for a, b, c, d in
                 zip(starts[room], ends[room], setup_from[room], days[room]))


def build_task(production: Production, environment, scene: Scene, free: Availability,
               grid: Grid) -> Task:
    """Return one orbital scene as a task with its windows per camera unit (or a reason)."""
    conditions, _ = free.scene_windows_s(environment, scene)
    cast = [person.id for person in production.cast_of(scene)]
    cast_free = free.people(cast)
    options = tuple(Option(unit.id, scene_windows(scene, conditions, cast_free,
                                                   free.people(unit.people), grid))
                    for unit in production.camera_units())
    shoot_min, piece_min = whole_minutes(scene.shoot_s), whole_minutes(scene.min_piece_s)
    task = Task(
        id=scene.id, priority=scene.priority, shoot_min=shoot_min,
        setup_min=whole_minutes(scene.setup_s), min_piece_min=piece_min,
        max_pieces=min(MAX_PIECES, shoot_min // piece_min) if scene.splittable else 1,
        location=scene.location, cast=tuple(cast), options=options, after=tuple(scene.after),
        preferred_days=tuple(day.toordinal() - EPOCH_ORDINAL for day in scene.preferred_days),
        sequence=scene.sequence)
    if not enough_time(task):
        reason = no_window_reason(production, environment, scene, free, grid)
        return replace(task, options=tuple(Option(o.unit, ()) for o in options), reason=reason)
    return task


def enough_time(task: Task) -> bool:
    """Return whether some unit's windows hold the scene: whole, or in pieces that add up."""
    for option in task.options:
        if task.max_pieces == 1 and option.windows:
            return True
        room = sum(w.end_min - w.earliest_shoot_min(task.setup_min) for w in option.windows)
        if option.windows and room >= task.shoot_min:
            return True
    return False


def build_problem(flight: Flight, weights: Weights | None = None) -> Problem:
    """Return the plain problem of a flight's orbital scenes over its environment's span."""
    production, environment = flight.production, flight.environment
    grid = Grid(environment.span_s)
    free = Availability(production, environment.span_s)
    tasks = tuple(build_task(production, environment, scene, free, grid)
                  for scene in production.orbital_scenes())
    locations = sorted({task.location for task in tasks})
    units = production.camera_units()
    daily, weekly = _limits(production, tasks, units)
    return Problem(
        origin_s=grid.origin_s, horizon_min=grid.horizon_min, tasks=tasks,
        unit_people={unit.id: tuple(unit.people) for unit in units},
        daily_limit_min=daily, weekly_limit_min=weekly,
        moves_min={(a, b): whole_minutes(production.move_min(a, b) * MINUTE_S)
                   for a in locations for b in locations if a != b},
        weights=weights or Weights(),
        unit_free_min={unit.id: _grid_pairs(grid, free.people(unit.people)) for unit in units},
        reserve_from_min=_reserve_from(production, grid))


def _limits(production: Production, tasks, units) -> tuple[dict[str, int], dict[str, int]]:
    """Return the daily and weekly limits of film work of the people the scenes take."""
    people = {p for task in tasks for p in task.cast} | {p for u in units for p in u.people}
    daily, weekly = {}, {}
    for person_id in sorted(people):
        day_min, week_min = production.film_limits_min(production.person(person_id))
        # A whole day (or week) of film work is no limit: nobody is in two places at once.
        if day_min is not None and day_min < DAY_S / MINUTE_S:
            daily[person_id] = math.floor(day_min + GRID_TOLERANCE_MIN)
        if week_min is not None and week_min < 7 * DAY_S / MINUTE_S:
            weekly[person_id] = math.floor(week_min + GRID_TOLERANCE_MIN)
    return daily, weekly


def _reserve_from(production: Production, grid: Grid) -> int | None:
    """Return the grid minute where the reserve days before undocking begin (or None)."""
    reserve_s = production.limits.reserve_days * DAY_S
    if reserve_s <= 0:
        return None
    return max(0, math.floor((production.span_s[1] - reserve_s - grid.origin_s) / MINUTE_S))


def _grid_pairs(grid: Grid, intervals: IntervalSet) -> tuple[tuple[int, int], ...]:
    starts, ends = grid.inward(intervals)
    return tuple((int(a), int(b)) for a, b in zip(starts, ends) if b > a)


# -- why a scene has no window ---------------------------------------------------------------

def _fits(scene: Scene, windows: IntervalSet, grid: Grid) -> bool:
    """Return whether a set of times holds the scene, by the scheduler's rule (``holds``)."""
    return holds(grid, windows, scene.min_piece_s, scene.shoot_s)


def _need(scene: Scene) -> str:
    minutes = whole_minutes(scene.min_piece_s)
    return f"{minutes} min in one go" if scene.splittable else f"{minutes} min"


def _longest(windows: IntervalSet, grid: Grid) -> str:
    """Return, when there is any window, the longest in minutes and what the grid keeps."""
    if windows.longest_s() <= 0:
        return ""
    whole = int(grid.window_minutes(windows).max(initial=0))
    return (f" (the longest is {windows.longest_s() / MINUTE_S:.1f} min, {whole} whole "
            f"minute{'s' if whole != 1 else ''} on the scheduler's minute grid)")


def no_window_reason(production: Production, environment, scene: Scene, free: Availability,
                     grid: Grid) -> str:
    """Return, in words, what removes a scene's last window: a condition, a person, the unit.

    Intersects one thing at a time, in the order a person would check: the mission and the
    scene's earliest/latest, each condition, each cast member alone, the cast together, the
    camera units, and last the room for the set-up; every step asks the scheduler's own
    question (``holds``: whole minutes on the grid).
    """
    low, high = environment.span_s
    clipped = IntervalSet.whole(environment.span_s).clip(
        max(low, scene.earliest_s or low), min(high, scene.latest_s or high))
    if not _fits(scene, clipped, grid):
        return (f"the mission between its earliest and latest leaves no {_need(scene)} "
                f"({format_minute(clipped.span_s[0])} to {format_minute(clipped.span_s[1])} UTC)")
    conditions, names = clipped, scene.condition_names()
    for count, name in enumerate(names, start=1):
        conditions = conditions.intersection(environment.condition(name, production.edge_s))
        if not _fits(scene, conditions, grid):
            held = ", ".join(names[:count])
            what = f"its condition ({held}) never holds" if count == 1 else \
                f"its conditions ({held}) never hold together"
            return f"{what} for {_need(scene)} during the mission{_longest(conditions, grid)}"
    return _people_reason(production, scene, conditions, free, grid)


def _people_reason(production: Production, scene: Scene, conditions: IntervalSet,
                   free: Availability, grid: Grid) -> str:
    names = ", ".join(scene.condition_names()) or "no conditions"
    cast = [person.id for person in production.cast_of(scene)]
    # Each reason ends with the longest stretch left and what the minute grid keeps of it:
    # when rounding to whole minutes is what removes the last window, it says so.
    for person_id in cast:
        alone = conditions.intersection(free.person(person_id))
        if not _fits(scene, alone, grid):
            return (f"its conditions ({names}) never coincide with the free time aboard of "
                    f"{person_id} for {_need(scene)}{_longest(alone, grid)}")
    with_cast = conditions.intersection(free.people(cast))
    if not _fits(scene, with_cast, grid):
        return (f"its conditions ({names}) never coincide with the free time aboard of "
                f"{' and '.join(cast)} together for {_need(scene)}{_longest(with_cast, grid)}")
    units = production.camera_units()
    if not any(_fits(scene, with_cast.intersection(free.people(u.people)), grid) for u in units):
        crews = "; ".join(", ".join(u.people) for u in units)
        return (f"its conditions with its cast free never coincide with a camera unit "
                f"({crews}) free for {_need(scene)}")
    return (f"no window with its conditions, cast and camera unit free leaves room for its "
            f"{whole_minutes(scene.setup_s)} min set-up just before it")
