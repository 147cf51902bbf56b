"""``orbitfilm schedule``, ``verify`` and ``plan``: the orbital shooting schedule and its check."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich import box
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..files import write_text_atomic
from ..report import plain_text
from ..times import format_minute
from .app import app, console, err_console


class Format(str, Enum):
    table = "table"
    json = "json"


def _options(time_limit: float, workers: int, seed: int, deterministic: bool):
    from ..schedule import SolveOptions

    return SolveOptions(time_limit_s=time_limit, workers=workers, seed=seed,
                        deterministic=deterministic, catch_interrupt=True)


class _Live:
    """A rich line on standard error: the stage, then the best objective and bound."""

    def __init__(self):
        self.progress = Progress(SpinnerColumn(), TextColumn("{task.description}"),
                                 TimeElapsedColumn(), console=err_console, transient=True)
        self.task = self.progress.add_task("starting")
        self.best: dict = {}

    def __enter__(self):
        self.progress.__enter__()
        return self

    def __exit__(self, *exc):
        return self.progress.__exit__(*exc)

    def stage(self, name: str) -> None:
        self.progress.update(self.task, description=name)

    def solver(self, report: dict) -> None:
        self.best.update({k: v for k, v in report.items() if v is not None})
        objective, bound = self.best.get("objective"), self.best.get("bound")
        text = "solving (Ctrl-C keeps the best so far)"
        if objective is not None:
            text += f": best {objective:,.0f}"
        if bound is not None:
            text += f", bound {bound:,.0f}"
        self.progress.update(self.task, description=text)


@app.command("schedule")
def schedule_command(
    production: Path = typer.Argument(..., help="The production file (TOML)."),
    time_limit: float = typer.Option(60.0, "--time-limit", min=0.1,
                                     help="Seconds the solver may search."),
    workers: int = typer.Option(2, "--workers", min=1, help="Solver threads."),
    seed: int = typer.Option(0, "--seed", help="The solver's random seed."),
    deterministic: bool = typer.Option(
        False, "--deterministic",
        help="Same schedule every run for a seed and number of workers (the time limit "
             "counts the solver's deterministic time)."),
    format: Format = typer.Option(Format.table, "--format", "-f", help="Output format."),
    output: Optional[Path] = typer.Option(None, "--output", "-o",
                                          help="Write to this file instead of the screen."),
):
    """Schedule the scenes aboard: orbital light, the crew's day, the camera unit's hands.

    Prints progress (best objective and bound) while solving; Ctrl-C stops the search and
    keeps the best schedule found so far. Scenes left out come with a reason.

    Example:

        orbitfilm schedule challenge-2021.toml --time-limit 60 --workers 2 --format json
    """
    from ..production import load_production
    from ..schedule import schedule

    loaded = load_production(production)
    with _Live() as live:
        live.stage("computing the orbital environment")
        environment = loaded.environment() if loaded.orbital_scenes() else None
        live.stage("solving")
        result = schedule(loaded, environment, options=_options(time_limit, workers, seed,
                                                                 deterministic),
                          progress=live.solver)
    _render(result, format, output)


@app.command("verify")
def verify_command(
    production: Path = typer.Argument(..., help="The production file (TOML)."),
    schedule_file: Path = typer.Argument(..., metavar="SCHEDULE.json",
                                         help="A schedule file (orbitfilm schedule -f json)."),
):
    """Check a schedule against every rule, independently of the solver; list each violation.

    Exit status 0 when the schedule keeps every rule, 1 when it breaks some.

    Example:

        orbitfilm verify challenge-2021.toml plan/schedule.json
    """
    from ..schedule.verify import verify_file

    violations = verify_file(production, schedule_file)
    for violation in violations:
        typer.echo(f"{violation.rule}: {violation.message}")
    if violations:
        err_console.print(f"{len(violations)} violation(s)", markup=False)
        raise typer.Exit(1)
    typer.echo("the schedule keeps every rule")


@app.command("plan")
def plan_command(
    production: Optional[Path] = typer.Argument(
        None, help="The production file (TOML); the bundled challenge-2021 when left out."),
    out_dir: Path = typer.Option(Path("plan"), "--output", "-o", help="The plan folder."),
    time_limit: float = typer.Option(60.0, "--time-limit", min=0.1,
                                     help="Seconds the solver may search."),
    workers: int = typer.Option(2, "--workers", min=1, help="Solver threads."),
    seed: int = typer.Option(0, "--seed", help="The solver's random seed."),
    force: bool = typer.Option(False, "--force",
                               help="Write over a folder that holds something else."),
):
    """Plan a production: launch, orbital environment, schedule, reports, written into a folder.

    With no production, plans the bundled example challenge-2021 (The Challenge, 2021).

    Example:

        orbitfilm plan -o plan
    """
    from ..plan import make_plan

    with _Live() as live:
        made = make_plan(production, out_dir, options=_options(time_limit, workers, seed, False),
                         stage=live.stage, progress=live.solver, force=force)
    typer.echo(_summary(made.schedule))
    if made.ground:
        typer.echo(f"ground unit: {len(made.ground['order'])} scene(s) over "
                   f"{made.ground.get('shooting_days', '?')} day(s), cost "
                   f"{_number(made.ground['total_cost'])}"
                   f"{' (optimal)' if made.ground.get('optimal') else ''}")
    typer.echo(f"wrote {len(made.paths)} files into {out_dir}/; open {made.paths[0]}")


# -- rendering -------------------------------------------------------------------------------

def _render(result, format: Format, output: Optional[Path]) -> None:
    if format is Format.json:
        text = json.dumps(result.to_json(), indent=2, ensure_ascii=False) + "\n"
    elif output:
        text = "\n".join(plain_text(part) for part in _tables(result)) + _summary(result) + "\n"
    else:
        for part in _tables(result):
            console.print(part)
        typer.echo(_summary(result))
        return
    if output:
        write_text_atomic(output, text)
    else:
        sys.stdout.write(text)


def _summary(result) -> str:
    """Return one line: status, objective, bound and gap, time, scenes shot and left out."""
    shot, left = len(result.scene_ids()), len(result.unscheduled)
    line = f"{result.status.value}: objective {_number(result.objective)}"
    line += f", bound {_number(result.bound)}"
    if result.gap is not None:
        line += f", gap {100 * result.gap:.2f}%"
    return line + f"; {result.runtime_s:.1f} s; {shot} scene(s) scheduled, {left} left out"


def _number(value) -> str:
    return "none" if value is None else f"{value:,.0f}"


def _tables(result) -> list[Table]:
    """Return the schedule as tables for people: the scenes by start, then those left out."""
    table = Table(title="Orbital shooting schedule (GMT)", title_justify="left",
                  box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for heading in ("Scene", "Set-up", "Shoot", "End", "Location", "Cast", "Conditions"):
        table.add_column(heading, no_wrap=heading not in ("Cast", "Conditions"))
    for scene in result.scenes:
        table.add_row(scene.id, format_minute(scene.start_s), format_minute(
            scene.shoot_start_s)[11:], format_minute(scene.end_s)[11:], scene.location,
            ", ".join(scene.cast), _conditions(scene.conditions))
    tables = [table]
    if result.unscheduled:
        left = Table(title="Left out", title_justify="left", box=box.SIMPLE_HEAD,
                     show_edge=False, pad_edge=False)
        left.add_column("Scene", no_wrap=True)
        left.add_column("Why")
        for item in result.unscheduled:
            left.add_row(item.id, item.reason)
        tables.append(left)
    if result.penalties:
        wishes = Table(title="Wishes given up", title_justify="left", box=box.SIMPLE_HEAD,
                       show_edge=False, pad_edge=False)
        for heading in ("Wish", "Scenes", "Cost"):
            wishes.add_column(heading)
        for penalty in result.penalties:
            wishes.add_row(penalty.name, ", ".join(penalty.scenes), str(penalty.cost))
        tables.append(wishes)
    return tables


def _conditions(written: dict) -> str:
    parts = []
    for name, value in written.items():
        parts.append(f"{name} {', '.join(value)}" if isinstance(value, list) else f"{name} {value}")
    return "; ".join(parts)
