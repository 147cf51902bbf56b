"""The pre-flight training programme of a production file (``[training]``), as plain data.

Who trains (the people and their crews), where (facilities with their calendars and
capacities), what (activities: sessions of a duration, spacing, prerequisites) and the
milestones (commissions, exams) whose last, the "cleared" one, ends training. The planner
(``orbitfilm.training``) turns it into a project schedule; the meaning of the whole
(references, cycles, sessions that fit no facility day) is checked in ``training_checks``.

Dates and clock times are the training's local ones (``time_zone``): a centre's working
day is written as its staff writes it.
"""

from __future__ import annotations

import datetime as dt
import re
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from .fields import Id, Strict

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                  "sunday"]
WORKING_WEEK = ["monday", "tuesday", "wednesday", "thursday", "friday"]
# The groups an activity may name in ``who`` besides crews, roles and people.
WHO_WORDS = ("participants", "everyone")
DOOD_CODES = {"training": "R", "fitting": "FT"}


def _check_hours(text: str) -> str:
    match = re.match(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$", text)
    if not match:
        raise ValueError(f"expected working hours HH:MM-HH:MM (local), got {text!r}")
    start_h, start_m, end_h, end_m = (int(part) for part in match.groups())
    if start_h > 23 or end_h > 24 or start_m > 59 or end_m > 59:
        raise ValueError(f"not a time of day in {text!r}")
    if (end_h, end_m) <= (start_h, start_m):
        raise ValueError(f"working hours must end after they start (same day), got {text!r}")
    return text


WorkingHours = Annotated[str, AfterValidator(_check_hours),
                         Field(description="local working hours, e.g. '09:00-18:00'")]
Hours = Annotated[float, Field(gt=0)]


def hours_span_min(text: str) -> tuple[int, int]:
    """Return working hours 'HH:MM-HH:MM' as minutes from midnight (start, end)."""
    start, end = text.split("-")
    return tuple(int(part.split(":")[0]) * 60 + int(part.split(":")[1])
                 for part in (start.strip(), end.strip()))


class Period(Strict):
    """Whole days, both ends included, with what they are for."""

    start: date
    end: date
    reason: str = ""

    @model_validator(mode="after")
    def _ordered(self):
        if self.end < self.start:
            raise ValueError(f"the period ends ({self.end}) before it starts ({self.start})")
        return self


class Crew(Strict):
    """A crew that trains and flies together; the first crew listed is the prime crew."""

    id: Id
    name: str | None = None
    people: list[Id] = Field(min_length=1)


class Trainee(Strict):
    """Someone in training: a person of the production (same id) or someone only here.

    ``participant`` marks a spaceflight participant (the film crew and their backups), as
    against a professional who joins only the crew sessions. Hours left out take the
    training's defaults.
    """

    id: Id
    name: str | None = Field(None, description="needed when the id is not one of [[people]]")
    roles: list[str] = Field(default_factory=list, description="e.g. actor, director, commander")
    participant: bool = True
    available_from: date | None = Field(None, description="first day free for training")
    unavailable: list[Period] = Field(default_factory=list,
                                      description="another shoot, a press tour, ...")
    rest_days: list[Weekday] = Field(default_factory=list,
                                     description="weekdays this person never trains")
    daily_h: Hours | None = Field(None, description="training hours a day at most")
    weekly_h: Hours | None = Field(None, description="training hours a week (Mon-Sun) at most")
    avoid: list[Period] = Field(default_factory=list,
                                description="days this person would rather keep free "
                                            "(a wish, given up only when it must be)")


class Facility(Strict):
    """Where training happens: how many at once, on which days and hours, in which weeks.

    ``capacity`` counts what ``counts`` says: people at once, crews at once, or sessions at
    once (a classroom holding one lecture, however many listen). ``windows``, when given,
    are the only weeks it serves the programme (an aircraft's flight campaigns); ``closed``
    periods are taken out (maintenance, holidays of its own).
    """

    id: Id
    name: str | None = None
    capacity: Annotated[int, Field(ge=1)] = 1
    counts: Literal["people", "crews", "sessions"] = "people"
    sessions_per_day: Annotated[int, Field(ge=1)] | None = None
    calendar: str | None = Field(None, description="ISO country code whose public holidays "
                                                   "close it (default: the training's); "
                                                   "'none' for no holidays")
    days: list[Weekday] | None = Field(None, description="working weekdays (default: "
                                                         "the training's)")
    hours: WorkingHours | None = Field(None, description="daily working hours, local")
    windows: list[Period] = Field(default_factory=list)
    closed: list[Period] = Field(default_factory=list)


class Estimate(Strict):
    """How long an activity's sessions really take: a three-point factor on the planned
    length (the race draws one per scenario)."""

    dist: Literal["triangular", "pert"] = "pert"
    low: Annotated[float, Field(gt=0)]
    mode: Annotated[float, Field(gt=0)]
    high: Annotated[float, Field(gt=0)]

    @model_validator(mode="after")
    def _ordered(self):
        if not self.low <= self.mode <= self.high:
            raise ValueError("needs low <= mode <= high")
        return self


class Activity(Strict):
    """A kind of training, taken in ``sessions`` sessions of one duration at one facility.

    ``who`` names the trainees: 'participants', 'everyone', a crew id, a role, or a list
    of ids. ``together`` says who shares a session: 'each' alone, 'crew' each crew's
    trainees together, 'all' everyone named at once. Sessions of one group follow each
    other at least ``min_gap_days`` and at most ``max_gap_days`` calendar days apart. A
    session of ``duration_days`` takes whole working days of the facility in a row.
    """

    id: Id
    name: str | None = None
    facility: Id
    who: str | list[Id] = "participants"
    together: Literal["each", "crew", "all"] = "each"
    sessions: Annotated[int, Field(ge=1, le=200)] = 1
    duration_h: Hours | None = None
    duration_days: Annotated[int, Field(ge=1, le=30)] | None = None
    min_gap_days: Annotated[int, Field(ge=0)] = 0
    max_gap_days: Annotated[int, Field(ge=0)] | None = None
    after: list[Id] = Field(default_factory=list,
                            description="activities and milestones that come first")
    earliest: date | None = None
    latest: date | None = Field(None, description="the last day a session may end")
    kind: Literal["training", "fitting"] = Field(
        "training", description="the day-out-of-days code: training R, fitting FT")
    estimate: Estimate | None = Field(
        None, description="three-point factor on the sessions' length, for the race "
                          "(e.g. { dist = 'pert', low = 0.9, mode = 1.0, high = 1.4 })")

    @model_validator(mode="after")
    def _one_duration(self):
        if (self.duration_h is None) == (self.duration_days is None):
            raise ValueError("give one of duration_h or duration_days")
        if self.max_gap_days is not None and self.max_gap_days < self.min_gap_days:
            raise ValueError(f"max_gap_days ({self.max_gap_days}) is less than min_gap_days "
                             f"({self.min_gap_days})")
        return self

    @property
    def dood_code(self) -> str:
        return DOOD_CODES[self.kind]


class Milestone(Strict):
    """A commission or an exam result: on a date the agency fixed, or once its
    prerequisites are done (the next working morning). ``cleared`` ends training."""

    id: Id
    name: str | None = None
    after: list[Id] = Field(default_factory=list)
    date: dt.date | None = Field(None, description="fixed by the agency; left out: as early as "
                                                "possible")
    cleared: bool = False


class Training(Strict):
    """The whole programme, from its first day to the crew cleared to fly.

    After ``cleared`` the crew travels ``to_site_days`` to the launch site and spends
    ``prelaunch_days`` there before liftoff (Baikonur 2021: admitted 16 Sep, arrived
    18 Sep, launched 5 Oct).
    """

    start: date
    time_zone: str = Field("UTC", description="IANA zone of the dates and hours written here")
    calendar: str | None = Field(None, description="ISO country code of the public holidays "
                                                   "every facility keeps, e.g. 'RU'")
    days: list[Weekday] = Field(default_factory=lambda: list(WORKING_WEEK))
    hours: WorkingHours = "09:00-18:00"
    daily_h: Hours = Field(8.0, description="each trainee's training hours a day at most")
    weekly_h: Hours = Field(40.0, description="each trainee's training hours a week at most")
    to_site_days: Annotated[int, Field(ge=0)] = 0
    prelaunch_days: Annotated[int, Field(ge=0)] = 0
    horizon_days: Annotated[int, Field(ge=7, le=1100)] = Field(
        240, description="how far past the start a plan may reach")
    crews: list[Crew] = Field(default_factory=list)
    people: list[Trainee] = Field(min_length=1)
    facilities: list[Facility] = Field(min_length=1)
    activities: list[Activity] = Field(min_length=1)
    milestones: list[Milestone] = Field(default_factory=list)

    def cleared_milestone(self) -> Milestone | None:
        return next((m for m in self.milestones if m.cleared), None)

    def facility(self, facility_id: str) -> Facility:
        return {f.id: f for f in self.facilities}[facility_id]

    def trainee(self, person_id: str) -> Trainee:
        return {p.id: p for p in self.people}[person_id]
