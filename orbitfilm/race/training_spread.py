"""The training in each scenario: the plan's sessions re-timed with sampled durations.

An activity may say how long its sessions really take as a three-point factor on the
planned length (``estimate = { dist = "pert", low = 0.9, mode = 1.0, high = 1.4 }`` in the
programme). A scenario draws one factor per activity and re-times the planned sessions in
their planned order on the agency's working time (its working days and hours, as minutes
worked since the programme began): a session starts at its planned time, or when the last
session of any of its people ends if that is later, and lasts its sampled length; the
cleared date is the first working morning after the last session, never before the date
the agency fixed for it. Facilities are not re-checked (the plan's order stands for them),
and a session may run on into the next working day: an approximation of a re-planned
programme, vectorised over scenarios.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

import numpy as np

from ..production.training import hours_span_min
from ..training.calendar import TimeAxis, agency_open_days
from ..training.planner import TrainingPlan
from .estimates import draw_three_point

DAY_S = 86400.0


@dataclass(frozen=True)
class TrainingSpread:
    """A training plan ready to re-time: sessions in working minutes, in planned order."""

    start_min: np.ndarray              # planned start, minutes worked since day 0
    length_min: np.ndarray             # planned length, working minutes
    activity: np.ndarray               # index into ``estimates``
    people: tuple[np.ndarray, ...]     # each session's people (indices)
    people_count: int
    estimates: tuple[tuple[str, float, float, float], ...]   # (dist, low, mode, high)
    day_min: int                       # working minutes a day
    open_days: np.ndarray              # calendar day index of the k-th working day
    cleared_day: int                   # the plan's cleared day (calendar index)
    cleared_days: float                # the plan's cleared instant, days since the epoch
    fixed: bool                        # the agency fixed the cleared milestone's date
    planned_morning: int = 0           # the morning after the plan's last session (index)
    activity_ids: tuple[str, ...] = () # each estimate's activity (names its random stream)

    @property
    def varies(self) -> bool:
        """Return whether any activity's length is not exactly the plan's."""
        return any((low, mode, high) != (1.0, 1.0, 1.0) for _, low, mode, high in self.estimates)

    def activity_key(self, a: int) -> str:
        """Return what names activity ``a``'s random stream (its id)."""
        return self.activity_ids[a] if a < len(self.activity_ids) else str(a)

    def draw_factors(self, rng_for, n: int) -> np.ndarray:
        """Return one factor per activity and scenario (activities, n); ``rng_for(a)`` is
        activity ``a``'s generator (or one generator for them all)."""
        rows = [draw_three_point(dist, low, mode, high,
                                 rng_for(a) if callable(rng_for) else rng_for, n)
                for a, (dist, low, mode, high) in enumerate(self.estimates)]
        return np.array(rows) if rows else np.ones((0, n))

    def cleared(self, factors: np.ndarray) -> np.ndarray:
        """Return the cleared instant of each scenario (days since the epoch): the plan's,
        moved by as many days as the morning after the last session moves (never before
        the agency's date)."""
        day = self.cleared_day + (self.morning_after(factors) - self.planned_morning)
        if self.fixed:
            day = np.maximum(day, self.cleared_day)
        return self.cleared_days + (day - self.cleared_day)

    def morning_after(self, factors: np.ndarray) -> np.ndarray:
        """Return the calendar day of the first working morning after the last session."""
        n = factors.shape[1]
        free = np.zeros((self.people_count, n))
        last = np.zeros(n)
        for s in range(len(self.start_min)):
            who = self.people[s]
            begin = (np.maximum(self.start_min[s], free[who].max(axis=0)) if len(who)
                     else np.full(n, float(self.start_min[s])))
            end = begin + self.length_min[s] * factors[self.activity[s]]
            free[who] = end
            last = np.maximum(last, end)
        worked_day = np.minimum(np.ceil(last / self.day_min - 1e-9).astype(int),
                                len(self.open_days) - 1)
        return self.open_days[worked_day]


def training_spread(plan: TrainingPlan) -> TrainingSpread | None:
    """Return the plan ready to re-time, or None without a cleared date."""
    training = plan.training
    if plan.cleared is None or training is None:
        return None
    axis = TimeAxis.of(training, plan.start)
    open_min, close_min = hours_span_min(training.hours)
    day_min = close_min - open_min
    open_mask = agency_open_days(axis, training)
    worked_before = np.concatenate([[0], np.cumsum(open_mask)])

    def worked(moment: datetime) -> int:
        day = axis.day_of(moment.date())
        minute = moment.hour * 60 + moment.minute
        return int(worked_before[day]) * day_min + min(max(minute - open_min, 0), day_min)

    activities = [a.id for a in training.activities]
    estimates = tuple((a.estimate.dist, a.estimate.low, a.estimate.mode, a.estimate.high)
                      if a.estimate else ("triangular", 1.0, 1.0, 1.0)
                      for a in training.activities)
    people = sorted({p for s in plan.sessions for p in s.people})
    index = {p: i for i, p in enumerate(people)}
    sessions = sorted(plan.sessions, key=lambda s: (s.start, s.activity, s.number))
    cleared_milestone = training.cleared_milestone()
    spread = TrainingSpread(
        np.array([worked(s.start) for s in sessions], dtype=float),
        np.array([worked(s.end) - worked(s.start) for s in sessions], dtype=float),
        np.array([activities.index(s.activity) for s in sessions], dtype=int),
        tuple(np.array([index[p] for p in s.people], dtype=int) for s in sessions),
        len(people), estimates, day_min, np.flatnonzero(open_mask),
        axis.day_of(plan.cleared.date()), plan.cleared.timestamp() / DAY_S,
        bool(cleared_milestone and cleared_milestone.date is not None))
    ones = np.ones((len(estimates), 1))
    return replace(spread, planned_morning=int(spread.morning_after(ones)[0]),
                   activity_ids=tuple(activities))
