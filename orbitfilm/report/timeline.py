"""The day as a timeline: a row per person and per module over orbital day, night and contacts.

Time runs left to right in GMT hours. Orbital night is a dark band across every row, sunrise
and sunset are pink and orange bands; contact windows have rows of their own at the top.
Each scene is a bar in its strip colour (the set-up before it hatched), on the rows of the
people in it and of its module; crew-day blocks and duties are grey on each person's row.
The beta angle over the mission is a line chart of its own.
"""

from __future__ import annotations

import numpy as np

from ..intervals import IntervalSet, daily_intervals
from ..times import DAY_S, HOUR_S, parse_iso, to_datetime
from .dood import entry_people
from .figures import (AXIS_COLOUR, CONTACT_COLOUR, INK, LABEL_PX, NIGHT_BAND, SUNRISE_BAND,
                      SUNSET_BAND, TICK_PX, Frame, line, path, path_data, rect, svg_markup,
                      text, text_width_px, title_text)
from .formatting import long_date, scene_label, short_date
from .plan_json import intervals_of
from .stripboard import STRIP_COLOURS, strip_kind

MARGIN_S = 30 * 60.0
BLOCK_GREY = "#c7cbd3"
WIDTH_PX = 1000.0
ROW_PX = 22.0
TOP_PX = 26.0
SCENE_TEXT_PX = 9.5
BETA_COLOUR = "#2b4c7e"
SHADED_DAY = "#e3e7ef"


def _window_s(day: dict) -> tuple[float, float]:
    """Return the stretch of the day the timeline shows: call to wrap, with a margin."""
    return parse_iso(day["call"]) - MARGIN_S, parse_iso(day["wrap"]) + MARGIN_S


def rows_of(document: dict, day: dict) -> tuple[list[str], list[str], list[str]]:
    """Return the timeline's rows: contact stations, people, modules (top to bottom)."""
    entries = [e for e in document["scenes"] if e["day"] == day["number"]]
    people = list(dict.fromkeys(p for e in entries for p in entry_people(document, e)))
    modules = list(dict.fromkeys(e["location"] for e in entries if e["kind"] == "orbital"))
    return list(document["environment"]["stations"]), people, modules


def _span(frame: Frame, start_s: float, end_s: float, top_px: float, height_px: float,
          **style) -> str:
    """Return a bar from one instant to another, cut to the frame; nothing if outside it."""
    low_px = max(float(frame.x(start_s)), frame.left_px)
    high_px = min(float(frame.x(end_s)), frame.right_px)
    if high_px <= low_px:
        return ""
    return rect(low_px, top_px, high_px - low_px, height_px, **style)


def _row_top(frame: Frame, row: int, fraction: float) -> float:
    """Return the top of a bar ``fraction`` of a row high, centred on the row."""
    return frame.top_px + (row + 0.5 - fraction / 2.0) * ROW_PX


def _light_bands(frame: Frame, document: dict, edge_s: float) -> list[str]:
    """Return orbital night, sunrise and sunset as bands across every row."""
    window = frame.x_limits
    height = frame.height_px
    parts = [_span(frame, a, b, frame.top_px, height, fill=NIGHT_BAND, fill_opacity=0.22)
             for a, b in intervals_of(document, "umbra").clip(*window)]
    for moment in document["environment"]["orbital_sunrises"]:
        start_s = parse_iso(moment)
        parts.append(_span(frame, start_s, start_s + edge_s, frame.top_px, height,
                           fill=SUNRISE_BAND, fill_opacity=0.6))
    for moment in document["environment"]["orbital_sunsets"]:
        end_s = parse_iso(moment)
        parts.append(_span(frame, end_s - edge_s, end_s, frame.top_px, height,
                           fill=SUNSET_BAND, fill_opacity=0.5))
    return parts


