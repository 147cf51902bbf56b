"""The production: mission, people, locations and scenes, as validated pydantic models.

The models check the shape of each value (types, ranges, the forms of times); the meaning of
the whole (references, cycles, times outside the mission) is checked in ``checks``. Instants
are held as UTC datetimes, as a person writes them; the scheduler reads them as POSIX
seconds through the ``*_s`` accessors.
"""

from __future__ import annotations

import datetime as dt
import re
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, PrivateAttr, model_validator

from ..errors import InputError
from ..times import DAY_S, MINUTE_S
from .catalogue import GROUND_PLACES, STATION_MODULES
from .fields import (ID_PATTERN, ClockTime, DailySpan, ElementKey, Id, Instant, Minutes,
                     PositiveMinutes, Strict, seconds, slug, utc_datetime)
from .training import Training

CAMERA_ROLES = ("director", "camera")
DEFAULT_TIME_ZONES = ["GMT", "Europe/Moscow", "America/Chicago"]


# -- the mission -----------------------------------------------------------------------

class Launch(Strict):
    """The launch that carries the film crew up; the launch finder turns it into a docking."""

    site: str | None = Field(None, description="launch site id, e.g. baikonur-31")
    vehicle: str | None = Field(None, description="vehicle id, e.g. soyuz-ms")
    date: dt.date | None = Field(None, description="launch date (UTC)")
    liftoff: Instant | None = Field(None, description="liftoff, when known")
    profiles: list[str] = Field(
        default_factory=list, description="rendezvous profiles the production takes, e.g. "
        "['2-orbit', '4-orbit'] for a Soyuz (default: the vehicle's fastest only)")

    @property
    def liftoff_s(self) -> float | None:
        return seconds(self.liftoff)


class CrewBlock(Strict):
    """A block of every crew member's day, the same each day (times in GMT)."""

    name: str
    daily: DailySpan


def _default_blocks() -> list[CrewBlock]:
    # The ISS crew day as DESIGN.md sets it: wake 06:00 and sleep 21:30 GMT are the
    # CrewDay's own fields; these are the fixed blocks between them.
    return [CrewBlock(name="post-sleep: hygiene and breakfast", daily="06:00-07:30"),
            CrewBlock(name="daily planning conference", daily="07:30-07:45"),
            CrewBlock(name="lunch", daily="13:00-14:00"),
            CrewBlock(name="pre-sleep: dinner and hygiene", daily="19:30-21:30")]


class CrewDay(Strict):
    """The station crew's day: sleep, fixed blocks and each person's exercise (GMT)."""

    wake: ClockTime = "06:00"
    sleep: ClockTime = "21:30"
    blocks: list[CrewBlock] = Field(default_factory=_default_blocks)
    exercise: list[DailySpan] = Field(
        default_factory=lambda: ["09:00-10:30", "16:00-17:00"],
        description="each person's exercise, 2.5 h a day by default; a person may override")

    @property
    def sleep_daily(self) -> str:
        return f"{self.sleep.strip()}-{self.wake.strip()}"


