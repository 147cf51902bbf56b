"""``orbitfilm environment``: the orbital environment over a span, for people or programs."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from ..files import write_text_atomic
from ..orbit.elements import bundled_iss, load_elements
from ..orbit.environment import compute_environment, ground_track
from ..orbit.regions import parse_region
from ..orbit.stations import parse_ground_station, station_by_id
from ..report import environment as render
from ..report import plain_text
from ..times import parse_iso
from .app import app, console, err_console, warn


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


def _station(text: str):
    return parse_ground_station(text) if "=" in text else station_by_id(text)


@app.command("environment")
def environment_command(
    start: str = typer.Option(..., help="Start of the span, ISO 8601 UTC."),
    end: str = typer.Option(..., help="End of the span, ISO 8601 UTC."),
    elements: Optional[Path] = typer.Option(
        None, help="TLE or OMM file of the station (default: the bundled ISS sets of "
                   "September-October 2021)."),
    ground_station: list[str] = typer.Option(
        [], "--ground-station", "-g",
        help="A bundled station id (e.g. tsup) or ID=LAT,LON,ALT_M,MASK_DEG. Repeatable."),
    region: list[str] = typer.Option(
        [], "--region", "-r",
        help="A country code (e.g. RU) or ID=FILE.geojson. Repeatable."),
    format: Format = typer.Option(Format.table, "--format", "-f", help="Output format."),
    track_step_s: Optional[float] = typer.Option(
        None, "--ground-track", help="Add ground-track samples every this many seconds (JSON)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o",
                                          help="Write to this file instead of the screen."),
):
    """Compute orbital day and night, the lit Earth below, contacts and passes over regions.

    Example:

        orbitfilm environment --start 2021-10-05T12:22:31Z --end 2021-10-17T01:14:00Z
        -g tsup -g white-sands -r RU --format table
    """
    start_s, end_s = parse_iso(start, field="--start"), parse_iso(end, field="--end")
    sets = load_elements(elements) if elements else bundled_iss()
    stations = [_station(text) for text in ground_station]
    regions = [parse_region(text) for text in region]
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  console=err_console, transient=True) as progress:
        task = progress.add_task("starting")
        environment = compute_environment(
            sets, start_s, end_s, stations, regions,
            progress=lambda label: progress.update(task, description=label))
    track = ground_track(sets, start_s, end_s, track_step_s) if track_step_s else None
    for message in environment.warnings:
        warn(message)
    if format is Format.table:
        text = plain_text(render.to_table(environment)) if output else None
        if text is None:
            console.print(render.to_table(environment))
            return
    elif format is Format.json:
        text = render.to_json_text(environment, track)
    else:
        text = render.to_csv_text(environment)
    if output:
        write_text_atomic(output, text)
    else:
        typer.echo(text, nl=False)
