"""Who may do what: each role's actions, and the one check every route makes.

A user who has no role in a production sees nothing of it (404, as if it did not exist); one
whose role lacks the action gets 403. Cast and crew see their own call sheets only.
"""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ..store.productions import list_productions
from ..store.tables import MembershipRow

# see: the production is listed, its summary shown; read: schedule, versions, diffs, the
# log; callsheets: any person's; own_callsheets: one's own; log: shots, lost scenes,
# duties, illness; log_event: station events; mission: mission times, element sets;
# distribute: make and revoke each person's call-sheet link, see who confirmed.
ROLE_ACTIONS: dict[str, frozenset[str]] = {
    "producer": frozenset({"see", "read", "publish", "log", "log_event", "replan",
                           "callsheets", "distribute", "mission"}),
    "first_ad": frozenset({"see", "read", "publish", "log", "log_event", "replan",
                           "callsheets", "distribute"}),
    "director": frozenset({"see", "read", "log", "log_event", "callsheets"}),
    "mission_planner": frozenset({"see", "read", "log_event", "mission"}),
    "cast": frozenset({"see", "own_callsheets"}),
}

# The action a log entry of each kind needs.
LOG_ACTIONS = {"shot": "log", "lost": "log", "duty": "log", "ill": "log",
               "event": "log_event", "mission": "mission", "elements": "mission"}


def role_in(session: Session, user_id: int, production_id: int) -> MembershipRow | None:
    """Return the user's role in a production (their own for it before an office-wide one),
    or None."""
    rows = list(session.scalars(select(MembershipRow).where(
        MembershipRow.user_id == user_id,
        or_(MembershipRow.production_id == production_id,
            MembershipRow.production_id.is_(None)))))
    return min(rows, key=lambda m: m.production_id is None, default=None)


def visible_productions(session: Session, user_id: int) -> set[int] | None:
    """Return the productions a user has a role in (None: every production)."""
    rows = list(session.scalars(select(MembershipRow).where(MembershipRow.user_id == user_id)))
    if any(m.production_id is None for m in rows):
        return None
    return {m.production_id for m in rows}


def allowed(role: str, action: str) -> bool:
    return action in ROLE_ACTIONS.get(role, frozenset())


def productions_of(session: Session, user_id: int) -> list[dict]:
    """Return the productions a user has a role in (``list_productions``' rows)."""
    visible = visible_productions(session, user_id)
    return [row for row in list_productions(session) if visible is None or row["id"] in visible]
