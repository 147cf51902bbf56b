"""The training's time axis and its calendars: which days each facility and person can work.

The planner counts time in quarter hours of the training's local wall clock from the Monday
midnight on or before the first day, so that a day is 96 units and a week 672, and the
"hours a day" and "hours a week" limits are periods of the project-scheduling core. The
calendars are whole arrays of days: a facility's open days are its working weekdays less
the public holidays of its country (the ``holidays`` package), its closed periods and, when
it has them, outside its windows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import numpy as np

from ..production.training import (WEEKDAYS, Facility, Period, Trainee, Training,
                                   hours_span_min)

UNIT_MIN = 15
UNITS_PER_HOUR = 60 // UNIT_MIN
UNITS_PER_DAY = 24 * UNITS_PER_HOUR
UNITS_PER_WEEK = 7 * UNITS_PER_DAY


def units_of_hours(hours: float) -> int:
    """Return whole units for a number of hours, rounded up to the quarter hour."""
    return int(np.ceil(round(hours * UNITS_PER_HOUR, 6)))


@dataclass(frozen=True)
class TimeAxis:
    """Quarter hours of local wall-clock time from ``origin`` (a Monday, 00:00)."""

    origin: date
    zone: ZoneInfo
    first_day: int  # the day index of the training's start
    days: int       # days on the axis, from the origin

    @classmethod
    def of(cls, training: Training, start: date | None = None) -> "TimeAxis":
        start = start or training.start
        origin = start - timedelta(days=start.weekday())
        first = (start - origin).days
        return cls(origin, ZoneInfo(training.time_zone), first, first + training.horizon_days)

    @property
    def horizon_units(self) -> int:
        return self.days * UNITS_PER_DAY

    @property
    def start(self) -> date:
        return self.date_of(self.first_day)

    def date_of(self, day: int) -> date:
        return self.origin + timedelta(days=int(day))

    def day_of(self, when: date) -> int:
        return (when - self.origin).days

    def dates(self) -> np.ndarray:
        """Return every date on the axis as numpy days."""
        return np.datetime64(self.origin, "D") + np.arange(self.days)

    def local(self, unit: int) -> datetime:
        """Return the local wall-clock time of a unit, with the training's zone attached."""
        naive = datetime.combine(self.origin, datetime.min.time()) + \
            timedelta(minutes=int(unit) * UNIT_MIN)
        return naive.replace(tzinfo=self.zone)

    def unit_of_day(self, day: int, minute_of_day: int = 0) -> int:
        return int(day) * UNITS_PER_DAY + minute_of_day // UNIT_MIN


def weekday_mask(axis: TimeAxis, weekdays) -> np.ndarray:
    """Return, for each day of the axis, whether it is one of ``weekdays`` (names)."""
    wanted = np.zeros(7, dtype=bool)
    wanted[[WEEKDAYS.index(name) for name in weekdays]] = True
    return wanted[np.arange(axis.days) % 7]  # the origin is a Monday


def period_mask(axis: TimeAxis, periods: list[Period]) -> np.ndarray:
    """Return, for each day of the axis, whether it falls in one of ``periods``."""
    days = np.arange(axis.days)
    inside = np.zeros(axis.days, dtype=bool)
    for period in periods:
        inside |= (days >= axis.day_of(period.start)) & (days <= axis.day_of(period.end))
    return inside


@lru_cache(maxsize=64)
def _holidays(country: str, years: tuple[int, ...]) -> frozenset:
    # Imported here, not above: it takes 45 ms, and most productions have no training.
    from holidays import country_holidays

    return frozenset(country_holidays(country.upper(), years=years).keys())


def holiday_mask(axis: TimeAxis, country: str | None) -> np.ndarray:
    """Return, for each day, whether it is a public holiday of ``country`` (None: never)."""
    if country is None or country == "none":
        return np.zeros(axis.days, dtype=bool)
    years = tuple(range(axis.origin.year, axis.date_of(axis.days).year + 1))
    off = np.array(sorted(_holidays(country, years)), dtype="datetime64[D]")
    return np.isin(axis.dates(), off)


def facility_hours_min(training: Training, facility: Facility) -> tuple[int, int]:
    """Return a facility's working hours, minutes from local midnight."""
    return hours_span_min(facility.hours or training.hours)


def facility_open_days(axis: TimeAxis, training: Training, facility: Facility) -> np.ndarray:
    """Return, for each day of the axis, whether the facility works that day."""
    open_days = weekday_mask(axis, facility.days or training.days)
    open_days &= ~holiday_mask(axis, facility.calendar or training.calendar)
    open_days &= ~period_mask(axis, facility.closed)
    if facility.windows:
        open_days &= period_mask(axis, facility.windows)
    open_days[:axis.first_day] = False
    return open_days


def trainee_free_days(axis: TimeAxis, trainee: Trainee) -> np.ndarray:
    """Return, for each day of the axis, whether a trainee can train that day."""
    free = ~period_mask(axis, trainee.unavailable)
    if trainee.rest_days:
        free &= ~weekday_mask(axis, trainee.rest_days)
    if trainee.available_from is not None:
        free[:max(0, axis.day_of(trainee.available_from))] = False
    free[:axis.first_day] = False
    return free


def agency_open_days(axis: TimeAxis, training: Training) -> np.ndarray:
    """Return the days the training's own calendar works (commissions sit on these)."""
    open_days = weekday_mask(axis, training.days) & ~holiday_mask(axis, training.calendar)
    open_days[:axis.first_day] = False
    return open_days


def runs_of(days: np.ndarray, length: int) -> np.ndarray:
    """Return, for each day, whether it starts ``length`` days in a row that are all set."""
    if length <= 1:
        return days.copy()
    counts = np.convolve(days.astype(int), np.ones(length, dtype=int), mode="full")
    starts = np.zeros_like(days)
    starts[:len(days) - length + 1] = counts[length - 1:len(days)] == length
    return starts
