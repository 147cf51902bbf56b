"""``orbitfilm launch``: launch opportunities from a pad to the station, and when crews arrive."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich import box
from rich.table import Table

from ..files import write_text_atomic
from ..orbit.elements import bundled_iss, load_elements
from ..orbit.launch import LaunchOpportunity, find_launch_opportunities
from ..orbit.sites import SITES, parse_site
from ..orbit.vehicles import VEHICLES, vehicle_by_id
from ..report import json_text, plain_text
from ..times import DAY_S, format_iso, format_minute, parse_iso
from .app import app, console


class Format(str, Enum):
    table = "table"
    json = "json"


@app.command("launch")
def launch_command(
    site: str = typer.Option(..., help=f"A pad ({', '.join(SITES)}) or "
                                       f"ID=LAT,LON[,ALT_M[,ne|se]]."),
    vehicle: str = typer.Option(..., help=f"The crew vehicle: {', '.join(VEHICLES)}."),
    date: str = typer.Option(..., help="First day of the search, YYYY-MM-DD (UTC)."),
    days: int = typer.Option(1, min=1, max=366, help="How many days to search."),
    elements: Optional[Path] = typer.Option(
        None, help="TLE or OMM file of the station (default: the bundled ISS sets of "
                   "September-October 2021)."),
    format: Format = typer.Option(Format.table, "--format", "-f", help="Output format."),
    output: Optional[Path] = typer.Option(None, "--output", "-o",
                                          help="Write to this file instead of the screen."),
):
    """Find when a crew can lift off for the station, how it rendezvouses, when it arrives.

    Example (Soyuz MS-19, the Challenge crew):

        orbitfilm launch --site baikonur-31 --vehicle soyuz-ms --date 2021-10-05
    """
    start_s = parse_iso(date, field="--date")
    pad, craft = parse_site(site), vehicle_by_id(vehicle)
    sets = load_elements(elements) if elements else bundled_iss()
    opportunities = find_launch_opportunities(sets, pad, craft, start_s, start_s + days * DAY_S)
    if format is Format.json:
        text = json_text({"opportunities": [o.to_json() for o in opportunities]})
        text += "\n"
    elif output:
        text = plain_text(opportunity_table(opportunities, pad.name, craft.name))
    else:
        console.print(opportunity_table(opportunities, pad.name, craft.name))
        return
    if output:
        write_text_atomic(output, text)
    else:
        typer.echo(text, nl=False)


def opportunity_table(opportunities: list[LaunchOpportunity], site_name: str,
                      vehicle_name: str) -> Table:
    """Return a table for people: one row per opportunity, UTC, later days shown as MM-DD."""
    table = Table(title=f"{vehicle_name} from {site_name} (UTC)", title_justify="left",
                  caption=("phase: how far the station is ahead at orbit insertion; "
                           "aboard: hatch opening" if opportunities
                           else "no opportunity in these days"), caption_justify="left",
                  box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for heading in ("Date", "Liftoff", "In plane", "Phase", "Profile", "Docking",
                    "Aboard"):
        table.add_column(heading, justify="right" if heading == "Phase" else "left",
                         no_wrap=True)
    for o in opportunities:
        liftoff = format_iso(o.liftoff_s)
        table.add_row(liftoff[:10], liftoff[11:19], format_iso(o.in_plane_s)[11:19],
                      f"{o.phase_deg:+.1f}°", o.profile, _clock_after(o.docking_s, liftoff),
                      _clock_after(o.hatch_open_s, liftoff))
    return table


def _clock_after(moment_s: float, liftoff: str) -> str:
    """Return ``HH:MM``, prefixed by ``MM-DD`` when it falls on a later day than the liftoff."""
    text = format_minute(moment_s)
    return text[11:] if text[:10] == liftoff[:10] else f"{text[5:10]} {text[11:]}"
