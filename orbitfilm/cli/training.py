"""``orbitfilm train``: the pre-flight training plan, the day the crew is cleared, the launch."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Optional

import typer

from ..deadline import (TRAINING_DETERMINISTIC_SHARE, command_deadline, stage_seconds,
                        was_cut)
from ..errors import InputError
from ..plan.stage import CUT_WARNING, production_path
from ..production.loader import load_production
from ..report import json_text
from ..report.training_table import summary_lines, training_tables
from ..training.road import road_to_orbit
from .app import app, warn
from .common import Format, Live, TableOrJson, check_output, deliver, output_format, say
from .schedule import ALLOW_STALE, DETERMINISTIC, WORKERS


@app.command("train", short_help="the training plan, the day the crew is cleared, the launch")
def train_command(
    production: Optional[Path] = typer.Argument(
        None, metavar="[PRODUCTION]",
        help="The production file (TOML) with a [training] programme; the bundled "
             "challenge-2021 when left out."),
    start: Optional[str] = typer.Option(
        None, "--start", metavar="DATE", help="First day of training, YYYY-MM-DD (default: "
                                              "the programme's training.start)."),
    time_limit: float = typer.Option(10.0, "--time-limit", metavar="SECONDS", min=0.5,
                                     help="Seconds for the plan and for what would clear "
                                          "the crew earlier, together."),
    workers: int = WORKERS,
    deterministic: bool = DETERMINISTIC,
    explain: bool = typer.Option(True, "--explain/--no-explain",
                                 help="Plan again with each bottleneck relaxed."),
    format: Optional[TableOrJson] = typer.Option(
        None, "--format", "-f", help="table or json (default: by the -o file's suffix)."),
    allow_stale: bool = ALLOW_STALE,
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE",
                                          help="Write to this file instead of the screen."),
):
    """Plan every training session, the day the crew is cleared to fly and the launch.

    Exit status 1 when no plan meets the programme (the reasons are printed).

    \b
    Example (The Challenge, had training started on 1 August 2021):
      orbitfilm train --start 2021-08-01
    """
    chosen = output_format(format, output, (Format.table, Format.json))
    check_output(output)
    first_day = _date(start) if start else None
    with Live() as live:
        live.stage("loading the production")
        loaded = load_production(production_path(production))
        with command_deadline(time_limit):
            road = road_to_orbit(loaded, start=first_day,
                                 time_limit_s=stage_seconds(time_limit, deterministic,
                                                            TRAINING_DETERMINISTIC_SHARE),
                                 workers=workers, explain=explain, allow_stale=allow_stale,
                                 deterministic=deterministic, progress=live.stage)
            cut = deterministic and was_cut()
    if cut:
        warn(CUT_WARNING)
    document = road.to_json()
    if chosen is Format.json:
        deliver(output, json_text(document))
    else:
        deliver(output, renderables=training_tables(document))
    # JSON on standard output stands alone: the summary goes to standard error then.
    for line in summary_lines(document):
        say(line, aside=chosen is Format.json and output is None)
    if road.plan.cleared is None or road.late:  # no plan, or a plan that cannot fly
        raise typer.Exit(1)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"--start: not a date: {text!r} (e.g. 2021-05-24)") from None
