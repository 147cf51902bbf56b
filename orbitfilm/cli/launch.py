"""``orbitfilm launch``: launch opportunities from a pad to the station, and when crews arrive."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..deadline import command_deadline
from ..errors import InputError
from ..mission.chooser import launch_line
from ..mission.traffic import mark_opportunities
from ..plan.stage import settle_flight
from ..production.loader import load_production
from ..schedule.problem import SolveOptions
from ..orbit.elements import bundled_iss, load_elements
from ..orbit.launch import find_launch_opportunities
from ..orbit.sites import SITES, parse_site
from ..orbit.vehicles import VEHICLES, vehicle_by_id
from ..report import json_text
from ..report.launch_table import opportunity_table
from ..station.loader import BUNDLED, open_traffic
from ..station.traffic import VEHICLE_KINDS
from ..times import DAY_S, parse_iso
from .app import app, warn
from .common import Format, Live, TableOrJson, check_output, deliver, output_format, say
from .environment import flag


@app.command("launch", short_help="launch opportunities, rendezvous, arrival")
def launch_command(
    production: Optional[Path] = typer.Argument(
        None, metavar="[PRODUCTION]",
        help="A production file: its launch as every command chooses it (its training "
             "planned when the launch waits for it), and the opportunities passed over."),
    site: Optional[str] = typer.Option(None, metavar="SITE", help=f"A pad ({', '.join(SITES)}) or "
                                       f"ID=LAT,LON[,ALT_M[,ne|se]]."),
    vehicle: Optional[str] = typer.Option(None, metavar="VEHICLE", help=f"The crew vehicle: {', '.join(VEHICLES)}."),
    date: Optional[str] = typer.Option(None, metavar="DATE", help="First day of the search, YYYY-MM-DD (UTC)."),
    days: int = typer.Option(1, metavar="N", min=1, max=366, help="How many days to search."),
    elements: Optional[Path] = typer.Option(
        None, metavar="FILE", help="TLE or OMM file of the station (default: the bundled ISS sets of "
                   "2020-2022)."),
    format: Optional[TableOrJson] = typer.Option(
        None, "--format", "-f", help="table or json (default: by the -o file's suffix)."),
    allow_stale: bool = typer.Option(
        False, "--allow-stale-elements",
        help="Go on with element sets more than 60 days from the dates (the output says so)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE",
                                          help="Write to this file instead of the screen."),
    traffic: Optional[str] = typer.Option(
        None, "--traffic", metavar="FILE", help=f"The station's traffic (a TOML file, or "
        f"{BUNDLED} for the bundled ISS of 2021): each opportunity whose arrival it "
        f"cannot take is marked, with the reason."),
    crew: Optional[int] = typer.Option(
        None, "--crew", metavar="N", min=0, help="People the vehicle brings (with --traffic; "
                                                 "default: its seats)."),
    stay_days: float = typer.Option(
        10.0, "--stay-days", metavar="D", min=0.01, help="Days docked (with --traffic)."),
    time_limit: float = typer.Option(
        30.0, "--time-limit", metavar="SECONDS", min=1.0,
        help="With a production whose launch waits for its training: seconds for the "
             "command (the training gets 30% of them, as in plan)."),
):
    """Find when a crew can lift off for the station, how it rendezvouses, when it arrives.

    \b
    Example (Soyuz MS-19, the Challenge crew):
      orbitfilm launch --site baikonur-31 --vehicle soyuz-ms --date 2021-10-05
    With the station's traffic (a rival Crew Dragon of three, ten days docked):
      orbitfilm launch --site kennedy-39a --vehicle crew-dragon --date 2021-10-02 --days 16
        --traffic iss-2021 --crew 3 --stay-days 10
    A production's own launch, with why each earlier opportunity was refused:
      orbitfilm launch dragon-rival.toml
    """
    chosen = output_format(format, output, (Format.table, Format.json))
    check_output(output)
    if production is not None:
        return _production_launch(production, chosen, output, allow_stale, time_limit)
    for name, value in (("--site", site), ("--vehicle", vehicle), ("--date", date)):
        if value is None:
            raise InputError(f"{name}: needed without a production file (see orbitfilm "
                             f"launch --help)")
    start_s = parse_iso(date, field="--date")
    pad, craft = flag("--site", parse_site, site), flag("--vehicle", vehicle_by_id, vehicle)
    sets = load_elements(elements) if elements else bundled_iss()
    end_s = start_s + days * DAY_S
    warnings = sets.freshness_warnings(start_s, end_s, allow_stale=allow_stale)
    for message in warnings:
        warn(message)
    opportunities = find_launch_opportunities(sets, pad, craft, start_s, end_s,
                                              allow_stale=allow_stale)
    if traffic is None:
        found = [o.to_json() for o in opportunities]
    else:
        record = open_traffic(traffic, field="--traffic")
        seats = VEHICLE_KINDS[craft.id].seats
        found = [m.to_json() for m in mark_opportunities(
            record, opportunities, crew=seats if crew is None else crew,
            stay_s=stay_days * DAY_S, visit_id=f"new-{craft.id}")]
    if chosen is Format.json:
        deliver(output, json_text({"opportunities": found, "warnings": warnings}))
    else:
        deliver(output, renderables=[opportunity_table(found, pad.name, craft.name)])


def _production_launch(path: Path, chosen: Format, output: Optional[Path], allow_stale: bool,
                       time_limit: float) -> None:
    """Print the production's launch from the one road every command takes."""
    loaded = load_production(path)
    if loaded.mission is None or loaded.mission.launch is None:
        raise InputError("the production has no [mission.launch] to choose",
                         path=loaded.source, field="mission.launch")
    with Live() as live:
        with command_deadline(time_limit):
            flight, road = settle_flight(loaded, SolveOptions(time_limit_s=time_limit),
                                         allow_stale, live.stage, environment=False)
    choice = (road.choice if road else None) or flight.choice
    if choice is None:  # the file fixes the docking: nothing was chosen
        raise InputError("the production fixes its docking (mission.docking): no launch to "
                         "choose", path=loaded.source, field="mission.docking")
    document = choice.to_json()
    if chosen is Format.json:
        deliver(output, json_text(document))
        return
    refused = [fit.to_json() for fit in choice.refused]
    rows = refused[-MAX_ROWS:] + [{**choice.opportunity.to_json(), "traffic": {
        "fits": True, "port": choice.port, "visit": None, "reasons": []}}]
    deliver(output, renderables=[opportunity_table(rows, choice.opportunity.site.name,
                                                   choice.opportunity.vehicle.name, refused)])
    say(launch_line(choice))


# The table shows the launch and the last refused opportunities before it; JSON has them all.
MAX_ROWS = 12
