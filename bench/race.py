"""Time 100,000 scenarios of race-2021: the vectorised engine against a per-scenario loop."""

import math
import random
import time

from orbitfilm.race.baseline import race_baselines, race_risks
from orbitfilm.race.engine import simulate
from orbitfilm.race.loader import open_race

N = 100_000


def loop_peer(baselines, risks, n, seed):
    """The plain way: one scenario at a time in Python (same model, its own random numbers)."""
    rng, wins = random.Random(seed), [0] * len(baselines)
    for _ in range(n):
        firsts = []
        for i, b in enumerate(baselines):
            delay = {"training_start": 0.0, "cleared": 0.0, "launch": 0.0, "shoot": 0.0}
            for r in risks:
                if r.production == i and rng.random() < r.probability:
                    delay[r.stage] += rng.triangular(r.low, r.high, r.mode)
            u = rng.random()
            s = b.slip
            slip = 0.0 if u <= s.p_on_time else -s.days_per_lead_day * b.lead_days * math.log(
                1 - (u - s.p_on_time) / (1 - s.p_on_time))
            cleared = b.cleared_days + delay["training_start"] + delay["cleared"]
            launch = max(b.target_days, cleared + b.prelaunch_days) + slip + delay["launch"]
            firsts.append(launch + b.dock_to_first_shot_days + delay["shoot"])
        wins[firsts.index(min(firsts))] += 1
    return [w / n for w in wins]


def main():
    race, folder = open_race(None)
    t = time.perf_counter()
    baselines = race_baselines(race, folder)
    print(f"baselines (training planner + launch finder, once per production): "
          f"{time.perf_counter() - t:.1f} s")
    risks = race_risks(race)
    times = {}
    for workers in (1, 2):
        t = time.perf_counter()
        result = simulate(baselines, risks, samples=N, seed=0, workers=workers, converge=False)
        times[workers] = time.perf_counter() - t
        print(f"ours, {workers} worker(s), {N} scenarios with drivers: {times[workers]:.3f} s "
              f"P(first) {result.p_first.round(4).tolist()}")
    t = time.perf_counter()
    peer = loop_peer(baselines, risks, N, 0)
    loop = time.perf_counter() - t
    print(f"per-scenario Python loop (no drivers): {loop:.2f} s P(first) "
          f"{[round(p, 4) for p in peer]}; ratio loop/ours(1 worker) {loop / times[1]:.1f}x")


if __name__ == "__main__":
    main()
