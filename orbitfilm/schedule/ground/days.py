"""Schedule a ground unit by the day: actors' day rates, holding, moves, calendar (CP-SAT).

The general case of talent scheduling, as a first AD boards it:

- scenes take whole or fractional shooting days and happen at a location;
- an actor is paid their day rate for every shooting day from their first scene to their last
  (holding); with the drop/pick-up rule an actor may be released between two of their scenes
  when the gap is at least ``drop_pickup_min_days`` shooting days (day-out-of-days: D, PW);
- every arrival of the unit at a location costs that location's move cost (the first included);
- the unit itself (crew, equipment) may cost a sum per shooting day up to the wrap, which is
  what stops the order from leaving days empty to let an actor go;
- a scene may have to come after others (precedence), and a location may be available on some
  shooting days only;
- shooting days are the calendar's working days; days off are skipped (nobody is paid for them).

The model is time-indexed: the time unit is the largest fraction of a day that divides every
duration, and each scene chooses one start unit. Paid units and locations are booleans per
unit, which keeps the drop/pick-up rule and the moves linear. Ground units are small (tens of
scenes over a few weeks), the size this formulation is comfortable with; the pure case is
better solved by :func:`orbitfilm.schedule.ground.solve_talent`.
"""

from __future__ import annotations

import datetime as dt
import math
import time
from dataclasses import dataclass, field
from fractions import Fraction

from ortools.sat.python import cp_model

from ...errors import InputError

MONEY_SCALE = 100  # costs are optimised in cents


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
    """A location; ``available_days`` are [first, last] shooting-day numbers (from 0), or all."""

    id: str
    move_cost: float = 0.0
    available_days: tuple[tuple[int, int], ...] | None = None


@dataclass(frozen=True)
class GroundCalendar:
    """The working calendar: the first shooting date, weekly days off and single days off."""

    start: dt.date
    weekly_days_off: tuple[int, ...] = (5, 6)  # Monday is 0: Saturday and Sunday off
    days_off: tuple[dt.date, ...] = ()

    def shooting_dates(self, count: int) -> list[dt.date]:
        """Return the dates of the first ``count`` shooting days."""
        if len(set(self.weekly_days_off)) >= 7:
            raise InputError("the calendar has no working weekday", field="weekly_days_off")
        dates, day, off = [], self.start, set(self.days_off)
        while len(dates) < count:
            if day.weekday() not in self.weekly_days_off and day not in off:
                dates.append(day)
            day += dt.timedelta(days=1)
        return dates


@dataclass(frozen=True)
class GroundProblem:
    """Everything the day scheduler needs, as plain data."""

    scenes: tuple[GroundScene, ...]
    actors: tuple[GroundActor, ...]
    locations: tuple[GroundLocation, ...] = ()
    precedences: tuple[tuple[str, str], ...] = ()  # (before, after) scene ids
    calendar: GroundCalendar = field(default_factory=lambda: GroundCalendar(dt.date(2021, 9, 1)))
    drop_pickup_min_days: float | None = None
    unit_day_cost: float = 0.0  # crew and equipment per shooting day, up to the wrap
    horizon_days: int | None = None


@dataclass(frozen=True)
class GroundResult:
    """The shooting order and days, with the cost split by actor and the moves."""

    status: str  # optimal, feasible, infeasible, unknown
    order: tuple[str, ...]
    start_days: dict[str, float]
    dates: dict[str, list[str]]
    shooting_days: int
    total_cost: float
    idle_cost: float
    actor_costs: dict[str, float]
    actor_paid_days: dict[str, float]
    move_cost: float
    runtime_s: float
    unit_cost: float = 0.0

    @property
    def optimal(self) -> bool:
        return self.status == "optimal"

    def to_dict(self) -> dict:
        """Return the plain form for JSON (the ``ground`` block of a schedule)."""
        return {"status": self.status, "optimal": self.optimal, "order": list(self.order),
                "start_days": dict(self.start_days), "dates": dict(self.dates),
                "shooting_days": self.shooting_days, "total_cost": self.total_cost,
                "idle_cost": self.idle_cost, "actor_costs": dict(self.actor_costs),
                "actor_paid_days": dict(self.actor_paid_days), "move_cost": self.move_cost,
                "unit_cost": self.unit_cost,
                "runtime_s": round(self.runtime_s, 6)}


