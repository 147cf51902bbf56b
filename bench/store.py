"""The store's costs on SQLite: add, what plan --db adds to plan, 1,000 log entries, export.

Run from the repository root: ``.venv/bin/python bench/store.py``. The peer of ``plan --db``
is ``plan`` itself in the same run: the store's share is reading the plan folder and
keeping it as a version in one transaction (goal: under 0.5 s).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from orbitfilm.plan import make_plan
from orbitfilm.production.examples import example_path
from orbitfilm.production.loader import parse_production
from orbitfilm.schedule.problem import SolveOptions
from orbitfilm.store.db import make_engine, open_store, store_url, transaction, upgrade
from orbitfilm.store.productions import add_production
from orbitfilm.store.shootlog import add_entry
from orbitfilm.store.versions import add_version, version_files

ENTRIES = 1_000


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="orbitfilm-bench-store-"))
    url = store_url(str(folder / "office.db"))
    upgrade(make_engine(url))
    engine = open_store(url)
    text = example_path("challenge-2021").read_text(encoding="utf-8")

    t = time.perf_counter()
    production = parse_production(text, source="challenge-2021.toml")
    with transaction(engine) as session:
        pid = add_production(session, text, production.title, "challenge-2021.toml", "bench")["id"]
    print(f"add (check the file, keep it): {time.perf_counter() - t:.3f} s")

    t = time.perf_counter()
    made = make_plan(None, folder / "plan", options=SolveOptions(time_limit_s=5, workers=2))
    planned = time.perf_counter() - t
    t = time.perf_counter()
    files = {p.relative_to(folder / "plan").as_posix(): p.read_bytes()
             for p in sorted((folder / "plan").rglob("*")) if p.is_file()}
    result = made.schedules.orbital
    with transaction(engine) as session:
        version = add_version(session, pid, 1, files, {
            "solve_status": result.status.value, "objective": result.objective,
            "bound": result.bound, "options": {}}, "bench")
    kept = time.perf_counter() - t
    size = sum(len(c) for c in files.values())
    print(f"plan (the peer): {planned:.2f} s; plan --db adds {kept:.3f} s to keep its "
          f"{len(files)} files ({size / 1e6:.1f} MB) as version {version} "
          f"({kept / planned:.1%} of the plan)")

    t = time.perf_counter()
    for k in range(ENTRIES):
        with transaction(engine) as session:
            add_entry(session, pid, "lost", {"scene": "1", "reason": f"entry {k}"}, "bench")
    logged = time.perf_counter() - t
    print(f"{ENTRIES} log entries, one transaction each (as the command line): {logged:.2f} s "
          f"({logged / ENTRIES * 1000:.1f} ms an entry)")

    t = time.perf_counter()
    with transaction(engine) as session:
        files = version_files(session, version)
    out = folder / "export"
    for name, content in files.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(content)
    print(f"export of version {version} ({len(files)} files): {time.perf_counter() - t:.3f} s")


if __name__ == "__main__":
    main()
