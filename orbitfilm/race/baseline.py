"""Baselines from a race file: each production's road, launch series and schedule, once.

For each production: the training plan and the launch the one chooser gives (the road every
command takes), the launch series (every opportunity it may take over ``SERIES_DAYS`` from
the earliest day it could fly, with the chooser's verdicts), and its schedule aboard at that
launch, for the first shot and the wrap after hatch opening, then at the other dockings
scenarios take most (``shoot.py``). Scenarios then sample around it (``engine.py``).
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from functools import partial
from pathlib import Path
from typing import Callable

import numpy as np

from ..errors import InputError
from ..production.loader import load_production
from ..deadline import TRAINING_DETERMINISTIC_SHARE, stage_seconds
from ..mission.links import production_elements
from .backends import Backend, serial_backend
from .launches import launch_series
from .shoot import shoot_after_hatch, with_opportunity_schedules
from .traffic_slips import slip_draws, traffic_variants
from .training_spread import training_spread
from .engine import Baseline, RiskDraw, StationEventDraw
from .model import Race
from .slip import fit_slip_model, fit_slip_models, known_by, load_launch_record

DAY_S = 86400.0
# The series runs this long from the earliest day a production could fly: scenarios past it
# launch on their earliest day itself (the result says how many). Past the element sets'
# reach the finder propagates the last sets on (dates right to the day, phases a guess).
SERIES_DAYS = 800
# From docking to the first shot when the plan gives none: hatch opening, safety briefing and
# unpacking take the rest of docking day; the first scene is shot the next day (MS-19 docked
# 5 Oct 2021 and the first shot came on 6 Oct).
DOCK_TO_FIRST_SHOT_DAYS = 1.0
# Seconds for each production's training plan: on race-2021 the Challenge's is proven
# optimal in 3 s and the rival's cleared day is the same at 3, 5 and 10 s.
TRAINING_S = 5.0
SHOOT_SPAN_DAYS = 10.0  # when the production has no undocking


def _days(d: date) -> float:
    return datetime(d.year, d.month, d.day, tzinfo=timezone.utc).timestamp() / DAY_S


def production_path(name: str, folder: Path) -> Path:
    """Return the production a race names: a file beside it, else a bundled example."""
    from ..production.examples import EXAMPLES, example_path

    beside = folder / name
    if beside.is_file():
        return beside
    stem = name[:-5] if name.endswith(".toml") else name
    if stem in EXAMPLES:
        return example_path(stem)
    raise InputError(f"no production file {name!r} beside the race file, nor a bundled example")


def race_baselines(race: Race, folder: Path, *, time_limit_s: float = TRAINING_S,
                   backend: Backend | None = None, deterministic: bool = False,
                   progress: Callable[[str], None] | None = None,
                   known: dict | None = None) -> list[Baseline]:
    """Plan each production once (training planner, launch finder), the productions in
    parallel on ``backend`` (the race's own), and fit the slip models. ``deterministic``
    solves the training and the schedule in CP-SAT's deterministic time, so that a race
    gives the same answer on any run and machine. The slip models are fitted on the launches
    flown before the race's ``as_of``: nothing known only afterwards. ``known``: baselines
    planned before, by entry (a what-if plans only the entries it changes)."""
    known = known or {}
    slips = fit_slip_models(known_by(race.as_of))
    fresh = [e for e in race.productions if e not in known]
    if progress and fresh:
        progress(f"planning {', '.join(e.id for e in fresh)}")
    plan = partial(plan_entry, folder=folder, time_limit_s=time_limit_s,
                   deterministic=deterministic, as_of=race.as_of, slips=slips)
    backend = backend or serial_backend
    planned = list(backend(plan, fresh))
    baselines = [_baseline(entry, race, production, road, series, shoot, slips)
                 for entry, (production, road, series, shoot) in zip(fresh, planned)]
    if progress and fresh:
        progress("schedules aboard at the dockings the race takes most")
    if fresh:
        baselines = with_opportunity_schedules(
            baselines, [p[0] for p in planned], [p[1] for p in planned],
            baseline_risks(race.model_copy(update={"productions": fresh}), baselines),
            backend, deterministic)
    made = dict(zip(fresh, baselines))
    return [made[e] if e in made else known[e] for e in race.productions]


def plan_entry(entry, *, folder: Path, time_limit_s: float, deterministic: bool = False,
               as_of: date | None = None, slips: dict | None = None):
    """Return one race entry's production, its road to orbit, its launch series (judged
    against the station's traffic with its flights slipped as of ``as_of``, when given) and
    its schedule's (first shot, wrap) after hatch opening (a chunk of the backend)."""
    from ..training.road import road_to_orbit

    path = production_path(entry.production, folder)
    production = load_production(path)
    if production.mission is None or production.mission.launch is None:
        raise InputError("a production in a race needs [mission.launch] (its site and "
                         "vehicle)", path=path, field="mission.launch")
    if not entry.date_known:  # as the race's as_of saw it: no date yet
        production = production.without_launch_date(entry.stay_days)
    road = road_to_orbit(production, explain=False, deterministic=deterministic,
                         time_limit_s=stage_seconds(time_limit_s, deterministic,
                                                    TRAINING_DETERMINISTIC_SHARE))
    if road.plan.cleared is None or road.choice is None:
        raise InputError(f"no training plan for {entry.id}: {'; '.join(road.plan.reasons)}",
                         path=path, field="training")
    first = max(road.plan.ready, entry.target_launch or road.plan.ready)
    variants = slipped_traffics(production, first, as_of, slips) if as_of else []
    series = launch_series(production, production_elements(production), first, SERIES_DAYS,
                           variants)
    return production, road, series, shoot_after_hatch(production, road, deterministic)


def slipped_traffics(production, first: date, as_of: date, slips: dict) -> list:
    """Return the variants of the station's traffic the production meets, its own recorded
    flights kept (none without a traffic)."""
    from ..mission.traffic import traffic_over

    traffic, _ = traffic_over(production, first, first)
    if traffic is None:
        return []
    keep = {f for f in (production.mission.flight_up, production.mission.flight_down) if f}
    return traffic_variants(traffic, slip_draws(traffic, as_of, slips), keep)


def _baseline(entry, race, production, road, series, shoot, slips) -> Baseline:
    plan, launch = road.plan, road.launch
    vehicle = _family(production.mission.launch.vehicle,
                      sorted({x.vehicle for x in load_launch_record()}))
    liftoff_days = launch.liftoff_s / DAY_S
    target = _days(entry.target_launch) if entry.target_launch else liftoff_days
    # keep the liftoff's time of day on the announced date
    target += liftoff_days % 1
    announced = entry.announced or race.as_of
    docking_days = launch.docking_s / DAY_S
    undocking = production.mission.undocking
    stay = (undocking.timestamp() / DAY_S - docking_days if undocking
            else production.mission.stay_days or SHOOT_SPAN_DAYS)
    span = stay - DOCK_TO_FIRST_SHOT_DAYS
    to_first, to_wrap = shoot if shoot else (DOCK_TO_FIRST_SHOT_DAYS, DOCK_TO_FIRST_SHOT_DAYS + span)
    return Baseline(entry.id, plan.cleared.timestamp() / DAY_S,
                    plan.training.to_site_days + plan.training.prelaunch_days, target,
                    max(1.0, target - _days(announced)),
                    slips.get(vehicle) or fit_slip_model(vehicle, []),   # none flown yet
                    docking_days - liftoff_days + DOCK_TO_FIRST_SHOT_DAYS,
                    max(to_wrap - to_first, 0.0), series, to_first,
                    production.mission.launch.vehicle, training_spread(plan),
                    backup_crew=trains_backup(production))


def trains_backup(production) -> bool:
    """Return whether the production trains a backup crew beside the one that flies."""
    return production.training is not None and len(production.training.crews) > 1


def _family(vehicle: str, vehicles: list[str]) -> str:
    """Return the record's vehicle for a launch finder's vehicle (soyuz-ms -> soyuz)."""
    for name in vehicles:
        if vehicle == name or vehicle.startswith(name):
            return name
    raise InputError(f"no launch record for the vehicle {vehicle!r} (the record has "
                     f"{', '.join(vehicles)})", field="mission.launch.vehicle")


def race_risks(race: Race, vehicles: list[str] | None = None,
               backups: list[bool] | None = None) -> list[RiskDraw]:
    """Return the race's risks as the engine draws them; a fleet-wide one delays every
    production whose vehicle (``vehicles``, in the race's order) it names, with one draw
    (none flying it: the risk is left out). ``backups``: which productions train a backup
    crew (a ``backup`` risk then flies it)."""
    index = {e.id: i for i, e in enumerate(race.productions)}
    draws = []
    for r in race.risks:
        if r.production is not None and r.production not in index:
            continue      # a production not raced here (a what-if plans a few alone)
        hit = ([index[r.production]] if r.production is not None else
               [i for i, v in enumerate(vehicles or []) if v == r.vehicle])
        if not hit:
            continue
        mode = r.delay_days.low if r.delay_days.mode is None else r.delay_days.mode
        covered = "" if not r.backup else (
            "trained" if backups and backups[hit[0]] else "none")
        draws.append(RiskDraw(r.name, hit[0], r.delays, r.probability, r.delay_days.dist,
                              r.delay_days.low, mode, r.delay_days.high, tuple(hit[1:]),
                              covered))
    return draws


def baseline_risks(race: Race, baselines: list[Baseline]) -> list[RiskDraw]:
    """Return the race's risks for its planned baselines (their vehicles and backups)."""
    return race_risks(race, [b.vehicle for b in baselines],
                      [b.backup_crew for b in baselines])


def station_events(race: Race) -> list[StationEventDraw]:
    """Return the race's kinds of station events as the engine draws them (in days)."""
    return [StationEventDraw(e.name, e.per_year / 365.25, e.lost_hours.dist,
                             e.lost_hours.low / 24,
                             (e.lost_hours.low if e.lost_hours.mode is None
                              else e.lost_hours.mode) / 24, e.lost_hours.high / 24)
            for e in race.station_events]


def what_if_cases(race: Race, folder: Path, what_ifs, base: list[Baseline], **planning):
    """Return each what-if as the engine runs it: the race it makes, planned (only the
    entries it changes are planned again)."""
    from .engine import Case
    from .whatif import apply_variant

    known = dict(zip(race.productions, base))
    cases = []
    for variant in what_ifs.variants:
        changed = apply_variant(race, variant)
        baselines = race_baselines(changed, folder, known=known, **planning)
        known.update(zip(changed.productions, baselines))
        cases.append(Case(tuple(baselines), tuple(baseline_risks(changed, baselines)),
                          tuple(station_events(changed)), variant.name))
    return cases


def iso_days(days: float) -> str:
    """Return days since the epoch as ISO 8601 UTC, to the second."""
    return datetime.fromtimestamp(round(days * DAY_S), tz=timezone.utc).strftime(
        "%Y-%m-%dT%H:%M:%SZ")


def result_json(result) -> dict:
    """Return the JSON document of a race result (dates ISO 8601 UTC)."""
    rows = []
    tables = {q: result.percentiles(q) for q in result.dates}
    for i, pid in enumerate(result.ids):
        row = {"id": pid, "p_first": float(result.p_first[i]),
               "p_first_stderr": float(result.p_first_stderr[i]),
               "past_series": (float(result.beyond[i]) if result.beyond is not None
                               else None)}
        for q, table in tables.items():
            row[q] = {f"p{p}": iso_days(v) for p, v in zip((10, 50, 80, 90), table[i])}
        rows.append(row)
    return {"samples": result.samples, "seed": result.seed, "race_to": result.race_to,
            "productions": rows, "ties": result.ties, "drivers": result.drivers,
            "backups": result.backups,
            "what_ifs": [_what_if_json(result, w) for w in result.what_ifs]}


def _what_if_json(result, what_if) -> dict:
    tables = {q: what_if.percentiles(q) for q in ("first_shot", "launch")}
    return {"name": what_if.name, "productions": [
        {"id": pid, "p_first": float(what_if.p_first[i]),
         "change": float(what_if.change[i]), "change_stderr": float(what_if.change_stderr[i]),
         # what two independent runs of as many scenarios would give: the gain of drawing
         # the what-if on the race's own numbers
         "change_stderr_independent": float(np.hypot(
             result.p_first_stderr[i],
             np.sqrt(what_if.p_first[i] * (1 - what_if.p_first[i]) / result.samples))),
         **{q: {f"p{p}": iso_days(v) for p, v in zip((10, 50, 80, 90), table[i])}
            for q, table in tables.items()}}
        for i, pid in enumerate(result.ids)]}
