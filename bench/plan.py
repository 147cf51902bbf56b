"""Time the main job on the bundled Challenge, stage by stage, as ``make demo`` runs it.

Run from the repository root: ``.venv/bin/python bench/plan.py`` (``--time-limit 60`` for
the default solve). In one process: loading the production, the flight (the orbit over the
stay), the schedules aboard and on the ground, the plan document (ground tracks, what lies
below, the light), and every file of the plan folder, each timed; then the same plan is
made again by ``orbitfilm plan`` in a fresh process, as a person runs it, start-up included,
and once more with ``--deterministic``. The peers are the goals the plan is held to:
everything after the solve in under 3 s on 2 cores, and the whole command within its
``--time-limit`` plus start-up. The figures the README quotes for ``make demo`` (time, files
written, the solve, the ground calendar) come from here.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

from orbitfilm.mission import prepare_flight
from orbitfilm.plan.document import build_plan
from orbitfilm.plan.stage import flight_ephemeris, production_path, schedule_flight
from orbitfilm.production.loader import load_production
from orbitfilm.report.schedule_table import ground_line, summary_line
from orbitfilm.report.writer import write_reports
from orbitfilm.schedule.problem import SolveOptions

GOAL_AFTER_SOLVE_S = 3.0
# Start-up of a fresh process (Python, OR-Tools, skyfield, the bundled element sets): what
# --time-limit leaves out of its promise.
START_UP_S = 3.0


def stages(time_limit_s: float, folder: Path) -> dict[str, float]:
    """Run every stage once; return the seconds of each, and print the plan's summary."""
    seconds, began = {}, time.perf_counter()

    def lap(name: str) -> None:
        nonlocal began
        now = time.perf_counter()
        seconds[name], began = now - began, now

    production = load_production(production_path(None))
    lap("load the production")
    flight = prepare_flight(production)
    lap("the flight: the orbit over the stay")
    schedules = schedule_flight(flight, options=SolveOptions(time_limit_s=time_limit_s))
    lap("schedules aboard and on the ground")
    ground = schedules.ground.to_json() if schedules.ground else None
    document = build_plan(flight, schedules.orbital.to_json(), ground)
    lap("the plan document")
    ephemeris = flight_ephemeris(flight)
    lap("the ephemeris (a state a minute)")
    paths = write_reports(SimpleNamespace(document=document, ephemeris=ephemeris), folder)
    lap(f"{len(paths)} files written")
    print(summary_line(schedules.orbital))
    if schedules.ground:
        print(ground_line(schedules.ground))
    return seconds


def command_run(time_limit_s: float, folder: Path, *flags: str) -> tuple[float, str, dict]:
    """Return the wall time, standard output and plan document of ``orbitfilm plan`` in a
    fresh process (start-up included), as ``make demo`` runs it."""
    began = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "orbitfilm", "plan", "-o", str(folder),
                           "--time-limit", str(time_limit_s), *flags], check=True,
                          capture_output=True, text=True)
    elapsed_s = time.perf_counter() - began
    return elapsed_s, done.stdout + done.stderr, json.loads((folder / "plan.json").read_text())


def ground_calendar(document: dict) -> list[str]:
    """Return the ground unit's days as the README shows them: scenes and travel by date."""
    ground = document.get("ground") or {}
    by_day: dict[str, list[str]] = {}
    for scene_id, dates in ground.get("dates", {}).items():
        for day in dates:
            by_day.setdefault(day, []).append(f"scene {scene_id}")
    for journey in ground.get("travel", []):
        for day in journey["dates"]:
            by_day.setdefault(day, []).append(f"travel {journey['from']} -> {journey['to']}")
    return [f"{day}  {', '.join(sorted(what))}" for day, what in sorted(by_day.items())]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=10.0,
                        help="seconds of CP-SAT search (make demo: 10)")
    arguments = parser.parse_args()
    print(f"The Challenge's plan, CP-SAT {arguments.time_limit:g} s on 2 workers\n")
    with tempfile.TemporaryDirectory() as scratch:
        seconds = stages(arguments.time_limit, Path(scratch) / "in-process")
        runs = {name: command_run(arguments.time_limit, Path(scratch) / name, *flags)
                for name, flags in (("plan", ()), ("deterministic", ("--deterministic",)))}
    print()
    for name, value in seconds.items():
        print(f"  {name:<40}{value:>8.2f} s")
    after_s = sum(list(seconds.values())[3:])
    print(f"\n  after the solve (plan data and files)   {after_s:>8.2f} s   goal "
          f"{GOAL_AFTER_SOLVE_S:g} s: {after_s / GOAL_AFTER_SOLVE_S:.2f} of it")
    goal_s = arguments.time_limit + START_UP_S
    for name, (whole_s, output, document) in runs.items():
        print(f"  orbitfilm {name:<30}{whole_s:>8.2f} s   goal {goal_s:g} s (the limit + "
              f"start-up): {whole_s / goal_s:.2f} of it")
        for line in output.strip().splitlines():
            print(f"    | {line}")
    print("\n  the ground calendar (make demo):")
    for line in ground_calendar(runs["plan"][2]):
        print(f"    {line}")


if __name__ == "__main__":
    main()
