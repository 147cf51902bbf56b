"""Run ``orbitfilm serve`` on a free loopback port for as long as a block lasts."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from contextlib import contextmanager

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def served(url: str, log=subprocess.DEVNULL):
    """Yield the base URL of ``orbitfilm serve --db URL`` once it answers /healthz; stop it
    (and its worker) after."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "orbitfilm", "serve", "--db", url,
                                "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                if httpx.get(base + "/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)
