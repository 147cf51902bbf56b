"""The rules of the orbital model, one function per family, each stating its rule.

Each takes the ``OrbitalModel`` under construction and adds its constraints; the model calls
them in one visible order (``OrbitalModel.__init__``).
"""

from __future__ import annotations

from collections import defaultdict

from .pieces import Alternative, Piece


def settle(m) -> None:
    """In the settled phase, each piece keeps the unit and GMT day the first phase chose.

    ``settled`` maps (scene, piece number) to (unit, day); a piece not in it is not shot.
    Only the order within each day, the times and so the kit moves remain to choose.
    """
    if m.settled is None:
        return
    for task_id, pieces in m.pieces.items():
        for piece in pieces:
            chosen = m.settled.get((task_id, piece.index))
            m.model.Add(piece.present == int(chosen is not None))
            for alt in piece.alternatives if chosen else ():
                if len(piece.alternatives) > 1:
                    m.model.Add(alt.literal == int(alt.unit == chosen[0]))
                for day, literal in alt.day_literals.items():
                    if day != chosen[1] or alt.unit != chosen[0]:
                        m.model.Add(literal == 0)


def one_module_per_stretch(m) -> None:
    """With ``blocks``, each free stretch of a camera unit is spent in one module.

    A restriction, not a rule of the production: it gives the search the shape a line
    producer's board has (see ``schedule.blocks``). Each block a unit enters, in a module its
    previous stretch did not use, counts as a kit move.
    """
    if not m.blocks:
        return
    by_unit: dict[str, list[tuple[int, dict[str, object]]]] = defaultdict(list)
    for (unit, stretch_min), by_module in m.in_stretch.items():
        used = {}
        for module, literals in by_module.items():
            used[module] = m.model.NewBoolVar(f"block[{unit},{stretch_min},{module}]")
            for literal in literals:
                m.model.Add(used[module] >= literal)
        m.model.Add(sum(used.values()) <= 1)
        by_unit[unit].append((stretch_min, used))
    for stretches in by_unit.values():
        if len({module for _, used in stretches for module in used}) <= 1:
            continue
        before: dict[str, object] = {}
        for _, used in sorted(stretches, key=lambda s: s[0]):
            for module, literal in used.items():
                entered = m.model.NewBoolVar("")
                m.model.Add(entered >= literal - before.get(module, 0))
                m.moves.append(entered)
            before = used


# -- camera units and kit moves ----------------------------------------------------------

def camera_units(m) -> None:
    """Each camera unit does one thing at a time, and moving its kit takes the move time.

    Set-up and shooting take the unit; between shots in two modules it also needs the move
    time. Up to ``circuit_pieces`` pieces a unit's order is a circuit whose arcs between
    modules are the moves, counted exactly; beyond, the move time holds between any two
    shots in different modules and the moves are bounded below by the modules each day uses
    (``exact_moves`` is then False).
    """
    for unit in m.problem.unit_people:
        nodes = m.alternatives_of(unit)
        m.model.AddNoOverlap([alt.interval for _, alt in nodes])
        locations = {piece.task.location for piece, _ in nodes}
        if len(locations) <= 1:
            continue
        if m.settled is not None:
            _unit_circuit(m, unit, [(p, a) for p, a in nodes
                                    if m.settled.get((p.task.id, p.index), ("",))[0] == unit])
        elif len(nodes) <= m.circuit_pieces and not m.blocks:
            _unit_circuit(m, unit, nodes)
        else:
            m.exact_moves = False
            if not _moves_between_stretches(m, unit, locations):
                _move_gaps(m, nodes, sorted(locations))
            if not m.blocks:
                m.moves += _moves_by_day(m, unit, nodes)


def _moves_between_stretches(m, unit: str, locations) -> bool:
    """Return whether, in blocks, every move falls in a break long enough for it: then the
    move time needs no constraint of its own (and the model is lighter)."""
    if not m.blocks:
        return False
    stretches = m.problem.unit_free_min.get(unit, ())
    longest = max(m.problem.move_min(a, b) for a in locations for b in locations)
    return all(later[0] - earlier[1] >= longest
               for earlier, later in zip(stretches, stretches[1:]))


