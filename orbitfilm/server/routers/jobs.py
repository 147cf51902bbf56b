"""Re-plans as jobs: start one, read it, follow its progress as Server-Sent Events."""

from __future__ import annotations

import asyncio
import json
import time

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse
from sqlalchemy.engine import Engine

from ...errors import InputError
from ...schedule.pins import parse_pins
from ...store.db import transaction
from ...store.jobs import DONE, FAILED, add_job, job_view
from ...store.tables import JobRow
from ...times import parse_iso
from ..deps import Member, may, store
from ..models import JobOut, ReplanIn

router = APIRouter(prefix="/productions", tags=["jobs"])

# How often the event stream looks at its job, and how long it follows one at most.
POLL_S = 0.3
STREAM_LIMIT_S = 900.0


@router.post("/{id}/replan", status_code=202, response_model=JobOut)
def start_replan(given: ReplanIn, request: Request,
                 member: Member = Depends(may("replan", change=True)),
                 engine: Engine = Depends(store)) -> dict:
    """Re-plan the rest of the shoot from the active version and the log, in the worker."""
    try:
        now_s = time.time() if given.now is None else parse_iso(given.now, field="now")
        pins = parse_pins([f"{scene}={day}" for scene, day in given.moves.items()],
                          given.locks)
    except InputError as error:
        raise HTTPException(422, str(error)) from None
    job_id = submit_replan(request, engine, member, now_s, given.time_limit_s, pins)
    return job_of(engine, member, job_id)


def submit_replan(request: Request, engine: Engine, member: Member, now_s: float,
                  time_limit_s: float, pins) -> int:
    """Keep a re-plan job and hand it to the worker; return its id (the API's and the
    stripboard's)."""
    with transaction(engine) as session:
        job_id = add_job(session, member.production_id, "replan",
                         {"now_s": now_s, "time_limit_s": time_limit_s,
                          "pins": [pin.to_json() for pin in pins]}, member.caller.username)
    request.app.state.runner.submit(job_id)
    return job_id


@router.get("/{id}/jobs/{j}", response_model=JobOut)
def job(j: int, member: Member = Depends(may("read")), engine: Engine = Depends(store)) -> dict:
    return job_of(engine, member, j)


@router.get("/{id}/jobs/{j}/events")
async def job_events(j: int, member: Member = Depends(may("read")),
                     engine: Engine = Depends(store)) -> StreamingResponse:
    """The job's progress as Server-Sent Events (``progress``), then ``done`` or ``failed``
    with its result."""
    await run_in_threadpool(job_of, engine, member, j)   # 404 before the stream starts

    async def stream():
        sent, started = 0, time.monotonic()
        while time.monotonic() - started < STREAM_LIMIT_S:
            view = await run_in_threadpool(job_of, engine, member, j)
            for event in view["events"][sent:]:
                yield f"event: progress\ndata: {json.dumps(event)}\n\n"
            sent = len(view["events"])
            if view["status"] in (DONE, FAILED):
                yield f"event: {view['status']}\ndata: {json.dumps(view['result'])}\n\n"
                return
            await asyncio.sleep(POLL_S)

    return StreamingResponse(stream(), media_type="text/event-stream",
                             headers={"Cache-Control": "no-store"})


def job_of(engine: Engine, member: Member, job_id: int) -> dict:
    """Return a job of the member's production (the API's and the job page's), or 404."""
    with transaction(engine) as session:
        row = session.get(JobRow, job_id)
        if row is None or row.production_id != member.production_id:
            raise HTTPException(404, f"no job {job_id}")
        return job_view(row)
