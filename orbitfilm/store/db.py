"""Open the store: a plain path is SQLite, a URL anything SQLAlchemy speaks (PostgreSQL for
teams); the schema is Alembic's, checked against the program's on every open."""

from __future__ import annotations

import os
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import NullPool

from ..errors import InputError

ENV = "ORBITFILM_DB"
DEFAULT = "orbitfilm.db"
# Two writers at once wait for each other this long (SQLite), rather than fail at once.
BUSY_TIMEOUT_MS = 15_000


def store_url(given: str | None) -> str:
    """Return the store's SQLAlchemy URL: ``--db``, else ``ORBITFILM_DB``, else the file
    orbitfilm.db here; a plain path means SQLite."""
    name = given or os.environ.get(ENV) or DEFAULT
    if "://" in name:
        return name
    return f"sqlite:///{Path(name).expanduser().absolute()}"


def make_engine(url: str, *, pooled: bool = False) -> Engine:
    """Return an engine; SQLite in write-ahead-log mode with a busy timeout, so that two
    processes logging at once both land. ``pooled`` (the server) keeps connections open
    between requests."""
    # No pool for a command: it opens a connection for each transaction and closes it, so
    # that nothing is left open when it ends. The server keeps a pool for its threads.
    engine = create_engine(url, pool_size=8, max_overflow=32, pool_pre_ping=True) if pooled \
        else create_engine(url, poolclass=NullPool)
    if engine.dialect.name == "sqlite":
        @event.listens_for(engine, "connect")
        def _pragmas(connection, _record):
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()
    return engine


def alembic_config(connection):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location",
                           str(resources.files("orbitfilm.store") / "migrations"))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """Return the schema revision this program writes."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(None)).get_current_head()


def store_revision(engine: Engine) -> str | None:
    """Return the store's schema revision (None: no schema yet)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Bring the store's schema to this program's (creating it in an empty store); return
    the revisions before and after. A store newer than the program is refused."""
    from alembic import command

    before = store_revision(engine)
    _refuse_newer(before)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
    return before, head_revision()


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(None))
    return {r.revision for r in script.walk_revisions()}


def _refuse_newer(revision: str | None) -> None:
    if revision is not None and revision not in _known_revisions():
        raise InputError(f"the store's schema ({revision}) is newer than this orbitfilm's "
                         f"({head_revision()}): use a newer orbitfilm", field="--db")


def open_store(given: str | None, *, pooled: bool = False) -> Engine:
    """Return the engine of a store whose schema is this program's; an empty store, an
    older one or a newer one is one line saying what to do."""
    url = store_url(given)
    engine = make_engine(url, pooled=pooled)
    try:
        revision = store_revision(engine)
    except Exception as error:  # a URL nothing answers at, a file that is no database
        raise InputError(f"cannot open the store: {str(error).splitlines()[0]}",
                         field="--db") from None
    if revision is None:
        raise InputError("the store has no schema yet: run orbitfilm db init", field="--db")
    _refuse_newer(revision)
    if revision != head_revision():
        raise InputError(f"the store's schema ({revision}) is older than this orbitfilm's "
                         f"({head_revision()}): run orbitfilm db upgrade", field="--db")
    return engine


@contextmanager
def transaction(engine: Engine):
    """Yield a session whose work is one transaction: all of it lands, or none. A change
    the database refuses because another landed first (two publishers at once) is one
    line, not a trace: nothing of it was written."""
    factory = sessionmaker(engine, expire_on_commit=False)
    try:
        with factory.begin() as session:
            yield session
    except IntegrityError as error:
        raise InputError(f"the store refused the change, nothing of it written (another "
                         f"change landed at the same moment?): "
                         f"{str(error.orig).splitlines()[0]}", field="--db") from None