def _move_gaps(m, nodes: list[tuple[Piece, Alternative]], locations: list[str]) -> None:
    """Keep shots in different modules apart by the move time, one cumulative per module.

    In module L's cumulative, L's own shots take the whole capacity and every other shot,
    widened by the move time to L on both sides, takes one unit: so nothing widened overlaps
    a shot in L, while shots elsewhere may sit side by side.
    """
    for location in locations:
        own = [alt for piece, alt in nodes if piece.task.location == location]
        widened = [_widened(m, piece, alt, m.problem.move_min(location, piece.task.location))
                   for piece, alt in nodes if piece.task.location != location]
        widened = [w for w in widened if w is not None]
        if not own or not widened:
            continue
        capacity = len(widened)
        m.model.AddCumulative([alt.interval for alt in own] + widened,
                              [capacity] * len(own) + [1] * len(widened), capacity)


def _widened(m, piece: Piece, alt: Alternative, move_min: int):
    if not move_min:
        return None
    task = piece.task
    return m.model.NewOptionalIntervalVar(
        piece.start - task.setup_min - move_min, piece.length + task.setup_min + 2 * move_min,
        piece.end + move_min, alt.literal, "")


def _moves_by_day(m, unit: str, nodes: list[tuple[Piece, Alternative]]) -> list:
    """Count at least one move for each module beyond the first that a day uses, and over
    the whole stay at least one for each module beyond the first the unit uses."""
    used: dict[int, dict[str, object]] = defaultdict(dict)
    for piece, alt in nodes:
        for day, literal in alt.day_literals.items():
            here = used[day].setdefault(piece.task.location, m.model.NewBoolVar(""))
            m.model.Add(here >= literal)
    by_days = []
    for day, modules in used.items():
        if len(modules) > 1:
            moves = m.model.NewIntVar(0, len(modules) - 1, f"moves[{unit},{day}]")
            m.model.Add(moves >= sum(modules.values()) - 1)
            by_days.append(moves)
    visited: dict[str, object] = {}
    for piece, alt in nodes:
        here = visited.setdefault(piece.task.location, m.model.NewBoolVar(""))
        m.model.Add(here >= alt.literal)
    # The two counts miss different moves (between days; within a day): the larger holds.
    moves = m.model.NewIntVar(0, len(nodes), f"moves[{unit}]")
    m.model.Add(moves >= sum(by_days))
    m.model.Add(moves >= sum(visited.values()) - 1)
    return [moves]


def _unit_circuit(m, unit: str, nodes: list[tuple[Piece, Alternative]]) -> None:
    """Order a unit's pieces as a circuit from and back to a depot (node 0)."""
    arcs = [(0, 0, m.model.NewBoolVar(f"idle[{unit}]"))]
    for i, (piece, alt) in enumerate(nodes, start=1):
        arcs += [(0, i, m.model.NewBoolVar("")), (i, 0, m.model.NewBoolVar("")),
                 (i, i, alt.literal.Not())]
    bounds = [_time_bounds(m, piece) for piece, _ in nodes]
    for i, (before, _) in enumerate(nodes, start=1):
        for j, (after, _) in enumerate(nodes, start=1):
            move_min = m.problem.move_min(before.task.location, after.task.location)
            if i == j or not _may_follow(m, before, after, bounds[i - 1], bounds[j - 1],
                                         move_min):
                continue
            arc = m.model.NewBoolVar("")
            m.model.Add(after.start - after.task.setup_min >= before.end + move_min) \
                .OnlyEnforceIf(arc)
            arcs.append((i, j, arc))
            if before.task.location != after.task.location:
                m.moves.append(arc)
    m.model.AddCircuit(arcs)


def _time_bounds(m, piece: Piece) -> tuple[int, int]:
    """Return the earliest end and the latest set-up start a piece's windows allow."""
    task = piece.task
    shortest = task.shoot_min if task.max_pieces == 1 else task.min_piece_min
    windows = [w for option in task.options for w in option.windows]
    if not windows:
        return m.problem.horizon_min, -1
    earliest_end = min(w.earliest_shoot_min(task.setup_min) for w in windows) + shortest
    latest_start = max(w.end_min for w in windows) - shortest - task.setup_min
    return earliest_end, latest_start


def _may_follow(m, before: Piece, after: Piece, before_bounds, after_bounds,
                move_min: int) -> bool:
    """Return whether ``after`` can come straight after ``before`` on one unit."""
    if before.task.id == after.task.id and after.index < before.index:
        return False
    if after.task.id in m.ancestors.get(before.task.id, ()):
        return False
    if m.settled is not None and not _next_in_days(m, before, after):
        return False
    return after_bounds[1] >= before_bounds[0] + move_min


def _next_in_days(m, before: Piece, after: Piece) -> bool:
    """Return whether, with days settled, ``after`` is on ``before``'s day or the next day
    its unit shoots."""
    unit, day = m.settled[(before.task.id, before.index)]
    after_day = m.settled[(after.task.id, after.index)][1]
    later = [d for u, d in m.settled.values() if u == unit and d > day]
    return after_day == day or (bool(later) and after_day == min(later))