def _person_blocks(document: dict, person_id: str, window_s) -> list[tuple[float, float]]:
    """Return a person's crew-day blocks and duties in the window."""
    person = {p["id"]: p for p in document["production"]["people"]}.get(person_id)
    if person is None or not person["aboard"]:
        return []
    crew_day = document["production"]["mission"]["crew_day"]
    dailies = [f"{crew_day['sleep']}-{crew_day['wake']}", *(b["daily"] for b in
                                                            crew_day["blocks"]),
               *person["exercise"], *(d["daily"] for d in person["duties"] if d["daily"])]
    busy = daily_intervals(dailies, window_s)
    fixed = [(parse_iso(d["start"]), parse_iso(d["end"])) for d in person["duties"]
             if d["start"] and d["end"]]
    if fixed:
        busy = busy.union(IntervalSet.from_pairs(fixed, window_s))
    return list(busy)


def _scene_bar(frame: Frame, entry: dict, row: int, hatch_id: str) -> list[str]:
    """Return a scene on one row: set-up hatched, shooting in its strip colour, its number."""
    start, shoot, end = (parse_iso(entry[k]) for k in ("start", "shoot_start", "end"))
    background, ink = STRIP_COLOURS[strip_kind(entry["int_ext"], entry["time_of_day"])]
    parts = []
    if shoot > start:
        top = _row_top(frame, row, 0.64)
        parts.append(_span(frame, start, shoot, top, 0.64 * ROW_PX, fill="#ffffff"))
        parts.append(_span(frame, start, shoot, top, 0.64 * ROW_PX, fill=f"url(#{hatch_id})",
                           stroke="#555555", stroke_width=0.6))
    parts.append(_span(frame, shoot, end, _row_top(frame, row, 0.76), 0.76 * ROW_PX,
                       fill=background, stroke="#111111", stroke_width=0.9))
    parts.append(_bar_words(frame, scene_label(entry), shoot, end, row, ink))
    return parts


def _bar_words(frame: Frame, words: str, start_s: float, end_s: float, row: int,
               ink: str) -> str:
    """Return a bar's words centred on it; on a bar too narrow for them, dark on a halo."""
    middle_px = float(frame.x((start_s + end_s) / 2.0))
    width_px = float(frame.x(end_s) - frame.x(start_s))
    baseline_px = frame.top_px + (row + 0.5) * ROW_PX + SCENE_TEXT_PX * 0.36
    if text_width_px(words, SCENE_TEXT_PX) + 4.0 <= width_px:
        return text(middle_px, baseline_px, words, text_anchor="middle",
                    font_size=SCENE_TEXT_PX, fill=ink)
    return text(middle_px, baseline_px, words, text_anchor="middle", font_size=SCENE_TEXT_PX,
                fill="#111111", stroke="#ffffff", stroke_width=2.5, paint_order="stroke")


def _contact_rows(frame: Frame, document: dict, stations: list[str]) -> list[str]:
    parts = []
    for row, station in enumerate(stations):
        for a, b in intervals_of(document, f"contact:{station}").clip(*frame.x_limits):
            parts.append(_span(frame, a, b, _row_top(frame, row, 0.6), 0.6 * ROW_PX,
                               fill=CONTACT_COLOUR))
    return parts


def _people_rows(frame: Frame, document: dict, day: dict, people: list[str], first_row: int,
                 hatch_id: str) -> list[str]:
    entries = [e for e in document["scenes"] if e["day"] == day["number"]]
    parts = []
    for row, person_id in enumerate(people, start=first_row):
        for a, b in _person_blocks(document, person_id, frame.x_limits):
            parts.append(_span(frame, a, b, _row_top(frame, row, 0.5), 0.5 * ROW_PX,
                               fill=BLOCK_GREY))
        for entry in (e for e in entries if person_id in entry_people(document, e)
                      and e["kind"] == "orbital"):
            parts += _scene_bar(frame, entry, row, hatch_id)
    return parts


def _module_rows(frame: Frame, document: dict, day: dict, modules: list[str], first_row: int,
                 hatch_id: str) -> list[str]:
    entries = [e for e in document["scenes"] if e["day"] == day["number"]]
    parts = []
    for row, module in enumerate(modules, start=first_row):
        for entry in (e for e in entries if e["location"] == module):
            parts += _scene_bar(frame, entry, row, hatch_id)
    return parts


