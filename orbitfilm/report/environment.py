"""Render an orbital environment: JSON, CSV, and a day-by-day table for people."""

from __future__ import annotations

import csv
import io
from collections import defaultdict

from rich.console import Group
from rich.table import Table
from rich.text import Text

from ..orbit.environment import Environment
from ..times import DAY_S, format_iso, to_datetime
from . import json_text
from .formatting import plural


def to_json_text(environment: Environment, ground_track: dict | None = None) -> str:
    document = environment.to_json()
    if ground_track is not None:
        document["ground_track"] = [
            [format_iso(t), round(float(lat), 4), round(float(lon), 4), round(float(alt), 3)]
            for t, lat, lon, alt in zip(ground_track["time_s"], ground_track["lat_deg"],
                                        ground_track["lon_deg"], ground_track["alt_km"])]
    return json_text(document)


def to_csv_text(environment: Environment) -> str:
    """Return one row per interval: condition, start, end, duration in seconds."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["condition", "start", "end", "duration_s"])
    for name, intervals in environment.intervals.items():
        for start_s, end_s in intervals:
            writer.writerow([name, format_iso(start_s), format_iso(end_s),
                             f"{end_s - start_s:.3f}"])
    return buffer.getvalue()


def _clock(seconds: float) -> str:
    return to_datetime(round(seconds)).strftime("%H:%M:%S")


def _minutes(seconds: float) -> str:
    return f"{seconds / 60:.1f} min"


def _events(environment: Environment) -> list[tuple[float, str, str, str]]:
    """Return (time, kind, what, detail) rows for the table, unsorted."""
    umbra = environment.intervals["umbra"]
    rows = [(t, "sun", "orbital sunset", "umbra begins") for t in umbra.true_starts_s()]
    rows += [(t, "sun", "orbital sunrise", "umbra ends") for t in umbra.true_ends_s()]
    lit = environment.intervals["earth_lit"]
    rows += [(t, "earth", "Earth below lit", "sub-point sunrise") for t in lit.true_starts_s()]
    rows += [(t, "earth", "Earth below dark", "sub-point sunset") for t in lit.true_ends_s()]
    for name, intervals in environment.intervals.items():
        kind, _, ident = name.partition(":")
        if kind not in ("contact", "over"):
            continue
        label = (environment.stations[ident].name if kind == "contact"
                 else environment.regions[ident].name)
        what = f"contact {ident}" if kind == "contact" else f"over {label}"
        for start_s, end_s in intervals:
            detail = f"until {_clock(end_s)} ({_minutes(end_s - start_s)})"
            rows.append((start_s, kind, what, detail))
    return rows


_STYLES = {"sun": "bold yellow", "earth": "cyan", "contact": "green", "over": "magenta"}


def to_table(environment: Environment):
    """Return a rich renderable: a summary, then one table per UTC day."""
    start_s, end_s = environment.span_s
    umbra = environment.intervals["umbra"]
    summary = Text()
    summary.append("Orbital environment ", style="bold")
    summary.append(f"{format_iso(start_s)} .. {format_iso(end_s)}\n")
    station = environment.elements.name
    summary.append(f"{station}: {plural(len(environment.elements_used()), 'element set')}; "
                   f"{plural(len(umbra), 'orbital night')}, {umbra.total_s() / 3600:.1f} h in "
                   f"umbra; "
                   f"beta {environment.beta_deg.min():+.1f} to {environment.beta_deg.max():+.1f}"
                   f" deg\n")
    for name, intervals in environment.intervals.items():
        kind, _, ident = name.partition(":")
        if ident:
            place = (environment.stations[ident].name if kind == "contact"
                     else environment.regions[ident].name)
            summary.append(f"{name} ({place}): {plural(len(intervals), 'window')}, "
                           f"{intervals.total_s() / 60:.0f} min in all\n")
    by_day = defaultdict(list)
    for row in sorted(_events(environment)):
        by_day[int(row[0] // DAY_S)].append(row)
    tables = []
    for day, rows in sorted(by_day.items()):
        table = Table(title=to_datetime(day * DAY_S).strftime("%A %d %B %Y (GMT)"),
                      title_justify="left", title_style="bold", expand=False)
        table.add_column("GMT", style="dim", no_wrap=True)
        table.add_column("event", no_wrap=True)
        table.add_column("detail")
        for time_s, kind, what, detail in rows:
            table.add_row(_clock(time_s), Text(what, style=_STYLES[kind]), detail)
        tables.append(table)
    warnings = [Text(f"warning: {w}", style="yellow") for w in environment.warnings]
    return Group(summary, *tables, *warnings)

