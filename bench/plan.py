"""Time the main job on the bundled Challenge, stage by stage, as ``make demo`` runs it.

Run from the repository root: ``.venv/bin/python bench/plan.py`` (``--time-limit 60`` for
the default solve). In one process: loading the production, the flight (the orbit over the
stay), the schedules aboard and on the ground, the plan document (ground tracks, what lies
below, the light), and every file of the plan folder, each timed; then the same plan is
made again by ``orbitfilm plan`` in a fresh process, as a person runs it, start-up included.
The peer is the goal the plan is held to: everything after the solve in under 3 s on 2
cores. The figures the README quotes for ``make demo`` come from here.
"""

from __future__ import annotations

import argparse
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


def command_s(time_limit_s: float, folder: Path) -> float:
    """Return the wall time of ``orbitfilm plan`` in a fresh process."""
    began = time.perf_counter()
    subprocess.run([sys.executable, "-m", "orbitfilm", "plan", "-o", str(folder),
                    "--time-limit", str(time_limit_s)], check=True, capture_output=True)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=10.0,
                        help="seconds of CP-SAT search (make demo: 10)")
    arguments = parser.parse_args()
    print(f"The Challenge's plan, CP-SAT {arguments.time_limit:g} s on 2 workers\n")
    with tempfile.TemporaryDirectory() as scratch:
        seconds = stages(arguments.time_limit, Path(scratch) / "in-process")
        whole_s = command_s(arguments.time_limit, Path(scratch) / "command")
    print()
    for name, value in seconds.items():
        print(f"  {name:<40}{value:>8.2f} s")
    after_s = sum(list(seconds.values())[3:])
    print(f"\n  after the solve (plan data and files)   {after_s:>8.2f} s   goal "
          f"{GOAL_AFTER_SOLVE_S:g} s: {after_s / GOAL_AFTER_SOLVE_S:.2f} of it")
    print(f"  orbitfilm plan, a fresh process         {whole_s:>8.2f} s")


if __name__ == "__main__":
    main()
