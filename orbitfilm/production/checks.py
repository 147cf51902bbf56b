"""What a production means, checked: references, cycles, durations, times.

Each check is one short function that returns ``Mistake``s at key paths; the loader turns
them into ``FILE:LINE: message (field.path)`` lines. Nothing here computes an orbit: the
names of conditions, stations, regions, sites and vehicles come from the orbit engine's
catalogues, and the checks that need the orbit itself (can a scene's conditions ever give a
window long enough?) are the flight stage's (``orbitfilm.mission``). The checks of times
against the mission run once the docking is known: here when the file gives it, in the
flight stage when the launch finder finds it (``time_mistakes``).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..errors import InputError
from ..orbit import conditions
from ..orbit.regions import is_country_code
from ..orbit.sites import parse_site
from ..orbit.stations import BUNDLED_STATIONS
from ..orbit.vehicles import vehicle_by_id
from ..times import DAY_S, MINUTE_S, format_minute
from .mistakes import Mistake
from .model import Person, Production, Scene, slug
from .training_checks import check_training

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


def check_production(production: Production, set_aside=frozenset()) -> list[Mistake]:
    """Return every mistake of meaning in a production whose shape is valid.

    The checks of times against the mission run only when the docking is known.
    """
    context = Context(production, set(set_aside))
    mistakes = []
    for check in (_unique_ids, _time_zones, _mission, _files, _people, _units,
                  _scene_kinds, _scene_locations, _scene_cast, _scene_conditions,
                  _scene_splitting, _scene_order, _precedence, _daily_limits,
                  _cast_in_no_scene, _moves, _ground_calendar, _training):
        mistakes += check(context)
    if context.production.mission is not None and context.production.mission.docking:
        mistakes += _times(context)
    return mistakes


def time_mistakes(production: Production) -> list[Mistake]:
    """Return the mistakes of times against the mission (once its docking is known)."""
    return _times(Context(production))


def _times(context: Context) -> list[Mistake]:
    mistakes = _mission_times(context)
    if not context.has_span:
        return mistakes  # times cannot be placed in a mission that ends before it begins
    for check in (_people_times, _scene_times, _cast_aboard):
        mistakes += check(context)
    return mistakes


# -- whole-file checks ----------------------------------------------------------------------

def _unique_ids(context: Context) -> list[Mistake]:
    mistakes = []
    for section in ("people", "locations", "scenes", "units", "ground_stations", "regions"):
        seen = {}
        for index, item in enumerate(getattr(context.production, section)):
            if item.id in seen:
                mistakes.append(Mistake(f"{item.id!r} is defined twice (first at "
                                        f"{section}[{seen[item.id]}])", (section, index, "id")))
            seen.setdefault(item.id, index)
    return mistakes


def _time_zones(context: Context) -> list[Mistake]:
    production = context.production
    named = [(name, ("time_zones", index)) for index, name in enumerate(production.time_zones)]
    named += [(location.time_zone, ("locations", index, "time_zone"))
              for index, location in enumerate(production.locations) if location.time_zone]
    return [Mistake(f"unknown time zone {name!r} (use IANA names such as 'Europe/Moscow')",
                    path) for name, path in named if not _is_zone(name)]


def _is_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _mission(context: Context) -> list[Mistake]:
    mission = context.production.mission
    if mission is None:
        aboard = [s.id for s in context.production.orbital_scenes()]
        return [Mistake(f"scenes shot aboard ({', '.join(aboard[:3])}) need a [mission] table "
                        f"with the docking and undocking", ("mission",))] if aboard else []
    launch, mistakes = mission.launch, []
    for kind, read in (("site", parse_site), ("vehicle", vehicle_by_id)):
        text = getattr(launch, kind) if launch else None
        message = _refusal(read, text) if text else None
        if message:
            mistakes.append(Mistake(message, ("mission", "launch", kind)))
    # With a training programme, the planner chooses the launch date from the day the crew
    # is cleared; the launch finder still needs the site and the vehicle.
    dated = launch and launch.date or context.production.training is not None
    if mission.docking is None and not (launch and launch.site and launch.vehicle and dated):
        mistakes.append(Mistake("give mission.docking, or mission.launch with site, vehicle "
                                "and date (the launch finder then finds the docking)",
                                ("mission", "launch" if launch else "docking")))
    return mistakes


def _refusal(read, text: str) -> str | None:
    """Return why a catalogue refuses an id (a site, a vehicle), or ``None`` if it knows it."""
    try:
        read(text)
    except InputError as error:
        return error.message
    return None


def _mission_times(context: Context) -> list[Mistake]:
    mission, mistakes = context.production.mission, []
    launch = mission.launch
    if mission.undocking_s <= mission.docking_s:
        mistakes.append(Mistake(f"undocking {format_minute(mission.undocking_s)} UTC is not "
                                f"after docking {format_minute(mission.docking_s)} UTC",
                                ("mission", "undocking")))
    elif mission.hatch_open_s >= mission.undocking_s:
        mistakes.append(Mistake("the hatch opens after undocking", ("mission", "hatch_open_min")))
    if launch and launch.liftoff and launch.liftoff_s >= mission.docking_s:
        mistakes.append(Mistake("liftoff is not before docking", ("mission", "launch", "liftoff")))
    if launch and launch.date and launch.date > mission.docking.date():
        mistakes.append(Mistake(f"launch date {launch.date} is after docking "
                                f"({mission.docking.date()})", ("mission", "launch", "date")))
    return mistakes


def reserve_warnings(production: Production) -> list[str]:
    """Return a warning when the days kept for re-shoots cover the whole stay aboard: every
    scene then pays the reserve's penalty (a soft rule, so not a mistake)."""
    mission = production.mission
    if mission is None or mission.docking is None or not production.orbital_scenes():
        return []
    reserve_days = production.limits.reserve_days
    open_s = mission.undocking_s - mission.hatch_open_s
    if open_s <= 0 or reserve_days * DAY_S < open_s:
        return []
    return [f"limits.reserve_days = {reserve_days:g} keeps the whole stay free for re-shoots "
            f"({open_s / DAY_S:.1f} days from the hatch opening to undocking): every scene "
            f"aboard is shot in the reserve"]


