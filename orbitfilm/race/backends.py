"""Where the race's chunks run: here, on local processes, or on a Dask cluster.

A backend maps (a chunk function, the chunks' seeds) to the chunks' results *in seed order*;
the engine merges them in that order, so every backend and any number of workers give the
same answer to the bit. Dask is an optional extra (``pip install orbitfilm[dask]``): it is
imported only when asked for.
"""

from __future__ import annotations

import logging
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Callable, Iterable, Iterator

from ..errors import InputError

Backend = Callable[[Callable, list], Iterable]


def serial_backend(function: Callable, seeds: list) -> Iterable:
    return map(function, seeds)


def process_backend(workers: int) -> Backend:
    """Return a backend running chunks on ``workers`` local processes (results in order)."""
    def run(function, seeds):
        with ProcessPoolExecutor(workers) as pool:
            yield from pool.map(function, seeds)
    return run


def local_backend(workers: int) -> Backend:
    return serial_backend if workers <= 1 else process_backend(workers)


def client_backend(client) -> Backend:
    """Return a backend submitting each chunk to a Dask ``client``; a run that stops early
    (it converged) cancels the chunks not yet collected."""
    def run(function, seeds):
        futures = client.map(function, seeds, pure=False)
        try:
            for future in futures:
                yield future.result()
        finally:
            client.cancel(futures)
    return run


@contextmanager
def dask_backend(*, workers: int = 2, scheduler: str | None = None) -> Iterator[Backend]:
    """Yield a backend on Dask: a ``LocalCluster`` of ``workers`` single-threaded worker
    processes on 127.0.0.1, or the cluster whose scheduler is at ``scheduler``."""
    distributed = _distributed()
    if scheduler is not None:
        try:
            client = distributed.Client(scheduler, timeout="10s")
        except (OSError, TimeoutError) as error:
            raise InputError(f"no Dask scheduler answers at {scheduler} ({error})",
                             field="--scheduler") from None
        with client:
            yield client_backend(client)
        return
    with distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None,
                                  silence_logs=logging.ERROR) as cluster, \
            distributed.Client(cluster) as client:
        yield client_backend(client)


def _distributed():
    try:
        import distributed
    except ImportError:
        raise InputError("the Dask backend needs dask[distributed]: pip install "
                         "'orbitfilm[dask]'", field="--dask") from None
    return distributed
