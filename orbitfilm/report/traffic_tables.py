"""Station traffic for people: violations, each port's visits, people aboard, open slots.

Every table is drawn from the JSON form of a check or of slots (plain data), in UTC.
"""

from __future__ import annotations

from rich import box
from rich.table import Table

from ..times import format_minute, parse_iso
from .formatting import plural

OPEN_END = "past the record"


def when(moment: str | None) -> str:
    """Return ``2021-10-05 12:22`` for an ISO instant; an open end in words."""
    return OPEN_END if moment is None else format_minute(parse_iso(moment))


def _table(title: str, *headings: str, caption: str | None = None) -> Table:
    table = Table(title=title, title_justify="left", caption=caption, caption_justify="left",
                  box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for heading in headings:
        table.add_column(heading, justify="right" if heading == "Aboard" else "left",
                         no_wrap=heading not in ("What", "Why", "Who"))
    return table


def violation_table(check: dict) -> Table:
    """Return every violation (red) and warning (yellow) in time order, titled by which
    there are (warnings alone break no rule)."""
    broken, warned = (plural(len(check[key]), word, words) for key, word, words in (
        ("violations", "rule broken", "rules broken"), ("warnings", "warning", "warnings")))
    title = (broken if not check["warnings"] else
             f"{warned}, no rule broken" if not check["violations"] else f"{broken}, {warned}")
    table = _table(f"{check['station']} traffic: {title} (UTC)", "Time", "Rule", "What")
    rows = sorted(check["violations"] + check["warnings"], key=lambda v: v["time"])
    for v in rows:
        style = "red" if v["severity"] == "error" else "yellow"
        table.add_row(v["time"], f"[{style}]{v['rule']}[/{style}]", v["message"])
    return table


def ports_table(check: dict) -> Table:
    """Return each port with the vehicles it held, one row per stay."""
    table = _table(f"{check['station']} ports (UTC)", "Port", "Vehicle", "Kind", "From", "To")
    for port, stays in check["ports"].items():
        if not stays:
            table.add_row(port, "[dim]free throughout[/dim]", "", "", "")
        for index, stay in enumerate(stays):
            table.add_row(port if index == 0 else "", stay["visit"], stay["vehicle"],
                          when(stay["from"]), when(stay["to"]))
    return table


def aboard_table(check: dict) -> Table:
    """Return the people aboard as a step series, counts over the limits marked."""
    caption = (f"limit {check['max_aboard']} aboard; {check['sleeping_places']} permanent "
               f"sleeping places")
    table = _table(f"{check['station']} people aboard (UTC)", "From", "To", "Aboard", "Who",
                   caption=caption)
    for step in check["aboard"]:
        count = step["count"]
        style = ("red" if count > check["max_aboard"] else
                 "yellow" if count > check["sleeping_places"] else "")
        shown = f"[{style}]{count}[/{style}]" if style else str(count)
        table.add_row(when(step["from"]), when(step["to"]), shown, ", ".join(step["people"]))
    return table


def slots_table(slots: dict) -> Table:
    """Return, per port, the open arrival intervals and the closed gaps with their reasons."""
    title = (f"Arrivals of a {slots['vehicle']} with {slots['crew']} aboard for "
             f"{slots['stay_days']:g} days, {when(slots['from'])} to {when(slots['to'])} (UTC)")
    first = slots["first"]
    caption = (f"first possible arrival: {when(first['time'])} at {first['port']}" if first
               else "no arrival possible in this window")
    table = _table(title, "Port", "", "From", "To", "Why", caption=caption)
    for port in slots["ports"]:
        rows = [(start, end, "[green]open[/green]", "") for start, end in port["open"]]
        rows += [(g["from"], g["to"], "[red]closed[/red]", "\n".join(g["reasons"]))
                 for g in port["gaps"]]
        for index, (start, end, state, why) in enumerate(sorted(rows)):
            table.add_row(port["port"] if index == 0 else "", state, when(start), when(end), why)
    return table
