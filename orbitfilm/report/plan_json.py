"""The plan as plain data: the document ``plan.json`` holds, the input of every other output.

``build_plan`` turns a production, its orbital environment and the schedules into one JSON
document; every report renders from that document alone, so a saved ``plan.json`` can be
rendered again without the solver. Times are ISO 8601 UTC with milliseconds and ``Z``.

Top-level keys (version 1):

``format``, ``version``
    ``"orbitfilm-plan"`` and ``1``; a change that breaks a reader raises the version.
``production``
    ``title``, ``source`` (file name), ``time_zones`` (IANA names for call sheets),
    ``sunrise_sunset_min``; ``mission`` (``station``, ``docking``, ``hatch_open``,
    ``undocking``, ``crew_day`` with ``wake``, ``sleep``, ``blocks`` [{``name``, ``daily``}],
    ``exercise``); ``people`` [{``id``, ``name``, ``roles``, ``plays``, ``aboard`` (pairs),
    ``exercise``, ``duties``}]; ``units`` [{``id``, ``people``}] (the camera units);
    ``locations`` [{``id``, ``name``, ``kind``, ``earth_view``, ``lat_deg``, ``lon_deg``}]
    (those the scenes use); ``scenes`` [{``id``, ``kind``
    (``orbital``/``ground``), ``heading``, ``int_ext``, ``set``, ``synopsis``, ``cast`` (person
    ids), ``location``, ``setup_min``, ``shoot_min``, ``days``, ``eighths``, ``light``,
    ``earth``, ``conditions`` (the environment's names), ``priority``}].
``environment``
    ``span``; ``intervals`` {name: [[start, end], ...]} for ``sunlit``, ``umbra``,
    ``penumbra``, ``earth_lit``, ``contact:ID``, ``over:ID``; ``orbital_sunrises`` and
    ``orbital_sunsets`` (instants); ``stations`` and ``regions`` {id: name};
    ``station_positions`` {id: [lat_deg, lon_deg]}; ``beta_deg``
    [[time, degrees], ...] hourly; ``warnings``. Contacts with Mission Control in Korolyov
    (``tsup``) and Houston (``houston``) are always there, for the call sheets.
``schedule``
    The orbital scheduler's JSON as it gave it (``status``, ``objective``, ``bound``,
    ``scenes``, ``unscheduled``, ``penalties``).
``ground``
    The ground schedule as given, or ``null``.
``scenes``
    Every scheduled scene in shooting order: ``id``, ``kind``, ``day`` (shooting-day number),
    ``date`` (GMT), ``start`` (set-up begins), ``shoot_start``, ``end``, ``location``,
    ``cast`` (person ids), ``conditions`` (the environment's names), ``unit`` (when the
    production has several camera units), ``piece`` (``"1/2"`` for pieces of a split
    scene), ``int_ext``, ``set``, ``time_of_day`` (``ORBITAL SUNRISE`` ..., the light when
    the scene is shot), ``passes_over`` [{``name``, ``start``, ``end``}]
    (countries under the station, or ``open water``); ground scenes have ``all_day: true``
    and run from midnight GMT for their ``days``.
``days``
    Shooting days in order: ``number``, ``date``, ``kind`` (``orbital``/``ground``/``mixed``),
    ``scenes`` (ids), ``call`` and ``wrap`` (first start, last end).
``ground_track``
    {date: {``start``, ``end``, ``lat_lon_deg``}} for each orbital shooting day: sub-points
    evenly spaced from start to end (both included), about a minute apart.
``unscheduled``
    [{``id``, ``reason``}] for every scene of the production not in ``scenes``.
``files``
    Every file of the plan folder, relative to it (added by ``write_reports``).
``summary``
    ``scenes_total``, ``scenes_shot``, ``shooting_days``, ``shoot_minutes``,
    ``cast_minutes`` (each cast member's minutes in front of the camera, summed),
    ``unit_minutes`` (the camera units' set-up and shooting minutes), ``unscheduled``.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import numpy as np

from ..errors import InputError
from ..intervals import IntervalSet
from ..production.model import slug
from ..times import DAY_S, MINUTE_S, format_iso, parse_iso, to_datetime
from . import json_text
from .geo import country_names_at
from .scenes import heading_parts, light_at

PLAN_FORMAT = "orbitfilm-plan"
PLAN_VERSION = 1
# A world map shows a minute of flight (460 km) as a few pixels: enough for a smooth track.
TRACK_STEP_S = 60.0
# What passes below during a scene: a sample every 20 s (150 km of ground track).
BELOW_STEP_S = 20.0
CALL_SHEET_STATIONS = ("tsup", "houston")


def build_plan(production, environment, schedule, ground=None) -> dict:
    """Return the plan document (see the module's docstring) from the pieces of a plan."""
    schedule, ground = _plain(schedule), _plain(ground)
    environment = with_call_sheet_contacts(environment)
    entries = sorted(orbital_entries(production, environment, schedule)
                     + ground_entries(production, ground), key=lambda e: (e["start"], e["id"]))
    days = shooting_days(entries)
    document = {
        "format": PLAN_FORMAT, "version": PLAN_VERSION,
        "production": production_json(production),
        "environment": environment_json(environment),
        "schedule": schedule, "ground": ground,
        "scenes": entries, "days": days,
        "ground_track": ground_tracks(environment, days),
        "unscheduled": unscheduled(production, schedule, ground, entries),
    }
    document["summary"] = summary(document)
    return document


def plan_document(plan) -> dict:
    """Return the plan document of a plan document, or of a plan object with its pieces.

    A plan object has ``production``, ``environment``, ``schedule`` (or ``result``) and,
    optionally, ``ground``; each schedule is a dict or has ``to_json()``.
    """
    if isinstance(plan, dict):
        check_document(plan)
        return plan
    schedule = getattr(plan, "schedule", None) or getattr(plan, "result", None)
    return build_plan(plan.production, plan.environment, schedule, getattr(plan, "ground", None))


def check_document(document: dict, source: str | None = None) -> None:
    """Raise ``InputError`` unless this is a plan document of a version this code reads."""
    if document.get("format") != PLAN_FORMAT:
        raise InputError("not an orbitfilm plan (no \"format\": \"orbitfilm-plan\")", path=source)
    if document.get("version") != PLAN_VERSION:
        raise InputError(f"plan version {document.get('version')!r}; this orbitfilm reads "
                         f"version {PLAN_VERSION}", path=source)


def load_plan(path: str | Path) -> dict:
    """Read a ``plan.json``; raise ``InputError`` for a file that is not one."""
    try:
        document = json.loads(Path(path).read_text("utf-8"))
    except (OSError, ValueError) as error:
        raise InputError(f"cannot read the plan: {error}", path=str(path)) from None
    check_document(document, str(path))
    return document


def plan_text(document: dict) -> str:
    """Return the document as the text of ``plan.json``."""
    return json_text(document)


# -- the pieces -------------------------------------------------------------------------

def _plain(value):
    if value is None or isinstance(value, dict):
        return value
    return value.to_json()


def _iso(moment) -> str | None:
    return None if moment is None else format_iso(moment.timestamp())


def production_json(production) -> dict:
    """Return what the reports need of the production."""
    mission, crew_day = production.mission, production.mission.crew_day
    used = {scene.location for scene in production.scenes}
    return {
        "title": production.title, "source": Path(production.source).name,
        "time_zones": list(production.time_zones),
        "sunrise_sunset_min": production.sunrise_sunset_min,
        "mission": {
            "station": mission.station, "docking": format_iso(mission.docking_s),
            "hatch_open": format_iso(mission.hatch_open_s),
            "undocking": format_iso(mission.undocking_s),
            "crew_day": {"wake": crew_day.wake, "sleep": crew_day.sleep,
                         "blocks": [{"name": b.name, "daily": b.daily} for b in crew_day.blocks],
                         "exercise": list(crew_day.exercise)}},
        "people": [person_json(production, person) for person in production.people],
        "units": [{"id": unit.id, "people": list(unit.people)}
                  for unit in production.camera_units()],
        "locations": [location_json(location) for key, location in
                      production.all_locations().items() if key in used],
        "scenes": [scene_json(production, scene) for scene in production.scenes],
    }


def person_json(production, person) -> dict:
    crew_day = production.mission.crew_day
    return {
        "id": person.id, "name": person.name, "roles": list(person.roles),
        "plays": list(person.plays),
        "aboard": [[format_iso(a), format_iso(b)] for a, b in
                   person.aboard_pairs_s(production.mission)],
        "exercise": list(crew_day.exercise if person.exercise is None else person.exercise),
        "duties": [{"name": d.name, "daily": d.daily, "start": _iso(d.start), "end": _iso(d.end)}
                   for d in person.duties],
    }


def location_json(location) -> dict:
    return {"id": location.id, "name": location.name or location.id, "kind": location.kind,
            "earth_view": location.earth_view, "lat_deg": location.lat_deg,
            "lon_deg": location.lon_deg}


def scene_json(production, scene) -> dict:
    int_ext, set_name, _ = heading_parts(scene.heading, scene.location)
    return {
        "id": scene.id, "kind": "ground" if scene.is_ground else "orbital",
        "heading": scene.heading, "int_ext": int_ext, "set": set_name,
        "synopsis": scene.synopsis, "cast": [p.id for p in production.cast_of(scene)],
        "location": scene.location, "setup_min": scene.setup_min, "shoot_min": scene.shoot_min,
        "days": scene.days, "eighths": scene.eighths, "light": scene.light,
        "earth": scene.earth, "conditions": scene.condition_names(), "priority": scene.priority,
    }


def with_call_sheet_contacts(environment):
    """Return the environment with contacts of Korolyov and Houston added where missing."""
    from ..orbit.environment import compute_environment
    from ..orbit.stations import BUNDLED_STATIONS

    missing = [BUNDLED_STATIONS[i] for i in CALL_SHEET_STATIONS
               if f"contact:{i}" not in environment.intervals]
    if not missing:
        return environment
    extra = compute_environment(environment.elements, *environment.span_s, stations=missing)
    intervals = dict(environment.intervals)
    intervals.update({f"contact:{s.id}": extra.intervals[f"contact:{s.id}"] for s in missing})
    stations = {**environment.stations, **{s.id: s for s in missing}}
    return _replace(environment, intervals=intervals, stations=stations)


def _replace(environment, **changes):
    from dataclasses import replace

    return replace(environment, **changes)


def environment_json(environment) -> dict:
    umbra = environment.intervals["umbra"]
    return {
        "span": [format_iso(environment.span_s[0]), format_iso(environment.span_s[1])],
        "intervals": {name: s.to_json(format_iso) for name, s in environment.intervals.items()},
        "orbital_sunrises": [format_iso(t) for t in umbra.true_ends_s()],
        "orbital_sunsets": [format_iso(t) for t in umbra.true_starts_s()],
        "stations": {key: s.name for key, s in environment.stations.items()},
        "station_positions": {key: [s.lat_deg, s.lon_deg]
                              for key, s in environment.stations.items()},
        "regions": {key: r.name for key, r in environment.regions.items()},
        "beta_deg": [[format_iso(t), round(float(b), 3)]
                     for t, b in zip(environment.beta_times_s, environment.beta_deg)],
        "warnings": list(environment.warnings),
    }


def orbital_entries(production, environment, schedule: dict) -> list[dict]:
    """Return the scheduled orbital scenes with their day, set, light and what lies below.

    A split scene has one entry per piece, each with ``piece`` (``"1/2"``); the conditions
    are the environment's names of what the scene asks (the scheduler writes them as the
    production file does).
    """
    items = list(schedule.get("scenes", [])) if schedule else []
    counts = {}
    for item in items:
        counts[item["id"]] = counts.get(item["id"], 0) + 1
    seen, entries = {}, []
    for item in items:
        seen[item["id"]] = seen.get(item["id"], 0) + 1
        entry = orbital_entry(production, environment, item)
        if counts[item["id"]] > 1:
            entry["piece"] = f"{seen[item['id']]}/{counts[item['id']]}"
        entries.append(entry)
    return entries


def orbital_entry(production, environment, item: dict) -> dict:
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
        "passes_over": passes_over(environment, shoot_start_s, end_s),
    }
    if item.get("unit"):
        entry["unit"] = item["unit"]
    return entry


