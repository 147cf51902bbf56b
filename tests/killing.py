"""Kill a command with SIGKILL at a moment, then check the store it was writing is whole."""

from __future__ import annotations

import signal
import subprocess
import sys
import time


def kill_at(moment_s: float, *args, cwd=None) -> None:
    """Run ``orbitfilm ARGS`` and send it SIGKILL after ``moment_s`` seconds."""
    process = subprocess.Popen([sys.executable, "-m", "orbitfilm", *args], cwd=cwd,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(moment_s)
    process.send_signal(signal.SIGKILL)
    process.wait()


def whole_store(url: str) -> dict[str, list[int]]:
    """Check the store is whole: SQLite's integrity check passes and every version has its
    plan (no half version, no file without its version). Return the version ids by status."""
    from sqlalchemy import text as sql

    from orbitfilm.store.db import make_engine

    engine = make_engine(url)
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            assert connection.execute(sql("PRAGMA integrity_check")).scalar() == "ok"
        assert connection.execute(sql("SELECT COUNT(*) FROM version_files WHERE version_id "
                                      "NOT IN (SELECT id FROM versions)")).scalar() == 0
        rows = connection.execute(sql("SELECT id, status FROM versions ORDER BY id")).fetchall()
        for version, _ in rows:
            names = {name for (name,) in connection.execute(sql(
                "SELECT name FROM version_files WHERE version_id = :v"), {"v": version})}
            assert {"plan.json", "schedule.json"} <= names, version
    engine.dispose()
    found: dict[str, list[int]] = {}
    for version, status in rows:
        found.setdefault(status, []).append(version)
    return found
