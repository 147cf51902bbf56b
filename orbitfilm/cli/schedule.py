"""``orbitfilm schedule``, ``verify`` and ``plan``: the shooting schedule, its check, the plan."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..deadline import command_deadline
from ..errors import InputError
from ..plan.stage import TRAINING_SHARE, make_plan, schedule_flight, settle_flight, stage_options
from ..production.loader import load_production
from ..report import json_text
from ..report.schedule_table import ground_line, ground_table, schedule_tables, summary_line
from ..schedule.problem import SolveOptions
from ..schedule.verify import verify_file
from ..words import plural
from .app import app, console, err_console, warn
from .common import Format, Live, TableOrJson, check_output, deliver, output_format, say
from .store import DB_HELP, plan_into_store


def solve_options(time_limit: float, workers: int, seed: int, deterministic: bool) -> SolveOptions:
    return SolveOptions(time_limit_s=time_limit, workers=workers, seed=seed,
                        deterministic=deterministic, catch_interrupt=True)


TIME_LIMIT = typer.Option(60.0, "--time-limit", metavar="SECONDS", min=0.1, help="Seconds the solver may search.")
WORKERS = typer.Option(2, "--workers", metavar="N", min=1, help="Solver threads.")
SEED = typer.Option(0, "--seed", metavar="N", help="The solver's random seed.")
DETERMINISTIC = typer.Option(
    False, "--deterministic",
    help="The same schedule every run for a seed and number of workers, on any machine (the "
         "time limit counts the solver's deterministic time, not the clock).")
ALLOW_STALE = typer.Option(
    False, "--allow-stale-elements",
    help="Go on with element sets more than 60 days from the mission (the output says so).")


@app.command("schedule", short_help="schedule the scenes aboard and the ground unit")
def schedule_command(
    production: Path = typer.Argument(..., metavar="PRODUCTION",
                                      help="The production file (TOML)."),
    time_limit: float = TIME_LIMIT,
    workers: int = WORKERS,
    seed: int = SEED,
    deterministic: bool = DETERMINISTIC,
    allow_stale: bool = ALLOW_STALE,
    format: Optional[TableOrJson] = typer.Option(
        None, "--format", "-f", help="table or json (default: by the -o file's suffix, "
                                     "else table)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE",
                                          help="Write to this file instead of the screen."),
):
    """Schedule the scenes aboard (orbital light, the crew's day, the camera unit's hands) and
    the ground unit's days.

    Prints progress (best schedule and bound) while solving; Ctrl-C stops the search and
    keeps the best schedule found so far. Scenes left out come with a reason.

    \b
    Example:
      orbitfilm schedule challenge-2021.toml --time-limit 60 -o schedule.json
    """
    chosen = output_format(format, output, (Format.table, Format.json))
    check_output(output)
    loaded = load_production(production)
    with Live() as live:
        options = solve_options(time_limit, workers, seed, deterministic)
        with command_deadline(time_limit):
            flight, road = settle_flight(loaded, options, allow_stale, live.stage)
            live.stage("solving")
            if road is not None:  # the training took its share of the time
                options = stage_options(options, time_limit * (1 - TRAINING_SHARE))
            schedules = schedule_flight(flight, options=options, progress=live.solver)
    for message in schedules.warnings:
        warn(message)
    if chosen is Format.json:
        deliver(output, json_text(schedules.to_json()))
        return
    tables = schedule_tables(schedules.orbital) if loaded.orbital_scenes() else []
    tables += [ground_table(schedules.ground)] if schedules.ground else []
    deliver(output, renderables=tables)
    say(summary_line(schedules.orbital))
    if schedules.ground:
        say(ground_line(schedules.ground))


@app.command("verify", short_help="check a schedule against every rule")
def verify_command(
    production: Optional[Path] = typer.Argument(None, metavar="PRODUCTION",
                                                help="The production file (TOML)."),
    schedule_file: Optional[Path] = typer.Argument(
        None, metavar="SCHEDULE.json", help="A schedule file (orbitfilm schedule -o x.json)."),
    allow_stale: bool = ALLOW_STALE,
    version: Optional[int] = typer.Option(
        None, "--version", metavar="N",
        help="Check the store's version N instead of files: against its production "
             "revision with the shoot log its re-plan read."),
    db: Optional[str] = typer.Option(None, "--db", metavar="URL", help=DB_HELP),
):
    """Check a schedule against every rule, independently of the solver; list each violation.

    Exit status 0 when the schedule keeps every rule, 1 when it breaks some.

    \b
    Examples:
      orbitfilm verify challenge-2021.toml plan/schedule.json
      orbitfilm verify --version 3 --db orbitfilm.db
    """
    if version is not None:
        violations = _verify_version(db, version, allow_stale)
    elif production is None or schedule_file is None:
        raise InputError("give PRODUCTION and SCHEDULE.json, or --version N (the store's)",
                         field="verify")
    else:
        violations = verify_file(production, schedule_file, allow_stale=allow_stale,
                                 warn=warn)
    for violation in violations:
        console.print(f"{violation.rule}: {violation.message}", markup=False, soft_wrap=True)
    if violations:
        err_console.print(f"{plural(len(violations), 'violation')}", markup=False)
        raise typer.Exit(1)
    say("the schedule keeps every rule")


def _verify_version(db: Optional[str], version: int, allow_stale: bool):
    """Check a store's version against what it was made for (``store.replanning``)."""
    from ..mission.flight import prepare_flight
    from ..schedule.verify import check_schedule
    from ..store.db import open_store, transaction
    from ..store.replanning import version_production

    with transaction(open_store(db)) as session:
        production, elements, schedule = version_production(session, version)
    flight = prepare_flight(production, allow_stale=allow_stale, elements=elements)
    for message in flight.warnings:
        warn(message)
    return check_schedule(flight, schedule, f"version {version}")