class Mission(Strict):
    """The station, its element sets, the arrival and the return of the film crew."""

    station: str = "ISS"
    elements: str | None = Field(None, description="TLE/OMM file, relative to this file")
    launch: Launch | None = None
    docking: Instant | None = Field(None, description="docking; found from the launch if left out")
    hatch_open_min: Minutes = Field(150.0, description="minutes from docking to hatch opening")
    undocking: Instant | None = Field(None, description="undocking of the flight home")
    stay_days: Annotated[float, Field(gt=0, le=400)] | None = Field(
        None, description="days from docking to undocking, when the launch is not fixed (the "
                          "training planner chooses it)")
    flight_up: Id | None = Field(
        None, description="the flight that brings the film crew (e.g. soyuz-ms-19): people "
                          "may arrive with it")
    flight_down: Id | None = Field(
        None, description="the flight that takes the film crew home (e.g. soyuz-ms-18): "
                          "people may leave with it")
    traffic: str | None = Field(
        None, description="the station's traffic file (ports, visits, people aboard), "
                          "relative to this file; left out, the bundled iss-2021 record for "
                          "the ISS through 2021")
    crew_day: CrewDay = Field(default_factory=CrewDay)
    # Each flight of the station's traffic by id: (docking, undocking), POSIX seconds (None:
    # past the record). The flight stage fills it from the traffic; people arriving or
    # leaving with those flights read their times from it.
    _flight_times: dict = PrivateAttr(default_factory=dict)

    def with_flight_times(self, times: dict[str, tuple[float, float | None]]) -> "Mission":
        """Return a copy that knows the traffic's flights: id -> (docking, undocking)."""
        copy = self.model_copy()
        copy._flight_times = dict(times)
        return copy

    def flight_known(self, flight: str) -> bool:
        """Return whether a person may arrive or leave with ``flight``."""
        return flight in (self.flight_up, self.flight_down) or flight in self._flight_times

    def arrival_s(self, flight: str) -> float:
        """Return when people arriving with ``flight`` are aboard: the film crew's flight at
        hatch opening, another flight of the traffic its docking plus ``hatch_open_min``."""
        if flight == self.flight_up or flight not in self._flight_times:
            return self.hatch_open_s
        return self._flight_times[flight][0] + self.hatch_open_min * MINUTE_S

    def departure_s(self, flight: str) -> float:
        """Return when people leaving with ``flight`` leave: the mission's undocking for the
        flight home, another flight of the traffic its undocking (past the record: never
        within the mission)."""
        if flight == self.flight_down or flight not in self._flight_times:
            return self.undocking_s
        end_s = self._flight_times[flight][1]
        return end_s if end_s is not None else self.undocking_s

    @property
    def docking_s(self) -> float:
        """Return the docking instant (the flight stage fills it from the launch when left out)."""
        if self.docking is None:
            raise InputError("the mission has no docking time yet: give mission.docking, or "
                             "mission.launch for the launch finder", field="mission.docking")
        return self.docking.timestamp()

    @property
    def hatch_open_s(self) -> float:
        return self.docking_s + self.hatch_open_min * MINUTE_S

    @property
    def undocking_s(self) -> float:
        """Return the undocking: as written, or ``stay_days`` after the docking."""
        if self.undocking is not None:
            return self.undocking.timestamp()
        return self.docking_s + self.stay_days * DAY_S

    @model_validator(mode="after")
    def _one_way_to_say_the_stay(self):
        if (self.undocking is None) == (self.stay_days is None):
            raise ValueError("give one of mission.undocking or mission.stay_days")
        return self

    @property
    def span_s(self) -> tuple[float, float]:
        """Return the mission span aboard: docking to undocking, POSIX seconds."""
        return self.docking_s, self.undocking_s


class Limits(Strict):
    """How much film work a person may take, and the days kept free at the end of the stay.

    The defaults are what a line producer would set for a crew whose day belongs to the
    station first: four hours in front of (or behind) the camera a GMT day, fifteen a week,
    and the last day aboard kept for re-shoots. A person's own limits replace them.
    """

    daily_film_min: Annotated[float, Field(gt=0, le=1440)] | None = Field(
        240.0, description="each person's minutes of film work in a GMT day (cast: shooting; "
                           "camera unit: set-up and shooting)")
    weekly_film_min: Annotated[float, Field(gt=0)] | None = Field(
        900.0, description="each person's minutes of film work in a week of the stay "
                           "(weeks from the docking day)")
    reserve_days: Annotated[float, Field(ge=0)] = Field(
        1.0, description="days before undocking kept free of scheduled scenes, for re-shoots")


class Replan(Strict):
    """What changing the published schedule costs when the shoot is re-planned.

    Keeping a scene where it was costs nothing. In the objective's units (a person-minute
    of film work costs 10, a minute of the shoot's length 1), the defaults make moving a
    scene within its day cost 50 person-minutes, moving it to another day as much as
    ending the shoot about 40 hours earlier saves, and a change to a call sheet already
    out (today's, tomorrow's) four times that: the crew and the ground have read it.
    """

    moved_scene: Annotated[int, Field(ge=0)] = Field(
        500, description="each published scene that no longer starts when published")
    moved_day: Annotated[int, Field(ge=0)] = Field(
        2_000, description="each published scene moved to another GMT day")
    call_sheet_soon: Annotated[int, Field(ge=0)] = Field(
        10_000, description="each change to today's or tomorrow's call sheet")


