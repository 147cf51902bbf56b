"""When people are busy: the station crew day, each person's exercise, and their duties."""

from __future__ import annotations

import numpy as np

from ..intervals import IntervalSet
from ..times import DAY_S
from .model import Person, Production, daily_offsets_s


def daily_intervals(dailies: list[str], span_s: tuple[float, float]) -> IntervalSet:
    """Return every occurrence of daily ``HH:MM-HH:MM`` ranges (GMT) over a span."""
    if not dailies:
        return IntervalSet.empty(span_s)
    offsets = np.array([daily_offsets_s(text) for text in dailies])
    # One day before the span too: a range that wraps past midnight reaches into it.
    midnights = np.arange(np.floor(span_s[0] / DAY_S) - 1, np.ceil(span_s[1] / DAY_S) + 1) * DAY_S
    starts = (midnights[:, None] + offsets[None, :, 0]).ravel()
    ends = (midnights[:, None] + offsets[None, :, 1]).ravel()
    return IntervalSet.from_pairs(np.stack((starts, ends), axis=1), span_s)


def crew_day_dailies(production: Production, person: Person) -> list[str]:
    """Return the daily ranges a person aboard is taken by the crew day: sleep, blocks, exercise."""
    crew_day = production.mission.crew_day
    exercise = crew_day.exercise if person.exercise is None else person.exercise
    return [crew_day.sleep_daily, *(block.daily for block in crew_day.blocks), *exercise]


def duties_s(person: Person, span_s: tuple[float, float]) -> IntervalSet:
    """Return a person's duties over a span: daily ones and those between two instants."""
    daily = daily_intervals([d.daily for d in person.duties if d.daily], span_s)
    fixed = [(d.start_s, d.end_s) for d in person.duties if d.start is not None and d.end]
    return daily.union(IntervalSet.from_pairs(fixed, span_s)) if fixed else daily


def busy_s(production: Production, person: Person, span_s: tuple[float, float]) -> IntervalSet:
    """Return when a person is busy: the crew day while aboard, and always their duties."""
    aboard = production.aboard_s(person, span_s)
    crew_day = daily_intervals(crew_day_dailies(production, person), span_s)
    return crew_day.intersection(aboard).union(duties_s(person, span_s))
