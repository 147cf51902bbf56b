"""Re-planning against re-solving from scratch, in the same run.

Two cases. The Challenge replayed as the suite replays it (tests/test_replan.py): planned
before launch with docking at 12:12 and 100-minute film days (so that it spreads over the
twelve days the shoot took), docked 12:22:31, every scene shot on plan until 11 Oct
06:00, then four hours of that day blocked for everyone aboard, re-planned at once. And a
random production of 200 scenes over 25 days (bench/schedule.py's), on its third day,
with six hours blocked for everyone.

For each: the re-plan (the published schedule repaired as the hint, the stability terms)
and the peer (the same problem from the stripboard's schedule, as ``plan`` starts): seconds
from the log to the first valid schedule (the flight, windows and problem included), and
to one within 1% of the best of two 60 s solves of the same problem.

    .venv/bin/python bench/replan.py
    .venv/bin/python bench/replan.py --reference-s 20      (quicker, a weaker reference)
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from orbitfilm.mission.flight import prepare_flight  # noqa: E402
from orbitfilm.plan.logged import Block, Logged, Shot, logged_production  # noqa: E402
from orbitfilm.plan.stage import schedule_flight  # noqa: E402
from orbitfilm.production.examples import example_path  # noqa: E402
from orbitfilm.production.loader import parse_production  # noqa: E402
from orbitfilm.schedule import cpsat  # noqa: E402
from orbitfilm.schedule.greedy import greedy, repair  # noqa: E402
from orbitfilm.schedule.problem import SolveOptions, evaluate, first_pieces  # noqa: E402
from orbitfilm.schedule.replan import rest_problem  # noqa: E402
from orbitfilm.schedule.windows import build_problem  # noqa: E402
from orbitfilm.times import DAY_S, parse_iso  # noqa: E402
from support.synthetic import random_production  # noqa: E402

RUN_S = 10.0


def challenge_text() -> str:
    text = example_path("challenge-2021").read_text(encoding="utf-8")
    text = text.replace("docking = 2021-10-05T12:22:31Z", "docking = 2021-10-05T12:12:00Z")
    return text.replace("[mission]\n", "[limits]\ndaily_film_min = 100\n\n[mission]\n", 1)


def challenge():
    return parse_production(challenge_text(), source="challenge-planned.toml")


def disruption(schedule: dict, now_s: float, block_h: float, mission_s: dict) -> Logged:
    """Every scene shot on plan before ``now_s``; ``block_h`` hours from it blocked."""
    shots = tuple(Shot(s["id"], parse_iso(s["shoot_start"]), parse_iso(s["end"]))
                  for s in schedule["scenes"] if parse_iso(s["end"]) <= now_s)
    block = Block(now_s, now_s + block_h * 3600, "station event (bench)")
    return Logged(now_s, shots=shots, blocks=(block,), mission_s=mission_s)


def timed(production, logged: Logged, schedule: dict, hinted: bool, limit_s: float):
    """Return (seconds to each better schedule from the log, its cost), the outcome and
    the problem. The peer (``hinted`` False) re-solves from scratch: no stability terms,
    the stripboard's schedule first, as ``plan`` does."""
    started = time.monotonic()
    flight = prepare_flight(logged_production(production, logged))
    rest = rest_problem(flight.production, build_problem(flight), logged, schedule)
    if not hinted:
        rest = replace(rest, problem=replace(rest.problem, weights=replace(
            rest.problem.weights, moved_scene=0, moved_day=0, call_sheet_soon=0)))
    hint = repair(rest.problem, rest.published) if hinted else greedy(rest.problem)
    trace = []

    def heard(report):
        if "objective" in report:
            trace.append((time.monotonic() - started, report["objective"]))
    outcome = cpsat.solve(rest.problem, SolveOptions(time_limit_s=limit_s), heard, hint=hint)
    return trace, outcome, rest


