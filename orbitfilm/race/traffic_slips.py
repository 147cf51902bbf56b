"""The station's other flights slip too: variants of the traffic record for the race.

As of the race's date the station's coming flights were targets, and targets slip. Each
variant of the record moves every visit arriving after ``as_of`` (a vehicle docked by then
stays as it is) by a slip drawn from its vehicle's model, fitted on the crewed launch record
as the race's own launches are (``slip.py``; a cargo flight takes its agency's crew
vehicle: Progress the Soyuz's, Cargo Dragon and Cygnus the Crew Dragon's), its lead time
from ``as_of`` to its recorded arrival: the whole visit moves by whole days (its relocations
and departure with it). The production's own recorded flights (``keep``) do not move: the
race draws the production's launch itself. A scenario draws one variant for every
production at once, so that all of them meet the same slipped station.

The record holds the dates that came to pass, so taking them as the targets adds the slips
on top of the slips that happened (an assumption on the late side); and a visit that
stayed for another's arrival (a crew handover) does not wait for it in a variant.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import numpy as np

from ..station import Traffic, Visit
from ..times import DAY_S
from .slip import SlipModel

VARIANTS = 16
SEED = 2021
# The record's vehicle for a visiting vehicle of the traffic.
FAMILY = {"soyuz-ms": "soyuz", "progress-ms": "soyuz", "crew-dragon": "crew-dragon",
          "cargo-dragon": "crew-dragon", "cygnus": "crew-dragon", "starliner": "starliner"}


def slip_draws(traffic: Traffic, as_of: date, slips: dict[str, SlipModel],
               count: int = VARIANTS, seed: int = SEED) -> np.ndarray:
    """Return whole days of slip for each variant (rows) and visit (columns): zero for a
    visit docked by ``as_of`` or with no model. Drawn for every visit whatever a production
    keeps, so that every production of a race meets the same variants."""
    as_of_s = datetime(as_of.year, as_of.month, as_of.day, tzinfo=timezone.utc).timestamp()
    uniform = np.random.default_rng(seed).random((count, len(traffic.visits)))
    days = np.zeros(uniform.shape)
    for j, visit in enumerate(traffic.visits):
        model = slips.get(FAMILY.get(visit.vehicle, ""))
        if model is not None and visit.arrive_s >= as_of_s:
            days[:, j] = model.sample_days(uniform[:, j], (visit.arrive_s - as_of_s) / DAY_S)
    return np.round(days)


def traffic_variants(traffic: Traffic, draws: np.ndarray, keep: set[str]) -> list[Traffic]:
    """Return the record with each row of ``draws`` applied (the visits in ``keep`` kept)."""
    variants = []
    for row in draws:
        visits = [visit if visit.id in keep or not days else _shifted(visit, float(days))
                  for visit, days in zip(traffic.visits, row)]
        variants.append(traffic.model_copy(update={"visits": visits})
                        .came_from(traffic.source, traffic.line_index))
    return variants


def _shifted(visit: Visit, days: float) -> Visit:
    later = timedelta(days=days)
    moves = [m.model_copy(update={"undock": m.undock + later, "dock": m.dock + later})
             for m in visit.moves]
    return visit.model_copy(update={
        "arrive": visit.arrive + later, "moves": moves,
        "depart": visit.depart + later if visit.depart is not None else None})
