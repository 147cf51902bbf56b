"""How well the slip model forecasts: fit on the launches before a date, score the later ones.

For each later launch with its announcement date known, the model fitted on the earlier
record gives the probability integral transform (PIT) of the slip that happened: the share
of the forecast at or below it. A calibrated model gives PITs spread evenly on [0, 1], so
that about half fall in the central 50% band and 80% in the central 80% band. A launch on
time falls on the model's point mass at zero, which covers PITs from 0 to ``p_on_time``:
its PIT is drawn evenly from that range (a fixed seed), so that an on-time launch is not
counted inside a band for free (the randomised PIT of Czado, Gneiting and Held, 2009).
A later launch whose announcement date the sources do not give has no forecast (its lead is
unknown) and is counted apart, not scored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from .slip import Launch, SlipModel, fit_slip_models, load_launch_record

BANDS = (0.5, 0.8)
BINS = 5
SEED = 2021


@dataclass(frozen=True)
class Scored:
    """One launch held out: its slip and where it fell in the forecast."""

    launch: Launch
    pit: float

    def inside(self, band: float) -> bool:
        low = (1 - band) / 2
        return low <= self.pit <= 1 - low


@dataclass(frozen=True)
class Calibration:
    split: date
    fitted_on: int
    scored: tuple[Scored, ...]
    models: dict[str, SlipModel]
    unscored: tuple[str, ...] = ()   # later launches with no announcement date

    def coverage(self, band: float) -> float:
        return float(np.mean([s.inside(band) for s in self.scored])) if self.scored else 0.0

    def histogram(self) -> list[int]:
        counts, _ = np.histogram([s.pit for s in self.scored], bins=BINS, range=(0, 1))
        return counts.tolist()

    def to_json(self) -> dict:
        return {"split": self.split.isoformat(), "fitted_on": self.fitted_on,
                "unscored": list(self.unscored),
                "coverage": {f"{int(b * 100)}%": self.coverage(b) for b in BANDS},
                "pit_histogram": self.histogram(),
                "launches": [{"mission": s.launch.mission, "vehicle": s.launch.vehicle,
                              "lead_days": s.launch.lead_days,
                              "slip_days": s.launch.slip_days, "pit": round(s.pit, 3),
                              **{f"in_{int(b * 100)}": s.inside(b) for b in BANDS}}
                             for s in self.scored]}


def calibrate(split: date, record: list[Launch] | None = None) -> Calibration:
    """Fit on launches before ``split`` and score those from it on (their vehicle fitted)."""
    record = load_launch_record() if record is None else record
    before = [x for x in record if x.actual < split]
    models = fit_slip_models(before)
    rng = np.random.default_rng(SEED)
    later = [x for x in record if x.actual >= split and x.vehicle in models]
    scored = tuple(Scored(x, pit(models[x.vehicle], x, rng)) for x in later
                   if x.lead_days is not None)
    return Calibration(split, len(before), scored, models,
                       tuple(x.mission for x in later if x.lead_days is None))


def pit(model: SlipModel, launch: Launch, rng: np.random.Generator) -> float:
    """Return the forecast's probability at or below the slip (randomised on time)."""
    if launch.slip_days <= 0:
        return float(rng.uniform(0.0, model.p_on_time))
    mean = model.days_per_lead_day * max(launch.lead_days, 1.0)
    return float(model.p_on_time + (1 - model.p_on_time) * -np.expm1(-launch.slip_days / mean))
