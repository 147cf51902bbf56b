"""The ground unit's days in OR-Tools CP-SAT: the general case of talent scheduling.

What a first AD boards on the ground:

- scenes take whole or fractional shooting days and happen at a location in a place;
- an actor is paid their day rate for every shooting day from their first scene to their last
  (holding); with the drop/pick-up rule an actor may be released between two of their scenes
  when the gap is at least ``drop_pickup_min_days`` shooting days (day-out-of-days: D, PW);
- every arrival of the unit at a location costs that location's move cost (the first included);
- a shooting day holds one place, and going to another place is a journey: its cost, and
  travel days on which nothing is shot (paid to whoever is held);
- the unit itself (crew, equipment) may cost a sum per shooting day up to the wrap, which is
  what stops the order from leaving days empty to let an actor go;
- a scene may have to come after others (precedence), and a location may be available on some
  shooting days only;
- shooting days are the calendar's working days; days off are skipped (nobody is paid for them).

Ground units are small (tens of scenes over a few weeks), the size this time-indexed
formulation is comfortable with; the pure case is better solved by
:func:`orbitfilm.schedule.ground.solve_talent`.
"""

from __future__ import annotations

import math
import time
from fractions import Fraction

from ortools.sat.python import cp_model

from ... import deadline
from ...errors import InputError
from .problem import GroundProblem, GroundSchedule, Travel, check_problem, tidy

MONEY_SCALE = 100  # costs are optimised in cents


