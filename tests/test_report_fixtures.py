"""Plans the report tests render: the Challenge example and a production with a scene that
cannot be shot, each scheduled here by hand (first free window, in script order) so that the
reports are tested without the solver.

This module holds no tests; the report and browser tests import its builders.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from orbitfilm.intervals import IntervalSet
from orbitfilm.mission import prepare_flight
from orbitfilm.plan.document import build_plan
from orbitfilm.production import load_production, parse_production
from orbitfilm.production.examples import example_path
from orbitfilm.times import format_iso

# A small production over the first two days aboard. Scene "x" asks for the station over
# Russia while in contact with Houston: the station sees about 2,000 km around it and
# Russia's nearest border is more than 8,000 km from Houston, so it can never be shot.
UNSCHEDULABLE_TOML = """
title = "Orbit Test Reel"

[mission]
docking = 2021-10-05T12:22:31Z
hatch_open_min = 150
undocking = 2021-10-07T21:30:00Z

[[people]]
id = "shipenko"
name = "Klim Shipenko"
roles = ["director", "camera"]

[[people]]
id = "peresild"
name = "Yulia Peresild"
roles = ["cast"]
plays = ["ZHENYA"]

[[people]]
id = "novitskiy"
name = "Oleg Novitskiy"
roles = ["cosmonaut", "cast"]
plays = ["OLEG"]
aboard = "throughout"

[[people]]
id = "double"
name = "Ground double"
roles = ["cast"]
plays = ["DOUBLE"]
aboard = "ground"

[[scenes]]
id = "1"
heading = "INT. CUPOLA - ORBITAL SUNRISE"
synopsis = "First light over the limb."
location = "cupola"
cast = ["ZHENYA"]
setup_min = 15
shoot_min = 8
eighths = 3
light = "sunrise"

[[scenes]]
id = "2"
heading = "INT. ZVEZDA - ORBITAL NIGHT"
synopsis = "A torch in the dark module; Oleg & Zhenya <talk>."
location = "zvezda"
cast = ["ZHENYA", "OLEG"]
setup_min = 10
shoot_min = 20
eighths = 12
light = "night"

[[scenes]]
id = "3"
heading = "INT. CUPOLA - ORBITAL SUNSET"
synopsis = "The last light goes orange."
location = "cupola"
cast = ["OLEG"]
setup_min = 10
shoot_min = 6
light = "sunset"

[[scenes]]
id = "4"
heading = "INT. ZVEZDA - ORBITAL DAY"
synopsis = "Mission Control on the line."
location = "zvezda"
cast = ["ZHENYA"]
shoot_min = 5
light = "day"
contact = "tsup"

[[scenes]]
id = "x"
heading = "INT. CUPOLA - ORBITAL DAY"
synopsis = "Houston calls while Russia passes below."
location = "cupola"
cast = ["OLEG"]
shoot_min = 5
over = "RU"
contact = "houston"

[[scenes]]
id = "g1"
heading = "EXT. BAIKONUR - SITE 31 - DAY"
synopsis = "The double walks to the pad."
location = "baikonur"
cast = ["DOUBLE"]
days = 1
light = "day"
"""


def hand_schedule(flight) -> dict:
    """Place each orbital scene at its first free window after its predecessors, one unit."""
    production, environment = flight.production, flight.environment
    free = flight.availability()
    placed, unscheduled, ends_s = [], [], {}
    busy = IntervalSet.empty(environment.span_s)
    for scene in production.orbital_scenes():
        _, windows = free.scene_windows_s(environment, scene)
        earliest_s = max([ends_s.get(before, 0.0) for before in scene.after] + [0.0])
        start_s = _first_fit(windows, busy, scene.setup_s, scene.shoot_s, earliest_s)
        if start_s is None:
            unscheduled.append({"id": scene.id, "reason": "its conditions never coincide with "
                                "its cast's free time aboard"})
            continue
        end_s = start_s + scene.setup_s + scene.shoot_s
        busy = busy.union(IntervalSet.from_pairs([(start_s, end_s)], environment.span_s))
        ends_s[scene.id] = end_s
        placed.append({"id": scene.id, "start": format_iso(start_s),
                       "shoot_start": format_iso(start_s + scene.setup_s),
                       "end": format_iso(end_s), "location": scene.location,
                       "cast": [p.id for p in production.cast_of(scene)],
                       "conditions": scene.condition_names()})
    return {"status": "feasible", "objective": None, "bound": None,
            "scenes": sorted(placed, key=lambda s: s["start"]), "unscheduled": unscheduled,
            "penalties": []}


def _first_fit(windows, busy, setup_s, shoot_s, earliest_s):
    for low_s, high_s in windows:
        shoot_start_s = max(low_s, earliest_s + setup_s)
        while shoot_start_s + shoot_s <= high_s:
            clash = busy.clip(shoot_start_s - setup_s, shoot_start_s + shoot_s)
            if len(clash) == 0:
                return shoot_start_s - setup_s
            shoot_start_s = float(clash.ends_s[-1]) + setup_s + 1.0
    return None


def hand_ground(production) -> dict:
    """Give each ground scene its own day, from a week before the docking (Sundays off)."""
    first = production.mission.docking.date() - timedelta(days=7)
    dates, day = [], first
    while len(dates) < len(production.ground_scenes()):
        if day.weekday() != 6:
            dates.append(day)
        day += timedelta(days=1)
    return {"dates": {scene.id: [d.isoformat()]
                      for d, scene in zip(dates, production.ground_scenes())},
            "travel": [], "places": {}}


def _plan(production) -> dict:
    flight = prepare_flight(production)
    return build_plan(flight, hand_schedule(flight), hand_ground(flight.production))


@lru_cache(maxsize=1)
def challenge_production():
    return load_production(example_path("challenge-2021"))


@lru_cache(maxsize=1)
def challenge_plan() -> dict:
    """Return the plan of the bundled Challenge example (scheduled by hand)."""
    return _plan(challenge_production())


@lru_cache(maxsize=1)
def unschedulable_production():
    return parse_production(UNSCHEDULABLE_TOML)


@lru_cache(maxsize=1)
def unschedulable_plan() -> dict:
    """Return the plan of the small production whose scene "x" cannot be shot."""
    return _plan(unschedulable_production())


def fresh(document: dict) -> dict:
    """Return a deep copy, so a test may change a plan without touching the cached one."""
    import copy

    return copy.deepcopy(document)


def as_date(text: str) -> date:
    return date.fromisoformat(text)
