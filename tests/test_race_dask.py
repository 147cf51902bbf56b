"""The race on Dask: a LocalCluster, and a `dask scheduler` with two `dask worker` processes
started on 127.0.0.1, give the local backend's answer to the bit (seeds spawned per chunk,
results merged in chunk order, every random source a named stream)."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

distributed = pytest.importorskip(
    "distributed", reason="dask[distributed] is not installed (make test installs it: "
                          "pip install 'orbitfilm[dask]')")

from orbitfilm.race.backends import dask_backend, local_backend  # noqa: E402
from orbitfilm.race.baseline import result_json  # noqa: E402
from orbitfilm.race.engine import Case, RiskDraw, StationEventDraw, simulate  # noqa: E402
from racing import series_production  # noqa: E402

SAMPLES = 25_000     # three chunks, the last one short


def _race():
    baselines = [series_production("a", "pad-1", 200), series_production("b", "pad-1", 200)]
    risks = [RiskDraw("late", 1, "launch", 0.4, "triangular", 5, 10, 40)]
    events = (StationEventDraw("alarm", 0.2, "uniform", 0.1, 0.1, 0.1),)
    what_ifs = (Case(tuple(baselines), (), events, "no risk"),)
    return baselines, risks, events, what_ifs


def _answer(backend) -> bytes:
    baselines, risks, events, what_ifs = _race()
    result = simulate(baselines, risks, samples=SAMPLES, seed=11, converge=False,
                      backend=backend, events=events, what_ifs=what_ifs)
    return json.dumps(result_json(result), sort_keys=True).encode()


@pytest.fixture(scope="module")
def local_answer() -> bytes:
    one = _answer(local_backend(1))
    assert one == _answer(local_backend(2))
    return one


def test_a_local_cluster_gives_the_local_answer(local_answer):
    with dask_backend(workers=2) as backend:
        assert _answer(backend) == local_answer


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_scheduler_and_two_workers_started_here_give_the_local_answer(local_answer):
    dask = str(Path(sys.executable).parent / "dask")
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    started = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port",
                                 str(port), "--no-dashboard"], **quiet)]
    try:
        started += [subprocess.Popen([dask, "worker", address, "--nthreads", "1",
                                      "--host", "127.0.0.1", "--no-dashboard"], **quiet)
                    for _ in range(2)]
        deadline = time.monotonic() + 60
        while True:     # the scheduler takes a moment to listen
            try:
                client = distributed.Client(address, timeout="5s")
                break
            except (OSError, TimeoutError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        with client:
            client.wait_for_workers(2, timeout=60)
        with dask_backend(scheduler=address) as backend:
            assert _answer(backend) == local_answer
    finally:
        for process in reversed(started):
            process.terminate()
        for process in started:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
