"""The training in the plan folder: the report's section, the facility timetable, the
sessions as CSV, and one iCalendar a trainee. Renders from ``document["training"]`` only.

Times are the training's local ones (its ``time_zone``), as the centre's staff keep them;
the calendars carry them as UTC instants, so any calendar application shows them right.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta, timezone

from icalendar import Calendar, Event

from ..production.model import slug
from .ical import PRODID, _stamp
from .page import esc, html_page, table
from .road_gantt import road_gantt_svg
from .training_table import chain_stretches

TIMETABLE_FILE = "training.html"
SESSIONS_FILE = "training.csv"


def has_training(document: dict) -> bool:
    return bool(document.get("training")) and document["training"].get("cleared") is not None


def training_section(document: dict) -> str:
    """Return the report's section: the figures, the Gantt chart and why that date."""
    road = document["training"]
    facts = (f"Training from {road['start']}: cleared {road['cleared'][:10]} (no plan can "
             f"clear before {road['bound'][:10]}), ready to fly {road['ready']}")
    if road.get("launch"):
        facts += (f"; launch {road['launch']['liftoff'][:10]}, margin "
                  f"{road['margin_days']} days")
    rows = [[esc(first), esc(last), esc(what)]
            for first, last, what in chain_stretches(road["critical"])]
    return (f"<section id=\"training\"><h2>The road to orbit</h2>\n<p>{esc(facts)} \u00b7 "
            f"<a href=\"{TIMETABLE_FILE}\">facility timetable</a></p>\n"
            f"<figure class=\"gantt\">{road_gantt_svg(document)}</figure>\n"
            f"<h3>What holds the cleared date</h3>\n"
            + table(["From", "To", "What holds it"], rows, css_class="chain")
            + "</section>\n")


def _clock(moment: str) -> str:
    return moment[11:16]


def timetable_html(document: dict) -> str:
    """Return ``training.html``: each facility's sessions by day, then each trainee's."""
    road = document["training"]
    title = document["production"]["title"]
    names = {p["id"]: p["name"] for p in road["people"]}
    parts = [f"<header><h1>{esc(title)}</h1><p class=\"subtitle\">Training timetable, "
             f"{esc(road['start'])} to {esc(road['cleared'][:10])} "
             f"({esc(road['time_zone'])} time)</p></header>"]
    for facility_id, facility_name in road["facilities"].items():
        sessions = [s for s in road["sessions"] if s["facility"] == facility_id]
        if not sessions:
            continue
        rows = [[esc(s["start"][:10]), esc(f"{_clock(s['start'])}\u2013{_clock(s['end'])}"),
                 esc(_session_title(s)), esc(", ".join(names.get(p, p) for p in s["people"]))]
                for s in sessions]
        parts.append(f"<section class=\"facility\" id=\"facility-{esc(facility_id)}\">"
                     f"<h2>{esc(facility_name)}</h2>"
                     + table(["Date", "Time", "Session", "Who"], rows, css_class="timetable")
                     + "</section>")
    milestones = [[esc(m["at"][:10]), esc(m["name"]),
                   "fixed by the agency" if m["fixed"] else "when its prerequisites are done"]
                  for m in sorted(road["milestones"].values(), key=lambda m: m["at"])]
    parts.append("<section id=\"milestones\"><h2>Milestones</h2>"
                 + table(["Date", "Milestone", "Set"], milestones) + "</section>")
    return html_page(f"{title} \u2014 training timetable", "\n".join(parts))


def _session_title(session: dict) -> str:
    if session["of"] > 1:
        return f"{session['name']}, {session['number']} of {session['of']}"
    return session["name"]


def sessions_csv(document: dict) -> str:
    """Return ``training.csv``: one row per session, local times with their offset."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["activity", "name", "number", "facility", "people", "start", "end",
                     "kind"])
    for s in document["training"]["sessions"]:
        writer.writerow([s["activity"], s["name"], s["number"], s["facility"],
                         " ".join(s["people"]), s["start"], s["end"], s["kind"]])
    return buffer.getvalue()


def trainees(document: dict) -> list[str]:
    return [p["id"] for p in document["training"]["people"]]


def trainee_calendar(document: dict, person_id: str) -> bytes:
    """Return one trainee's sessions, milestones and days at the launch site as iCalendar."""
    road = document["training"]
    names = {p["id"]: p["name"] for p in road["people"]}
    title = document["production"]["title"]
    calendar = Calendar()
    for key, value in (("prodid", PRODID), ("version", "2.0"), ("calscale", "GREGORIAN"),
                       ("method", "PUBLISH"),
                       ("x-wr-calname", f"{title} \u2014 training, {names[person_id]}")):
        calendar.add(key, value)
    stamp = _stamp()
    for session in road["sessions"]:
        if person_id in session["people"]:
            calendar.add_component(_session_event(document, session, stamp))
    for key, milestone in road["milestones"].items():
        calendar.add_component(_day_event(f"milestone-{slug(key)}.{slug(title)}@orbitfilm",
                                          milestone["name"], _local_date(milestone["at"]), 1,
                                          stamp))
    arrival = _arrival(road)
    if arrival is not None and road["prelaunch_days"]:
        calendar.add_component(_day_event(f"launch-site.{slug(title)}@orbitfilm",
                                          "At the launch site (pre-launch)", arrival,
                                          road["prelaunch_days"], stamp))
    return calendar.to_ical()


def _session_event(document: dict, session: dict, stamp: datetime) -> Event:
    road = document["training"]
    names = {p["id"]: p["name"] for p in road["people"]}
    event = Event()
    event.add("uid", f"training-{slug(session['activity'])}-{slug('-'.join(session['people']))}"
                     f"-{session['number']}.{slug(document['production']['title'])}@orbitfilm")
    event.add("dtstamp", stamp)
    event.add("summary", _session_title(session))
    event.add("dtstart", _utc(session["start"]))
    event.add("dtend", _utc(session["end"]))
    event.add("location", road["facilities"].get(session["facility"], session["facility"]))
    event.add("description", "With " + ", ".join(names.get(p, p) for p in session["people"]))
    event.add("categories", ["training", session["kind"]])
    return event


def _day_event(uid: str, summary: str, first: date, days: int, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("dtstart", first)
    event.add("dtend", first + timedelta(days=days))
    return event


def _arrival(road: dict) -> date | None:
    if not road.get("launch"):
        return None
    liftoff = _utc(road["launch"]["liftoff"]).date()
    return liftoff - timedelta(days=road["prelaunch_days"])


def _utc(moment: str) -> datetime:
    return datetime.fromisoformat(moment.replace("Z", "+00:00")).astimezone(timezone.utc)


def _local_date(moment: str) -> date:
    return date.fromisoformat(moment[:10])
