"""Check a schedule against every rule, with code that shares nothing with the solver.

``check_schedule`` reads the schedule file's JSON (``Result.to_json()``), re-derives every
rule from the production and its flight's environment in POSIX seconds (no grid, no
windows, no ortools) and returns one ``Violation`` per broken rule. The tests run it on
every schedule any solver returns; ``orbitfilm verify`` runs it on a file.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

from ..errors import InputError
from ..intervals import IntervalSet, daily_intervals
from ..mission.availability import duties_s
from ..mission.flight import Flight, prepare_flight
from ..mission.links import launch_date
from ..production.files import read_text
from ..production.loader import load_production
from ..production.model import Production
from ..times import DAY_S, MINUTE_S, format_minute, parse_iso
from .verify_ground import check_ground
from .violation import RuleBook, Violation

# Schedule files give times to the millisecond; anything closer than that is the same time.
SLACK_S = 1e-3


@dataclass(frozen=True)
class Entry:
    """One scene (or piece) of a schedule file, its times in POSIX seconds."""

    id: str
    start_s: float
    shoot_start_s: float
    end_s: float
    location: str
    cast: tuple[str, ...]
    unit: str | None

    @property
    def shoot_s(self) -> float:
        return self.end_s - self.shoot_start_s


def read_entries(document: dict, source: str = "<schedule>") -> list[Entry]:
    """Return the scenes of a schedule file, or raise ``InputError`` naming what is malformed."""
    scenes = document.get("scenes") if isinstance(document, dict) else None
    if not isinstance(scenes, list):
        raise InputError("not a schedule: expected an object with a 'scenes' list", path=source)
    entries = []
    for index, item in enumerate(scenes):
        field = f"scenes[{index}]"
        if not isinstance(item, dict) or not all(k in item for k in ("id", "start",
                                                                      "shoot_start", "end")):
            raise InputError("each scene needs id, start, shoot_start and end", path=source,
                             field=field)
        times = [parse_iso(item[key], field=f"{field}.{key}", path=source)
                 for key in ("start", "shoot_start", "end")]
        entries.append(Entry(str(item["id"]), *times, str(item.get("location", "")),
                             tuple(item.get("cast", [])), item.get("unit")))
    return entries


def check_schedule(flight: Flight, document: dict, source: str = "<schedule>") -> list[Violation]:
    """Return every rule the schedule breaks (an empty list for a valid schedule): the
    scenes aboard, and the ground unit's days (``verify_ground``).

    Raises ``InputError`` for a document that is not a schedule, or is the schedule of
    another production.
    """
    entries = read_entries(document, source)
    production = flight.production
    _same_production(production, document, entries, source)
    found = []
    if production.mission is not None or entries:
        found += _Checker(production, flight.environment, entries,
                          document.get("unscheduled", [])).run()
    launch = launch_date(production) if production.mission is not None else None
    return found + check_ground(production, document.get("ground"), launch)


def _same_production(production: Production, document: dict, entries: list[Entry],
                     source: str) -> None:
    """Raise ``InputError`` when the schedule names another production, or none of its scenes."""
    named = document.get("production") or {}
    if named.get("title") not in (None, production.title):
        raise InputError(f"a schedule of {named['title']!r}, not of {production.title!r} "
                         f"({production.source})", path=source)
    known = {scene.id for scene in production.scenes}
    strangers = sorted({e.id for e in entries} - known)
    if entries and len(strangers) > len(entries) / 2:
        raise InputError(f"not a schedule of {production.title!r} ({production.source}): "
                         f"{len(strangers)} of its scenes are not in the production "
                         f"({', '.join(strangers[:3])}, ...)", path=source)


def verify_file(production_path: str | Path, schedule_path: str | Path, *,
                allow_stale: bool = False,
                warn: Callable[[str], None] | None = None) -> list[Violation]:
    """Load a production and a schedule file and return the rules the schedule breaks;
    ``warn`` hears the flight's warnings (element sets far from the stay) as other
    commands print them."""
    production = load_production(production_path)
    text = read_text(Path(schedule_path))
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"not JSON: {error.msg}", path=str(schedule_path),
                         line=error.lineno) from None
    flight = prepare_flight(production, allow_stale=allow_stale)
    for message in flight.warnings if warn else ():
        warn(message)
    return check_schedule(flight, document, str(schedule_path))


class _Checker(RuleBook):
    """The rules, one method each, run in the order a person would check a stripboard."""

    RULES = ("_known_scenes", "_as_written", "_lengths", "_mission_and_times", "_conditions",
             "_people_free", "_no_person_twice", "_film_limits", "_camera_units",
             "_locations", "_precedence", "_every_scene_accounted")

    def __init__(self, production: Production, environment, entries: list[Entry], unscheduled):
        super().__init__()
        self.production = production
        self.environment = environment
        self.entries = entries
        self.unscheduled = unscheduled if isinstance(unscheduled, list) else []
        self.scenes = {scene.id: scene for scene in production.scenes}
        self.units = {unit.id: unit for unit in production.camera_units()}

    def _valid(self) -> list[Entry]:
        return [e for e in self.entries if e.id in self.scenes and not self.scenes[e.id].is_ground]

    def _by_scene(self) -> dict[str, list[Entry]]:
        found = defaultdict(list)
        for entry in self._valid():
            found[entry.id].append(entry)
        return {key: sorted(value, key=lambda e: e.start_s) for key, value in found.items()}

    def _unit_of(self, entry: Entry) -> str | None:
        if entry.unit is not None:
            return entry.unit
        return next(iter(self.units)) if len(self.units) == 1 else None

    # -- the scenes themselves --------------------------------------------------------------
    def _known_scenes(self) -> None:
        """Every entry is an orbital scene of the production."""
        for entry in self.entries:
            scene = self.scenes.get(entry.id)
            if scene is None:
                self._add("scene", [entry.id], f"{entry.id} is not a scene of the production")
            elif scene.is_ground:
                self._add("scene", [entry.id], f"{entry.id} is a ground scene (days), not aboard")

    def _as_written(self) -> None:
        """Each entry's location, cast and unit are the production's."""
        for entry in self._valid():
            scene = self.scenes[entry.id]
            cast = {person.id for person in self.production.cast_of(scene)}
            if entry.location != scene.location:
                self._add("as_written", [entry.id], f"{entry.id} is at {scene.location}, "
                          f"not {entry.location}")
            if set(entry.cast) != cast:
                self._add("as_written", [entry.id], f"{entry.id}'s cast is {sorted(cast)}, "
                          f"not {sorted(entry.cast)}")
            if self._unit_of(entry) not in self.units:
                self._add("camera_unit", [entry.id], f"{entry.id} names no camera unit of the "
                          f"production ({entry.unit!r}; units: {', '.join(self.units)})")

    def _lengths(self) -> None:
        """A scene is shot whole, or if splittable in pieces each at least its shortest piece;
        the set-up comes just before the shooting."""
        for scene_id, pieces in self._by_scene().items():
            scene = self.scenes[scene_id]
            total_s = sum(piece.shoot_s for piece in pieces)
            if len(pieces) > 1 and not scene.splittable:
                self._add("length", [scene_id], f"{scene_id} is shot in {len(pieces)} pieces "
                          f"but may not be split")
            if total_s < scene.shoot_s - SLACK_S:
                self._add("length", [scene_id], f"{scene_id} is shot for "
                          f"{total_s / MINUTE_S:g} min of its {scene.shoot_min:g} min")
            for piece in pieces:
                self._piece_shape(scene, piece, len(pieces) > 1)

    def _piece_shape(self, scene, piece: Entry, split: bool) -> None:
        if not piece.start_s <= piece.shoot_start_s < piece.end_s:
            self._add("length", [scene.id], f"{scene.id}: start, shoot_start and end are not "
                      f"in order")
        if split and piece.shoot_s < scene.min_piece_s - SLACK_S:
            self._add("length", [scene.id], f"{scene.id}: a piece of {piece.shoot_s / 60:g} "
                      f"min is shorter than {scene.min_piece_s / 60:g} min")
        if piece.shoot_start_s - piece.start_s < scene.setup_s - SLACK_S:
            self._add("setup", [scene.id], f"{scene.id} leaves "
                      f"{(piece.shoot_start_s - piece.start_s) / 60:g} min for its "
                      f"{scene.setup_min:g} min set-up")

    def _mission_and_times(self) -> None:
        """Everything happens aboard between docking and undocking, shooting between the
        scene's earliest and latest."""
        low, high = self.production.span_s
        for entry in self._valid():
            scene = self.scenes[entry.id]
            if entry.start_s < low - SLACK_S or entry.end_s > high + SLACK_S:
                self._add("mission", [entry.id], f"{entry.id} ({self._when(entry)}) falls "
                          f"outside the mission, {format_minute(low)} to {format_minute(high)}")
            if scene.earliest_s is not None and entry.shoot_start_s < scene.earliest_s - SLACK_S:
                self._add("earliest", [entry.id], f"{entry.id} starts before its earliest, "
                          f"{format_minute(scene.earliest_s)}")
            if scene.latest_s is not None and entry.end_s > scene.latest_s + SLACK_S:
                self._add("latest", [entry.id], f"{entry.id} ends after its latest, "
                          f"{format_minute(scene.latest_s)}")

    def _conditions(self) -> None:
        """The shooting lies entirely inside one interval of each of the scene's conditions."""
        for entry in self._valid():
            scene = self.scenes[entry.id]
            for name in scene.condition_names():
                held = self.environment.condition(name, self.production.edge_s)
                if not held.covers(entry.shoot_start_s + SLACK_S, entry.end_s - SLACK_S):
                    self._add("conditions", [entry.id], f"{entry.id} is shot "
                              f"({self._when(entry, shoot=True)}) outside {name}")

    # -- people --------------------------------------------------------------------------------
    def _people_free(self) -> None:
        """Cast members are aboard, awake and free of crew-day blocks and duties while the
        scene shoots; the camera unit's people throughout set-up and shooting."""
        for entry in self._valid():
            scene = self.scenes[entry.id]
            for person in self.production.cast_of(scene):
                self._person_free(person, entry, entry.shoot_start_s)
            unit = self.units.get(self._unit_of(entry))
            for person_id in unit.people if unit else ():
                self._person_free(self.production.person(person_id), entry, entry.start_s)

    def _person_free(self, person, entry: Entry, from_s: float) -> None:
        busy = _busy_parts(self.production, person, from_s + SLACK_S, entry.end_s - SLACK_S)
        for rule, what in busy:
            self._add(rule, [entry.id], f"{person.id} is not free for {entry.id} "
                      f"({format_minute(from_s)} to {format_minute(entry.end_s)}): {what}")

    def _occupations(self) -> dict[str, list[tuple[float, float, str]]]:
        """Return each person's stretches on film: cast while shooting, unit throughout."""
        held = defaultdict(list)
        for entry in self._valid():
            unit = self.units.get(self._unit_of(entry))
            crew = set(unit.people) if unit else set()
            cast = {p.id for p in self.production.cast_of(self.scenes[entry.id])}
            for person_id in cast | crew:
                start_s = entry.start_s if person_id in crew else entry.shoot_start_s
                held[person_id].append((start_s, entry.end_s, entry.id))
        return held

    def _no_person_twice(self) -> None:
        """Nobody is in two scenes at once."""
        for person_id, stretches in self._occupations().items():
            for first, second in _overlapping(stretches):
                self._add("person_overlap", [first[2], second[2]], f"{person_id} is in "
                          f"{first[2]} and {second[2]} at once ({format_minute(second[0])})")

    def _film_limits(self) -> None:
        """Nobody does more film work than their limits in a GMT day or a week of the stay:
        the cast while shooting, the unit's people through set-up and shooting (the set-up
        counted on the day the scene is shot)."""
        daily, weekly = defaultdict(float), defaultdict(float)
        first_day = int(self.production.span_s[0] // DAY_S)
        for entry in self._valid():
            for person_id, start_s in self._workers(entry).items():
                setup_s = entry.shoot_start_s - start_s
                parts = list(_seconds_by_day(entry.shoot_start_s, entry.end_s))
                if parts:
                    parts[0] = (parts[0][0], parts[0][1] + setup_s)
                for day, seconds in parts:
                    daily[(person_id, day)] += seconds / MINUTE_S
                    weekly[(person_id, (day - first_day) // 7)] += seconds / MINUTE_S
        self._over("daily_limit", daily, 0, lambda day: format_minute(day * DAY_S)[:10])
        self._over("weekly_limit", weekly, 1, lambda week: f"week {week + 1} of the stay")

    def _workers(self, entry: Entry) -> dict[str, float]:
        """Return who works on an entry, and from when: the unit from set-up, the cast."""
        unit = self.units.get(self._unit_of(entry))
        found = {p.id: entry.shoot_start_s for p in self.production.cast_of(self.scenes[entry.id])}
        found.update({person_id: entry.start_s for person_id in (unit.people if unit else ())})
        return found

    def _over(self, rule: str, minutes: dict, which: int, when) -> None:
        for (person_id, period), total in sorted(minutes.items()):
            limit = self.production.film_limits_min(self.production.person(person_id))[which]
            if limit is not None and total > limit + SLACK_S / MINUTE_S:
                self._add(rule, [], f"{person_id} does {total:g} min of film work in "
                          f"{when(period)}, more than {limit:g}")

    # -- camera units and locations ---------------------------------------------------------
    def _camera_units(self) -> None:
        """A camera unit does one thing at a time, with the kit's move time between modules."""
        by_unit = defaultdict(list)
        for entry in self._valid():
            by_unit[self._unit_of(entry)].append(entry)
        for unit, entries in by_unit.items():
            ordered = sorted(entries, key=lambda e: (e.start_s, e.end_s))
            for before, after in zip(ordered, ordered[1:]):
                self._unit_gap(unit, before, after)

    def _unit_gap(self, unit, before: Entry, after: Entry) -> None:
        gap_s = after.start_s - before.end_s
        move_s = self.production.move_min(before.location, after.location) * MINUTE_S
        if gap_s < -SLACK_S:
            self._add("camera_unit", [before.id, after.id], f"unit {unit} is on {before.id} "
                      f"and {after.id} at once ({format_minute(after.start_s)})")
        elif gap_s < move_s - SLACK_S:
            self._add("move", [before.id, after.id], f"unit {unit} has {gap_s / 60:g} min to "
                      f"move the kit from {before.location} to {after.location} "
                      f"(needs {move_s / 60:g})")

    def _locations(self) -> None:
        """A location holds one scene at a time, set-up included, and none while closed."""
        by_location = defaultdict(list)
        for entry in self._valid():
            by_location[entry.location].append((entry.start_s, entry.end_s, entry.id))
            self._open(entry)
        for location, stretches in by_location.items():
            for first, second in _overlapping(stretches):
                if first[2] != second[2]:
                    self._add("location", [first[2], second[2]], f"{location} holds {first[2]} "
                              f"and {second[2]} at once ({format_minute(second[0])})")

    def _open(self, entry: Entry) -> None:
        location = self.production.all_locations().get(entry.location)
        for start_s, end_s in location.closed_pairs_s() if location else ():
            if entry.start_s < end_s - SLACK_S and entry.end_s > start_s + SLACK_S:
                self._add("location", [entry.id], f"{entry.location} is closed "
                          f"{format_minute(start_s)} to {format_minute(end_s)}, when "
                          f"{entry.id} needs it ({self._when(entry)})")

    def _precedence(self) -> None:
        """A scene ``after`` another is shot only if that one is, and starts once it ends."""
        by_scene = self._by_scene()
        for scene_id, pieces in by_scene.items():
            for other in self.scenes[scene_id].after:
                if other not in by_scene:
                    self._add("precedence", [scene_id, other], f"{scene_id} is shot but "
                              f"{other}, which must come first, is not")
                    continue
                ends_s = max(piece.end_s for piece in by_scene[other])
                if pieces[0].shoot_start_s < ends_s - SLACK_S:
                    self._add("precedence", [scene_id, other], f"{scene_id} starts "
                              f"{format_minute(pieces[0].shoot_start_s)}, before {other} ends "
                              f"{format_minute(ends_s)}")

    def _every_scene_accounted(self) -> None:
        """Every orbital scene is scheduled or listed as unscheduled with a reason."""
        shot = {entry.id for entry in self.entries}
        listed = {item.get("id"): item.get("reason") for item in self.unscheduled
                  if isinstance(item, dict)}
        for scene in self.production.orbital_scenes():
            if scene.id in shot and scene.id in listed:
                self._add("accounted", [scene.id], f"{scene.id} is both scheduled and unscheduled")
            elif scene.id not in shot and not listed.get(scene.id):
                self._add("accounted", [scene.id], f"{scene.id} is neither scheduled nor "
                          f"listed as unscheduled with a reason")

    @staticmethod
    def _when(entry: Entry, shoot: bool = False) -> str:
        start_s = entry.shoot_start_s if shoot else entry.start_s
        return f"{format_minute(start_s)} to {format_minute(entry.end_s)[11:]}"


# -- plain helpers ---------------------------------------------------------------------------

def _overlapping(stretches):
    """Yield pairs of stretches (start, end, label) that overlap by more than the slack."""
    ordered = sorted(stretches)
    latest = None
    for stretch in ordered:
        if latest is not None and stretch[0] < latest[1] - SLACK_S:
            yield latest, stretch
        if latest is None or stretch[1] > latest[1]:
            latest = stretch


def _seconds_by_day(start_s: float, end_s: float):
    """Yield (GMT day, seconds) of a stretch, cut at each midnight."""
    day = int(np.floor(start_s / DAY_S))
    while day * DAY_S < end_s:
        part = min(end_s, (day + 1) * DAY_S) - max(start_s, day * DAY_S)
        if part > 0:
            yield day, part
        day += 1


def _busy_parts(production: Production, person, start_s: float, end_s: float):
    """Return (rule, what) for everything that keeps a person busy in ``[start_s, end_s]``.

    Re-derived from the production's own fields: aboard, sleep, each crew-day block, the
    person's exercise, and each duty by name.
    """
    span_s = (min(start_s, production.span_s[0]), max(end_s, production.span_s[1]))
    aboard = IntervalSet.from_pairs(person.aboard_pairs_s(production.mission), span_s)
    if not aboard.covers(start_s, end_s):
        return [("aboard", "not aboard then")]
    crew_day = production.mission.crew_day
    exercise = crew_day.exercise if person.exercise is None else person.exercise
    named = [("sleep", crew_day.sleep_daily), *((b.name, b.daily) for b in crew_day.blocks),
             *(("exercise", daily) for daily in exercise)]
    found = [("crew_day", name) for name, daily in named
             if _meets(daily_intervals([daily], span_s), start_s, end_s)]
    for duty in person.duties:
        single = type(person)(id=person.id, name=person.name, duties=[duty])
        if _meets(duties_s(single, span_s), start_s, end_s):
            found.append(("duty", f"duty {duty.name!r}"))
    return found


def _meets(busy: IntervalSet, start_s: float, end_s: float) -> bool:
    """Return whether a busy set has time strictly inside ``[start_s, end_s]``."""
    return busy.intersection(IntervalSet.whole((start_s, end_s))).total_s() > 0