def moved(rest, placements) -> int:
    """Return how many published scenes no longer start when published (or are out)."""
    first = first_pieces(placements)
    return sum(1 for task_id, (start, _) in rest.problem.published.items()
               if task_id not in first or first[task_id].shoot_start_min != start)


def within(trace, target: float) -> float | None:
    return next((s for s, cost in trace if cost <= target), None)


def case(name: str, production, now_s: float, block_h: float, mission_s: dict,
         reference_s: float) -> None:
    flight = prepare_flight(production)
    published = schedule_flight(flight, options=SolveOptions(time_limit_s=60)).orbital.to_json()
    logged = disruption(published, now_s, block_h, mission_s)
    ours, outcome, rest = timed(production, logged, published, True, RUN_S)
    peer, peer_outcome, _ = timed(production, logged, published, False, RUN_S)
    best = min(o.objective for o in (
        cpsat.solve(rest.problem, SolveOptions(time_limit_s=reference_s),
                    hint=repair(rest.problem, rest.published)),
        cpsat.solve(rest.problem, SolveOptions(time_limit_s=reference_s),
                    hint=greedy(rest.problem))) if o.objective is not None)
    target = best * 1.01
    print(f"{name}: {len(rest.problem.tasks)} scenes left, "
          f"{len(logged.shots)} shot; best of two {reference_s:g} s solves {best:.0f}")
    for label, trace, result in (("re-plan", ours, outcome), ("from scratch", peer, peer_outcome)):
        first = trace[0][0] if trace else None
        close = within(trace, target) if result is outcome else None
        priced = sum(evaluate(rest.problem, result.placements).values())
        print(f"  {label:>12}: first valid {_s(first)}, within 1% {_s(close)}; after "
              f"{RUN_S:g} s {priced:.0f} ({priced / best - 1:+.2%}), "
              f"{moved(rest, result.placements)} of {len(rest.problem.published)} published "
              f"scenes moved")
    if ours and peer:
        print(f"  first valid: re-plan {peer[0][0] / ours[0][0]:.1f}x as fast as from scratch")


def _s(value) -> str:
    return "never" if value is None else f"{value:.2f} s"


def command(folder: Path) -> None:
    """Time the whole ``orbitfilm replan`` of the Challenge's 15 Oct (a fresh process:
    imports, the store, the orbit, the solve, every report, the new version)."""
    db = f"sqlite:///{folder / 'office.db'}"
    path = folder / "challenge-planned.toml"
    path.write_text(challenge_text(), encoding="utf-8")
    run = [sys.executable, "-m", "orbitfilm"]
    for args in (["db", "init"], ["plan", str(path), "--time-limit", "20"],
                 ["publish", "1"], ["log", "mission", "--docking", "2021-10-05T12:22:31Z"],
                 ["log", "event", "--start", "2021-10-15T09:13Z", "--end",
                  "2021-10-15T09:45Z", "--reason", "station attitude control lost"]):
        subprocess.run(run + args + ["--db", db], check=True, capture_output=True)
    started = time.monotonic()
    subprocess.run(run + ["replan", "--db", db, "--now", "2021-10-15T09:50Z", "--time-limit",
                          "10"], check=True, capture_output=True)
    print(f"orbitfilm replan (the Challenge, 15 Oct 09:50, a fresh process, every report and "
          f"the version kept): {time.monotonic() - started:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference-s", type=float, default=60.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="orbitfilm-bench-replan-") as folder:
        command(Path(folder))
    case("The Challenge, 11 Oct 2021", challenge(), parse_iso("2021-10-11T06:00:00Z"), 4.0,
         {"docking": parse_iso("2021-10-05T12:22:31Z")}, args.reference_s)
    big = random_production(200, 25, seed=1)
    case("200 scenes, day 3 of 25", big, big.span_s[0] + 2 * DAY_S, 6.0, {}, args.reference_s)


if __name__ == "__main__":
    main()
