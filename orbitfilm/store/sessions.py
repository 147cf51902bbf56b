"""Server-side sessions and the sign-in rate limit, kept in the store.

A session is a random token (``secrets``, 256 bits) the browser holds in a cookie; the store
keeps only its SHA-256, with a CSRF token of its own, and ends it after ``IDLE`` without a
request or ``ABSOLUTE`` after sign-in, at sign-out, and when the password changes. Failed
sign-ins are rows: more than ``MAX_FAILURES_NAME`` for a name or ``MAX_FAILURES_ADDRESS``
from an address within ``FAILURE_WINDOW`` and the next sign-in is refused until they age.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta, timezone

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from .tables import LoginFailureRow, SessionRow, UserRow

IDLE = timedelta(minutes=30)
ABSOLUTE = timedelta(hours=12)
# A session's last request is written at most this often (a read would otherwise write).
TOUCH_EVERY = timedelta(seconds=60)
FAILURE_WINDOW = timedelta(minutes=15)
MAX_FAILURES_NAME = 5
MAX_FAILURES_ADDRESS = 20


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _aware(moment: datetime) -> datetime:
    """Return an instant the store gave back as UTC (SQLite gives it naive)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def token_digest(token: str) -> str:
    """Return the SHA-256 of a token (the store keeps nothing else of it)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start_session(session: Session, user_id: int) -> tuple[str, str]:
    """Start a session for a user; return (token, CSRF token). Only the token's digest is
    kept."""
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    now = _now()
    session.add(SessionRow(token_sha256=token_digest(token), user_id=user_id, csrf_token=csrf,
                           created=now, last_seen=now))
    return token, csrf


def find_session(session: Session, token: str | None) -> tuple[SessionRow, UserRow] | None:
    """Return the live session of a token and its user (touching it), or None: unknown,
    idle too long, or too old (then it is ended)."""
    if not token:
        return None
    row = session.scalar(select(SessionRow).where(SessionRow.token_sha256 == token_digest(token)))
    if row is None:
        return None
    now = _now()
    if now - _aware(row.last_seen) > IDLE or now - _aware(row.created) > ABSOLUTE:
        session.delete(row)
        return None
    if now - _aware(row.last_seen) > TOUCH_EVERY:
        row.last_seen = now
    return row, session.get(UserRow, row.user_id)


def end_session(session: Session, token: str | None) -> None:
    if token:
        session.execute(delete(SessionRow).where(SessionRow.token_sha256 == token_digest(token)))


def record_failure(session: Session, username: str, address: str) -> None:
    session.add(LoginFailureRow(username=username[:100], address=address[:100], at=_now()))


def too_many_failures(session: Session, username: str, address: str) -> bool:
    """Return whether sign-ins for this name, or from this address, are refused for now."""
    since = _now() - FAILURE_WINDOW
    by_name = session.scalar(select(func.count()).select_from(LoginFailureRow).where(
        LoginFailureRow.username == username[:100], LoginFailureRow.at > since))
    by_address = session.scalar(select(func.count()).select_from(LoginFailureRow).where(
        LoginFailureRow.address == address[:100], LoginFailureRow.at > since))
    return by_name >= MAX_FAILURES_NAME or by_address >= MAX_FAILURES_ADDRESS
