"""The ground unit's scheduling problem and its schedule, as plain data.

Ground scenes take whole or fractional shooting days at a location; locations lie in places
(a town, a training centre and its neighbours: everything a unit reaches within a day).
An actor is paid their day rate for every shooting day from their first scene to their last
(holding); every arrival at a location costs its move cost; going to another place is a
journey of travel days (shooting-day slots with no scene, paid to whoever is held) at a
cost. Every solver of ``schedule.ground`` reads a ``GroundProblem`` and returns a
``GroundSchedule``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from ...errors import InputError


@dataclass(frozen=True)
class GroundScene:
    """One ground scene: its days, its location and the actors it needs."""

    id: str
    duration_days: float
    location: str
    actors: tuple[str, ...] = ()


@dataclass(frozen=True)
class GroundActor:
    name: str
    day_rate: float


@dataclass(frozen=True)
class GroundLocation:
    """A location in a place; ``available_days`` are [first, last] shooting-day numbers
    (from 0), or every day."""

    id: str
    move_cost: float = 0.0
    available_days: tuple[tuple[int, int], ...] | None = None
    place: str | None = None  # None: a place of its own

    @property
    def place_id(self) -> str:
        return self.place or self.id


@dataclass(frozen=True)
class Journey:
    """Taking the unit from one place to another: what it costs and the days it takes."""

    cost: float
    days: int = 1


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class GroundCalendar:
    """The working calendar: shooting days from ``start`` on, or up to ``end`` when only it
    is known (the days before a launch), skipping weekly and single days off."""

    start: dt.date | None
    weekly_days_off: tuple[int, ...] = ()  # Monday is 0
    days_off: tuple[dt.date, ...] = ()
    end: dt.date | None = None

    def shooting_dates(self, count: int) -> list[dt.date]:
        """Return the dates of ``count`` shooting days: the first ones from ``start``, or the
        last ones up to ``end``."""
        if self.start is None and self.end is None:
            raise InputError("the ground calendar has neither a start nor an end",
                             field="ground")
        if len(set(self.weekly_days_off)) >= 7:
            raise InputError("the ground calendar has no working weekday",
                             field="ground.weekly_days_off")
        forward = self.start is not None
        day, step = (self.start, 1) if forward else (self.end, -1)
        dates, off = [], set(self.days_off)
        while len(dates) < count:
            if day.weekday() not in self.weekly_days_off and day not in off:
                dates.append(day)
            day += dt.timedelta(days=step)
        return dates if forward else dates[::-1]

    def days_before(self, day: dt.date, count: int) -> dt.date:
        """Return the working day ``count`` working days before ``day`` (or ``day``)."""
        return replace(self, start=None, end=day).shooting_dates(count + 1)[0]

    def dates_until(self, end: dt.date) -> list[dt.date]:
        """Return the working days from ``start`` to ``end``."""
        dates, day, off = [], self.start, set(self.days_off)
        while day <= end:
            if day.weekday() not in self.weekly_days_off and day not in off:
                dates.append(day)
            day += dt.timedelta(days=1)
        return dates


@dataclass(frozen=True)
class GroundProblem:
    """Everything the ground solvers need, as plain data."""

    scenes: tuple[GroundScene, ...]
    actors: tuple[GroundActor, ...]
    locations: tuple[GroundLocation, ...] = ()
    precedences: tuple[tuple[str, str], ...] = ()  # (before, after) scene ids
    calendar: GroundCalendar = field(default_factory=lambda: GroundCalendar(None))
    drop_pickup_min_days: float | None = None
    unit_day_cost: float = 0.0  # crew and equipment per shooting day, up to the wrap
    horizon_days: int | None = None
    journeys: dict[tuple[str, str], Journey] = field(default_factory=dict)
    # Among schedules of equal cost, the latest (a calendar that ends before a launch);
    # else the earliest.
    late: bool = False

    def place_of(self, location_id: str) -> str:
        for location in self.locations:
            if location.id == location_id:
                return location.place_id
        return location_id

    def places(self) -> list[str]:
        return sorted({self.place_of(scene.location) for scene in self.scenes})

    def journey(self, from_place: str, to_place: str) -> Journey:
        """Return the journey between two places (none within one place)."""
        if from_place == to_place:
            return Journey(0.0, 0)
        return self.journeys.get((from_place, to_place)) or \
            self.journeys.get((to_place, from_place)) or Journey(0.0, 0)


@dataclass(frozen=True)
class Travel:
    """A journey the schedule takes: the travel days' dates, from and to which place."""

    dates: tuple[str, ...]
    from_place: str
    to_place: str
    cost: float

    def to_json(self) -> dict:
        return {"dates": list(self.dates), "from": self.from_place, "to": self.to_place,
                "cost": self.cost}


