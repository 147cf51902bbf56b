"""Launches in the race: real opportunities, the station's verdicts, scrubs, one pad a day.

Each production's baseline carries its launch series: every opportunity of its site and
vehicle over the race's span, from the one launch chooser's tables, kept when the chooser's
verdict lets the production take it (a rendezvous profile it takes; a port, room aboard and
seats in the station's traffic, as that traffic was recorded). A scenario's launch is the
first opportunity of its series at or after its earliest day (ready to fly or the announced
target, whichever is later, plus the slip and the declared delays). A scrub (the vehicle's
chance per attempt, from the record) moves it to the first opportunity after the vehicle's
turnaround, at most ``MAX_SCRUBS`` times; two productions on one pad cannot leave on the
same UTC day: the one listed later in the race file takes the first opportunity of a later
day. Everything is arrays over scenarios.

Past the element sets' reach the opportunities come from the last sets propagated on (their
phase drifts: the dates stay right to the day, the profile becomes a guess), and past the
series' end a scenario launches on its earliest day itself; the result counts those.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from functools import partial

import numpy as np

from ..mission.chooser import opportunity_verdicts
from ..orbit.elements import ElementSets
from ..production.model import Production
from ..station import Traffic
from ..times import DAY_S

# Scrubs per attempt and the days to the next attempt, by vehicle, from the record of
# crewed ISS launches 2019-2024 (the spaceflight notes, B.2): Crew Dragon 2 countdown
# scrubs in 10 launches (Demo-2 weather, 27 to 30 May 2020; Crew-6 ground system, 27 Feb to
# 2 Mar 2023: 3 days each); no crewed Soyuz scrub in the window (a floor of 1%, assumed:
# absence of evidence); Starliner 3 countdown scrubs in its 2 launches that came to a count
# (OFT-2, CFT: the next attempts 4 to 11 days on; 4 taken).
SCRUBS = {"crew-dragon": (2 / 12, 3.0), "soyuz-ms": (0.01, 1.0), "starliner": (3 / 5, 4.0)}
MAX_SCRUBS = 4
# Between one production's undocking and the other's docking at a port: the station's
# separation between dynamic operations (24 h, the bundled record's assumption).
SEPARATION_DAYS = 1.0


@dataclass(frozen=True)
class LaunchSeries:
    """The opportunities a production may take, in days since 1970-01-01 UTC."""

    site: str
    liftoff_days: np.ndarray
    docking_days: np.ndarray
    hatch_days: np.ndarray
    scrub_probability: float
    turnaround_days: float
    # The port the traffic gives each opportunity ("" where no record says), and the stay.
    ports: tuple[str, ...] = ()
    stay_days: float = 0.0
    # With the traffic's flights slipping (``traffic_slips.py``): for each variant of the
    # traffic (rows), the first opportunity at or after each index that it takes (the
    # series' length past the end). None: every opportunity fits.
    next_fit: np.ndarray | None = None


def launch_series(production: Production, elements: ElementSets, first: date, days: int,
                  variants: list[Traffic] = ()) -> LaunchSeries:
    """Return the production's series from ``first`` for ``days`` days: the opportunities
    the record's traffic takes, or with ``variants`` those any variant takes, with which."""
    start_s = datetime(first.year, first.month, first.day, tzinfo=timezone.utc).timestamp()
    judge = partial(opportunity_verdicts, production, elements, start_s,
                    start_s + days * DAY_S, allow_stale=True)
    # Row 0 the record itself (the drivers' run without traffic slips), then each variant.
    rows = [judge()] + [judge(traffic=t) for t in variants]
    fits = np.array([[fit.fits for fit in row] for row in rows], dtype=bool)
    kept = fits.any(axis=0)
    chosen = [next(row[k] for row in rows if row[k].fits) for k in np.flatnonzero(kept)]
    mission = production.mission
    scrub, turnaround = SCRUBS.get(mission.launch.vehicle, (0.0, 1.0))
    stay_days = ((mission.undocking_s - mission.docking_s) / DAY_S
                 if mission.docking is not None and mission.undocking is not None
                 else mission.stay_days or 10.0)
    return LaunchSeries(
        mission.launch.site,
        np.array([f.opportunity.liftoff_s for f in chosen]) / DAY_S,
        np.array([f.opportunity.docking_s for f in chosen]) / DAY_S,
        np.array([f.opportunity.hatch_open_s for f in chosen]) / DAY_S, scrub, turnaround,
        tuple(f.port or "" for f in chosen), stay_days,
        _next_fit(fits[:, kept]) if variants else None)


def _next_fit(fits: np.ndarray) -> np.ndarray:
    """Return, per row, the first index at or after each index where the row fits (the
    row's length past its end), one column more for past the end itself."""
    variants, count = fits.shape
    index = np.where(fits, np.arange(count), count)
    after = np.minimum.accumulate(index[:, ::-1], axis=1)[:, ::-1]
    return np.hstack([after, np.full((variants, 1), count)])


def first_at_or_after(series: LaunchSeries, days: np.ndarray,
                      variant: np.ndarray | None = None) -> np.ndarray:
    """Return the index of each scenario's first opportunity at or after ``days`` that its
    variant of the traffic takes (``len(series)`` past the end)."""
    return fitting(series, np.searchsorted(series.liftoff_days, days, side="left"), variant)