# -- places and people -------------------------------------------------------------------

def one_scene_per_location(m) -> None:
    """A location holds one scene at a time, set-up included (implied with one unit)."""
    if len(m.problem.unit_people) <= 1:
        return
    by_location: dict[str, list] = defaultdict(list)
    for pieces in m.pieces.values():
        for piece in pieces:
            by_location[piece.task.location] += [a.interval for a in piece.alternatives]
    for intervals in by_location.values():
        m.model.AddNoOverlap(intervals)


def no_person_twice(m) -> None:
    """Nobody is in two places at once: cast while shooting, unit people throughout.

    A person both in a scene's cast and in the unit that shoots it is held by the unit's
    interval; a person whose every interval is one unit's is covered by that unit already.
    """
    for person in m.people():
        intervals = []
        for pieces in m.pieces.values():
            for piece in pieces:
                intervals += _held(m, person, piece)
        own_unit = [u for u, people in m.problem.unit_people.items() if person in people]
        in_cast = any(person in task.cast for task in m.problem.tasks)
        if len(intervals) > 1 and (in_cast or len(own_unit) > 1):
            m.model.AddNoOverlap(intervals)


def _held(m, person: str, piece: Piece) -> list:
    """Return the intervals in which a piece holds a person."""
    crews = m.problem.unit_people
    mine = [alt for alt in piece.alternatives if person in crews.get(alt.unit, ())]
    held = [alt.interval for alt in mine]
    if person not in piece.task.cast or len(mine) == len(piece.alternatives):
        return held
    if not mine:
        return held + [piece.interval]
    others = [alt.literal for alt in piece.alternatives if alt not in mine]
    in_front = m.model.NewBoolVar("")
    m.model.Add(sum(others) == in_front)
    return held + [m.model.NewOptionalIntervalVar(piece.start, piece.length, piece.end,
                                                  in_front, "")]


def film_limits(m) -> None:
    """Nobody does more film work than their limit in a GMT day, or in a week of the stay.

    A cast member's work is the shooting; a camera unit's people work through set-up and
    shooting (the set-up counted on the day it is shot). In a re-plan, what was already
    shot counts too (``Problem.used_min``).
    """
    problem = m.problem
    daily, weekly = problem.daily_limit_min, problem.weekly_limit_min
    for person in sorted(problem.limited_people()):
        by_day = _work_by_day(m, person)
        if person in daily:
            for day, entries in by_day.items():
                _at_most(m, entries, daily[person] - problem.used_day_min(person, day))
        if person in weekly:
            by_week: dict[int, list] = defaultdict(list)
            for day, entries in by_day.items():
                by_week[problem.week_of(day)] += entries
            for week, entries in by_week.items():
                _at_most(m, entries, weekly[person] - problem.used_week_min(person, week))


def _work_by_day(m, person: str) -> dict[int, list]:
    """Return, by GMT day, (minutes expression, most it can be) of a person's film work."""
    crews = m.problem.unit_people
    by_day: dict[int, list] = defaultdict(list)
    for pieces in m.pieces.values():
        for piece in pieces:
            task = piece.task
            for alt in piece.alternatives:
                in_unit = person in crews.get(alt.unit, ())
                if not in_unit and person not in task.cast:
                    continue
                for day, minutes in alt.minutes_by_day.items():
                    setup = task.setup_min * alt.day_literals[day] if in_unit else 0
                    most = task.shoot_min + (task.setup_min if in_unit else 0)
                    by_day[day].append((minutes + setup, most))
    return by_day


def _at_most(m, entries: list, limit_min: int) -> None:
    # A day (or week) whose scenes cannot add up past the limit needs no constraint; one
    # already past it (shots that ran long) takes nothing more.
    limit_min = max(0, limit_min)
    if sum(most for _, most in entries) > limit_min:
        m.model.Add(sum(minutes for minutes, _ in entries) <= limit_min)


def precedence(m) -> None:
    """A scene ``after`` another is shot only if that one is, and starts after it ends."""
    for task in m.problem.tasks:
        first = m.pieces[task.id][0]
        for other in task.after:
            if other not in m.present:
                continue
            edge = m.edge(other, task.id)
            shot = m.present[task.id]
            m.model.AddBoolOr([edge.Not(), shot.Not(), m.present[other]])
            for piece in m.pieces[other]:
                m.model.Add(first.start >= piece.end).OnlyEnforceIf([edge, shot, piece.present])
