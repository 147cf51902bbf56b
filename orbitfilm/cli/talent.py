"""``orbitfilm talent``: solve a talent-scheduling benchmark instance to proven optimality."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from ..schedule.ground import read_talent, solve_talent
from .app import app, console, warn


class Format(str, Enum):
    table = "table"
    json = "json"


@app.command("talent")
def talent_command(
    path: Path = typer.Argument(..., help="Instance: .dat (Stuckey page), .dzn (MiniZinc "
                                          "benchmarks or CSPLib prob039)."),
    format: Format = typer.Option(Format.table, "--format", "-f", help="Output format."),
    time_limit_s: Optional[float] = typer.Option(
        None, "--time-limit", help="Stop after this many seconds with the best order found."),
):
    """Find the cheapest shooting order of a talent-scheduling instance.

    Example:

        orbitfilm talent tests/data/talent/dat/MobStory --format json
    """
    result = solve_talent(read_talent(path), time_limit_s=time_limit_s)
    for note in result.notes:
        warn(note)
    if format is Format.json:
        typer.echo(result.to_json())
        return
    table = Table(title=result.instance_name)
    table.add_column("start day", justify="right")
    table.add_column("scene")
    for day, scene in zip(result.start_days, result.order):
        table.add_row(str(day), scene)
    console.print(table)
    console.print(f"total {result.total_cost}, idle {result.idle_cost}, "
                  f"{'proven optimal' if result.optimal else 'not proven optimal'} in "
                  f"{result.runtime_s:.3f} s ({result.states} states)", highlight=False)
