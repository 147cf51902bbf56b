"""``orbitfilm race``: who shoots first in orbit, and how sure."""

from __future__ import annotations

import os
from contextlib import nullcontext
from datetime import date
from pathlib import Path
from typing import Optional

import typer
from rich.progress import BarColumn, Progress, TextColumn
from rich.table import Table

from ..errors import InputError
from ..race.backends import dask_backend, local_backend
from ..race.baseline import (baseline_risks, race_baselines, result_json, station_events,
                              what_if_cases)
from ..race.calibrate import BANDS, calibrate
from ..race.engine import Case, simulate
from ..race.loader import open_race
from ..race.story import representative_scenarios
from ..race.whatif import load_what_ifs
from ..report import json_text
from .app import app, err_console
from ..report.race_report import check_report_folder, write_race_report
from .common import Format, TableOrJson, check_output, deliver, output_format, say


# Without --samples the race runs until it converges, up to this many scenarios.
CONVERGE_MAX_SAMPLES = 100_000


@app.command("race", short_help="the chance of shooting first, P50/P80 dates, risk drivers")
def race_command(
    race: Optional[Path] = typer.Argument(None, metavar="[RACE|calibrate]",
                                          help="The race file (TOML), or race-2021 (the "
                                               "bundled race, when left out); calibrate: "
                                               "score the launch slip model on the record."),
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
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE|DIR",
                                          help="Write the table or JSON to FILE (by its "
                                               "suffix), or race.json and race.html (the "
                                               "report) into DIR (a folder, or a path with "
                                               "no suffix)."),
    deterministic: bool = typer.Option(
        False, "--deterministic",
        help="Plan each production's training and schedule in the solver's deterministic "
             "time: the same answer on every run and machine for a seed."),
    what_if: Optional[Path] = typer.Option(
        None, "--what-if", metavar="FILE",
        help="Variants of the race (TOML) run on the same random numbers: each one's change "
             "in P(first) with its standard error."),
    split: Optional[str] = typer.Option(
        None, "--split", metavar="DATE",
        help="With calibrate: fit on the launches before DATE and score the later ones "
             "(default: each launch forecast as of the day its target was announced)."),
):
    """Race productions to the first shot in orbit (or the wrap): each one's chance of being
    first, its P10-P90 dates, and the risks that drive it (each removed in turn, same
    random numbers).

    \b
    Example:
      orbitfilm race                               (the bundled race of 2021)
      orbitfilm race race-2021.toml --samples 200000 --seed 7 -o race.json
      orbitfilm race -o race                       (race/race.json and race/race.html)
      orbitfilm race --dask --workers 4 --samples 1000000
      orbitfilm race --scheduler tcp://10.0.0.5:8786
      orbitfilm race --what-if what-if.toml        (variants on the same random numbers)
      orbitfilm race calibrate                     (the slip model against the record)
    """
    report_dir = output if output is not None and _is_folder(output) else None
    if report_dir is not None:
        check_report_folder(report_dir)
        written, output = Format.table, None
    else:
        written = output_format(format, output, (Format.table, Format.json))
        check_output(output)
    if race is not None and str(race) == "calibrate":
        return _calibrate(split, written, output)
    if split is not None:
        raise InputError("--split goes with 'race calibrate'", field="--split")
    chosen, folder = open_race(race)
    what_ifs = load_what_ifs(what_if, chosen) if what_if is not None else None
    cluster = (dask_backend(workers=workers, scheduler=scheduler) if dask or scheduler
               else nullcontext(local_backend(workers)))
    with cluster as backend, Progress(TextColumn("{task.description}"), BarColumn(),
                  TextColumn("{task.fields[note]}"), console=err_console,
                  transient=True) as bar:
        task = bar.add_task("planning", total=samples or CONVERGE_MAX_SAMPLES, note="")
        planning = dict(backend=backend, deterministic=deterministic,
                        progress=lambda text: bar.update(task, description=text))
        baselines = race_baselines(chosen, folder, **planning)
        cases = (what_if_cases(chosen, folder, what_ifs, baselines, **planning)
                 if what_ifs else [])
        bar.update(task, description="scenarios")
        risks, events = baseline_risks(chosen, baselines), station_events(chosen)
        result = simulate(baselines, risks,
                          race_to=chosen.race_to,
                          samples=samples or CONVERGE_MAX_SAMPLES,
                          converge=samples is None, seed=seed, backend=backend,
                          events=events, what_ifs=tuple(cases),
                          progress=lambda n, se: bar.update(
                              task, completed=n, note=f"max stderr {se * 100:.2f} pp"))
    document = {"title": chosen.title, **result_json(result),
                "representative": representative_scenarios(
                    Case(tuple(baselines), tuple(risks), tuple(events)), result)}
    if report_dir is not None:
        for path in write_race_report(report_dir, document, result):
            say(f"wrote {path}")
    if written is Format.json:
        deliver(output, json_text(document))
    else:
        deliver(output, renderables=[_table(document)]
                + ([_drivers(document)] if document["drivers"] else [])
                + ([_what_ifs(document)] if document["what_ifs"] else []))


