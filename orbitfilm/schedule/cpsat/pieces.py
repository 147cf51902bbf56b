"""The variables of the orbital model: each scene's pieces, placed in its candidate windows.

Every piece of a scene is an optional interval; which camera unit shoots it is an
alternative with its own literal and interval (set-up and shooting). Where a piece may go
comes from its windows: the start's domain for a scene shot whole (one literal per GMT day,
where daily limits count), one literal per window for a piece of variable length.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ortools.util.python.sorted_interval_list import Domain

from ..problem import Task, Window


@dataclass
class Alternative:
    """One camera unit shooting one piece: its literal, its interval, its days."""

    unit: str
    literal: object
    interval: object
    day_literals: dict[int, object] = field(default_factory=dict)
    window_literals: list[tuple[Window, object]] = field(default_factory=list)
    length: object = None
    # The minutes this unit shoots the piece on each GMT day (for the limits of film work).
    minutes_by_day: dict[int, object] = field(default_factory=dict)


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


def place_pieces(m) -> None:
    """Each piece of a scene lies inside one of its windows, set-up room included.

    A scene is shot whole or not at all; a splittable one in up to ``max_pieces`` ordered
    pieces, each at least ``min_piece_min``, adding up to ``shoot_min``.
    """
    for task in m.problem.tasks:
        present = m.model.NewBoolVar(f"shot[{task.id}]")
        m.present[task.id] = present
        if not task.has_windows:
            m.model.Add(present == 0)
        make = _whole_piece if task.max_pieces == 1 else _split_pieces
        m.pieces[task.id] = make(m, task, present)


def _whole_piece(m, task: Task, present) -> list[Piece]:
    """Make the one piece of a scene shot whole: its start domain is its windows."""
    options = [(option.unit, _start_ranges(m, task, option.windows, task.shoot_min))
               for option in task.options if option.windows]
    ranges = [r for _, by_key in options for key_ranges in by_key.values() for r in key_ranges]
    # Plain bounds here, the windows under the day literals: a start domain of hundreds of
    # intervals makes every kit-move arc slow to presolve.
    start = m.model.NewIntVar(min((r[0] for r in ranges), default=0),
                              max((r[1] for r in ranges), default=0), f"start[{task.id}]")
    end = start + task.shoot_min
    interval = m.model.NewOptionalFixedSizeIntervalVar(start, task.shoot_min, present,
                                                       f"shoot[{task.id}]")
    piece = Piece(task, 0, present, start, task.shoot_min, end, interval)
    literals = _alternative_literals(m, present, [unit for unit, _ in options], task.id)
    for (unit, by_key), literal in zip(options, literals):
        alternative = _unit_interval(m, task, unit, literal, start, task.shoot_min, end)
        chosen = _day_literals(m, start, by_key, literal, task.id)
        alternative.day_literals = _by_day(m, unit, task, chosen) if m.blocks else chosen
        alternative.minutes_by_day = {day: task.shoot_min * literal
                                      for day, literal in alternative.day_literals.items()}
        piece.alternatives.append(alternative)
    return [piece]


def _start_ranges(m, task: Task, windows, length_min: int) -> dict:
    """Return the shoot starts each window allows, by GMT day (with ``blocks``, by GMT day
    and the start of the unit's free stretch)."""
    by_key: dict = defaultdict(list)
    for window in windows:
        first = window.earliest_shoot_min(task.setup_min)
        if first + length_min <= window.end_min:
            key = (window.day, window.setup_from_min) if m.blocks else window.day
            by_key[key].append([first, window.end_min - length_min])
    return by_key


def _by_day(m, unit: str, task: Task, chosen: dict) -> dict[int, object]:
    """Record stretch literals for the blocks; return their sums by GMT day."""
    by_day: dict[int, list] = defaultdict(list)
    for (day, stretch_min), literal in chosen.items():
        m.in_stretch[(unit, stretch_min)][task.location].append(literal)
        by_day[day].append(literal)
    return {day: literals[0] if len(literals) == 1 else sum(literals)
            for day, literals in by_day.items()}


def _alternative_literals(m, present, units: list[str], name: str) -> list:
    """Return one literal per camera unit that may shoot a piece; exactly one if present."""
    if not units:
        m.model.Add(present == 0)
        return []
    if len(units) == 1:
        return [present]
    literals = [m.model.NewBoolVar(f"unit[{name},{unit}]") for unit in units]
    m.model.Add(sum(literals) == present)
    return literals


def _unit_interval(m, task: Task, unit: str, literal, start, length, end) -> Alternative:
    """Return the alternative of a unit: its set-up and shooting as one optional interval."""
    interval = m.model.NewOptionalIntervalVar(start - task.setup_min, length + task.setup_min,
                                              end, literal, f"unit[{task.id},{unit}]")
    return Alternative(unit, literal, interval)


def _day_literals(m, start, by_day: dict, literal, name: str) -> dict[int, object]:
    """Return a literal per GMT day; each confines the start to that day's windows."""
    if len(by_day) == 1:
        day, ranges = next(iter(by_day.items()))
        m.model.AddLinearExpressionInDomain(start, Domain.FromIntervals(ranges)) \
            .OnlyEnforceIf(literal)
        return {day: literal}
    days = {}
    for day, ranges in sorted(by_day.items()):
        days[day] = m.model.NewBoolVar(f"day[{name},{day}]")
        m.model.AddLinearExpressionInDomain(start, Domain.FromIntervals(ranges)) \
            .OnlyEnforceIf(days[day])
    m.model.Add(sum(days.values()) == literal)
    return days


def _split_pieces(m, task: Task, present) -> list[Piece]:
    """Make the ordered pieces of a splittable scene; together they shoot it all."""
    pieces = []
    for index in range(task.max_pieces):
        piece_present = present if index == 0 else m.model.NewBoolVar(
            f"piece[{task.id},{index}]")
        pieces.append(_split_piece(m, task, index, piece_present))
        if index:
            m.model.AddImplication(piece_present, pieces[index - 1].present)
            m.model.Add(pieces[index].start >= pieces[index - 1].end) \
                .OnlyEnforceIf(piece_present)
    m.model.Add(sum(piece.length for piece in pieces) == task.shoot_min * present)
    return pieces


def _split_piece(m, task: Task, index: int, present) -> Piece:
    """Make one piece of variable length, placed in one window by a literal per window."""
    name = f"{task.id},{index}"
    horizon = m.problem.horizon_min
    start = m.model.NewIntVar(0, horizon, f"start[{name}]")
    length = m.model.NewIntVar(0, task.shoot_min, f"length[{name}]")
    end = m.model.NewIntVar(0, horizon, f"end[{name}]")
    m.model.Add(length >= task.min_piece_min).OnlyEnforceIf(present)
    m.model.Add(length == 0).OnlyEnforceIf(present.Not())
    interval = m.model.NewOptionalIntervalVar(start, length, end, present, f"shoot[{name}]")
    piece = Piece(task, index, present, start, length, end, interval)
    options = [option for option in task.options if option.windows]
    literals = _alternative_literals(m, present, [o.unit for o in options], name)
    for option, literal in zip(options, literals):
        alt_length = length if len(options) == 1 else _share(m, length, literal, task, name)
        alternative = _unit_interval(m, task, option.unit, literal, start, length, end)
        alternative.length = alt_length
        alternative.window_literals = _window_literals(m, task, option, start, end, literal,
                                                       name)
        piece.alternatives.append(alternative)
    _split_days(m, piece)
    return piece


def _share(m, length, literal, task: Task, name: str):
    """Return the piece's length when this unit shoots it, else 0."""
    share = m.model.NewIntVar(0, task.shoot_min, f"share[{name}]")
    m.model.Add(share == length).OnlyEnforceIf(literal)
    m.model.Add(share == 0).OnlyEnforceIf(literal.Not())
    return share


def _window_literals(m, task: Task, option, start, end, literal, name: str) -> list:
    """Return (window, literal) pairs; the chosen window holds the set-up room and piece."""
    chosen = []
    for number, window in enumerate(option.windows):
        inside = m.model.NewBoolVar(f"window[{name},{number}]")
        m.model.Add(start >= window.earliest_shoot_min(task.setup_min)).OnlyEnforceIf(inside)
        m.model.Add(end <= window.end_min).OnlyEnforceIf(inside)
        chosen.append((window, inside))
        if m.blocks:
            m.in_stretch[(option.unit, window.setup_from_min)][task.location].append(inside)
    m.model.Add(sum(inside for _, inside in chosen) == literal)
    return chosen


def _split_days(m, piece: Piece) -> None:
    """Give each unit's alternative its day literals and, for the limits, minutes a day."""
    limited = m.problem.limited_people()
    for alternative in piece.alternatives:
        by_day: dict[int, list] = defaultdict(list)
        for window, inside in alternative.window_literals:
            by_day[window.day].append(inside)
        alternative.day_literals = {day: literals[0] if len(literals) == 1 else sum(literals)
                                    for day, literals in by_day.items()}
        crew = set(m.problem.unit_people.get(alternative.unit, ()))
        if limited & (set(piece.task.cast) | crew):
            _minutes_by_day(m, piece, alternative)


def _minutes_by_day(m, piece: Piece, alternative: Alternative) -> None:
    """Split the minutes a unit shoots a piece over the GMT days of its windows."""
    length = piece.length if alternative.length is None else alternative.length
    if len(alternative.day_literals) == 1:
        alternative.minutes_by_day = {next(iter(alternative.day_literals)): length}
        return
    for day, on_day in alternative.day_literals.items():
        minutes = m.model.NewIntVar(0, piece.task.shoot_min, f"minutes[{piece.task.id},{day}]")
        m.model.Add(minutes <= piece.task.shoot_min * on_day)
        alternative.minutes_by_day[day] = minutes
    m.model.Add(sum(alternative.minutes_by_day.values()) == length)
