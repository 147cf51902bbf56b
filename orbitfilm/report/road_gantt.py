"""The road to orbit on one time line: training, the launch site, the launch, the shoot aboard.

One row per training activity (a faint bar from its first session to its last, a tick for
each session), the milestones, the days at the launch site, then the launch, the docking,
the shooting days aboard and the landing. Dates only: an hour is a hair at this scale.
"""

from __future__ import annotations

from datetime import date, timedelta

from ..times import parse_iso, to_datetime
from .figures import (AXIS_COLOUR, INK, LABEL_PX, TICK_PX, Frame, line, path, rect,
                      svg_markup, text, text_width_px, title_text)

WIDTH_PX = 960.0
ROW_PX = 15.0
TRAINING_COLOUR = "#5c6bc0"
FITTING_COLOUR = "#8e24aa"
MILESTONE_COLOUR = "#c62828"
SITE_COLOUR = "#ef6c00"
FLIGHT_COLOUR = "#2e7d32"
FAINT = "#e8eaf6"


def road_gantt_svg(document: dict) -> str:
    """Return the Gantt chart of a plan with a training programme, as inline SVG."""
    road = document["training"]
    rows = _rows(document, road)
    first = date.fromisoformat(road["start"])
    last = max(day for row in rows for day in row["days"]) + timedelta(days=2)
    label_px = min(300.0, max(text_width_px(r["label"], LABEL_PX) for r in rows) + 12.0)
    frame = Frame(label_px, 26.0, WIDTH_PX - label_px - 8.0, ROW_PX * len(rows),
                  (0.0, float((last - first).days)), (0.0, 1.0))
    parts = _month_axis(frame, first, last)
    for index, row in enumerate(rows):
        parts += _row(frame, first, index, row)
    title = (f"The road to orbit: training from {first:%d %b %Y}, cleared "
             f"{road['cleared'][:10]}, launch and the shoot aboard")
    return svg_markup(WIDTH_PX, frame.bottom_px + 22.0, title,
                      [title_text(title, 4.0)] + parts)


def _rows(document: dict, road: dict) -> list[dict]:
    """Return the rows: activities in the order they begin, milestones, site, flight."""
    rows: dict[str, dict] = {}
    for session in road["sessions"]:
        row = rows.setdefault(session["activity"], {
            "label": session["name"], "days": [], "colour":
                FITTING_COLOUR if session["kind"] == "fitting" else TRAINING_COLOUR,
            "kind": "sessions"})
        row["days"].append(date.fromisoformat(session["start"][:10]))
    found = sorted(rows.values(), key=lambda r: min(r["days"]))
    for milestone in sorted(road["milestones"].values(), key=lambda m: m["at"]):
        found.append({"label": milestone["name"], "days": [date.fromisoformat(
            milestone["at"][:10])], "colour": MILESTONE_COLOUR, "kind": "mark"})
    found += _flight_rows(document, road)
    return found


def _flight_rows(document: dict, road: dict) -> list[dict]:
    mission = document["production"]["mission"]
    launch_day = _utc_date(road["launch"]["liftoff"]) if road.get("launch") else \
        _utc_date(mission["docking"])
    rows = []
    arrival = launch_day - timedelta(days=road["prelaunch_days"])
    if arrival < launch_day:
        rows.append({"label": "At the launch site", "days": [arrival, launch_day],
                     "colour": SITE_COLOUR, "kind": "span"})
    rows.append({"label": "Launch and docking", "days": [launch_day],
                 "colour": FLIGHT_COLOUR, "kind": "mark"})
    shooting = [date.fromisoformat(d["date"]) for d in document["days"]
                if d["kind"] != "ground"]
    if shooting:
        rows.append({"label": "Shooting aboard", "days": [min(shooting), max(shooting)],
                     "colour": FLIGHT_COLOUR, "kind": "span"})
    rows.append({"label": "Undocking and landing", "days": [_utc_date(mission["undocking"])],
                 "colour": FLIGHT_COLOUR, "kind": "mark"})
    return rows


def _row(frame: Frame, first: date, index: int, row: dict) -> list[str]:
    top = frame.top_px + index * ROW_PX
    middle = top + ROW_PX / 2.0
    parts = [text(frame.left_px - 6.0, middle + 3.5, row["label"], text_anchor="end",
                  fill=INK, font_size=LABEL_PX)]
    xs = [float(frame.x((day - first).days)) for day in row["days"]]
    day_px = float(frame.x(1.0) - frame.x(0.0))
    if row["kind"] == "sessions":
        parts.append(rect(min(xs), top + 3.0, max(xs) - min(xs) + day_px, ROW_PX - 6.0,
                          fill=FAINT))
        parts += [rect(x, top + 2.0, max(1.2, day_px - 0.4), ROW_PX - 4.0, fill=row["colour"])
                  for x in sorted(set(xs))]
    elif row["kind"] == "span":
        parts.append(rect(xs[0], top + 2.0, xs[-1] - xs[0] + day_px, ROW_PX - 4.0,
                          fill=row["colour"], opacity=0.85))
    else:
        x = xs[0] + day_px / 2.0
        diamond = (f"M{x:.1f} {top + 1.5:.1f}L{x + 5.5:.1f} {middle:.1f}L{x:.1f} "
                   f"{top + ROW_PX - 1.5:.1f}L{x - 5.5:.1f} {middle:.1f}Z")
        parts.append(path(diamond, fill=row["colour"]))
        parts.append(text(x + 8.0, middle + 3.5, f"{row['days'][0]:%d %b}", fill=INK,
                          font_size=TICK_PX))
    return parts


def _month_axis(frame: Frame, first: date, last: date) -> list[str]:
    """Return a rule at each week's Monday (faint) and month's first day, with the month."""
    parts = []
    day = first
    while day <= last:
        x = float(frame.x((day - first).days))
        if day.day == 1:
            parts.append(line(x, frame.top_px - 4.0, x, frame.bottom_px, stroke=AXIS_COLOUR,
                              stroke_width=0.8))
            parts.append(text(x + 3.0, frame.top_px - 6.0, f"{day:%B %Y}", fill=AXIS_COLOUR,
                              font_size=TICK_PX))
        elif day.weekday() == 0:
            parts.append(line(x, frame.top_px, x, frame.bottom_px, stroke="#dde1ea",
                              stroke_width=0.6))
        day += timedelta(days=1)
    return parts


def _utc_date(moment: str) -> date:
    return to_datetime(parse_iso(moment)).date()