def _table(document: dict) -> Table:
    past = [f"{row['id']} {row['past_series']:.1%}" for row in document["productions"]
            if row.get("past_series")]
    table = Table(title=f"Race to {document['race_to']} ({document['samples']} scenarios, "
                        f"ties {document['ties']:.2%})",
                  caption="launches on real opportunities of each pad (UTC), refused where "
                          "the station's traffic cannot take them"
                          + (f"; past the launch series: {', '.join(past)}" if past else "")
                          + "".join(f"; backup crew flew ({b['name']}): {b['production']} "
                                    f"{b['backup_flew']:.1%}" for b in document["backups"]))
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


def _is_folder(output: Path) -> bool:
    """Return whether ``-o`` names a folder for the report: one there, or no suffix."""
    return output.is_dir() or not output.suffix


def _what_ifs(document: dict) -> Table:
    table = Table(title="What-ifs (the same random numbers as the race)",
                  caption="change: P(first) in the what-if minus in the race, ± its standard "
                          "error (scenario by scenario)")
    for name in ("what-if", "production", "P(first)", "change", "launch P50",
                 "first shot P50", "P80"):
        table.add_column(name)
    for what_if in document["what_ifs"]:
        for row in what_if["productions"]:
            table.add_row(what_if["name"], row["id"], f"{row['p_first']:.1%}",
                          f"{row['change'] * 100:+.2f} ± {row['change_stderr'] * 100:.2f} pp "
                          f"(± {row['change_stderr_independent'] * 100:.2f} independent)",
                          row["launch"]["p50"][:16].replace("T", " "),
                          row["first_shot"]["p50"][:10], row["first_shot"]["p80"][:10])
    return table


def _calibrate(split: Optional[str], written: Format, output: Optional[Path]) -> None:
    """Score the slip model on the launch record and show each forecast against the slip."""
    try:
        day = None if split is None else date.fromisoformat(split)
    except ValueError:
        raise InputError(f"--split {split!r} is not a date (YYYY-MM-DD)", field="--split")
    document = calibrate(day).to_json()
    if written is Format.json:
        deliver(output, json_text(document))
    else:
        deliver(output, renderables=[_calibration_table(document)])


def _calibration_table(document: dict) -> Table:
    method = (f"fitted on the {document['fitted_on']} launches before {document['split']}"
              if document["split"] else "each launch forecast from the launches flown "
                                        "before its target was announced")
    coverage = ", ".join(f"{band} band {share:.0%}" for band, share
                         in document["coverage"].items())
    table = Table(title=f"Launch slip model, held out: {method}",
                  caption=f"coverage: {coverage} (goals 50% and 80%); PIT histogram "
                          f"{document['pit_histogram']} (flat when calibrated); not scored "
                          f"(no announcement date in the sources, or no earlier flight of "
                          f"the vehicle): "
                          f"{', '.join(document['unscored']) or 'none'}")
    for name in ("mission", "vehicle", "lead d", "slip d", "80% band d", "PIT",
                 *(f"in {int(b * 100)}%" for b in BANDS)):
        table.add_column(name)
    for row in document["launches"]:
        low, high = row["band_80_days"]
        table.add_row(row["mission"], row["vehicle"], str(row["lead_days"]),
                      str(row["slip_days"]), f"{low:.0f}-{high:.0f}", f"{row['pit']:.2f}",
                      *("yes" if row[f"in_{int(b * 100)}"] else "no" for b in BANDS))
    return table
