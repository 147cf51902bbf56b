"""Solve PSPLIB's j30 and j60 with the project core, against plain CP-SAT and the serial scheme.

Run from the repository root: ``.venv/bin/python bench/rcpsp.py [--set j30|j60|both]
[--every N] [--time-limit S] [--workers N]``.

The instances are PSPLIB's single-mode sets (Kolisch & Sprecher, "PSPLIB - A project
scheduling problem library", EJOR 96(1):205-216, 1996) as they lie in the shared data folder
``../shared/data/rcpsp/`` (``j30/*.sm``, ``j60/*.sm``, 480 each), with their reference
makespans: ``j30_optima.csv`` (every j30 optimum proven, Demeulemeester & Herroelen) and
``j60_best.csv`` (PSPLIB's best-known upper bounds). ``--every N`` takes every N-th instance
in PSPLIB's order (parameter set, then instance), so a sample spreads over all the sets.

Peers, each with the same time limit and workers, on the same files read by
``read_psplib``:
1. ours: ``solve_project`` (the serial scheme's first schedule as hint and horizon, windows
   from the precedences, the energy floor, disjunctive cliques, identical jobs in order).
2. plain CP-SAT: the textbook model, one interval per job, a cumulative per resource, a
   precedence per arc, minimise the sink's start, the file's horizon.
3. the serial schedule-generation scheme alone (``list_schedule``: priority rules and
   forward-backward improvement), which proves nothing.

Per set, a table: instances proven optimal, the best-known makespan reached (or beaten),
the mean and worst deviation from it, the total wall time, and that time over ours.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ortools.sat.python import cp_model

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from orbitfilm.formats.psplib import read_psplib  # noqa: E402
from orbitfilm.schedule.project.heuristic import list_schedule  # noqa: E402
from orbitfilm.schedule.project.solve import solve_project  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "rcpsp"
BEST_FILES = {"j30": ("j30_optima.csv", "makespan"), "j60": ("j60_best.csv", "upper_bound")}
PEERS = ("ours", "plain CP-SAT", "serial SGS")


@dataclass(frozen=True)
class Outcome:
    """One peer on one instance: its makespan (None without one), proof, and wall time."""

    makespan: int | None
    proven: bool
    wall_s: float


def instances(name: str, every: int) -> list[Path]:
    """Return every ``every``-th file of a set, in PSPLIB's (parameter, instance) order."""
    def key(path: Path):
        return tuple(int(n) for n in re.findall(r"\d+", path.stem[len(name):]))
    return sorted((DATA / name).glob("*.sm"), key=key)[::every]


def best_known(name: str) -> dict[str, int]:
    file_name, column = BEST_FILES[name]
    with open(DATA / file_name, newline="") as handle:
        return {row["instance"]: int(row[column]) for row in csv.DictReader(handle)}


def ours(problem, time_limit_s: float, workers: int) -> Outcome:
    began = time.perf_counter()
    found = solve_project(problem, time_limit_s=time_limit_s, workers=workers)
    return Outcome(found.finish_units, found.finish_optimal, time.perf_counter() - began)


def plain_cpsat(problem, time_limit_s: float, workers: int) -> Outcome:
    """Solve the textbook model: intervals, a cumulative per resource, precedences."""
    began = time.perf_counter()
    model = cp_model.CpModel()
    horizon = problem.horizon_units
    starts, intervals = {}, {}
    for job in problem.jobs:
        starts[job.id] = model.new_int_var(0, horizon - job.duration_units, job.id)
        intervals[job.id] = model.new_fixed_size_interval_var(starts[job.id],
                                                              job.duration_units, "")
    for lag in problem.lags:
        model.add(starts[lag.after] >= starts[lag.before] + lag.min_units)
    for resource in problem.resources:
        users = [job for job in problem.jobs if job.demands.get(resource.id, 0)]
        model.add_cumulative([intervals[job.id] for job in users],
                             [job.demands[resource.id] for job in users], resource.capacity)
    model.minimize(starts[problem.jobs[-1].id])   # PSPLIB's sink: its start is the makespan
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit_s
    solver.parameters.num_workers = workers
    status = solver.solve(model)
    wall_s = time.perf_counter() - began
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Outcome(None, False, wall_s)
    return Outcome(int(solver.objective_value), status == cp_model.OPTIMAL, wall_s)


def serial_sgs(problem, time_limit_s: float, workers: int) -> Outcome:
    began = time.perf_counter()
    starts = list_schedule(problem)
    if starts is None:
        return Outcome(None, False, time.perf_counter() - began)
    durations = {job.id: job.duration_units for job in problem.jobs}
    makespan = max(starts[j] + durations[j] for j in starts)
    return Outcome(makespan, False, time.perf_counter() - began)


def run_set(name: str, every: int, time_limit_s: float, workers: int) -> dict:
    """Solve a set's sample with every peer: {peer: [(outcome, best), ...]}."""
    best = best_known(name)
    results = {peer: [] for peer in PEERS}
    for path in instances(name, every):
        problem = read_psplib(path)
        for peer, solve in zip(PEERS, (ours, plain_cpsat, serial_sgs)):
            outcome = solve(problem, time_limit_s, workers)
            results[peer].append((outcome, best[path.stem]))
        mine = results["ours"][-1][0]
        print(f"  {path.stem}: ours {mine.makespan}{'*' if mine.proven else ''} "
              f"(best known {best[path.stem]}), plain "
              f"{results['plain CP-SAT'][-1][0].makespan}"
              f"{'*' if results['plain CP-SAT'][-1][0].proven else ''}", flush=True)
    return results


def table(name: str, results: dict, time_limit_s: float, workers: int, every: int) -> str:
    count = len(results["ours"])
    ours_wall = sum(o.wall_s for o, _ in results["ours"]) or 1e-9
    lines = [f"{name}: {count} instances (every {every}th), {time_limit_s:g} s and {workers} "
             f"workers each",
             "| peer | proven optimal | best known reached | mean deviation | worst deviation "
             "| total wall | wall / ours |",
             "|---|---|---|---|---|---|---|"]
    for peer in PEERS:
        rows = results[peer]
        deviations = [100.0 * (o.makespan - b) / b if o.makespan is not None else 100.0
                      for o, b in rows]
        proven = sum(o.proven for o, _ in rows) if peer != "serial SGS" else None
        reached = sum(o.makespan is not None and o.makespan <= b for o, b in rows)
        wall = sum(o.wall_s for o, _ in rows)
        lines.append(f"| {peer} | {'-' if proven is None else f'{proven}/{count}'} "
                     f"| {reached}/{count} | {sum(deviations) / count:.2f}% "
                     f"| {max(deviations):.2f}% | {wall:.1f} s | {wall / ours_wall:.2f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=("j30", "j60", "both"), default="both")
    parser.add_argument("--every", type=int, default=1, metavar="N",
                        help="Every N-th instance (default: all 480 of a set).")
    parser.add_argument("--time-limit", type=float, default=10.0, metavar="S",
                        help="Seconds per instance and peer (default 10).")
    parser.add_argument("--workers", type=int, default=2, metavar="N")
    args = parser.parse_args()
    sets = ("j30", "j60") if args.set == "both" else (args.set,)
    tables = []
    for name in sets:
        print(f"{name}:", flush=True)
        results = run_set(name, args.every, args.time_limit, args.workers)
        tables.append(table(name, results, args.time_limit, args.workers, args.every))
    print("\n\n".join(tables))


if __name__ == "__main__":
    main()
