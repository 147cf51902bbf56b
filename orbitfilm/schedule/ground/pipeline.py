"""From a production's ground scenes to the ground solvers, and back as a ``GroundSchedule``.

The pure talent case (one cost per actor-day, one place, no moves, no precedence, no days
off) goes to the exact solver; a small unit to every order packed day after day; anything
richer to the CP-SAT day model. Each returns the same plain result. The calendar is the
production's ``[ground]`` table, or by default the working days just before the launch.

With a training programme the road to orbit bounds the locations: the launch site's place
(the locations within a day's reach of the pad) only while the crew is there, from the day
after their arrival ``prelaunch_days`` before liftoff to the day before it; every other place
up to the day the crew leaves for the site (``to_site_days`` before arrival). The ground
unit's journey falls in the crew's own trip.
"""

from __future__ import annotations

import datetime as dt
import math
import time
from dataclasses import replace

from ...deadline import capped
from ...errors import InputError
from ...orbit.sites import site_by_id
from ...production.model import Location, Production
from .model import solve_ground_days
from .orders import can_enumerate, days_touched, solve_by_orders
from .places import distance_km, group_places, journeys, place_id
from .problem import (WEEKDAYS, GroundActor, GroundCalendar, GroundLocation, GroundProblem,
                      GroundScene, GroundSchedule, tidy)
from .talent import solve_talent
from .talent_io import TalentInstance


def ground_problem(production: Production,
                   launch_date: dt.date | None = None) -> GroundProblem | None:
    """Return the day-scheduling problem of a production's ground scenes (None if none).

    ``launch_date`` ends the default calendar: the ground unit shoots in the working days
    before it when the production's ``[ground]`` table gives no dates.
    """
    scenes = production.ground_scenes()
    if not scenes:
        return None
    ids = {s.id for s in scenes}
    ground_scenes = tuple(GroundScene(s.id, float(s.days), s.location,
                                      tuple(p.id for p in production.cast_of(s)))
                          for s in scenes)
    actor_ids = sorted({a for scene in ground_scenes for a in scene.actors})
    every = production.all_locations()
    used = [every[i] for i in sorted({s.location for s in scenes})]
    names = group_places(used, production.move.ground_same_day_km)
    places = {loc_id: place_id(name) for loc_id, name in names.items()}
    problem = GroundProblem(
        scenes=ground_scenes,
        actors=tuple(GroundActor(a, float(production.person(a).day_rate or 0.0))
                     for a in actor_ids),
        locations=tuple(GroundLocation(loc.id, float(loc.move_cost or 0.0),
                                       place=places[loc.id]) for loc in used),
        precedences=tuple((before, s.id) for s in scenes for before in s.after if before in ids),
        calendar=ground_calendar(production, launch_date),
        horizon_days=_working_days(production),
        journeys=journeys(used, places, production.move),
        late=production.ground.start is None)
    return within_windows(problem, road_windows(production, problem, launch_date))


def road_windows(production: Production, problem: GroundProblem,
                 launch_date: dt.date | None) -> dict[str, tuple[dt.date, dt.date]]:
    """Return each of the problem's locations' first and last possible date on the road to
    orbit: the launch site's place while the crew is there, the others before they leave
    for it (none without a training programme, a launch date or days at the site)."""
    training = production.training
    if training is None or launch_date is None or not training.prelaunch_days:
        return {}
    arrival = launch_date - dt.timedelta(days=training.prelaunch_days)
    departure = arrival - dt.timedelta(days=training.to_site_days)
    site, every = _launch_site(production), production.all_locations()
    at_site = {loc.place_id for loc in problem.locations if site is not None
               and _km_to_site(every[loc.id], site) <= production.move.ground_same_day_km}
    before = dt.date.min if production.ground.start is None else production.ground.start
    # The day of arrival is a travel day (TR): the site's scenes begin the day after.
    return {loc.id: ((arrival + dt.timedelta(days=1), launch_date - dt.timedelta(days=1))
                     if loc.place_id in at_site else (before, departure))
            for loc in problem.locations}


def _launch_site(production: Production):
    launch = production.mission.launch if production.mission else None
    try:
        return site_by_id(launch.site) if launch and launch.site else None
    except InputError:
        return None  # a site of the production's own has no place on the ground here


def _km_to_site(location, site) -> float:
    pad = Location(id=site.id, kind="ground", lat_deg=site.lat_deg, lon_deg=site.lon_deg)
    km = distance_km(location, pad)
    return math.inf if km is None else km