@dataclass(frozen=True)
class GroundSchedule:
    """The ground unit's schedule: order and dates, travel, and the cost split by kind.

    ``method`` says which solver found it: the exact talent search, every order packed
    day after day, or the CP-SAT day model.
    """

    status: str  # optimal, feasible, infeasible, unknown
    method: str
    order: tuple[str, ...]
    start_days: dict[str, float]
    dates: dict[str, list[str]]
    shooting_days: int
    total_cost: float
    idle_cost: float
    actor_costs: dict[str, float]
    move_cost: float
    runtime_s: float
    actor_paid_days: dict[str, float] = field(default_factory=dict)
    travel: tuple[Travel, ...] = ()
    travel_cost: float = 0.0
    unit_cost: float = 0.0
    notes: tuple[str, ...] = ()
    places: dict[str, str] = field(default_factory=dict)  # location id -> place id

    @property
    def optimal(self) -> bool:
        return self.status == "optimal"

    def to_json(self) -> dict:
        """Return the plain form (the ``ground`` block of a schedule and of a plan)."""
        return {"status": self.status, "optimal": self.optimal, "method": self.method,
                "order": list(self.order), "start_days": dict(self.start_days),
                "dates": dict(self.dates), "shooting_days": self.shooting_days,
                "total_cost": self.total_cost, "idle_cost": self.idle_cost,
                "actor_costs": dict(self.actor_costs),
                "actor_paid_days": dict(self.actor_paid_days), "move_cost": self.move_cost,
                "travel": [t.to_json() for t in self.travel], "travel_cost": self.travel_cost,
                "unit_cost": self.unit_cost, "places": dict(self.places),
                "runtime_s": round(self.runtime_s, 6), "notes": list(self.notes)}


def tidy(value: float) -> float | int:
    """Show whole costs as integers and round away binary noise from fractional ones."""
    rounded = round(float(value), 9)
    return int(rounded) if rounded.is_integer() else rounded


def check_problem(problem: GroundProblem) -> None:
    """Raise InputError for references to unknown scenes, actors or locations."""
    scene_ids = [s.id for s in problem.scenes]
    if len(set(scene_ids)) != len(scene_ids):
        raise InputError("two ground scenes share an id", field="scenes")
    actors = {a.name for a in problem.actors}
    locations = {loc.id for loc in problem.locations}
    for scene in problem.scenes:
        if not scene.duration_days > 0:
            raise InputError(f"scene {scene.id}: the duration must be positive",
                             field="duration_days")
        for name in scene.actors:
            if name not in actors:
                raise InputError(f"scene {scene.id}: unknown actor {name!r}", field="actors")
        if problem.locations and scene.location not in locations:
            raise InputError(f"scene {scene.id}: unknown location {scene.location!r}",
                             field="location")
    for before, after in problem.precedences:
        for scene_id in (before, after):
            if scene_id not in scene_ids:
                raise InputError(f"precedence names unknown scene {scene_id!r}",
                                 field="precedences")
