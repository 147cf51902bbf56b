"""The station over the mission: a port Gantt (one bar per vehicle) and the count aboard.

Drawn from the plan's ``station`` section alone (``plan.station``): one row per port with a
bar for each vehicle there, the production's own visit in gold; under it the people aboard
as a step line, against the station's limit (dashed) and its permanent sleeping places
(dotted). A call sheet passes its day, which is shaded.
"""

from __future__ import annotations

import numpy as np

from ..times import DAY_S, parse_iso, to_datetime
from .figures import (AXIS_COLOUR, INK, LABEL_PX, TICK_PX, Frame, line, path, rect,
                      svg_markup, text, text_width_px, title_text)
from .page import esc

WIDTH_PX = 960.0
ROW_PX = 17.0
ABOARD_PX = 90.0
GAP_PX = 26.0
PORT_LABEL_CHARS = 28
OWN_COLOUR = "#e0a100"
DAY_BAND = "#ffe7a0"
LIMIT_COLOUR = "#c62828"
STEP_COLOUR = "#1f2a5a"
# Crewed vehicles in strong colours, cargo in pale ones, modules grey.
VEHICLE_COLOURS = {"soyuz-ms": "#c0392b", "crew-dragon": "#1565c0", "starliner": "#00838f",
                   "progress-ms": "#e6a19a", "cargo-dragon": "#90caf9", "cygnus": "#a5d6a7",
                   "module": "#cfd4dc"}


def has_station(document: dict) -> bool:
    """Return whether the plan carries the station's traffic over the mission."""
    return bool((document.get("station") or {}).get("traffic"))


def station_svg(document: dict, day: dict | None = None) -> str:
    """Return the port Gantt and the count aboard as inline SVG (a day of it shaded)."""
    traffic = document["station"]["traffic"]
    low_s, high_s = (parse_iso(moment) for moment in traffic["span"])
    ports = traffic["ports"]
    label_px = max(text_width_px(p["name"], LABEL_PX) for p in ports) + 12.0
    gantt = Frame(label_px, 40.0, WIDTH_PX - label_px - 40.0, ROW_PX * len(ports),
                  (low_s, high_s), (0.0, 1.0))
    counts = [step["count"] for step in traffic["aboard"]] or [0]
    top = max(traffic["max_aboard"], max(counts)) + 2
    aboard = Frame(gantt.left_px, gantt.bottom_px + GAP_PX, gantt.width_px, ABOARD_PX,
                   (low_s, high_s), (0.0, float(top)))
    parts = _day_band(gantt, aboard, day) + _day_axis(gantt, aboard, low_s, high_s)
    for index, port in enumerate(ports):
        parts += _port_row(gantt, index, port, traffic["visit"])
    parts += _aboard_panel(aboard, traffic)
    title = (f"{traffic['station']}: ports and people aboard over the mission (GMT), from "
             f"{traffic['source']}")
    return svg_markup(WIDTH_PX, aboard.bottom_px + 8.0, title, [title_text(title)] + parts)


def _day_band(gantt: Frame, aboard: Frame, day: dict | None) -> list[str]:
    if day is None:
        return []
    start_s = parse_iso(day["date"] + "T00:00:00Z")
    x0, x1 = float(gantt.x(start_s)), float(gantt.x(start_s + DAY_S))
    return [rect(x0, gantt.top_px, x1 - x0, aboard.bottom_px - gantt.top_px, fill=DAY_BAND)]


def _day_axis(gantt: Frame, aboard: Frame, low_s: float, high_s: float) -> list[str]:
    """Return a rule and a date at each GMT midnight (the date every other day when crowded)."""
    midnights = np.arange(np.ceil(low_s / DAY_S) * DAY_S, high_s + 1.0, DAY_S)
    every = max(1, int(np.ceil(len(midnights) * 44.0 / gantt.width_px)))
    parts = []
    for index, moment_s in enumerate(midnights):
        x = float(gantt.x(moment_s))
        parts.append(line(x, gantt.top_px - 3.0, x, aboard.bottom_px, stroke="#dde1ea",
                          stroke_width=0.6))
        if index % every == 0 and moment_s < high_s:
            parts.append(text(x + 2.0, gantt.top_px - 5.0, f"{to_datetime(moment_s):%d %b}",
                              fill=AXIS_COLOUR, font_size=TICK_PX))
    return parts


def _port_row(frame: Frame, index: int, port: dict, own: str | None) -> list[str]:
    top = frame.top_px + index * ROW_PX
    middle = top + ROW_PX / 2.0
    name = port_label(port["name"])
    parts = [_titled(text(frame.left_px - 6.0, middle + 3.5, name, text_anchor="end", fill=INK,
                          font_size=LABEL_PX), port["name"] if name != port["name"] else None),
             line(frame.left_px, top + ROW_PX, frame.right_px, top + ROW_PX, stroke="#eef0f4",
                  stroke_width=0.6)]
    if not port["stays"]:
        parts.append(text(frame.left_px + 3.0, middle + 3.5, "free", fill="#aab1bf",
                          font_size=TICK_PX, font_style="italic"))
    for stay in port["stays"]:
        parts += _stay_bar(frame, top, stay, stay["visit"] == own, port["name"])
    return parts


def port_label(name: str) -> str:
    """Return a port's name for its row: a long one without its parenthesis (the full name
    is the row's tooltip), e.g. "Zvezda nadir" for "Zvezda nadir (Pirs until 26 July 2021,
    then Nauka)"."""
    return name.split(" (")[0] if len(name) > PORT_LABEL_CHARS else name


