"""The shoot as the log tells it: what was shot, lost and blocked, as plain data, and the
production with it applied.

``Logged`` is read from the store's shoot log (``store.replanning``) and handed to the
re-plan (``plan.replan``). ``logged_production`` is the one place the log changes the
production: the mission's real times, each event, moved duty or illness as a duty of the
people it takes (so the candidate windows and ``verify`` both see it), each module closed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

from ..production.model import Duty, Production
from ..times import MINUTE_S, parse_iso


@dataclass(frozen=True)
class Shot:
    """A scene (or a piece of it) shot, with its real times, POSIX seconds."""

    scene: str
    start_s: float
    end_s: float


@dataclass(frozen=True)
class Block:
    """A span that takes people (everyone when none is named) or closes modules."""

    start_s: float
    end_s: float
    reason: str
    people: tuple[str, ...] = ()
    modules: tuple[str, ...] = ()


@dataclass(frozen=True)
class Logged:
    """What the shoot log says as of ``now_s``: shots started before it, the scenes lost
    (with the reason), the blocked spans, the mission's real times, new element sets."""

    now_s: float
    shots: tuple[Shot, ...] = ()
    lost: dict[str, str] = field(default_factory=dict)
    blocks: tuple[Block, ...] = ()
    mission_s: dict[str, float] = field(default_factory=dict)
    elements: tuple[tuple[str, str], ...] = ()  # (file name, text as received)

    def shot_scenes(self) -> set[str]:
        return {shot.scene for shot in self.shots}


def logged_from_entries(entries: list[dict], now_s: float) -> Logged:
    """Return the log's current entries (``store.shootlog``'s, with element texts) as of
    ``now_s``: a shot that starts after it has not happened yet and is left out."""
    shots, lost, blocks, mission, elements = [], {}, [], {}, []
    for entry in entries:
        kind, data = entry["kind"], entry["data"]
        if kind == "shot" and data["start"] < now_s:
            shots.append(Shot(data["scene"], data["start"], min(data["end"], now_s)))
        elif kind == "lost":
            lost[data["scene"]] = data["reason"]
        elif kind == "event":
            blocks.append(Block(data["start"], data["end"], data["reason"],
                                tuple(data.get("people") or ()), tuple(data.get("modules") or ())))
        elif kind == "duty":
            blocks.append(Block(data["start"], data["end"], data["name"],
                                tuple(data.get("people") or ())))
        elif kind == "ill":
            blocks.append(Block(data["start"], data["end"], "ill", (data["person"],)))
        elif kind == "mission":
            mission.update({k: v for k, v in data.items() if v is not None})
        elif kind == "elements":
            elements.append((data.get("file", "elements"), data["text"]))
    return Logged(now_s, tuple(sorted(shots, key=lambda s: s.start_s)),
                  {k: v for k, v in lost.items() if k not in {s.scene for s in shots}},
                  tuple(blocks), mission, tuple(elements))


def as_published(production: Production, document: dict) -> Production:
    """Return the production with the docking its published plan had, when the file leaves
    it to the launch finder (the launch is behind the crew when the shoot is re-planned)."""
    mission = document.get("production", {}).get("mission") or {}
    if production.mission is None or production.mission.docking is not None or \
            not mission.get("docking"):
        return production
    return production.with_docking(_utc(parse_iso(mission["docking"], field="docking")),
                                   None, None)


def _utc(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, tz=timezone.utc)


def logged_production(production: Production, logged: Logged) -> Production:
    """Return the production with the log applied: the mission's real docking, hatch
    opening and undocking; each block a duty of its people (everyone, when it names
    nobody and no module); each module closure on its location."""
    changes = {"mission": _mission(production, logged.mission_s)} if logged.mission_s else {}
    duties: dict[str, list[Duty]] = {}
    closures: dict[str, list] = {}
    for block in logged.blocks:
        span = (_utc(block.start_s), _utc(block.end_s))
        for module in block.modules:
            closures.setdefault(module, []).append(span)
        people = block.people or (() if block.modules else [p.id for p in production.people])
        for person in people:
            duties.setdefault(person, []).append(Duty(name=block.reason, start=span[0],
                                                      end=span[1]))
    if duties:
        changes["people"] = [person.model_copy(update={"duties": person.duties
                                                       + duties.get(person.id, [])})
                             for person in production.people]
    if closures:
        changes["locations"] = _closed(production, closures)
    return production.updated(changes)


def _mission(production: Production, mission_s: dict[str, float]):
    """Return the mission with its logged times (the hatch as minutes after docking)."""
    mission = production.mission
    changes = {}
    if "docking" in mission_s:
        changes["docking"] = _utc(mission_s["docking"])
    if "undocking" in mission_s:
        changes["undocking"] = _utc(mission_s["undocking"])
    if "hatch_open" in mission_s:
        docking_s = mission_s.get("docking", mission.docking_s)
        changes["hatch_open_min"] = max(0.0, (mission_s["hatch_open"] - docking_s) / MINUTE_S)
    return mission.model_copy(update=changes)


def _closed(production: Production, closures: dict[str, list]) -> list:
    """Return the production's locations with the closures added (a catalogue module
    closed becomes a location of the file's own)."""
    known = production.all_locations()
    own = {location.id: location for location in production.locations}
    for module, spans in closures.items():
        location = own.get(module) or known.get(module)
        if location is not None:
            own[module] = location.model_copy(update={"closed": location.closed + spans})
    return list(own.values())
