"""The first AD's hand on a re-plan: a scene moved to another day, or locked where the
published schedule has it. Both only narrow the scene's windows, so every rule the solver
and ``verify`` keep still holds; a pin that no window can honour leaves the scene out with
that reason, never placed against the rules.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..errors import InputError
from ..times import DAY_S, parse_iso
from .problem import Option, Placement, Problem, Task, Window
from .windows import enough_time


@dataclass(frozen=True)
class Pin:
    """``day`` (an ISO date): shoot the scene that GMT day; ``locked``: keep it at its
    published time."""

    scene: str
    day: str | None = None
    locked: bool = False

    def to_json(self) -> dict:
        return {"scene": self.scene, "day": self.day, "locked": self.locked}

    @staticmethod
    def from_json(data: dict) -> "Pin":
        return Pin(str(data["scene"]), data.get("day"), bool(data.get("locked")))


def pin_problem(problem: Problem, pins: tuple[Pin, ...], published: list[Placement]) -> Problem:
    """Return the problem with each pinned scene's windows narrowed to its day or to its
    published pieces; a moved scene's stability price is dropped (the move is the AD's)."""
    if not pins:
        return problem
    by_scene = {pin.scene: pin for pin in pins}
    unknown = sorted(set(by_scene) - {t.id for t in problem.tasks})
    if unknown:
        raise InputError(f"scene {unknown[0]} is not left to re-plan (shot, lost or unknown)",
                         field="pins")
    pieces: dict[str, list[Placement]] = {}
    for placement in published:
        pieces.setdefault(placement.task_id, []).append(placement)
    tasks = tuple(_pinned(problem, task, by_scene.get(task.id), pieces.get(task.id, []))
                  for task in problem.tasks)
    moved = {pin.scene for pin in pins if pin.day and not pin.locked}
    return replace(problem, tasks=tasks,
                   published={k: v for k, v in problem.published.items() if k not in moved})


def _pinned(problem: Problem, task: Task, pin: Pin | None, pieces: list[Placement]) -> Task:
    if pin is None or not task.has_windows:
        return task
    if pin.locked:
        if not pieces:
            return _without(task, f"locked, but scene {task.id} has no published time")
        options = tuple(Option(o.unit, _locked_windows(o, pieces)) for o in task.options
                        if o.unit == pieces[0].unit)
        narrowed = replace(task, options=options, max_pieces=len(pieces))
        why = "locked at its published time, which no longer fits (the log or now took it)"
    else:
        day = int(parse_iso(pin.day, field="day") // DAY_S)
        narrowed = replace(task, options=tuple(
            Option(o.unit, tuple(w for w in o.windows if w.day == day)) for o in task.options))
        why = f"moved to {pin.day}, which has no window for it"
    return narrowed if narrowed.has_windows and enough_time(narrowed) else _without(task, why)


def _locked_windows(option: Option, pieces: list[Placement]) -> tuple[Window, ...]:
    """Return one window a published piece, where a window of the option still holds it."""
    kept = []
    for piece in pieces:
        holder = next((w for w in option.windows if w.start_min <= piece.shoot_start_min
                       and piece.end_min <= w.end_min
                       and w.setup_from_min <= piece.start_min), None)
        if holder is None:
            return ()
        kept.append(Window(piece.shoot_start_min, piece.end_min, holder.setup_from_min,
                           holder.day))
    return tuple(kept)


def _without(task: Task, reason: str) -> Task:
    return replace(task, options=tuple(Option(o.unit, ()) for o in task.options), reason=reason)


def parse_pins(moves: list[str], locks: list[str]) -> tuple[Pin, ...]:
    """Return the pins of ``SCENE=DATE`` moves and locked scene ids (as the command line and
    the stripboard's form give them)."""
    pins = {}
    for text in moves:
        scene, _, day = text.partition("=")
        if not scene.strip() or not day.strip():
            raise InputError(f"a move is SCENE=DATE, not {text!r}", field="--move")
        parse_iso(day.strip(), field="--move")
        pins[scene.strip()] = Pin(scene.strip(), day=day.strip())
    for scene in locks:
        pins[scene.strip()] = Pin(scene.strip(), locked=True)
    return tuple(pins.values())
