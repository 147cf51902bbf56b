"""Jobs: long work the server hands to a worker process (a re-plan), with the progress it
reports and its result, kept in the store so that any request can read them."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy.orm import Session

from .tables import JobRow

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"


def add_job(session: Session, production_id: int, kind: str, request: dict, who: str) -> int:
    job = JobRow(production_id=production_id, kind=kind, status=QUEUED,
                 created=datetime.now(timezone.utc), who=who, request=request, events=[],
                 result=None)
    session.add(job)
    session.flush()
    return job.id


def update_job(session: Session, job_id: int, *, status: str | None = None,
               event: dict | None = None, result: dict | None = None) -> None:
    """Set a job's status, append one progress event, or keep its result."""
    job = session.get(JobRow, job_id)
    if status is not None:
        job.status = status
    if event is not None:
        job.events = [*job.events, event]     # a new list: JSON columns compare by value
    if result is not None:
        job.result = result


def job_view(job: JobRow) -> dict:
    return {"id": job.id, "production": job.production_id, "kind": job.kind,
            "status": job.status, "events": list(job.events), "result": job.result}


def fail_unfinished(session: Session) -> int:
    """Mark the jobs a stopped server left queued or running as failed; return how many."""
    from sqlalchemy import select
    rows = list(session.scalars(select(JobRow).where(JobRow.status.in_((QUEUED, RUNNING)))))
    for job in rows:
        job.status, job.result = FAILED, {"error": "the server stopped before it ended"}
    return len(rows)
