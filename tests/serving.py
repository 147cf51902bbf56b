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


PASSWORD = "stripboard-at-dawn"     # each account's is this and its name: never common


def office(url: str, planned, accounts: dict[str, tuple[str, str | None]]) -> None:
    """Fill a store for the office's tests: the planned Challenge published as version 1
    (``replaying.into_store``), a second production, and one account each
    ``name: (role, person)`` (person "other": a role in the second production only)."""
    from replaying import into_store

    from orbitfilm.production.examples import example_path
    from orbitfilm.store.db import make_engine, open_store, transaction, upgrade
    from orbitfilm.store.productions import add_production
    from orbitfilm.store.users import add_user

    upgrade(make_engine(url))
    into_store(url, planned)
    with transaction(open_store(url)) as session:
        other = add_production(session, example_path("dragon-rival").read_text("utf-8"),
                               "A rival film", "dragon-rival.toml", "office")["id"]
        for name, (role, person) in accounts.items():
            production = other if person == "other" else 1
            add_user(session, name, PASSWORD + name, role, production,
                     None if person == "other" else person, "office")
