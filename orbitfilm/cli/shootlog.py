"""``orbitfilm log``: the shoot log in the store, entry by entry as it happens."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer
from rich.table import Table

from ..errors import InputError
from ..production.files import read_text
from ..report import json_text
from ..times import format_minute, parse_iso
from .app import app
from .common import Format, TableOrJson, deliver, output_format, say
from .store import DB_HELP, PRODUCTION_HELP

log_app = typer.Typer(
    invoke_without_command=True, rich_markup_mode=None,
    help="The shoot log: mission times, scenes shot or lost, station events, new element "
         "sets, as they happen. Without a subcommand, the log (newest last).\n\n"
         "\b\nExamples:\n"
         "  orbitfilm log mission --docking 2021-10-05T12:22:31Z --db orbitfilm.db\n"
         "  orbitfilm log shot S12 --start 2021-10-06T08:10Z --end 2021-10-06T08:55Z --take 3\n"
         "  orbitfilm log event --start 2021-10-15T09:13Z --end 2021-10-15T09:45Z \\\n"
         "    --reason 'station attitude control lost'\n"
         "  orbitfilm log --format json")
app.add_typer(log_app, name="log", short_help="the shoot log: log what happened, or show it")

DB = typer.Option(None, "--db", metavar="URL", help=DB_HELP)
PRODUCTION = typer.Option(None, "--production", metavar="ID", help=PRODUCTION_HELP)
SUPERSEDES = typer.Option(None, "--supersedes", metavar="ENTRY",
                          help="The entry this one corrects (the log keeps both).")


def _log(db, production, kind: str, data: dict, supersedes: Optional[int]) -> None:
    """Append one entry (the store's modules are imported when a store command runs:
    SQLAlchemy costs the other commands a quarter of a second otherwise)."""
    from ..store.audit import current_user
    from ..store.db import open_store, transaction
    from ..store.productions import pick_production
    from ..store.shootlog import add_entry

    with transaction(open_store(db)) as session:
        found = pick_production(session, production)
        entry = add_entry(session, found.id, kind, data, current_user(), supersedes)
    say(f"log entry {entry} ({kind}) of {found.title!r}")


@log_app.callback()
def show_command(
    ctx: typer.Context,
    db: Optional[str] = DB,
    production: Optional[int] = PRODUCTION,
    format: Optional[TableOrJson] = typer.Option(None, "--format", "-f",
                                                 help="table or json."),
):
    """The shoot log, newest last; a corrected entry shows which one superseded it.

    \b
    Example:
      orbitfilm log --db orbitfilm.db --format json
    """
    from ..store.db import open_store, transaction
    from ..store.productions import pick_production
    from ..store.shootlog import log_entries

    if ctx.invoked_subcommand is not None:
        ctx.obj = {"db": db, "production": production}
        return
    chosen = output_format(format, None, (Format.table, Format.json))
    with transaction(open_store(db)) as session:
        found = pick_production(session, production)
        entries = log_entries(session, found.id)
    if chosen is Format.json:
        deliver(None, json_text(entries))
        return
    table = Table(title=f"Shoot log of {found.title!r}")
    for name in ("#", "logged (UTC)", "by", "what", "details", "corrects", "corrected by"):
        table.add_column(name)
    for e in entries:
        table.add_row(str(e["id"]), e["at"][:19].replace("T", " "), e["who"], e["kind"],
                      _details(e["data"]), str(e["supersedes"] or ""),
                      str(e["superseded_by"] or ""))
    deliver(None, renderables=[table])


def _details(data: dict) -> str:
    shown = []
    for key, value in data.items():
        if key in ("start", "end", "docking", "hatch_open", "undocking") and value is not None:
            value = format_minute(value)
        if value not in (None, [], ""):
            shown.append(f"{key} {', '.join(value) if isinstance(value, list) else value}")
    return "; ".join(shown)


def _parent(ctx: typer.Context, db, production):
    given = ctx.obj or {}
    return db or given.get("db"), production if production is not None else given.get(
        "production")


@log_app.command("shot", short_help="a scene shot, whole or a piece")
def shot_command(ctx: typer.Context,
                 scene: str = typer.Argument(..., metavar="SCENE", help="The scene's id."),
                 start: str = typer.Option(..., "--start", metavar="ISO"),
                 end: str = typer.Option(..., "--end", metavar="ISO"),
                 take: Optional[int] = typer.Option(None, "--take", min=1, metavar="N"),
                 note: str = typer.Option("", "--note", metavar="TEXT"),
                 db: Optional[str] = DB, production: Optional[int] = PRODUCTION,
                 supersedes: Optional[int] = SUPERSEDES):
    """Log a scene shot (or a piece of it) with its real start and end.

    \b
    Example:
      orbitfilm log shot 12 --start 2021-10-06T08:10Z --end 2021-10-06T08:55Z --take 3
    """
    _log(*_parent(ctx, db, production), "shot", {
        "scene": scene, "start": parse_iso(start, field="--start"),
        "end": parse_iso(end, field="--end"), "take": take, "note": note}, supersedes)


@log_app.command("lost", short_help="a scene lost or cut, with the reason")
def lost_command(ctx: typer.Context,
                 scene: str = typer.Argument(..., metavar="SCENE", help="The scene's id."),
                 reason: str = typer.Option(..., "--reason", metavar="TEXT"),
                 db: Optional[str] = DB, production: Optional[int] = PRODUCTION,
                 supersedes: Optional[int] = SUPERSEDES):
    """Log a scene lost or cut.

    \b
    Example:
      orbitfilm log lost 2 --reason "cut for time"
    """
    _log(*_parent(ctx, db, production), "lost", {"scene": scene, "reason": reason},
         supersedes)


@log_app.command("event", short_help="a span blocked aboard, for everyone or some")
def event_command(ctx: typer.Context,
                  start: str = typer.Option(..., "--start", metavar="ISO"),
                  end: str = typer.Option(..., "--end", metavar="ISO"),
                  reason: str = typer.Option(..., "--reason", metavar="TEXT"),
                  people: Optional[List[str]] = typer.Option(
                      None, "--people", metavar="ID", help="Only these people (repeat)."),
                  modules: Optional[List[str]] = typer.Option(
                      None, "--modules", metavar="ID", help="Only these modules (repeat)."),
                  db: Optional[str] = DB, production: Optional[int] = PRODUCTION,
                  supersedes: Optional[int] = SUPERSEDES):
    """Log a station event: a span blocked for everyone aboard, or some people or modules.

    \b
    Example:
      orbitfilm log event --start 2021-10-15T09:13Z --end 2021-10-15T09:45Z \\
        --reason "station attitude control lost"
    """
    _log(*_parent(ctx, db, production), "event", {
        "start": parse_iso(start, field="--start"), "end": parse_iso(end, field="--end"),
        "reason": reason, "people": list(people or []), "modules": list(modules or [])},
        supersedes)


@log_app.command("duty", short_help="a duty of the crew's day moved to a new span")
def duty_command(ctx: typer.Context,
                 name: str = typer.Option(..., "--name", metavar="TEXT",
                                          help="The duty (e.g. 'Progress MS-18 unloading')."),
                 start: str = typer.Option(..., "--start", metavar="ISO"),
                 end: str = typer.Option(..., "--end", metavar="ISO"),
                 people: Optional[List[str]] = typer.Option(
                     None, "--people", metavar="ID", help="Who does it (repeat)."),
                 db: Optional[str] = DB, production: Optional[int] = PRODUCTION,
                 supersedes: Optional[int] = SUPERSEDES):
    """Log a duty of the crew's day moved: its people are busy over the new span.

    \b
    Example:
      orbitfilm log duty --name "Progress MS-18 unloading" --start 2021-10-09T10:00Z \\
        --end 2021-10-09T14:00Z --people shkaplerov
    """
    _log(*_parent(ctx, db, production), "duty", {
        "name": name, "start": parse_iso(start, field="--start"),
        "end": parse_iso(end, field="--end"), "people": list(people or [])}, supersedes)


@log_app.command("ill", short_help="a person unable to work for a span")
def ill_command(ctx: typer.Context,
                person: str = typer.Argument(..., metavar="PERSON", help="The person's id."),
                start: str = typer.Option(..., "--start", metavar="ISO"),
                end: str = typer.Option(..., "--end", metavar="ISO"),
                db: Optional[str] = DB, production: Optional[int] = PRODUCTION,
                supersedes: Optional[int] = SUPERSEDES):
    """Log a person ill (or otherwise unable to work) over a span.

    \b
    Example:
      orbitfilm log ill peresild --start 2021-10-09T10:00Z --end 2021-10-09T18:00Z
    """
    _log(*_parent(ctx, db, production), "ill", {
        "person": person, "start": parse_iso(start, field="--start"),
        "end": parse_iso(end, field="--end")}, supersedes)


@log_app.command("mission", short_help="docking, hatch opening, undocking as they happened")
def mission_command(ctx: typer.Context,
                    docking: Optional[str] = typer.Option(None, "--docking", metavar="ISO"),
                    hatch_open: Optional[str] = typer.Option(None, "--hatch-open",
                                                             metavar="ISO"),
                    undocking: Optional[str] = typer.Option(None, "--undocking",
                                                            metavar="ISO"),
                    db: Optional[str] = DB, production: Optional[int] = PRODUCTION,
                    supersedes: Optional[int] = SUPERSEDES):
    """Log the mission's times as they happened.

    \b
    Example:
      orbitfilm log mission --docking 2021-10-05T12:22:31Z
    """
    data = {"docking": docking and parse_iso(docking, field="--docking"),
            "hatch_open": hatch_open and parse_iso(hatch_open, field="--hatch-open"),
            "undocking": undocking and parse_iso(undocking, field="--undocking")}
    if not any(v is not None for v in data.values()):
        raise InputError("give --docking, --hatch-open or --undocking", field="log mission")
    _log(*_parent(ctx, db, production), "mission", data, supersedes)


@log_app.command("elements", short_help="new element sets, as received")
def elements_command(ctx: typer.Context,
                     file: Path = typer.Argument(..., metavar="FILE",
                                                 help="The element sets (TLE text)."),
                     db: Optional[str] = DB, production: Optional[int] = PRODUCTION):
    """Log new element sets (the text kept as received).

    \b
    Example:
      orbitfilm log elements iss-2021-10-14.tle
    """
    _log(*_parent(ctx, db, production), "elements",
         {"file": file.name, "text": read_text(file)}, None)
