"""Time 100,000 scenarios of race-2021: the vectorised engine against a per-scenario loop.

Run from the repository root: ``.venv/bin/python bench/race.py``. The per-case work (each
production's training plan, launch series over 540 days with the verdicts of 16 slipped
traffics, its schedule aboard at each docking the pilot takes most) is timed apart; then the scenarios, ours on 1 and 2 workers and the
peer, a plain Python loop over scenarios doing the same steps (without the drivers' re-runs);
and 1,000,000 scenarios on a Dask LocalCluster of 2 workers against 1.
"""

import bisect
import math
import random
import time

from orbitfilm.race.baseline import baseline_risks, race_baselines, station_events
from orbitfilm.race.backends import dask_backend
from orbitfilm.race.engine import simulate
from orbitfilm.race.launches import MAX_SCRUBS
from orbitfilm.race.loader import open_race

N = 100_000
N_PEER = 10_000   # the loop re-times the training scenario by scenario: timed on fewer
N_DASK = 1_000_000


def draw(rng, r):
    """One delay of a risk's three-point estimate, as the engine draws it."""
    if r.dist == "uniform" or r.high == r.low:
        return rng.uniform(r.low, r.high)
    if r.dist == "pert":
        alpha = 1 + 4 * (r.mode - r.low) / (r.high - r.low)
        beta = 1 + 4 * (r.high - r.mode) / (r.high - r.low)
        return r.low + rng.betavariate(alpha, beta) * (r.high - r.low)
    return rng.triangular(r.low, r.high, r.mode)


def retimed_cleared(spread, rng):
    """One scenario's training re-timed, session by session (as training_spread.py does)."""
    factors = []
    for dist, low, mode, high in spread.estimates:
        if high == low:
            factors.append(low)
        elif dist == "pert":
            alpha = 1 + 4 * (mode - low) / (high - low)
            beta = 1 + 4 * (high - mode) / (high - low)
            factors.append(low + rng.betavariate(alpha, beta) * (high - low))
        else:
            factors.append(rng.triangular(low, high, mode))
    free = [0.0] * spread.people_count
    last = 0.0
    for s in range(len(spread.start_min)):
        who = spread.people[s].tolist()
        begin = max([float(spread.start_min[s])] + [free[p] for p in who])
        end = begin + float(spread.length_min[s]) * factors[int(spread.activity[s])]
        for p in who:
            free[p] = end
        last = max(last, end)
    worked_day = min(math.ceil(last / spread.day_min - 1e-9), len(spread.open_days) - 1)
    day = int(spread.open_days[worked_day])
    day = spread.cleared_day + (day - spread.planned_morning)
    if spread.fixed:
        day = max(day, spread.cleared_day)
    return spread.cleared_days + (day - spread.cleared_day)


