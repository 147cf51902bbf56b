"""The office's server under load: 20 clients reading schedules and call sheets on loopback
for 30 s while one re-plan runs in the worker, against the same reads with the worker idle
(the peer), in the same run; the worker re-plans the Challenge over and over. Goal: p95 under 200 ms on 2 cores, no error.
A third phase reads the pages instead (stripboard, a day with its timeline, the phone log,
a call sheet), worker idle: what rendering HTML costs beside the JSON.

    .venv/bin/python bench/web.py                   # 20 clients, 30 s each phase
    .venv/bin/python bench/web.py --clients 5 --seconds 10
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from replaying import into_store, plan_challenge  # noqa: E402
from serving import served  # noqa: E402

from orbitfilm.store.db import make_engine, open_store, store_url, transaction, upgrade  # noqa: E402
from orbitfilm.store.users import add_user  # noqa: E402

PASSWORD = "bench-stripboard-at-dawn"


def api_paths(days: list[str]) -> list[str]:
    return ["/api/v1/productions/1/schedule"] + \
        [f"/api/v1/productions/1/callsheets/{d}" for d in days]


def page_paths(days: list[str]) -> list[str]:
    return ["/p/1/stripboard"] + [f"/p/1/days/{d}" for d in days[:4]] + \
        [f"/p/1/log?day={d}" for d in days[4:8]] + [f"/p/1/callsheets/{days[-1]}"]


def load(base: str, clients: int, seconds: float, paths: list[str]) -> tuple[list[float], int]:
    """Return every request's seconds and the number of errors of ``clients`` readers."""
    times, errors, lock = [], [0], threading.Lock()

    def reader(k: int) -> None:
        with httpx.Client(base_url=base, timeout=30) as client:
            client.post("/api/v1/login", json={"username": "ad", "password": PASSWORD})
            end, n = time.monotonic() + seconds, k
            while time.monotonic() < end:
                started = time.monotonic()
                answer = client.get(paths[n % len(paths)])
                with lock:
                    times.append(time.monotonic() - started)
                    errors[0] += answer.status_code != 200
                n += 1

    threads = [threading.Thread(target=reader, args=(k,)) for k in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return times, errors[0]


def replans(base: str, done: list[str], stop: threading.Event) -> None:
    """Keep the worker busy: a re-plan of the Challenge, then another, until ``stop``."""
    with httpx.Client(base_url=base, timeout=30) as office:
        csrf = office.post("/api/v1/login", json={"username": "ad", "password": PASSWORD})
        headers = {"X-CSRF-Token": csrf.json()["csrf_token"]}
        while not stop.is_set():
            job = office.post("/api/v1/productions/1/replan", headers=headers, json={
                "now": "2021-10-05T12:30:00Z", "time_limit_s": 10}).json()["id"]
            while not stop.is_set():
                view = office.get(f"/api/v1/productions/1/jobs/{job}").json()
                if view["status"] in ("done", "failed"):
                    done.append(view["status"])
                    break
                time.sleep(0.5)


def _line(label: str, times: list[float], errors: int, seconds: float) -> float:
    p95 = statistics.quantiles(times, n=20)[-1]
    print(f"  {label:>22}: {len(times)} requests ({len(times) / seconds:.0f}/s), p50 "
          f"{statistics.median(times) * 1e3:.1f} ms, p95 {p95 * 1e3:.1f} ms, errors {errors}")
    return p95


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="orbitfilm-bench-web-") as name:
        folder = Path(name)
        planned = plan_challenge(folder)
        url = store_url(str(folder / "office.db"))
        upgrade(make_engine(url))
        into_store(url, planned)
        with transaction(open_store(url)) as session:
            add_user(session, "ad", PASSWORD, "first_ad", 1, None, "bench")
        days = [str(d["number"]) for d in planned[1].document["days"]][-12:]
        with served(url) as base:
            reads = api_paths(days)
            load(base, args.clients, 3.0, reads)     # warm: the plan parsed, the pool full
            print(f"{args.clients} clients, {args.seconds:g} s a phase, SQLite, loopback:")
            idle = _line("worker idle (peer)", *load(base, args.clients, args.seconds, reads),
                         args.seconds)
            done, stop = [], threading.Event()
            worker = threading.Thread(target=replans, args=(base, done, stop))
            worker.start()
            busy = _line("during re-plans", *load(base, args.clients, args.seconds, reads),
                         args.seconds)
            stop.set()
            worker.join()
            print(f"  p95 with the worker re-planning / idle: {busy / idle:.2f}x; "
                  f"{len(done)} re-plans done during the load ({', '.join(done[:3])}...)")
            pages = _line("pages, worker idle", *load(base, args.clients, args.seconds,
                                                      page_paths(days)), args.seconds)
            print(f"  p95 of the pages / the API's reads, both idle: {pages / idle:.2f}x")

if __name__ == "__main__":
    main()