def _row_labels(frame: Frame, labels: list[str], group_starts: list[int]) -> list[str]:
    """Return each row's name at its left, faint rules between rows, a darker one per group."""
    parts = []
    for row, label in enumerate(labels):
        y = frame.top_px + (row + 0.5) * ROW_PX
        parts.append(text(frame.left_px - 6.0, y + LABEL_PX * 0.36, label, text_anchor="end",
                          font_size=LABEL_PX, fill=INK))
        if row:
            rule = "#aeb4bf" if row in group_starts else "#e6e8ec"
            parts.append(line(frame.left_px, frame.top_px + row * ROW_PX, frame.right_px,
                              frame.top_px + row * ROW_PX, stroke=rule, stroke_width=0.6))
    return parts


def _hour_axis(frame: Frame, midnight_s: float) -> list[str]:
    """Return a white line and a GMT clock label at each whole hour."""
    low_h, high_h = ((np.asarray(frame.x_limits) - midnight_s) / HOUR_S)
    parts = []
    for hour in np.arange(np.ceil(low_h), np.floor(high_h) + 1):
        x = float(frame.x(midnight_s + hour * HOUR_S))
        parts.append(line(x, frame.top_px, x, frame.bottom_px, stroke="#ffffff",
                          stroke_width=0.8))
        parts.append(line(x, frame.bottom_px, x, frame.bottom_px + 3.0, stroke=AXIS_COLOUR,
                          stroke_width=0.8))
        parts.append(text(x, frame.bottom_px + 14.0, f"{int(hour) % 24:02d}:00",
                          text_anchor="middle", fill=AXIS_COLOUR))
    return parts


def _hatch(ident: str) -> str:
    return (f'<pattern id="{ident}" patternUnits="userSpaceOnUse" width="5" height="5" '
            f'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="5" '
            f'stroke="#555555" stroke-width="1"/></pattern>')


def day_timeline_svg(document: dict, day: dict) -> str:
    """Return the timeline of one orbital shooting day as inline SVG."""
    prefix = f"timeline{day['number']}"
    stations, people, modules = rows_of(document, day)
    labels = ([f"contact {s}" for s in stations]
              + [{p["id"]: p["name"] for p in document["production"]["people"]}.get(p, p)
                 for p in people] + [f"module {m}" for m in modules])
    left_px = max([90.0] + [text_width_px(label, LABEL_PX) + 14.0 for label in labels])
    frame = Frame(left_px, TOP_PX, WIDTH_PX - left_px - 10.0, ROW_PX * len(labels),
                  _window_s(day), (0.0, 1.0))
    hatch_id = f"{prefix}-hatch"
    edge_s = document["production"]["sunrise_sunset_min"] * 60.0
    parts = [rect(frame.left_px, frame.top_px, frame.width_px, frame.height_px,
                  fill="#ffffff")]
    parts += _light_bands(frame, document, edge_s)
    parts += _hour_axis(frame, parse_iso(day["date"]))
    parts += _row_labels(frame, labels, [len(stations), len(stations) + len(people)])
    parts += _contact_rows(frame, document, stations)
    parts += _people_rows(frame, document, day, people, len(stations), hatch_id)
    parts += _module_rows(frame, document, day, modules, len(stations) + len(people), hatch_id)
    parts.append(rect(frame.left_px, frame.top_px, frame.width_px, frame.height_px,
                      fill="none", stroke=AXIS_COLOUR, stroke_width=0.8))
    title = f"Day {day['number']}, {long_date(day['date'])}: who and where (GMT)"
    return svg_markup(WIDTH_PX, frame.bottom_px + 22.0, title,
                      [title_text(title, frame.left_px)] + parts, [_hatch(hatch_id)])


def _beta_frame(times_s: np.ndarray, beta_deg: np.ndarray) -> Frame:
    """Return the beta chart's plot area: the mission's span, whole tens of degrees, and 0."""
    low = min(0.0, np.floor(beta_deg.min() / 10.0) * 10.0)
    high = max(0.0, np.ceil(beta_deg.max() / 10.0) * 10.0)
    return Frame(56.0, 28.0, WIDTH_PX - 66.0, 180.0, (float(times_s[0]), float(times_s[-1])),
                 (low, high))