def loop_peer(baselines, risks, events, n, seed):
    """The plain way: one scenario at a time in Python (same model, its own random numbers):
    the earliest day, then the first opportunity of the series its slipped station takes
    (bisect), scrubs, one pad a day, the first shot after hatch opening of that docking's
    schedule, station events before it."""
    rng, wins = random.Random(seed), [0.0] * len(baselines)
    rows = max(b.series.next_fit.shape[0] for b in baselines)
    for _ in range(n):
        picks = []
        variant = int(rng.random() * rows)      # one slipped station for everybody
        for i, b in enumerate(baselines):
            delay = {"training_start": 0.0, "cleared": 0.0, "launch": 0.0, "shoot": 0.0}
            for r in risks:
                if i in (r.production, *r.also) and rng.random() < r.probability:
                    if r.backup == "trained" and rng.random() >= r.probability:
                        continue          # the backup crew flies
                    delay[r.stage] += draw(rng, r)
            u = rng.random()
            s = b.slip
            slip = 0.0 if u <= s.p_on_time else s.scale_days(b.lead_days) * (-math.log(
                1 - (u - s.p_on_time) / (1 - s.p_on_time))) ** (1 / s.shape)
            planned = retimed_cleared(b.training, rng) if b.training and b.training.varies \
                else b.cleared_days
            cleared = planned + delay["training_start"] + delay["cleared"]
            earliest = max(b.target_days, cleared + b.prelaunch_days) + slip + delay["launch"]
            liftoffs = b.series.liftoff_days
            fits = b.series.next_fit[variant]
            k = int(fits[bisect.bisect_left(liftoffs, earliest)])
            for _ in range(MAX_SCRUBS):
                if k >= len(liftoffs) or rng.random() >= b.series.scrub_probability:
                    break
                k = int(fits[bisect.bisect_left(liftoffs, liftoffs[k] +
                                                b.series.turnaround_days)])
            picks.append([k, delay["shoot"], earliest])
        if baselines[0].series.site == baselines[1].series.site:
            days = [math.floor(b.series.liftoff_days[min(p[0], len(b.series.liftoff_days) - 1)])
                    for b, p in zip(baselines, picks)]
            if days[0] == days[1]:
                later = 1 if rng.random() < 0.5 else 0
                own = baselines[later].series
                picks[later][0] = int(own.next_fit[variant][bisect.bisect_left(
                    own.liftoff_days, days[0] + 1.0)])
        firsts = []
        for b, (k, shoot, earliest) in zip(baselines, picks):
            series = b.series
            inside = k < len(series.liftoff_days)
            hatch = (series.hatch_days[k] if inside
                     else earliest + float(series.hatch_days[0] - series.liftoff_days[0]))
            to_first = (b.shoot_by_opportunity[0][k] if inside
                        else b.hatch_to_first_shot_days)
            lost = 0.0
            for event in events:          # arrivals on the shoot's clock before the shot
                clock = rng.expovariate(event.per_day)
                while clock < to_first:
                    lost += draw(rng, event)
                    clock += rng.expovariate(event.per_day)
            firsts.append(hatch + to_first + shoot + lost)
        best = min(firsts)
        tied = [i for i, f in enumerate(firsts) if f == best]
        for i in tied:
            wins[i] += 1 / len(tied)
    return [w / n for w in wins]


def main():
    race, folder = open_race(None)
    t = time.perf_counter()
    baselines = race_baselines(race, folder)
    print(f"per-case work (training plan, launch series, schedule aboard; one production "
          f"after the other): "
          f"{time.perf_counter() - t:.1f} s")
    risks = baseline_risks(race, baselines)
    events = station_events(race)
    times = {}
    for workers in (1, 2):
        t = time.perf_counter()
        result = simulate(baselines, risks, samples=N, seed=0, workers=workers, converge=False,
                          events=events)
        times[workers] = time.perf_counter() - t
        print(f"ours, {workers} worker(s), {N} scenarios with drivers: {times[workers]:.3f} s "
              f"P(first) {result.p_first.round(4).tolist()}")
    dask_times = {}
    for workers in (1, 2):
        with dask_backend(workers=workers) as backend:
            t = time.perf_counter()
            result = simulate(baselines, risks, samples=N_DASK, seed=0, converge=False,
                              events=events, backend=backend)
            dask_times[workers] = time.perf_counter() - t
        print(f"Dask LocalCluster, {workers} worker(s), {N_DASK:,} scenarios with drivers: "
              f"{dask_times[workers]:.2f} s P(first) {result.p_first.round(4).tolist()}")
    print(f"Dask 2 workers against 1: {dask_times[1] / dask_times[2]:.2f}x faster")
    t = time.perf_counter()
    peer = loop_peer(baselines, risks, events, N_PEER, 0)
    loop = (time.perf_counter() - t) * N / N_PEER
    print(f"per-scenario Python loop (no drivers), {N_PEER} scenarios timed, scaled to {N}: "
          f"{loop:.1f} s P(first) {[round(p, 4) for p in peer]}; ratio loop/ours(1 worker) "
          f"{loop / times[1]:.1f}x")


if __name__ == "__main__":
    main()
