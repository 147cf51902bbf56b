"""The audit trail: every change to the store, who made it and when (append-only)."""

from __future__ import annotations

import getpass
import os
from datetime import datetime, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from .tables import AuditRow

USER_ENV = "ORBITFILM_USER"


def current_user() -> str:
    """Return who is making a change: ``ORBITFILM_USER``, else the account's login name."""
    name = os.environ.get(USER_ENV)
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def utc_iso(moment: datetime) -> str:
    """Return an instant the store kept as ISO 8601 UTC (SQLite gives it back naive)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def record(session: Session, who: str, action: str, production_id: int | None,
           detail: dict) -> None:
    """Append one change to the trail, in the caller's transaction."""
    session.add(AuditRow(at=datetime.now(timezone.utc), who=who, action=action,
                         production_id=production_id, detail=detail))


def audit_trail(session: Session) -> list[dict]:
    """Return the trail, oldest first."""
    rows = session.scalars(select(AuditRow).order_by(AuditRow.id))
    return [{"id": r.id, "at": utc_iso(r.at), "who": r.who, "action": r.action,
             "production": r.production_id, "detail": r.detail} for r in rows]
