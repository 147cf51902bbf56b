"""Call-sheet links: each person's own link to their call sheets and calendar, with no
account. The token is random (256 bits) and shown once, when the link is made; the store
keeps its SHA-256. A new link for a person revokes the old one; opening and confirming are
recorded with their times, and a confirmation names the version it was of, so that the first
AD sees who has not confirmed the schedule now active.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import InputError
from .audit import record, utc_iso
from .sessions import token_digest
from .tables import CallSheetLinkRow


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _live(session: Session, production_id: int, person: str) -> list[CallSheetLinkRow]:
    return list(session.scalars(select(CallSheetLinkRow).where(
        CallSheetLinkRow.production_id == production_id, CallSheetLinkRow.person == person,
        CallSheetLinkRow.revoked.is_(None))))


def issue_link(session: Session, production_id: int, person: str, who: str) -> str:
    """Make a person's link (revoking the one they had); return its token, which the
    store does not keep."""
    now = _now()
    for old in _live(session, production_id, person):
        old.revoked = now
    token = secrets.token_urlsafe(32)
    session.add(CallSheetLinkRow(production_id=production_id, person=person,
                                 token_sha256=token_digest(token),
                                 csrf_token=secrets.token_urlsafe(32), created=now,
                                 created_by=who))
    record(session, who, "link", production_id, {"person": person})
    return token


def revoke_link(session: Session, production_id: int, link_id: int, who: str) -> None:
    row = session.get(CallSheetLinkRow, link_id)
    if row is None or row.production_id != production_id:
        raise InputError(f"no link {link_id}", field="link")
    if row.revoked is None:
        row.revoked = _now()
        record(session, who, "revoke link", production_id, {"person": row.person})


def find_link(session: Session, token: str | None) -> CallSheetLinkRow | None:
    """Return the live link of a token, or None (unknown or revoked)."""
    if not token:
        return None
    row = session.scalar(select(CallSheetLinkRow).where(
        CallSheetLinkRow.token_sha256 == token_digest(token)))
    return row if row is not None and row.revoked is None else None


def mark_opened(row: CallSheetLinkRow) -> None:
    now = _now()
    row.first_opened = row.first_opened or now
    row.last_opened = now


def confirm(session: Session, row: CallSheetLinkRow, version: int) -> None:
    """Record that the link's person has their calls of ``version``."""
    row.confirmed, row.confirmed_version = _now(), version
    record(session, f"link:{row.person}", "confirm", row.production_id,
           {"person": row.person, "version": version})


def distribution(session: Session, production_id: int, active: int | None,
                 people: list[dict]) -> list[dict]:
    """Return each person's link state (``people``: the plan document's, in its order): not
    sent, sent, opened, or confirmed (of the active version, or of an older one)."""
    rows = {r.person: r for r in session.scalars(select(CallSheetLinkRow).where(
        CallSheetLinkRow.production_id == production_id,
        CallSheetLinkRow.revoked.is_(None)))}
    found = []
    for person in people:
        row = rows.get(person["id"])
        state = {"person": person["id"], "name": person.get("name", person["id"]),
                 "link": None, "sent": None, "opened": None, "confirmed": None,
                 "confirmed_version": None, "current": False}
        if row is not None:
            state.update(link=row.id, sent=utc_iso(row.created),
                         opened=row.first_opened and utc_iso(row.first_opened),
                         confirmed=row.confirmed and utc_iso(row.confirmed),
                         confirmed_version=row.confirmed_version,
                         current=row.confirmed_version is not None
                         and row.confirmed_version == active)
        found.append(state)
    return found
