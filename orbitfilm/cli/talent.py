"""``orbitfilm talent``: solve a talent-scheduling benchmark instance to proven optimality."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from ..schedule.ground import read_talent, solve_talent
from .app import app, warn
from .common import Format, TableOrJson, check_output, deliver, output_format, say


@app.command("talent", short_help="solve a talent-scheduling benchmark instance")
def talent_command(
    path: Path = typer.Argument(..., metavar="FILE",
                                help="Instance: .dat (Stuckey page), .dzn (MiniZinc benchmarks "
                                     "or CSPLib prob039)."),
    format: Optional[TableOrJson] = typer.Option(
        None, "--format", "-f", help="table or json (default: by the -o file's suffix)."),
    time_limit_s: Optional[float] = typer.Option(
        None, "--time-limit", min=0.001, metavar="SECONDS",
        help="Stop after this many seconds with the best order found."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE",
                                          help="Write to this file instead of the screen."),
):
    """Find the cheapest shooting order of a talent-scheduling instance.

    \b
    Example:
      orbitfilm talent tests/data/talent/dat/MobStory --format json
    """
    chosen = output_format(format, output, (Format.table, Format.json))
    check_output(output)
    result = solve_talent(read_talent(path), time_limit_s=time_limit_s)
    for note in result.notes:
        warn(note)
    if chosen is Format.json:
        deliver(output, result.to_json() + "\n")
        return
    table = Table(title=result.instance_name)
    table.add_column("start day", justify="right")
    table.add_column("scene")
    for day, scene in zip(result.start_days, result.order):
        table.add_row(str(day), scene)
    deliver(output, renderables=[table])
    say(f"total {result.total_cost}, idle {result.idle_cost}, "
        f"{'proven optimal' if result.optimal else 'not proven optimal'} in "
        f"{result.runtime_s:.3f} s ({result.states} states)")
