"""``orbitfilm check | schema | import | examples``: the production file and where it comes from."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..errors import InputError
from ..mission.checks import check_file
from ..production.examples import list_examples, write_example
from ..production.schema import production_json_schema_text
from ..formats.finaldraft import import_final_draft
from ..formats.uss import import_uss
from ..production.script_import import ImportRates, import_fountain
from ..production.talent_import import import_talent
from ..report.formatting import plural
from .app import app, console, note, warn
from .common import Live, check_output, deliver, say


@app.command("check", short_help="check a production file, naming every mistake")
def check_command(
    production: Path = typer.Argument(..., metavar="PRODUCTION",
                                      help="The production file (TOML)."),
    orbit: bool = typer.Option(True, "--orbit/--no-orbit",
                               help="Also check each scene's windows against the orbit."),
    allow_stale: bool = typer.Option(
        False, "--allow-stale-elements",
        help="Go on with element sets more than 60 days from the mission."),
    time_limit: float = typer.Option(
        30.0, "--time-limit", metavar="SECONDS", min=1.0,
        help="Seconds for the whole check; a launch that waits for the training plans it "
             "in 30% of them, as plan does."),
):
    """Check a production file and name every mistake, one line each (exit status 2).

    \b
    Example:
      orbitfilm check challenge-2021.toml
    """
    with Live() as live:
        live.stage("checking")
        report = check_file(production, orbit=orbit, allow_stale=allow_stale,
                            progress=live.stage, time_limit_s=time_limit)
    for message in report.warnings:
        warn(message)
    console.print(f"[green]ok[/green] {production}", highlight=False)
    for line in report.summary_lines():
        console.print(f"  {line}", markup=False, highlight=False, soft_wrap=True)


@app.command("schema", short_help="the production file's JSON Schema")
def schema_command(
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE",
                                          help="Write the schema to this file."),
):
    """Print the JSON Schema of production files, for editors that complete and check TOML.

    \b
    Example (taplo / Even Better TOML: put '#:schema production.schema.json' atop a file):
      orbitfilm schema -o production.schema.json
    """
    check_output(output)
    deliver(output, production_json_schema_text())


# The formats by suffix; anything else is read as Fountain (plain text).
IMPORTERS = {".fdx": import_final_draft, ".uss": import_uss, ".json": import_uss}


@app.command("import", short_help="a production from a screenplay, a breakdown or a talent file")
def import_command(
    source: str = typer.Argument(..., metavar="SCRIPT",
                                 help="A screenplay (.fountain, or Final Draft .fdx), a "
                                      "Universal Schedule Standard breakdown (.uss, .json); or "
                                      "the word 'talent' followed by a talent-scheduling "
                                      "instance."),
    talent_file: Optional[Path] = typer.Argument(None, metavar="[FILE]",
                                                 help="With 'talent': the instance file."),
    output: Path = typer.Option(..., "--output", "-o", metavar="FILE", help="The production file to write."),
    force: bool = typer.Option(False, "--force", help="Overwrite the output if it exists."),
    base: Optional[Path] = typer.Option(
        None, "--base", metavar="FILE", help="Take the mission, people and locations from this production."),
    minutes_per_page: float = typer.Option(
        ImportRates.orbital_min_per_page, min=0.1, metavar="MINUTES",
        help="Minutes to shoot a page aboard (one page = eight eighths)."),
    pages_per_day: float = typer.Option(ImportRates.ground_pages_per_day, min=0.01, metavar="PAGES",
                                        help="Pages a ground unit shoots in a day."),
    setup_min: float = typer.Option(ImportRates.setup_min, min=0, metavar="MINUTES",
                                    help="Set-up minutes of each scene aboard."),
):
    """Import a screenplay (Fountain or Final Draft) or a breakdown (Universal Schedule
    Standard) into a production file; never overwrites without --force.

    \b
    Examples:
      orbitfilm import challenge-2021.fountain -o mine.toml --base challenge-2021.toml
      orbitfilm import challenge.fdx -o mine.toml --base challenge-2021.toml
      orbitfilm import plan/schedule.uss -o replanned.toml --base challenge-2021.toml
      orbitfilm import talent tests/data/talent/dat/film103.dat -o film103.toml
    """
    check_output(output, force)
    if source == "talent":
        _import_talent(talent_file, output, force)
        return
    if talent_file is not None:
        raise InputError(f"unexpected argument {str(talent_file)!r}: import takes one script")
    rates = ImportRates(minutes_per_page, pages_per_day, setup_min)
    importer = IMPORTERS.get(Path(source).suffix.lower(), import_fountain)
    result = importer(source, output, force=force, rates=rates, base=base)
    say(f"wrote {result.output}: {plural(result.scenes, 'scene')}, "
        f"{plural(result.people_added, 'person')} and "
        f"{plural(result.locations_added, 'location')} added")
    for line in result.notes:
        say(f"  {line}")


def _import_talent(path: Optional[Path], output: Path, force: bool) -> None:
    """Import a talent-scheduling instance as a production of ground scenes."""
    if path is None:
        raise InputError("orbitfilm import talent FILE -o PRODUCTION.toml: give the instance file")
    result = import_talent(path, output, force=force)
    if result.left_out:
        note(f"left out {', '.join(result.left_out)}: in no scene of {path.name}, so paid for "
             f"no day in any order (the optimum is the same)")
    say(f"wrote {result.output}: {plural(result.scenes, 'ground scene')}, "
        f"{plural(result.actors, 'actor')}")


@app.command("examples", short_help="list or write out the bundled examples")
def examples_command(
    name: Optional[str] = typer.Argument(None, metavar="[NAME]",
                                         help="The example to write out."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="DIR",
                                          help="The folder to write the example into."),
    force: bool = typer.Option(False, "--force", help="Overwrite files that exist."),
):
    """List the bundled examples, or write one out to start from.

    \b
    Example:
      orbitfilm examples challenge-2021 -o my-film
    """
    if name is None:
        for example in list_examples():
            console.print(f"[bold]{example.name}[/bold]  {example.description}  "
                          f"({', '.join(example.files)})", highlight=False, soft_wrap=True)
        return
    folder = output or Path(".")
    if folder.exists() and not folder.is_dir():
        raise InputError("a file, not a folder for the example", path=str(folder))
    for path in write_example(name, folder, force=force):
        say(f"wrote {path}")
