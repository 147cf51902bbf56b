"""``orbitfilm traffic check | slots | schema``: the station's ports, vehicles, people aboard."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..report import json_text
from ..report.formatting import plural
from ..report.traffic_tables import aboard_table, ports_table, slots_table, violation_table
from ..station.loader import BUNDLED, bundled_traffic, open_traffic
from ..station.rules import check_traffic
from ..station.schema import traffic_json_schema_text
from ..station.slots import find_slots
from ..station.traffic import VEHICLE_KINDS
from ..times import parse_iso
from .app import app, err_console
from .common import Format, TableOrJson, check_output, deliver, output_format, say

traffic_app = typer.Typer(
    no_args_is_help=True, rich_markup_mode=None,
    help="The station's traffic: ports, visiting vehicles and the people aboard.\n\n"
         "A production's launch and plan read it too (mission.traffic; the bundled iss-2021 "
         "for the ISS through 2021).\n\n"
         "\b\nExamples:\n"
         "  orbitfilm traffic check                     (the bundled ISS of 2021)    \n"
         "  orbitfilm traffic slots --vehicle crew-dragon --crew 3 --stay-days 10 \\\n"
         "    --from 2021-10-03 --to 2021-12-31\n"
         "  orbitfilm examples iss-2021 -o traffic     (a copy to edit)")
app.add_typer(traffic_app, name="traffic", short_help="station traffic: check it, find slots")

TRAFFIC_HELP = f"The traffic file (TOML), or {BUNDLED} (the bundled record, when left out)."
FORMAT_HELP = "table or json (default: by the -o file's suffix)."
OUTPUT_HELP = "Write to this file instead of the screen."


def _traffic(path: Optional[Path]):
    return open_traffic(path, field="TRAFFIC") if path is not None else bundled_traffic()


@traffic_app.command("check", short_help="check every rule at every instant")
def check_command(
    traffic: Optional[Path] = typer.Argument(None, metavar="[TRAFFIC]", help=TRAFFIC_HELP),
    format: Optional[TableOrJson] = typer.Option(None, "--format", "-f", help=FORMAT_HELP),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE",
                                          help=OUTPUT_HELP),
):
    """Check a station's traffic: ports, seats, people aboard and lifeboats at every instant.

    Exit status 0 when it keeps every rule, 1 when it breaks some (warnings do not count).

    \b
    Example:
      orbitfilm traffic check                     (the ISS through 2021)
      orbitfilm traffic check iss-2021.toml --format json
    """
    chosen = output_format(format, output, (Format.table, Format.json))
    check_output(output)
    result = check_traffic(_traffic(traffic))
    document = result.to_json()
    if chosen is Format.json:
        deliver(output, json_text(document))
    else:
        tables = [ports_table(document), aboard_table(document)]
        if document["violations"] or document["warnings"]:
            tables.append(violation_table(document))
        deliver(output, renderables=tables)
    if result.violations:
        err_console.print(f"{plural(len(result.violations), 'violation')} in "
                          f"{result.traffic.source}", markup=False)
        raise typer.Exit(1)
    if chosen is Format.table and output is None:
        say(f"{result.traffic.source}: every rule kept"
            + (f" ({plural(len(result.warnings), 'warning')})" if result.warnings else ""))


@traffic_app.command("slots", short_help="when a new visit could arrive, and why not")
def slots_command(
    vehicle: str = typer.Option(..., metavar="KIND",
                                help=f"The vehicle kind: {', '.join(VEHICLE_KINDS)}."),
    crew: int = typer.Option(..., metavar="N", min=0, help="People it brings (and takes home)."),
    stay_days: float = typer.Option(..., metavar="DAYS", min=0.001,
                                    help="Days from docking to undocking."),
    from_date: str = typer.Option(..., "--from", metavar="DATE",
                                  help="Earliest arrival, YYYY-MM-DD or an ISO 8601 time (UTC)."),
    to_date: str = typer.Option(..., "--to", metavar="DATE", help="Latest arrival (UTC)."),
    traffic: Optional[Path] = typer.Argument(None, metavar="[TRAFFIC]", help=TRAFFIC_HELP),
    format: Optional[TableOrJson] = typer.Option(None, "--format", "-f", help=FORMAT_HELP),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE",
                                          help=OUTPUT_HELP),
):
    """Find when a new visit could arrive: a port that takes it free for the whole stay, and
    room aboard; for each closed gap, why (the port taken by whom, how many would be aboard).

    \b
    Example (a Crew Dragon with three people for ten days, autumn 2021):
      orbitfilm traffic slots --vehicle crew-dragon --crew 3 --stay-days 10 \\
        --from 2021-10-03 --to 2021-12-31
    """
    chosen = output_format(format, output, (Format.table, Format.json))
    check_output(output)
    found = find_slots(_traffic(traffic), vehicle=vehicle, crew=crew, stay_days=stay_days,
                       start_s=parse_iso(from_date, field="--from"),
                       end_s=parse_iso(to_date, field="--to"))
    document = found.to_json()
    if chosen is Format.json:
        deliver(output, json_text(document))
    else:
        deliver(output, renderables=[slots_table(document)])


@traffic_app.command("schema", short_help="the traffic file's JSON Schema")
def schema_command(
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE",
                                          help="Write the schema to this file."),
):
    """Print the JSON Schema of traffic files, for editors that complete and check TOML.

    \b
    Example:
      orbitfilm traffic schema -o traffic.schema.json
    """
    check_output(output)
    deliver(output, traffic_json_schema_text())
