"""The production office's pages: sign-in, the dashboard, the stripboard with its re-plan,
versions and their diffs, the calendar, a day, call sheets, day-out-of-days, the audit trail,
the call-sheet links, the shoot log on a phone. Each route: access first (``deps.may`` or
``deps.form_may``), one store read, one view (``views``), one template."""

from __future__ import annotations

import time

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse
from sqlalchemy.engine import Engine

from ...errors import InputError
from ...report.callsheet import callsheet_fragment
from ...report.dood import dood_fragment
from ...report.timeline import day_timeline_svg
from ...schedule.pins import parse_pins
from ...store.audit import audit_trail
from ...store.db import transaction
from ...store.diff import diff_versions
from ...store.links import distribution, issue_link, revoke_link
from ...store.office import person_sheets, production_summary, version_document
from ...store.shootlog import add_entry, current_entries
from ...store.versions import list_versions, publish, version_row
from ...times import format_iso, parse_iso
from .. import views
from ..access import LOG_ACTIONS, allowed, productions_of
from ..deps import Caller, Form, Member, form_may, may, signed_in, store
from ..templating import page
from .jobs import job_of, submit_replan
from .productions import entry_data

router = APIRouter(include_in_schema=False)

# A re-plan from the stripboard may take this long (the API's default).
REPLAN_LIMIT_S = 20.0


def _document(engine: Engine, member: Member) -> tuple[int, dict, dict]:
    """Return the active version, its plan document and the production's summary, or 404."""
    with transaction(engine) as session:
        summary = production_summary(session, member.production_id)
        version = summary["active_version"]
        if version is None:
            raise HTTPException(404, "nothing is published yet: plan with orbitfilm plan --db")
        return version, version_document(session, version), summary


def _frame(member: Member, summary: dict, here: str) -> dict:
    """What every production page shows around itself: the title, the menu, who is in."""
    return {"member": member, "production": summary, "here": here,
            "csrf": member.caller.csrf, "can": lambda action: allowed(member.role, action)}


@router.get("/")
def home(request: Request, caller: Caller = Depends(signed_in),
         engine: Engine = Depends(store)):
    with transaction(engine) as session:
        rows = productions_of(session, caller.user_id)
    if len(rows) == 1:
        return RedirectResponse(f"/p/{rows[0]['id']}", status_code=303)
    return page(request, "home.html", productions=rows, caller=caller, csrf=caller.csrf)


@router.get("/p/{id}")
def dashboard(request: Request, member: Member = Depends(may("see")),
              engine: Engine = Depends(store)):
    with transaction(engine) as session:
        summary = production_summary(session, member.production_id)
        version = summary["active_version"]
        document = version_document(session, version) if version is not None else None
    return page(request, "dashboard.html", **_frame(member, summary, "dashboard"),
                document=document,
                orbit=views.orbit_summary(document) if document else None,
                training=(document or {}).get("training"))


@router.get("/p/{id}/stripboard")
def stripboard(request: Request, member: Member = Depends(may("read")),
               engine: Engine = Depends(store)):
    version, document, summary = _document(engine, member)
    now_s = views.default_now_s(document, time.time())
    return page(request, "stripboard.html", **_frame(member, summary, "stripboard"),
                version=version, days=views.strip_days(document),
                boneyard=document.get("unscheduled", []), dates=views.stay_dates(document),
                now=format_iso(now_s)[:16])


@router.post("/p/{id}/replan")
def start_replan(request: Request, given: tuple[Member, Form] = Depends(form_may("replan")),
                 engine: Engine = Depends(store)):
    """Re-plan the rest from the stripboard's moves and locks, in the worker; follow it."""
    member, form = given
    scenes = form.all("scene")
    moves = [f"{s}={form.one(f'move-{s}')}" for s in scenes if form.one(f"move-{s}")]
    try:
        pins = parse_pins(moves, form.all("lock"))
        now_s = parse_iso(form.one("now"), field="now") if form.one("now") else time.time()
    except InputError as error:
        raise HTTPException(422, str(error)) from None
    job_id = submit_replan(request, engine, member, now_s, REPLAN_LIMIT_S, pins)
    return RedirectResponse(f"/p/{member.production_id}/jobs/{job_id}", status_code=303)


