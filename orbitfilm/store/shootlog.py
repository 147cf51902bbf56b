"""The shoot log: what happened aboard, entry by entry, checked against the production.

Kinds: ``mission`` (docking, hatch opening, undocking as they happened), ``shot`` (a scene,
whole or a piece, with its real start and end, take and note), ``lost`` (a scene lost or
cut, with the reason), ``event`` (a span blocked for everyone, or for some people or
modules, with the reason), ``duty`` (a duty of the crew's day moved to a new span, for
its people), ``ill`` (a person unable to work for a span), ``elements`` (new element sets,
the text as received). An
entry is never changed: a correction is a new entry naming the one it ``supersedes``, and
the log shows both.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import InputError
from ..times import format_minute
from .audit import record, utc_iso
from .productions import parsed_production
from .tables import LogEntryRow

KINDS = ("mission", "shot", "lost", "event", "duty", "ill", "elements")


def _scene(production, scene: str) -> None:
    ids = [s.id for s in production.scenes]
    if scene not in ids:
        raise InputError(f"no scene {scene!r} in {production.title!r}", field="SCENE")


def _people(production, people: list[str]) -> None:
    known = {p.id for p in production.people}
    unknown = [p for p in people if p not in known]
    if unknown:
        raise InputError(f"no person {unknown[0]!r} in {production.title!r}", field="--people")


def _modules(production, modules: list[str]) -> None:
    known = production.all_locations()
    unknown = [m for m in modules if m not in known or known[m].is_ground]
    if unknown:
        raise InputError(f"no station module {unknown[0]!r} in {production.title!r} or the "
                         f"station's catalogue", field="--modules")


def _span(start_s: float, end_s: float) -> None:
    if end_s <= start_s:
        raise InputError(f"it ends ({format_minute(end_s)} UTC) before it starts "
                         f"({format_minute(start_s)} UTC)", field="--end")


def _aboard(production, start_s: float, end_s: float, mission_s: dict) -> None:
    """Refuse a shot outside the stay (the logged mission times, else the file's)."""
    docking = mission_s.get("docking")
    undocking = mission_s.get("undocking")
    mission = production.mission
    if mission is not None and mission.docking is not None:
        docking = docking if docking is not None else mission.docking_s
        undocking = undocking if undocking is not None else mission.undocking_s
    if docking is not None and start_s < docking:
        raise InputError(f"the shot starts before the docking ({format_minute(docking)} UTC)",
                         field="--start")
    if undocking is not None and end_s > undocking:
        raise InputError(f"the shot ends after the undocking ({format_minute(undocking)} "
                         f"UTC)", field="--end")


def _supersedes(session: Session, production_id: int, entry: int | None) -> None:
    if entry is None:
        return
    found = session.get(LogEntryRow, entry)
    if found is None or found.production_id != production_id:
        raise InputError(f"no log entry {entry} of this production to correct",
                         field="--supersedes")


def mission_times(session: Session, production_id: int) -> dict[str, float]:
    """Return the mission times the log holds (the latest entry of each wins)."""
    times = {}
    for entry in current_entries(session, production_id):
        if entry["kind"] == "mission":
            times.update({k: v for k, v in entry["data"].items() if v is not None})
    return times


def add_entry(session: Session, production_id: int, kind: str, data: dict, who: str,
              supersedes: int | None = None) -> int:
    """Check one entry against the production and append it; return its id. Times in
    ``data`` are POSIX seconds (``start``, ``end``, ``docking``, ``hatch_open``,
    ``undocking``)."""
    if kind not in KINDS:
        raise InputError(f"no log entry kind {kind!r} (they are: {', '.join(KINDS)})")
    _supersedes(session, production_id, supersedes)
    production = parsed_production(session, production_id)
    if kind in ("shot", "lost"):
        _scene(production, data["scene"])
    if kind in ("shot", "event", "duty", "ill"):
        _span(data["start"], data["end"])
    if kind in ("event", "duty"):
        _people(production, data.get("people") or [])
    if kind == "event":
        _modules(production, data.get("modules") or [])
    if kind == "ill":
        _people(production, [data["person"]])
    if kind == "shot":
        _aboard(production, data["start"], data["end"], mission_times(session, production_id))
    if kind == "elements":
        data = {**data, "sha256": hashlib.sha256(data["text"].encode("utf-8")).hexdigest()}
    entry = LogEntryRow(production_id=production_id, kind=kind, at=datetime.now(timezone.utc),
                        who=who, data=data, supersedes=supersedes)
    session.add(entry)
    session.flush()
    record(session, who, f"log {kind}", production_id, {"entry": entry.id,
                                                         "supersedes": supersedes})
    return entry.id


def log_entries(session: Session, production_id: int, *, through: int | None = None,
                texts: bool = False) -> list[dict]:
    """Return every entry (up to entry ``through``), newest last, each saying which entry
    (if any) superseded it; element sets' texts only with ``texts``."""
    query = select(LogEntryRow).where(LogEntryRow.production_id == production_id)
    if through is not None:
        query = query.where(LogEntryRow.id <= through)
    rows = list(session.scalars(query.order_by(LogEntryRow.id)))
    later = {row.supersedes: row.id for row in rows if row.supersedes is not None}
    return [{"id": row.id, "kind": row.kind, "at": utc_iso(row.at), "who": row.who,
             "data": {k: v for k, v in row.data.items() if texts or k != "text"},
             "supersedes": row.supersedes, "superseded_by": later.get(row.id)}
            for row in rows]


def current_entries(session: Session, production_id: int, *, through: int | None = None,
                    texts: bool = False) -> list[dict]:
    """Return the entries no later entry supersedes (up to entry ``through``)."""
    return [e for e in log_entries(session, production_id, through=through, texts=texts)
            if e["superseded_by"] is None]