def _files(context: Context) -> list[Mistake]:
    production, mistakes = context.production, []
    mission = production.mission
    if mission is None:
        return []
    if mission.elements and not production.resolve_path(mission.elements).is_file():
        mistakes.append(Mistake(f"no such element-set file: {mission.elements}",
                                ("mission", "elements")))
    if not mission.elements and mission.station.upper() != "ISS":
        mistakes.append(Mistake(f"give mission.elements for the station {mission.station!r} "
                                f"(only the ISS sets are bundled)", ("mission", "station")))
    for index, region in enumerate(production.regions):
        if not production.resolve_path(region.geojson).is_file():
            mistakes.append(Mistake(f"no such GeoJSON file: {region.geojson}",
                                    ("regions", index, "geojson")))
    return mistakes


def _outside(context: Context, start_s: float, end_s: float) -> bool:
    low, high = context.production.span_s
    return start_s < low - SLACK_S or end_s > high + SLACK_S


def _mission_text(context: Context) -> str:
    low, high = context.production.span_s
    return f"the mission ({format_minute(low)} to {format_minute(high)} UTC)"


def _people(context: Context) -> list[Mistake]:
    """Who is aboard when: a ``[FROM, TO]`` in order, flights the mission names, sane duties."""
    mistakes = []
    for index, person in enumerate(context.production.people):
        where = ("people", index)
        if isinstance(person.aboard, tuple) and person.aboard[1] <= person.aboard[0]:
            mistakes.append(Mistake("aboard: TO is not after FROM", (*where, "aboard")))
        mistakes += _flights(context, person, where)
        for number, duty in enumerate(person.duties):
            mistakes += _duty_shape(duty, (*where, "duties", number))
    return mistakes