@router.get("/p/{id}/jobs/{j}")
def job_page(j: int, request: Request, member: Member = Depends(may("read")),
             engine: Engine = Depends(store)):
    job = job_of(engine, member, j)
    with transaction(engine) as session:
        summary = production_summary(session, member.production_id)
    return page(request, "job.html", **_frame(member, summary, "stripboard"), job=job)


@router.get("/p/{id}/versions")
def versions_page(request: Request, member: Member = Depends(may("read")),
                  engine: Engine = Depends(store)):
    with transaction(engine) as session:
        summary = production_summary(session, member.production_id)
        rows = list_versions(session, member.production_id)
    return page(request, "versions.html", **_frame(member, summary, "versions"),
                versions=list(reversed(rows)))


@router.get("/p/{id}/versions/{v}")
def version_page(v: int, request: Request, member: Member = Depends(may("read")),
                 engine: Engine = Depends(store), against: int | None = None):
    """A version against another (``against``; by default the active one, or for the
    active one the one before)."""
    with transaction(engine) as session:
        row = _version(session, v, member)
        summary = production_summary(session, member.production_id)
        rows = list_versions(session, member.production_id)
        active = summary.get("active_version")
        earlier = [r["id"] for r in rows if r["id"] < v]
        base = active if active and active != v else (earlier[-1] if earlier else None)
        if against is not None:
            base = _version(session, against, member).id
        changes = diff_versions(session, base, v) if base else None
        options = row.options or {}
    return page(request, "version.html", **_frame(member, summary, "versions"),
                version={"id": row.id, "status": row.status, "made_by": row.made_by,
                         "objective": row.objective, "replan": options.get("replan"),
                         "pins": options.get("pins", [])},
                changes=changes, base=base, others=[r["id"] for r in rows if r["id"] != v])


@router.post("/p/{id}/versions/{v}/publish")
def publish_page(v: int, given: tuple[Member, Form] = Depends(form_may("publish")),
                 engine: Engine = Depends(store)):
    member, _ = given
    with transaction(engine) as session:
        _version(session, v, member)
        try:
            publish(session, v, member.caller.username, member.production_id)
        except InputError as error:
            raise HTTPException(409, str(error)) from None
    return RedirectResponse(f"/p/{member.production_id}/versions/{v}", status_code=303)


@router.get("/p/{id}/calendar")
def calendar_page(request: Request, member: Member = Depends(may("read")),
                  engine: Engine = Depends(store)):
    _, document, summary = _document(engine, member)
    return page(request, "calendar.html", **_frame(member, summary, "calendar"),
                months=views.month_grid(document))


@router.get("/p/{id}/days/{n}")
def day_page(n: int, request: Request, member: Member = Depends(may("read")),
             engine: Engine = Depends(store)):
    _, document, summary = _document(engine, member)
    day = views.day_of(document, n)
    if day is None:
        raise HTTPException(404, f"no shooting day {n}")
    strips = views.day_strips(document, day)
    timeline = day_timeline_svg(document, day) if day["kind"] != "ground" else None
    return page(request, "day.html", **_frame(member, summary, "calendar"), day=day,
                strips=strips, timeline=timeline, light=views.light_on(document, day),
                last=len(document.get("days", [])))


@router.get("/p/{id}/callsheets/{n}")
def callsheet_page(n: int, request: Request, member: Member = Depends(may("callsheets")),
                   engine: Engine = Depends(store)):
    _, document, summary = _document(engine, member)
    if views.day_of(document, n) is None:
        raise HTTPException(404, f"no shooting day {n}")
    return page(request, "callsheet.html", **_frame(member, summary, "calendar"),
                sheet=callsheet_fragment(document, n), number=n,
                last=len(document.get("days", [])))


@router.get("/p/{id}/dood")
def dood_page(request: Request, member: Member = Depends(may("read")),
              engine: Engine = Depends(store)):
    _, document, summary = _document(engine, member)
    return page(request, "dood.html", **_frame(member, summary, "dood"),
                table=dood_fragment(document))


@router.get("/p/{id}/audit")
def audit_page(request: Request, member: Member = Depends(may("read")),
               engine: Engine = Depends(store)):
    with transaction(engine) as session:
        summary = production_summary(session, member.production_id)
        trail = [r for r in audit_trail(session) if r["production"] == member.production_id]
    return page(request, "audit.html", **_frame(member, summary, "audit"),
                trail=list(reversed(trail)))


