"""A schedule as the rest of orbitfilm sees it: status, objective, scenes, reasons, penalties.

``Result.to_json()`` is the documented schedule file::

    {"production": {"title", "source"},
     "status": "optimal" | "feasible" | "infeasible" | "unknown",
     "objective": 12345, "bound": 12345,
     "scenes": [{"id", "start", "shoot_start", "end", "location", "cast", "conditions"}],
     "unscheduled": [{"id", "reason"}],
     "penalties": [{"name", "scenes", "cost", "detail"}]}

``start`` is when the camera unit starts setting up, ``shoot_start`` when the camera rolls,
``end`` when the scene (or this piece of a split scene: one entry per piece) is shot; times
are ISO 8601 UTC with ``Z``. ``conditions`` are the scene's conditions as its production file
writes them (``light``, ``earth``, ``over``, ``contact``, ``conditions``). When the production
has more than one camera unit, each entry also names its ``unit``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from ..production.model import Production, Scene
from ..times import format_iso
from .problem import Penalty, Placement, Problem, evaluate, penalties

CONDITION_FIELDS = ("light", "earth", "over", "contact", "conditions")


class Status(str, Enum):
    """How far the search got: proven best, a schedule, proven impossible, nothing known."""

    optimal = "optimal"
    feasible = "feasible"
    infeasible = "infeasible"
    unknown = "unknown"


@dataclass(frozen=True)
class ScheduledScene:
    """One scene (or one piece of a split scene) in the schedule, in POSIX seconds."""

    id: str
    unit: str
    start_s: float
    shoot_start_s: float
    end_s: float
    location: str
    cast: tuple[str, ...]
    conditions: dict

    def to_json(self, with_unit: bool = False) -> dict:
        document = {"id": self.id, "start": format_iso(self.start_s),
                    "shoot_start": format_iso(self.shoot_start_s), "end": format_iso(self.end_s),
                    "location": self.location, "cast": list(self.cast),
                    "conditions": dict(self.conditions)}
        if with_unit:
            document["unit"] = self.unit
        return document


@dataclass(frozen=True)
class Unscheduled:
    """A scene left out, and why, in words."""

    id: str
    reason: str

    def to_json(self) -> dict:
        return {"id": self.id, "reason": self.reason}


@dataclass
class Result:
    """The outcome of scheduling: a normal value even when nothing fits or time ran out."""

    status: Status
    objective: float | None
    bound: float | None
    runtime_s: float
    scenes: list[ScheduledScene]
    unscheduled: list[Unscheduled]
    penalties: list[Penalty]
    terms: dict[str, int] = field(default_factory=dict)
    units: int = 1
    first_solution_s: float | None = None
    stopped_early: bool = False  # the search was cut short (Ctrl-C)
    production: dict = field(default_factory=dict)  # {"title", "source"} it schedules

    @property
    def gap(self) -> float | None:
        """Return the relative distance between the objective and the proven bound."""
        if self.objective is None or self.bound is None:
            return None
        return abs(self.objective - self.bound) / max(abs(self.objective), 1.0)

    def scene_ids(self) -> list[str]:
        return list(dict.fromkeys(scene.id for scene in self.scenes))

    def to_json(self) -> dict:
        """Return the documented schedule file (see the module's docstring)."""
        return {
            "production": dict(self.production),
            "status": self.status.value,
            "objective": _number(self.objective),
            "bound": _number(self.bound),
            "scenes": [scene.to_json(self.units > 1) for scene in self.scenes],
            "unscheduled": [item.to_json() for item in self.unscheduled],
            "penalties": [{"name": p.name, "scenes": list(p.scenes), "cost": p.cost,
                           "detail": p.detail} for p in self.penalties],
        } | ({"stopped_early": True} if self.stopped_early else {})


def _number(value: float | None):
    if value is None:
        return None
    return int(round(value)) if abs(value - round(value)) < 1e-6 else float(value)


def conditions_as_written(scene: Scene) -> dict:
    """Return the scene's condition fields that the production sets (not left at 'any')."""
    written = {}
    for name in CONDITION_FIELDS:
        value = getattr(scene, name)
        if value not in (None, "any", []):
            written[name] = list(value) if isinstance(value, list) else value
    return written


def scheduled_scenes(production: Production, problem: Problem,
                     placements: list[Placement]) -> list[ScheduledScene]:
    """Return placements on the grid as scenes in POSIX seconds, sorted by start."""
    scenes = {scene.id: scene for scene in production.scenes}
    found = []
    for placement in sorted(placements, key=lambda p: (p.start_min, p.task_id)):
        scene, task = scenes[placement.task_id], problem.task(placement.task_id)
        found.append(ScheduledScene(
            id=scene.id, unit=placement.unit, start_s=problem.seconds(placement.start_min),
            shoot_start_s=problem.seconds(placement.shoot_start_min),
            end_s=problem.seconds(placement.end_min), location=scene.location, cast=task.cast,
            conditions=conditions_as_written(scene)))
    return found


def build_result(production: Production, problem: Problem, *, status: str, objective, bound,
                 runtime_s: float, placements: list[Placement], reasons: dict[str, str],
                 first_solution_s: float | None = None, stopped_early: bool = False) -> Result:
    """Return the ``Result`` of placements, with a reason for every scene left out."""
    placed = {p.task_id for p in placements}
    return Result(
        status=Status(status), objective=objective, bound=bound, runtime_s=runtime_s,
        scenes=scheduled_scenes(production, problem, placements),
        unscheduled=[Unscheduled(t.id, reasons.get(t.id, "not scheduled"))
                     for t in problem.tasks if t.id not in placed],
        penalties=penalties(problem, placements), terms=evaluate(problem, placements),
        units=len(problem.unit_people), first_solution_s=first_solution_s,
        stopped_early=stopped_early, production=production_label(production))


def production_label(production: Production) -> dict:
    """Return what names the production a schedule is of: its title and file name."""
    return {"title": production.title, "source": Path(production.source).name}