def _flights(context: Context, person: Person, where) -> list[Mistake]:
    """A person leaves after arriving; which flights they may name is the flight stage's
    to say (``mission.traffic.flight_mistakes``): any flight of the station's traffic."""
    if person.arrive is not None and person.leave is not None and \
            not isinstance(person.arrive, str) and not isinstance(person.leave, str) and \
            person.leave <= person.arrive:
        return [Mistake(f"person {person.id!r}: leaves before arriving", (*where, "leave"))]
    return []


def _duty_shape(duty, path) -> list[Mistake]:
    has_span = duty.start is not None or duty.end is not None
    if duty.daily and has_span:
        return [Mistake("give a duty either daily or start and end, not both", path)]
    if not duty.daily and (duty.start is None or duty.end is None):
        return [Mistake("a duty needs daily = 'HH:MM-HH:MM', or both start and end", path)]
    if has_span and duty.end_s <= duty.start_s:
        return [Mistake(f"duty {duty.name!r} ends before it starts", (*path, "end"))]
    return []


def _people_times(context: Context) -> list[Mistake]:
    """Times a person gives (aboard, arrive, leave, duties) lie within the mission."""
    mistakes = []
    for index, person in enumerate(context.production.people):
        where = ("people", index)
        for key in ("aboard", "arrive", "leave"):
            value = getattr(person, key)
            moments = value if isinstance(value, tuple) else (value,) \
                if isinstance(value, datetime) else ()
            if any(_outside(context, m.timestamp(), m.timestamp()) for m in moments):
                mistakes.append(Mistake(f"{key} falls outside {_mission_text(context)}",
                                        (*where, key)))
        for number, duty in enumerate(person.duties):
            if duty.start and duty.end and person.is_aboard and \
                    _outside(context, duty.start_s, duty.end_s):
                mistakes.append(Mistake(f"duty {duty.name!r} falls outside "
                                        f"{_mission_text(context)}",
                                        (*where, "duties", number, "start")))
    return mistakes


def _units(context: Context) -> list[Mistake]:
    production, mistakes = context.production, []
    people = {p.id for p in production.people} | context.set_aside
    for index, unit in enumerate(production.units):
        for number, person_id in enumerate(unit.people):
            if person_id not in people:
                mistakes.append(Mistake(f"unit {unit.id!r}: unknown person {person_id!r}"
                                        + _did_you_mean(person_id, people),
                                        ("units", index, "people", number)))
        if not unit.people:
            mistakes.append(Mistake(f"unit {unit.id!r} has nobody to run it",
                                    ("units", index, "people")))
    if production.orbital_scenes() and not production.camera_units() and not context.set_aside:
        mistakes.append(Mistake("nobody to shoot: give [[units]] or a person with the role "
                                "'director' or 'camera'", ("people",)))
    return mistakes


def _did_you_mean(word: str, choices) -> str:
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


# -- scenes -------------------------------------------------------------------------------

def _scenes(context: Context):
    return enumerate(context.production.scenes)


def _scene_kinds(context: Context) -> list[Mistake]:
    mistakes = []
    locations = context.production.all_locations()
    for index, scene in _scenes(context):
        where = ("scenes", index)
        if scene.shoot_min is None and scene.days is None:
            mistakes.append(Mistake(f"scene {scene.id!r}: give shoot_min (a scene aboard) or "
                                    f"days (a ground scene)", where))
        elif scene.shoot_min is not None and scene.days is not None:
            mistakes.append(Mistake(f"scene {scene.id!r}: give shoot_min or days, not both",
                                    (*where, "days")))
        location = locations.get(scene.location)
        if location is None:
            continue
        if location.is_ground and scene.shoot_min is not None:
            mistakes.append(Mistake(f"scene {scene.id!r} is at the ground location "
                                    f"{scene.location!r}: give days, not shoot_min",
                                    (*where, "shoot_min")))
        elif not location.is_ground and scene.days is not None:
            mistakes.append(Mistake(f"scene {scene.id!r} is aboard ({scene.location!r}): give "
                                    f"shoot_min, not days", (*where, "days")))
    return mistakes


