"""The day as a timeline: a row per person and per module over orbital day, night and contacts.

Time runs left to right in GMT hours. Orbital night is a dark band across every row, sunrise
and sunset are pink and orange bands; contact windows have rows of their own at the top.
Each scene is a bar in its strip colour (the set-up before it hatched), on the rows of the
people in it and of its module; crew-day blocks and duties are grey on each person's row.
"""

from __future__ import annotations

import numpy as np

from ..production.availability import daily_intervals
from ..times import DAY_S, HOUR_S, parse_iso
from .figures import (CONTACT_COLOUR, NIGHT_BAND, SUNRISE_BAND, SUNSET_BAND, new_figure,
                      style, svg_markup)
from .formatting import long_date, scene_label, short_date
from .plan_json import intervals_of
from .dood import entry_people
from .stripboard import STRIP_COLOURS, strip_kind

MARGIN_S = 30 * 60.0
BLOCK_GREY = "#c7cbd3"


def _window_s(day: dict) -> tuple[float, float]:
    """Return the stretch of the day the timeline shows: call to wrap, with a margin."""
    return parse_iso(day["call"]) - MARGIN_S, parse_iso(day["wrap"]) + MARGIN_S


def _hours(seconds, midnight_s: float):
    return (np.asarray(seconds, dtype=float) - midnight_s) / HOUR_S


def _bars(intervals, midnight_s: float) -> list[tuple[float, float]]:
    return [((a - midnight_s) / HOUR_S, (b - a) / HOUR_S) for a, b in intervals]


def rows_of(document: dict, day: dict) -> tuple[list[str], list[str], list[str]]:
    """Return the timeline's rows: contact stations, people, modules (top to bottom)."""
    entries = [e for e in document["scenes"] if e["day"] == day["number"]]
    people = list(dict.fromkeys(p for e in entries for p in entry_people(document, e)))
    modules = list(dict.fromkeys(e["location"] for e in entries))
    return list(document["environment"]["stations"]), people, modules


def _light_bands(axes, document: dict, window_s, midnight_s: float, edge_s: float) -> None:
    umbra = intervals_of(document, "umbra").clip(*window_s)
    axes.broken_barh(_bars(umbra, midnight_s), (-1, 1000), color=NIGHT_BAND, alpha=0.22,
                     linewidth=0)
    rises = [parse_iso(t) for t in document["environment"]["orbital_sunrises"]]
    sets = [parse_iso(t) for t in document["environment"]["orbital_sunsets"]]
    axes.broken_barh([((t - midnight_s) / HOUR_S, edge_s / HOUR_S) for t in rises],
                     (-1, 1000), color=SUNRISE_BAND, alpha=0.6, linewidth=0)
    axes.broken_barh([((t - edge_s - midnight_s) / HOUR_S, edge_s / HOUR_S) for t in sets],
                     (-1, 1000), color=SUNSET_BAND, alpha=0.5, linewidth=0)


def _person_blocks(document: dict, person_id: str, window_s, midnight_s: float):
    """Return a person's crew-day blocks and duties in the window, as bars."""
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
        from ..intervals import IntervalSet

        busy = busy.union(IntervalSet.from_pairs(fixed, window_s))
    return _bars(busy, midnight_s)


def _scene_bars(axes, document: dict, entry: dict, y: float, midnight_s: float) -> None:
    start, shoot, end = (parse_iso(entry[k]) for k in ("start", "shoot_start", "end"))
    background, ink = STRIP_COLOURS[strip_kind(entry["int_ext"], entry["time_of_day"])]
    if shoot > start:
        axes.broken_barh([((start - midnight_s) / HOUR_S, (shoot - start) / HOUR_S)],
                         (y - 0.32, 0.64), facecolor="white", edgecolor="#555555",
                         hatch="////", linewidth=0.5)
    axes.broken_barh([((shoot - midnight_s) / HOUR_S, (end - shoot) / HOUR_S)],
                     (y - 0.38, 0.76), facecolor=background, edgecolor="#111111", linewidth=0.8)
    axes.text(((shoot + end) / 2 - midnight_s) / HOUR_S, y, scene_label(entry), ha="center",
              va="center", fontsize=6.5, color=ink)


