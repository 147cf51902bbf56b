"""Productions in the store: each file as written, revision after revision."""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from functools import lru_cache

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..errors import InputError
from .audit import record
from .tables import ProductionRow, RevisionRow


def add_production(session: Session, text: str, title: str, source: str, who: str,
                   model: dict | None = None) -> dict:
    """Store a production file: a new production, or a new revision of the one of the same
    title when the text changed (the same text again adds nothing). Return ``{"id",
    "revision", "added"}``; ``title`` is the production's and ``model`` its parsed form
    (checked by the caller)."""
    now = datetime.now(timezone.utc)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    production = session.scalar(select(ProductionRow).where(ProductionRow.title == title))
    if production is None:
        production = ProductionRow(title=title, created=now)
        session.add(production)
        session.flush()
    last = session.scalar(select(RevisionRow).where(RevisionRow.production_id == production.id)
                          .order_by(RevisionRow.number.desc()).limit(1))
    if last is not None and last.sha256 == digest:
        return {"id": production.id, "revision": last.number, "added": False}
    number = (last.number if last is not None else 0) + 1
    session.add(RevisionRow(production_id=production.id, number=number, source=source,
                            sha256=digest, text=text, created=now, made_by=who, model=model))
    record(session, who, "add", production.id, {"revision": number, "source": source,
                                                 "sha256": digest})
    return {"id": production.id, "revision": number, "added": True}


def list_productions(session: Session) -> list[dict]:
    """Return every production with its latest revision number."""
    latest = (select(RevisionRow.production_id, func.max(RevisionRow.number).label("number"))
              .group_by(RevisionRow.production_id).subquery())
    rows = session.execute(select(ProductionRow, latest.c.number)
                           .join(latest, latest.c.production_id == ProductionRow.id)
                           .order_by(ProductionRow.id))
    return [{"id": p.id, "title": p.title, "revision": number} for p, number in rows]


def revision_text(session: Session, production_id: int, number: int | None = None) -> str:
    """Return a revision's text as written (the latest without ``number``)."""
    query = select(RevisionRow).where(RevisionRow.production_id == production_id)
    query = (query.where(RevisionRow.number == number) if number is not None
             else query.order_by(RevisionRow.number.desc()).limit(1))
    row = session.scalar(query)
    return None if row is None else row.text


def latest_revision(session: Session, production_id: int) -> dict:
    """Return the production's latest revision: ``number``, ``text``, ``source``."""
    row = session.scalar(select(RevisionRow).where(RevisionRow.production_id == production_id)
                         .order_by(RevisionRow.number.desc()).limit(1))
    return {"number": row.number, "text": row.text, "source": row.source}


def parsed_production(session: Session, production_id: int):
    """Return the production's latest revision, parsed (once a process for the same text:
    a server logging all day asks again and again)."""
    latest = latest_revision(session, production_id)
    return _parsed(latest["text"], latest["source"])


@lru_cache(maxsize=8)
def _parsed(text: str, source: str):
    from ..production.loader import parse_production
    return parse_production(text, source=source)


def pick_production(session: Session, given: int | None) -> ProductionRow:
    """Return the production a command means: ``--production ID``, or the store's only one."""
    if given is not None:
        found = session.get(ProductionRow, given)
        if found is None:
            raise InputError(f"no production {given} in the store", field="--production")
        return found
    rows = list(session.scalars(select(ProductionRow).order_by(ProductionRow.id)))
    if not rows:
        raise InputError("the store holds no production yet: orbitfilm add PRODUCTION.toml",
                         field="--production")
    if len(rows) > 1:
        listed = ", ".join(f"{r.id} {r.title!r}" for r in rows)
        raise InputError(f"the store holds {len(rows)} productions ({listed}): name one with "
                         f"--production ID", field="--production")
    return rows[0]
