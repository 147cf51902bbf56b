"""When people are free for the film: aboard, outside the crew day's blocks and their duties.

Computed from the production's plain data over a span, once per person, and read by the
candidate windows, the orbit checks and the plan.
"""

from __future__ import annotations

from ..intervals import IntervalSet, daily_intervals
from ..production.model import Person, Production


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


def aboard_s(production: Production, person: Person, span_s) -> IntervalSet:
    """Return when a person is aboard, within ``span_s``."""
    if production.mission is None:
        return IntervalSet.empty(span_s)
    return IntervalSet.from_pairs(person.aboard_pairs_s(production.mission), span_s)


def busy_s(production: Production, person: Person, span_s) -> IntervalSet:
    """Return when a person is busy: the crew day while aboard, and always their duties."""
    crew_day = daily_intervals(crew_day_dailies(production, person), span_s)
    return crew_day.intersection(aboard_s(production, person, span_s)).union(
        duties_s(person, span_s))


class Availability:
    """Free time of people and camera units over a span, each computed once."""

    def __init__(self, production: Production, span_s: tuple[float, float]):
        self.production = production
        self.span_s = span_s
        self._people: dict[str, IntervalSet] = {}

    def person(self, person_id: str) -> IntervalSet:
        """Return when a person is aboard and free for the film."""
        if person_id not in self._people:
            person = self.production.person(person_id)
            self._people[person_id] = aboard_s(self.production, person, self.span_s) \
                .difference(busy_s(self.production, person, self.span_s))
        return self._people[person_id]

    def people(self, person_ids) -> IntervalSet:
        """Return when all of these people are free together."""
        free = IntervalSet.whole(self.span_s)
        for person_id in person_ids:
            free = free.intersection(self.person(person_id))
        return free

    def any_unit(self) -> IntervalSet:
        """Return when some camera unit has all its people free."""
        free = IntervalSet.empty(self.span_s)
        for unit in self.production.camera_units():
            free = free.union(self.people(unit.people))
        return free

    def closed_s(self, scene) -> IntervalSet:
        """Return when a scene cannot be shot because its module is closed: each closure,
        and after it the scene's set-up (which happens in the module too)."""
        closed = self.production.location(scene.location).closed_pairs_s()
        return IntervalSet.from_pairs([(start, end + scene.setup_s) for start, end in closed],
                                      self.span_s)

    def scene_windows_s(self, environment, scene) -> tuple[IntervalSet, IntervalSet]:
        """Return where a scene's conditions hold, and where its cast and a unit are free too.

        Both are clipped to the scene's earliest/latest within the environment's span, and
        leave out the spans its module is closed (``closed_s``).
        """
        low, high = environment.span_s
        windows = IntervalSet.whole(environment.span_s).clip(
            max(low, scene.earliest_s or low), min(high, scene.latest_s or high))
        for name in scene.condition_names():
            windows = windows.intersection(environment.condition(name,
                                                                 self.production.edge_s))
        windows = windows.difference(self.closed_s(scene))
        cast = [person.id for person in self.production.cast_of(scene)]
        with_people = windows.intersection(self.people(cast))
        if self.production.camera_units():
            with_people = with_people.intersection(self.any_unit())
        return windows, with_people