def _draw_rows(axes, document: dict, day: dict, labels: list[str], window_s,
               midnight_s: float) -> None:
    stations, people, modules = rows_of(document, day)
    names = {p["id"]: p["name"] for p in document["production"]["people"]}
    entries = [e for e in document["scenes"] if e["day"] == day["number"]]
    for row, station in enumerate(stations):
        windows = intervals_of(document, f"contact:{station}").clip(*window_s)
        axes.broken_barh(_bars(windows, midnight_s), (row - 0.3, 0.6), color=CONTACT_COLOUR)
        labels.append(f"contact {station}")
    for offset, person_id in enumerate(people, start=len(stations)):
        axes.broken_barh(_person_blocks(document, person_id, window_s, midnight_s),
                         (offset - 0.25, 0.5), color=BLOCK_GREY, linewidth=0)
        for entry in (e for e in entries if person_id in entry_people(document, e)):
            _scene_bars(axes, document, entry, offset, midnight_s)
        labels.append(names.get(person_id, person_id))
    for offset, module in enumerate(modules, start=len(stations) + len(people)):
        for entry in (e for e in entries if e["location"] == module):
            _scene_bars(axes, document, entry, offset, midnight_s)
        labels.append(f"module {module}")


def day_timeline_svg(document: dict, day: dict) -> str:
    """Return the timeline of one orbital shooting day as inline SVG."""
    window_s = _window_s(day)
    midnight_s = parse_iso(day["date"])
    stations, people, modules = rows_of(document, day)
    count = len(stations) + len(people) + len(modules)
    edge_s = document["production"]["sunrise_sunset_min"] * 60.0
    with style():
        figure, axes = new_figure(10.0, 0.9 + 0.27 * count)
        _light_bands(axes, document, window_s, midnight_s, edge_s)
        labels: list[str] = []
        _draw_rows(axes, document, day, labels, window_s, midnight_s)
        axes.set_yticks(range(count), labels, fontsize=7.5)
        axes.set_ylim(count - 0.5, -0.5)
        low, high = _hours(window_s, midnight_s)
        axes.set_xlim(low, high)
        ticks = np.arange(np.ceil(low), np.floor(high) + 1)
        axes.set_xticks(ticks, [f"{int(t) % 24:02d}:00" for t in ticks], fontsize=7)
        axes.grid(axis="x", color="#ffffff", linewidth=0.6)
        axes.set_axisbelow(True)
        title = f"Day {day['number']}, {long_date(day['date'])}: who and where (GMT)"
        axes.set_title(title, fontsize=9.5, loc="left")
        figure.subplots_adjust(left=0.16, right=0.99, top=1 - 0.3 / (0.9 + 0.27 * count),
                               bottom=0.45 / (0.9 + 0.27 * count))
        return svg_markup(figure, f"timeline{day['number']}", title)


def beta_svg(document: dict) -> str:
    """Return the solar beta angle over the mission, shooting days shaded, as inline SVG."""
    pairs = document["environment"]["beta_deg"]
    times_s = np.array([parse_iso(t) for t, _ in pairs])
    beta = np.array([b for _, b in pairs], dtype=float)
    start_s = times_s[0]
    with style():
        figure, axes = new_figure(10.0, 2.6)
        for day in document["days"]:
            midnight_s = parse_iso(day["date"])
            if start_s - DAY_S <= midnight_s <= times_s[-1]:
                axes.axvspan((midnight_s - start_s) / DAY_S, (midnight_s + DAY_S - start_s) / DAY_S,
                             color="#e3e7ef", linewidth=0)
        axes.plot((times_s - start_s) / DAY_S, beta, color="#2b4c7e", linewidth=1.4)
        axes.axhline(0, color="#888888", linewidth=0.6)
        days = np.arange(0, np.ceil((times_s[-1] - start_s) / DAY_S) + 1)
        axes.set_xticks(days, [short_date(_date_text(start_s + d * DAY_S)) for d in days],
                        fontsize=6.5, rotation=0)
        axes.set_xlim(0, (times_s[-1] - start_s) / DAY_S)
        axes.set_ylabel("beta (deg)")
        # Past arcsin(6378 / (6378 + 420)) = 69.8 deg the Earth's shadow misses a 420 km orbit.
        title = ("Solar beta angle over the mission (shooting days shaded); beyond about "
                 "\u00b170 deg the ISS would see no orbital night")
        axes.set_title(title, fontsize=9.5, loc="left")
        figure.subplots_adjust(left=0.07, right=0.99, top=0.86, bottom=0.14)
        return svg_markup(figure, "beta", title)


def _date_text(seconds: float) -> str:
    from ..times import to_datetime

    return to_datetime(seconds).date().isoformat()

