"""iCalendar (RFC 5545): the whole production, and one calendar a person; a scene an event.

Built with the ``icalendar`` package, which writes CRLF lines folded at 75 octets. Orbital
scenes run from the start of their set-up to the end of the shoot, in UTC; ground scenes are
all-day events. The scene's cast and conditions travel in the description for people and in
``X-ORBITFILM-CAST`` / ``X-ORBITFILM-CONDITIONS`` for programs; ``CATEGORIES`` holds the
conditions too, so a calendar application can filter by them.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta, timezone

from icalendar import Calendar, Event, vDuration

from ..production.model import slug
from ..times import parse_iso, to_datetime
from .callsheet import condition_text
from .dood import entry_people
from .formatting import iso_clock, scene_label

PRODID = "-//orbitfilm//orbitfilm plan//EN"


def _stamp() -> datetime:
    """Return the calendar's DTSTAMP: now, or ``SOURCE_DATE_EPOCH`` for reproducible files."""
    fixed = os.environ.get("SOURCE_DATE_EPOCH")
    moment = to_datetime(float(fixed)) if fixed else datetime.now(timezone.utc)
    return moment.replace(microsecond=0)


def event_uid(document: dict, entry: dict) -> str:
    """Return a scheduled scene's UID (a piece's, for a split scene): the same in every
    calendar and every run of one production."""
    piece = f"-{entry['piece'].split('/')[0]}" if entry.get("piece") else ""
    return (f"scene-{slug(entry['id']) or 'x'}{piece}."
            f"{slug(document['production']['title'])}@orbitfilm")


def _description(document: dict, entry: dict, scene: dict) -> str:
    people = {p["id"]: p["name"] for p in document["production"]["people"]}
    lines = [scene["synopsis"],
             "Cast: " + (", ".join(f"{people.get(p, p)} ({p})" for p in entry["cast"]) or "none")]
    if entry["conditions"]:
        lines.append("Conditions: " + ", ".join(condition_text(document, c)
                                               for c in entry["conditions"]))
    if not entry.get("all_day"):
        lines.append(f"Set-up from {iso_clock(entry['start'])} GMT; shooting "
                     f"{iso_clock(entry['shoot_start'])}-{iso_clock(entry['end'])} GMT")
    below = list(dict.fromkeys(p["name"] for p in entry["passes_over"]))
    if below:
        lines.append("Below: " + ", ".join(below))
    lines.append(f"Shooting day {entry['day']} of {len(document['days'])}")
    return "\n".join(line for line in lines if line)


def scene_event(document: dict, entry: dict, stamp: datetime) -> Event:
    """Return the event of one scheduled scene."""
    scene = {s["id"]: s for s in document["production"]["scenes"]}[entry["id"]]
    places = {loc["id"]: loc["name"] for loc in document["production"]["locations"]}
    event = Event()
    event.add("uid", event_uid(document, entry))
    event.add("dtstamp", stamp)
    event.add("summary", f"Sc {scene_label(entry)}: {entry['int_ext']}. {entry['set']} - "
                         f"{entry['time_of_day']}")
    if entry.get("all_day"):
        first = date.fromisoformat(entry["date"])
        days = max(1, round((parse_iso(entry["end"]) - parse_iso(entry["start"])) / 86400))
        event.add("dtstart", first)
        event.add("dtend", first + timedelta(days=days))
    else:
        event.add("dtstart", to_datetime(parse_iso(entry["start"])))
        event.add("dtend", to_datetime(parse_iso(entry["end"])))
    event.add("location", places.get(entry["location"], entry["location"]))
    event.add("description", _description(document, entry, scene))
    if entry["conditions"]:
        event.add("categories", list(entry["conditions"]))
    event.add("x-orbitfilm-cast", ",".join(entry["cast"]))
    event.add("x-orbitfilm-conditions", ",".join(entry["conditions"]))
    return event


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    return calendar


def people_with_scenes(document: dict) -> list[str]:
    """Return the ids of everyone who works on a scheduled scene, in the file's order."""
    working = {p for e in document["scenes"] for p in entry_people(document, e)}
    return [p["id"] for p in document["production"]["people"] if p["id"] in working]


def production_calendar(document: dict, person_id: str | None = None, *,
                        refresh: timedelta | None = None) -> bytes:
    """Return the calendar of every scene, or of one person's scenes, as iCalendar bytes;
    a feed says how often a subscribed calendar should look again (``refresh``)."""
    title = document["production"]["title"]
    entries = [e for e in document["scenes"]
               if person_id is None or person_id in entry_people(document, e)]
    if person_id is None:
        name = title
    else:
        names = {p["id"]: p["name"] for p in document["production"]["people"]}
        name = f"{title} \u2014 {names.get(person_id, person_id)}"
    calendar, stamp = _calendar(name), _stamp()
    if refresh is not None:     # RFC 7986, and the older name most calendar apps read
        calendar.add("refresh-interval", refresh, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", vDuration(refresh).to_ical().decode())
    for entry in entries:
        calendar.add_component(scene_event(document, entry, stamp))
    return calendar.to_ical()
