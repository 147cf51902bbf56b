"""``orbitfilm rcpsp``: a PSPLIB project (``.sm``) scheduled by the training planner's core."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich import box
from rich.table import Table

from ..formats.psplib import read_psplib, schedule_json
from ..report import json_text
from ..schedule.project.solve import solve_project
from .app import app
from .common import Format, Live, TableOrJson, check_output, deliver, output_format, say
from .schedule import WORKERS


@app.command("rcpsp", short_help="schedule a PSPLIB project (.sm) to its shortest makespan")
def rcpsp_command(
    file: Path = typer.Argument(..., metavar="FILE.sm",
                                help="A single-mode PSPLIB file (j30, j60, j90, j120 sets)."),
    time_limit: float = typer.Option(10.0, "--time-limit", metavar="SECONDS", min=0.1,
                                     help="Seconds for the solver."),
    workers: int = WORKERS,
    format: Optional[TableOrJson] = typer.Option(
        None, "--format", "-f", help="table or json (default: by the -o file's suffix, "
                                     "else table)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE",
                                          help="Write to this file instead of the screen."),
):
    """Schedule a PSPLIB project to its shortest makespan, with the same core as the
    training planner; say whether it is proven optimal.

    JSON: {"makespan", "lower_bound", "optimal", "starts": {job number: start period}}.

    \b
    Example (PSPLIB's j30 instance j301_1, optimum 43):
      orbitfilm rcpsp j301_1.sm --time-limit 10 --format json
    """
    chosen = output_format(format, output, (Format.table, Format.json))
    check_output(output)
    with Live() as live:
        live.stage(f"reading {file}")
        problem = read_psplib(file)
        live.stage("solving")
        found = solve_project(problem, time_limit_s=time_limit, workers=workers,
                              progress=live.solver)
    document = schedule_json(found)
    if chosen is Format.json:
        deliver(output, json_text(document))
        return
    deliver(output, renderables=[_starts_table(problem, document)])
    say(_summary(problem.name, document, found.wall_s))


def _starts_table(problem, document: dict) -> Table:
    table = Table(title=f"{problem.name}: starts", box=box.SIMPLE_HEAD)
    for heading in ("Job", "Start", "End", "Demands"):
        table.add_column(heading, justify="right" if heading != "Demands" else "left")
    for job in problem.jobs:
        start = document["starts"].get(job.id)
        end = None if start is None else start + job.duration_units
        demands = ", ".join(f"{r} {d}" for r, d in job.demands.items())
        table.add_row(job.id, str(start), str(end), demands)
    return table


def _summary(name: str, document: dict, wall_s: float) -> str:
    if document["makespan"] is None:
        return f"{name}: no schedule found (lower bound {document['lower_bound']})"
    proof = ("proven optimal" if document["optimal"]
             else f"not proven: lower bound {document['lower_bound']}")
    return f"{name}: makespan {document['makespan']}, {proof} ({wall_s:.1f} s)"