class GroundModel:
    """The time-indexed CP-SAT model of a ``GroundProblem``, built in one visible order.

    The time unit is the largest fraction of a day that divides every duration; each scene
    chooses one start unit. Paid units, locations and places are booleans per unit or day,
    which keeps holding, the drop/pick-up rule, moves and journeys linear.
    """

    def __init__(self, problem: GroundProblem):
        self.problem = problem
        self.model = cp_model.CpModel()
        self.units_per_day = math.lcm(*(Fraction(str(s.duration_days)).limit_denominator(96)
                                        .denominator for s in problem.scenes)) or 1
        self.length = [round(s.duration_days * self.units_per_day) for s in problem.scenes]
        self.horizon = self._horizon_units()
        self.cost_terms: list = []
        self._scene_starts()
        self._one_scene_at_a_time()
        self._precedences()
        self._actor_holding()
        self._location_moves()
        self._journeys()
        self._unit_days()
        self._objective()

    def _horizon_units(self) -> int:
        """Sum of durations, of a free part of a day and a journey per visit to a place,
        stretched to the last available day of any location used."""
        days = self.problem.horizon_days
        if days is None:
            places = self.problem.places()
            # Each visit to a place may leave part of its last day free and then travel:
            # with several places, as many visits as scenes.
            visits = len(self.length) if len(places) > 1 else 0
            total = sum(self.length) + self.units_per_day * visits * (1 + max(
                [self.problem.journey(p, q).days for p in places for q in places] or [0]))
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
        self.paid = {}
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

    def _journeys(self) -> None:
        """A shooting day holds one place; going to another place takes its travel days.

        ``where[p][d]`` says the unit is at (or on its way to) place ``p`` on day ``d``; a
        day at a place holds only that place's scenes; arriving at a new place on day ``d``
        costs the journey, and its travel days from ``d`` on hold no scene.
        """
        places = self.problem.places()
        self.arrivals_by_pair: dict[tuple[str, str], list] = {}
        if len(places) <= 1:
            return
        upd, days = self.units_per_day, self.horizon // self.units_per_day
        where = {p: [self.model.NewBoolVar(f"where[{p},{d}]") for d in range(days)]
                 for p in places}
        for d in range(days):
            self.model.AddExactlyOne(where[p][d] for p in places)
        for s, scene in enumerate(self.problem.scenes):
            place = self.problem.place_of(scene.location)
            for u in range(self.horizon):
                for v in self.occupies[s][u]:
                    self.model.AddImplication(v, where[place][u // upd])
        for p in places:
            for q in places:
                journey = self.problem.journey(p, q)
                if p == q or journey.days == 0 and journey.cost == 0:
                    continue
                self.arrivals_by_pair[(p, q)] = self._arrivals(where[p], where[q], journey)

    def _arrivals(self, here: list, there: list, journey) -> list:
        """Return the literal of arriving at ``there`` from ``here`` on each day, and keep the
        journey's travel days free of scenes."""
        upd, arrive = self.units_per_day, [None]
        for d in range(1, len(here)):
            literal = self.model.NewBoolVar("")
            self.model.Add(literal >= here[d - 1] + there[d] - 1)
            for j in range(d, min(d + journey.days, len(here))):
                busy = [v for cover in self.occupies for u in range(j * upd, (j + 1) * upd)
                        for v in cover[u]]
                if busy:
                    self.model.Add(sum(busy) <= upd * (1 - literal))
            arrive.append(literal)
        cents = round(journey.cost * MONEY_SCALE) * upd
        if cents:
            self.cost_terms.append(cents * sum(arrive[1:]))
        return arrive

    def _unit_days(self) -> None:
        """Charge the unit's day cost for every unit from the first scene to the wrap."""
        self.wrap = self.model.NewIntVar(0, self.horizon, "wrap")
        self.first = self.model.NewIntVar(0, self.horizon, "first")
        for s in range(len(self.problem.scenes)):
            self.model.Add(self.wrap >= self._start_expr(s) + self.length[s])
            self.model.Add(self.first <= self._start_expr(s))
        if self.problem.unit_day_cost:
            self.cost_terms.append(round(self.problem.unit_day_cost * MONEY_SCALE)
                                   * (self.wrap - self.first))

    def _objective(self) -> None:
        """Minimise the cost; among schedules of equal cost, take the latest starts (a
        calendar that ends before a launch) or the earliest, so a solve has one answer.

        The cost is scaled past the largest the tie-break can be, so the tie-break never
        buys a cent: a proven optimum of this objective is a proven least cost.
        """
        n = len(self.problem.scenes)
        span = n * self.horizon
        starts = sum(self._start_expr(s) for s in range(n))
        self.model.Minimize((span + 1) * sum(self.cost_terms)
                            + (span - starts if self.problem.late else starts))

    def result(self, solver, status: str, runtime_s: float) -> GroundSchedule:
        """Read the solution back into plain data, pricing it from the values themselves."""
        problem, upd = self.problem, self.units_per_day
        start_unit = {sc.id: next(t for t, v in self.starts[s].items() if solver.Value(v))
                      for s, sc in enumerate(problem.scenes)}
        order = tuple(sorted(start_unit, key=start_unit.get))
        length = {sc.id: self.length[s] for s, sc in enumerate(problem.scenes)}
        last_unit = max(start_unit[i] + length[i] for i in order)
        first_day = min(start_unit.values()) // upd
        dates = problem.calendar.shooting_dates(math.ceil(last_unit / upd))
        paid_days = {name: sum(solver.Value(p) for p in paid) / upd
                     for name, paid in self.paid.items()}
        rate_of = {a.name: a.day_rate for a in problem.actors}
        actor_costs = {name: tidy(rate_of[name] * days) for name, days in paid_days.items()}
        on_scene = sum(rate_of[a] * sc.duration_days for sc in problem.scenes for a in sc.actors)
        moves = sum(loc.move_cost * sum(solver.Value(v) for v in self.arrivals[loc.id])
                    for loc in problem.locations if loc.id in self.arrivals)
        travel = self._travel(solver, dates)
        travel_cost = sum(t.cost for t in travel)
        actor_total = sum(actor_costs.values())
        unit_cost = problem.unit_day_cost * (last_unit - min(start_unit.values())) / upd
        return GroundSchedule(
            status=status, method="cp-sat days", order=order,
            start_days={i: tidy(start_unit[i] / upd) for i in order},
            dates={i: sorted({dates[u // upd].isoformat()
                              for u in range(start_unit[i], start_unit[i] + length[i])})
                   for i in order},
            shooting_days=len(dates) - first_day,
            total_cost=tidy(actor_total + moves + travel_cost + unit_cost),
            idle_cost=tidy(actor_total - on_scene), actor_costs=actor_costs,
            actor_paid_days={k: tidy(v) for k, v in paid_days.items()},
            move_cost=tidy(moves), runtime_s=runtime_s, travel=travel,
            travel_cost=tidy(travel_cost), unit_cost=tidy(unit_cost))

    def _travel(self, solver, dates) -> tuple[Travel, ...]:
        """Return the journeys taken before the last scene, with their travel days' dates."""
        found = []
        for (p, q), arrive in self.arrivals_by_pair.items():
            journey = self.problem.journey(p, q)
            for d, literal in enumerate(arrive):
                if literal is not None and d < len(dates) and solver.Value(literal):
                    days = tuple(date.isoformat() for date in dates[d:d + journey.days])
                    found.append(Travel(days, p, q, tidy(journey.cost)))
        return tuple(sorted(found, key=lambda t: t.dates))


def solve_ground_days(problem: GroundProblem, time_limit_s: float = 30.0,
                      deterministic: bool = False) -> GroundSchedule:
    """Find the cheapest shooting order and days of the ground scenes (CP-SAT).

    ``deterministic`` limits the solve by CP-SAT's deterministic time with its workers
    interleaved, so that the same problem gives the same days on any machine (unless the
    command's deadline cuts it: ``orbitfilm.deadline``).
    """
    started = time.perf_counter()
    check_problem(problem)
    built = GroundModel(problem)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 2  # the machines this runs on have two cores
    if deterministic:
        solver.parameters.max_deterministic_time = float(time_limit_s)
        solver.parameters.interleave_search = True
    else:
        solver.parameters.max_time_in_seconds = float(time_limit_s)
    code = deadline.solve(solver, built.model)
    status = {cp_model.OPTIMAL: "optimal", cp_model.FEASIBLE: "feasible",
              cp_model.INFEASIBLE: "infeasible"}.get(code, "unknown")
    if status in ("infeasible", "unknown"):
        return GroundSchedule(status, "cp-sat days", (), {}, {}, 0, 0.0, 0.0, {}, 0.0,
                              time.perf_counter() - started)
    return built.result(solver, status, time.perf_counter() - started)
