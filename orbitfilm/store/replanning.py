"""Re-plan from the store: the active version and the shoot log in, a draft version and
its diff out; and the production a version was made for, to check it.

Like ``planning.plan_version``, the work happens between two transactions: the first reads
the active version, its revision and the log; the re-plan runs with no transaction open;
the second keeps the new version whole. Killed at any moment, the store holds either the
new draft or nothing of it, and the active version is untouched.
"""

from __future__ import annotations

from typing import Callable

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from ..errors import InputError
from ..plan.logged import as_published, logged_from_entries, logged_production
from ..production.loader import parse_production
from ..times import format_iso, parse_iso
from .db import transaction
from .diff import diff_plans, plan_document
from .planning import elements_used
from .productions import pick_production
from .shootlog import current_entries
from .tables import RevisionRow, VersionRow
from .versions import ACTIVE, add_version, version_row


def active_version(session: Session, production_id: int, title: str) -> VersionRow:
    """Return the production's active version, or say how to get one."""
    found = session.scalar(select(VersionRow).where(VersionRow.production_id == production_id,
                                                    VersionRow.status == ACTIVE))
    if found is None:
        raise InputError(f"{title!r} has no active version to re-plan: plan it "
                         f"(orbitfilm plan --db) and publish one", field="--production")
    return found


def _revision(session: Session, production_id: int, number: int):
    """Return a revision of the production parsed (as the version planned it)."""
    row = session.scalar(select(RevisionRow).where(RevisionRow.production_id == production_id,
                                                   RevisionRow.number == number))
    return parse_production(row.text, source=row.source)


def replan_version(engine: Engine, production_id: int | None, now_s: float,
                   make: Callable, who: str) -> dict:
    """Re-plan the production's active version with the log as of ``now_s``:
    ``make(production, logged, published_document) -> (Replanned, files, options)``. Keep the
    result as a draft version; return ``{"version", "from", "solve_s", "status", "diff"}``."""
    with transaction(engine) as session:
        found = pick_production(session, production_id)
        active = active_version(session, found.id, found.title)
        published = plan_document(session, active.id)
        production = as_published(_revision(session, found.id, active.revision), published)
        entries = current_entries(session, found.id, texts=True)
    logged = logged_from_entries(entries, now_s)
    made, files, options = make(production, logged, published)
    through = max((entry["id"] for entry in entries), default=None)
    summary = {"solve_status": made.result.status.value, "objective": made.result.objective,
               "bound": made.result.bound,
               "options": {**options, "elements": elements_used(made.flight.elements),
                           "replan": {"from": active.id, "now": format_iso(now_s),
                                      "log_through": through}}}
    with transaction(engine) as session:
        version = add_version(session, found.id, active.revision, files, summary, who)
    return {"version": version, "from": active.id, "solve_s": round(made.result.runtime_s, 3),
            "status": made.result.status.value,
            "diff": {"from": active.id, "to": version, **diff_plans(published, made.document)}}


def version_production(session: Session, version_id: int, production_id: int | None = None):
    """Return what a version was made for: the production (its revision, with the shoot
    log as its re-plan read it), the element sets the log added (or None), and the
    version's schedule file."""
    from ..plan.replan import logged_elements

    version = version_row(session, version_id, production_id)
    document = plan_document(session, version.id)
    production = as_published(_revision(session, version.production_id, version.revision),
                              document)
    schedule = document.get("schedule") or {}
    made = (version.options or {}).get("replan")
    if made is None:
        return production, None, schedule
    entries = current_entries(session, version.production_id, through=made["log_through"],
                              texts=True)
    logged = logged_from_entries(entries, parse_iso(made["now"], field="replan.now"))
    return logged_production(production, logged), logged_elements(production, logged), \
        schedule
