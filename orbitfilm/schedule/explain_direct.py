"""Why a scene was left out, by direct tests on the schedule that stands: no solver.

With every scheduled scene kept where it is (the premise of the cores in ``explain``), a
scene left out cannot be shot when, in every window of every camera unit that could shoot
it:

1. someone it needs has used up a film limit that day or week (the cast shoot, the unit's
   people set up and shoot; a splittable scene needs at least its shortest piece); or
2. no stretch long enough for its set-up and shooting is free of the scheduled scenes that
   share its camera unit, its cast or its location (``occupied_by`` names them; ``explain``
   words them as the cores' reasons are worded, with their priorities).

Each test is a proof over the held schedule, cheap enough to run on every scene left out
before any core is asked; the cores then only refine what the tests leave unexplained.
"""

from __future__ import annotations

from collections import defaultdict

from ..times import format_minute
from .problem import Placement, Problem, Task

# A reason lists at most this many people or scenes, then counts the rest.
LISTED = 3


def film_minutes(problem: Problem, placements: list[Placement]
                 ) -> tuple[dict[tuple[str, int], int], dict[tuple[str, int], int]]:
    """Return each person's film minutes by (person, GMT day) and by (person, week): the
    cast while shooting, the unit's people through set-up and shooting, as ``verify``
    counts them (a piece's set-up on the day it is shot)."""
    daily: dict[tuple[str, int], int] = defaultdict(int)
    weekly: dict[tuple[str, int], int] = defaultdict(int)
    for placement in placements:
        task = problem.task(placement.task_id)
        day = problem.day_of(placement.shoot_start_min)
        work = {person: placement.shoot_min for person in task.cast}
        for person in problem.unit_people.get(placement.unit, ()):
            work[person] = placement.end_min - placement.start_min
        for person, minutes in work.items():
            daily[(person, day)] += minutes
            weekly[(person, problem.week_of(day))] += minutes
    return daily, weekly


def limit_reason(problem: Problem, task: Task, used) -> str | None:
    """Return the film limits that shut every window of a scene, or None if one stays open."""
    daily, weekly = used
    least = task.min_piece_min if task.max_pieces > 1 else task.shoot_min
    binding: dict[tuple[str, str], set[int]] = defaultdict(set)
    for option in task.options:
        for window in option.windows:
            shut = _shut_by(problem, task, option.unit, window.day, least, daily, weekly)
            if not shut:
                return None
            binding[shut].add(window.day)
    if not binding:
        return None
    parts = [_limit_text(problem, person, kind, days, daily, weekly)
             for (person, kind), days in sorted(binding.items())]
    return ("its people's film limits are used up on every day it could be shot: "
            + listed(parts, "; "))


def _shut_by(problem: Problem, task: Task, unit: str, day: int, least: int, daily,
             weekly) -> tuple[str, str] | None:
    """Return (person, 'daily' or 'weekly') of a limit that shuts a window's day."""
    needs = {person: least for person in task.cast}
    for person in problem.unit_people.get(unit, ()):
        needs[person] = least + task.setup_min
    for person, need in sorted(needs.items()):
        limit = problem.daily_limit_min.get(person)
        if limit is not None and daily[(person, day)] + need > limit:
            return person, "daily"
        limit = problem.weekly_limit_min.get(person)
        if limit is not None and weekly[(person, problem.week_of(day))] + need > limit:
            return person, "weekly"
    return None


def _limit_text(problem: Problem, person: str, kind: str, days: set[int], daily,
                weekly) -> str:
    if kind == "daily":
        limit = problem.daily_limit_min[person]
        dates = ", ".join(f"{_date(problem, d)} ({daily[(person, d)]} min)" for d in sorted(days))
        return f"{person}'s {limit} min a day on {dates}"
    limit = problem.weekly_limit_min[person]
    weeks = sorted({problem.week_of(d) for d in days})
    listed = ", ".join(f"week {w + 1} ({weekly[(person, w)]} min)" for w in weeks)
    return f"{person}'s {limit} min a week in {listed}"


def occupied_by(problem: Problem, task: Task, placements: list[Placement]) -> list[str] | None:
    """Return the scheduled scenes that take every window of a scene (None if one has room),
    in script order."""
    least = task.min_piece_min if task.max_pieces > 1 else task.shoot_min
    takers: set[str] = set()
    for option in task.options:
        unit_busy, cast_busy = _busy(problem, task, option.unit, placements)
        for window in option.windows:
            found = _room(window, task.setup_min, least, unit_busy, cast_busy)
            if found is None:
                return None
            takers |= found
    return sorted(takers, key=_scene_order) or None


def _busy(problem: Problem, task: Task, unit: str, placements: list[Placement]):
    """Return the stretches (start, end, scene) that keep the unit, and the cast, busy."""
    unit_busy, cast_busy = [], []
    cast = set(task.cast)
    for placement in placements:
        other = problem.task(placement.task_id)
        if placement.unit == unit or other.location == task.location:
            unit_busy.append((placement.start_min, placement.end_min, other.id))
        if cast & set(other.cast):
            cast_busy.append((placement.shoot_start_min, placement.end_min, other.id))
    return sorted(unit_busy), sorted(cast_busy)


def _room(window, setup_min: int, least: int, unit_busy, cast_busy) -> set[str] | None:
    """Return None if the window has a free stretch for the set-up and ``least`` minutes of
    shooting, else the scenes in its way."""
    candidates = {window.earliest_shoot_min(setup_min)}
    candidates |= {end + setup_min for _, end, _ in unit_busy} | {end for _, end, _ in cast_busy}
    in_way: set[str] = set()
    for shoot in sorted(candidates):
        start, end = shoot - setup_min, shoot + least
        if start < window.setup_from_min or shoot < window.start_min or end > window.end_min:
            continue
        blocking = {i for s, e, i in unit_busy if s < end and start < e} | \
            {i for s, e, i in cast_busy if s < end and shoot < e}
        if not blocking:
            return None
        in_way |= blocking
    return in_way or {i for s, e, i in unit_busy + cast_busy
                      if s < window.end_min and window.start_min < e}


def _scene_order(scene_id: str):
    return (0, int(scene_id), "") if scene_id.isdigit() else (1, 0, scene_id)


def listed(parts: list[str], separator: str = "; ") -> str:
    """Return at most ``LISTED`` parts joined, and how many more there are."""
    more = len(parts) - LISTED
    return separator.join(parts[:LISTED]) + (f" and {more} more" if more > 0 else "")


def _date(problem: Problem, day: int) -> str:
    return format_minute(day * 86_400.0)[:10]
