"""A PostgreSQL server the suite starts itself: Debian's postgresql, ``initdb`` and
``pg_ctl`` run as the ``postgres`` user (the server refuses root) in a temporary folder, on
a loopback port, stopped at the end of the session. Skipped, saying why, where there is no
postgresql (``make test`` installs it) or no psycopg driver."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest


def _binary(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """One server for the session; each test gets a database of its own."""

    def __init__(self):
        initdb, self.pg_ctl = _binary("initdb"), _binary("pg_ctl")
        if initdb is None or self.pg_ctl is None:
            pytest.skip("PostgreSQL is not installed (make test installs Debian's "
                        "postgresql); the store's PostgreSQL runs skip")
        try:
            import psycopg  # noqa: F401
        except ImportError:
            pytest.skip("the psycopg driver is not installed (pip install "
                        "'orbitfilm[postgresql]'; make test installs it)")
        self.as_server = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
        self.folder = Path(tempfile.mkdtemp(prefix="orbitfilm-pg-"))
        if os.getuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        self.data = self.folder / "data"
        self.port = _free_port()
        self._run([initdb, "-D", str(self.data), "-U", "orbitfilm", "--auth=trust",
                   "-E", "UTF8", "--no-instructions"])
        self._run([self.pg_ctl, "-D", str(self.data), "-l", str(self.folder / "log"), "-w",
                   "-o", f"-p {self.port} -h 127.0.0.1 -k {self.folder}", "start"])
        self.url = f"postgresql+psycopg://orbitfilm@127.0.0.1:{self.port}"

    def _run(self, command: list[str]) -> None:
        done = subprocess.run([*self.as_server, *command], capture_output=True, text=True,
                              timeout=120)
        if done.returncode != 0:
            pytest.skip(f"PostgreSQL would not start here: {done.stderr.strip()[:200]}")

    def new_database(self) -> str:
        """Return the URL of a new, empty database."""
        import psycopg

        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=orbitfilm "
                             f"dbname=postgres", autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return f"{self.url}/{name}"

    def stop(self) -> None:
        subprocess.run([*self.as_server, self.pg_ctl, "-D", str(self.data), "-m", "fast",
                        "-w", "stop"], capture_output=True, timeout=120)
        shutil.rmtree(self.folder, ignore_errors=True)
