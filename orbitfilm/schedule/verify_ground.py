"""Check the ground unit's days against every rule, re-derived from the production.

``check_ground`` reads the ``ground`` block of a schedule file (``GroundSchedule.to_json()``)
and returns one ``Violation`` per broken rule: the scenes it dates are the production's
ground scenes, each on consecutive working days of the calendar and inside the days the road
to orbit opens for its location; a day holds one place; going to another place takes its
journey's travel days, on which nothing is shot; precedence; and the costs the file states
are what its own days cost. Only the rules' definitions are shared with the solvers (the
calendar, places and journeys, the road's windows); the checking is its own.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict

from ..production.model import Production
from .ground.pipeline import ground_problem, road_windows
from .ground.problem import GroundProblem
from .violation import RuleBook, Violation

# Costs in a schedule file are rounded to the cent at most.
COST_SLACK = 0.01


def check_ground(production: Production, ground: dict | None,
                 launch_date: dt.date | None) -> list[Violation]:
    """Return every rule the ground unit's schedule breaks (none for a valid one, or for a
    schedule with no ``ground`` block: the scenes aboard alone)."""
    if not production.ground_scenes() or ground is None:
        return []  # no ground block: a schedule of the scenes aboard alone
    if not isinstance(ground, dict) or not ground.get("dates"):
        return [Violation("ground_accounted", tuple(s.id for s in production.ground_scenes()),
                          "the schedule dates none of the production's ground scenes")]
    problem = ground_problem(production, launch_date)
    windows = road_windows(production, problem, launch_date)
    return _GroundChecker(production, problem, windows, ground).run()


class _GroundChecker(RuleBook):
    """The ground rules, one method each, in the order a first AD would check the board."""

    RULES = ("_known_scenes", "_working_days", "_scene_days", "_windows", "_one_place_a_day",
             "_journeys", "_precedence", "_costs")

    def __init__(self, production: Production, problem: GroundProblem,
                 windows: dict[str, tuple[dt.date, dt.date]], ground: dict):
        super().__init__()
        self.production = production
        self.problem = problem
        self.windows = windows
        self.scenes = {s.id: s for s in problem.scenes}
        self.dates = {str(k): sorted(map(_day, v)) for k, v in ground["dates"].items()}
        self.starts = {str(k): float(v) for k, v in (ground.get("start_days") or {}).items()}
        self.ground = ground

    def _dated(self) -> dict[str, list[dt.date]]:
        return {k: v for k, v in self.dates.items() if k in self.scenes and v}

    def _known_scenes(self) -> None:
        """The schedule dates ground scenes of the production, each of them."""
        for scene_id in self.dates:
            if scene_id not in self.scenes:
                self._add("ground_scene", [scene_id], f"{scene_id} is not a ground scene of "
                          f"the production")
        for scene_id in self.scenes:
            if not self.dates.get(scene_id):
                self._add("ground_accounted", [scene_id], f"ground scene {scene_id} has no date")

    def _working_days(self) -> None:
        """Every date is a working day of the calendar, inside its start and end."""
        calendar = self.problem.calendar
        for scene_id, dates in self._dated().items():
            for day in dates:
                if day.weekday() in calendar.weekly_days_off or day in calendar.days_off:
                    self._add("ground_calendar", [scene_id], f"{scene_id} is dated {day}, a "
                              f"day off")
                if (self.production.ground.start and day < self.production.ground.start) or \
                        (calendar.end and day > calendar.end):
                    self._add("ground_calendar", [scene_id], f"{scene_id} is dated {day}, "
                              f"outside the ground calendar ({_span(self.production, calendar)})")

    def _scene_days(self) -> None:
        """A scene of d days takes ceil(d) or one more consecutive working days (it may
        start part-way into a day); with start days given, its dates are theirs."""
        index = self._day_numbers()
        for scene_id, dates in self._dated().items():
            days = self.scenes[scene_id].duration_days
            numbers = [index[day] for day in dates if day in index]
            if len(numbers) < len(dates):
                continue  # a day off: the calendar's rule says so
            if not math.ceil(days - 1e-9) <= len(dates) <= math.ceil(days - 1e-9) + 1 or \
                    numbers != list(range(numbers[0], numbers[0] + len(numbers))):
                self._add("ground_days", [scene_id], f"{scene_id} takes {days:g} days, not "
                          f"{', '.join(map(str, dates))}")
            elif scene_id in self.starts and int(self.starts[scene_id] + 1e-9) - \
                    int(self._first_start() + 1e-9) != numbers[0]:
                self._add("ground_days", [scene_id], f"{scene_id}'s start day "
                          f"{self.starts[scene_id]:g} is not its first date {dates[0]}")
        self._no_overlap()

    def _no_overlap(self) -> None:
        """The unit shoots one scene at a time (by the start days)."""
        spans = sorted((self.starts[i], self.starts[i] + self.scenes[i].duration_days, i)
                       for i in self._dated() if i in self.starts)
        for (_, end, first), (start, _, second) in zip(spans, spans[1:]):
            if start < end - 1e-9:
                self._add("ground_overlap", [first, second], f"the ground unit shoots {first} "
                          f"and {second} at once")

    def _windows(self) -> None:
        """Each scene is shot on days its location is open (the road to orbit's windows)."""
        for scene_id, dates in self._dated().items():
            window = self.windows.get(self.scenes[scene_id].location)
            outside = [day for day in dates if window and not window[0] <= day <= window[1]]
            if outside:
                self._add("ground_window", [scene_id], f"{scene_id} at "
                          f"{self.scenes[scene_id].location} on {outside[0]}: open only "
                          f"{window[0]} to {window[1]} ({self._why()})")

    def _one_place_a_day(self) -> None:
        """A day holds one place (a town and its neighbours within a day's reach)."""
        for day, places in self._places_by_day().items():
            if len(places) > 1:
                named = ", ".join(f"{p} ({', '.join(sorted(ids))})" for p, ids in places.items())
                self._add("ground_place", sorted(i for ids in places.values() for i in ids),
                          f"{day} holds two places: {named}")

    def _journeys(self) -> None:
        """Between days at two places lie the journey's travel days, with no scene, and the
        schedule lists the journey."""
        index = self._day_numbers()
        days = sorted((d, next(iter(p))) for d, p in self._places_by_day().items()
                      if len(p) == 1 and d in index)
        listed = {tuple(t.get("dates") or ()) for t in self.ground.get("travel") or ()}
        for (day1, here), (day2, there) in zip(days, days[1:]):
            if here == there:
                continue
            journey = self.problem.journey(here, there)
            between = index[day2] - index[day1] - 1
            if between < journey.days:
                self._add("ground_travel", [], f"{day1} at {here}, {day2} at {there}: the "
                          f"journey takes {journey.days} travel day(s), {between} between")
            elif journey.days and not any(day1.isoformat() < d[0] and d[-1] < day2.isoformat()
                                          for d in listed if d):
                self._add("ground_travel", [], f"no travel listed from {here} ({day1}) to "
                          f"{there} ({day2})")

    def _precedence(self) -> None:
        """A ground scene ``after`` another starts once that one has ended."""
        for before, after in self.problem.precedences:
            if before in self.starts and after in self.starts and self.starts[after] < \
                    self.starts[before] + self.scenes[before].duration_days - 1e-9:
                self._add("ground_precedence", [after, before], f"{after} starts before "
                          f"{before}, which must come first, ends")
            elif before in self.dates and after in self.dates and \
                    self.dates[after][0] < self.dates[before][-1]:
                self._add("ground_precedence", [after, before], f"{after} is dated before "
                          f"{before}, which must come first")

    def _costs(self) -> None:
        """The costs stated are what the stated days cost: holding, moves, journeys."""
        if set(self.starts) != set(self._dated()):
            return
        actors, moves = self._actor_costs(), self._move_cost()
        travel = sum(self.problem.journey(*self._pair(t)).cost
                     for t in self.ground.get("travel") or ())
        stated = self.ground
        for name, cost in actors.items():
            given = (stated.get("actor_costs") or {}).get(name, 0)
            if abs(float(given) - cost) > COST_SLACK:
                self._add("ground_cost", [], f"{name} costs {cost:,.2f} for the days held, "
                          f"not {float(given):,.2f}")
        spans = [(s, s + self.scenes[i].duration_days) for i, s in self.starts.items()]
        unit = self.problem.unit_day_cost * (max(e for _, e in spans) - min(b for b, _ in spans))
        total = sum(actors.values()) + moves + travel + unit
        if abs(float(stated.get("total_cost", 0)) - total) > COST_SLACK:
            self._add("ground_cost", [], f"the ground unit's days cost {total:,.2f}, not "
                      f"{float(stated.get('total_cost', 0)):,.2f}")

    # -- helpers -----------------------------------------------------------------------------
    def _actor_costs(self) -> dict[str, float]:
        held = defaultdict(list)
        for scene_id, start in self.starts.items():
            for actor in self.scenes[scene_id].actors:
                held[actor].append((start, start + self.scenes[scene_id].duration_days))
        rates = {a.name: a.day_rate for a in self.problem.actors}
        return {a: rates[a] * (max(e for _, e in s) - min(b for b, _ in s))
                for a, s in held.items() if rates.get(a)}

    def _move_cost(self) -> float:
        cost = {loc.id: loc.move_cost for loc in self.problem.locations}
        location, total = None, 0.0
        for scene_id in sorted(self.starts, key=self.starts.get):
            here = self.scenes[scene_id].location
            total += cost.get(here, 0.0) if here != location else 0.0
            location = here
        return total

    def _pair(self, travel: dict) -> tuple[str, str]:
        return str(travel.get("from")), str(travel.get("to"))

    def _places_by_day(self) -> dict[dt.date, dict[str, set[str]]]:
        found: dict[dt.date, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for scene_id, dates in self._dated().items():
            place = self.problem.place_of(self.scenes[scene_id].location)
            for day in dates:
                found[day][place].add(scene_id)
        return found

    def _first_start(self) -> float:
        return min(self.starts.values())

    def _day_numbers(self) -> dict[dt.date, int]:
        """Number the calendar's working days from the first date used."""
        used = [d for dates in self._dated().values() for d in dates]
        calendar = self.problem.calendar
        first, last = min(used), max(used)
        days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
        working = [d for d in days if d.weekday() not in calendar.weekly_days_off
                   and d not in calendar.days_off]
        return {day: n for n, day in enumerate(working)}

    def _why(self) -> str:
        training = self.production.training
        return (f"the launch site from the day after the crew arrives, {training.prelaunch_days} "
                f"days before liftoff; elsewhere until they leave, {training.to_site_days} "
                f"days before that")


def _day(text) -> dt.date:
    return dt.date.fromisoformat(str(text)[:10])


def _span(production: Production, calendar) -> str:
    start = production.ground.start
    return f"{start or 'open'} to {calendar.end or 'open'}"
