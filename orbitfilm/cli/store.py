"""``orbitfilm db init|upgrade``, ``add``, ``versions``, ``publish``, ``export``, ``audit``, and
``plan --db``: the store of record."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from ..production.files import read_text
from ..production.loader import parse_production
from ..report import json_text
from ..report.writer import check_folder, write_whole
from .app import app
from .common import Format, TableOrJson, deliver, output_format, say

DB_HELP = ("The store: a file (SQLite) or a URL (postgresql://...); default ORBITFILM_DB, "
           "else orbitfilm.db here.")

db_app = typer.Typer(
    no_args_is_help=True, rich_markup_mode=None,
    help="The store of record: make it, or bring its schema to this orbitfilm's.\n\n"
         "\b\nExamples:\n"
         "  orbitfilm db init                          (orbitfilm.db here)\n"
         "  orbitfilm db init --db postgresql://office@db.example/orbitfilm\n"
         "  orbitfilm db upgrade")
app.add_typer(db_app, name="db", short_help="the store of record: init, upgrade")


@db_app.command("init", short_help="make the store (its schema) if it has none")
def init_command(db: Optional[str] = typer.Option(None, "--db", metavar="URL", help=DB_HELP)):
    """Make the store: an empty file or database gets this orbitfilm's schema.

    \b
    Example:
      orbitfilm db init --db postgresql+psycopg://office@db.example/orbitfilm
    """
    _upgrade(db, "made")


@db_app.command("upgrade", short_help="bring the store's schema to this orbitfilm's")
def upgrade_command(db: Optional[str] = typer.Option(None, "--db", metavar="URL",
                                                     help=DB_HELP)):
    """Bring an older store's schema to this orbitfilm's (a newer one is refused).

    \b
    Example:
      orbitfilm db upgrade --db orbitfilm.db
    """
    _upgrade(db, "upgraded")


def _upgrade(db: Optional[str], verb: str) -> None:
    """Make or upgrade the store's schema (the store's modules are imported when a store
    command runs: SQLAlchemy and Alembic cost the other commands a quarter of a second)."""
    from ..store.db import make_engine, store_url, upgrade

    url = store_url(db)
    before, after = upgrade(make_engine(url))
    shown = url.split("@")[-1]     # never print a password
    if before == after:
        say(f"the store at {shown} is at schema {after} already")
    else:
        say(f"{verb} the store at {shown}: schema {before or 'none'} -> {after}")


@app.command("add", short_help="add a production file to the store (a new revision if changed)")
def add_command(
    production: Path = typer.Argument(..., metavar="PRODUCTION", help="The production file."),
    db: Optional[str] = typer.Option(None, "--db", metavar="URL", help=DB_HELP),
    format: Optional[TableOrJson] = typer.Option(None, "--format", "-f",
                                                 help="table (the id) or json."),
):
    """Add a production file to the store, checked first: a new production, or a new
    revision of the one with its title when the file changed. Prints the id.

    \b
    Example:
      orbitfilm add challenge-2021.toml --format json     ({"id": 1, "revision": 1})
    """
    from ..store.audit import current_user
    from ..store.db import open_store, transaction
    from ..store.productions import add_production

    chosen = output_format(format, None, (Format.table, Format.json))
    text = read_text(production)
    parsed = parse_production(text, source=str(production))
    engine = open_store(db)
    with transaction(engine) as session:
        added = add_production(session, text, parsed.title, production.name, current_user(),
                               parsed.model_dump(mode="json"))
    if chosen is Format.json:
        deliver(None, json_text({"id": added["id"], "revision": added["revision"]}))
    else:
        deliver(None, f"{added['id']}\n")
        say(f"{'revision' if added['added'] else 'unchanged: revision'} {added['revision']} "
            f"of {parsed.title!r}", aside=True)


@app.command("audit", short_help="the store's audit trail: who changed what, when")
def audit_command(
    db: Optional[str] = typer.Option(None, "--db", metavar="URL", help=DB_HELP),
    format: Optional[TableOrJson] = typer.Option(None, "--format", "-f",
                                                 help="table or json."),
):
    """Show every change the store holds, oldest first.

    \b
    Example:
      orbitfilm audit --db orbitfilm.db --format json
    """
    from ..store.audit import audit_trail
    from ..store.db import open_store, transaction

    chosen = output_format(format, None, (Format.table, Format.json))
    with transaction(open_store(db)) as session:
        trail = audit_trail(session)
    if chosen is Format.json:
        deliver(None, json_text(trail))
        return
    table = Table(title="Audit trail")
    for name in ("#", "when (UTC)", "who", "what", "production", "detail"):
        table.add_column(name)
    for row in trail:
        table.add_row(str(row["id"]), row["at"][:19].replace("T", " "), row["who"],
                      row["action"], str(row["production"] or ""),
                      ", ".join(f"{k} {v}" for k, v in row["detail"].items()))
    deliver(None, renderables=[table])


PRODUCTION_HELP = "The production's id in the store (needed when it holds more than one)."


@app.command("versions", short_help="a production's schedule versions in the store")
def versions_command(
    db: Optional[str] = typer.Option(None, "--db", metavar="URL", help=DB_HELP),
    production: Optional[int] = typer.Option(None, "--production", metavar="ID",
                                             help=PRODUCTION_HELP),
    format: Optional[TableOrJson] = typer.Option(None, "--format", "-f",
                                                 help="table or json."),
):
    """List a production's schedule versions, oldest first: draft, active, superseded.

    \b
    Example:
      orbitfilm versions --db orbitfilm.db --production 1
    """
    from ..store.db import open_store, transaction
    from ..store.productions import pick_production
    from ..store.versions import list_versions

    chosen = output_format(format, None, (Format.table, Format.json))
    with transaction(open_store(db)) as session:
        found = pick_production(session, production)
        rows = list_versions(session, found.id)
    if chosen is Format.json:
        deliver(None, json_text([{k: row[k] for k in ("id", "status", "created", "objective",
                                                        "made_by")} for row in rows]))
        return
    table = Table(title=f"Schedule versions of {found.title!r}")
    for name in ("version", "status", "made (UTC)", "by", "revision", "objective"):
        table.add_column(name)
    for row in rows:
        table.add_row(str(row["id"]), row["status"], row["created"][:19].replace("T", " "),
                      row["made_by"], str(row["revision"]),
                      "" if row["objective"] is None else f"{row['objective']:g}")
    deliver(None, renderables=[table])


@app.command("publish", short_help="make a schedule version the active one")
def publish_command(
    version: int = typer.Argument(..., metavar="VERSION", help="The version's id."),
    db: Optional[str] = typer.Option(None, "--db", metavar="URL", help=DB_HELP),
    production: Optional[int] = typer.Option(None, "--production", metavar="ID",
                                             help=PRODUCTION_HELP),
):
    """Publish a draft version: it becomes the production's active one, and the version
    active before it is superseded (in one transaction).

    \b
    Example:
      orbitfilm publish 2 --db orbitfilm.db
    """
    from ..store.audit import current_user
    from ..store.db import open_store, transaction
    from ..store.versions import publish

    with transaction(open_store(db)) as session:
        done = publish(session, version, current_user(), production)
    before = f"; version {done['superseded']} superseded" if done["superseded"] else ""
    say(f"version {done['id']} is active{before}")


@app.command("export", short_help="write a schedule version's plan folder")
def export_command(
    version: int = typer.Argument(..., metavar="VERSION", help="The version's id."),
    out_dir: Path = typer.Option(..., "--output", "-o", metavar="DIR",
                                 help="The plan folder to write."),
    db: Optional[str] = typer.Option(None, "--db", metavar="URL", help=DB_HELP),
    force: bool = typer.Option(False, "--force",
                               help="Write into a folder that holds something else."),
):
    """Write a version's plan folder as ``orbitfilm plan -o`` wrote it (no solve).

    \b
    Example:
      orbitfilm export 2 -o plan-v2 --db orbitfilm.db
    """
    from ..store.db import open_store, transaction
    from ..store.diff import PLAN_FILE
    from ..store.versions import version_files

    with transaction(open_store(db)) as session:
        files = version_files(session, version)
    # The folder rule of plan -o: empty, or an earlier plan of the same production.
    check_folder(out_dir, json.loads(files[PLAN_FILE])["production"]["title"], force)
    write_whole(out_dir, files)
    say(f"wrote {len(files)} files of version {version} into {out_dir}/")


def plan_into_store(production: Optional[Path], db: str, production_id: Optional[int],
                    make) -> None:
    """Plan a production into the store as a draft version (``store/planning.py``)."""
    from ..store.audit import current_user
    from ..store.db import open_store
    from ..store.planning import plan_version

    done = plan_version(open_store(db), production, production_id, make, current_user())
    say(f"version {done['version']} (draft) of {done['title']!r}, revision "
        f"{done['revision']}: orbitfilm publish {done['version']} makes it active")


@app.command("diff", short_help="what changed between two schedule versions")
def diff_command(
    a: int = typer.Argument(..., metavar="A", help="The older version."),
    b: int = typer.Argument(..., metavar="B", help="The newer version."),
    db: Optional[str] = typer.Option(None, "--db", metavar="URL", help=DB_HELP),
    format: Optional[TableOrJson] = typer.Option(None, "--format", "-f",
                                                 help="table or json."),
):
    """Show what changed from version A to version B: scenes moved, added, dropped (with
    the reason), people whose calls change, call sheets to reissue.

    \b
    Example:
      orbitfilm diff 1 2 --db orbitfilm.db --format json
    """
    from ..store.db import open_store, transaction
    from ..store.diff import diff_versions

    chosen = output_format(format, None, (Format.table, Format.json))
    with transaction(open_store(db)) as session:
        changes = diff_versions(session, a, b)
    if chosen is Format.json:
        deliver(None, json_text(changes))
        return
    deliver(None, renderables=[diff_table(changes)])


def diff_table(changes: dict) -> Table:
    """Return a diff (``store.diff``) as a table: each scene changed, the calls under it."""
    table = Table(title=f"From version {changes['from']} to version {changes['to']}",
                  caption=f"call sheets to reissue: {', '.join(changes['call_sheets']) or 'none'}"
                          f"; people whose calls change: "
                          f"{', '.join(changes['people']) or 'none'}; in a scene that "
                          f"changed: {', '.join(changes.get('affected', [])) or 'nobody'}")
    for name in ("scene", "change", "from (UTC)", "to (UTC)", "why"):
        table.add_column(name)
    for m in changes["moved"]:
        table.add_row(m["scene"], "moved to another day" if m["other_day"] else "moved",
                      _minute(m["from"]), _minute(m["to"]), "")
    for item in changes["added"]:
        table.add_row(item["scene"], "added", "", _minute(item["at"]), "")
    for item in changes["dropped"]:
        table.add_row(item["scene"], "dropped", _minute(item["was"]), "", item["reason"])
    return table


def _minute(iso: str | None) -> str:
    return "" if not iso else iso[:16].replace("T", " ")