@app.command("plan", short_help="the main job: everything into a plan folder")
def plan_command(
    production: Optional[Path] = typer.Argument(
        None, metavar="[PRODUCTION]",
        help="The production file (TOML); the bundled challenge-2021 when left out."),
    out_dir: Path = typer.Option(Path("plan"), "--output", "-o", metavar="DIR", help="The plan folder."),
    time_limit: float = TIME_LIMIT,
    workers: int = WORKERS,
    seed: int = SEED,
    deterministic: bool = DETERMINISTIC,
    allow_stale: bool = ALLOW_STALE,
    force: bool = typer.Option(False, "--force",
                               help="Write into a folder that holds something else."),
    pdf: bool = typer.Option(False, "--pdf",
                             help="Also write the call sheets and the one-liner as PDF "
                                  "(needs the 'pdf' extra: WeasyPrint)."),
    db: Optional[str] = typer.Option(
        None, "--db", metavar="URL",
        help="Keep the plan in this store as a draft version instead of a folder: the "
             "production given (added first), else the store's (orbitfilm export writes "
             "the folder)."),
    production_id: Optional[int] = typer.Option(
        None, "--production", metavar="ID",
        help="With --db and no PRODUCTION: the store's production (when it holds more "
             "than one)."),
):
    """Plan a production: launch, orbit, schedules and every report, written into a folder.

    With no production, plans the bundled example challenge-2021 (The Challenge, 2021).

    \b
    Examples:
      orbitfilm plan -o plan
      orbitfilm plan challenge-2021.toml -o plan --pdf
      orbitfilm plan --db orbitfilm.db              (a draft version in the store)
    """
    options = solve_options(time_limit, workers, seed, deterministic)
    if db is not None:
        def make(path, folder):
            with Live() as live:
                return make_plan(path, folder, options=options, stage=live.stage,
                                 progress=live.solver, force=True, allow_stale=allow_stale,
                                 pdf=pdf), {
                    "time_limit_s": time_limit, "workers": workers, "seed": seed,
                    "deterministic": deterministic, "allow_stale": allow_stale}
        return plan_into_store(production, db, production_id, make)
    with Live() as live:
        made = make_plan(production, out_dir, options=options,
                         stage=live.stage, progress=live.solver, force=force,
                         allow_stale=allow_stale, pdf=pdf)
    for message in made.schedules.warnings:
        warn(message)
    if made.production.orbital_scenes():
        say(summary_line(made.schedules.orbital))
    if made.schedules.ground:
        say(ground_line(made.schedules.ground))
    say(f"wrote {plural(len(made.paths), 'file')} into {out_dir}/; open {made.paths[0]}")