def within_windows(problem: GroundProblem,
                   windows: dict[str, tuple[dt.date, dt.date]]) -> GroundProblem:
    """Return the problem with each location's dates as shooting-day numbers.

    A calendar known by its end only gets a first day early enough for every scene and
    journey to fit before the earliest window closes; the horizon runs to the calendar's end.
    """
    if not windows:
        return problem
    calendar = problem.calendar
    end = calendar.end or max(last for _, last in windows.values())
    if calendar.start is None:
        need = math.ceil(sum(s.duration_days for s in problem.scenes)) + len(problem.places()) \
            * (1 + max([j.days for j in problem.journeys.values()] or [0]))
        latest = min(last for _, last in windows.values())
        calendar = replace(calendar, start=calendar.days_before(min(latest, end), need))
    dates = calendar.dates_until(end)
    locations = tuple(replace(loc, available_days=_day_numbers(dates, *windows[loc.id]))
                      for loc in problem.locations)
    return replace(problem, calendar=calendar, locations=locations, horizon_days=len(dates))


def _day_numbers(dates: list[dt.date], first: dt.date, last: dt.date) -> tuple:
    """Return the [first, last] shooting-day numbers of a window (empty when none is in it)."""
    inside = [n for n, day in enumerate(dates) if first <= day <= last]
    return ((inside[0], inside[-1]),) if inside else ()


def ground_calendar(production: Production, launch_date: dt.date | None) -> GroundCalendar:
    """Return the ground calendar: the file's, or the working days before the launch."""
    ground = production.ground
    end = ground.end
    if ground.start is None and end is None:
        if launch_date is None:
            raise InputError("the ground scenes need a calendar: give [ground] start (or end)",
                             path=production.source, field="ground")
        end = launch_date - dt.timedelta(days=1)
    return GroundCalendar(ground.start, tuple(WEEKDAYS.index(d) for d in ground.weekly_days_off),
                          tuple(ground.days_off), end)


def _working_days(production: Production) -> int | None:
    ground = production.ground
    if not (ground.start and ground.end):
        return None
    off = {WEEKDAYS.index(d) for d in ground.weekly_days_off}
    days = [ground.start + dt.timedelta(days=n) for n in range((ground.end - ground.start).days + 1)]
    return sum(day.weekday() not in off and day not in set(ground.days_off) for day in days)


def is_pure_talent(problem: GroundProblem) -> bool:
    """Return whether only actor-days cost: the case the exact solver proves optimal."""
    return (not problem.precedences and not problem.calendar.days_off
            and len(problem.places()) <= 1
            and all(location.available_days is None for location in problem.locations)
            and all(location.move_cost == 0 for location in problem.locations))


def solve_ground(problem: GroundProblem, time_limit_s: float = 30.0,
                 deterministic: bool = False) -> GroundSchedule:
    """Schedule a ground problem with the best solver for its kind (``deterministic``: the
    same days on any machine, see ``solve_ground_days``)."""
    if is_pure_talent(problem):
        return _exact(problem, capped(time_limit_s))
    if can_enumerate(problem):
        return solve_by_orders(problem)
    return solve_ground_days(problem, time_limit_s, deterministic)


def schedule_ground(production: Production, *, launch_date: dt.date | None = None,
                    time_limit_s: float = 30.0) -> GroundSchedule | None:
    """Schedule a production's ground scenes; ``None`` when it has none."""
    problem = ground_problem(production, launch_date)
    return None if problem is None else solve_ground(problem, time_limit_s)


def _exact(problem: GroundProblem, time_limit_s: float) -> GroundSchedule:
    """Solve the pure case exactly, then lay the order on the calendar's shooting days."""
    started = time.perf_counter()
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
    dates = {scene_id: sorted({shooting[day].isoformat() for day in days_touched(
        start, durations[scene_id])}) for scene_id, start in starts.items()}
    rates = {a.name: a.day_rate for a in problem.actors}
    return GroundSchedule(
        status="optimal" if result.optimal else "feasible", method="exact talent search",
        order=result.order, start_days={k: tidy(v) for k, v in starts.items()}, dates=dates,
        shooting_days=len(shooting), total_cost=result.total_cost,
        idle_cost=result.idle_cost, actor_costs=dict(result.actor_costs), move_cost=0,
        runtime_s=time.perf_counter() - started,
        actor_paid_days={a: tidy(c / rates[a]) for a, c in result.actor_costs.items()
                         if rates[a]},
        notes=result.notes)
