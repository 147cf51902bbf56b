"""A production's pages of data: its summary, schedule, versions and their diffs, publishing,
the shoot log, call sheets. Each route: access first (``deps.may``), one store call."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import JSONResponse
from sqlalchemy.engine import Engine

from ...errors import InputError
from ...store.db import transaction
from ...store.diff import diff_versions
from ...store.office import active_schedule, callsheet, production_summary
from ...store.shootlog import add_entry, log_entries
from ...store.versions import list_versions, publish, version_row
from ...times import parse_iso
from ..access import LOG_ACTIONS, allowed, productions_of
from ..deps import Caller, Member, checked_csrf, may, member_of, signed_in, store
from ..models import LogEntryIn

router = APIRouter(prefix="/productions", tags=["productions"])


@router.get("")
def productions(caller: Caller = Depends(signed_in), engine: Engine = Depends(store)) -> list:
    """The productions the caller has a role in."""
    with transaction(engine) as session:
        return productions_of(session, caller.user_id)


@router.get("/{id}")
def production(member: Member = Depends(may("see")), engine: Engine = Depends(store)) -> dict:
    """Mission, launch and docking, crew aboard, the schedule's health."""
    with transaction(engine) as session:
        return {**production_summary(session, member.production_id), "role": member.role}


@router.get("/{id}/schedule")
def schedule(member: Member = Depends(may("read")),
             engine: Engine = Depends(store)) -> JSONResponse:
    """The active version's schedule file."""
    with transaction(engine) as session:
        return JSONResponse(_found(lambda: active_schedule(session, member.production_id)))


@router.get("/{id}/versions")
def versions(member: Member = Depends(may("read")), engine: Engine = Depends(store)) -> list:
    with transaction(engine) as session:
        return list_versions(session, member.production_id)


@router.get("/{id}/versions/{v}/diff/{w}")
def diff(v: int, w: int, member: Member = Depends(may("read")),
         engine: Engine = Depends(store)) -> dict:
    """What changed from version v to version w."""
    with transaction(engine) as session:
        for number in (v, w):
            _found(lambda: version_row(session, number, member.production_id))
        return diff_versions(session, v, w)


@router.post("/{id}/versions/{v}/publish")
def publish_version(v: int, member: Member = Depends(may("publish", change=True)),
                    engine: Engine = Depends(store)) -> dict:
    """Make version v the active one (the one before superseded)."""
    with transaction(engine) as session:
        _found(lambda: version_row(session, v, member.production_id))
        try:
            return publish(session, v, member.caller.username, member.production_id)
        except InputError as error:
            raise HTTPException(409, str(error)) from None


@router.get("/{id}/log")
def shoot_log(member: Member = Depends(may("read")), engine: Engine = Depends(store)) -> list:
    with transaction(engine) as session:
        return log_entries(session, member.production_id)


@router.post("/{id}/log", status_code=201)
def add_log_entry(id: int, entry: LogEntryIn, caller: Caller = Depends(checked_csrf),
                  engine: Engine = Depends(store)) -> dict:
    """Log one entry (the role must allow its kind: shots by the floor, mission times by
    the mission planner)."""
    member = member_of(engine, caller, id, LOG_ACTIONS[entry.kind])
    data = _entry_data(entry)
    with transaction(engine) as session:
        number = add_entry(session, member.production_id, entry.kind, data, caller.username,
                           entry.supersedes)
    return {"id": number, "kind": entry.kind}


@router.get("/{id}/callsheets/{day}")
def call_sheet(day: str, member: Member = Depends(may("see")),
               engine: Engine = Depends(store)) -> JSONResponse:
    """A shooting day's call sheet (its number or date): all of it for the office, one's
    own part for cast and crew."""
    if allowed(member.role, "callsheets"):
        person = None
    elif allowed(member.role, "own_callsheets") and member.person:
        person = member.person
    else:
        raise HTTPException(403, f"a {member.role} may not read call sheets")
    with transaction(engine) as session:
        return JSONResponse(_found(lambda: callsheet(session, member.production_id, day,
                                                     person)))


# -- plain helpers ---------------------------------------------------------------------------

def _found(call):
    """Return what ``call`` returns; a missing object (``InputError``) is 404."""
    try:
        return call()
    except InputError as error:
        raise HTTPException(404, str(error)) from None


TIMES = ("start", "end", "docking", "hatch_open", "undocking")
# Each kind's fields, the required ones first (as ``orbitfilm log`` takes them).
FIELDS = {"shot": (("scene", "start", "end"), ("take", "note")),
          "lost": (("scene", "reason"), ()),
          "event": (("start", "end", "reason"), ("people", "modules")),
          "duty": (("name", "start", "end"), ("people",)),
          "ill": (("person", "start", "end"), ()),
          "mission": ((), ("docking", "hatch_open", "undocking"))}


def _entry_data(entry: LogEntryIn) -> dict:
    required, optional = FIELDS[entry.kind]
    return entry_data(entry.kind, entry.model_dump(include=set(required + optional),
                                                   exclude_none=True))


def entry_data(kind: str, given: dict) -> dict:
    """Return an entry's data as the store keeps it (its kind's fields, times in POSIX
    seconds), or 422 naming what is missing or wrong (the API's and the phone log's)."""
    required, optional = FIELDS[kind]
    given = {name: value for name, value in given.items()
             if name in required + optional and value not in (None, "")}
    missing = [name for name in required if name not in given]
    if missing:
        raise HTTPException(422, f"a {kind} entry needs {', '.join(missing)}")
    if kind == "mission" and not given:
        raise HTTPException(422, "a mission entry needs docking, hatch_open or undocking")
    try:
        for name in TIMES:
            if name in given:
                given[name] = parse_iso(given[name], field=name)
    except InputError as error:
        raise HTTPException(422, str(error)) from None
    return given
