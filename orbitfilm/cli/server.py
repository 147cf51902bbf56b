"""``orbitfilm serve`` and ``orbitfilm users``: the production office's server and its
accounts."""

from __future__ import annotations

import sys
from typing import Optional

import typer
from rich.table import Table

from ..errors import InputError
from ..report import json_text
from .app import app
from .common import Format, TableOrJson, deliver, output_format, say
from .store import DB_HELP, PRODUCTION_HELP

users_app = typer.Typer(
    no_args_is_help=True, rich_markup_mode=None,
    help="The office server's accounts: add, list, passwd, remove (passwords from standard "
         "input).\n\n"
         "\b\nExamples:\n"
         "  echo 'a long passphrase' | orbitfilm users add ana --role first_ad --production 1\n"
         "  orbitfilm users add yulia --role cast --production 1 --person peresild < pw.txt\n"
         "  orbitfilm users list --format json")
app.add_typer(users_app, name="users", short_help="the office server's accounts")

DB = typer.Option(None, "--db", metavar="URL", help=DB_HELP)


@app.command("serve", short_help="the production office's server (JSON API)")
def serve_command(
    db: Optional[str] = DB,
    host: str = typer.Option("127.0.0.1", "--host", metavar="ADDRESS",
                             help="The address to listen on (loopback by default)."),
    port: int = typer.Option(8000, "--port", metavar="N", min=1, max=65535),
    demo: bool = typer.Option(
        False, "--demo",
        help="Serve the demo store (orbitfilm-demo.db unless --db): the Challenge planned "
             "and published the first time, a first AD 'demo' with a new password printed."),
):
    """Serve the store to the production office: the pages (dashboard, stripboard with
    moves, locks and re-plans, calendar, call sheets and each person's link, the shoot log
    on a phone), accounts and roles, re-plans in a worker process, and the JSON API under
    /api/v1 (OpenAPI at /openapi.json).

    \b
    Example:
      orbitfilm serve --demo
      orbitfilm serve --db orbitfilm.db --port 8000
    """
    import uvicorn

    from ..server.app import create_app

    if demo:
        from ..server.demo import demo_store
        db, user, password = demo_store(db, say)
        say(f"demo store ready: sign in as {user} with password {password}")
    application = create_app(db)
    say(f"serving on http://{host}:{port} (pages /, API /api/v1, OpenAPI /openapi.json); "
        f"Ctrl-C stops")
    uvicorn.run(application, host=host, port=port, log_level="warning",
                proxy_headers=True, forwarded_allow_ips="127.0.0.1")


def _password() -> str:
    """Read a password: from the terminal without echo, else one line of standard input."""
    if sys.stdin.isatty():
        import getpass
        return getpass.getpass("password: ")
    line = sys.stdin.readline()
    if not line:
        raise InputError("give the password on standard input", field="password")
    return line.rstrip("\r\n")


def _in_store(db, work):
    from ..store.audit import current_user
    from ..store.db import open_store, transaction
    with transaction(open_store(db)) as session:
        return work(session, current_user())


@users_app.command("add", short_help="add an account with its role")
def add_command(
    name: str = typer.Argument(..., metavar="NAME"),
    role: str = typer.Option(..., "--role", metavar="ROLE",
                             help="producer, first_ad, director, mission_planner or cast."),
    production: Optional[int] = typer.Option(None, "--production", metavar="ID",
                                             help=PRODUCTION_HELP + " Left out: every one."),
    person: Optional[str] = typer.Option(None, "--person", metavar="PERSON_ID",
                                         help="For cast and crew: who they are in it."),
    db: Optional[str] = DB,
):
    """Add an account: the password from standard input (at least 8 characters, not a
    common one), kept as its argon2id hash.

    \b
    Example:
      echo 'a long passphrase' | orbitfilm users add ana --role first_ad --production 1
    """
    from ..store.users import add_user
    password = _password()
    _in_store(db, lambda s, who: add_user(s, name, password, role, production, person, who))
    say(f"user {name!r} added ({role})")


@users_app.command("list", short_help="every account and its roles")
def list_command(db: Optional[str] = DB,
                 format: Optional[TableOrJson] = typer.Option(None, "--format", "-f")):
    """List the accounts and their roles (never a password or its hash).

    \b
    Example:
      orbitfilm users list --format json
    """
    from ..store.users import list_users
    chosen = output_format(format, None, (Format.table, Format.json))
    users = _in_store(db, lambda s, who: list_users(s))
    if chosen is Format.json:
        deliver(None, json_text(users))
        return
    table = Table(title="Accounts")
    for column in ("user", "role", "production", "person"):
        table.add_column(column)
    for user in users:
        for role in user["roles"]:
            table.add_row(user["username"], role["role"], str(role["production"] or "every"),
                          role["person"] or "")
    deliver(None, renderables=[table])


@users_app.command("passwd", short_help="change an account's password")
def passwd_command(name: str = typer.Argument(..., metavar="NAME"), db: Optional[str] = DB):
    """Change a password (from standard input); every session of the account ends.

    \b
    Example:
      orbitfilm users passwd ana < new-password.txt
    """
    from ..store.users import set_password
    password = _password()
    _in_store(db, lambda s, who: set_password(s, name, password, who))
    say(f"password of {name!r} changed; their sessions are ended")


@users_app.command("remove", short_help="remove an account")
def remove_command(name: str = typer.Argument(..., metavar="NAME"), db: Optional[str] = DB):
    """Remove an account, its roles and its sessions.

    \b
    Example:
      orbitfilm users remove ana
    """
    from ..store.users import remove_user
    _in_store(db, lambda s, who: remove_user(s, name, who))
    say(f"user {name!r} removed")
