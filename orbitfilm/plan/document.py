"""The plan document (``plan.json``): everything the reports draw, computed here once.

``build_plan`` turns a flight, its schedules and the ground unit's days into one JSON
document; every report renders from that document alone (``orbitfilm.report``), so a saved
``plan.json`` can be rendered again without the solver or the orbit. Times are ISO 8601
UTC with milliseconds and ``Z``.

Top-level keys (version 2):

``format``, ``version``
    ``"orbitfilm-plan"`` and ``2``; a change that breaks a reader raises the version.
``production``
    ``title``, ``source`` (file name), ``time_zones`` (IANA names for call sheets),
    ``sunrise_sunset_min``; ``mission`` (``station``, ``docking``, ``hatch_open``,
    ``undocking``, ``launch`` (the liftoff date, or null), ``crew_day`` with ``wake``,
    ``sleep``, ``blocks`` [{``name``, ``daily``}], ``exercise``) or null for a ground
    production; ``people`` [{``id``, ``name``, ``roles``, ``plays``, ``aboard`` (pairs),
    ``travel`` (dates they fly up or home), ``exercise``, ``duties``}]; ``units``
    [{``id``, ``people``}] (the camera units); ``locations`` [{``id``, ``name``, ``kind``,
    ``earth_view``, ``lat_deg``, ``lon_deg``, ``time_zone``, ``place``}] (those the scenes
    use); ``scenes`` [{``id``, ``kind`` (``orbital``/``ground``), ``heading``, ``int_ext``,
    ``set``, ``synopsis``, ``cast`` (person ids), ``location``, ``setup_min``, ``shoot_min``,
    ``days``, ``eighths``, ``light``, ``earth``, ``conditions`` (the environment's names),
    ``priority``, ``elements`` (breakdown category: names, e.g. ``{"props": ["camera"]}``)}].
``environment``
    ``Environment.to_json()`` (span, intervals, orbital sunrises and sunsets, stations with
    positions, regions, beta angle, elements, warnings; the control centres' contacts are
    there for the call sheets), and ``labels`` {condition: words for people}; null for a
    ground production.
``schedule``
    The orbital scheduler's JSON as it gave it (``status``, ``objective``, ``bound``,
    ``scenes``, ``unscheduled``, ``penalties``).
``ground``
    The ground unit's schedule (``GroundSchedule.to_json()``: order, dates, travel, costs),
    or null.
``scenes``
    Every scheduled scene in shooting order: ``id``, ``kind``, ``day`` (shooting-day number),
    ``date`` (GMT), ``start`` (set-up begins), ``shoot_start``, ``end``, ``location``,
    ``cast`` (person ids), ``conditions`` (the environment's names), ``unit`` (when the
    production has several camera units), ``piece`` (``"1/2"`` for pieces of a split
    scene), ``int_ext``, ``set``, ``time_of_day`` (``ORBITAL SUNRISE`` ..., the light when
    the scene is shot), ``passes_over`` [{``name``, ``start``, ``end``}] (countries under
    the station, or ``open water``); ground scenes have ``all_day: true``, run from
    midnight GMT for their ``days``, and have the ``time_of_day`` of their heading.
``days``
    Shooting days in order: ``number``, ``date``, ``kind`` (``orbital``/``ground``/``mixed``),
    ``scenes`` (ids), ``call`` and ``wrap`` (first start, last end).
``ground_track``
    {date: {``start``, ``end``, ``lat_lon_deg``}} for each orbital shooting day: sub-points
    evenly spaced from start to end (both included), about a minute apart.
``unscheduled``
    [{``id``, ``reason``}] for every scene of the production not in ``scenes``.
``station``
    The station over the mission, from its traffic with the production's own visit:
    ``note`` (why there is no traffic, or what was left out of it) and ``traffic`` (null
    without one): ``station``, ``source`` (file name), ``max_aboard``, ``sleeping_places``,
    ``span`` (the mission's GMT days), ``visit`` (the production's own visit) and ``added``
    (whether it was added to the record), ``ports`` [{``id``, ``name``, ``stays``
    [{``visit``, ``vehicle``, ``from``, ``to`` (clipped to the span), ``before``, ``after``
    (whether it goes on past the span), ``since``, ``until`` (its own docking and undocking;
    ``until`` null past the record)}]}], ``aboard`` [{``from``, ``to``, ``count``,
    ``people``, ``happened``}] (steps of the people aboard) and ``warnings``; null for a
    ground production.
``files``
    Every file of the plan folder, relative to it (added by ``report.writer``).
``summary``
    ``scenes_total``, ``scenes_shot``, ``shooting_days``, ``shoot_minutes``,
    ``cast_minutes`` (each cast member's minutes in front of the camera, summed),
    ``unit_minutes`` (the camera units' set-up and shooting minutes), ``unscheduled``.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import numpy as np

from ..mission.flight import Flight
from ..mission.links import launch_date
from ..orbit import conditions
from ..orbit.environment import ground_track
from ..orbit.regions import country_names_at
from ..production.model import Production, slug
from ..report.plan_json import PLAN_FORMAT, PLAN_VERSION
from ..report.scenes import LIGHT_WORDS, heading_parts
from ..times import DAY_S, MINUTE_S, format_iso, parse_iso, to_datetime
from .station import station_json

# A world map shows a minute of flight (460 km) as a few pixels: enough for a smooth track.
TRACK_STEP_S = 60.0
# What passes below during a scene: a sample every 20 s (150 km of ground track).
BELOW_STEP_S = 20.0


def build_plan(flight: Flight, schedule: dict | None, ground: dict | None,
               training: dict | None = None) -> dict:
    """Return the plan document (see the module's docstring) of a flight and its schedules,
    with the road to orbit (``RoadToOrbit.to_json()``) when the production has a training
    programme."""
    production, environment = flight.production, flight.environment
    track = _Track(flight) if environment is not None else None
    entries = sorted(orbital_entries(production, environment, schedule, track)
                     + ground_entries(production, ground), key=lambda e: (e["start"], e["id"]))
    days = shooting_days(entries)
    document = {
        "format": PLAN_FORMAT, "version": PLAN_VERSION,
        "production": production_json(production, ground),
        "environment": environment_json(production, environment),
        "schedule": schedule, "ground": ground,
        "scenes": entries, "days": days,
        "ground_track": track.by_day(days) if track else {},
        "unscheduled": unscheduled(production, schedule, ground, entries),
        "training": training,
        "station": station_json(flight),
    }
    document["summary"] = summary(document)
    return document


# -- the production -----------------------------------------------------------------------

def _iso(moment) -> str | None:
    return None if moment is None else format_iso(moment.timestamp())


def production_json(production: Production, ground: dict | None) -> dict:
    """Return what the reports need of the production."""
    used = {scene.location for scene in production.scenes}
    places = _places(ground)
    return {
        "title": production.title, "source": Path(production.source).name,
        "time_zones": list(production.time_zones),
        "sunrise_sunset_min": production.sunrise_sunset_min,
        "mission": mission_json(production),
        "people": [person_json(production, person) for person in production.people],
        "units": [{"id": unit.id, "people": list(unit.people)}
                  for unit in production.camera_units()],
        "locations": [location_json(location, places.get(key)) for key, location in
                      production.all_locations().items() if key in used],
        "scenes": [scene_json(production, scene) for scene in production.scenes],
    }


def _places(ground: dict | None) -> dict[str, str]:
    return dict((ground or {}).get("places", {}))


def mission_json(production: Production) -> dict | None:
    mission = production.mission
    if mission is None:
        return None
    crew_day = mission.crew_day
    return {"station": mission.station, "docking": format_iso(mission.docking_s),
            "hatch_open": format_iso(mission.hatch_open_s),
            "undocking": format_iso(mission.undocking_s),
            "launch": launch_date(production).isoformat(),
            "crew_day": {"wake": crew_day.wake, "sleep": crew_day.sleep,
                         "blocks": [{"name": b.name, "daily": b.daily} for b in crew_day.blocks],
                         "exercise": list(crew_day.exercise)}}


def person_json(production: Production, person) -> dict:
    mission = production.mission
    crew_day = mission.crew_day if mission else None
    aboard = person.aboard_pairs_s(mission) if mission else []
    return {
        "id": person.id, "name": person.name, "roles": list(person.roles),
        "plays": list(person.plays),
        "aboard": [[format_iso(a), format_iso(b)] for a, b in aboard],
        "travel": travel_dates(production, person),
        "exercise": list(person.exercise if person.exercise is not None
                         else crew_day.exercise if crew_day else []),
        "duties": [{"name": d.name, "daily": d.daily, "start": _iso(d.start), "end": _iso(d.end)}
                   for d in person.duties],
    }


def travel_dates(production: Production, person) -> list[str]:
    """Return the dates a person flies to the station or home during the mission.

    Flying up with the film crew is the launch day; home with them, the undocking day; with
    another flight of the station's traffic, that flight's docking or undocking day; an
    arrival or departure at a time of its own, that time's day. Someone aboard before or
    after does not travel on that side.
    """
    mission = production.mission
    if mission is None or not person.is_aboard:
        return []
    up, down = person.comes_with_film_crew(mission)
    (start_s, end_s), = person.aboard_pairs_s(mission)
    found = []
    if up:
        found.append(launch_date(production))
    elif isinstance(person.arrive, (str, datetime)) or isinstance(person.aboard, tuple):
        found.append(_utc_date(start_s))
    if down or isinstance(person.leave, (str, datetime)) or isinstance(person.aboard, tuple):
        found.append(_utc_date(end_s))
    return sorted({day.isoformat() for day in found})


def _utc_date(seconds: float) -> date:
    return datetime.fromtimestamp(seconds, tz=timezone.utc).date()


def location_json(location, place: str | None) -> dict:
    return {"id": location.id, "name": location.name or location.id, "kind": location.kind,
            "earth_view": location.earth_view, "lat_deg": location.lat_deg,
            "lon_deg": location.lon_deg, "time_zone": location.time_zone, "place": place}


def scene_json(production: Production, scene) -> dict:
    int_ext, set_name, _ = heading_parts(scene.heading, scene.location)
    return {
        "id": scene.id, "kind": "ground" if scene.is_ground else "orbital",
        "heading": scene.heading, "int_ext": int_ext, "set": set_name,
        "synopsis": scene.synopsis, "cast": [p.id for p in production.cast_of(scene)],
        "location": scene.location, "setup_min": scene.setup_min, "shoot_min": scene.shoot_min,
        "days": scene.days, "eighths": scene.eighths, "light": scene.light,
        "earth": scene.earth, "conditions": scene.condition_names(), "priority": scene.priority,
        "elements": {key: list(names) for key, names in scene.elements.items()},
    }


def environment_json(production: Production, environment) -> dict | None:
    """Return the environment's JSON and the words for each condition the scenes name."""
    if environment is None:
        return None
    document = environment.to_json()
    places = {**document["stations"], **document["regions"]}
    names = {n for scene in production.scenes for n in scene.condition_names()}
    document["labels"] = {name: conditions.label(name, places) for name in sorted(names)}
    return document


# -- the scenes ----------------------------------------------------------------------------

class _Track:
    """The station's sub-point over the stay, sampled once, for maps and what lies below."""

    def __init__(self, flight: Flight):
        span_s = flight.environment.span_s
        self.samples = ground_track(flight.elements, *span_s, BELOW_STEP_S)

    def below(self, start_s: float, end_s: float) -> list[dict]:
        """Return the countries (or open water) under the station from start to end, in order."""
        times_s = self.samples["time_s"]
        inside = (times_s >= start_s) & (times_s <= end_s)
        when = np.concatenate(([start_s], times_s[inside]))
        lat = np.interp(when, times_s, self.samples["lat_deg"])
        lon = np.degrees(np.interp(when, times_s, np.unwrap(np.radians(self.samples["lon_deg"]))))
        names = country_names_at(lat, lon)
        changes = [0] + [i for i in range(1, len(names)) if names[i] != names[i - 1]]
        bounds = [float(when[i]) for i in changes] + [end_s]
        return [{"name": names[i], "start": format_iso(a), "end": format_iso(b)}
                for i, a, b in zip(changes, bounds[:-1], bounds[1:]) if b > a]

    def by_day(self, days: list[dict]) -> dict:
        """Return each orbital shooting day's ground track, a sub-point about a minute."""
        times_s = self.samples["time_s"]
        tracks = {}
        for day in days:
            if day["kind"] == "ground":
                continue
            midnight_s = parse_iso(day["date"])
            start_s, end_s = max(midnight_s, times_s[0]), min(midnight_s + DAY_S, times_s[-1])
            when = np.linspace(start_s, end_s, int((end_s - start_s) // TRACK_STEP_S) + 1)
            lat = np.interp(when, times_s, self.samples["lat_deg"])
            lon = np.degrees(np.interp(when, times_s,
                                       np.unwrap(np.radians(self.samples["lon_deg"]))))
            points = np.round(np.stack((lat, (lon + 180) % 360 - 180), axis=1), 3)
            tracks[day["date"]] = {"start": format_iso(start_s), "end": format_iso(end_s),
                                   "lat_lon_deg": points.tolist()}
        return tracks


def orbital_entries(production: Production, environment, schedule: dict | None,
                    track: _Track | None) -> list[dict]:
    """Return the scheduled orbital scenes with their day, set, light and what lies below.

    A split scene has one entry per piece, each with ``piece`` (``"1/2"``).
    """
    items = list(schedule.get("scenes", [])) if schedule else []
    counts: dict[str, int] = {}
    for item in items:
        counts[item["id"]] = counts.get(item["id"], 0) + 1
    seen: dict[str, int] = {}
    entries = []
    for item in items:
        seen[item["id"]] = seen.get(item["id"], 0) + 1
        entry = orbital_entry(production, environment, item, track)
        if counts[item["id"]] > 1:
            entry["piece"] = f"{seen[item['id']]}/{counts[item['id']]}"
        entries.append(entry)
    return entries


def orbital_entry(production: Production, environment, item: dict, track: _Track) -> dict:
    scene = production.scene(item["id"])
    int_ext, set_name, _ = heading_parts(scene.heading, scene.location)
    shoot_start_s, end_s = parse_iso(item["shoot_start"]), parse_iso(item["end"])
    who = production.characters()
    cast = item.get("cast") or scene.cast
    entry = {
        "id": item["id"], "kind": "orbital", "date": _date(parse_iso(item["start"])),
        "start": item["start"], "shoot_start": item["shoot_start"], "end": item["end"],
        "location": item.get("location", scene.location),
        "cast": list(dict.fromkeys(who.get(slug(name), name) for name in cast)),
        "conditions": scene.condition_names(),
        "int_ext": int_ext, "set": set_name,
        "time_of_day": light_at(scene.light, environment, production.edge_s,
                                (shoot_start_s + end_s) / 2),
        "passes_over": track.below(shoot_start_s, end_s),
    }
    if item.get("unit"):
        entry["unit"] = item["unit"]
    return entry


def light_at(light: str, environment, edge_s: float, time_s: float) -> str:
    """Return a scene's orbital time of day: as the scene asks, else the light at ``time_s``.

    The light at an instant follows the definitions the scheduler uses: orbital night is the
    umbra; sunrise and sunset are the ``edge_s`` after umbra ends and before it begins.
    """
    if light in LIGHT_WORDS:
        return LIGHT_WORDS[light]
    for word, name in (("night", "orbital_night"), ("sunrise", "orbital_sunrise"),
                       ("sunset", "orbital_sunset")):
        if environment.condition(name, edge_s).contains([time_s])[0]:
            return LIGHT_WORDS[word]
    return LIGHT_WORDS["day"]


def _date(seconds: float) -> str:
    return to_datetime(seconds).date().isoformat()


def ground_entries(production: Production, ground: dict | None) -> list[dict]:
    """Return the ground scenes by day from a ground schedule (``GroundSchedule.to_json``):
    a scene of several days has an entry on each, a piece (``"2/2"``) like a split scene
    aboard, so every day the schedule holds is called."""
    if not ground:
        return []
    found = []
    for scene_id, dates in (ground.get("dates") or {}).items():
        scene = production.scene(scene_id)
        for number, day_text in enumerate(sorted(dates), start=1):
            entry = ground_entry(production, scene, day_text)
            if len(dates) > 1:
                entry["piece"] = f"{number}/{len(dates)}"
            found.append(entry)
    return sorted(found, key=lambda e: (e["date"], e["id"]))


def ground_entry(production: Production, scene, day_text: str) -> dict:
    """Return a ground scene's entry on one of its days (all day, in GMT dates)."""
    int_ext, set_name, ground_time = heading_parts(scene.heading, scene.location)
    day = date.fromisoformat(str(day_text)[:10])
    start = datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
    end = start + timedelta(days=1)
    light = scene.light if scene.light in ("day", "night") else ground_time or "day"
    return {
        "id": scene.id, "kind": "ground", "all_day": True, "date": day.isoformat(),
        "start": format_iso(start.timestamp()), "shoot_start": format_iso(start.timestamp()),
        "end": format_iso(end.timestamp()), "location": scene.location,
        "cast": [p.id for p in production.cast_of(scene)], "conditions": [],
        "int_ext": int_ext, "set": set_name, "time_of_day": light.upper(), "passes_over": [],
    }


def shooting_days(entries: list[dict]) -> list[dict]:
    """Number the GMT dates with scenes and mark each entry with its day number."""
    dates = sorted({entry["date"] for entry in entries})
    days = []
    for number, day_text in enumerate(dates, start=1):
        mine = [e for e in entries if e["date"] == day_text]
        for entry in mine:
            entry["day"] = number
        kinds = {e["kind"] for e in mine}
        days.append({"number": number, "date": day_text,
                     "kind": kinds.pop() if len(kinds) == 1 else "mixed",
                     "scenes": [e["id"] for e in mine], "call": mine[0]["start"],
                     "wrap": max(mine, key=lambda e: parse_iso(e["end"]))["end"]})
    return days


def unscheduled(production: Production, schedule: dict | None, ground: dict | None,
                entries: list[dict]) -> list[dict]:
    """Return every scene not shot, with the scheduler's reason or why no schedule has it."""
    shot = {entry["id"] for entry in entries}
    given = [dict(item) for source in (schedule, ground) if source
             for item in source.get("unscheduled", []) if item["id"] not in shot]
    known = shot | {item["id"] for item in given}
    for scene in production.scenes:
        if scene.id not in known:
            what = "ground" if scene.is_ground else "orbital"
            given.append({"id": scene.id, "reason": f"no {what} schedule placed it"})
    return given


def summary(document: dict) -> dict:
    orbital = [e for e in document["scenes"] if e["kind"] == "orbital"]

    def minutes(entry, key):
        return (parse_iso(entry["end"]) - parse_iso(entry[key])) / MINUTE_S

    return {
        "scenes_total": len(document["production"]["scenes"]),
        "scenes_shot": len({e["id"] for e in document["scenes"]}),
        "shooting_days": len(document["days"]),
        "shoot_minutes": round(sum(minutes(e, "shoot_start") for e in orbital), 1),
        "cast_minutes": round(sum(minutes(e, "shoot_start") * len(e["cast"]) for e in orbital), 1),
        "unit_minutes": round(sum(minutes(e, "start") for e in orbital), 1),
        "unscheduled": len(document["unscheduled"]),
    }
