"""Baselines from a race file: each production's training plan and launch, computed once."""

from __future__ import annotations

from datetime import date, datetime, timezone
from functools import partial
from pathlib import Path
from typing import Callable

from ..errors import InputError
from ..production.loader import load_production
from .backends import Backend, serial_backend
from .engine import Baseline, RiskDraw
from .model import Race
from .slip import fit_slip_models

DAY_S = 86400.0
# From docking to the first shot when the plan gives none: hatch opening, safety briefing and
# unpacking take the rest of docking day; the first scene is shot the next day (MS-19 docked
# 5 Oct 2021 and the first shot came on 6 Oct).
DOCK_TO_FIRST_SHOT_DAYS = 1.0
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


def race_baselines(race: Race, folder: Path, *, time_limit_s: float = 10.0,
                   backend: Backend | None = None,
                   progress: Callable[[str], None] | None = None) -> list[Baseline]:
    """Plan each production once (training planner, launch finder), the productions in
    parallel on ``backend`` (the race's own), and fit the slip models."""
    slips = fit_slip_models()
    if progress:
        progress(f"planning {', '.join(e.id for e in race.productions)}")
    plan = partial(plan_entry, folder=folder, time_limit_s=time_limit_s)
    planned = list((backend or serial_backend)(plan, list(race.productions)))
    return [_baseline(entry, race, production, road, slips)
            for entry, (production, road) in zip(race.productions, planned)]


def plan_entry(entry, *, folder: Path, time_limit_s: float):
    """Return one race entry's production and its road to orbit (a chunk of the backend)."""
    from ..training.road import road_to_orbit

    production = load_production(production_path(entry.production, folder))
    return production, road_to_orbit(production, time_limit_s=time_limit_s, explain=False)


def _baseline(entry, race, production, road, slips) -> Baseline:
    plan, launch = road.plan, road.launch
    if plan.cleared is None:
        raise InputError(f"no training plan for {entry.id}: {'; '.join(plan.reasons)}")
    vehicle = _family(production.mission.launch.vehicle, slips)
    liftoff_days = launch.liftoff_s / DAY_S if launch else _days(plan.ready)
    target = _days(entry.target_launch) if entry.target_launch else liftoff_days
    # keep the liftoff's time of day on the announced date
    target += liftoff_days % 1
    announced = entry.announced or race.as_of
    docking_days = (launch.docking_s / DAY_S) if launch and launch.docking_s else liftoff_days
    undocking = production.mission.undocking_s
    span = ((undocking / DAY_S - docking_days - DOCK_TO_FIRST_SHOT_DAYS)
            if undocking else SHOOT_SPAN_DAYS)
    return Baseline(entry.id, plan.cleared.timestamp() / DAY_S,
                    plan.training.to_site_days + plan.training.prelaunch_days, target,
                    max(1.0, target - _days(announced)), slips[vehicle],
                    docking_days - liftoff_days + DOCK_TO_FIRST_SHOT_DAYS, max(span, 0.0))


def _family(vehicle: str, slips: dict) -> str:
    """Return the record's vehicle for a launch finder's vehicle (soyuz-ms -> soyuz)."""
    for name in slips:
        if vehicle == name or vehicle.startswith(name):
            return name
    raise InputError(f"no launch record for the vehicle {vehicle!r} (the record has "
                     f"{', '.join(slips)})", field="mission.launch.vehicle")


def race_risks(race: Race) -> list[RiskDraw]:
    index = {e.id: i for i, e in enumerate(race.productions)}
    return [RiskDraw(r.name, index[r.production], r.delays, r.probability, r.delay_days.dist,
                     r.delay_days.low, r.delay_days.low if r.delay_days.mode is None
                     else r.delay_days.mode, r.delay_days.high) for r in race.risks]


def result_json(result) -> dict:
    """Return the JSON document of a race result (dates ISO 8601 UTC)."""
    def iso(days):
        return datetime.fromtimestamp(round(days * DAY_S), tz=timezone.utc).strftime(
            "%Y-%m-%dT%H:%M:%SZ")
    rows = []
    tables = {q: result.percentiles(q) for q in result.dates}
    for i, pid in enumerate(result.ids):
        row = {"id": pid, "p_first": float(result.p_first[i]),
               "p_first_stderr": float(result.p_first_stderr[i])}
        for q, table in tables.items():
            row[q] = {f"p{p}": iso(v) for p, v in zip((10, 50, 80, 90), table[i])}
        rows.append(row)
    return {"samples": result.samples, "seed": result.seed, "race_to": result.race_to,
            "productions": rows, "ties": result.ties, "drivers": result.drivers}
