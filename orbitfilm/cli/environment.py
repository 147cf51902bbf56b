"""``orbitfilm environment``: the orbital environment over a span, for people or programs."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..errors import InputError
from ..files import write_text_atomic
from ..formats.ccsds_oem import oem_text
from ..orbit import conditions
from ..orbit.elements import bundled_iss, load_elements
from ..orbit.ephemeris import station_ephemeris
from ..orbit.environment import compute_environment, ground_track
from ..orbit.regions import parse_region
from ..orbit.stations import parse_ground_station, station_by_id
from ..report import environment as render
from ..times import parse_iso
from .app import app, warn
from .common import Format, Live, check_output, deliver, output_format, say

# A ground track sampled more often than every second only repeats itself; one a day
# long at 1 s is 86,400 samples (about 5 MB of JSON), the most a person would want.
TRACK_MIN_STEP_S = 1.0
TRACK_MAX_SAMPLES = 1_000_000


def _station(text: str):
    return parse_ground_station(text) if "=" in text else station_by_id(text)


def _with_families(names: list[str], stations: list, regions: list) -> tuple[list, list]:
    """Add the ground station of each ``-c contact:ID`` and the region of each ``-c over:ID``
    not given with ``-g`` or ``-r``; an unknown id is an error naming the flag."""
    for name in names:
        found = conditions.family_of(name)
        if found is None:
            continue
        family, ident = found
        given = stations if family == "contact" else regions
        if ident not in {item.id for item in given}:
            given.append(flag("--condition", station_by_id if family == "contact"
                              else parse_region, ident))
    return stations, regions


def flag(name: str, parse, text: str):
    """Return ``parse(text)``; an error names the flag the text came from."""
    try:
        return parse(text)
    except InputError as error:
        raise InputError(error.message, field=name) from None


def _track_step(step_s: float | None, start_s: float, end_s: float) -> float | None:
    if step_s is None:
        return None
    if not step_s >= TRACK_MIN_STEP_S:
        raise InputError(f"the step must be at least {TRACK_MIN_STEP_S:g} s, got {step_s:g}",
                         field="--ground-track")
    samples = (end_s - start_s) / step_s
    if samples > TRACK_MAX_SAMPLES:
        raise InputError(f"{samples:,.0f} samples over the span: more than "
                         f"{TRACK_MAX_SAMPLES:,}; use a step of at least "
                         f"{(end_s - start_s) / TRACK_MAX_SAMPLES:.0f} s", field="--ground-track")
    return step_s


@app.command("environment", short_help="orbital light, the Earth below, contacts, passes")
def environment_command(
    start: str = typer.Option(..., metavar="TIME", help="Start of the span, ISO 8601 UTC."),
    end: str = typer.Option(..., metavar="TIME", help="End of the span, ISO 8601 UTC."),
    elements: Optional[Path] = typer.Option(
        None, metavar="FILE", help="TLE or OMM file of the station (default: the bundled ISS sets of "
                   "2020-2022)."),
    ground_station: list[str] = typer.Option(
        [], "--ground-station", "-g", metavar="STATION",
        help="A bundled station id (e.g. tsup) or ID=LAT,LON,ALT_M,MASK_DEG. Repeatable."),
    region: list[str] = typer.Option(
        [], "--region", "-r", metavar="REGION", help="A country code (e.g. RU) or ID=FILE.geojson. Repeatable."),
    condition: list[str] = typer.Option(
        [], "--condition", "-c", metavar="NAME", help="Another condition to compute, e.g. moon_up. Repeatable."),
    format: Optional[Format] = typer.Option(
        None, "--format", "-f", help="table, json or csv (default: by the -o file's suffix, "
                                     "else table)."),
    track_step_s: Optional[float] = typer.Option(
        None, "--ground-track", metavar="SECONDS", help="Add ground-track samples every this many seconds (JSON)."),
    allow_stale: bool = typer.Option(
        False, "--allow-stale-elements",
        help="Go on with element sets more than 60 days from the span (the output says so)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE",
                                          help="Write to this file instead of the screen."),
    oem: Optional[Path] = typer.Option(
        None, "--oem", metavar="FILE",
        help="Also write the station's trajectory over the span as a CCSDS OEM (KVN, GCRF, "
             "UTC; a state a minute) for STK, GMAT or Orekit."),
):
    """Compute orbital day and night, the lit Earth below, contacts and passes over regions.

    \b
    Examples:
      orbitfilm environment --start 2021-10-05T12:22:31Z --end 2021-10-17T01:14:00Z \\
        -g tsup -g white-sands -r RU --format table
      orbitfilm environment --start 2021-10-05T12:22:31Z --end 2021-10-17T01:14:00Z \\
        --oem iss.oem -o environment.json
    """
    chosen = output_format(format, output, tuple(Format))
    check_output(output)
    check_output(oem)
    start_s, end_s = parse_iso(start, field="--start"), parse_iso(end, field="--end")
    step_s = _track_step(track_step_s, start_s, end_s)
    sets = load_elements(elements) if elements else bundled_iss()
    stations = [flag("--ground-station", _station, text) for text in ground_station]
    regions = [flag("--region", parse_region, text) for text in region]
    stations, regions = _with_families(condition, stations, regions)
    with Live() as live:
        environment = compute_environment(sets, start_s, end_s, stations, regions, live.stage,
                                          extra=condition, allow_stale=allow_stale)
        track = ground_track(sets, start_s, end_s, step_s) if step_s else None
        if oem is not None:
            live.stage("writing the ephemeris")
            write_text_atomic(oem, oem_text(station_ephemeris(sets, start_s, end_s)))
    for message in environment.warnings:
        warn(message)
    if oem is not None:
        say(f"wrote {oem}")
    document = render.with_ground_track(environment.to_json(), track)
    if chosen is Format.table:
        deliver(output, renderables=[render.to_table(document)])
    elif chosen is Format.json:
        deliver(output, render.to_json_text(document))
    else:
        deliver(output, render.to_csv_text(document))
