"""Re-plan the rest of a shoot: what is shot stays, nothing goes before now, the published
schedule is both the hint and what the stability terms keep.

``rest_problem`` turns the problem of the whole stay into the problem of what is left:
scenes shot or lost out, windows clipped at ``now``, the film minutes already worked
counted against the limits, each published scene's time and day for the stability terms
(weights from the production's ``[replan]``). ``replan_scenes`` solves it from the
published schedule repaired (``greedy.repair``) and returns one ``Result`` of the whole
stay: the shots at their real times, the lost scenes with their reasons, the rest placed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Callable

from ..mission.flight import Flight
from ..production.model import Production
from ..times import DAY_S, MINUTE_S, format_minute, parse_iso
from .greedy import repair
from .pins import Pin, pin_problem
from .grid import whole_minutes
from .problem import Option, Placement, Problem, SolveOptions, film_minutes
from .result import Result, ScheduledScene, Unscheduled, conditions_as_written
from .scheduler import solve_problem
from .windows import enough_time


@dataclass(frozen=True)
class Rest:
    """The problem of what is left, and the published schedule on its grid (the hint)."""

    problem: Problem
    published: list[Placement]


def grid_minute(problem: Problem, seconds: float) -> int:
    """Return the grid minute of an instant (to the nearest: schedule times are on it)."""
    return round((seconds - problem.origin_s) / MINUTE_S)


def published_placements(problem: Problem, schedule: dict, units: list[str]) -> list[Placement]:
    """Return a schedule file's scenes as placements on the problem's grid (the unit named,
    else the only one)."""
    found = []
    for entry in schedule.get("scenes", []):
        times = [grid_minute(problem, parse_iso(entry[key], field=key))
                 for key in ("start", "shoot_start", "end")]
        found.append(Placement(entry["id"], entry.get("unit") or units[0], *times))
    return found


def used_minutes(problem: Problem, shots, units: dict[str, str]) -> dict[tuple[str, int], int]:
    """Return the film minutes the shots took, by (person, GMT day of the shot): the cast
    while shooting, the unit with the set-up, as the limits count them."""
    used: dict[tuple[str, int], int] = {}
    tasks = {task.id: task for task in problem.tasks}
    for shot in shots:
        task = tasks.get(shot.scene)
        if task is None:
            continue
        day = int(shot.start_s // DAY_S)
        minutes = film_minutes(problem, task, units.get(shot.scene, ""),
                               whole_minutes(shot.end_s - shot.start_s))
        for person, worked in minutes.items():
            used[(person, day)] = used.get((person, day), 0) + worked
    return used


def rest_problem(production: Production, problem: Problem, logged, schedule: dict,
                 pins: tuple[Pin, ...] = ()) -> Rest:
    """Return the problem of what is left after ``logged`` (``plan.logged.Logged``) with the
    published ``schedule`` (a schedule file's JSON) and the first AD's ``pins``."""
    units = list(problem.unit_people)
    published = published_placements(problem, schedule, units)
    unit_of = {p.task_id: p.unit for p in published}
    now_min = max(0, math.ceil((logged.now_s - problem.origin_s) / MINUTE_S - 1e-9))
    done = logged.shot_scenes() | set(logged.lost)
    rest = problem.subset([t.id for t in problem.tasks if t.id not in done])
    rest = _after_lost(problem, _left_room(rest.from_minute(now_min), rest, logged.now_s),
                       logged.lost)
    first = {}
    for placement in sorted(published, key=lambda p: p.shoot_start_min):
        first.setdefault(placement.task_id, placement)
    weights = production.replan
    now_day = int(logged.now_s // DAY_S)
    rest = replace(
        rest, weights=replace(rest.weights, moved_scene=weights.moved_scene,
                              moved_day=weights.moved_day,
                              call_sheet_soon=weights.call_sheet_soon),
        published={task_id: (p.shoot_start_min, problem.day_of(p.shoot_start_min))
                   for task_id, p in first.items() if task_id not in done},
        soon_days=(now_day, now_day + 1),
        used_min=used_minutes(problem, logged.shots, {s: unit_of.get(s, units[0])
                                                      for s in logged.shot_scenes()}))
    left = [p for p in published if p.task_id not in done]
    return Rest(pin_problem(rest, tuple(pins), left), left)


def _left_room(clipped: Problem, before: Problem, now_s: float) -> Problem:
    """Give each scene that had room before ``now`` and has none after it its reason."""
    old = {task.id: task for task in before.tasks}
    tasks = []
    for task in clipped.tasks:
        if old[task.id].has_windows and enough_time(old[task.id]) and not enough_time(task):
            task = replace(task, options=tuple(Option(o.unit, ()) for o in task.options),
                           reason=f"no window left after the re-plan's now "
                                  f"({format_minute(now_s)} UTC) before undocking")
        tasks.append(task)
    return replace(clipped, tasks=tuple(tasks))


def _after_lost(whole: Problem, rest: Problem, lost: dict[str, str]) -> Problem:
    """Leave out each scene that must come after a lost one (the ``after`` rule: shot only
    if that one is), saying which."""
    tasks = []
    for task in rest.tasks:
        gone = [other for other in whole.ancestors(task.id) if other in lost]
        if gone:
            task = replace(task, options=tuple(Option(o.unit, ()) for o in task.options),
                           reason=f"it comes after scene {gone[0]}, lost: {lost[gone[0]]}")
        tasks.append(task)
    return replace(rest, tasks=tuple(tasks))


def replan_scenes(flight: Flight, problem: Problem, logged, schedule: dict,
                  options: SolveOptions,
                  progress: Callable[[dict], None] | None = None,
                  pins: tuple[Pin, ...] = ()) -> Result:
    """Return the whole stay re-planned: the shots as logged, the lost scenes with their
    reasons, the rest solved from the published schedule repaired."""
    production = flight.production
    rest = rest_problem(production, problem, logged, schedule, pins)
    hint = repair(rest.problem, rest.published)
    result = solve_problem(flight, rest.problem, options, progress, hint=hint)
    units = {p["id"]: p.get("unit") for p in schedule.get("scenes", []) if p.get("unit")}
    shots = [_shot_scene(production, shot, units.get(shot.scene) or next(iter(
        problem.unit_people), "")) for shot in logged.shots]
    lost = [Unscheduled(scene, f"lost: {reason}") for scene, reason in logged.lost.items()]
    scenes = sorted(result.scenes + shots, key=lambda s: (s.start_s, s.id))
    return replace(result, scenes=scenes, unscheduled=lost + result.unscheduled)


def _shot_scene(production: Production, shot, unit: str) -> ScheduledScene:
    """Return a logged shot as a scene of the schedule (its set-up just before it)."""
    scene = production.scene(shot.scene)
    return ScheduledScene(
        id=scene.id, unit=unit, start_s=shot.start_s - scene.setup_s,
        shoot_start_s=shot.start_s, end_s=shot.end_s, location=scene.location,
        cast=tuple(p.id for p in production.cast_of(scene)),
        conditions=conditions_as_written(scene))
