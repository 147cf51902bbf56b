"""Universal Schedule Standard (USS 1.0.0) out and in: the breakdown and the stripboard.

The USS (formerly the Entertainment Industry Breakdown Format, EIBF) is the open JSON
format breakdown and scheduling programs exchange (UniversalScheduleStandard project,
docs/docs.md of v1.0.0; the ``.uss`` suffix is the standard's). One object
``universalScheduleStandard`` holds a header, ``breakdowns`` (a scene each: ``scene``
number, ``pages`` in eighths as a decimal, ``duration`` in milliseconds, ``description``,
``elements`` by id), ``categories`` (each with its Universal Category Identification
number, ``ucid``), ``elements`` (a name in a category, with the day-out-of-days rules
``isDood``, ``isDrop``, ``dropDayCount``, ``isHold``), ``stripboards`` (boards of breakdown
ids: the ``stripboard`` with a sub-array a shooting day, the ``boneyard`` with what is not
scheduled) and ``calendars`` (a ``start`` event; ``dayOff`` events skip dates).

How a plan becomes a USS file (``uss_text``), and comes back (``import_uss``):

- A scene's heading is three elements, INT/EXT (``INT``), Set (``CUPOLA``) and Day/Night
  (the heading's own time words, ``ORBITAL SUNRISE``; none when the heading has none); its
  cast are Cast Members (the character, else the person's name) with board numbers; its
  own elements keep their categories; its location is a Location element (its name).
- What the heading does not say (``over: RU``, ``contact: tsup``, ``conditions: penumbra``,
  ``set-up: 15 min``) are Notes elements, in the words of Fountain notes.
- ``duration`` is the shooting time aboard; a ground scene's days are counted as shooting
  days of ``GROUND_DAY_H`` hours.
- Shooting days are the stripboard's sub-arrays in order; the calendar starts on the first
  and skips every other date up to the last with a ``dayOff`` event, so that a reader
  counting days from the start finds the plan's dates. A split scene stands on the day of
  its first piece. Back in, each scene wishes for its day (``preferred_days``).

IDs are 24 hex digits (the standard's best practice is a BSON ObjectID) made from the
production's title and the thing's key, so the same plan gives the same ids every time.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from ..errors import InputError
from ..files import check_output_file
from ..production.breakdown import (BY_UCID, CAST_KEY, category_key, category_name,
                                    ucid_numbers)
from ..production.catalogue import STATION_MODULES
from ..production.files import read_text
from ..production.model import slug
from ..production.script_import import (PREFIX, ImportRates, ImportResult, ScriptScene,
                                        apply_note, read_base, scene_from_heading,
                                        scenes_document, split_heading, unique_ids,
                                        write_production)
from ..report import json_text
from ..times import format_iso

USS_VERSION = "1.0.0"
ROOT = "universalScheduleStandard"
GROUND_DAY_H = 12.0  # a ground shooting day, as a duration (the usual 12-hour crew day)
DROP_DAYS = 10       # the drop/pick-up rule of actors' agreements (report.dood)
SETUP_NOTE = "set-up"


def object_id(*parts: str) -> str:
    """Return a stable 24-hex-digit id for a thing of the plan."""
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:24]


def _iso_ms(seconds: float) -> str:
    return format_iso(seconds)


def _created_s() -> float:
    fixed = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return float(fixed) if fixed.isdigit() else datetime.now(timezone.utc).timestamp()


def _date_iso(day: date) -> str:
    return f"{day.isoformat()}T00:00:00.000Z"


# -- out ---------------------------------------------------------------------------------

def heading_words(heading: str) -> tuple[str, str, str | None]:
    """Return (INT/EXT word, set, time words) as a heading writes them.

    ``INT. STAR CITY - CENTRIFUGE - DAY`` gives ``("INT", "STAR CITY - CENTRIFUGE", "DAY")``.
    """
    match = PREFIX.match(heading.strip())
    word = match.group(0).strip().rstrip(".") if match else "INT"
    place = split_heading(heading)[0] if heading.strip() else ""
    rest = heading.strip()[match.end() if match else 0:].strip()
    time_words = rest[len(place):].strip(" -\u2013\u2014") if rest.startswith(place) else ""
    return word.upper(), place, time_words or None


class _Builder:
    """The USS object of one plan, built category by category and element by element."""

    def __init__(self, document: dict):
        self.document = document
        self.title = document["production"]["title"]
        self.created = _iso_ms(_created_s())
        self.elements: dict[tuple[str, str], dict] = {}
        self.keys: list[str] = []

    def id(self, *parts: str) -> str:
        return object_id(self.title, *parts)

    def element(self, key: str, name: str, **fields) -> str:
        """Return the id of the element ``name`` in category ``key``, made on first use."""
        if (key, name) not in self.elements:
            if key not in self.keys:
                self.keys.append(key)
            self.elements[(key, name)] = {
                "id": self.id("element", key, name), "category": self.id("category", key),
                "created": self.created, "daysOff": [], "dropDayCount": DROP_DAYS,
                "elementId": None, "events": [], "isDood": False, "isDrop": True,
                "isHold": True, "isIdLock": False, "linkedElements": [], "name": name,
                **fields}
        return self.elements[(key, name)]["id"]

    def categories(self) -> list[dict]:
        numbers = ucid_numbers(self.keys)
        return [{"id": self.id("category", key), "created": self.created,
                 "name": category_name(key), "ucid": numbers[key]} for key in self.keys]


def uss_document(document: dict) -> dict:
    """Return the USS object of a plan document (see the module's docstring)."""
    build = _Builder(document)
    production = document["production"]
    cast_ids = _cast_elements(build, production)
    breakdowns = [_breakdown(build, scene, cast_ids) for scene in production["scenes"]]
    return {ROOT: {
        "id": build.id("schedule"), "author": None, "company": None,
        "created": build.created, "episode": None, "episodeName": None,
        "description": f"orbitfilm plan of {production['source']}",
        "name": f"{build.title} \u2014 orbitfilm plan", "project": build.title,
        "schedColor": None, "schedDate": None, "scriptColor": None, "scriptDate": None,
        "season": None, "source": "orbitfilm", "ussVersion": USS_VERSION,
        "breakdowns": breakdowns, "categories": build.categories(),
        "elements": list(build.elements.values()),
        "stripboards": [_stripboard(build, document)],
        "calendars": [_calendar(build, document)],
    }}


def uss_text(document: dict) -> str:
    """Return ``schedule.uss``: the plan's breakdown and stripboard as USS JSON."""
    return json_text(uss_document(document))


def _cast_elements(build: _Builder, production: dict) -> dict[str, str]:
    """Make a Cast Members element a person in a scene, numbered in order; return the ids."""
    people = {p["id"]: p for p in production["people"]}
    ids = {}
    for scene in production["scenes"]:
        for person_id in scene["cast"]:
            if person_id in ids:
                continue
            person = people.get(person_id, {"name": person_id, "plays": [], "aboard": [],
                                            "travel": []})
            name = person["plays"][0] if person["plays"] else person["name"]
            events = [{"id": build.id("travel", person_id, day), "date": _date_iso(
                date.fromisoformat(day)), "type": "event", "name": "travel"}
                for day in person.get("travel", [])]
            # Nobody is dropped while aboard (report.dood); ground cast may be.
            ids[person_id] = build.element(
                CAST_KEY, name, elementId=str(len(ids) + 1), isDood=True, isIdLock=True,
                isDrop=not person.get("aboard"), events=events)
    return ids


def _breakdown(build: _Builder, scene: dict, cast_ids: dict[str, str]) -> dict:
    word, place, time_words = heading_words(scene["heading"] or "")
    ids = [build.element("int-ext", word), build.element("set", place or scene["set"])]
    if time_words:
        ids.append(build.element("day-night", time_words))
    locations = {loc["id"]: loc["name"] for loc in build.document["production"]["locations"]}
    ids.append(build.element("location", locations.get(scene["location"], scene["location"])))
    ids += [cast_ids[person_id] for person_id in scene["cast"]]
    for key, names in (scene.get("elements") or {}).items():
        ids += [build.element(key, name) for name in names]
    ids += [build.element("notes", note) for note in scene_notes(scene)]
    shoot_ms = (scene["shoot_min"] or 0) * 60_000 if scene["kind"] == "orbital" else \
        (scene["days"] or 0) * GROUND_DAY_H * 3_600_000
    return {"id": build.id("scene", scene["id"]), "bannerText": None, "comments": None,
            "created": build.created, "description": scene["synopsis"] or None,
            "elements": list(dict.fromkeys(ids)),
            "pages": scene["eighths"] / 8 if scene.get("eighths") else None,
            "scene": scene["id"], "scriptPage": None, "duration": round(shoot_ms),
            "type": "scene"}


def scene_notes(scene: dict) -> list[str]:
    """Return the conditions the heading does not give, as Fountain notes (``over: RU``)."""
    said = split_heading(scene["heading"] or "")[1]
    notes = [f"{SETUP_NOTE}: {scene['setup_min']:g} min"] if scene["kind"] == "orbital" else []
    if scene["light"] != "any" and said.get("light") != scene["light"] and \
            scene["kind"] == "orbital":
        notes.append(f"light: {scene['light']}")
    if scene["earth"] != "any" and said.get("earth") != scene["earth"]:
        notes.append(f"earth: {scene['earth']}")
    light_names = {"orbital_day", "orbital_night", "orbital_sunrise", "orbital_sunset",
                   "earth_lit", "earth_dark"}
    others = []
    for name in scene["conditions"]:
        family, _, key = name.partition(":")
        if family in ("over", "contact") and key:
            notes.append(f"{family}: {key}")
        elif name not in light_names:
            others.append(name)
    if others:
        notes.append(f"conditions: {', '.join(others)}")
    return notes


def _stripboard(build: _Builder, document: dict) -> dict:
    days = []
    for day in document["days"]:
        first = [e["id"] for e in document["scenes"] if e["day"] == day["number"]
                 and (not e.get("piece") or e["piece"].startswith("1/"))]
        days.append([build.id("scene", scene_id) for scene_id in dict.fromkeys(first)])
    boneyard = [build.id("scene", u["id"]) for u in document["unscheduled"]]
    return {"id": build.id("stripboard"), "name": "orbitfilm plan",
            "calendar": build.id("calendar"),
            "boards": [{"id": build.id("board", "stripboard"), "name": "stripboard",
                        "breakdownIds": days},
                       {"id": build.id("board", "boneyard"), "name": "boneyard",
                        "breakdownIds": boneyard}]}


def _calendar(build: _Builder, document: dict) -> dict:
    dates = [date.fromisoformat(day["date"]) for day in document["days"]]
    events = []
    if dates:
        events.append({"id": build.id("start"), "date": _date_iso(dates[0]), "type": "start",
                       "name": None})
        shooting, day = set(dates), dates[0]
        while day < dates[-1]:
            day += timedelta(days=1)
            if day not in shooting:
                events.append({"id": build.id("off", day.isoformat()), "date": _date_iso(day),
                               "type": "dayOff", "name": "dayOff"})
    return {"id": build.id("calendar"), "daysOff": [], "events": events,
            "name": "orbitfilm plan"}


# -- in ----------------------------------------------------------------------------------

def read_uss(path: Path) -> dict:
    """Return the ``universalScheduleStandard`` object of a file; bad input names its place."""
    text = read_text(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"not JSON: {error.msg} (column {error.colno})", path=str(path),
                         line=error.lineno) from None
    if not isinstance(data, dict) or not isinstance(data.get(ROOT), dict):
        raise InputError(f"not a Universal Schedule Standard file: no {ROOT!r} object",
                         path=str(path))
    uss = data[ROOT]
    for key in ("breakdowns", "categories", "elements"):
        if not isinstance(uss.get(key), list):
            raise InputError("expected a list", path=str(path), field=f"{ROOT}.{key}")
    return uss


def _objects(uss: dict, key: str, path: Path) -> list[dict]:
    """Return a list of objects of the file, or name the first item that is not one."""
    for index, item in enumerate(uss[key]):
        if not isinstance(item, dict):
            raise InputError(f"expected an object, got {item!r}", path=str(path),
                             field=f"{ROOT}.{key}[{index}]")
    return uss[key]


class _Reader:
    """The scenes of a USS object, in board order, with their days."""

    def __init__(self, uss: dict, path: Path, base: dict | None):
        self.uss, self.path = uss, path
        self.categories = {}
        for category in _objects(uss, "categories", path):
            ucid = category.get("ucid")
            known = BY_UCID.get(ucid) if isinstance(ucid, int) else None
            self.categories[category.get("id")] = known.key if known else \
                category_key(str(category.get("name") or "other"))
        self.elements = {}
        for element in _objects(uss, "elements", path):
            key = self.categories.get(element.get("category"))
            name = " ".join(str(element.get("name") or "").split())
            if key is not None and name:
                self.elements[element.get("id")] = (key, name)
        people = (base or {}).get("people") or []
        self.people_by_name = {p.get("name"): p.get("id") for p in people if isinstance(p, dict)}
        based = [loc for loc in (base or {}).get("locations") or [] if isinstance(loc, dict)]
        # A Location element names a location of the base, or a module of the catalogue;
        # aboard or not is the location's kind, whatever the heading's time of day says.
        # A location's kind defaults to "module", as in the production file.
        kinds = {key: "module" for key in STATION_MODULES}
        kinds.update({loc.get("id"): loc.get("kind", "module") for loc in based})
        self.modules = {key for key, kind in kinds.items() if kind == "module"}
        self.locations_by_name = {m["name"]: key for key, m in STATION_MODULES.items()}
        self.locations_by_name.update({loc.get("name"): loc.get("id") for loc in based})

    def ordered(self) -> list[tuple[dict, date | None]]:
        """Return the scene breakdowns in board order with their shooting dates."""
        breakdowns = {b.get("id"): b for b in _objects(self.uss, "breakdowns", self.path)}
        boards = (self.uss.get("stripboards") or [{}])[0].get("boards") or []
        if not boards:
            return [(b, None) for b in breakdowns.values() if b.get("type") == "scene"]
        days = _board_days(boards, self.uss.get("calendars") or [],
                           (self.uss.get("stripboards") or [{}])[0].get("calendar"))
        found = [(breakdowns[b], when) for b, when in days if b in breakdowns]
        return [(b, when) for b, when in found if b.get("type") == "scene"]

    def scene(self, breakdown: dict, when: date | None, ordinal: int) -> ScriptScene:
        """Return a breakdown as the script import's scene (heading rules, notes, cast)."""
        named: dict[str, list[str]] = {}
        for element_id in breakdown.get("elements") or []:
            if element_id in self.elements:
                key, name = self.elements[element_id]
                named.setdefault(key, []).append(name)
        scene_id = str(breakdown.get("scene") or ordinal)
        heading = " - ".join(part for part in (
            f"{(named.get('int-ext') or ['INT'])[0]}. {(named.get('set') or ['UNKNOWN'])[0]}",
            *(named.get("day-night") or [])[:1]) if part)
        scene = scene_from_heading(heading, slug(scene_id) and scene_id.strip() or str(ordinal))
        scene.synopsis = " ".join(str(breakdown.get("description") or "").split())
        scene.cast = [slug(self.people_by_name.get(n) or n) for n in named.get(CAST_KEY, [])]
        scene.sequence = (named.get("sequence") or [None])[0]
        for note in named.pop("notes", []):
            if not self._setup(scene, note) and not apply_note(scene, note):
                scene.elements.setdefault("notes", []).append(note)
        for key, names in named.items():
            if key not in (CAST_KEY, "int-ext", "set", "day-night", "sequence", "location"):
                scene.elements[key] = names
        location = (named.get("location") or [None])[0]
        if location in self.locations_by_name:
            scene.given_location = self.locations_by_name[location]
            scene.orbital = scene.given_location in self.modules
        self._length(scene, breakdown)
        if when is not None:
            scene.given["preferred_days"] = [when]
        return scene

    @staticmethod
    def _setup(scene: ScriptScene, note: str) -> bool:
        key, _, value = note.partition(":")
        words = value.split()
        if key.strip().lower() != SETUP_NOTE or not words:
            return False
        try:
            scene.given["setup_min"] = float(words[0])
        except ValueError:
            return False
        return True

    def _length(self, scene: ScriptScene, breakdown: dict) -> None:
        pages, duration = breakdown.get("pages"), breakdown.get("duration")
        if isinstance(pages, (int, float)) and not isinstance(pages, bool) and pages > 0:
            scene.given_eighths = round(pages * 8)
        else:
            scene.given["eighths"] = None  # no length given: none written
        if isinstance(duration, (int, float)) and not isinstance(duration, bool) and duration > 0:
            if scene.orbital:
                scene.given["shoot_min"] = round(duration / 60_000, 3)
            else:
                scene.given["days"] = round(duration / (GROUND_DAY_H * 3_600_000), 3)


def _board_days(boards: list, calendars: list, calendar_id) -> list[tuple[str, date | None]]:
    """Return every breakdown id on the boards with its date: the stripboard's days first."""
    calendar = next((c for c in calendars if isinstance(c, dict)
                     and c.get("id") == calendar_id), calendars[0] if calendars else {})
    dates = _calendar_dates(calendar)
    found: list[tuple[str, date | None]] = []
    for board in boards:
        ids = board.get("breakdownIds") or [] if isinstance(board, dict) else []
        grouped = bool(ids) and all(isinstance(item, list) for item in ids)
        for number, item in enumerate(ids):
            if grouped:
                when = next(dates) if dates is not None else None
                found += [(b, when) for b in item]
            elif isinstance(item, str):
                found.append((item, None))
    return found


def _calendar_dates(calendar: dict):
    """Return an iterator over shooting dates: from the start, skipping days off."""
    events = calendar.get("events") or []
    start = next((e.get("date") for e in events if isinstance(e, dict)
                  and e.get("type") == "start"), None)
    if not start:
        return None
    off = {str(e.get("date"))[:10] for e in events if isinstance(e, dict)
           and e.get("type") == "dayOff"}
    weekly = set(calendar.get("daysOff") or [])

    def dates():
        day = date.fromisoformat(str(start)[:10])
        while True:
            # USS counts weekdays from Sunday = 0; Python's isoweekday has Sunday = 7.
            if day.isoformat() not in off and day.isoweekday() % 7 not in weekly:
                yield day
            day += timedelta(days=1)
    return dates()


def import_uss(path: str | Path, output: str | Path, *, force: bool = False,
               rates: ImportRates = ImportRates(), base: str | Path | None = None
               ) -> ImportResult:
    """Read a USS breakdown (or schedule) and write the production it describes.

    Scenes come in board order; a scheduled scene wishes for its day (``preferred_days``);
    headings, notes and cast go through the script import's rules. Never over a file
    unless ``force``.
    """
    path, output = Path(path), Path(output)
    check_output_file(output, force=force)
    uss = read_uss(path)
    base_document = read_base(Path(base), output.parent) if base else None
    reader = _Reader(uss, path, base_document)
    ordered = reader.ordered()
    if not ordered:
        raise InputError("no scene breakdowns (type 'scene') in the file", path=str(path),
                         field=f"{ROOT}.breakdowns")
    scenes = [reader.scene(b, when, n) for n, (b, when) in enumerate(ordered, start=1)]
    unique_ids(scenes)
    title = str(uss.get("project") or uss.get("name") or "") or None
    document = scenes_document(None, scenes, rates, base_document, title=title)
    return write_production(document, scenes, path, output, base_document)