def _scene_locations(context: Context) -> list[Mistake]:
    known = set(context.production.all_locations())
    return [Mistake(f"scene {scene.id!r}: unknown location {scene.location!r}"
                    + _did_you_mean(scene.location, known), ("scenes", index, "location"))
            for index, scene in _scenes(context)
            if scene.location not in known and scene.location not in context.set_aside]


def _scene_cast(context: Context) -> list[Mistake]:
    characters = set(context.production.characters()) | {slug(i) for i in context.set_aside}
    mistakes = []
    for index, scene in _scenes(context):
        for number, name in enumerate(scene.cast):
            if slug(name) not in characters:
                mistakes.append(Mistake(
                    f"scene {scene.id!r}: unknown person or character {name!r}"
                    + _did_you_mean(slug(name), characters)
                    + " (add a [[people]] entry, or list the character in someone's plays)",
                    ("scenes", index, "cast", number)))
    return mistakes


def _scene_conditions(context: Context) -> list[Mistake]:
    mistakes = []
    for index, scene in _scenes(context):
        where = ("scenes", index)
        if scene.is_ground:
            mistakes += _ground_scene_conditions(scene, where)
            continue
        if scene.over and not _region_known(context, scene.over):
            mistakes.append(Mistake(f"scene {scene.id!r}: unknown region {scene.over!r}: use an "
                                    f"ISO 3166 country code (RU, KZ, US) or define [[regions]]",
                                    (*where, "over")))
        if scene.contact and not _station_known(context, scene.contact):
            mistakes.append(Mistake(f"scene {scene.id!r}: unknown ground station "
                                    f"{scene.contact!r}; known: "
                                    f"{', '.join(sorted(_station_ids(context)))}",
                                    (*where, "contact")))
        for number, name in enumerate(scene.conditions):
            mistakes += _condition_mistakes(context, scene, name, (*where, "conditions", number))
    return mistakes


def _ground_scene_conditions(scene: Scene, where) -> list[Mistake]:
    orbital = [name for name, value in (("earth", scene.earth != "any"), ("over", scene.over),
                                        ("contact", scene.contact),
                                        ("conditions", scene.conditions)) if value]
    if scene.light in ("sunrise", "sunset"):
        orbital.insert(0, "light")
    return [Mistake(f"scene {scene.id!r} is a ground scene (days): {name} is an orbital "
                    f"condition", (*where, name)) for name in orbital]


def _condition_mistakes(context: Context, scene: Scene, name: str, path) -> list[Mistake]:
    if not conditions.is_known(name):
        return [Mistake(f"scene {scene.id!r}: unknown condition {name!r}"
                        + _did_you_mean(name, conditions.REGISTRY)
                        + f" (known: {', '.join(conditions.known_names())})", path)]
    kind, _, ident = name.partition(":")
    if kind == "over" and not _region_known(context, ident):
        return [Mistake(f"scene {scene.id!r}: unknown region {ident!r}", path)]
    if kind == "contact" and not _station_known(context, ident):
        return [Mistake(f"scene {scene.id!r}: unknown ground station {ident!r}", path)]
    return []


def _station_ids(context: Context) -> set:
    return set(BUNDLED_STATIONS) | {s.id for s in context.production.ground_stations}


def _station_known(context: Context, station_id: str) -> bool:
    return station_id in _station_ids(context) or station_id in context.set_aside


def _region_known(context: Context, region_id: str) -> bool:
    defined = {r.id for r in context.production.regions} | context.set_aside
    return region_id in defined or is_country_code(region_id)


