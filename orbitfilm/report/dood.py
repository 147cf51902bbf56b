"""Day-out-of-days: for each person and each day, work, hold, drop, pick-up or travel.

Codes: ``SW`` start work, ``W`` work, ``WF`` work finish, ``SWF`` start-work-finish (one day
only), ``H`` hold (paid: between work days, or aboard waiting for the flight home), ``D``
drop (released; the days until the pick-up are unpaid and blank), ``PW`` pick-up work,
``TR`` travel (to the station or back, to the launch site), and before the shoot the
training days: ``R`` rehearsal and training (the days at the launch site too), ``FT``
fitting (suits, seat liners).

The columns are the calendar days from the first shooting or travel day to the last, so
that holds count the days a person is kept (days off included, as pay runs). A person works
on a day when they are in a scene's cast, or in the camera unit on an orbital day. Someone
on the ground with at least ``DROP_MIN_GAP_DAYS`` days between two work days is dropped and
picked up again; nobody is dropped while aboard the station.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..times import parse_iso, to_datetime
from .formatting import short_date
from .page import esc, html_page

CODES = ("SW", "W", "WF", "SWF", "H", "D", "PW", "TR", "R", "FT")
WORK_CODES = ("SW", "W", "WF", "SWF", "PW")
TRAINING_CODES = ("R", "FT")
# Actors' agreements commonly allow a drop and pick-up only across a long break (SAG-AFTRA's
# rule for day performers: at least ten days); shorter gaps are paid as holds.
DROP_MIN_GAP_DAYS = 10


@dataclass
class DoodRow:
    """One person's line: a code for each column, and the totals."""

    id: str
    name: str
    codes: dict[date, str] = field(default_factory=dict)

    def count(self, *codes: str) -> int:
        return sum(code in codes for code in self.codes.values())

    @property
    def work_days(self) -> int:
        return self.count(*WORK_CODES)

    @property
    def hold_days(self) -> int:
        return self.count("H")

    @property
    def travel_days(self) -> int:
        return self.count("TR")

    @property
    def training_days(self) -> int:
        return self.count(*TRAINING_CODES)

    @property
    def paid_days(self) -> int:
        return self.work_days + self.hold_days + self.travel_days + self.training_days

    def first_last(self) -> tuple[date | None, date | None]:
        used = sorted(d for d, c in self.codes.items() if c)
        return (used[0], used[-1]) if used else (None, None)


def _date_of(text: str) -> date:
    return to_datetime(parse_iso(text)).date()


def entry_people(document: dict, entry: dict) -> list[str]:
    """Return who works on a scheduled scene: its cast, and the camera unit aboard."""
    units = document["production"].get("units") or []
    crew = []
    if entry["kind"] == "orbital" and units:
        by_id = {u["id"]: u["people"] for u in units}
        crew = by_id.get(entry.get("unit"), units[0]["people"])
    return list(dict.fromkeys([*entry["cast"], *crew]))


def work_dates(document: dict) -> dict[str, set[date]]:
    """Return the dates each person works (see ``entry_people``)."""
    worked: dict[str, set[date]] = {}
    for entry in document["scenes"]:
        for person_id in entry_people(document, entry):
            worked.setdefault(person_id, set()).add(date.fromisoformat(entry["date"]))
    return worked


def travel_dates(document: dict) -> dict[str, set[date]]:
    """Return the dates each person travels: to the station and home (the plan gives them for
    each person), and the ground unit's travel days for whoever is held across them."""
    found = {person["id"]: {date.fromisoformat(d) for d in person.get("travel", [])}
             for person in document["production"]["people"]}
    worked = work_dates(document)
    for journey in (document.get("ground") or {}).get("travel", []):
        for day in map(date.fromisoformat, journey["dates"]):
            for person_id, days in worked.items():
                if min(days) < day < max(days):
                    found.setdefault(person_id, set()).add(day)
    for person_id, day in journeys_home(document).items():
        found.setdefault(person_id, set()).add(day)
    return {person_id: days for person_id, days in found.items() if days}


def journeys_home(document: dict) -> dict[str, date]:
    """Return the day each member of the ground cast travels home: the day after their last
    ground scene, when it is at another place than their first (who flies ends at the
    launch instead)."""
    places = (document.get("ground") or {}).get("places") or {}
    flying = {p["id"] for p in document["production"]["people"] if p.get("aboard")}
    visits: dict[str, list[tuple[str, str]]] = {}
    for entry in document["scenes"]:
        if entry["kind"] == "ground" and entry.get("location"):
            for person_id in entry["cast"]:
                visits.setdefault(person_id, []).append(
                    (entry["date"], places.get(entry["location"], entry["location"])))
    return {person_id: date.fromisoformat(max(seen)[0]) + timedelta(days=1)
            for person_id, seen in visits.items()
            if person_id not in flying and min(seen)[1] != max(seen)[1]}


