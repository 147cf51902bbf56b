"""A launch slip model per vehicle, fitted on the record of crewed launches to the ISS.

Hybrid Weibull, after Gardner & Grogan's model of ISS cargo launch delays: with probability
``p_on_time`` the vehicle flies on the day targeted; otherwise the slip is Weibull with a
mean proportional to the lead time (target - announced), so slip grows with how far ahead
the date was set. ``p_on_time`` is the share on time (every launch of the vehicle, with
Laplace's rule), ``days_per_lead_day`` the mean of slip / lead over the launches that
slipped and whose announcement date the sources give (a launch whose announcement date is
unknown is left out of that fit, never given an invented one), and the Weibull ``shape`` a
maximum-likelihood fit pooled over the vehicles (each slip / lead divided by its vehicle's
mean), exponential (shape 1) until the record holds ``SHAPE_MIN_SLIPS`` slips.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from datetime import date
from importlib import resources

import numpy as np

# A vehicle with no slips on record still gets a small one (one day per 100 days of lead):
# an empirical zero is absence of evidence, not certainty.
FLOOR_DAYS_PER_LEAD_DAY = 0.01
# Fewer slips than this cannot pin a shape down: the exponential (shape 1) is assumed.
SHAPE_MIN_SLIPS = 5
SHAPE_GRID = np.linspace(0.5, 5.0, 451)


@dataclass(frozen=True)
class Launch:
    mission: str
    vehicle: str
    target: date
    announced: date | None   # None: the sources do not say when the target was set
    actual: date

    @property
    def lead_days(self) -> int | None:
        return None if self.announced is None else (self.target - self.announced).days

    @property
    def slip_days(self) -> int:
        return max(0, (self.actual - self.target).days)


@dataclass(frozen=True)
class SlipModel:
    """Slip of one vehicle: on time with ``p_on_time``, else Weibull, mean ∝ lead."""

    vehicle: str
    p_on_time: float
    days_per_lead_day: float
    launches: int
    shape: float = 1.0

    def mean_slip_days(self, lead_days: float) -> float:
        return (1 - self.p_on_time) * self.days_per_lead_day * max(lead_days, 1.0)

    def scale_days(self, lead_days: float) -> float:
        """Return the Weibull scale of a slip for a date set ``lead_days`` ahead."""
        return (self.days_per_lead_day * max(lead_days, 1.0)
                / math.gamma(1.0 + 1.0 / self.shape))

    def quantile_days(self, q, lead_days: float):
        """Return the slip's quantile(s) ``q`` for a date announced ``lead_days`` ahead."""
        q = np.asarray(q, dtype=float)
        if self.p_on_time >= 1:
            return np.zeros_like(q)
        tail = np.clip((q - self.p_on_time) / (1 - self.p_on_time), 0, 1 - 1e-12)
        return self.scale_days(lead_days) * (-np.log1p(-tail)) ** (1.0 / self.shape)

    def cdf(self, slip_days: float, lead_days: float) -> float:
        """Return the probability of a slip of at most ``slip_days`` (on time included)."""
        if slip_days < 0:
            return 0.0
        late = -math.expm1(-(slip_days / self.scale_days(lead_days)) ** self.shape)
        return self.p_on_time + (1 - self.p_on_time) * late

    def sample_days(self, uniform: np.ndarray, lead_days: float) -> np.ndarray:
        """Return slips for an array of uniform draws (one per scenario): inverse CDF."""
        return self.quantile_days(uniform, lead_days)


def load_launch_record() -> list[Launch]:
    """Return the bundled record (orbitfilm/race/data/crewed_launches.csv)."""
    text = (resources.files("orbitfilm.race") / "data" / "crewed_launches.csv").read_text("utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return [Launch(r["mission"], r["vehicle"], date.fromisoformat(r["target"]),
                   date.fromisoformat(r["announced"]) if r["announced"] else None,
                   date.fromisoformat(r["actual"]))
            for r in rows]


def _slip_per_lead(launches: list[Launch]) -> list[float]:
    """Return slip / lead of the launches that slipped with their announcement known."""
    return [x.slip_days / max(x.lead_days, 1) for x in launches
            if x.slip_days > 0 and x.lead_days is not None]


def fit_slip_model(vehicle: str, launches: list[Launch], shape: float = 1.0) -> SlipModel:
    """Fit one vehicle's model on its launches (see the module's docstring)."""
    mine = [x for x in launches if x.vehicle == vehicle]
    if not mine:
        return SlipModel(vehicle, 0.5, FLOOR_DAYS_PER_LEAD_DAY, 0, shape)
    late = sum(1 for x in mine if x.slip_days > 0)
    slipped = _slip_per_lead(mine)
    # Laplace's rule keeps p_on_time off 0 and 1 for small records.
    p_on_time = (len(mine) - late + 1) / (len(mine) + 2)
    rate = float(np.mean(slipped)) if slipped else FLOOR_DAYS_PER_LEAD_DAY
    return SlipModel(vehicle, p_on_time, max(rate, FLOOR_DAYS_PER_LEAD_DAY), len(mine), shape)


def fit_shape(launches: list[Launch], vehicles: list[str]) -> float:
    """Return the Weibull shape (maximum likelihood on a grid) of every vehicle's slips
    divided by that vehicle's mean; 1 below ``SHAPE_MIN_SLIPS`` slips."""
    pooled = []
    for vehicle in vehicles:
        ratios = _slip_per_lead([x for x in launches if x.vehicle == vehicle])
        if ratios:
            pooled += [r / np.mean(ratios) for r in ratios]
    if len(pooled) < SHAPE_MIN_SLIPS:
        return 1.0
    z = np.asarray(pooled)[:, None]
    k = SHAPE_GRID[None, :]
    scale = np.mean(z ** k, axis=0) ** (1 / SHAPE_GRID)     # the scale's own MLE, per shape
    loglik = np.sum(np.log(k / scale) + (k - 1) * np.log(z / scale) - (z / scale) ** k, axis=0)
    return float(SHAPE_GRID[int(np.argmax(loglik))])


def fit_slip_models(launches: list[Launch] | None = None) -> dict[str, SlipModel]:
    """Fit a model for every vehicle in the record (the bundled one by default)."""
    launches = load_launch_record() if launches is None else launches
    vehicles = sorted({x.vehicle for x in launches})
    shape = fit_shape(launches, vehicles)
    return {v: fit_slip_model(v, launches, shape) for v in vehicles}


def known_by(day: date, launches: list[Launch] | None = None) -> list[Launch]:
    """Return the launches flown before ``day``: the record as it stood on that day."""
    launches = load_launch_record() if launches is None else launches
    return [x for x in launches if x.actual < day]