def _stay_bar(frame: Frame, top: float, stay: dict, mine: bool, port_name: str) -> list[str]:
    """Return a vehicle's bar, labelled with its visit and, when it was there before the span
    or stays after it, since and until when (its whole stay is the bar's tooltip)."""
    x0, x1 = float(frame.x(parse_iso(stay["from"]))), float(frame.x(parse_iso(stay["to"])))
    fill = OWN_COLOUR if mine else VEHICLE_COLOURS.get(stay["vehicle"], "#9aa3b5")
    tooltip = (f"{stay['visit']} ({stay['vehicle']}) at {port_name}: {_moment(stay['since'])} "
               f"to {_moment(stay['until']) if stay['until'] else 'past the record'} GMT")
    parts = [_titled(rect(x0, top + 2.5, max(1.5, x1 - x0), ROW_PX - 5.0, fill=fill,
                          stroke=INK if mine else None, stroke_width=0.8 if mine else None,
                          class_="stay", data_visit=stay["visit"]), tooltip)]
    light = stay["vehicle"] in ("soyuz-ms", "crew-dragon", "starliner") and not mine
    for label in _stay_labels(stay):
        if text_width_px(label, TICK_PX) + 6.0 < x1 - x0:
            parts.append(text(x0 + 3.0, top + ROW_PX / 2.0 + 3.5, label,
                              fill="#ffffff" if light else INK, font_size=TICK_PX))
            break
    return parts


def _stay_labels(stay: dict) -> list[str]:
    """Return the labels a bar may carry, the fullest first."""
    since = f"since {_day(stay['since'])}" if stay["before"] else ""
    until = (f"until {_day(stay['until'])}" if stay["until"] else "stays on") \
        if stay["after"] else ""
    both = ", ".join(word for word in (since, until) if word)
    return [f"{stay['visit']} ({both})", stay["visit"]] if both else [stay["visit"]]


def _day(moment: str) -> str:
    return f"{to_datetime(parse_iso(moment)):%-d %b}"


def _moment(moment: str) -> str:
    return f"{to_datetime(parse_iso(moment)):%-d %b %Y %H:%M}"


def _titled(element: str, tooltip: str | None) -> str:
    """Return an element with a tooltip (an SVG ``title``) when there is one."""
    return f"<g><title>{esc(tooltip)}</title>{element}</g>" if tooltip else element


def _aboard_panel(frame: Frame, traffic: dict) -> list[str]:
    """Return the count aboard as a step line, with the limit and the sleeping places."""
    parts = [text(frame.left_px - 6.0, frame.top_px + 10.0, "people aboard", text_anchor="end",
                  fill=INK, font_size=LABEL_PX),
             line(frame.left_px, frame.bottom_px, frame.right_px, frame.bottom_px,
                  stroke=AXIS_COLOUR, stroke_width=0.8)]
    parts.append(text(frame.left_px - 4.0, frame.bottom_px + 3.5, "0", text_anchor="end",
                      fill=AXIS_COLOUR, font_size=TICK_PX))
    for value, dash, words in ((traffic["max_aboard"], "5 3", "limit"),
                               (traffic["sleeping_places"], "1.5 2.5", "beds")):
        y = float(frame.y(value))
        parts += [line(frame.left_px, y, frame.right_px, y, stroke=LIMIT_COLOUR,
                       stroke_width=0.9, stroke_dasharray=dash),
                  text(frame.right_px + 3.0, y + 3.5, f"{words} {value}", fill=LIMIT_COLOUR,
                       font_size=TICK_PX)]
    steps = traffic["aboard"]
    if not steps:
        return parts
    xs, ys = [], []
    for step in steps:
        y = float(frame.y(step["count"]))
        xs += [float(frame.x(parse_iso(step["from"]))), float(frame.x(parse_iso(step["to"])))]
        ys += [y, y]
    data = "M" + " ".join(f"{x:.1f} {y:.1f}" for x, y in zip(xs, ys))
    parts.append(path(data, fill="none", stroke=STEP_COLOUR, stroke_width=1.8,
                      class_="aboard-line"))
    for step in steps:
        x0, x1 = float(frame.x(parse_iso(step["from"]))), float(frame.x(parse_iso(step["to"])))
        if x1 - x0 > 14.0:
            parts.append(text((x0 + x1) / 2.0, float(frame.y(step["count"])) - 4.0,
                              str(step["count"]), text_anchor="middle", fill=STEP_COLOUR,
                              font_size=TICK_PX, class_="aboard-count"))
    return parts


CAPTION = ("Each port's vehicles (crewed ones strong, cargo pale, modules grey; this "
           "production's flight in gold) and the people aboard against the station's limit "
           "(dashed) and its permanent sleeping places (dotted).")


def station_fragment(document: dict, day: dict | None = None) -> str:
    """Return the figure with its caption, or the note that says why there is none."""
    station = document.get("station") or {}
    note = station.get("note")
    note_html = f"<p class=\"note\">{esc(note)}</p>\n" if note else ""
    if not has_station(document):
        return note_html
    return (f"<figure class=\"station\">{station_svg(document, day)}<figcaption>{CAPTION}"
            f"</figcaption></figure>\n" + note_html)


def aboard_on(document: dict, day: dict) -> tuple[int, int] | None:
    """Return the fewest and most people aboard on a GMT day, from the plan's steps."""
    if not has_station(document):
        return None
    start_s = parse_iso(day["date"] + "T00:00:00Z")
    counts = [s["count"] for s in document["station"]["traffic"]["aboard"]
              if parse_iso(s["from"]) < start_s + DAY_S and parse_iso(s["to"]) > start_s]
    return (min(counts), max(counts)) if counts else None
