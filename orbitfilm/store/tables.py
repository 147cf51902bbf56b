"""The store's tables: one module, typed SQLAlchemy 2 ORM classes (Alembic makes them)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (JSON, DateTime, Float, ForeignKey, Index, Integer, LargeBinary, String,
                        Text, UniqueConstraint, text)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class ProductionRow(Base):
    """A production: its key (the file's title) and when it was first added."""

    __tablename__ = "productions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(300), unique=True)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class RevisionRow(Base):
    """One revision of a production's file: the text as written, numbered from 1."""

    __tablename__ = "revisions"
    __table_args__ = (UniqueConstraint("production_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id"))
    number: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(1000))      # the file's name as given
    sha256: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    made_by: Mapped[str] = mapped_column(String(200))
    model: Mapped[dict | None] = mapped_column(JSON, nullable=True)   # the parsed production


class AuditRow(Base):
    """One change to the store: who, when, what (append-only: never updated or deleted)."""

    __tablename__ = "audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    who: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(100))
    production_id: Mapped[int | None] = mapped_column(ForeignKey("productions.id"),
                                                      nullable=True)
    detail: Mapped[dict] = mapped_column(JSON)


class VersionRow(Base):
    """A schedule version of a production (immutable once made): ``draft``, then ``active``
    when published (one active a production), then ``superseded``."""

    __tablename__ = "versions"
    __table_args__ = (Index("one_active_version", "production_id", unique=True,
                            sqlite_where=text("status = 'active'"),
                            postgresql_where=text("status = 'active'")),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id"))
    revision: Mapped[int] = mapped_column(Integer)          # the production revision planned
    status: Mapped[str] = mapped_column(String(20))
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    made_by: Mapped[str] = mapped_column(String(200))
    solve_status: Mapped[str] = mapped_column(String(20))
    objective: Mapped[float | None] = mapped_column(Float, nullable=True)
    bound: Mapped[float | None] = mapped_column(Float, nullable=True)
    options: Mapped[dict] = mapped_column(JSON)            # solver options, element sets
    published: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class VersionFileRow(Base):
    """One file of a version's plan folder, as ``plan -o`` wrote it (``export`` writes it
    back without a solve)."""

    __tablename__ = "version_files"
    __table_args__ = (UniqueConstraint("version_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("versions.id"))
    name: Mapped[str] = mapped_column(String(300))
    content: Mapped[bytes] = mapped_column(LargeBinary)


class LogEntryRow(Base):
    """One entry of the shoot log, as it happens: mission times, a scene shot or lost, a
    station event, new element sets. Never changed: a correction is a new entry that
    supersedes an old one."""

    __tablename__ = "log_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id"))
    kind: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    who: Mapped[str] = mapped_column(String(200))
    data: Mapped[dict] = mapped_column(JSON)
    supersedes: Mapped[int | None] = mapped_column(ForeignKey("log_entries.id"), nullable=True)


# -- the production office's server: accounts, sessions, jobs --------------------------------

class UserRow(Base):
    """An account of the office's server: the password kept only as its argon2id hash."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(300))
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    password_changed: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class MembershipRow(Base):
    """A user's role in a production (``production_id`` NULL: in every production), and for
    cast and crew the person they are in it."""

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("user_id", "production_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    production_id: Mapped[int | None] = mapped_column(ForeignKey("productions.id"),
                                                      nullable=True)
    role: Mapped[str] = mapped_column(String(30))
    person: Mapped[str | None] = mapped_column(String(100), nullable=True)


class SessionRow(Base):
    """A signed-in session: the token kept only as its SHA-256, its CSRF token, its times."""

    __tablename__ = "sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    csrf_token: Mapped[str] = mapped_column(String(100))
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class LoginFailureRow(Base):
    """A failed sign-in, counted per username and per address for the rate limit."""

    __tablename__ = "login_failures"
    __table_args__ = (Index("login_failures_by_name", "username", "at"),
                      Index("login_failures_by_address", "address", "at"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(100))
    address: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class JobRow(Base):
    """A long piece of work the server runs in a worker process (a re-plan): its state, the
    progress it reported, its result."""

    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id"))
    kind: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(20))      # queued, running, done, failed
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    who: Mapped[str] = mapped_column(String(200))
    request: Mapped[dict] = mapped_column(JSON)
    events: Mapped[list] = mapped_column(JSON)
    result: Mapped[dict | None] = mapped_column(JSON, nullable=True)


class CallSheetLinkRow(Base):
    """A person's link to their own call sheets and calendar: the token kept only as its
    SHA-256, the CSRF token of its confirm form, when it was opened and what it confirmed."""

    __tablename__ = "callsheet_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id"))
    person: Mapped[str] = mapped_column(String(100))
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    csrf_token: Mapped[str] = mapped_column(String(100))
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(String(200))
    revoked: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    first_opened: Mapped[datetime | None] = mapped_column(DateTime(timezone=True),
                                                          nullable=True)
    last_opened: Mapped[datetime | None] = mapped_column(DateTime(timezone=True),
                                                         nullable=True)
    confirmed: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    confirmed_version: Mapped[int | None] = mapped_column(Integer, nullable=True)

    __table_args__ = (Index("callsheet_links_by_person", "production_id", "person"),)