def _aboard_dates(person: dict, low: date, high: date) -> bool:
    """Return whether a person is aboard on any day strictly between two dates."""
    for start, end in person["aboard"]:
        if _date_of(start) < high and _date_of(end) > low:
            return True
    return False


def training_dates(document: dict) -> dict[str, dict[date, str]]:
    """Return each trainee's training days and codes: ``FT`` on a day with a fitting, else
    ``R``; the days at the launch site ``R``, the trip there ``TR`` (``to_site_days``
    ending with the arrival, at least the arrival)."""
    road = document.get("training") or {}
    found: dict[str, dict[date, str]] = {}
    for session in road.get("sessions", []):
        day = date.fromisoformat(session["start"][:10])
        code = "FT" if session["kind"] == "fitting" else "R"
        for person_id in session["people"]:
            days = found.setdefault(person_id, {})
            days[day] = "FT" if "FT" in (code, days.get(day)) else "R"
    if road.get("launch") and road.get("prelaunch_days"):
        liftoff = _date_of(road["launch"]["liftoff"])
        arrival = liftoff - timedelta(days=road["prelaunch_days"])
        crews = [p["id"] for p in road["people"] if p["crew"]]
        for person_id in crews:
            days = found.setdefault(person_id, {})
            # The trip to the site: the days after leaving, up to the arrival.
            for offset in range(max(1, road.get("to_site_days") or 0)):
                days[arrival - timedelta(days=offset)] = "TR"
            for offset in range(1, road["prelaunch_days"]):
                days[arrival + timedelta(days=offset)] = "R"
    return found


def person_codes(person: dict, columns: list[date], worked: set[date],
                 travel: set[date], training: dict[date, str] | None = None) -> dict[date, str]:
    """Return a person's code for every column (``""`` for none)."""
    training = training or {}
    work = sorted(worked)
    codes = {day: training.get(day, "") for day in columns}
    codes.update({day: "TR" for day in travel if day in codes})
    busy = sorted(set(work) | set(travel) | set(training))
    if not busy:
        return codes
    picked_up, dropped = set(), []
    for before, after in zip(busy, busy[1:]):
        if (after - before).days - 1 >= DROP_MIN_GAP_DAYS and \
                not _aboard_dates(person, before, after):
            dropped.append((before, after))
            # Pay resumes with the first work after the drop (after a trip or rehearsals
            # there, it is still the pick-up).
            resumed = next((day for day in work if day >= after), None)
            if resumed is not None and resumed != work[0]:
                picked_up.add(resumed)
    # Kept from the first day worked, trained or travelled to the last: aboard, nobody
    # leaves early.
    first, last = busy[0], busy[-1]
    for day in columns:
        if day in worked:
            codes[day] = _work_code(day, work, picked_up)
        elif first < day < last and not codes[day]:
            codes[day] = _off_code(day, columns, dropped)
    return codes


def _work_code(day: date, work: list[date], picked_up: set[date]) -> str:
    if work[0] == work[-1]:
        return "SWF"
    if day == work[0]:
        return "SW"
    if day in picked_up:
        return "PW"
    return "WF" if day == work[-1] else "W"


def _off_code(day: date, columns: list[date], dropped: list[tuple[date, date]]) -> str:
    for before, after in dropped:
        if before < day < after:
            first_off = min(c for c in columns if before < c < after)
            return "D" if day == first_off else ""
    return "H"


def day_out_of_days(document: dict) -> tuple[list[date], list[DoodRow]]:
    """Return the columns (dates) and one row per person who works, trains or travels."""
    worked, travel, training = work_dates(document), travel_dates(document), \
        training_dates(document)
    used = {date.fromisoformat(d["date"]) for d in document["days"]} | \
        {d for dates in travel.values() for d in dates} | \
        {d for days in training.values() for d in days}
    columns = [min(used) + timedelta(days=n) for n in range((max(used) - min(used)).days + 1)]
    rows = []
    for person in _people(document):
        person_id = person["id"]
        if person_id not in worked and person_id not in travel and person_id not in training:
            continue
        codes = person_codes(person, columns, worked.get(person_id, set()),
                             travel.get(person_id, set()), training.get(person_id))
        rows.append(DoodRow(person_id, person["name"], codes))
    return columns, rows


def _people(document: dict) -> list[dict]:
    """Return the production's people, then the trainees who are only in training (the
    backup crew), who are never aboard."""
    people = list(document["production"]["people"])
    known = {p["id"] for p in people}
    road = document.get("training") or {}
    people += [{"id": p["id"], "name": p["name"], "aboard": []}
               for p in road.get("people", []) if p["id"] not in known]
    return people


