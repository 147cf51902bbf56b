"""Launch opportunities for people: one row per opportunity, in UTC."""

from __future__ import annotations

from rich import box
from rich.table import Table

from ..times import format_minute, parse_iso


def opportunity_table(opportunities: list[dict], site_name: str, vehicle_name: str) -> Table:
    """Return a table of opportunities (their JSON form); later days shown as MM-DD."""
    table = Table(title=f"{vehicle_name} from {site_name} (UTC)", title_justify="left",
                  caption=("phase: how far the station is ahead at orbit insertion; "
                           "aboard: hatch opening" if opportunities
                           else "no opportunity in these days"), caption_justify="left",
                  box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for heading in ("Date", "Liftoff", "In plane", "Phase", "Profile", "Docking", "Aboard"):
        table.add_column(heading, justify="right" if heading == "Phase" else "left",
                         no_wrap=True)
    for o in opportunities:
        liftoff = o["liftoff"]
        table.add_row(liftoff[:10], liftoff[11:19], o["in_plane"][11:19],
                      f"{o['phase_deg']:+.1f}°", o["profile"], _clock_after(o["docking"], liftoff),
                      _clock_after(o["hatch_open"], liftoff))
    return table


def _clock_after(moment: str, liftoff: str) -> str:
    """Return ``HH:MM``, prefixed by ``MM-DD`` when it falls on a later day than the liftoff."""
    text = format_minute(parse_iso(moment))
    return text[11:] if text[:10] == liftoff[:10] else f"{text[5:10]} {text[11:]}"
