"""What a production means, checked: references, cycles, durations, times, windows.

Each check is one short function that returns ``Problem``s at key paths; the loader turns
them into ``FILE:LINE: message (field.path)`` lines. ``window_problems`` is the one check
that needs the orbit: it computes the environment over the mission span.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..errors import OrbitfilmError
from ..intervals import IntervalSet
from ..times import DAY_S, MINUTE_S, format_minute
from .loader import Problem
from .model import Production, Scene, slug
from .orbital import is_known_condition

# Instants read from a file are compared with a second's slack: a time written to the
# minute may round the mission's own times.
SLACK_S = 1.0


@dataclass
class Context:
    """A production under check, with the ids set aside for bad shape (never 'unknown')."""

    production: Production
    set_aside: set = field(default_factory=set)

    @property
    def has_span(self) -> bool:
        mission = self.production.mission
        return (mission is not None and mission.docking is not None
                and mission.docking_s < mission.undocking_s)


def check_production(production: Production, set_aside=frozenset(), *,
                     resolve_launch: bool = True) -> list[Problem]:
    """Return every problem of meaning in a production whose shape is valid."""
    context = Context(production, set(set_aside))
    problems = resolve_docking(production) if resolve_launch else []
    for check in (_unique_ids, _time_zones, _mission, _files, _people_times, _units,
                  _scene_kinds, _scene_locations, _scene_cast, _scene_conditions,
                  _scene_splitting, _scene_times, _precedence, _cast_aboard, _daily_limits,
                  _cast_in_no_scene, _moves, _ground_calendar):
        problems += check(context)
    return problems


def resolve_docking(production: Production) -> list[Problem]:
    """Fill in the docking time from the launch when the file gives none."""
    mission = production.mission
    if mission is None or mission.docking is not None:
        return []
    from .orbital import find_launch

    try:
        found = find_launch(production)
    except OrbitfilmError as error:
        return [Problem(f"cannot find the docking from the launch: {error}",
                        ("mission", "launch" if mission.launch else "docking"))]
    mission.docking = datetime.fromtimestamp(found.docking_s, tz=timezone.utc)
    if "hatch_open_min" not in mission.model_fields_set:
        mission.hatch_open_min = (found.hatch_open_s - found.docking_s) / MINUTE_S
    if mission.launch.liftoff is None:
        mission.launch.liftoff = datetime.fromtimestamp(found.liftoff_s, tz=timezone.utc)
    return []


# -- whole-file checks ----------------------------------------------------------------------

def _unique_ids(context: Context) -> list[Problem]:
    problems = []
    for section in ("people", "locations", "scenes", "units", "ground_stations", "regions"):
        seen = {}
        for index, item in enumerate(getattr(context.production, section)):
            if item.id in seen:
                problems.append(Problem(f"{item.id!r} is defined twice (first at "
                                        f"{section}[{seen[item.id]}])", (section, index, "id")))
            seen.setdefault(item.id, index)
    return problems


def _time_zones(context: Context) -> list[Problem]:
    problems = []
    for index, name in enumerate(context.production.time_zones):
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            problems.append(Problem(f"unknown time zone {name!r} (use IANA names such as "
                                    f"'Europe/Moscow')", ("time_zones", index)))
    return problems


def _mission(context: Context) -> list[Problem]:
    from .orbital import launch_id_problem

    mission = context.production.mission
    if mission is None:
        aboard = [s.id for s in context.production.orbital_scenes()]
        return [Problem(f"scenes shot aboard ({', '.join(aboard[:3])}) need a [mission] table "
                        f"with the docking and undocking", ("mission",))] if aboard else []
    launch, problems = mission.launch, []
    for kind in ("site", "vehicle"):
        text = getattr(launch, kind) if launch else None
        message = launch_id_problem(kind, text) if text else None
        if message:
            problems.append(Problem(message, ("mission", "launch", kind)))
    if mission.docking is None:
        return problems
    if mission.undocking_s <= mission.docking_s:
        problems.append(Problem(f"undocking {format_minute(mission.undocking_s)} UTC is not "
                                f"after docking {format_minute(mission.docking_s)} UTC",
                                ("mission", "undocking")))
    elif mission.hatch_open_s >= mission.undocking_s:
        problems.append(Problem("the hatch opens after undocking", ("mission", "hatch_open_min")))
    if launch and launch.liftoff and launch.liftoff_s >= mission.docking_s:
        problems.append(Problem("liftoff is not before docking", ("mission", "launch", "liftoff")))
    if launch and launch.date and launch.date > mission.docking.date():
        problems.append(Problem(f"launch date {launch.date} is after docking "
                                f"({mission.docking.date()})", ("mission", "launch", "date")))
    return problems


def _files(context: Context) -> list[Problem]:
    production, problems = context.production, []
    mission = production.mission
    if mission is None:
        return []
    if mission.elements and not production.resolve_path(mission.elements).is_file():
        problems.append(Problem(f"no such element-set file: {mission.elements}",
                                ("mission", "elements")))
    if not mission.elements and mission.station.upper() != "ISS":
        problems.append(Problem(f"give mission.elements for the station {mission.station!r} "
                                f"(only the ISS sets are bundled)", ("mission", "station")))
    for index, region in enumerate(production.regions):
        if not production.resolve_path(region.geojson).is_file():
            problems.append(Problem(f"no such GeoJSON file: {region.geojson}",
                                    ("regions", index, "geojson")))
    return problems


def _outside(context: Context, start_s: float, end_s: float) -> bool:
    low, high = context.production.span_s
    return start_s < low - SLACK_S or end_s > high + SLACK_S


def _mission_text(context: Context) -> str:
    low, high = context.production.span_s
    return f"the mission ({format_minute(low)} to {format_minute(high)} UTC)"


def _people_times(context: Context) -> list[Problem]:
    problems = []
    for index, person in enumerate(context.production.people):
        where = ("people", index)
        if isinstance(person.aboard, tuple):
            start_s, end_s = (moment.timestamp() for moment in person.aboard)
            if end_s <= start_s:
                problems.append(Problem("aboard: TO is not after FROM", (*where, "aboard")))
            elif context.has_span and _outside(context, start_s, end_s):
                problems.append(Problem(f"aboard times fall outside {_mission_text(context)}",
                                        (*where, "aboard")))
        for number, duty in enumerate(person.duties):
            problems += _duty_problems(context, person, duty, (*where, "duties", number))
    return problems


def _duty_problems(context: Context, person, duty, path) -> list[Problem]:
    has_span = duty.start is not None or duty.end is not None
    if duty.daily and has_span:
        return [Problem("give a duty either daily or start and end, not both", path)]
    if not duty.daily and (duty.start is None or duty.end is None):
        return [Problem("a duty needs daily = 'HH:MM-HH:MM', or both start and end", path)]
    if has_span and duty.end_s <= duty.start_s:
        return [Problem(f"duty {duty.name!r} ends before it starts", (*path, "end"))]
    if has_span and person.is_aboard and context.has_span \
            and _outside(context, duty.start_s, duty.end_s):
        return [Problem(f"duty {duty.name!r} falls outside {_mission_text(context)}",
                        (*path, "start"))]
    return []


def _units(context: Context) -> list[Problem]:
    production, problems = context.production, []
    people = {p.id for p in production.people} | context.set_aside
    for index, unit in enumerate(production.units):
        for number, person_id in enumerate(unit.people):
            if person_id not in people:
                problems.append(Problem(f"unit {unit.id!r}: unknown person {person_id!r}"
                                        + _did_you_mean(person_id, people),
                                        ("units", index, "people", number)))
        if not unit.people:
            problems.append(Problem(f"unit {unit.id!r} has nobody to run it",
                                    ("units", index, "people")))
    if production.orbital_scenes() and not production.camera_units() and not context.set_aside:
        problems.append(Problem("nobody to shoot: give [[units]] or a person with the role "
                                "'director' or 'camera'", ("people",)))
    return problems


def _did_you_mean(word: str, choices) -> str:
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


# -- scenes -------------------------------------------------------------------------------

def _scenes(context: Context):
    return enumerate(context.production.scenes)


def _scene_kinds(context: Context) -> list[Problem]:
    problems = []
    locations = context.production.all_locations()
    for index, scene in _scenes(context):
        where = ("scenes", index)
        if scene.shoot_min is None and scene.days is None:
            problems.append(Problem(f"scene {scene.id!r}: give shoot_min (a scene aboard) or "
                                    f"days (a ground scene)", where))
        elif scene.shoot_min is not None and scene.days is not None:
            problems.append(Problem(f"scene {scene.id!r}: give shoot_min or days, not both",
                                    (*where, "days")))
        location = locations.get(scene.location)
        if location is None:
            continue
        if location.is_ground and scene.shoot_min is not None:
            problems.append(Problem(f"scene {scene.id!r} is at the ground location "
                                    f"{scene.location!r}: give days, not shoot_min",
                                    (*where, "shoot_min")))
        elif not location.is_ground and scene.days is not None:
            problems.append(Problem(f"scene {scene.id!r} is aboard ({scene.location!r}): give "
                                    f"shoot_min, not days", (*where, "days")))
    return problems


def _scene_locations(context: Context) -> list[Problem]:
    known = set(context.production.all_locations())
    return [Problem(f"scene {scene.id!r}: unknown location {scene.location!r}"
                    + _did_you_mean(scene.location, known), ("scenes", index, "location"))
            for index, scene in _scenes(context)
            if scene.location not in known and scene.location not in context.set_aside]


def _scene_cast(context: Context) -> list[Problem]:
    characters = set(context.production.characters()) | {slug(i) for i in context.set_aside}
    problems = []
    for index, scene in _scenes(context):
        for number, name in enumerate(scene.cast):
            if slug(name) not in characters:
                problems.append(Problem(
                    f"scene {scene.id!r}: unknown person or character {name!r}"
                    + _did_you_mean(slug(name), characters)
                    + " (add a [[people]] entry, or list the character in someone's plays)",
                    ("scenes", index, "cast", number)))
    return problems


def _scene_conditions(context: Context) -> list[Problem]:
    problems = []
    for index, scene in _scenes(context):
        where = ("scenes", index)
        if scene.is_ground:
            problems += _ground_scene_conditions(scene, where)
            continue
        if scene.over and not _region_known(context, scene.over):
            problems.append(Problem(f"scene {scene.id!r}: unknown region {scene.over!r}: use an "
                                    f"ISO 3166 country code (RU, KZ, US) or define [[regions]]",
                                    (*where, "over")))
        if scene.contact and not _station_known(context, scene.contact):
            problems.append(Problem(f"scene {scene.id!r}: unknown ground station "
                                    f"{scene.contact!r}; known: "
                                    f"{', '.join(sorted(_station_ids(context)))}",
                                    (*where, "contact")))
        for number, name in enumerate(scene.conditions):
            problems += _condition_problems(context, scene, name, (*where, "conditions", number))
    return problems


def _ground_scene_conditions(scene: Scene, where) -> list[Problem]:
    orbital = [name for name, value in (("earth", scene.earth != "any"), ("over", scene.over),
                                        ("contact", scene.contact),
                                        ("conditions", scene.conditions)) if value]
    if scene.light in ("sunrise", "sunset"):
        orbital.insert(0, "light")
    return [Problem(f"scene {scene.id!r} is a ground scene (days): {name} is an orbital "
                    f"condition", (*where, name)) for name in orbital]


def _condition_problems(context: Context, scene: Scene, name: str, path) -> list[Problem]:
    if not is_known_condition(name):
        return [Problem(f"scene {scene.id!r}: unknown condition {name!r} (known: sunlit, umbra, "
                        f"penumbra, earth_lit, earth_dark, orbital_day, orbital_night, "
                        f"orbital_sunrise, orbital_sunset, contact:ID, over:ID)", path)]
    kind, _, ident = name.partition(":")
    if kind == "over" and not _region_known(context, ident):
        return [Problem(f"scene {scene.id!r}: unknown region {ident!r}", path)]
    if kind == "contact" and not _station_known(context, ident):
        return [Problem(f"scene {scene.id!r}: unknown ground station {ident!r}", path)]
    return []


def _station_ids(context: Context) -> set:
    from ..orbit.stations import BUNDLED_STATIONS

    return set(BUNDLED_STATIONS) | {s.id for s in context.production.ground_stations}


def _station_known(context: Context, station_id: str) -> bool:
    return station_id in _station_ids(context) or station_id in context.set_aside


def _region_known(context: Context, region_id: str) -> bool:
    from ..orbit.regions import is_country_code

    defined = {r.id for r in context.production.regions} | context.set_aside
    return region_id in defined or is_country_code(region_id)


def _scene_splitting(context: Context) -> list[Problem]:
    problems = []
    for index, scene in _scenes(context):
        where = ("scenes", index, "min_piece_min")
        if scene.min_piece_min is None:
            continue
        if not scene.splittable:
            problems.append(Problem(f"scene {scene.id!r}: min_piece_min without "
                                    f"splittable = true", where))
        elif scene.shoot_min is not None and scene.min_piece_min > scene.shoot_min:
            problems.append(Problem(f"scene {scene.id!r}: min_piece_min {scene.min_piece_min:g} "
                                    f"is longer than shoot_min {scene.shoot_min:g}", where))
    return problems


def _scene_times(context: Context) -> list[Problem]:
    problems = []
    for index, scene in _scenes(context):
        where = ("scenes", index)
        if scene.earliest and scene.latest and scene.latest_s <= scene.earliest_s:
            problems.append(Problem(f"scene {scene.id!r}: latest is not after earliest",
                                    (*where, "latest")))
        elif scene.earliest and scene.latest and scene.latest_s - scene.earliest_s < scene.shoot_s:
            problems.append(Problem(f"scene {scene.id!r}: earliest to latest is shorter than "
                                    f"shoot_min", (*where, "latest")))
        if scene.is_ground or not context.has_span:
            continue
        for key in ("earliest", "latest"):
            moment = getattr(scene, f"{key}_s")
            if moment is not None and _outside(context, moment, moment):
                problems.append(Problem(f"scene {scene.id!r}: {key} {format_minute(moment)} UTC "
                                        f"is outside {_mission_text(context)}", (*where, key)))
        problems += _preferred_days(context, scene, where)
    return problems


def _preferred_days(context: Context, scene: Scene, where) -> list[Problem]:
    low, high = context.production.span_s
    first, last = (datetime.fromtimestamp(s, tz=timezone.utc).date() for s in (low, high))
    return [Problem(f"scene {scene.id!r}: preferred day {day} is outside the mission "
                    f"({first} to {last})", (*where, "preferred_days", number))
            for number, day in enumerate(scene.preferred_days) if not first <= day <= last]


def _precedence(context: Context) -> list[Problem]:
    scenes = context.production.scenes
    known = {s.id for s in scenes} | context.set_aside
    problems = []
    for index, scene in enumerate(scenes):
        for number, other in enumerate(scene.after):
            if other == scene.id:
                problems.append(Problem(f"scene {scene.id!r} comes after itself",
                                        ("scenes", index, "after", number)))
            elif other not in known:
                problems.append(Problem(f"scene {scene.id!r}: after unknown scene {other!r}"
                                        + _did_you_mean(other, known),
                                        ("scenes", index, "after", number)))
    return problems + _cycles(scenes)


def _cycles(scenes: list[Scene]) -> list[Problem]:
    """Return one problem per cycle in ``after`` (a scene that must follow itself)."""
    position = {scene.id: index for index, scene in enumerate(scenes)}
    after = {scene.id: [o for o in scene.after if o in position and o != scene.id]
             for scene in scenes}
    state, problems = {}, []

    def visit(start: str) -> None:
        # Iterative depth-first search: a long chain of scenes must not hit the recursion limit.
        stack, path = [(start, iter(after[start]))], [start]
        state[start] = "open"
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = "done"
                stack.pop()
                path.pop()
            elif state.get(child) == "open":
                cycle = path[path.index(child):] + [child]
                problems.append(Problem(f"a cycle in after: {' -> '.join(cycle)} (each must "
                                        f"be shot after the next)",
                                        ("scenes", position[child], "after")))
            elif child not in state:
                state[child] = "open"
                stack.append((child, iter(after[child])))
                path.append(child)

    for scene in scenes:
        if scene.id not in state:
            visit(scene.id)
    return problems


def _cast_aboard(context: Context) -> list[Problem]:
    """Every actor of a scene aboard must be aboard at some time the scene may be shot."""
    production, problems = context.production, []
    if not context.has_span:
        return problems
    for index, scene in _scenes(context):
        if scene.is_ground:
            continue
        low = scene.earliest_s or production.span_s[0]
        high = scene.latest_s or production.span_s[1]
        for person in production.cast_of(scene):
            aboard = production.aboard_s(person).clip(low, high)
            if not person.is_aboard:
                problems.append(Problem(f"scene {scene.id!r} is aboard but {person.id!r} is never "
                                        f"aboard (aboard = 'ground')", ("scenes", index, "cast")))
            elif aboard.total_s() <= 0:
                problems.append(Problem(f"scene {scene.id!r}: {person.id!r} is not aboard "
                                        f"between its earliest and latest", ("scenes", index, "cast")))
    return problems


def _daily_limits(context: Context) -> list[Problem]:
    production, problems = context.production, []
    for index, scene in _scenes(context):
        if scene.is_ground:
            continue
        for person in production.cast_of(scene):
            limit = person.daily_film_limit_min
            if limit is not None and scene.min_piece_s > limit * MINUTE_S:
                problems.append(Problem(
                    f"scene {scene.id!r} needs {scene.min_piece_s / MINUTE_S:g} min in one go but "
                    f"{person.id!r} may film {limit:g} min a day", ("scenes", index, "shoot_min")))
    return problems


def _cast_in_no_scene(context: Context) -> list[Problem]:
    """An actor in no scene is a mistake in the cast list or in the scenes."""
    production = context.production
    who = production.characters()
    used = {who[slug(name)] for scene in production.scenes for name in scene.cast
            if slug(name) in who}
    return [Problem(f"{person.id!r} is cast (plays {', '.join(person.plays) or 'a part'}) but "
                    f"in no scene", ("people", index))
            for index, person in enumerate(production.people)
            if (person.plays or person.has_role("cast")) and person.id not in used]


def _moves(context: Context) -> list[Problem]:
    known = set(context.production.all_locations()) | context.set_aside
    return [Problem(f"unknown location {location_id!r}" + _did_you_mean(location_id, known),
                    ("move", "pairs", index, "between", side))
            for index, pair in enumerate(context.production.move.pairs)
            for side, location_id in enumerate(pair.between) if location_id not in known]


def _ground_calendar(context: Context) -> list[Problem]:
    ground = context.production.ground
    if ground.start and ground.end and ground.end < ground.start:
        return [Problem("the ground calendar ends before it starts", ("ground", "end"))]
    if ground.start and ground.end:
        return [Problem(f"day off {day} is outside the ground calendar",
                        ("ground", "days_off", number))
                for number, day in enumerate(ground.days_off)
                if not ground.start <= day <= ground.end]
    return []


# -- the orbit: can the conditions ever give a long enough window? ----------------------

def window_problems(production: Production, environment=None) -> tuple[list[Problem], object]:
    """Return scenes longer than any window their conditions (and people) could ever give.

    Computes the environment over the mission span (unless given) and returns it too.
    """
    from .orbital import scene_windows_s

    if not production.orbital_scenes():
        return [], environment
    try:
        environment = environment or production.environment()
    except OrbitfilmError as error:
        return [Problem(f"cannot compute the orbital environment: {error}", ("mission",))], None
    problems = []
    for index, scene in enumerate(production.scenes):
        if scene.is_ground:
            continue
        by_conditions, with_people = scene_windows_s(production, environment, scene)
        problem = _too_long(scene, by_conditions, "its conditions")
        if problem is None:
            problem = _too_long(scene, with_people, "its conditions with its cast and unit free")
        if problem:
            problems.append(Problem(problem, ("scenes", index, "shoot_min")))
    return problems, environment


def _too_long(scene: Scene, windows: IntervalSet, what: str) -> str | None:
    names = " + ".join(scene.condition_names()) or "no condition"
    need_s = scene.min_piece_s
    if windows.longest_s() + SLACK_S < need_s:
        return (f"scene {scene.id!r} needs {need_s / MINUTE_S:g} min in one go ({names}) but "
                f"{what} never give more than {windows.longest_s() / MINUTE_S:.1f} min "
                f"during the mission")
    if windows.total_s() + SLACK_S < scene.shoot_s:
        return (f"scene {scene.id!r} needs {scene.shoot_s / MINUTE_S:g} min ({names}) but {what} "
                f"give only {windows.total_s() / MINUTE_S:.1f} min in all during the mission")
    return None


# -- the check command ----------------------------------------------------------------------

@dataclass
class CheckReport:
    """A production that passed every check, with a short summary and warnings."""

    production: Production
    warnings: list[str]

    def _mission_line(self) -> str:
        if self.production.mission is None:
            return "no mission: a ground production"
        low, high = self.production.span_s
        return (f"mission: docking {format_minute(low)} UTC, undocking {format_minute(high)} UTC "
                f"({(high - low) / DAY_S:.1f} days)")

    def summary_lines(self) -> list[str]:
        """Return a few lines that say what the production holds."""
        production = self.production
        orbital, ground = production.orbital_scenes(), production.ground_scenes()
        aboard = [p for p in production.people if p.is_aboard]
        conditions = sorted({n for s in orbital for n in s.condition_names()})
        return [
            f"{production.title}: {len(production.scenes)} scenes ({len(orbital)} aboard, "
            f"{len(ground)} on the ground), {len(production.people)} people ({len(aboard)} "
            f"aboard), {len({s.location for s in production.scenes})} locations",
            self._mission_line(),
            f"to shoot: {sum(s.shoot_min for s in orbital):g} min aboard, "
            f"{sum(s.days for s in ground):g} days on the ground",
            f"conditions used: {', '.join(conditions) or 'none'}",
        ]


def check_file(path: str | Path, *, orbit: bool = True) -> CheckReport:
    """Check a production file through and through; raise ``InputErrors`` listing every problem.

    With ``orbit``, also compute the environment over the mission and check that each scene
    can get a window long enough.
    """
    from ..errors import InputErrors
    from .loader import as_input_error, load_production
    from .tomlindex import TomlIndex

    production = load_production(path)
    if not orbit:
        return CheckReport(production, [])
    problems, environment = window_problems(production)
    if problems:
        index = TomlIndex(Path(path).read_text(encoding="utf-8-sig"))
        raise InputErrors([as_input_error(p, index, str(path)) for p in problems])
    return CheckReport(production, list(environment.warnings) if environment else [])
