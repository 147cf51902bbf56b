"""What the office's server shows of a production, read from the store: its summary, the
active schedule, a day's call sheet (all of it, or one person's part)."""

from __future__ import annotations

import json
import threading
from collections import OrderedDict

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import InputError
from ..report.dood import entry_people
from .diff import PLAN_FILE
from .tables import ProductionRow, VersionFileRow, VersionRow
from .versions import ACTIVE


# A version never changes once made: its plan document, parsed once, is kept by
# (store, version) for the next request (a few MB each: the last few versions).
_DOCUMENTS: OrderedDict[tuple[str, int], dict] = OrderedDict()
_KEPT = 8
_lock = threading.Lock()


def version_document(session: Session, version_id: int) -> dict:
    """Return a version's plan document (parsed once a process)."""
    key = (str(session.get_bind().url), version_id)
    with _lock:
        if key in _DOCUMENTS:
            _DOCUMENTS.move_to_end(key)
            return _DOCUMENTS[key]
    content = session.scalar(select(VersionFileRow.content).where(
        VersionFileRow.version_id == version_id, VersionFileRow.name == PLAN_FILE))
    document = json.loads(content)
    with _lock:
        _DOCUMENTS[key] = document
        while len(_DOCUMENTS) > _KEPT:
            _DOCUMENTS.popitem(last=False)
    return document


def active_document(session: Session, production_id: int) -> tuple[int, dict] | None:
    """Return the active version's id and plan document, or None when none is active."""
    version = session.scalar(select(VersionRow.id).where(
        VersionRow.production_id == production_id, VersionRow.status == ACTIVE))
    if version is None:
        return None
    return version, version_document(session, version)


def production_summary(session: Session, production_id: int) -> dict:
    """Return a production's mission, crew aboard and schedule health (the active
    version's), or only its title when nothing is published yet."""
    row = session.get(ProductionRow, production_id)
    summary = {"id": row.id, "title": row.title, "active_version": None}
    found = active_document(session, production_id)
    if found is None:
        return summary
    version, document = found
    production = document["production"]
    health = document.get("summary", {})
    aboard = [p["id"] for p in production.get("people", []) if p.get("aboard")]
    return {**summary, "active_version": version, "mission": production.get("mission"),
            "crew_aboard": aboard,
            "schedule": {"status": (document.get("schedule") or {}).get("status"),
                         "scenes": health.get("scenes_total"),
                         "scheduled": health.get("scenes_shot"),
                         "left_out": [{"id": u["id"], "reason": u.get("reason", "")}
                                      for u in document.get("unscheduled", [])],
                         "shooting_days": health.get("shooting_days")}}


def active_schedule(session: Session, production_id: int) -> dict:
    found = active_document(session, production_id)
    if found is None:
        raise InputError("no schedule is published yet", field="production")
    return {"version": found[0], **(found[1].get("schedule") or {})}


def callsheet(session: Session, production_id: int, day: str,
              person: str | None = None) -> dict:
    """Return a shooting day's call sheet of the active version (``day``: its number or its
    date); with ``person``, their part only (``day_sheet``)."""
    found = active_document(session, production_id)
    if found is None:
        raise InputError("no schedule is published yet", field="production")
    return day_sheet(found[1], found[0], day, person)


def day_sheet(document: dict, version: int, day: str, person: str | None = None) -> dict:
    """Return a day's call sheet from a plan document: the call, the wrap, its scenes in
    order and each person's call; with ``person``, their part only."""
    sheet = next((d for d in document.get("days", [])
                  if str(d["number"]) == day or d["date"] == day), None)
    if sheet is None:
        raise InputError(f"no shooting day {day!r}", field="day")
    scenes = [s for s in document.get("scenes", []) if s["id"] in set(sheet["scenes"])
              and s["date"] == sheet["date"]]
    if person is not None:      # the cast of a scene, and the camera unit that shoots it
        scenes = [s for s in scenes if person in entry_people(document, s)]
    calls: dict[str, str] = {}
    for scene in sorted(scenes, key=lambda s: s["start"]):
        for who in entry_people(document, scene):
            if person is None or who == person:
                calls.setdefault(who, scene["start"])
    return {"version": version, "day": sheet["number"], "date": sheet["date"],
            "kind": sheet.get("kind"), "call": sheet.get("call"), "wrap": sheet.get("wrap"),
            "scenes": [{k: s.get(k) for k in ("id", "start", "shoot_start", "end", "all_day",
                                                  "location", "cast", "set", "time_of_day")}
                       for s in sorted(scenes, key=lambda s: s["start"])],
            "calls": calls}


def person_sheets(document: dict, version: int, person: str) -> list[dict]:
    """Return a person's own part of every shooting day that calls them, in order."""
    sheets = [day_sheet(document, version, str(d["number"]), person)
              for d in document.get("days", [])]
    return [sheet for sheet in sheets if sheet["scenes"]]
