"""Benchmark the orbital scheduler on random productions against the stripboard baseline.

For random productions of 20 to 400 scenes over 12 to 30 days aboard (the ISS's real orbit
from the bundled element sets, or a regular made-up one with ``--orbit regular``), prints:
how long the candidate windows take, the stripboard baseline (each scene in priority order
at its earliest fit, what planning by hand gives), CP-SAT's time to its first schedule, its
objective, proven bound and gap when the time limit ends, and how much better than the
baseline it is. Smaller objectives are better.

    .venv/bin/python bench/schedule.py                      # 60 s per size, 2 workers
    .venv/bin/python bench/schedule.py --time-limit 10 --sizes 20 50
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from orbitfilm.mission import Flight, prepare_flight  # noqa: E402
from orbitfilm.schedule import cpsat  # noqa: E402
from orbitfilm.schedule.greedy import greedy  # noqa: E402
from orbitfilm.schedule.problem import SolveOptions, count_moves, evaluate  # noqa: E402
from orbitfilm.schedule.windows import build_problem  # noqa: E402
from support.synthetic import random_production, regular_environment  # noqa: E402

# Scenes and mission days of each size: a longer stay for a bigger production.
DAYS = {20: 12, 50: 15, 100: 20, 200: 25, 400: 30}


def flight_of(production, orbit: str) -> Flight:
    if orbit == "regular":
        return Flight(production, environment=regular_environment(production.span_s))
    return prepare_flight(production)


def bench_one(scenes: int, days: int, seed: int, orbit: str, options: SolveOptions) -> dict:
    """Return the figures of one random production."""
    production = random_production(scenes, days, seed)
    flight = flight_of(production, orbit)
    started = time.monotonic()
    problem = build_problem(flight)
    windows_s = time.monotonic() - started
    started = time.monotonic()
    baseline = greedy(problem)
    greedy_s = time.monotonic() - started
    greedy_value = sum(evaluate(problem, baseline).values())
    outcome = cpsat.solve(problem, options, hint=baseline if options.greedy_hint else None)
    ours = outcome.placements
    return {
        "moves": (count_moves(problem, baseline), count_moves(problem, ours)),
        "last_day": (_last_day(problem, baseline), _last_day(problem, ours)),
        "scenes": scenes, "days": days,
        "windows": sum(len(o.windows) for t in problem.tasks for o in t.options),
        "windows_s": windows_s, "greedy_s": greedy_s, "greedy": greedy_value,
        "greedy_shot": len({p.task_id for p in baseline}),
        "first_s": outcome.first_solution_s, "objective": outcome.objective,
        "bound": outcome.bound, "status": outcome.status,
        "shot": len({p.task_id for p in outcome.placements}),
        "possible": sum(1 for t in problem.tasks if t.has_windows),
    }


def _last_day(problem, placements) -> float:
    """Return when the last shot ends, in days after the mission starts."""
    return max((p.end_min for p in placements), default=0) / (24 * 60)


def row(figures: dict) -> str:
    objective, bound, greedy_value = figures["objective"], figures["bound"], figures["greedy"]
    gap = "-" if objective is None or bound is None else \
        f"{100 * (objective - bound) / max(objective, 1):.2f}%"
    better = "-" if objective is None else f"{100 * (greedy_value - objective) / greedy_value:.1f}%"
    first = "-" if figures["first_s"] is None else f"{figures['first_s']:.1f}"
    return (f"{figures['scenes']:>6} {figures['days']:>4} {figures['windows']:>8} "
            f"{figures['windows_s']:>8.2f} {greedy_value:>11,.0f} {figures['greedy_shot']:>4}/"
            f"{figures['possible']:<4} {first:>7} {_number(objective):>11} "
            f"{figures['shot']:>4} {_number(bound):>11} {gap:>7} {better:>8} "
            f"{figures['moves'][0]:>4}->{figures['moves'][1]:<4} "
            f"{figures['last_day'][0]:>5.1f}->{figures['last_day'][1]:<5.1f} {figures['status']}")


def _number(value) -> str:
    return "-" if value is None else f"{value:,.0f}"


HEADER = (f"{'scenes':>6} {'days':>4} {'windows':>8} {'windows':>8} {'greedy':>11} "
          f"{'shot':>9} {'first':>7} {'CP-SAT':>11} {'shot':>4} {'bound':>11} {'gap':>7} "
          f"{'better':>8} {'moves':>10} {'last day':>12} status\n"
          f"{'':>6} {'':>4} {'':>8} {'s':>8} {'objective':>11} {'':>9} {'s':>7} "
          f"{'objective':>11} {'':>4} {'':>11} {'':>7} {'vs greedy':>8} {'greedy->':>10} "
          f"{'greedy->':>12}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DAYS))
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--orbit", choices=("iss", "regular"), default="iss")
    parser.add_argument("--no-hint", action="store_true",
                        help="do not start CP-SAT from the stripboard schedule")
    arguments = parser.parse_args()
    options = SolveOptions(time_limit_s=arguments.time_limit, workers=arguments.workers,
                           seed=arguments.seed, greedy_hint=not arguments.no_hint)
    print(f"Orbital scheduler: random productions (seed {arguments.seed}), {arguments.orbit} "
          f"orbit, CP-SAT {arguments.time_limit:g} s on {arguments.workers} worker(s)"
          f"{'' if options.greedy_hint else ', no stripboard hint'}\n")
    print(HEADER)
    for scenes in arguments.sizes:
        days = DAYS.get(scenes, max(12, min(30, scenes // 8)))
        print(row(bench_one(scenes, days, arguments.seed, arguments.orbit, options)), flush=True)
    print("\nshot: scenes scheduled of those with any window; first: seconds to the first "
          "schedule (model, stripboard hint and presolve included); gap: (objective - bound) / "
          "objective; better: how much lower the objective is than the stripboard's; moves: "
          "kit moves; last day: when the last shot ends, in days after docking.")


if __name__ == "__main__":
    main()
