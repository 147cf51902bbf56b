"""Benchmark the exact talent-scheduling solver against MiniZinc/Gecode and on random instances.

Run from the repository root (the instances are those of the tests, ``tests/data/talent``):

    .venv/bin/python bench/talent.py                 # everything, a few minutes
    .venv/bin/python bench/talent.py --mzn-limit-s 2 --per-size 3   # quicker

1. Every classic instance of ``known_optima.csv``: orbitfilm's proof time, nodes and states,
   then the same instance with MiniZinc + Gecode on ``bench/talent.mzn`` (our standard position
   model) under a time limit, and the ratio of the two times (``>`` when MiniZinc timed out).
2. Random instances shaped like Garcia de la Banda, Stuckey & Chu (2011): 16 to 40 scenes,
   8 to 14 actors, each actor in a scene with probability 0.3-0.5, durations 1-4, rates 1-100;
   the fraction proven optimal within the time limit (10 s) and the median time.
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from orbitfilm.schedule.ground import TalentInstance, read_talent, solve_talent  # noqa: E402
from orbitfilm.schedule.ground.talent_search import compiled_available  # noqa: E402

DATA = ROOT / "tests" / "data" / "talent"
MODEL = ROOT / "bench" / "talent.mzn"
# Published times to proven optimum, Qin et al. (EJOR 250, 2016) Table 10, 2.66 GHz Xeon E5430.
QIN_2016_S = {"MobStory": 0.05, "film103": 0.02, "film105": 0.02, "film114": 0.03,
              "film116": 0.03, "film117": 0.02, "film118": 0.02, "film119": 0.02}


def to_dzn(instance: TalentInstance) -> str:
    """Write an instance as MiniZinc data in the form of the MiniZinc benchmarks."""
    rows = " | ".join(", ".join(str(int(v)) for v in row) for row in instance.appears)
    ints = [int(x) for x in instance.durations_days]
    return (f"numScenes = {len(instance.scene_ids)};\nnumActors = {len(instance.actor_names)};\n"
            f"ia = [| {rows} |];\nc = {[int(x) for x in instance.day_rates]};\nd = {ints};\n")


def run_minizinc(instance: TalentInstance, limit_s: float) -> tuple[float, bool, int | None]:
    """Solve with MiniZinc + Gecode: (seconds, proven optimal, best total or None)."""
    with tempfile.NamedTemporaryFile("w", suffix=".dzn", delete=False) as data:
        data.write(to_dzn(instance))
    started = time.perf_counter()
    try:
        done = subprocess.run(["minizinc", "--solver", "gecode", "-t", str(int(limit_s * 1000)),
                               str(MODEL), data.name], capture_output=True, text=True,
                              timeout=limit_s + 30)
        output = done.stdout
    except subprocess.TimeoutExpired:
        output = ""
    finally:
        Path(data.name).unlink(missing_ok=True)
    elapsed = time.perf_counter() - started
    totals = [int(line.split("=")[1].strip(" ;")) for line in output.splitlines()
              if line.startswith("total =")]
    return elapsed, "==========" in output, (totals[-1] if totals else None)


def classic(limit_s: float, use_minizinc: bool) -> float:
    """Print one line per classic instance; return orbitfilm's total time."""
    print(f"{'instance':<14}{'n':>3}{'m':>3}{'optimum':>8}{'ours':>7}{'proven':>7}"
          f"{'time_s':>9}{'nodes':>8}{'states':>8}{'Qin_s':>7}{'mzn_s':>8}{'mzn':>8}{'ratio':>9}")
    total_s = 0.0
    with (DATA / "known_optima.csv").open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    for row in rows:
        instance = read_talent(DATA / row["files"].split(";")[0].strip())
        result = solve_talent(instance)
        total_s += result.runtime_s
        mzn = "-"
        ratio = ""
        mzn_s_text = "-"
        if use_minizinc:
            mzn_s, proven, best = run_minizinc(instance, limit_s)
            mzn = "opt" if proven else (f"{best}?" if best is not None else "none")
            mzn_s_text = f"{mzn_s:.2f}"
            ratio = ("" if proven else ">") + f"{mzn_s / max(result.runtime_s, 1e-6):.0f}x"
        check = "" if result.total_cost == int(row["optimal_total_cost"]) else "  MISMATCH"
        qin = QIN_2016_S.get(row["instance"])
        print(f"{row['instance']:<14}{len(instance.scene_ids):>3}{len(instance.actor_names):>3}"
              f"{row['optimal_total_cost']:>8}{result.total_cost:>7}{str(result.optimal):>7}"
              f"{result.runtime_s:>9.4f}{result.nodes:>8}{result.states:>8}"
              f"{qin if qin else '-':>7}{mzn_s_text:>8}{mzn:>8}{ratio:>9}{check}", flush=True)
    print(f"classic suite: orbitfilm proved all in {total_s:.3f} s "
          f"({'compiled core' if compiled_available() else 'pure Python'})")
    return total_s


def random_instance(rng: random.Random, n: int) -> TalentInstance:
    """Draw one instance shaped like Garcia de la Banda et al.'s random set."""
    m = rng.randint(8, 14)
    density = rng.uniform(0.3, 0.5)
    appears = [[rng.random() < density for _ in range(n)] for _ in range(m)]
    return TalentInstance.from_arrays([rng.randint(1, 4) for _ in range(n)],
                                      [rng.randint(1, 100) for _ in range(m)], appears,
                                      name=f"random-{n}")


def random_sizes(sizes, per_size: int, limit_s: float, seed: int) -> None:
    """Print, per size, the fraction proven within the limit and the median time."""
    print(f"\n{'scenes':>6}{'proven':>10}{'median_s':>10}{'max_s':>8}{'median_states':>15}")
    rng = random.Random(seed)
    for n in sizes:
        times, states, proven = [], [], 0
        for _ in range(per_size):
            result = solve_talent(random_instance(rng, n), time_limit_s=limit_s)
            proven += result.optimal
            times.append(result.runtime_s)
            states.append(result.states)
        print(f"{n:>6}{proven:>6}/{per_size:<3}{statistics.median(times):>10.3f}"
              f"{max(times):>8.2f}{int(statistics.median(states)):>15}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mzn-limit-s", type=float, default=10.0,
                        help="MiniZinc time limit per instance (default 10 s)")
    parser.add_argument("--limit-s", type=float, default=10.0,
                        help="orbitfilm time limit per random instance (default 10 s)")
    parser.add_argument("--per-size", type=int, default=5, help="random instances per size")
    parser.add_argument("--sizes", default="16,20,24,28,32,36,40")
    parser.add_argument("--seed", type=int, default=2011)
    parser.add_argument("--no-minizinc", action="store_true")
    args = parser.parse_args()
    use_minizinc = not args.no_minizinc and shutil.which("minizinc") is not None
    if not use_minizinc and not args.no_minizinc:
        print("minizinc is not installed (apt-get install -y minizinc): skipping it")
    classic(args.mzn_limit_s, use_minizinc)
    random_sizes([int(x) for x in args.sizes.split(",")], args.per_size, args.limit_s,
                 args.seed)


if __name__ == "__main__":
    main()
