"""The objective of the orbital model: one term per name of ``Weights``, weighted and summed.

``TERMS`` maps each term to the function that builds its expression; a term whose weight is
0 is not built. The same names price a schedule outside the solver (``problem.evaluate``).
"""

from __future__ import annotations

from collections import defaultdict

from .pieces import Alternative, Piece


def minimise(m) -> None:
    """Minimise the weighted terms; a term whose weight is 0 is not built."""
    weights = m.problem.weights.names()
    for name, build in TERMS.items():
        if weights[name]:
            m.terms[name] = weights[name] * build(m)
    m.model.Minimize(sum(m.terms.values()))


def left_out(m):
    """Each scene left out, times its priority + 1."""
    # A scene with no window at all is no choice of the solver's: it is reported, not priced.
    return sum((task.priority + 1) * (1 - m.present[task.id])
               for task in m.problem.tasks if task.has_windows)


def crew_minutes(m):
    """Each person-minute of film work: the cast while shooting, the unit throughout."""
    crews = m.problem.unit_people
    total = 0
    for pieces in m.pieces.values():
        for piece in pieces:
            for alt in piece.alternatives:
                unit = set(crews.get(alt.unit, ()))
                length = piece.length if alt.length is None else alt.length
                cast_only = len(set(piece.task.cast) - unit)
                shoot = length if piece.task.max_pieces > 1 else length * alt.literal
                total += (cast_only + len(unit)) * shoot + \
                    len(unit) * piece.task.setup_min * alt.literal
    return total


def moves(m):
    """Each time a camera unit carries its kit to another module."""
    return sum(m.moves)


def finish_minutes(m):
    """The minutes from docking to the end of the last shot."""
    finish = m.model.NewIntVar(0, m.problem.horizon_min, "finish")
    for pieces in m.pieces.values():
        for piece in pieces:
            m.model.Add(finish >= piece.end).OnlyEnforceIf(piece.present)
    for unit, stretches in m.problem.unit_free_min.items():
        _unit_energy(m, unit, stretches, finish)
    return finish


def _work(piece: Piece, alt: Alternative):
    """Return the unit's minutes on a piece: set-up and shooting, 0 when not its own."""
    if piece.task.max_pieces == 1:
        return (piece.task.setup_min + piece.task.shoot_min) * alt.literal
    length = piece.length if alt.length is None else alt.length
    return piece.task.setup_min * alt.literal + length


def _unit_energy(m, unit: str, stretches, finish) -> None:
    """Bound the finish by the unit's free time: its work must fit in the time before it.

    Redundant for feasibility, but it gives the search a bound on finishing early that
    interval reasoning alone finds only slowly.
    """
    work = sum(_work(piece, alt) for piece, alt in m.alternatives_of(unit))
    free_before = 0
    for start, end in stretches:
        free_before += end - start
        early = m.model.NewBoolVar("")
        m.model.Add(work <= free_before).OnlyEnforceIf(early)
        m.model.Add(finish >= end + 1).OnlyEnforceIf(early.Not())


def first_shot_minutes(m):
    """The minutes from docking to the first shot (for the race between productions)."""
    horizon = m.problem.horizon_min
    first = m.model.NewIntVar(0, horizon, "first_shot")
    starts = [pieces[0].start + horizon * (1 - pieces[0].present)
              for pieces in m.pieces.values()]
    m.model.AddMinEquality(first, starts or [horizon])
    return first


def preferred_day(m):
    """Each scene shot on a day it does not prefer."""
    total = 0
    for task in m.problem.tasks:
        if not task.preferred_days:
            continue
        missed = m.model.NewBoolVar(f"missed[{task.id}]")
        for piece in m.pieces[task.id]:
            for alt in piece.alternatives:
                for day, literal in alt.day_literals.items():
                    if day not in task.preferred_days:
                        m.model.Add(missed >= literal)
        total += missed
    return total


def sequence_days(m):
    """Each day beyond the first that a scene sequence is spread over."""
    groups: dict[str, list] = defaultdict(list)
    for task in m.problem.tasks:
        if task.sequence:
            groups[task.sequence].append(task)
    total = 0
    for name, members in groups.items():
        used: dict[int, object] = {}
        for task in members:
            for piece in m.pieces[task.id]:
                for alt in piece.alternatives:
                    for day, literal in alt.day_literals.items():
                        used.setdefault(day, m.model.NewBoolVar(f"used[{name},{day}]"))
                        m.model.Add(used[day] >= literal)
        if len(members) > 1 and len(used) > 1:
            extra = m.model.NewIntVar(0, len(used), f"extra_days[{name}]")
            m.model.Add(extra >= sum(used.values()) - 1)
            total += extra
    return total


def reserve_day(m):
    """Each scene shot (in part) in the reserve days kept for re-shoots before undocking."""
    start = m.problem.reserve_from_min
    if start is None:
        return 0
    total = 0
    for task in m.problem.tasks:
        if all(w.end_min <= start for option in task.options for w in option.windows):
            continue
        late = m.model.NewBoolVar(f"reserve[{task.id}]")
        for piece in m.pieces[task.id]:
            m.model.Add(piece.end <= start).OnlyEnforceIf([piece.present, late.Not()])
        total += late
    return total


# -- a re-plan's stability (``problem.stability_penalties`` prices the same) -------------

def _kept(m, task_id: str, start_min: int):
    """Return a literal true only when the scene's first piece starts at ``start_min``."""
    if task_id not in m.kept:
        kept = m.model.NewBoolVar(f"kept[{task_id}]")
        m.model.AddImplication(kept, m.present[task_id])
        m.model.Add(m.pieces[task_id][0].start == start_min).OnlyEnforceIf(kept)
        m.kept[task_id] = kept
    return m.kept[task_id]


def _first_on(m, task_id: str, days) -> object:
    """Return how many of ``days`` hold the scene's first piece (0 or 1, an expression)."""
    return sum(literal for alt in m.pieces[task_id][0].alternatives
               for day, literal in alt.day_literals.items() if day in days)


def moved_scene(m):
    """Each published scene whose first piece no longer starts when published (or is out)."""
    return sum(1 - _kept(m, task_id, start) for task_id, (start, _)
               in m.problem.published.items() if task_id in m.pieces)


def moved_day(m):
    """Each published scene whose first piece is no longer on its published GMT day."""
    total = 0
    for task_id, (_, day) in m.problem.published.items():
        if task_id in m.pieces:
            total += 1 - _first_on(m, task_id, {day})
    return total


def call_sheet_soon(m):
    """Each change to a call sheet already out (today's, tomorrow's): a published scene of
    those days not kept, or a scene newly placed on them."""
    soon, total = set(m.problem.soon_days), 0
    for task in m.problem.tasks:
        published = m.problem.published.get(task.id)
        if published is not None and published[1] in soon:
            total += 1 - _kept(m, task.id, published[0])
        else:
            total += _first_on(m, task.id, soon)
    return total


TERMS = {"left_out": left_out, "crew_minutes": crew_minutes, "moves": moves,
         "finish_minutes": finish_minutes, "first_shot_minutes": first_shot_minutes,
         "preferred_day": preferred_day, "sequence_days": sequence_days,
         "reserve_day": reserve_day, "moved_scene": moved_scene, "moved_day": moved_day,
         "call_sheet_soon": call_sheet_soon}