class GroundStationSpec(Strict):
    """A ground station defined by the production (beside the bundled ones)."""

    id: Id
    name: str | None = None
    lat_deg: float = Field(ge=-90, le=90)
    lon_deg: float = Field(ge=-180, le=360)
    alt_m: float = 0.0
    mask_deg: float = Field(5.0, ge=-10, lt=90)


class RegionSpec(Strict):
    """A region of the Earth defined by a GeoJSON file (relative to the production file)."""

    id: Id
    name: str | None = None
    geojson: str


# -- people ------------------------------------------------------------------------------

ABOARD_WORDS = ("mission", "throughout", "ground")


def _aboard_form(value):
    """Return 'mission', 'throughout', 'ground' or a (FROM, TO) pair of UTC datetimes."""
    if isinstance(value, str) and value in ABOARD_WORDS:
        return value
    if isinstance(value, (list, tuple)) and len(value) == 2:
        return tuple(utc_datetime(moment) for moment in value)
    raise ValueError("aboard must be 'mission', 'throughout', 'ground' or [FROM, TO] "
                     f"(two ISO 8601 times), got {value!r}")


def _flight_or_instant(value):
    """Return a flight id as written, or an instant (a TOML datetime or ISO 8601 text)."""
    if isinstance(value, (datetime, date)):
        return utc_datetime(value)
    if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}", value.strip()):
        return utc_datetime(value)
    if isinstance(value, str) and re.match(ID_PATTERN, value):
        return value
    raise ValueError(f"expected a flight id (e.g. soyuz-ms-19) or an ISO 8601 time, got "
                     f"{value!r}")


FlightOrInstant = Annotated[str | datetime, BeforeValidator(_flight_or_instant)]


class Duty(Strict):
    """A time a person is busy with the station: daily (GMT) or between two instants."""

    name: str = "station duty"
    daily: DailySpan | None = None
    start: Instant | None = None
    end: Instant | None = None

    @property
    def start_s(self) -> float | None:
        return seconds(self.start)

    @property
    def end_s(self) -> float | None:
        return seconds(self.end)