def fitting(series: LaunchSeries, index: np.ndarray, variant: np.ndarray | None):
    """Return each index moved on to the first opportunity its variant takes."""
    if series.next_fit is None or variant is None:
        return index
    rows = series.next_fit.shape[0]
    return series.next_fit[variant % rows, np.minimum(index, series.next_fit.shape[1] - 1)]


def pick_launches(series: list[LaunchSeries], earliest_days: np.ndarray, scrub_u: np.ndarray,
                  pad_u: np.ndarray, variant: np.ndarray | None = None
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Return each scenario's liftoff, hatch opening (days), whether it fell past the
    series' end and the opportunity's index, for every production (rows) and scenario
    (columns).

    ``scrub_u`` holds ``MAX_SCRUBS`` uniform draws per production and scenario, ``pad_u``
    one per scenario: on a day two productions want from one pad, the one with the smaller
    draw goes first (nobody knows the manifest's order months ahead). ``variant``: each
    scenario's variant of the traffic (one for all productions: the same slipped station).
    """
    count, n = earliest_days.shape
    variant = np.zeros(n, dtype=int) if variant is None else variant
    index = np.empty((count, n), dtype=int)
    for i, own in enumerate(series):
        index[i] = _with_scrubs(own, first_at_or_after(own, earliest_days[i], variant),
                                scrub_u[i], variant)
    for i in range(count):
        for j in range(i + 1, count):
            if series[i].site == series[j].site:
                _one_pad_a_day(series, index, i, j, pad_u, variant)
    for i in range(count):
        for j in range(i + 1, count):
            _one_vehicle_a_port(series, index, i, j, variant)
    return (*_times_of(series, index, earliest_days), index)


def _one_vehicle_a_port(series, index, i: int, j: int, variant: np.ndarray) -> None:
    """Two productions given the same port for overlapping stays: the one docking later
    waits for the first opportunity docking a day after the other undocks (the station's
    separation; one pass: its new opportunity is not checked again)."""
    ports_i, ports_j = _ports(series[i], index[i]), _ports(series[j], index[j])
    dock_i, dock_j = _docking(series[i], index[i]), _docking(series[j], index[j])
    gap = SEPARATION_DAYS
    clash = (ports_i == ports_j) & (ports_i != "") \
        & (dock_i < dock_j + series[j].stay_days + gap) \
        & (dock_j < dock_i + series[i].stay_days + gap)
    for later, other, dock_other in ((j, i, dock_i), (i, j, dock_j)):
        move = clash & (_docking(series[later], index[later]) >= dock_other)
        free_from = dock_other[move] + series[other].stay_days + gap
        index[later][move] = fitting(series[later], np.searchsorted(
            series[later].docking_days, free_from, "left"), variant[move])
        clash &= ~move


def _ports(own: LaunchSeries, index: np.ndarray) -> np.ndarray:
    padded = np.array(own.ports + ("",), dtype=object)
    return padded[np.minimum(index, len(own.ports))]


def _docking(own: LaunchSeries, index: np.ndarray) -> np.ndarray:
    padded = np.append(own.docking_days, np.inf)
    return padded[np.minimum(index, len(own.docking_days))]


def _with_scrubs(own: LaunchSeries, index: np.ndarray, draws: np.ndarray,
                 variant: np.ndarray) -> np.ndarray:
    """Move each scrubbed attempt to the first opportunity after the turnaround."""
    going = np.ones(index.shape, dtype=bool)
    for attempt in range(MAX_SCRUBS):
        going &= (draws[attempt] < own.scrub_probability) & (index < len(own.liftoff_days))
        if not going.any():
            break
        later = _liftoff(own, index[going]) + own.turnaround_days
        index[going] = first_at_or_after(own, later, variant[going])
    return index


def _one_pad_a_day(series, index, i: int, j: int, pad_u: np.ndarray,
                   variant: np.ndarray) -> None:
    """Two productions on one pad the same UTC day: the one the draw puts second takes the
    first opportunity of a later day."""
    day_i = np.floor(_liftoff(series[i], index[i]))
    day_j = np.floor(_liftoff(series[j], index[j]))
    clash = (day_i == day_j) & np.isfinite(day_i)
    second_is_j = pad_u < 0.5
    for later, other in ((j, i), (i, j)):
        move = clash & (second_is_j if later == j else ~second_is_j)
        index[later][move] = first_at_or_after(series[later], np.floor(
            _liftoff(series[other], index[other][move])) + 1.0, variant[move])


def _liftoff(own: LaunchSeries, index: np.ndarray) -> np.ndarray:
    """Return the liftoff of each index (infinity past the end)."""
    padded = np.append(own.liftoff_days, np.inf)
    return padded[np.minimum(index, len(own.liftoff_days))]


def _times_of(series, index, earliest_days):
    """Return liftoff, hatch opening and whether past the series' end, per production and
    scenario; past the end, the earliest day itself and the series' typical time to hatch."""
    liftoff, hatch = np.empty(index.shape), np.empty(index.shape)
    beyond = np.zeros(index.shape, dtype=bool)
    for i, own in enumerate(series):
        count = len(own.liftoff_days)
        to_hatch = np.append(own.hatch_days - own.liftoff_days, np.nan)
        typical = float(np.median(to_hatch[:-1])) if count else 0.0
        beyond[i] = index[i] >= count
        liftoff[i] = np.where(beyond[i], earliest_days[i], _liftoff(own, index[i]))
        hatch[i] = liftoff[i] + np.where(beyond[i], typical,
                                         to_hatch[np.minimum(index[i], count)])
    return liftoff, hatch, beyond
