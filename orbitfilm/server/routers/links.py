"""A person's own link, no account needed: their call sheets of the active version, a button
to confirm they have them, and their calendar as a feed a calendar app subscribes to
(``webcal://``), which follows each version published."""

from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.engine import Engine

from ...report.ical import production_calendar
from ...store.db import transaction
from ...store.links import confirm, find_link, mark_opened
from ...store.office import active_document, person_sheets
from ...store.tables import ProductionRow
from ..deps import CSRF_FIELD, read_form, same_token, store
from ..templating import page

router = APIRouter(prefix="/c", include_in_schema=False)

# How often a subscribed calendar looks for a newly published schedule.
FEED_REFRESH = timedelta(hours=1)
GONE = "this link is unknown or was revoked: ask the first AD for a new one"


def _open(session, token: str, *, opened: bool = False):
    """Return (link, active version, document) of a live link, or 404."""
    row = find_link(session, token)
    if row is None:
        raise HTTPException(404, GONE)
    if opened:
        mark_opened(row)
    found = active_document(session, row.production_id)
    if found is None:
        raise HTTPException(404, "nothing is published yet")
    return row, found[0], found[1]


@router.get("/{token}")
def own_callsheets(token: str, request: Request, engine: Engine = Depends(store)):
    with transaction(engine) as session:
        row, version, document = _open(session, token, opened=True)
        title = session.get(ProductionRow, row.production_id).title
        link = {"person": row.person, "csrf": row.csrf_token,
                "confirmed": row.confirmed, "confirmed_version": row.confirmed_version}
    people = {p["id"]: p for p in document["production"]["people"]}
    feed = f"webcal://{request.url.netloc}/c/{token}/calendar.ics"
    return page(request, "own.html", title=title, person=people.get(link["person"], {}),
                link=link, version=version, token=token, feed=feed,
                sheets=person_sheets(document, version, link["person"]))


@router.post("/{token}/confirm")
async def confirm_calls(token: str, request: Request, engine: Engine = Depends(store)):
    form = await read_form(request)

    def confirmed() -> None:
        with transaction(engine) as session:
            row, version, _ = _open(session, token)
            same_token(form.one(CSRF_FIELD), row.csrf_token,
                       "the form's CSRF token is not this link's")
            if form.one("version") != str(version):
                raise HTTPException(409, "a new schedule was published: read it, then "
                                         "confirm again")
            confirm(session, row, version)

    await run_in_threadpool(confirmed)
    return RedirectResponse(f"/c/{token}", status_code=303)


@router.get("/{token}/calendar.ics")
def own_calendar(token: str, engine: Engine = Depends(store)) -> Response:
    """The person's calendar of the active version (a feed: not counted as opened)."""
    with transaction(engine) as session:
        row, _, document = _open(session, token)
        person = row.person
    return Response(production_calendar(document, person, refresh=FEED_REFRESH),
                    media_type="text/calendar",
                    headers={"Cache-Control": "no-store"})
