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
from ..production import Production, scene_windows_s
from ..production.model import Scene
from ..times import DAY_S, MINUTE_S, format_minute
from .problem import MAX_PIECES, Option, Problem, Task, Weights, Window

# Instants within a microsecond of a grid minute count as on it: interval boundaries are
# refined to a millisecond, so nothing real is lost, and float noise is not mistaken for a
# boundary a whole minute later.
GRID_TOLERANCE_MIN = 1e-8
EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


class Grid:
    """Whole minutes from ``origin_s``, the mission start rounded down to a minute."""

    def __init__(self, span_s: tuple[float, float]):
        self.origin_s = math.floor(span_s[0] / MINUTE_S) * MINUTE_S
        self.horizon_min = math.floor((span_s[1] - self.origin_s) / MINUTE_S + GRID_TOLERANCE_MIN)

    def inward(self, intervals: IntervalSet) -> tuple[np.ndarray, np.ndarray]:
        """Return the intervals' whole minutes inside them: starts rounded up, ends down."""
        starts = np.ceil((intervals.starts_s - self.origin_s) / MINUTE_S - GRID_TOLERANCE_MIN)
        ends = np.floor((intervals.ends_s - self.origin_s) / MINUTE_S + GRID_TOLERANCE_MIN)
        return starts.astype(np.int64), ends.astype(np.int64)

    def days_of(self, minutes: np.ndarray) -> np.ndarray:
        """Return the GMT day (days since 1970) of each grid minute."""
        return np.floor((self.origin_s + minutes * MINUTE_S) / DAY_S).astype(np.int64)

    def split_at_midnight(self, starts: np.ndarray, ends: np.ndarray):
        """Return (starts, ends, days) with every stretch cut where a GMT day ends."""
        keep = ends > starts
        starts, ends = starts[keep], ends[keep]
        first, last = self.days_of(starts), self.days_of(ends - 1)
        counts = last - first + 1
        days = np.repeat(first, counts) + (np.arange(counts.sum()) -
                                           np.repeat(np.cumsum(counts) - counts, counts))
        midnight_min = np.round((days * DAY_S - self.origin_s) / MINUTE_S).astype(np.int64)
        cut_starts = np.maximum(np.repeat(starts, counts), midnight_min)
        cut_ends = np.minimum(np.repeat(ends, counts), midnight_min + round(DAY_S / MINUTE_S))
        return cut_starts, cut_ends, days


def whole_minutes(duration_s: float) -> int:
    """Return a duration in whole minutes, rounded up so a scene never runs short."""
    return math.ceil(duration_s / MINUTE_S - GRID_TOLERANCE_MIN)


class Availability:
    """Free time of people and camera units over the mission, each computed once."""

    def __init__(self, production: Production, span_s: tuple[float, float]):
        self.production = production
        self.span_s = span_s
        self._people: dict[str, IntervalSet] = {}

    def person(self, person_id: str) -> IntervalSet:
        if person_id not in self._people:
            self._people[person_id] = self.production.available_s(person_id, self.span_s)
        return self._people[person_id]

    def people(self, person_ids) -> IntervalSet:
        """Return when all of these people are free together."""
        free = IntervalSet.whole(self.span_s)
        for person_id in person_ids:
            free = free.intersection(self.person(person_id))
        return free


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
    conditions, _ = scene_windows_s(production, environment, scene)
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
        sequence=getattr(scene, "sequence", None))
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


def build_problem(production: Production, environment, weights: Weights | None = None) -> Problem:
    """Return the plain problem of a production's orbital scenes over its environment's span."""
    grid = Grid(environment.span_s)
    free = Availability(production, environment.span_s)
    tasks = tuple(build_task(production, environment, scene, free, grid)
                  for scene in production.orbital_scenes())
    locations = sorted({task.location for task in tasks})
    return Problem(
        origin_s=grid.origin_s, horizon_min=grid.horizon_min, tasks=tasks,
        unit_people={unit.id: tuple(unit.people) for unit in production.camera_units()},
        daily_limit_min={p.id: math.floor(p.daily_film_limit_min + GRID_TOLERANCE_MIN)
                         for p in production.people if p.daily_film_limit_min is not None},
        moves_min={(a, b): whole_minutes(production.move_min(a, b) * MINUTE_S)
                   for a in locations for b in locations if a != b},
        weights=weights or Weights(),
        unit_free_min={unit.id: _grid_pairs(grid, free.people(unit.people))
                       for unit in production.camera_units()})


def _grid_pairs(grid: Grid, intervals: IntervalSet) -> tuple[tuple[int, int], ...]:
    starts, ends = grid.inward(intervals)
    return tuple((int(a), int(b)) for a, b in zip(starts, ends) if b > a)


# -- why a scene has no window ---------------------------------------------------------------

def _fits(scene: Scene, windows: IntervalSet, grid: Grid) -> bool:
    """Return whether a set of times holds the scene's shortest piece, and all of it in all."""
    starts, ends = grid.inward(windows)
    starts, ends, _ = grid.split_at_midnight(starts, ends)
    lengths = ends - starts
    piece, shoot = whole_minutes(scene.min_piece_s), whole_minutes(scene.shoot_s)
    long_enough = lengths[lengths >= piece]
    return bool(len(long_enough)) and int(long_enough.sum()) >= shoot


def _need(scene: Scene) -> str:
    minutes = whole_minutes(scene.min_piece_s)
    return f"{minutes} min in one go" if scene.splittable else f"{minutes} min"


def no_window_reason(production: Production, environment, scene: Scene, free: Availability,
                     grid: Grid) -> str:
    """Return, in words, what removes a scene's last window: a condition, a person, the unit.

    Intersects one thing at a time, in the order a person would check: the mission and the
    scene's earliest/latest, each condition, each cast member alone, the cast together, the
    camera units, and last the room for the set-up.
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
            together = "never holds" if count == 1 else "never hold together"
            return f"its conditions ({held}) {together} for {_need(scene)} during the mission"
    return _people_reason(production, scene, conditions, free, grid)


def _people_reason(production: Production, scene: Scene, conditions: IntervalSet,
                   free: Availability, grid: Grid) -> str:
    names = ", ".join(scene.condition_names()) or "no conditions"
    cast = [person.id for person in production.cast_of(scene)]
    for person_id in cast:
        if not _fits(scene, conditions.intersection(free.person(person_id)), grid):
            return (f"its conditions ({names}) never coincide with the free time aboard of "
                    f"{person_id} for {_need(scene)}")
    with_cast = conditions.intersection(free.people(cast))
    if not _fits(scene, with_cast, grid):
        return (f"its conditions ({names}) never coincide with the free time aboard of "
                f"{' and '.join(cast)} together for {_need(scene)}")
    units = production.camera_units()
    if not any(_fits(scene, with_cast.intersection(free.people(u.people)), grid) for u in units):
        crews = "; ".join(", ".join(u.people) for u in units)
        return (f"its conditions with its cast free never coincide with a camera unit "
                f"({crews}) free for {_need(scene)}")
    return (f"no window with its conditions, cast and camera unit free leaves room for its "
            f"{whole_minutes(scene.setup_s)} min set-up just before it")