class Person(Strict):
    """Someone in the production: cast, crew or a cosmonaut, aboard or on the ground."""

    id: Id
    name: str
    roles: list[str] = Field(default_factory=list,
                             description="cast, director, camera, cosmonaut, astronaut, ...")
    plays: list[str] = Field(default_factory=list, description="characters this person plays")
    aboard: Annotated[Literal["mission", "throughout", "ground"] | tuple[Instant, Instant],
                      BeforeValidator(_aboard_form)] = Field(
        "mission", description="'mission' (arrives and leaves with the film crew), "
                               "'throughout' (aboard before and after), 'ground' (never "
                               "aboard) or [FROM, TO]; arrive/leave say it more exactly")
    arrive: FlightOrInstant | None = Field(
        None, description="the flight the person arrives with (mission.flight_up) or an "
                          "instant; left out with leave given: aboard before the film crew")
    leave: FlightOrInstant | None = Field(
        None, description="the flight the person leaves with (mission.flight_down) or an "
                          "instant; left out with arrive given: stays after the film crew")
    duties: list[Duty] = Field(default_factory=list)
    exercise: list[DailySpan] | None = Field(None, description="overrides the crew day's")
    daily_film_limit_min: Annotated[float, Field(gt=0, le=1440)] | None = Field(
        None, description="overrides limits.daily_film_min")
    weekly_film_limit_min: Annotated[float, Field(gt=0)] | None = Field(
        None, description="overrides limits.weekly_film_min")
    day_rate: Annotated[float, Field(ge=0)] | None = Field(
        None, description="cost per day on the ground unit")

    @model_validator(mode="after")
    def _one_way_to_say_aboard(self):
        if (self.arrive is not None or self.leave is not None) and "aboard" in \
                self.model_fields_set:
            raise ValueError("give either aboard or arrive/leave, not both")
        return self

    @property
    def is_aboard(self) -> bool:
        return self.aboard != "ground" or self.arrive is not None or self.leave is not None

    def has_role(self, *roles: str) -> bool:
        return any(role.lower() in roles for role in self.roles)

    def comes_with_film_crew(self, mission: Mission | None = None) -> tuple[bool, bool]:
        """Return whether the person flies up with the film crew, and home with them.

        Given the mission, a flight of the traffic other than its ``flight_up`` or
        ``flight_down`` is another flight, not the film crew's.
        """
        if self.arrive is not None or self.leave is not None:
            return (_film_flight(self.arrive, mission and mission.flight_up),
                    _film_flight(self.leave, mission and mission.flight_down))
        return (self.aboard == "mission",) * 2

    def aboard_pairs_s(self, mission: Mission) -> list[tuple[float, float]]:
        """Return the span this person is aboard, POSIX seconds (empty on the ground).

        Arriving with the film crew's flight means aboard from hatch opening; leaving with
        the flight home, aboard until undocking; someone who was aboard before (or stays
        after) counts from docking (to undocking): the span orbitfilm plans.
        """
        if not self.is_aboard:
            return []
        if isinstance(self.aboard, tuple):
            return [(self.aboard[0].timestamp(), self.aboard[1].timestamp())]
        if isinstance(self.arrive, str):
            start_s = mission.arrival_s(self.arrive)
        else:
            start_s = _instant_s(self.arrive) or (
                mission.hatch_open_s if self.aboard == "mission" and self.leave is None
                else mission.docking_s)
        if isinstance(self.leave, str):
            end_s = mission.departure_s(self.leave)
        else:
            end_s = _instant_s(self.leave) or mission.undocking_s
        return [(start_s, end_s)]


def _instant_s(value) -> float | None:
    return value.timestamp() if isinstance(value, datetime) else None


def _film_flight(value, film_flight: str | None) -> bool:
    """Return whether an arrive/leave value is the film crew's flight (any id, unknown)."""
    return isinstance(value, str) and (film_flight is None or value == film_flight)


# -- locations ---------------------------------------------------------------------------

class Location(Strict):
    """A place to shoot: a station module or a ground location."""

    id: Id
    name: str | None = None
    kind: Literal["module", "ground"] = "module"
    earth_view: bool = False
    lat_deg: float | None = Field(None, ge=-90, le=90)
    lon_deg: float | None = Field(None, ge=-180, le=360)
    move_cost: Annotated[float, Field(ge=0)] | None = Field(
        None, description="cost of bringing the ground unit here from another place (by "
                          "default from the distance: see [move])")
    time_zone: str | None = Field(None, description="IANA time zone of a ground location "
                                                    "(call sheets show it)")
    closed: list[tuple[Instant, Instant]] = Field(
        default_factory=list, description="spans [FROM, TO] the module is closed to filming "
                                          "(a station event)")

    def closed_pairs_s(self) -> list[tuple[float, float]]:
        """Return the spans the location is closed, POSIX seconds."""
        return [(start.timestamp(), end.timestamp()) for start, end in self.closed]

    @property
    def is_ground(self) -> bool:
        return self.kind == "ground"


class MovePair(Strict):
    """The minutes to move the film kit between two modules (either way)."""

    between: tuple[Id, Id]
    min: Minutes


class GroundMove(Strict):
    """What taking the ground unit between two places costs, and the days it takes."""

    between: tuple[Id, Id]
    cost: Annotated[float, Field(ge=0)]
    travel_days: Annotated[int, Field(ge=0, le=7)] = 1


