"""The shoot aboard in the race: the production's own schedule at each docking it may take.

The first shot and the wrap of a scenario come from the production's schedule, measured from
the hatch opening of the opportunity it launched on: the orbital light and the crew's day
that place the first scene (the Challenge shot hours after its hatch opened) change from
one docking to the next. Solving a schedule per scenario is out of reach, and most
opportunities of a series are never taken, so a pilot run of the race finds the
opportunities scenarios take most (those holding ``COVERAGE`` of the pilot's launches, at
most ``MOST`` a production); each is solved once, the productions' solves in parallel on the
race's backend. An opportunity not solved borrows the schedule of the nearest one solved.

The baseline opportunity keeps the production's own flight (its recorded docking, its
station traffic); at a moved docking the production keeps its stay, and the station's
traffic is left out: the record's flights are not re-placed around a docking that never
happened (on the Challenge, leaving the traffic out moves the first shot by about a minute).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from functools import partial

import numpy as np

from ..deadline import stage_seconds
from ..errors import InputError
from ..times import DAY_S
from .engine import Baseline

# Seconds for each schedule aboard (the first shot and the wrap).
SCHEDULE_S = 4.0
# The pilot: scenarios drawn to find the opportunities the race takes (a fixed seed: the
# same opportunities on every run).
PILOT_SAMPLES = 4_000
PILOT_SEED = 2021
COVERAGE = 0.9
MOST = 6


def schedule_offsets(flight, hatch_s: float, deterministic: bool = False
                     ) -> tuple[float, float] | None:
    """Return days from ``hatch_s`` to the flight's first shot and to its wrap, in its
    schedule; None when no scene is scheduled."""
    from ..schedule.problem import SolveOptions
    from ..schedule.scheduler import schedule_scenes

    result = schedule_scenes(flight, options=SolveOptions(
        time_limit_s=stage_seconds(SCHEDULE_S, deterministic), deterministic=deterministic))
    if not result.scenes:
        return None
    return ((min(s.start_s for s in result.scenes) - hatch_s) / DAY_S,
            (max(s.end_s for s in result.scenes) - hatch_s) / DAY_S)


def shoot_after_hatch(production, road, deterministic: bool = False
                      ) -> tuple[float, float] | None:
    """Return days from the baseline launch's hatch opening to the first shot and the wrap
    of the production's own schedule; None without scenes aboard."""
    from ..mission.chooser import launched
    from ..mission.flight import prepare_flight

    if not production.orbital_scenes():
        return None
    if production.mission.docking is None:
        production = launched(production, road.launch)
    flight = prepare_flight(production, choice=road.choice)
    return schedule_offsets(flight, road.launch.hatch_open_s, deterministic)


def shoot_at_opportunity(production, series, k: int, deterministic: bool = False
                         ) -> tuple[float, float] | None:
    """Return the offsets (as ``shoot_after_hatch``) when the production docks at its
    series' opportunity ``k`` instead, its stay kept; None when it cannot be scheduled."""
    from ..mission.flight import prepare_flight

    if not production.orbital_scenes():
        return None
    moved = production.without_launch_date(series.stay_days).with_docking(
        _utc(series.docking_days[k]), None, _utc(series.liftoff_days[k]))
    try:
        flight = prepare_flight(moved, traffic=(None, "a moved docking: the station's "
                                                      "traffic is left out"))
    except InputError:
        return None
    return schedule_offsets(flight, series.hatch_days[k] * DAY_S, deterministic)


def taken_most(series, launch_days: np.ndarray) -> list[int]:
    """Return the opportunities of ``series`` the launches (days, to the minute) take most:
    those holding ``COVERAGE`` of them, at most ``MOST``, most taken first."""
    if len(series.liftoff_days) == 0:
        return []
    # A date to the minute lies within a minute of its liftoff, on either side of it once
    # rounded in floating point: the last liftoff up to a minute past it is the one.
    index = np.searchsorted(series.liftoff_days, launch_days + 1 / 1440, side="right") - 1
    index = np.clip(index, 0, len(series.liftoff_days) - 1)
    on_series = np.abs(series.liftoff_days[index] - launch_days) < 1 / 1440
    counts = np.bincount(index[on_series], minlength=len(series.liftoff_days))
    order = np.argsort(-counts, kind="stable")
    total, picked, held = counts.sum(), [], 0
    for k in order[:MOST]:
        if counts[k] == 0 or (total and held >= COVERAGE * total):
            break
        picked.append(int(k))
        held += counts[k]
    return picked


def with_opportunity_schedules(baselines: list[Baseline], productions: list, roads: list,
                               risks, backend, deterministic: bool = False) -> list[Baseline]:
    """Return the baselines with a schedule for every opportunity of their series: solved
    at those a pilot run takes most, borrowed from the nearest one solved elsewhere."""
    from .engine import simulate

    pilot = simulate(baselines, risks, samples=PILOT_SAMPLES, seed=PILOT_SEED,
                     drivers=False, converge=False)
    own = [_index_of(b.series, road.launch.liftoff_s / DAY_S) if b.series is not None
           else None for b, road in zip(baselines, roads)]
    jobs = [(i, k) for i, b in enumerate(baselines) if b.series is not None
            for k in taken_most(b.series, pilot.dates["launch"][i]) if k != own[i]]
    solve = partial(_solve_job, productions, [b.series for b in baselines], deterministic)
    solved = dict(zip(jobs, backend(solve, jobs)))
    return [_filled(b, own[i], {k: v for (j, k), v in solved.items()
                                if j == i and v is not None})
            for i, b in enumerate(baselines)]


def _solve_job(productions, series, deterministic, job):
    i, k = job
    return shoot_at_opportunity(productions[i], series[i], k, deterministic)


def _index_of(series, liftoff_days: float) -> int | None:
    """Return the index of the opportunity lifting off at ``liftoff_days``, if in series."""
    k = int(np.searchsorted(series.liftoff_days, liftoff_days - 1 / 1440))
    if k < len(series.liftoff_days) and abs(series.liftoff_days[k] - liftoff_days) < 1 / 1440:
        return k
    return None


def _filled(baseline: Baseline, own: int | None,
            solved: dict[int, tuple[float, float]]) -> Baseline:
    """Return the baseline with offsets for every opportunity: each from the nearest solved
    (in liftoff time), the baseline launch's own (``own``) among them."""
    series = baseline.series
    if series is None or not len(series.liftoff_days):
        return baseline
    solved = dict(solved)
    if own is not None:
        solved[own] = (baseline.hatch_to_first_shot_days,
                       baseline.hatch_to_first_shot_days + baseline.shoot_span_days)
    if not solved:
        return baseline
    keys = np.array(sorted(solved))
    liftoff = series.liftoff_days
    nearest = keys[np.argmin(np.abs(liftoff[:, None] - liftoff[keys][None, :]), axis=1)]
    first = np.array([solved[k][0] for k in nearest])
    wrap = np.array([solved[k][1] for k in nearest])
    return replace(baseline, shoot_by_opportunity=(first, wrap))


def _utc(days: float) -> datetime:
    return datetime.fromtimestamp(round(days * DAY_S), tz=timezone.utc)