def schedule_ground_days(problem: GroundProblem, time_limit_s: float = 30.0) -> GroundResult:
    """Find the cheapest shooting order and days of the ground scenes."""
    started = time.perf_counter()
    _check(problem)
    builder = _DayModel(problem)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = float(time_limit_s)
    solver.parameters.num_workers = 2  # the machines this runs on have two cores
    code = solver.Solve(builder.model)
    status = {cp_model.OPTIMAL: "optimal", cp_model.FEASIBLE: "feasible",
              cp_model.INFEASIBLE: "infeasible"}.get(code, "unknown")
    if status in ("infeasible", "unknown"):
        return GroundResult(status, (), {}, {}, 0, 0.0, 0.0, {}, {}, 0.0,
                            time.perf_counter() - started)
    return builder.result(solver, status, time.perf_counter() - started)


def _check(problem: GroundProblem) -> None:
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


class _DayModel:
    """The time-indexed CP-SAT model; one method per family of constraints."""

    def __init__(self, problem: GroundProblem):
        self.problem = problem
        self.model = cp_model.CpModel()
        self.units_per_day = math.lcm(*(Fraction(str(s.duration_days)).limit_denominator(96)
                                        .denominator for s in problem.scenes)) or 1
        self.length = [round(s.duration_days * self.units_per_day) for s in problem.scenes]
        self.horizon = self._horizon_units()
        self._scene_starts()
        self._one_scene_at_a_time()
        self._precedences()
        self._actor_holding()
        self._location_moves()
        self._unit_days()
        self.model.Minimize(sum(self.cost_terms))

    def _horizon_units(self) -> int:
        """Sum of durations, stretched to the last available day of any location used."""
        days = self.problem.horizon_days
        if days is None:
            total = sum(self.length)
            ends = [last + 1 for loc in self.problem.locations if loc.available_days
                    for _, last in loc.available_days]
            days = max([math.ceil(total / self.units_per_day)] + ends) + 1
        return int(days) * self.units_per_day

    def _scene_starts(self) -> None:
        """Each scene starts at exactly one unit inside one of its location's windows."""
        windows = {loc.id: loc.available_days for loc in self.problem.locations}
        self.starts, self.occupies = [], []
        for s, scene in enumerate(self.problem.scenes):
            allowed = self._allowed_starts(windows.get(scene.location), self.length[s])
            if not allowed:
                raise InputError(f"scene {scene.id} fits in no available day of "
                                 f"{scene.location}", field="available_days")
            chosen = {t: self.model.NewBoolVar(f"start_{s}_{t}") for t in allowed}
            self.model.AddExactlyOne(chosen.values())
            self.starts.append(chosen)
            self.occupies.append(self._occupancy(chosen, self.length[s]))

    def _allowed_starts(self, windows, length: int) -> list[int]:
        upd = self.units_per_day
        if not windows:
            return list(range(self.horizon - length + 1))
        return sorted({t for first, last in windows
                       for t in range(first * upd, (last + 1) * upd - length + 1)
                       if 0 <= t <= self.horizon - length})

    def _occupancy(self, chosen: dict, length: int) -> list:
        """Return per unit the sum of start booleans that put the scene on that unit."""
        cover = [[] for _ in range(self.horizon)]
        for t, var in chosen.items():
            for u in range(t, t + length):
                cover[u].append(var)
        return cover

    def _one_scene_at_a_time(self) -> None:
        """One unit shoots one scene at a time."""
        for u in range(self.horizon):
            terms = [v for cover in self.occupies for v in cover[u]]
            if len(terms) > 1:
                self.model.AddAtMostOne(terms)

    def _start_expr(self, s: int):
        return sum(t * v for t, v in self.starts[s].items())

    def _precedences(self) -> None:
        """A scene named after another starts once the other has ended."""
        index = {scene.id: s for s, scene in enumerate(self.problem.scenes)}
        for before, after in self.problem.precedences:
            b, a = index[before], index[after]
            self.model.Add(self._start_expr(a) >= self._start_expr(b) + self.length[b])

    def _actor_holding(self) -> None:
        """Pay each actor from first to last scene, except gaps they may be dropped for."""
        self.cost_terms, self.paid = [], {}
        rate_of = {a.name: a.day_rate for a in self.problem.actors}
        drop_units = (None if self.problem.drop_pickup_min_days is None
                      else math.ceil(self.problem.drop_pickup_min_days * self.units_per_day))
        for name, rate in rate_of.items():
            scenes = [s for s, sc in enumerate(self.problem.scenes) if name in sc.actors]
            if not scenes or rate == 0:
                continue
            works = [sum(v for s in scenes for v in self.occupies[s][u])
                     for u in range(self.horizon)]
            paid = [self.model.NewBoolVar(f"paid_{name}_{u}") for u in range(self.horizon)]
            for u in range(self.horizon):
                self.model.Add(paid[u] >= works[u])
            self._hold_between(paid, drop_units)
            self.paid[name] = paid
            self.cost_terms.append(round(rate * MONEY_SCALE) * sum(paid))

    def _hold_between(self, paid, drop_units) -> None:
        """Forbid an unpaid stretch between two paid units unless it may be a drop.

        Without the rule every gap is paid: the paid units are contiguous. With it, once an
        actor is released after unit u, they are not paid again before ``drop_units`` unpaid
        units have passed.
        """
        horizon = len(paid)
        if drop_units is None:
            stopped = [self.model.NewBoolVar("") for _ in range(horizon)]
            self.model.Add(stopped[0] == 0)
            for u in range(1, horizon):
                self.model.AddImplication(stopped[u - 1], stopped[u])
                self.model.Add(paid[u - 1] - paid[u] <= stopped[u])
                self.model.AddImplication(stopped[u], paid[u].Not())
            return
        for u in range(horizon - 2):
            for v in range(u + 2, min(u + drop_units, horizon - 1) + 1):
                self.model.Add(paid[u] - paid[u + 1] + paid[v] <= 1)

    def _location_moves(self) -> None:
        """Charge each location's move cost whenever the unit arrives there."""
        locations = [loc for loc in self.problem.locations if loc.move_cost]
        self.arrivals = {}
        if not locations:
            return
        at = {loc.id: [self.model.NewBoolVar("") for _ in range(self.horizon)]
              for loc in self.problem.locations}
        for u in range(self.horizon):
            self.model.AddExactlyOne(at[loc][u] for loc in at)
        for s, scene in enumerate(self.problem.scenes):
            for u in range(self.horizon):
                for v in self.occupies[s][u]:
                    self.model.AddImplication(v, at[scene.location][u])
        for loc in locations:
            arrive = [self.model.NewBoolVar("") for _ in range(self.horizon)]
            self.model.Add(arrive[0] >= at[loc.id][0])
            for u in range(1, self.horizon):
                self.model.Add(arrive[u] >= at[loc.id][u] - at[loc.id][u - 1])
            self.arrivals[loc.id] = arrive
            # Terms are in cents per time unit: a whole sum counts units_per_day times.
            cents = round(loc.move_cost * MONEY_SCALE) * self.units_per_day
            self.cost_terms.append(cents * sum(arrive))

    def _unit_days(self) -> None:
        """Charge the unit's day cost for every unit up to the end of the last scene."""
        self.wrap = self.model.NewIntVar(0, self.horizon, "wrap")
        for s in range(len(self.problem.scenes)):
            self.model.Add(self.wrap >= self._start_expr(s) + self.length[s])
        if self.problem.unit_day_cost:
            self.cost_terms.append(round(self.problem.unit_day_cost * MONEY_SCALE) * self.wrap)

    def result(self, solver, status: str, runtime_s: float) -> GroundResult:
        """Read the solution back into plain data, pricing it from the values themselves."""
        problem, upd = self.problem, self.units_per_day
        start_unit = {sc.id: next(t for t, v in self.starts[s].items() if solver.Value(v))
                      for s, sc in enumerate(problem.scenes)}
        order = tuple(sorted(start_unit, key=start_unit.get))
        length = {sc.id: self.length[s] for s, sc in enumerate(problem.scenes)}
        last_unit = max(start_unit[i] + length[i] for i in order)
        dates = problem.calendar.shooting_dates(math.ceil(last_unit / upd))
        paid_days = {name: sum(solver.Value(p) for p in paid) / upd
                     for name, paid in self.paid.items()}
        rate_of = {a.name: a.day_rate for a in problem.actors}
        actor_costs = {name: _tidy(rate_of[name] * days) for name, days in paid_days.items()}
        on_scene = sum(rate_of[a] * sc.duration_days for sc in problem.scenes for a in sc.actors)
        moves = sum(loc.move_cost * sum(solver.Value(v) for v in self.arrivals[loc.id])
                    for loc in problem.locations if loc.id in self.arrivals)
        actor_total = sum(actor_costs.values())
        unit_cost = problem.unit_day_cost * last_unit / upd
        return GroundResult(
            status=status, order=order,
            start_days={i: _tidy(start_unit[i] / upd) for i in order},
            dates={i: sorted({dates[u // upd].isoformat()
                              for u in range(start_unit[i], start_unit[i] + length[i])})
                   for i in order},
            shooting_days=len(dates), total_cost=_tidy(actor_total + moves + unit_cost),
            idle_cost=_tidy(actor_total - on_scene), actor_costs=actor_costs,
            actor_paid_days={k: _tidy(v) for k, v in paid_days.items()},
            move_cost=_tidy(moves), runtime_s=runtime_s, unit_cost=_tidy(unit_cost))


def _tidy(value: float) -> float | int:
    rounded = round(float(value), 9)
    return int(rounded) if rounded.is_integer() else rounded
