"""Schedule versions: a plan kept whole (its folder's files), draft, active, superseded."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import InputError
from .audit import record, utc_iso
from .tables import ProductionRow, VersionFileRow, VersionRow

DRAFT, ACTIVE, SUPERSEDED = "draft", "active", "superseded"


def add_version(session: Session, production_id: int, revision: int, files: dict[str, bytes],
                summary: dict, who: str) -> int:
    """Keep a plan as a draft version of the production; return its id. ``summary``:
    ``solve_status``, ``objective``, ``bound``, ``options``."""
    version = VersionRow(production_id=production_id, revision=revision, status=DRAFT,
                         created=datetime.now(timezone.utc), made_by=who,
                         solve_status=summary["solve_status"], objective=summary["objective"],
                         bound=summary["bound"], options=summary["options"])
    session.add(version)
    session.flush()
    session.add_all(VersionFileRow(version_id=version.id, name=name, content=content)
                    for name, content in sorted(files.items()))
    record(session, who, "plan", production_id, {"version": version.id, "revision": revision,
                                                 "files": len(files)})
    return version.id


def list_versions(session: Session, production_id: int) -> list[dict]:
    """Return the production's versions, oldest first."""
    rows = session.scalars(select(VersionRow).where(VersionRow.production_id == production_id)
                           .order_by(VersionRow.id))
    return [{"id": v.id, "status": v.status, "created": utc_iso(v.created),
             "objective": v.objective, "made_by": v.made_by, "revision": v.revision}
            for v in rows]


def version_row(session: Session, version_id: int, production_id: int | None) -> VersionRow:
    version = session.get(VersionRow, version_id)
    if version is None:
        raise InputError(f"no version {version_id} in the store", field="VERSION")
    if production_id is not None and version.production_id != production_id:
        title = session.get(ProductionRow, version.production_id).title
        raise InputError(f"version {version_id} is {title!r}'s, not this production's",
                         field="VERSION")
    return version


def publish(session: Session, version_id: int, who: str,
            production_id: int | None = None) -> dict:
    """Make a version the active one (the one active before becomes superseded)."""
    version = version_row(session, version_id, production_id)
    if version.status == ACTIVE:
        return {"id": version.id, "status": ACTIVE, "superseded": None}
    if version.status == SUPERSEDED:
        raise InputError(f"version {version_id} was superseded: publish a newer one, or plan "
                         f"again", field="VERSION")
    before = session.scalar(select(VersionRow).where(
        VersionRow.production_id == version.production_id, VersionRow.status == ACTIVE))
    if before is not None:
        before.status = SUPERSEDED
        session.flush()        # the old one leaves before the new one comes (one active)
    version.status, version.published = ACTIVE, datetime.now(timezone.utc)
    record(session, who, "publish", version.production_id,
           {"version": version.id, "superseded": before.id if before else None})
    return {"id": version.id, "status": ACTIVE, "superseded": before.id if before else None}


def version_files(session: Session, version_id: int,
                  production_id: int | None = None) -> dict[str, bytes]:
    """Return a version's plan folder: file name -> content."""
    version = version_row(session, version_id, production_id)
    rows = session.scalars(select(VersionFileRow).where(VersionFileRow.version_id == version.id)
                           .order_by(VersionFileRow.name))
    return {row.name: row.content for row in rows}
