"""The orbital shooting model in OR-Tools CP-SAT: the only module that imports ortools for it.

``OrbitalModel`` builds one short method per constraint family, called in one explicit order
(``FAMILIES``); each method's docstring states its rule. Every piece of a scene is an
optional interval; which camera unit shoots it is an alternative; where it may go comes
from its candidate windows: the start's domain for a scene shot whole (one literal per GMT
day, where daily limits count), one literal per window for a piece of variable length.
Kit moves are the arcs of a circuit through each unit's pieces. ``blocks=True`` restricts
the model to one module per free stretch of a unit, for the search of large productions.
``solve`` runs the model with progress, a seed, a time limit and Ctrl-C, and returns a
plain ``Outcome``.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Callable

from ortools.sat.python import cp_model
from ortools.util.python.sorted_interval_list import Domain

from .problem import Placement, Problem, SolveOptions, Task, Window, evaluate


@dataclass
class Alternative:
    """One camera unit shooting one piece: its literal, its interval, its days."""

    unit: str
    literal: object
    interval: object
    day_literals: dict[int, object] = field(default_factory=dict)
    window_literals: list[tuple[Window, object]] = field(default_factory=list)
    length: object = None


@dataclass
class Piece:
    """One piece of a scene: presence, shoot start, length and end, and its alternatives."""

    task: Task
    index: int
    present: object
    start: object
    length: object
    end: object
    interval: object
    alternatives: list[Alternative] = field(default_factory=list)
    # Minutes this piece shoots on each GMT day (for daily limits), filled when needed.
    minutes_by_day: dict[int, object] = field(default_factory=dict)


@dataclass
class Outcome:
    """What a solve gave: status, objective, bound, time, and the pieces placed."""

    status: str
    objective: float | None
    bound: float | None
    runtime_s: float
    placements: list[Placement]
    first_solution_s: float | None = None
    solutions: int = 0
    exact_moves: bool = True


# Up to this many pieces per camera unit, kit moves are a circuit over all of them; beyond,
# its quadratic number of arcs slows the search, and two phases (see ``solve``) do better.
CIRCUIT_PIECES = 16

STATUS = {cp_model.OPTIMAL: "optimal", cp_model.FEASIBLE: "feasible",
          cp_model.INFEASIBLE: "infeasible", cp_model.MODEL_INVALID: "unknown",
          cp_model.UNKNOWN: "unknown"}


class OrbitalModel:
    """The CP-SAT model of a ``Problem``; ``precedence_literals`` makes each ``after`` optional.

    With ``precedence_literals``, each ``after`` edge holds only under its own literal (for
    infeasibility cores); ``force`` and ``fix`` literals can be made for assumptions.
    """

    FAMILIES = ("_pieces_in_windows", "_settle", "_one_module_per_stretch", "_camera_units",
                "_one_scene_per_location", "_no_person_twice", "_daily_film_limits",
                "_precedence", "_objective")

    def __init__(self, problem: Problem, *, precedence_literals: bool = False,
                 circuit_pieces: int | None = None,
                 settled: dict[tuple[str, int], tuple[str, int]] | None = None,
                 blocks: bool = False):
        self.problem = problem
        self.circuit_pieces = CIRCUIT_PIECES if circuit_pieces is None else circuit_pieces
        self.settled = settled
        self.blocks = blocks
        # With ``blocks``: the literals placing a piece in a unit's free stretch, by stretch
        # (unit, start minute) and module.
        self.in_stretch: dict[tuple[str, int], dict[str, list]] = defaultdict(
            lambda: defaultdict(list))
        self.exact_moves = True
        self.model = cp_model.CpModel()
        self.precedence_literals = precedence_literals
        self.present: dict[str, object] = {}
        self.pieces: dict[str, list[Piece]] = {}
        self.edges: dict[tuple[str, str], object] = {}
        self.terms: dict[str, object] = {}
        self.moves: list[object] = []
        self._ancestors = {task.id: set(problem.ancestors(task.id))
                           for task in problem.tasks if task.after}
        for family in self.FAMILIES:
            getattr(self, family)()

    # -- variables and windows ---------------------------------------------------------------
    def _pieces_in_windows(self) -> None:
        """Each piece of a scene lies inside one of its windows, set-up room included.

        A scene is shot whole or not at all; a splittable one in up to ``max_pieces``
        ordered pieces, each at least ``min_piece_min``, adding up to ``shoot_min``.
        """
        for task in self.problem.tasks:
            present = self.model.NewBoolVar(f"shot[{task.id}]")
            self.present[task.id] = present
            if not task.has_windows:
                self.model.Add(present == 0)
            maker = self._whole_piece if task.max_pieces == 1 else self._split_pieces
            self.pieces[task.id] = maker(task, present)

    def _whole_piece(self, task: Task, present) -> list[Piece]:
        """Make the one piece of a scene shot whole: its start domain is its windows."""
        options = [(option.unit, self._start_ranges(task, option.windows, task.shoot_min))
                   for option in task.options if option.windows]
        ranges = [r for _, by_key in options for key_ranges in by_key.values() for r in key_ranges]
        # Plain bounds here, the windows under the day literals: a start domain of hundreds
        # of intervals makes every kit-move arc slow to presolve.
        start = self.model.NewIntVar(min((r[0] for r in ranges), default=0),
                                     max((r[1] for r in ranges), default=0), f"start[{task.id}]")
        end = start + task.shoot_min
        interval = self.model.NewOptionalFixedSizeIntervalVar(start, task.shoot_min, present,
                                                              f"shoot[{task.id}]")
        piece = Piece(task, 0, present, start, task.shoot_min, end, interval)
        literals = self._alternative_literals(present, [unit for unit, _ in options], task.id)
        for (unit, by_key), literal in zip(options, literals):
            alternative = self._unit_interval(task, unit, literal, start, task.shoot_min, end)
            chosen = self._day_literals(start, by_key, literal, task.id)
            alternative.day_literals = self._by_day(unit, task, chosen) if self.blocks else chosen
            piece.alternatives.append(alternative)
            for day, day_literal in alternative.day_literals.items():
                piece.minutes_by_day[day] = piece.minutes_by_day.get(day, 0) + \
                    task.shoot_min * day_literal
        return [piece]

    def _start_ranges(self, task: Task, windows, length_min: int) -> dict:
        """Return the shoot starts each window allows, by GMT day (with ``blocks``, by GMT day
        and the start of the unit's free stretch)."""
        by_key: dict = defaultdict(list)
        for window in windows:
            first = window.earliest_shoot_min(task.setup_min)
            if first + length_min <= window.end_min:
                key = (window.day, window.setup_from_min) if self.blocks else window.day
                by_key[key].append([first, window.end_min - length_min])
        return by_key

    def _by_day(self, unit: str, task: Task, chosen: dict) -> dict[int, object]:
        """Record stretch literals for the blocks; return their sums by GMT day."""
        by_day: dict[int, list] = defaultdict(list)
        for (day, stretch_min), literal in chosen.items():
            self.in_stretch[(unit, stretch_min)][task.location].append(literal)
            by_day[day].append(literal)
        return {day: literals[0] if len(literals) == 1 else sum(literals)
                for day, literals in by_day.items()}

    def _alternative_literals(self, present, units: list[str], name: str) -> list:
        """Return one literal per camera unit that may shoot a piece; exactly one if present."""
        if not units:
            self.model.Add(present == 0)
            return []
        if len(units) == 1:
            return [present]
        literals = [self.model.NewBoolVar(f"unit[{name},{unit}]") for unit in units]
        self.model.Add(sum(literals) == present)
        return literals

    def _unit_interval(self, task: Task, unit: str, literal, start, length, end) -> Alternative:
        """Return the alternative of a unit: its set-up and shooting as one optional interval."""
        interval = self.model.NewOptionalIntervalVar(start - task.setup_min,
                                                     length + task.setup_min, end, literal,
                                                     f"unit[{task.id},{unit}]")
        return Alternative(unit, literal, interval)

    def _day_literals(self, start, by_day: dict, literal, name: str) -> dict[int, object]:
        """Return a literal per GMT day; each confines the start to that day's windows."""
        if len(by_day) == 1:
            day, ranges = next(iter(by_day.items()))
            self.model.AddLinearExpressionInDomain(start, Domain.FromIntervals(ranges)) \
                .OnlyEnforceIf(literal)
            return {day: literal}
        days = {}
        for day, ranges in sorted(by_day.items()):
            days[day] = self.model.NewBoolVar(f"day[{name},{day}]")
            self.model.AddLinearExpressionInDomain(start, Domain.FromIntervals(ranges)) \
                .OnlyEnforceIf(days[day])
        self.model.Add(sum(days.values()) == literal)
        return days

    def _split_pieces(self, task: Task, present) -> list[Piece]:
        """Make the ordered pieces of a splittable scene; together they shoot it all."""
        pieces = []
        for index in range(task.max_pieces):
            piece_present = present if index == 0 else self.model.NewBoolVar(
                f"piece[{task.id},{index}]")
            pieces.append(self._split_piece(task, index, piece_present))
            if index:
                self.model.AddImplication(piece_present, pieces[index - 1].present)
                self.model.Add(pieces[index].start >= pieces[index - 1].end) \
                    .OnlyEnforceIf(piece_present)
        self.model.Add(sum(piece.length for piece in pieces) == task.shoot_min * present)
        return pieces

    def _split_piece(self, task: Task, index: int, present) -> Piece:
        """Make one piece of variable length, placed in one window by a literal per window."""
        name = f"{task.id},{index}"
        horizon = self.problem.horizon_min
        start = self.model.NewIntVar(0, horizon, f"start[{name}]")
        length = self.model.NewIntVar(0, task.shoot_min, f"length[{name}]")
        end = self.model.NewIntVar(0, horizon, f"end[{name}]")
        self.model.Add(length >= task.min_piece_min).OnlyEnforceIf(present)
        self.model.Add(length == 0).OnlyEnforceIf(present.Not())
        interval = self.model.NewOptionalIntervalVar(start, length, end, present, f"shoot[{name}]")
        piece = Piece(task, index, present, start, length, end, interval)
        options = [option for option in task.options if option.windows]
        literals = self._alternative_literals(present, [o.unit for o in options], name)
        for option, literal in zip(options, literals):
            alt_length = length if len(options) == 1 else self._share(length, literal, task, name)
            alternative = self._unit_interval(task, option.unit, literal, start, length, end)
            alternative.length = alt_length
            alternative.window_literals = self._window_literals(task, option, start, end,
                                                                literal, name)
            piece.alternatives.append(alternative)
        self._split_days(piece)
        return piece

    def _share(self, length, literal, task: Task, name: str):
        """Return the piece's length when this unit shoots it, else 0."""
        share = self.model.NewIntVar(0, task.shoot_min, f"share[{name}]")
        self.model.Add(share == length).OnlyEnforceIf(literal)
        self.model.Add(share == 0).OnlyEnforceIf(literal.Not())
        return share

    def _window_literals(self, task: Task, option, start, end, literal, name: str) -> list:
        """Return (window, literal) pairs; the chosen window holds the set-up room and piece."""
        chosen = []
        for number, window in enumerate(option.windows):
            inside = self.model.NewBoolVar(f"window[{name},{number}]")
            self.model.Add(start >= window.earliest_shoot_min(task.setup_min)).OnlyEnforceIf(inside)
            self.model.Add(end <= window.end_min).OnlyEnforceIf(inside)
            chosen.append((window, inside))
            if self.blocks:
                self.in_stretch[(option.unit, window.setup_from_min)][task.location].append(inside)
        self.model.Add(sum(inside for _, inside in chosen) == literal)
        return chosen

    def _split_days(self, piece: Piece) -> None:
        """Tie a piece's day literals to its windows and, for daily limits, its minutes."""
        by_day: dict[int, list] = defaultdict(list)
        for alternative in piece.alternatives:
            for window, inside in alternative.window_literals:
                by_day[window.day].append(inside)
        needs_minutes = any(p in self.problem.daily_limit_min for p in piece.task.cast)
        for day, literals in by_day.items():
            on_day = sum(literals)
            for alternative in piece.alternatives:
                alternative.day_literals[day] = on_day
            if needs_minutes:
                minutes = self.model.NewIntVar(0, piece.task.shoot_min, f"minutes[{day}]")
                self.model.Add(minutes <= piece.task.shoot_min * on_day)
                piece.minutes_by_day[day] = minutes
        if needs_minutes:
            self.model.Add(sum(piece.minutes_by_day.values()) == piece.length)

    def _settle(self) -> None:
        """In the second phase, each piece keeps the unit and GMT day the first phase chose.

        ``settled`` maps (scene, piece number) to (unit, day); a piece not in it is not shot.
        Only the order within each day, the times and so the kit moves remain to choose.
        """
        if self.settled is None:
            return
        for task_id, pieces in self.pieces.items():
            for piece in pieces:
                chosen = self.settled.get((task_id, piece.index))
                self.model.Add(piece.present == int(chosen is not None))
                for alt in piece.alternatives if chosen else ():
                    if len(piece.alternatives) > 1:
                        self.model.Add(alt.literal == int(alt.unit == chosen[0]))
                    for day, literal in alt.day_literals.items():
                        if day != chosen[1] or alt.unit != chosen[0]:
                            self.model.Add(literal == 0)

    def _one_module_per_stretch(self) -> None:
        """With ``blocks``, each free stretch of a camera unit is spent in one module.

        A restriction, not a rule of the production: it gives the search the shape a line
        producer's board has (see ``blocks``). Each block a unit enters, in a module its
        previous stretch did not use, counts as a kit move.
        """
        if not self.blocks:
            return
        by_unit: dict[str, list[tuple[int, dict[str, object]]]] = defaultdict(list)
        for (unit, stretch_min), by_module in self.in_stretch.items():
            used = {}
            for module, literals in by_module.items():
                used[module] = self.model.NewBoolVar(f"block[{unit},{stretch_min},{module}]")
                for literal in literals:
                    self.model.Add(used[module] >= literal)
            self.model.Add(sum(used.values()) <= 1)
            by_unit[unit].append((stretch_min, used))
        for stretches in by_unit.values():
            if len({module for _, used in stretches for module in used}) <= 1:
                continue
            before: dict[str, object] = {}
            for _, used in sorted(stretches, key=lambda s: s[0]):
                for module, literal in used.items():
                    entered = self.model.NewBoolVar("")
                    self.model.Add(entered >= literal - before.get(module, 0))
                    self.moves.append(entered)
                before = used

    # -- resources ---------------------------------------------------------------------------
    def _alternatives_of(self, unit: str) -> list[tuple[Piece, Alternative]]:
        return [(piece, alt) for pieces in self.pieces.values() for piece in pieces
                for alt in piece.alternatives if alt.unit == unit]

    def _camera_units(self) -> None:
        """Each camera unit does one thing at a time, and moving its kit takes the move time.

        Set-up and shooting take the unit; between shots in two modules it also needs
        ``move_min``. Up to ``CIRCUIT_PIECES`` pieces a unit's order is a circuit whose arcs
        between modules are the moves, counted exactly; beyond, the move time holds between
        any two shots in different modules and the moves are bounded below by the modules
        each day uses (``exact_moves`` is then False).
        """
        for unit in self.problem.unit_people:
            nodes = self._alternatives_of(unit)
            self.model.AddNoOverlap([alt.interval for _, alt in nodes])
            locations = {piece.task.location for piece, _ in nodes}
            if len(locations) <= 1:
                continue
            if self.settled is not None:
                self._unit_circuit(unit, [(p, a) for p, a in nodes
                                          if self.settled.get((p.task.id, p.index), ("",))[0]
                                          == unit])
            elif len(nodes) <= self.circuit_pieces and not self.blocks:
                self._unit_circuit(unit, nodes)
            else:
                self.exact_moves = False
                if not self._moves_between_stretches(unit, locations):
                    self._move_gaps(nodes, sorted(locations))
                if not self.blocks:
                    self.moves += self._moves_by_day(unit, nodes)

    def _moves_between_stretches(self, unit: str, locations) -> bool:
        """Return whether, in blocks, every move falls in a break long enough for it: then
        the move time needs no constraint of its own (and the model is lighter)."""
        if not self.blocks:
            return False
        stretches = self.problem.unit_free_min.get(unit, ())
        longest = max(self.problem.move_min(a, b) for a in locations for b in locations)
        return all(later[0] - earlier[1] >= longest
                   for earlier, later in zip(stretches, stretches[1:]))

    def _move_gaps(self, nodes: list[tuple[Piece, Alternative]], locations: list[str]) -> None:
        """Keep shots in different modules apart by the move time, one cumulative per module.

        In module L's cumulative, L's own shots take the whole capacity and every other shot,
        widened by the move time to L on both sides, takes one unit: so nothing widened
        overlaps a shot in L, while shots elsewhere may sit side by side.
        """
        for location in locations:
            own = [alt for piece, alt in nodes if piece.task.location == location]
            others = [(piece, alt) for piece, alt in nodes if piece.task.location != location]
            widened = [self._widened(piece, alt, self.problem.move_min(location,
                                                                       piece.task.location))
                       for piece, alt in others]
            widened = [w for w in widened if w is not None]
            if not own or not widened:
                continue
            capacity = len(widened)
            self.model.AddCumulative([alt.interval for alt in own] + widened,
                                     [capacity] * len(own) + [1] * len(widened), capacity)

    def _widened(self, piece: Piece, alt: Alternative, move_min: int):
        if not move_min:
            return None
        task = piece.task
        return self.model.NewOptionalIntervalVar(
            piece.start - task.setup_min - move_min, piece.length + task.setup_min + 2 * move_min,
            piece.end + move_min, alt.literal, "")

    def _moves_by_day(self, unit: str, nodes: list[tuple[Piece, Alternative]]) -> list:
        """Count at least one move for each module beyond the first that a day uses, and
        over the whole stay at least one for each module beyond the first the unit uses."""
        used: dict[int, dict[str, object]] = defaultdict(dict)
        for piece, alt in nodes:
            for day, literal in alt.day_literals.items():
                here = used[day].setdefault(piece.task.location, self.model.NewBoolVar(""))
                self.model.Add(here >= literal)
        by_days = []
        for day, modules in used.items():
            if len(modules) > 1:
                moves = self.model.NewIntVar(0, len(modules) - 1, f"moves[{unit},{day}]")
                self.model.Add(moves >= sum(modules.values()) - 1)
                by_days.append(moves)
        visited: dict[str, object] = {}
        for piece, alt in nodes:
            here = visited.setdefault(piece.task.location, self.model.NewBoolVar(""))
            self.model.Add(here >= alt.literal)
        # The two counts miss different moves (between days; within a day): the larger holds.
        moves = self.model.NewIntVar(0, len(nodes), f"moves[{unit}]")
        self.model.Add(moves >= sum(by_days))
        self.model.Add(moves >= sum(visited.values()) - 1)
        return [moves]

    def _unit_circuit(self, unit: str, nodes: list[tuple[Piece, Alternative]]) -> None:
        """Order a unit's pieces as a circuit from and back to a depot (node 0)."""
        moves = []
        arcs = [(0, 0, self.model.NewBoolVar(f"idle[{unit}]"))]
        for i, (piece, alt) in enumerate(nodes, start=1):
            arcs += [(0, i, self.model.NewBoolVar("")), (i, 0, self.model.NewBoolVar("")),
                     (i, i, alt.literal.Not())]
        bounds = [self._time_bounds(piece) for piece, _ in nodes]
        for i, (before, before_alt) in enumerate(nodes, start=1):
            for j, (after, after_alt) in enumerate(nodes, start=1):
                move_min = self.problem.move_min(before.task.location, after.task.location)
                if i == j or not self._may_follow(before, after, bounds[i - 1], bounds[j - 1],
                                                  move_min):
                    continue
                arc = self.model.NewBoolVar("")
                self.model.Add(after.start - after.task.setup_min >= before.end + move_min) \
                    .OnlyEnforceIf(arc)
                arcs.append((i, j, arc))
                if before.task.location != after.task.location:
                    moves.append(arc)
        self.model.AddCircuit(arcs)
        self.moves += moves
        return moves

    def _time_bounds(self, piece: Piece) -> tuple[int, int]:
        """Return the earliest end and the latest set-up start a piece's windows allow."""
        task = piece.task
        shortest = task.shoot_min if task.max_pieces == 1 else task.min_piece_min
        windows = [w for option in task.options for w in option.windows]
        if not windows:
            return self.problem.horizon_min, -1
        earliest_end = min(w.earliest_shoot_min(task.setup_min) for w in windows) + shortest
        latest_start = max(w.end_min for w in windows) - shortest - task.setup_min
        return earliest_end, latest_start

    def _may_follow(self, before: Piece, after: Piece, before_bounds, after_bounds,
                    move_min: int) -> bool:
        """Return whether ``after`` can come straight after ``before`` on one unit."""
        if before.task.id == after.task.id and after.index < before.index:
            return False
        if after.task.id in self._ancestors.get(before.task.id, ()):
            return False
        if self.settled is not None and not self._next_in_days(before, after):
            return False
        return after_bounds[1] >= before_bounds[0] + move_min

    def _next_in_days(self, before: Piece, after: Piece) -> bool:
        """Return whether, with days settled, ``after`` is on ``before``'s day or the next day
        its unit shoots."""
        unit, day = self.settled[(before.task.id, before.index)]
        after_day = self.settled[(after.task.id, after.index)][1]
        later = [d for u, d in self.settled.values() if u == unit and d > day]
        return after_day == day or (bool(later) and after_day == min(later))

    def _one_scene_per_location(self) -> None:
        """A location holds one scene at a time, set-up included (implied with one unit)."""
        if len(self.problem.unit_people) <= 1:
            return
        by_location: dict[str, list] = defaultdict(list)
        for pieces in self.pieces.values():
            for piece in pieces:
                by_location[piece.task.location] += [a.interval for a in piece.alternatives]
        for intervals in by_location.values():
            self.model.AddNoOverlap(intervals)

    def _no_person_twice(self) -> None:
        """Nobody is in two places at once: cast while shooting, unit people throughout.

        A person both in a scene's cast and in the unit that shoots it is held by the unit's
        interval; a person whose every interval is one unit's is covered by that unit already.
        """
        for person in self._people():
            intervals = []
            for pieces in self.pieces.values():
                for piece in pieces:
                    intervals += self._held(person, piece)
            own_unit = [u for u, people in self.problem.unit_people.items() if person in people]
            in_cast = any(person in task.cast for task in self.problem.tasks)
            if len(intervals) > 1 and (in_cast or len(own_unit) > 1):
                self.model.AddNoOverlap(intervals)

    def _people(self) -> list[str]:
        people = {p for task in self.problem.tasks for p in task.cast}
        people |= {p for crew in self.problem.unit_people.values() for p in crew}
        return sorted(people)

    def _held(self, person: str, piece: Piece) -> list:
        """Return the intervals in which a piece holds a person."""
        crews = self.problem.unit_people
        mine = [alt for alt in piece.alternatives if person in crews.get(alt.unit, ())]
        held = [alt.interval for alt in mine]
        if person not in piece.task.cast or len(mine) == len(piece.alternatives):
            return held
        if not mine:
            return held + [piece.interval]
        others = [alt.literal for alt in piece.alternatives if alt not in mine]
        in_front = self.model.NewBoolVar("")
        self.model.Add(sum(others) == in_front)
        return held + [self.model.NewOptionalIntervalVar(piece.start, piece.length, piece.end,
                                                         in_front, "")]

    def _daily_film_limits(self) -> None:
        """Nobody films more than their daily limit of minutes in one GMT day."""
        for person, limit_min in self.problem.daily_limit_min.items():
            by_day: dict[int, list] = defaultdict(list)
            for pieces in self.pieces.values():
                for piece in pieces:
                    if person in piece.task.cast:
                        for day, minutes in piece.minutes_by_day.items():
                            by_day[day].append((minutes, piece.task.shoot_min))
            for day, entries in by_day.items():
                # A day whose scenes cannot add up past the limit needs no constraint.
                if sum(most for _, most in entries) > limit_min:
                    self.model.Add(sum(minutes for minutes, _ in entries) <= limit_min)

    def _precedence(self) -> None:
        """A scene ``after`` another is shot only if that one is, and starts after it ends."""
        for task in self.problem.tasks:
            first = self.pieces[task.id][0]
            for other in task.after:
                if other not in self.present:
                    continue
                edge = self._edge(other, task.id)
                shot = self.present[task.id]
                self.model.AddBoolOr([edge.Not(), shot.Not(), self.present[other]])
                for piece in self.pieces[other]:
                    self.model.Add(first.start >= piece.end) \
                        .OnlyEnforceIf([edge, shot, piece.present])

    def _edge(self, before: str, after: str):
        literal = self.model.NewBoolVar(f"after[{before},{after}]")
        if not self.precedence_literals:
            self.model.Add(literal == 1)
        self.edges[(before, after)] = literal
        return literal

    # -- objective ---------------------------------------------------------------------------
    def _objective(self) -> None:
        """Minimise the weighted terms; a term whose weight is 0 is not built."""
        weights = self.problem.weights
        builders = {"left_out": self._left_out, "crew_minutes": self._crew_minutes,
                    "moves": self._moves, "finish": self._finish, "first_shot": self._first_shot,
                    "preferred_day": self._preferred_days, "sequence_day": self._sequences}
        weight_of = {"left_out": weights.left_out, "crew_minutes": weights.crew_minute,
                     "moves": weights.move, "finish": weights.finish_minute,
                     "first_shot": weights.first_shot_minute,
                     "preferred_day": weights.preferred_day, "sequence_day": weights.sequence_day}
        for name, build in builders.items():
            if weight_of[name]:
                self.terms[name] = weight_of[name] * build()
        self.model.Minimize(sum(self.terms.values()))

    def _left_out(self):
        # A scene with no window at all is no choice of the solver's: it is reported, not priced.
        return sum((task.priority + 1) * (1 - self.present[task.id])
                   for task in self.problem.tasks if task.has_windows)

    def _crew_minutes(self):
        crews = self.problem.unit_people
        total = 0
        for pieces in self.pieces.values():
            for piece in pieces:
                for alt in piece.alternatives:
                    unit = set(crews.get(alt.unit, ()))
                    length = piece.length if alt.length is None else alt.length
                    cast_only = len(set(piece.task.cast) - unit)
                    shoot = length if piece.task.max_pieces > 1 else length * alt.literal
                    total += (cast_only + len(unit)) * shoot + \
                        len(unit) * piece.task.setup_min * alt.literal
        return total

    def _moves(self):
        return sum(self.moves)

    def _finish(self):
        finish = self.model.NewIntVar(0, self.problem.horizon_min, "finish")
        for pieces in self.pieces.values():
            for piece in pieces:
                self.model.Add(finish >= piece.end).OnlyEnforceIf(piece.present)
        for unit, stretches in self.problem.unit_free_min.items():
            self._unit_energy(unit, stretches, finish)
        return finish

    @staticmethod
    def _work(piece: Piece, alt: Alternative):
        """Return the unit's minutes on a piece: set-up and shooting, 0 when not its own."""
        if piece.task.max_pieces == 1:
            return (piece.task.setup_min + piece.task.shoot_min) * alt.literal
        length = piece.length if alt.length is None else alt.length
        return piece.task.setup_min * alt.literal + length

    def _unit_energy(self, unit: str, stretches, finish) -> None:
        """Bound the finish by the unit's free time: its work must fit in the time before it.

        Redundant for feasibility, but it gives the search a bound on finishing early that
        interval reasoning alone finds only slowly.
        """
        work = sum(self._work(piece, alt) for piece, alt in self._alternatives_of(unit))
        free_before = 0
        for start, end in stretches:
            free_before += end - start
            early = self.model.NewBoolVar("")
            self.model.Add(work <= free_before).OnlyEnforceIf(early)
            self.model.Add(finish >= end + 1).OnlyEnforceIf(early.Not())

    def _first_shot(self):
        horizon = self.problem.horizon_min
        first = self.model.NewIntVar(0, horizon, "first_shot")
        starts = [pieces[0].start + horizon * (1 - pieces[0].present)
                  for pieces in self.pieces.values()]
        self.model.AddMinEquality(first, starts or [horizon])
        return first

    def _preferred_days(self):
        total = 0
        for task in self.problem.tasks:
            if not task.preferred_days:
                continue
            missed = self.model.NewBoolVar(f"missed[{task.id}]")
            for piece in self.pieces[task.id]:
                for alt in piece.alternatives:
                    for day, literal in alt.day_literals.items():
                        if day not in task.preferred_days:
                            self.model.Add(missed >= literal)
            total += missed
        return total

    def _sequences(self):
        groups: dict[str, list[Task]] = defaultdict(list)
        for task in self.problem.tasks:
            if task.sequence:
                groups[task.sequence].append(task)
        total = 0
        for name, members in groups.items():
            used: dict[int, object] = {}
            for task in members:
                for piece in self.pieces[task.id]:
                    for alt in piece.alternatives:
                        for day, literal in alt.day_literals.items():
                            used.setdefault(day, self.model.NewBoolVar(f"used[{name},{day}]"))
                            self.model.Add(used[day] >= literal)
            if len(members) > 1 and len(used) > 1:
                extra = self.model.NewIntVar(0, len(used), f"extra_days[{name}]")
                self.model.Add(extra >= sum(used.values()) - 1)
                total += extra
        return total

    # -- assumptions for explanations -------------------------------------------------------
    def force(self, task_id: str):
        """Return a literal that, assumed, makes a scene be shot."""
        literal = self.model.NewBoolVar(f"force[{task_id}]")
        self.model.AddImplication(literal, self.present[task_id])
        return literal

    def fix(self, placements: list[Placement]):
        """Return a literal that, assumed, holds a scene's pieces where they are placed."""
        task_id = placements[0].task_id
        literal = self.model.NewBoolVar(f"fix[{task_id}]")
        pieces = self.pieces[task_id]
        for piece, placement in zip(pieces, sorted(placements, key=lambda p: p.start_min)):
            self.model.AddImplication(literal, piece.present)
            self.model.Add(piece.start == placement.shoot_start_min).OnlyEnforceIf(literal)
            self.model.Add(piece.end == placement.end_min).OnlyEnforceIf(literal)
            for alt in piece.alternatives:
                if alt.unit == placement.unit and len(piece.alternatives) > 1:
                    self.model.AddImplication(literal, alt.literal)
        for piece in pieces[len(placements):]:
            self.model.AddImplication(literal, piece.present.Not())
        return literal

    # -- reading a solution ----------------------------------------------------------------------
    def placements(self, value: Callable) -> list[Placement]:
        """Return the pieces placed in a solution, read through ``value`` (a solver's Value)."""
        placed = []
        for task_id, pieces in self.pieces.items():
            for piece in pieces:
                if not value(piece.present):
                    continue
                unit = next(alt.unit for alt in piece.alternatives if value(alt.literal))
                start = int(value(piece.start))
                placed.append(Placement(task_id, unit, start - piece.task.setup_min, start,
                                        int(value(piece.end))))
        return sorted(placed, key=lambda p: (p.start_min, p.task_id))


# -- solving -----------------------------------------------------------------------------------

def parameters(solver: cp_model.CpSolver, options: SolveOptions) -> None:
    """Set the solver's parameters from the options.

    By default the workers race under a wall-clock limit: the best schedules, but two runs
    may stop at different ones. ``deterministic`` interleaves the workers in fixed batches
    and stops on CP-SAT's deterministic time instead, so that a seed and a number of workers
    give the same schedule every run (the wall clock, at 4x the limit, only guards a
    machine far slower than usual).
    """
    solver.parameters.num_workers = max(1, int(options.workers))
    solver.parameters.random_seed = int(options.seed)
    solver.parameters.max_time_in_seconds = float(options.time_limit_s)
    if options.deterministic:
        solver.parameters.interleave_search = True
        solver.parameters.max_deterministic_time = float(options.time_limit_s)
        solver.parameters.max_time_in_seconds = 4.0 * float(options.time_limit_s)
    # Probing in presolve costs seconds on the kit-move constraints and finds little there.
    solver.parameters.cp_model_probing_level = 0
    solver.parameters.catch_sigint_signal = options.catch_interrupt
    solver.parameters.log_search_progress = options.log


class _Progress(cp_model.CpSolverSolutionCallback):
    """Report each better solution (objective, bound, seconds since ``started``) and remember
    when the first came."""

    def __init__(self, report: Callable[[dict], None] | None, started: float | None = None,
                 bound_floor: float | None = None):
        super().__init__()
        self.report = report
        self.bound_floor = bound_floor
        self.started = time.monotonic() if started is None else started
        self.first_s: float | None = None
        self.count = 0

    def on_solution_callback(self) -> None:
        elapsed = time.monotonic() - self.started
        self.count += 1
        if self.first_s is None:
            self.first_s = elapsed
        if self.report:
            bound = self.BestObjectiveBound()
            if self.bound_floor is not None:
                bound = max(bound, self.bound_floor)
            self.report({"objective": self.ObjectiveValue(), "bound": bound,
                         "seconds": elapsed, "solutions": self.count})


# With the kit moves only bounded below in the first phase, it gets this share of the time
# and a second phase, the days settled, counts the moves exactly in the rest.
FIRST_PHASE_SHARE = 0.7
# Beyond this many pieces the full portfolio's bound comes from its linear relaxation within
# about a second and then stays put (200 scenes), while below it the search keeps raising
# it (the Challenge's 34 scenes). So a large model runs the full portfolio only for
# ``BOUND_PHASE_SHARE`` of a longer first phase, then gives both workers to
# large-neighbourhood search alone in blocks of one module per free stretch (``blocks``),
# which at 200 scenes finds schedules with a third of the kit moves that end a day
# earlier: a gap of 0.9% where neighbourhood search on the whole model gave 1.8-2.0% and
# the full portfolio 2.3-2.7% (bench/schedule.py). The settled phase keeps the last 5%.
SEARCH_ONLY_PIECES = 150
LARGE_FIRST_PHASE_SHARE = 0.95
BOUND_PHASE_SHARE = 0.05


@dataclass
class _Run:
    status: str
    objective: float | None
    bound: float | None
    placements: list[Placement]
    stopped_early: bool
    first_solution_s: float | None
    solutions: int


def _run(built: OrbitalModel, options: SolveOptions, progress, hint, bounds: bool,
         started: float, lns_only: bool = False, bound_floor: float | None = None) -> _Run:
    """Solve one model; ``bounds`` passes the solver's bounds on to ``progress``.

    ``lns_only`` improves the hint by large-neighbourhood search alone; the bound it
    reports is then only ``bound_floor``, one proven before.
    """
    if hint:
        add_hint(built, hint)
    solver = cp_model.CpSolver()
    parameters(solver, options)
    solver.parameters.use_lns_only = lns_only
    callback = _Progress(progress, started, bound_floor)
    if progress and bounds:
        solver.best_bound_callback = lambda bound: progress({"bound": bound})
    status = solver.Solve(built.model, callback)
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    limit_s = solver.parameters.max_time_in_seconds
    limit_d = solver.parameters.max_deterministic_time
    # Stopped before its limits without a proof: Ctrl-C.
    stopped = status != cp_model.OPTIMAL and solver.WallTime() < 0.95 * limit_s and \
        solver.ResponseProto().deterministic_time < 0.95 * limit_d
    return _Run(STATUS.get(status, "unknown"), solver.ObjectiveValue() if found else None,
                solver.BestObjectiveBound() if status != cp_model.INFEASIBLE else None,
                built.placements(solver.Value) if found else [], stopped, callback.first_s,
                callback.count)


def _improve(problem: Problem, options: SolveOptions, first: _Run, progress, started: float,
             large: bool) -> _Run:
    """Improve the first schedule: for a large model by a search in blocks, then for any
    with the days settled."""
    def until(share: float, fixed_s: float) -> SolveOptions:
        # A deterministic run counts CP-SAT's deterministic time, never the wall clock.
        left_s = fixed_s if options.deterministic else \
            options.time_limit_s * share - (time.monotonic() - started)
        return replace(options, time_limit_s=max(1.0, left_s))

    limit_s = options.time_limit_s
    best, phase_share = first, FIRST_PHASE_SHARE
    if large:
        phase_share = LARGE_FIRST_PHASE_SHARE
        search_s = limit_s * phase_share * (1 - BOUND_PHASE_SHARE)
        blocked = _blocks(problem, until(phase_share, search_s), progress, started, first)
        # The blocks are a restriction: a rare production does better without them.
        best = min((run for run in (first, blocked) if run.placements),
                   key=lambda run: _price(problem, run.placements))
        if blocked.stopped_early:
            return best
    second = _run(OrbitalModel(problem, settled=settled(problem, best.placements)),
                  until(1.0, limit_s * (1 - phase_share)),
                  progress, best.placements, bounds=False, started=started, lns_only=large,
                  bound_floor=first.bound)
    return second if second.placements else best


def _blocks(problem: Problem, options: SolveOptions, progress, started: float,
            first: _Run) -> _Run:
    """Search the schedules that shoot one module per free stretch of a unit, from the
    block stripboard's, with no window opening after it ends (a smaller model)."""
    from .blocks import block_stripboard

    start = block_stripboard(problem)
    end_min = max((p.end_min for p in start), default=problem.horizon_min)
    return _run(OrbitalModel(problem.until(end_min), blocks=True), options, progress, start,
                bounds=False, started=started, lns_only=True, bound_floor=first.bound)


def _price(problem: Problem, placements: list[Placement]) -> int:
    return sum(evaluate(problem, placements).values())


def solve(problem: Problem, options: SolveOptions | None = None,
          progress: Callable[[dict], None] | None = None,
          hint: list[Placement] | None = None) -> Outcome:
    """Build and solve the model; return the best schedule found, whatever the status.

    A unit with more than ``CIRCUIT_PIECES`` pieces is solved in two phases: first with the
    kit moves bounded below by the modules each day uses, then with each piece's unit and
    day settled and the moves counted exactly by a circuit within and across days. The
    first phase of a large model (``SEARCH_ONLY_PIECES``) opens with CP-SAT's full portfolio
    for the bound, then searches neighbourhoods of the schedules shot in blocks of one module
    per free stretch, from the block stripboard's. The bound is the full model's (a true
    lower bound); the objective the best schedule's, priced exactly.
    """
    options = options or SolveOptions()
    started = time.monotonic()
    built = OrbitalModel(problem)
    large = sum(len(pieces) for pieces in built.pieces.values()) > SEARCH_ONLY_PIECES
    share = 1.0 if built.exact_moves else \
        LARGE_FIRST_PHASE_SHARE * BOUND_PHASE_SHARE if large else FIRST_PHASE_SHARE
    # At least a second (its linear relaxation needs about that), unless the whole run is less.
    first_s = max(min(1.0, options.time_limit_s), options.time_limit_s * share)
    first = _run(built, replace(options, time_limit_s=first_s), progress, hint, bounds=True,
                 started=started)
    final = first
    if not built.exact_moves and first.placements and not first.stopped_early:
        final = _improve(problem, options, first, progress, started, large)
    objective = final.objective
    if not built.exact_moves and final.placements:
        # Priced exactly: a run stopped before the settled phase counted its moves from below.
        objective = float(_price(problem, final.placements))
    name = first.status
    if name == "optimal" and objective is not None and objective > first.bound + 1e-6:
        name = "feasible"
    return Outcome(status=name, objective=objective, bound=first.bound,
                   runtime_s=time.monotonic() - started, placements=final.placements,
                   first_solution_s=first.first_solution_s,
                   solutions=first.solutions + (final.solutions if final is not first else 0),
                   exact_moves=built.exact_moves)


def settled(problem: Problem, placements: list[Placement]) -> dict[tuple[str, int], tuple[str, int]]:
    """Return each placed piece's unit and GMT day, by (scene, piece number in time order)."""
    found, count = {}, defaultdict(int)
    for placement in sorted(placements, key=lambda p: (p.task_id, p.shoot_start_min)):
        found[(placement.task_id, count[placement.task_id])] = (
            placement.unit, problem.day_of(placement.shoot_start_min))
        count[placement.task_id] += 1
    return found


def add_hint(built: OrbitalModel, placements: list[Placement], time_limit_s: float = 10.0) -> bool:
    """Hint a known schedule (e.g. the greedy one) in full, as a first solution to improve on.

    The placements fix presence, units and times; a short solve with those fixed fills in
    every other variable (days, windows, kit-move arcs), so that CP-SAT can take the whole
    hint as its first solution. Return whether the schedule was feasible in the model.
    """
    model = built.model
    model.ClearHints()
    for name, value in _partial_hint(built, placements):
        model.AddHint(name, value)
    solver = cp_model.CpSolver()
    solver.parameters.fix_variables_to_their_hinted_value = True
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = time_limit_s
    status = solver.Solve(model)
    model.ClearHints()
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return False
    for index in range(len(model.Proto().variables)):
        variable = model.GetIntVarFromProtoIndex(index)
        model.AddHint(variable, solver.Value(variable))
    return True


def _partial_hint(built: OrbitalModel, placements: list[Placement]):
    """Yield (variable, value) for presence, unit, start and length of every piece."""
    placed: dict[str, list[Placement]] = defaultdict(list)
    for placement in placements:
        placed[placement.task_id].append(placement)
    for task_id, pieces in built.pieces.items():
        mine = sorted(placed.get(task_id, []), key=lambda p: p.start_min)
        for index, piece in enumerate(pieces):
            there = index < len(mine)
            yield piece.present, int(there)
            if there:
                yield piece.start, mine[index].shoot_start_min
                if not isinstance(piece.length, int):
                    yield piece.length, mine[index].shoot_min
            for alt in piece.alternatives if len(piece.alternatives) > 1 else ():
                yield alt.literal, int(there and alt.unit == mine[index].unit)


# -- infeasibility cores -------------------------------------------------------------------------

def core(built: OrbitalModel, assumptions: list, time_limit_s: float = 10.0) -> tuple[str, list]:
    """Solve with assumptions; return the status and, when infeasible, a sufficient subset.

    The subset is shrunk by deletion while the budget lasts, so that an explanation names no
    scene it does not need.
    """
    status, found = _core_once(built, assumptions, time_limit_s)
    if status != "infeasible":
        return status, []
    deadline = time.monotonic() + time_limit_s
    kept = list(found)
    for literal in list(found):
        if time.monotonic() > deadline or len(kept) <= 1:
            break
        trial = [lit for lit in kept if lit is not literal]
        if _core_once(built, trial, max(0.1, deadline - time.monotonic()))[0] == "infeasible":
            kept = trial
    return status, kept


def _core_once(built: OrbitalModel, assumptions: list, time_limit_s: float):
    # A core asks only whether a schedule exists: any one found answers it.
    if built.model.HasObjective():
        built.model.ClearObjective()
    built.model.ClearAssumptions()
    built.model.AddAssumptions(assumptions)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.cp_model_presolve = False
    solver.parameters.max_time_in_seconds = time_limit_s
    status = solver.Solve(built.model)
    name = STATUS.get(status, "unknown")
    if name != "infeasible":
        return name, []
    by_index = {lit.Index(): lit for lit in assumptions}
    return name, [by_index[i] for i in solver.SufficientAssumptionsForInfeasibility()
                  if i in by_index]
