"""``orbitfilm check | schema | import | examples``: the production file and where it comes from."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from ..errors import InputError, OutputExistsError
from ..production.checks import check_file
from ..production.examples import list_examples, write_example
from ..production.files import write_text_atomic
from ..production.schema import production_json_schema_text
from ..production.script_import import ImportRates, import_fountain
from .app import app, console, err_console, warn


@app.command("check")
def check_command(
    production: Path = typer.Argument(..., help="The production file (TOML)."),
    orbit: bool = typer.Option(True, "--orbit/--no-orbit",
                               help="Also check each scene's windows against the orbit."),
):
    """Check a production file and name every mistake, one line each (exit status 2).

    Example:

        orbitfilm check challenge-2021.toml
    """
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  console=err_console, transient=True) as progress:
        progress.add_task("checking")
        report = check_file(production, orbit=orbit)
    for message in report.warnings:
        warn(message)
    console.print(f"[green]ok[/green] {production}", highlight=False)
    for line in report.summary_lines():
        console.print(f"  {line}", markup=False, highlight=False, soft_wrap=True)


@app.command("schema")
def schema_command(
    output: Optional[Path] = typer.Option(None, "--output", "-o",
                                          help="Write the schema to this file."),
):
    """Print the JSON Schema of production files, for editors that complete and check TOML.

    Example (taplo / Even Better TOML: put '#:schema production.schema.json' atop a file):

        orbitfilm schema -o production.schema.json
    """
    text = production_json_schema_text()
    if output is None:
        typer.echo(text, nl=False)
    else:
        write_text_atomic(output, text)
        console.print(f"wrote {output}", markup=False, highlight=False)


@app.command("import")
def import_command(
    source: str = typer.Argument(..., metavar="SCRIPT",
                                 help="A Fountain screenplay (.fountain); or the word 'talent' "
                                      "followed by a talent-scheduling instance."),
    talent_file: Optional[Path] = typer.Argument(None, metavar="[FILE]",
                                                 help="With 'talent': the instance file."),
    output: Path = typer.Option(..., "--output", "-o", help="The production file to write."),
    force: bool = typer.Option(False, "--force", help="Overwrite the output if it exists."),
    base: Optional[Path] = typer.Option(
        None, "--base", help="Take the mission, people and locations from this production."),
    minutes_per_page: float = typer.Option(
        ImportRates.orbital_min_per_page, min=0.1,
        help="Minutes to shoot a page aboard (one page = eight eighths)."),
    pages_per_day: float = typer.Option(ImportRates.ground_pages_per_day, min=0.01,
                                        help="Pages a ground unit shoots in a day."),
    setup_min: float = typer.Option(ImportRates.setup_min, min=0,
                                    help="Set-up minutes of each scene aboard."),
):
    """Import a screenplay (Fountain) into a production file; never overwrites without --force.

    Example:

        orbitfilm import challenge-2021.fountain -o mine.toml --base challenge-2021.toml

        orbitfilm import talent tests/data/talent/dat/film103.dat -o film103.toml
    """
    if source == "talent":
        _import_talent(talent_file, output, force)
        return
    if talent_file is not None:
        raise InputError(f"unexpected argument {str(talent_file)!r}: import takes one script")
    rates = ImportRates(minutes_per_page, pages_per_day, setup_min)
    result = import_fountain(source, output, force=force, rates=rates, base=base)
    console.print(f"wrote {result.output}: {result.scenes} scenes, {result.people_added} people "
                  f"and {result.locations_added} locations added", markup=False, highlight=False)
    for note in result.notes:
        console.print(f"  {note}", markup=False, highlight=False, soft_wrap=True)


def _import_talent(path: Optional[Path], output: Path, force: bool) -> None:
    """Import a talent-scheduling instance as a production of ground scenes."""
    from ..production.talent_import import import_talent

    if path is None:
        raise InputError("orbitfilm import talent FILE -o PRODUCTION.toml: give the instance file")
    try:
        result = import_talent(path, output, force=force)
    except OutputExistsError as error:
        raise InputError(f"{error.message}; use --force to overwrite it",
                         path=error.path) from None
    if result.left_out:
        err_console.print(f"note: left out {', '.join(result.left_out)}: in no scene of "
                          f"{path.name}, so paid for no day in any order (the optimum is the "
                          f"same)", markup=False, highlight=False, soft_wrap=True)
    console.print(f"wrote {result.output}: {result.scenes} ground scenes, {result.actors} actors",
                  markup=False, highlight=False, soft_wrap=True)


@app.command("examples")
def examples_command(
    name: Optional[str] = typer.Argument(None, help="The example to write out."),
    output: Optional[Path] = typer.Option(None, "--output", "-o",
                                          help="The folder to write the example into."),
    force: bool = typer.Option(False, "--force", help="Overwrite files that exist."),
):
    """List the bundled examples, or write one out to start from.

    Example:

        orbitfilm examples challenge-2021 -o my-film
    """
    if name is None:
        for example in list_examples():
            console.print(f"[bold]{example.name}[/bold]  {example.description}  "
                          f"({', '.join(example.files)})", highlight=False, soft_wrap=True)
        return
    for path in write_example(name, output or Path("."), force=force):
        console.print(f"wrote {path}", markup=False, highlight=False)