class Moves(Strict):
    """Moving the film kit between modules aboard, and the ground unit between places.

    Aboard: minutes, a default and overrides per pair. On the ground: places closer than
    ``ground_same_day_km`` can share a shooting day; farther ones are a journey of a travel
    day, costing ``ground_cost_per_km`` (or what ``ground`` says for the pair).
    """

    module_min: Minutes = 10.0
    pairs: list[MovePair] = Field(default_factory=list)
    ground_same_day_km: Annotated[float, Field(ge=0)] = Field(
        100.0, description="ground places this close are one place for a day's shooting")
    ground_cost_per_km: Annotated[float, Field(ge=0)] = Field(
        1.0, description="cost of taking the ground unit one km to another place")
    ground: list[GroundMove] = Field(default_factory=list,
                                     description="costs and travel days for pairs of places")


# -- scenes ------------------------------------------------------------------------------

LIGHT_CONDITIONS = {"day": "orbital_day", "night": "orbital_night",
                    "sunrise": "orbital_sunrise", "sunset": "orbital_sunset"}
EARTH_CONDITIONS = {"lit": "earth_lit", "dark": "earth_dark"}


class Scene(Strict):
    """A scene: who, where, for how long, and under which orbital conditions."""

    id: Id
    heading: str = ""
    synopsis: str = ""
    cast: list[Id] = Field(default_factory=list, description="person ids or characters")
    location: Id
    setup_min: Minutes = 0.0
    shoot_min: PositiveMinutes | None = Field(None, description="orbital scenes")
    days: Annotated[float, Field(gt=0)] | None = Field(None, description="ground scenes")
    eighths: Annotated[int, Field(gt=0)] | None = Field(None, description="length in 1/8 page")
    light: Literal["day", "night", "sunrise", "sunset", "any"] = "any"
    earth: Literal["lit", "dark", "any"] = "any"
    over: str | None = Field(None, description="ISO country code or a region id")
    contact: str | None = Field(None, description="ground station id")
    conditions: list[str] = Field(default_factory=list,
                                  description="more environment conditions, e.g. 'penumbra'")
    splittable: bool = False
    min_piece_min: PositiveMinutes | None = None
    priority: Annotated[int, Field(ge=0)] = 1
    after: list[Id] = Field(default_factory=list)
    earliest: Instant | None = None
    latest: Instant | None = None
    preferred_days: list[date] = Field(default_factory=list)
    sequence: Annotated[str, Field(min_length=1)] | None = Field(
        None, description="scenes sharing a sequence are best shot on one day (a soft wish)")
    elements: dict[ElementKey, list[Annotated[str, Field(min_length=1)]]] = Field(
        default_factory=dict,
        description="what the scene needs besides its cast, by breakdown category: props, "
                    "wardrobe, special-equipment, vehicles, makeup-hair, set-dressing, "
                    "visual-effects ... (the Universal Category Identification's names as "
                    "slugs; a key of your own is a category of its own)")

    @property
    def is_ground(self) -> bool:
        """Return whether the scene is counted in days (a ground scene)."""
        return self.days is not None and self.shoot_min is None

    @property
    def shoot_s(self) -> float:
        return (self.shoot_min or 0.0) * MINUTE_S

    @property
    def setup_s(self) -> float:
        return self.setup_min * MINUTE_S

    @property
    def min_piece_s(self) -> float:
        """Return the shortest piece a split scene may be shot in (the whole when unsplit)."""
        if not self.splittable:
            return self.shoot_s
        return (self.min_piece_min or self.shoot_min or 0.0) * MINUTE_S

    @property
    def earliest_s(self) -> float | None:
        return seconds(self.earliest)

    @property
    def latest_s(self) -> float | None:
        return seconds(self.latest)

    def condition_names(self) -> list[str]:
        """Return the environment's names of every condition the scene needs (orbital only).

        ``light`` and ``earth`` map to ``orbital_*`` and ``earth_*``; ``over`` and
        ``contact`` to ``over:ID`` and ``contact:ID``; ``conditions`` are passed as written.
        The sunrise and sunset length is the production's ``sunrise_sunset_min``.
        """
        if self.is_ground:
            return []
        names = [LIGHT_CONDITIONS.get(self.light), EARTH_CONDITIONS.get(self.earth),
                 f"over:{self.over}" if self.over else None,
                 f"contact:{self.contact}" if self.contact else None, *self.conditions]
        return list(dict.fromkeys(name for name in names if name))


