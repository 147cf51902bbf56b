"""``orbitfilm race``: who shoots first in orbit, and how sure."""

from __future__ import annotations

import os
from contextlib import nullcontext
from pathlib import Path
from typing import Optional

import typer
from rich.progress import BarColumn, Progress, TextColumn
from rich.table import Table

from ..race.backends import dask_backend, local_backend
from ..race.baseline import race_baselines, race_risks, result_json
from ..race.engine import simulate
from ..race.loader import open_race
from ..report import json_text
from .app import app, err_console
from .common import Format, TableOrJson, check_output, deliver, output_format


# Without --samples the race runs until it converges, up to this many scenarios.
CONVERGE_MAX_SAMPLES = 100_000


@app.command("race", short_help="the chance of shooting first, P50/P80 dates, risk drivers")
def race_command(
    race: Optional[Path] = typer.Argument(None, metavar="[RACE]",
                                          help="The race file (TOML), or race-2021 (the "
                                               "bundled race, when left out)."),
    samples: Optional[int] = typer.Option(
        None, "--samples", "-n", min=1, metavar="N",
        help=f"Run exactly N scenarios. Without it, at most {CONVERGE_MAX_SAMPLES:,}, "
             f"stopping once every P(first) is known to 0.5 percentage points."),
    seed: int = typer.Option(0, "--seed", metavar="S", help="The random seed."),
    workers: int = typer.Option(min(2, os.cpu_count() or 1), "--workers", "-w", min=1,
                                metavar="N", help="Local processes, or Dask workers with "
                                                  "--dask (same result for any N)."),
    dask: bool = typer.Option(False, "--dask", help="Run on a Dask LocalCluster of --workers "
                                                    "workers (pip install 'orbitfilm[dask]')."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", metavar="ADDRESS",
                                            help="Join the Dask cluster whose scheduler is "
                                                 "at ADDRESS (tcp://HOST:8786)."),
    format: Optional[TableOrJson] = typer.Option(
        None, "--format", "-f", help="table or json (default: by the -o file's suffix, "
                                     "else table)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE",
                                          help="Write to this file instead of the screen."),
    deterministic: bool = typer.Option(
        False, "--deterministic",
        help="Plan each production's training and schedule in the solver's deterministic "
             "time: the same answer on every run and machine for a seed."),
):
    """Race productions to the first shot in orbit (or the wrap): each one's chance of being
    first, its P10-P90 dates, and the risks that drive it (each removed in turn, same
    random numbers).

    \b
    Example:
      orbitfilm race                               (the bundled race of 2021)
      orbitfilm race race-2021.toml --samples 200000 --seed 7 -o race.json
      orbitfilm race --dask --workers 4 --samples 1000000
      orbitfilm race --scheduler tcp://10.0.0.5:8786
    """
    written = output_format(format, output, (Format.table, Format.json))
    check_output(output)
    chosen, folder = open_race(race)
    cluster = (dask_backend(workers=workers, scheduler=scheduler) if dask or scheduler
               else nullcontext(local_backend(workers)))
    with cluster as backend, Progress(TextColumn("{task.description}"), BarColumn(),
                  TextColumn("{task.fields[note]}"), console=err_console,
                  transient=True) as bar:
        task = bar.add_task("planning", total=samples or CONVERGE_MAX_SAMPLES, note="")
        baselines = race_baselines(chosen, folder, backend=backend, deterministic=deterministic,
                                   progress=lambda text: bar.update(task, description=text))
        bar.update(task, description="scenarios")
        result = simulate(baselines, race_risks(chosen, [b.vehicle for b in baselines]),
                          race_to=chosen.race_to,
                          samples=samples or CONVERGE_MAX_SAMPLES,
                          converge=samples is None, seed=seed, backend=backend,
                          progress=lambda n, se: bar.update(
                              task, completed=n, note=f"max stderr {se * 100:.2f} pp"))
    document = result_json(result)
    if written is Format.json:
        deliver(output, json_text(document))
    else:
        deliver(output, renderables=[_table(document)]
                + ([_drivers(document)] if document["drivers"] else []))


def _table(document: dict) -> Table:
    past = [f"{row['id']} {row['past_series']:.1%}" for row in document["productions"]
            if row.get("past_series")]
    table = Table(title=f"Race to {document['race_to']} ({document['samples']} scenarios, "
                        f"ties {document['ties']:.2%})",
                  caption="launches on real opportunities of each pad (UTC), refused where "
                          "the station's traffic cannot take them"
                          + (f"; past the launch series: {', '.join(past)}" if past else ""))
    for name in ("production", "P(first)", "launch P50", "first shot P10", "P50", "P80",
                 "P90", "wrap P80"):
        table.add_column(name)
    for row in document["productions"]:
        shot = row["first_shot"]
        table.add_row(row["id"], f"{row['p_first']:.1%} ± {row['p_first_stderr']:.1%}",
                      row["launch"]["p50"][:16].replace("T", " "),
                      *(shot[p][:10] for p in ("p10", "p50", "p80", "p90")),
                      row["wrap"]["p80"][:10])
    return table


def _drivers(document: dict) -> Table:
    table = Table(title="Risk drivers (P(first) with the risk minus without)")
    for name in ("risk", "production", "effect on P(first)"):
        table.add_column(name)
    for d in document["drivers"]:
        table.add_row(d["name"], d["production"], f"{d['effect_on_p_first'] * 100:+.1f} pp")
    return table
