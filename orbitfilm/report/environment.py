"""Render an orbital environment from its JSON document: JSON, CSV, and a day-by-day table.

The document is ``Environment.to_json()``: the one serialised form, so that nothing here
needs the orbit engine.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict

from rich.console import Group
from rich.table import Table
from rich.text import Text

from ..times import DAY_S, format_iso, parse_iso, to_datetime
from . import json_text
from .formatting import plural


def with_ground_track(document: dict, ground_track: dict | None) -> dict:
    """Return the document with ground-track samples ``[time, lat, lon, alt_km]`` added."""
    if ground_track is None:
        return document
    return {**document, "ground_track": [
        [format_iso(t), round(float(lat), 4), round(float(lon), 4), round(float(alt), 3)]
        for t, lat, lon, alt in zip(ground_track["time_s"], ground_track["lat_deg"],
                                    ground_track["lon_deg"], ground_track["alt_km"])]}


def to_json_text(document: dict) -> str:
    return json_text(document)


def to_csv_text(document: dict) -> str:
    """Return one row per interval: condition, start, end, duration in seconds."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["condition", "start", "end", "duration_s"])
    for name, pairs in document["intervals"].items():
        for start, end in pairs:
            writer.writerow([name, start, end, f"{parse_iso(end) - parse_iso(start):.3f}"])
    return buffer.getvalue()


def _clock(seconds: float) -> str:
    return to_datetime(round(seconds)).strftime("%H:%M:%S")


def _minutes(seconds: float) -> str:
    return f"{seconds / 60:.1f} min"


def _pairs_s(document: dict, name: str) -> list[tuple[float, float]]:
    return [(parse_iso(a), parse_iso(b)) for a, b in document["intervals"].get(name, [])]


def _events(document: dict) -> list[tuple[float, str, str, str]]:
    """Return (time, kind, what, detail) rows for the table, unsorted.

    A condition with event words (the orbit's registry gives them: orbital sunset and
    sunrise, the Earth below lit and dark, moonrise and moonset) has a row at each real
    start and end; a contact or a pass has one row with how long it lasts.
    """
    span_s = tuple(parse_iso(t) for t in document["span"])
    rows = []
    for name, (begins, ends) in document.get("events", {}).items():
        for start_s, end_s in _pairs_s(document, name):
            if start_s > span_s[0]:
                rows.append((start_s, name, begins, f"{name} begins"))
            if end_s < span_s[1]:
                rows.append((end_s, name, ends, f"{name} ends"))
    for name in document["intervals"]:
        kind, _, ident = name.partition(":")
        if kind not in ("contact", "over"):
            continue
        what = f"contact {ident}" if kind == "contact" else document["labels"].get(name, name)
        for start_s, end_s in _pairs_s(document, name):
            rows.append((start_s, kind, what,
                         f"until {_clock(end_s)} ({_minutes(end_s - start_s)})"))
    return rows


_STYLES = {"umbra": "bold yellow", "earth_lit": "cyan", "moon_up": "white", "contact": "green",
           "over": "magenta"}


def _summary(document: dict) -> Text:
    start_s, end_s = (parse_iso(t) for t in document["span"])
    umbra = _pairs_s(document, "umbra")
    beta = [b for _, b in document["beta_deg"]] or [0.0]
    elements = document["elements"]
    summary = Text()
    summary.append("Orbital environment ", style="bold")
    summary.append(f"{document['span'][0]} .. {document['span'][1]}\n")
    station = elements[-1]["name"] if elements else "the station"
    summary.append(f"{station}: {plural(len(elements), 'element set')}; "
                   f"{plural(len(umbra), 'orbital night')}, "
                   f"{sum(b - a for a, b in umbra) / 3600:.1f} h in umbra; "
                   f"beta {min(beta):+.1f} to {max(beta):+.1f} deg\n")
    places = {**document["stations"], **document["regions"]}
    for name, pairs in document["intervals"].items():
        kind, _, ident = name.partition(":")
        if ident:
            total_min = sum(parse_iso(b) - parse_iso(a) for a, b in pairs) / 60
            summary.append(f"{name} ({places.get(ident, ident)}): "
                           f"{plural(len(pairs), 'window')}, {total_min:.0f} min in all\n")
    return summary


def to_table(document: dict):
    """Return a rich renderable: a summary, then one table per UTC day."""
    by_day = defaultdict(list)
    for row in sorted(_events(document)):
        by_day[int(row[0] // DAY_S)].append(row)
    tables = []
    for day, rows in sorted(by_day.items()):
        table = Table(title=to_datetime(day * DAY_S).strftime("%A %d %B %Y (GMT)"),
                      title_justify="left", title_style="bold", expand=False)
        table.add_column("GMT", style="dim", no_wrap=True)
        table.add_column("event", no_wrap=True)
        table.add_column("detail")
        for time_s, kind, what, detail in rows:
            table.add_row(_clock(time_s), Text(what, style=_STYLES.get(kind, "")), detail)
        tables.append(table)
    warnings = [Text(f"warning: {w}", style="yellow") for w in document["warnings"]]
    return Group(_summary(document), *tables, *warnings)
