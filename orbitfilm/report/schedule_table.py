"""The orbital schedule for people: tables of the scenes by start, those left out, the
wishes given up, and a one-line summary."""

from __future__ import annotations

from rich import box
from rich.table import Table

from ..times import format_minute
from .formatting import plural


def summary_line(result) -> str:
    """Return one line: status, objective, bound and gap, time, scenes shot and left out."""
    shot, left = len(result.scene_ids()), len(result.unscheduled)
    line = f"{result.status.value}: objective {_number(result.objective)}"
    line += f", bound {_number(result.bound)}"
    if result.gap is not None:
        line += f", gap {100 * result.gap:.2f}%"
    line += f"; {result.runtime_s:.1f} s; {plural(shot, 'scene')} scheduled, {left} left out"
    if result.stopped_early:
        line += " (the search was cut short: the best schedule so far)"
    return line


def ground_line(ground) -> str:
    """Return one line on the ground unit's days, journeys and cost."""
    journeys = f", {plural(len(ground.travel), 'travel day')}" if ground.travel else ""
    return (f"ground unit: {plural(len(ground.order), 'scene')} over "
            f"{plural(ground.shooting_days, 'day')}{journeys}, cost "
            f"{_number(ground.total_cost)}{' (optimal)' if ground.optimal else ''}")


def _number(value) -> str:
    return "none" if value is None else f"{value:,.0f}"


def schedule_tables(result) -> list[Table]:
    """Return the schedule as tables for people: the scenes by start, then those left out."""
    table = Table(title="Orbital shooting schedule (GMT)", title_justify="left",
                  box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for heading in ("Scene", "Set-up", "Shoot", "End", "Location", "Cast", "Conditions"):
        table.add_column(heading, no_wrap=heading not in ("Cast", "Conditions"))
    for scene in result.scenes:
        table.add_row(scene.id, format_minute(scene.start_s), format_minute(
            scene.shoot_start_s)[11:], format_minute(scene.end_s)[11:], scene.location,
            ", ".join(scene.cast), _conditions(scene.conditions))
    tables = [table]
    if result.unscheduled:
        left = Table(title="Left out", title_justify="left", box=box.SIMPLE_HEAD,
                     show_edge=False, pad_edge=False)
        left.add_column("Scene", no_wrap=True)
        left.add_column("Why")
        for item in result.unscheduled:
            left.add_row(item.id, item.reason)
        tables.append(left)
    if result.penalties:
        wishes = Table(title="Wishes given up", title_justify="left", box=box.SIMPLE_HEAD,
                       show_edge=False, pad_edge=False)
        for heading in ("Wish", "Scenes", "Cost"):
            wishes.add_column(heading)
        for penalty in result.penalties:
            wishes.add_row(penalty.name, ", ".join(penalty.scenes), str(penalty.cost))
        tables.append(wishes)
    return tables


def ground_table(ground) -> Table:
    """Return the ground unit's days: each scene's dates, and the journeys between places."""
    table = Table(title="Ground unit", title_justify="left", box=box.SIMPLE_HEAD,
                  show_edge=False, pad_edge=False)
    for heading in ("Scene", "Dates", "Note"):
        table.add_column(heading)
    rows = [(dates[0], scene, ", ".join(dates), "") for scene, dates in ground.dates.items()]
    rows += [(t.dates[0], "", ", ".join(t.dates), f"travel {t.from_place} -> {t.to_place}")
             for t in ground.travel if t.dates]
    for _, scene, dates, note in sorted(rows):
        table.add_row(scene, dates, note)
    return table


def _conditions(written: dict) -> str:
    parts = []
    for name, value in written.items():
        parts.append(f"{name} {', '.join(value)}" if isinstance(value, list) else f"{name} {value}")
    return "; ".join(parts)