@router.get("/p/{id}/calls")
def own_calls(request: Request, member: Member = Depends(may("own_callsheets")),
              engine: Engine = Depends(store)):
    """A cast member's own calls (their account names their person)."""
    if not member.person:
        raise HTTPException(403, "this account names no person of the production")
    version, document, summary = _document(engine, member)
    return page(request, "calls.html", **_frame(member, summary, "calls"), version=version,
                person_id=member.person,
                sheets=person_sheets(document, version, member.person))


# -- call-sheet links ---------------------------------------------------------------------------

@router.get("/p/{id}/people")
def people_page(request: Request, member: Member = Depends(may("distribute")),
                engine: Engine = Depends(store)):
    version, document, summary = _document(engine, member)
    with transaction(engine) as session:
        states = distribution(session, member.production_id, version,
                              document["production"]["people"])
    return page(request, "people.html", **_frame(member, summary, "people"),
                people=states, version=version, made=None)


@router.post("/p/{id}/links")
def make_link(request: Request, given: tuple[Member, Form] = Depends(form_may("distribute")),
              engine: Engine = Depends(store)):
    """Make a person's link and show it once (the store keeps only its digest)."""
    member, form = given
    version, document, summary = _document(engine, member)
    person = form.one("person")
    if person not in {p["id"] for p in document["production"]["people"]}:
        raise HTTPException(422, f"no person {person!r} in the production")
    with transaction(engine) as session:
        token = issue_link(session, member.production_id, person, member.caller.username)
        states = distribution(session, member.production_id, version,
                              document["production"]["people"])
    base = str(request.base_url).rstrip("/")
    made = {"person": person, "url": f"{base}/c/{token}",
            "feed": f"webcal://{request.url.netloc}/c/{token}/calendar.ics"}
    return page(request, "people.html", **_frame(member, summary, "people"), people=states,
                version=version, made=made)


@router.post("/p/{id}/links/{link}/revoke")
def revoke(link: int, given: tuple[Member, Form] = Depends(form_may("distribute")),
           engine: Engine = Depends(store)):
    member, _ = given
    with transaction(engine) as session:
        try:
            revoke_link(session, member.production_id, link, member.caller.username)
        except InputError as error:
            raise HTTPException(404, str(error)) from None
    return RedirectResponse(f"/p/{member.production_id}/people", status_code=303)


# -- the shoot log on a phone -------------------------------------------------------------------

@router.get("/p/{id}/log")
def log_page(request: Request, member: Member = Depends(may("read")),
             engine: Engine = Depends(store), day: int | None = None):
    _, document, summary = _document(engine, member)
    now_s = views.default_now_s(document, time.time())
    shown = views.day_of(document, day) if day else views.log_day(document, now_s)
    if shown is None:
        raise HTTPException(404, f"no shooting day {day}")
    with transaction(engine) as session:
        entries = current_entries(session, member.production_id)    # corrections applied
    strips = views.day_strips(document, shown)
    logged = {}
    for entry in entries:
        scene = entry["data"].get("scene")
        if scene and entry["kind"] in ("shot", "lost"):
            logged[scene] = entry
    return page(request, "log.html", **_frame(member, summary, "log"), day=shown,
                strips=strips, logged=logged, last=len(document.get("days", [])),
                entries=[e for e in entries if e["kind"] not in ("shot", "lost")][-5:])


@router.post("/p/{id}/log")
def log_post(id: int, given: tuple[Member, Form] = Depends(form_may("see")),
             engine: Engine = Depends(store)):
    """Log a shot, a lost scene or an event from the phone page (each kind its own action)."""
    member, form = given
    kind = form.one("kind")
    if kind not in ("shot", "lost", "event"):
        raise HTTPException(422, f"the phone log takes shot, lost or event, not {kind!r}")
    if not allowed(member.role, LOG_ACTIONS[kind]):
        raise HTTPException(403, f"a {member.role} may not log a {kind}")
    data = entry_data(kind, {name: form.one(name) for name in form.fields})
    try:
        with transaction(engine) as session:
            add_entry(session, member.production_id, kind, data, member.caller.username, None)
    except InputError as error:
        raise HTTPException(422, str(error)) from None
    back = form.one("day")
    return RedirectResponse(f"/p/{id}/log" + (f"?day={back}" if back.isdigit() else ""),
                            status_code=303)


def _version(session, v: int, member: Member):
    try:
        return version_row(session, v, member.production_id)
    except InputError as error:
        raise HTTPException(404, str(error)) from None