def _beta_axes(frame: Frame) -> list[str]:
    """Return the degree ticks and rules, and each day's date under its stretch of the chart."""
    low, high = frame.y_limits
    step = 10.0 if high - low <= 100.0 else 20.0
    parts = []
    for value in np.arange(low, high + 1e-9, step):
        y = float(frame.y(value))
        parts.append(line(frame.left_px, y, frame.right_px, y, stroke="#cfd4dc",
                          stroke_width=0.6))
        parts.append(text(frame.left_px - 6.0, y + TICK_PX * 0.35,
                          f"{value:.0f}".replace("-", "\u2212"), text_anchor="end",
                          fill=AXIS_COLOUR))
    return parts + _date_axis(frame)


def _date_axis(frame: Frame) -> list[str]:
    """Return a white rule at each GMT midnight and the date under each day wide enough."""
    start_s, end_s = frame.x_limits
    day_px = frame.width_px * DAY_S / (end_s - start_s)
    # Thin the dates to one every few days where a day is narrower than its date.
    every = max(1, int(np.ceil(64.0 / day_px)))
    parts = []
    for index, midnight_s in enumerate(np.arange(np.floor(start_s / DAY_S) * DAY_S, end_s,
                                                 DAY_S)):
        left_s, right_s = max(midnight_s, start_s), min(midnight_s + DAY_S, end_s)
        if midnight_s >= start_s:
            x = float(frame.x(midnight_s))
            parts.append(line(x, frame.top_px, x, frame.bottom_px, stroke="#ffffff",
                              stroke_width=1.0))
            parts.append(line(x, frame.bottom_px, x, frame.bottom_px + 3.0,
                              stroke=AXIS_COLOUR, stroke_width=0.8))
        if index % every == 0 and float(frame.x(right_s) - frame.x(left_s)) >= 56.0:
            words = short_date(to_datetime(midnight_s).date())
            parts.append(text(float(frame.x((left_s + right_s) / 2.0)), frame.bottom_px + 14.0,
                              words, text_anchor="middle", fill=AXIS_COLOUR))
    return parts


def beta_svg(document: dict) -> str:
    """Return the solar beta angle over the mission, shooting days shaded, as inline SVG."""
    pairs = document["environment"]["beta_deg"]
    times_s = np.array([parse_iso(t) for t, _ in pairs])
    beta_deg = np.array([b for _, b in pairs], dtype=float)
    frame = _beta_frame(times_s, beta_deg)
    parts = [rect(frame.left_px, frame.top_px, frame.width_px, frame.height_px, fill="#ffffff")]
    for day in document["days"]:
        midnight_s = parse_iso(day["date"])
        parts.append(_span(frame, midnight_s, midnight_s + DAY_S, frame.top_px,
                           frame.height_px, fill=SHADED_DAY))
    parts += _beta_axes(frame)
    zero_px = float(frame.y(0.0))
    parts.append(line(frame.left_px, zero_px, frame.right_px, zero_px, stroke="#888888",
                      stroke_width=0.7))
    parts.append(path(path_data(frame.x(times_s), frame.y(beta_deg)), fill="none",
                      stroke=BETA_COLOUR, stroke_width=1.8, stroke_linejoin="round"))
    parts.append(rect(frame.left_px, frame.top_px, frame.width_px, frame.height_px,
                      fill="none", stroke=AXIS_COLOUR, stroke_width=0.8))
    middle_px = frame.top_px + frame.height_px / 2.0
    parts.append(text(14.0, middle_px, "beta (deg)", text_anchor="middle",
                      transform=f"rotate(-90 14 {middle_px:.1f})", fill=INK))
    # Past arcsin(6378 / (6378 + 420)) = 69.8 deg the Earth's shadow misses a 420 km orbit.
    title = ("Solar beta angle over the mission (shooting days shaded); beyond about "
             "\u00b170 deg the ISS would see no orbital night")
    return svg_markup(WIDTH_PX, frame.bottom_px + 22.0, title,
                      [title_text(title, frame.left_px)] + parts)