def _date(seconds: float) -> str:
    return to_datetime(seconds).date().isoformat()


def passes_over(environment, start_s: float, end_s: float) -> list[dict]:
    """Return the countries (or open water) under the station from start to end, in order."""
    from ..orbit.environment import ground_track

    track = ground_track(environment.elements, start_s, end_s, BELOW_STEP_S)
    names = country_names_at(track["lat_deg"], track["lon_deg"])
    times_s = track["time_s"]
    changes = [0] + [i for i in range(1, len(names)) if names[i] != names[i - 1]]
    bounds = [float(times_s[i]) for i in changes] + [end_s]
    return [{"name": names[i], "start": format_iso(a), "end": format_iso(b)}
            for i, a, b in zip(changes, bounds[:-1], bounds[1:]) if b > a]


def ground_entries(production, ground: dict | None) -> list[dict]:
    """Return the ground scenes by day from a ground schedule.

    Three forms are read: the ground scheduler's ``{"dates": {id: ["YYYY-MM-DD", ...]}}``,
    ``{"days": [{"date": "YYYY-MM-DD", "scenes": [ids]}]}`` and
    ``{"scenes": [{"id": ..., "date": "YYYY-MM-DD"}]}``; a scene of several days is listed
    on its first.
    """
    if not ground:
        return []
    dated = [(min(dates), scene_id) for scene_id, dates in (ground.get("dates") or {}).items()
             if dates]
    dated += [(item["date"], scene_id) for item in ground.get("days", [])
              for scene_id in item["scenes"]]
    dated += [(item.get("date") or item.get("day"), item["id"]) for item in
              ground.get("scenes", []) if isinstance(item, dict)]
    seen, entries = set(), []
    for day_text, scene_id in dated:
        if scene_id not in seen:
            seen.add(scene_id)
            entries.append(ground_entry(production, production.scene(scene_id), day_text))
    return entries