def column_groups(columns: list[date], rows: list[DoodRow]) -> list[tuple[date, date]]:
    """Return the columns to show as (first, last) dates: a day each, and as one column a
    run of days on which nobody works, travels or is dropped and everyone's code stays the
    same (days off, a week of training, a weekend held)."""
    groups: list[tuple[date, date, tuple]] = []
    for day in columns:
        key = _run_key(rows, day)
        if key is not None and groups and groups[-1][2] == key and \
                (day - groups[-1][1]).days == 1:
            groups[-1] = (groups[-1][0], day, key)
        else:
            groups.append((day, day, key))
    # Days nobody is on the books before the shoot's first work (training over, nobody
    # called yet) have no column; a break between work days keeps one, marked off.
    started = min((day for day in columns
                   if any(row.codes[day] in WORK_CODES for row in rows)), default=None)
    return [(first, last) for first, last, key in groups
            if key is None or any(key) or (started is not None and first > started)]


def _run_key(rows: list[DoodRow], day: date) -> tuple | None:
    """Return what a day's column holds when it may join a run of the same, else None."""
    codes = tuple(row.codes[day] for row in rows)
    if not any(code in WORK_CODES or code in ("TR", "D") for code in codes):
        return codes
    return None


def _column_head(document: dict, rows: list[DoodRow], first: date,
                 last: date) -> tuple[str, str]:
    """Return ``Day N`` over a shooting day, ``travel`` over a day someone travels,
    ``training`` over training days, ``off`` over another, and the dates below."""
    numbers = {date.fromisoformat(d["date"]): d["number"] for d in document["days"]}
    dates = short_date(first) if first == last else f"{short_date(first)} – {short_date(last)}"
    if first == last and first in numbers:
        return f"Day {numbers[first]}", dates
    if any(row.codes[first] == "TR" for row in rows):
        return "travel", dates
    if any(row.codes[first] in TRAINING_CODES for row in rows):
        return "training", dates
    return "off", dates


def dood_csv(document: dict) -> str:
    """Return ``dood.csv``: a column per day (its shooting-day number and date; a run of days
    nobody works as one), then totals."""
    columns, rows = day_out_of_days(document)
    groups = column_groups(columns, rows)
    heads = [_column_head(document, rows, a, b)[0] + " " + (
        a.isoformat() if a == b else f"{a.isoformat()}..{b.isoformat()}") for a, b in groups]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["id", "name", *heads, "work", "hold", "travel", "training", "total",
                     "start", "finish"])
    for row in rows:
        first, last = row.first_last()
        writer.writerow([row.id, row.name, *(row.codes[a] for a, _ in groups), row.work_days,
                         row.hold_days, row.travel_days, row.training_days, row.paid_days,
                         first.isoformat() if first else "", last.isoformat() if last else ""])
    return buffer.getvalue()


def dood_fragment(document: dict) -> str:
    """Return the day-out-of-days table as HTML (also used inside ``report.html``)."""
    columns, rows = day_out_of_days(document)
    groups = column_groups(columns, rows)
    head = "<th class=\"who\">Person</th>" + "".join(
        f"<th>{esc(h)}<br><span class=\"muted\">{esc(d)}</span></th>"
        for h, d in (_column_head(document, rows, a, b) for a, b in groups)) + \
        "<th>Work</th><th>Hold</th><th>Travel</th><th>Training</th><th>Total</th>"
    body = []
    for row in rows:
        cells = "".join(f"<td class=\"code-{esc(row.codes[a])}\">{esc(row.codes[a])}</td>"
                        for a, _ in groups)
        body.append(f"<tr data-person=\"{esc(row.id)}\"><td class=\"who\">{esc(row.name)}</td>"
                    f"{cells}<td>{row.work_days}</td><td>{row.hold_days}</td>"
                    f"<td>{row.travel_days}</td><td>{row.training_days}</td>"
                    f"<td><b>{row.paid_days}</b></td></tr>")
    legend = ("SW start work \u00b7 W work \u00b7 WF work finish \u00b7 SWF start-work-finish "
              "\u00b7 H hold \u00b7 D drop \u00b7 PW pick-up work \u00b7 TR travel \u00b7 "
              "R rehearsal and training \u00b7 FT fitting")
    return (f"<div class=\"scroll\"><table class=\"dood\"><thead><tr>{head}</tr></thead>"
            f"<tbody>\n" + "\n".join(body) + f"\n</tbody></table></div>\n"
            f"<p class=\"note\">{legend}</p>\n")


def dood_html(document: dict) -> str:
    """Return ``dood.html``."""
    title = document["production"]["title"]
    body = (f"<header><h1>{esc(title)}</h1><p class=\"subtitle\">Day-out-of-days</p></header>\n"
            + dood_fragment(document))
    return html_page(f"{title} \u2014 day-out-of-days", body, page_class="landscape")
