"""The solver's worker: a re-plan runs in a process of its own (one at a time), so that no
request waits on it; it writes its progress and result to the job's row in the store.
"""

from __future__ import annotations

import multiprocessing
import sys
import time
import traceback
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from ..errors import OrbitfilmError
from ..store.db import make_engine, transaction
from ..store.jobs import DONE, FAILED, RUNNING, update_job
from ..store.tables import JobRow

# The solver reports each better schedule; the store hears of them at most this often.
PROGRESS_EVERY_S = 0.5


class Runner:
    """The worker process the server hands its jobs to."""

    def __init__(self, url: str):
        self.url = url
        self.pool = self._pool()

    @staticmethod
    def _pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))

    def submit(self, job_id: int) -> None:
        try:
            self.pool.submit(run_job, self.url, job_id)
        except BrokenProcessPool:     # the worker died (killed, out of memory): a new one
            self.pool = self._pool()
            self.pool.submit(run_job, self.url, job_id)

    def close(self) -> None:
        """Stop the worker, a running job with it (the store keeps what it wrote whole: a
        re-plan lands in one transaction; the job is marked failed at the next start)."""
        processes = list(getattr(self.pool, "_processes", {}).values())
        self.pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()


def run_job(url: str, job_id: int) -> None:
    """Run one job in the worker: its status, progress and result land in the store."""
    engine = make_engine(url)
    try:
        with transaction(engine) as session:
            job = session.get(JobRow, job_id)
            production_id, request, who = job.production_id, dict(job.request), job.who
            update_job(session, job_id, status=RUNNING)
        result = _replan(engine, job_id, production_id, request, who)
        _finish(engine, job_id, DONE, result)
    except OrbitfilmError as error:   # what the user can fix: one line
        _finish(engine, job_id, FAILED, {"error": str(error)})
    except Exception:                 # noqa: BLE001 - a job never takes the worker down
        traceback.print_exc(file=sys.stderr)
        _finish(engine, job_id, FAILED, {"error": "the re-plan failed: see the server's log"})
    finally:
        engine.dispose()


def _finish(engine, job_id: int, status: str, result: dict) -> None:
    with transaction(engine) as session:
        update_job(session, job_id, status=status, result=result)


def _replan(engine, job_id: int, production_id: int, request: dict, who: str) -> dict:
    """Re-plan the production from its active version (``store.replanning``)."""
    from ..plan.replan import replan
    from ..schedule.pins import Pin
    from ..schedule.problem import SolveOptions
    from ..store.replanning import replan_version

    heard = _Progress(engine, job_id)
    options = SolveOptions(time_limit_s=request["time_limit_s"], workers=1)
    pins = tuple(Pin.from_json(pin) for pin in request.get("pins", []))

    def make(loaded, logged, published):
        made = replan(loaded, logged, published, options, stage=heard.stage,
                      progress=heard.solver, pins=pins)
        heard.stage("writing the plan and its reports")
        return made, made.files(), {"time_limit_s": request["time_limit_s"], "workers": 1,
                                    "pins": [pin.to_json() for pin in pins]}

    return replan_version(engine, production_id, request["now_s"], make, who)


class _Progress:
    """Write each stage, and the solver's best schedule at most every PROGRESS_EVERY_S."""

    def __init__(self, engine, job_id: int):
        self.engine, self.job_id = engine, job_id
        self.started = time.monotonic()
        self.last_s = 0.0

    def _write(self, event: dict) -> None:
        event = {**event, "at_s": round(time.monotonic() - self.started, 3)}
        with transaction(self.engine) as session:
            update_job(session, self.job_id, event=event)

    def stage(self, name: str) -> None:
        self._write({"stage": name})

    def solver(self, report: dict) -> None:
        now = time.monotonic()
        if "objective" in report and now - self.last_s >= PROGRESS_EVERY_S:
            self.last_s = now
            self._write({"objective": report["objective"], "bound": report.get("bound")})
