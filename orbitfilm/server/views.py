"""What the pages show, made from a plan document as plain data (the templates only lay it
out): the stripboard's days, the month calendar, a day's view, the phone log's day, the
dashboard's orbit. Each reads the same document the reports read."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from ..report.callsheet import condition_text
from ..report.formatting import is_first_piece
from ..report.stripboard import day_break_text, strip_kind
from ..times import format_iso, parse_iso

# The Earth below a strip names this many places at most (the rest is "and more").
PLACES_SHOWN = 3


def stay_s(document: dict) -> tuple[float, float]:
    """Return the crew's film stay: from the hatch opening (else docking) to undocking."""
    mission = document["production"]["mission"]
    start = mission.get("hatch_open") or mission["docking"]
    return parse_iso(start), parse_iso(mission["undocking"])


def default_now_s(document: dict, now_s: float) -> float:
    """Return the present when it falls in the stay, else the stay's start: a re-plan or a
    log of a shoot past or to come starts from its first hour."""
    low, high = stay_s(document)
    return now_s if low <= now_s <= high else low


def stay_dates(document: dict) -> list[str]:
    """Return each GMT date of the stay (the days a scene may be moved to)."""
    low, high = stay_s(document)
    first, last = date.fromisoformat(format_iso(low)[:10]), date.fromisoformat(
        format_iso(high)[:10])
    return [(first + timedelta(days=n)).isoformat() for n in range((last - first).days + 1)]


def _places(entry: dict) -> str:
    names = []
    for part in entry.get("passes_over", []):
        if part["name"] != "open water" and part["name"] not in names:
            names.append(part["name"])
    more = " and more" if len(names) > PLACES_SHOWN else ""
    return ", ".join(names[:PLACES_SHOWN]) + more


def strip(document: dict, entry: dict) -> dict:
    """Return one strip: the schedule's entry with its colour, light and the Earth below."""
    return {**entry, "strip": strip_kind(entry.get("int_ext", "INT"),
                                         entry.get("time_of_day", "")),
            "conditions_text": [condition_text(document, c) for c in entry.get("conditions",
                                                                                 [])],
            "below": _places(entry), "orbital": entry.get("kind") == "orbital",
            "first_piece": is_first_piece(entry)}


def strip_days(document: dict) -> list[dict]:
    """Return the stripboard: each shooting day with its strips in order and its day-break
    words."""
    return [{**day, "strips": day_strips(document, day), "break": day_break_text(document, day)}
            for day in document.get("days", [])]


def day_strips(document: dict, day: dict) -> list[dict]:
    """Return one shooting day's strips in order."""
    entries = sorted((e for e in document.get("scenes", []) if e["day"] == day["number"]),
                     key=lambda e: (e["start"], e["id"]))
    return [strip(document, e) for e in entries]


def _contact_hours(document: dict) -> list[dict]:
    environment = document.get("environment") or {}
    stations = environment.get("stations", {})
    found = []
    for key, name in stations.items():
        spans = environment.get("intervals", {}).get(f"contact:{key}", [])
        seconds = sum(parse_iso(b) - parse_iso(a) for a, b in spans)
        found.append({"name": name, "hours": round(seconds / 3600, 1), "passes": len(spans)})
    return found


def orbit_summary(document: dict) -> dict:
    """Return the orbit over the stay: nights (orbital sunsets), sunlit share, contacts."""
    environment = document.get("environment") or {}
    low, high = (parse_iso(t) for t in environment.get("span", [format_iso(0)] * 2))
    sunlit = sum(parse_iso(b) - parse_iso(a)
                 for a, b in environment.get("intervals", {}).get("sunlit", []))
    return {"span": environment.get("span"), "nights": len(environment.get("orbital_sunsets",
                                                                           [])),
            "sunlit_share": round(100 * sunlit / (high - low)) if high > low else None,
            "contacts": _contact_hours(document), "beta_deg": environment.get("beta_deg")}


def month_grid(document: dict) -> list[dict]:
    """Return the months the shoot and the mission span, each as weeks of seven cells
    (None outside the month) carrying that date's shooting day and mission events."""
    mission = document["production"]["mission"]
    marks: dict[str, list[str]] = {}
    for key, words in (("launch", "launch"), ("docking", "docking"),
                       ("undocking", "undocking")):
        if mission.get(key):
            marks.setdefault(str(mission[key])[:10], []).append(words)
    by_date = {d["date"]: d for d in document.get("days", [])}
    dates = sorted(set(by_date) | set(marks))
    if not dates:
        return []
    months, first = [], date.fromisoformat(dates[0]).replace(day=1)
    last = date.fromisoformat(dates[-1])
    while first <= last:
        weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
        months.append({"title": f"{first:%B %Y}", "weeks": [[
            None if d.month != first.month else
            {"date": d.isoformat(), "day": d.day, "shooting": by_date.get(d.isoformat()),
             "marks": marks.get(d.isoformat(), [])} for d in week] for week in weeks]})
        first = (first + timedelta(days=32)).replace(day=1)
    return months


def day_of(document: dict, number: int) -> dict | None:
    return next((d for d in document.get("days", []) if d["number"] == number), None)


def light_on(document: dict, day: dict) -> list[dict]:
    """Return the day's orbital sunrises and sunsets in order (GMT)."""
    environment = document.get("environment") or {}
    found = [{"at": t, "what": "orbital sunrise"} for t in environment.get("orbital_sunrises",
                                                                           [])]
    found += [{"at": t, "what": "orbital sunset"} for t in environment.get("orbital_sunsets",
                                                                          [])]
    return sorted((f for f in found if f["at"][:10] == day["date"]), key=lambda f: f["at"])


def log_day(document: dict, now_s: float) -> dict | None:
    """Return the shooting day the phone log opens on: the day of ``now`` when there is
    one, else the next, else the last."""
    days = document.get("days", [])
    today = format_iso(now_s)[:10]
    return next((d for d in days if d["date"] >= today), days[-1] if days else None)

