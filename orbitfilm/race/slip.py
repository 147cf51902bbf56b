"""A launch slip model per vehicle, fitted on the record of crewed launches to the ISS.

Hybrid exponential, after Gardner & Grogan's hybrid Weibull for ISS cargo (shape ~1): with
probability ``p_on_time`` the vehicle flies on the day targeted; otherwise the slip is
exponential with a mean proportional to the lead time (target - announced), so slip grows
with how far ahead the date was set. Both are maximum-likelihood fits: ``p_on_time`` the
share on time (every launch of the vehicle), ``days_per_lead_day`` the mean of slip / lead
over the launches that slipped and whose announcement date the sources give: a launch whose
announcement date is unknown is left out of that fit, never given an invented one.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from importlib import resources

import numpy as np

# A vehicle with no slips on record still gets a small one (one day per 100 days of lead):
# an empirical zero is absence of evidence, not certainty.
FLOOR_DAYS_PER_LEAD_DAY = 0.01


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
    """Slip of one vehicle: on time with ``p_on_time``, else exponential, mean ∝ lead."""

    vehicle: str
    p_on_time: float
    days_per_lead_day: float
    launches: int

    def mean_slip_days(self, lead_days: float) -> float:
        return (1 - self.p_on_time) * self.days_per_lead_day * max(lead_days, 1.0)

    def quantile_days(self, q, lead_days: float):
        """Return the slip's quantile(s) ``q`` for a date announced ``lead_days`` ahead."""
        q = np.asarray(q, dtype=float)
        if self.p_on_time >= 1:
            return np.zeros_like(q)
        tail = np.clip((q - self.p_on_time) / (1 - self.p_on_time), 0, 1 - 1e-12)
        return -self.days_per_lead_day * max(lead_days, 1.0) * np.log1p(-tail)

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


def fit_slip_model(vehicle: str, launches: list[Launch]) -> SlipModel:
    """Fit one vehicle's model on its launches (see the module's docstring)."""
    mine = [x for x in launches if x.vehicle == vehicle]
    if not mine:
        return SlipModel(vehicle, 0.5, FLOOR_DAYS_PER_LEAD_DAY, 0)
    late = sum(1 for x in mine if x.slip_days > 0)
    slipped = [x.slip_days / max(x.lead_days, 1) for x in mine
               if x.slip_days > 0 and x.lead_days is not None]
    # Laplace's rule keeps p_on_time off 0 and 1 for small records.
    p_on_time = (len(mine) - late + 1) / (len(mine) + 2)
    rate = float(np.mean(slipped)) if slipped else FLOOR_DAYS_PER_LEAD_DAY
    return SlipModel(vehicle, p_on_time, max(rate, FLOOR_DAYS_PER_LEAD_DAY), len(mine))


def fit_slip_models(launches: list[Launch] | None = None) -> dict[str, SlipModel]:
    """Fit a model for every vehicle in the record (the bundled one by default)."""
    launches = load_launch_record() if launches is None else launches
    return {v: fit_slip_model(v, launches) for v in sorted({x.vehicle for x in launches})}