class Unit(Strict):
    """A camera unit: the people who must all be there to shoot."""

    id: Id
    people: list[Id]


class GroundCalendar(Strict):
    """The ground unit's calendar: the days it may shoot.

    Left out, the ground unit shoots in the working days just before the launch: its last
    day is the day before liftoff (``end`` alone does the same from that day).
    """

    start: date | None = Field(None, description="first day the ground unit may shoot")
    end: date | None = Field(None, description="last day; by default the day before launch")
    days_off: list[date] = Field(default_factory=list)
    weekly_days_off: list[Literal["monday", "tuesday", "wednesday", "thursday", "friday",
                                  "saturday", "sunday"]] = Field(
        default_factory=list, description="weekdays the ground unit never shoots")


# -- the production ----------------------------------------------------------------------

class Production(Strict):
    """A whole production file: what the scheduler plans from."""

    title: str
    time_zones: list[str] = Field(default_factory=lambda: list(DEFAULT_TIME_ZONES),
                                  description="call-sheet time zones (IANA names)")
    sunrise_sunset_min: PositiveMinutes = Field(
        10.0, description="minutes after umbra ends (sunrise) and before it begins (sunset)")
    mission: Mission | None = Field(
        None, description="the flight: needed when any scene is shot aboard")
    people: list[Person] = Field(default_factory=list)
    locations: list[Location] = Field(default_factory=list)
    move: Moves = Field(default_factory=Moves)
    scenes: list[Scene] = Field(default_factory=list)
    units: list[Unit] = Field(default_factory=list)
    ground_stations: list[GroundStationSpec] = Field(default_factory=list)
    regions: list[RegionSpec] = Field(default_factory=list)
    ground: GroundCalendar = Field(default_factory=GroundCalendar)
    limits: Limits = Field(default_factory=Limits)
    replan: Replan = Field(default_factory=Replan)
    training: Training | None = Field(
        None, description="the pre-flight training programme that sets the earliest launch")

    _source: str = PrivateAttr(default="<production>")
    _base_dir: Path | None = PrivateAttr(default=None)
    _line_index: object = PrivateAttr(default=None)

    # -- where it came from ------------------------------------------------------------
    @property
    def source(self) -> str:
        return self._source

    @property
    def line_index(self):
        """Return the file's line of each key (a ``TomlIndex``), when read from a file."""
        return self._line_index

    def came_from(self, source: str, base_dir: Path | None, line_index=None) -> "Production":
        """Record the file this production was read from (its name, folder and lines)."""
        self._source, self._base_dir, self._line_index = source, base_dir, line_index
        return self

    def updated(self, changes: dict) -> "Production":
        """Return a copy with ``changes`` (field -> value), from the same file."""
        copy = self.model_copy(update=changes)
        return copy.came_from(self._source, self._base_dir, self._line_index)

    def with_docking(self, docking: datetime, hatch_open_min: float | None,
                     liftoff: datetime | None) -> "Production":
        """Return a copy whose mission has the docking (and liftoff) the launch finder gave."""
        mission = self.mission
        changes = {"docking": docking}
        if hatch_open_min is not None and "hatch_open_min" not in mission.model_fields_set:
            changes["hatch_open_min"] = hatch_open_min
        if liftoff is not None and mission.launch is not None and mission.launch.liftoff is None:
            changes["launch"] = mission.launch.model_copy(
                update={"liftoff": liftoff, "date": mission.launch.date or liftoff.date()})
        copy = self.model_copy(update={"mission": mission.model_copy(update=changes)})
        return copy.came_from(self._source, self._base_dir, self._line_index)

    def without_launch_date(self, stay_days: float) -> "Production":
        """Return a copy whose launch is not fixed (no date, liftoff or docking; the stay
        ``stay_days`` long): what was known of a production before its date was set."""
        mission = self.mission
        launch = mission.launch.model_copy(update={"date": None, "liftoff": None})
        changes = {"launch": launch, "docking": None, "undocking": None, "stay_days": stay_days}
        copy = self.model_copy(update={"mission": mission.model_copy(update=changes)})
        return copy.came_from(self._source, self._base_dir, self._line_index)

    def with_flight_times(self, times: dict[str, tuple[float, float | None]]) -> "Production":
        """Return a copy whose mission knows the station traffic's flights (see Mission)."""
        copy = self.model_copy(update={"mission": self.mission.with_flight_times(times)})
        return copy.came_from(self._source, self._base_dir, self._line_index)

    def resolve_path(self, relative: str) -> Path:
        """Return a path named in the file, taken relative to the file's folder."""
        path = Path(relative)
        return path if path.is_absolute() or self._base_dir is None else self._base_dir / path

    # -- look-ups ----------------------------------------------------------------------
    @property
    def edge_s(self) -> float:
        """Return the length of orbital sunrise and sunset, seconds."""
        return self.sunrise_sunset_min * MINUTE_S

    def scene(self, scene_id: str) -> Scene:
        return {s.id: s for s in self.scenes}[scene_id]

    def person(self, person_id: str) -> Person:
        return {p.id: p for p in self.people}[person_id]

    def all_locations(self) -> dict[str, Location]:
        """Return every location by id: the catalogue's, replaced by the file's own."""
        found = {key: Location(id=key, kind="module", name=value["name"],
                               earth_view=value["earth_view"])
                 for key, value in STATION_MODULES.items()}
        found.update({key: Location(id=key, kind="ground", name=value["name"],
                                    lat_deg=value["lat_deg"], lon_deg=value["lon_deg"])
                      for key, value in GROUND_PLACES.items()})
        found.update({location.id: location for location in self.locations})
        return found

    def location(self, location_id: str) -> Location:
        return self.all_locations()[location_id]

    def characters(self) -> dict[str, str]:
        """Return each character (as its slug) and each person id with the id of who plays it.

        A scene's cast may name a person by id or a character by name in any case:
        ``ZHENYA``, ``Zhenya`` and ``zhenya`` are one character; ``DR. ORLOV`` is ``dr-orlov``.
        """
        found = {}
        for person in self.people:
            found.update({slug(character): person.id for character in person.plays})
        found.update({slug(person.id): person.id for person in self.people})
        return found

    def cast_of(self, scene: Scene) -> list[Person]:
        """Return the people a scene needs in front of the camera (characters resolved)."""
        who = self.characters()
        ids = dict.fromkeys(who[slug(name)] for name in scene.cast if slug(name) in who)
        return [self.person(person_id) for person_id in ids]

    def camera_units(self) -> list[Unit]:
        """Return the camera units; by default one unit of the directors and camera people."""
        if self.units:
            return list(self.units)
        crew = [p.id for p in self.people if p.has_role(*CAMERA_ROLES)]
        return [Unit(id="main", people=crew)] if crew else []

    def move_min(self, from_id: str, to_id: str) -> float:
        """Return the minutes to move the kit between two modules (0 within one)."""
        if from_id == to_id:
            return 0.0
        for pair in self.move.pairs:
            if set(pair.between) == {from_id, to_id}:
                return pair.min
        return self.move.module_min

    def orbital_scenes(self) -> list[Scene]:
        return [s for s in self.scenes if not s.is_ground]

    def ground_scenes(self) -> list[Scene]:
        return [s for s in self.scenes if s.is_ground]

    # -- time --------------------------------------------------------------------------
    @property
    def span_s(self) -> tuple[float, float]:
        """Return the mission span aboard, docking to undocking (POSIX seconds)."""
        if self.mission is None:
            raise InputError("this production has no [mission]: only its ground scenes can be "
                             "scheduled", path=self.source, field="mission")
        return self.mission.span_s

    def film_limits_min(self, person: Person) -> tuple[float | None, float | None]:
        """Return a person's daily and weekly limits of film work, minutes (None: none)."""
        daily = person.daily_film_limit_min or self.limits.daily_film_min
        weekly = person.weekly_film_limit_min or self.limits.weekly_film_min
        return daily, weekly
