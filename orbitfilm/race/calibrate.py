"""How well the slip model forecasts: fit on the launches before a date, score the later ones.

Two ways to hold launches out. With a split date, one model is fitted on the launches flown
before it and every later launch is scored. Without one (the default), each launch is scored
by the model fitted on the launches flown before its target was announced: the forecast a
race run on that day would have made (rolling origin), which scores more of the record.

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

from .slip import Launch, SlipModel, fit_slip_models, known_by, load_launch_record

BANDS = (0.5, 0.8)
BINS = 5
SEED = 2021


@dataclass(frozen=True)
class Scored:
    """One launch held out: its slip and where it fell in the forecast."""

    launch: Launch
    pit: float
    fitted_on: int    # launches the forecast was fitted on
    p10_p90_days: tuple[float, float]   # the forecast's 80% band of the slip

    def inside(self, band: float) -> bool:
        low = (1 - band) / 2
        return low <= self.pit <= 1 - low


@dataclass(frozen=True)
class Calibration:
    split: date | None     # None: each launch forecast as of its announcement (rolling)
    fitted_on: int         # launches fitted on (rolling: the fewest any forecast had)
    scored: tuple[Scored, ...]
    models: dict[str, SlipModel]     # the last fit (rolling: on the whole record)
    unscored: tuple[str, ...] = ()   # held out without a forecast: no announcement date,
                                     # or no earlier flight of the vehicle

    def coverage(self, band: float) -> float:
        return float(np.mean([s.inside(band) for s in self.scored])) if self.scored else 0.0

    def histogram(self) -> list[int]:
        counts, _ = np.histogram([s.pit for s in self.scored], bins=BINS, range=(0, 1))
        return counts.tolist()

    def to_json(self) -> dict:
        return {"split": self.split.isoformat() if self.split else None,
                "method": "split" if self.split else "rolling origin",
                "fitted_on": self.fitted_on,
                "weibull_shape": {v: m.shape for v, m in self.models.items()},
                "unscored": list(self.unscored),
                "coverage": {f"{int(b * 100)}%": self.coverage(b) for b in BANDS},
                "pit_histogram": self.histogram(),
                "launches": [{"mission": s.launch.mission, "vehicle": s.launch.vehicle,
                              "lead_days": s.launch.lead_days,
                              "slip_days": s.launch.slip_days, "pit": round(s.pit, 3),
                              "fitted_on": s.fitted_on,
                              "band_80_days": [round(d, 1) for d in s.p10_p90_days],
                              **{f"in_{int(b * 100)}": s.inside(b) for b in BANDS}}
                             for s in self.scored]}


def calibrate(split: date | None = None, record: list[Launch] | None = None) -> Calibration:
    """Score the slip model on held-out launches: those from ``split`` on, fitted on those
    before it; without ``split``, each launch fitted on those flown before its announcement."""
    record = load_launch_record() if record is None else record
    rng = np.random.default_rng(SEED)
    if split is not None:
        before = known_by(split, record)
        models = fit_slip_models(before)
        later = [x for x in record if x.actual >= split and x.vehicle in models]
        scored = tuple(_score(models[x.vehicle], x, len(before), rng) for x in later
                       if x.lead_days is not None)
        return Calibration(split, len(before), scored, models,
                           tuple(x.mission for x in later if x.lead_days is None))
    scored, unscored = [], []
    for launch in record:
        if launch.lead_days is None:
            unscored.append(launch.mission)
            continue
        before = known_by(launch.announced, record)
        models = fit_slip_models(before)
        if launch.vehicle in models:
            scored.append(_score(models[launch.vehicle], launch, len(before), rng))
        else:       # no earlier flight of the vehicle in the record: no forecast
            unscored.append(launch.mission)
    return Calibration(None, min((s.fitted_on for s in scored), default=0), tuple(scored),
                       fit_slip_models(record), tuple(unscored))


def _score(model: SlipModel, launch: Launch, fitted_on: int, rng) -> Scored:
    band = model.quantile_days([0.1, 0.9], launch.lead_days)
    return Scored(launch, pit(model, launch, rng), fitted_on, (float(band[0]), float(band[1])))


def pit(model: SlipModel, launch: Launch, rng: np.random.Generator) -> float:
    """Return the forecast's probability at or below the slip (randomised on time)."""
    if launch.slip_days <= 0:
        return float(rng.uniform(0.0, model.p_on_time))
    return model.cdf(launch.slip_days, launch.lead_days)