def _scene_splitting(context: Context) -> list[Mistake]:
    mistakes = []
    for index, scene in _scenes(context):
        where = ("scenes", index, "min_piece_min")
        if scene.min_piece_min is None:
            continue
        if not scene.splittable:
            mistakes.append(Mistake(f"scene {scene.id!r}: min_piece_min without "
                                    f"splittable = true", where))
        elif scene.shoot_min is not None and scene.min_piece_min > scene.shoot_min:
            mistakes.append(Mistake(f"scene {scene.id!r}: min_piece_min {scene.min_piece_min:g} "
                                    f"is longer than shoot_min {scene.shoot_min:g}", where))
    return mistakes


def _scene_order(context: Context) -> list[Mistake]:
    """A scene's earliest comes before its latest, with room for its shooting between."""
    mistakes = []
    for index, scene in _scenes(context):
        where = ("scenes", index)
        if scene.earliest and scene.latest and scene.latest_s <= scene.earliest_s:
            mistakes.append(Mistake(f"scene {scene.id!r}: latest is not after earliest",
                                    (*where, "latest")))
        elif scene.earliest and scene.latest and scene.latest_s - scene.earliest_s < scene.shoot_s:
            mistakes.append(Mistake(f"scene {scene.id!r}: earliest to latest is shorter than "
                                    f"shoot_min", (*where, "latest")))
    return mistakes


def _scene_times(context: Context) -> list[Mistake]:
    """A scene's earliest, latest and preferred days lie within the mission."""
    mistakes = []
    for index, scene in _scenes(context):
        where = ("scenes", index)
        if scene.is_ground:
            continue
        for key in ("earliest", "latest"):
            moment = getattr(scene, f"{key}_s")
            if moment is not None and _outside(context, moment, moment):
                mistakes.append(Mistake(f"scene {scene.id!r}: {key} {format_minute(moment)} UTC "
                                        f"is outside {_mission_text(context)}", (*where, key)))
        mistakes += _preferred_days(context, scene, where)
    return mistakes


def _preferred_days(context: Context, scene: Scene, where) -> list[Mistake]:
    low, high = context.production.span_s
    first, last = (datetime.fromtimestamp(s, tz=timezone.utc).date() for s in (low, high))
    return [Mistake(f"scene {scene.id!r}: preferred day {day} is outside the mission "
                    f"({first} to {last})", (*where, "preferred_days", number))
            for number, day in enumerate(scene.preferred_days) if not first <= day <= last]


def _precedence(context: Context) -> list[Mistake]:
    scenes = context.production.scenes
    known = {s.id for s in scenes} | context.set_aside
    mistakes = []
    for index, scene in enumerate(scenes):
        for number, other in enumerate(scene.after):
            if other == scene.id:
                mistakes.append(Mistake(f"scene {scene.id!r} comes after itself",
                                        ("scenes", index, "after", number)))
            elif other not in known:
                mistakes.append(Mistake(f"scene {scene.id!r}: after unknown scene {other!r}"
                                        + _did_you_mean(other, known),
                                        ("scenes", index, "after", number)))
    return mistakes + _cycles(scenes)


def _cycles(scenes: list[Scene]) -> list[Mistake]:
    """Return one problem per cycle in ``after`` (a scene that must follow itself)."""
    position = {scene.id: index for index, scene in enumerate(scenes)}
    after = {scene.id: [o for o in scene.after if o in position and o != scene.id]
             for scene in scenes}
    state, mistakes = {}, []

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
                mistakes.append(Mistake(f"a cycle in after: {' -> '.join(cycle)} (each must "
                                        f"be shot after the next)",
                                        ("scenes", position[child], "after")))
            elif child not in state:
                state[child] = "open"
                stack.append((child, iter(after[child])))
                path.append(child)

    for scene in scenes:
        if scene.id not in state:
            visit(scene.id)
    return mistakes