def ground_entry(production, scene, day_text: str) -> dict:
    int_ext, set_name, ground_time = heading_parts(scene.heading, scene.location)
    day = date.fromisoformat(str(day_text)[:10])
    start = datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
    end = start + timedelta(days=max(1, int(np.ceil(scene.days or 1))))
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


def ground_tracks(environment, days: list[dict]) -> dict:
    """Return each orbital shooting day's ground track, within the environment's span."""
    from ..orbit.environment import ground_track

    tracks = {}
    for day in days:
        if day["kind"] == "ground":
            continue
        midnight_s = parse_iso(day["date"])
        start_s = max(midnight_s, environment.span_s[0])
        end_s = min(midnight_s + DAY_S, environment.span_s[1])
        track = ground_track(environment.elements, start_s, end_s, TRACK_STEP_S)
        points = np.round(np.stack((track["lat_deg"], (track["lon_deg"] + 180) % 360 - 180),
                                   axis=1), 3)
        tracks[day["date"]] = {"start": format_iso(start_s), "end": format_iso(end_s),
                               "lat_lon_deg": points.tolist()}
    return tracks


def unscheduled(production, schedule: dict | None, ground: dict | None,
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
        "scenes_shot": len(document["scenes"]),
        "shooting_days": len(document["days"]),
        "shoot_minutes": round(sum(minutes(e, "shoot_start") for e in orbital), 1),
        "cast_minutes": round(sum(minutes(e, "shoot_start") * len(e["cast"]) for e in orbital), 1),
        "unit_minutes": round(sum(minutes(e, "start") for e in orbital), 1),
        "unscheduled": len(document["unscheduled"]),
    }


def intervals_of(document: dict, name: str) -> IntervalSet:
    """Return one of the document's interval lists as an ``IntervalSet``."""
    environment = document["environment"]
    span_s = tuple(parse_iso(t) for t in environment["span"])
    pairs = [(parse_iso(a), parse_iso(b)) for a, b in environment["intervals"].get(name, [])]
    return IntervalSet.from_pairs(pairs, span_s) if pairs else IntervalSet.empty(span_s)