def _cast_aboard(context: Context) -> list[Mistake]:
    """Every actor of a scene aboard must be aboard at some time the scene may be shot."""
    production, mistakes = context.production, []
    for index, scene in _scenes(context):
        if scene.is_ground:
            continue
        low = scene.earliest_s or production.span_s[0]
        high = scene.latest_s or production.span_s[1]
        for person in production.cast_of(scene):
            aboard = [(a, b) for a, b in person.aboard_pairs_s(production.mission)
                      if min(b, high) > max(a, low)]
            if not person.is_aboard:
                mistakes.append(Mistake(f"scene {scene.id!r} is aboard but {person.id!r} is never "
                                        f"aboard (aboard = 'ground')", ("scenes", index, "cast")))
            elif not aboard:
                mistakes.append(Mistake(f"scene {scene.id!r}: {person.id!r} is not aboard "
                                        f"between its earliest and latest", ("scenes", index, "cast")))
    return mistakes


def _daily_limits(context: Context) -> list[Mistake]:
    production, mistakes = context.production, []
    for index, scene in _scenes(context):
        if scene.is_ground:
            continue
        for person in production.cast_of(scene):
            limit, _ = production.film_limits_min(person)
            if limit is not None and scene.min_piece_s > limit * MINUTE_S:
                mistakes.append(Mistake(
                    f"scene {scene.id!r} needs {scene.min_piece_s / MINUTE_S:g} min in one go but "
                    f"{person.id!r} may film {limit:g} min a day", ("scenes", index, "shoot_min")))
    return mistakes


def _cast_in_no_scene(context: Context) -> list[Mistake]:
    """An actor in no scene is a mistake in the cast list or in the scenes."""
    production = context.production
    who = production.characters()
    used = {who[slug(name)] for scene in production.scenes for name in scene.cast
            if slug(name) in who}
    return [Mistake(f"{person.id!r} is cast (plays {', '.join(person.plays) or 'a part'}) but "
                    f"in no scene", ("people", index))
            for index, person in enumerate(production.people)
            if (person.plays or person.has_role("cast")) and person.id not in used]


def _moves(context: Context) -> list[Mistake]:
    """Pairs of the ``[move]`` table name known locations; ground pairs ground ones."""
    locations = context.production.all_locations()
    known = set(locations) | context.set_aside
    mistakes = [Mistake(f"unknown location {location_id!r}" + _did_you_mean(location_id, known),
                        ("move", "pairs", index, "between", side))
                for index, pair in enumerate(context.production.move.pairs)
                for side, location_id in enumerate(pair.between) if location_id not in known]
    for index, pair in enumerate(context.production.move.ground):
        for side, location_id in enumerate(pair.between):
            place = locations.get(location_id)
            if location_id in context.set_aside:
                continue
            if place is None or not place.is_ground:
                what = "unknown" if place is None else "not a ground"
                mistakes.append(Mistake(f"{what} location {location_id!r}"
                                        + _did_you_mean(location_id, known),
                                        ("move", "ground", index, "between", side)))
    return mistakes


def _ground_calendar(context: Context) -> list[Mistake]:
    production = context.production
    ground = production.ground
    if ground.start and ground.end and ground.end < ground.start:
        return [Mistake("the ground calendar ends before it starts", ("ground", "end"))]
    if production.ground_scenes() and production.mission is None and not \
            (ground.start or ground.end):
        return [Mistake("the ground scenes need a calendar: give [ground] start (or end); "
                        "with a [mission], the days before the launch are used", ("ground",))]
    if ground.start and ground.end:
        return [Mistake(f"day off {day} is outside the ground calendar",
                        ("ground", "days_off", number))
                for number, day in enumerate(ground.days_off)
                if not ground.start <= day <= ground.end]
    return []


def _training(context: Context) -> list[Mistake]:
    training = context.production.training
    if training is None:
        return []
    return check_training(training, {p.id: p for p in context.production.people})
