"""The production: mission, people, locations and scenes, as validated pydantic models.

The models check the shape of each value (types, ranges, the forms of times); the meaning of
the whole (references, cycles, times outside the mission) is checked in ``checks``. Instants
are held as UTC datetimes, as a person writes them; the scheduler reads them as POSIX
seconds through the ``*_s`` accessors.
"""

from __future__ import annotations

import datetime as dt
import re
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field,
                      PrivateAttr)

from ..intervals import IntervalSet
from ..times import DAY_S, MINUTE_S
from .catalogue import GROUND_PLACES, STATION_MODULES

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"
DAILY_PATTERN = re.compile(r"^\s*([01]?\d|2[0-3]):([0-5]\d)\s*-\s*([01]?\d|2[0-4]):([0-5]\d)\s*$")
CAMERA_ROLES = ("director", "camera")
DEFAULT_TIME_ZONES = ["GMT", "Europe/Moscow", "America/Chicago"]


def _utc_datetime(value):
    """Return an aware UTC datetime from a TOML datetime, date or ISO 8601 string."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        text = value.strip().replace("Z", "+00:00").replace("z", "+00:00")
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            raise ValueError(f"not an ISO 8601 time: {value!r} (e.g. 2021-10-05T12:22:31Z)") \
                from None
    else:
        raise ValueError(f"expected an ISO 8601 time such as 2021-10-05T12:22:31Z, got {value!r}")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def _check_daily(text: str) -> str:
    if not DAILY_PATTERN.match(text):
        raise ValueError(f"expected a daily time range HH:MM-HH:MM (GMT), got {text!r}")
    return text


def _check_clock(text: str) -> str:
    if not re.match(r"^\s*([01]?\d|2[0-3]):[0-5]\d\s*$", text):
        raise ValueError(f"expected a time of day HH:MM (GMT), got {text!r}")
    return text


Id = Annotated[str, Field(pattern=ID_PATTERN, description="letters, digits, '_', '.', '-'")]
Instant = Annotated[datetime, BeforeValidator(_utc_datetime),
                    Field(description="ISO 8601 UTC, e.g. 2021-10-05T12:22:31Z")]
DailySpan = Annotated[str, AfterValidator(_check_daily),
                      Field(description="a daily time range in GMT, e.g. '09:00-10:30'")]
ClockTime = Annotated[str, AfterValidator(_check_clock), Field(description="HH:MM GMT")]
Minutes = Annotated[float, Field(ge=0)]
PositiveMinutes = Annotated[float, Field(gt=0)]


def slug(text: str) -> str:
    """Return an id made of a name: lower case, runs of other characters as one '-'."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def seconds(moment: datetime | None) -> float | None:
    """Return POSIX seconds of an instant, or ``None``."""
    return None if moment is None else moment.timestamp()


def daily_offsets_s(text: str) -> tuple[float, float]:
    """Return the start and end of ``HH:MM-HH:MM`` in seconds after midnight GMT.

    A range that wraps past midnight (``21:30-06:00``) ends on the next day: its end is more
    than ``DAY_S``.
    """
    match = DAILY_PATTERN.match(text)
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    start_s, end_s = h1 * 3600.0 + m1 * 60.0, h2 * 3600.0 + m2 * 60.0
    return start_s, end_s + DAY_S if end_s <= start_s else end_s


class Strict(BaseModel):
    """A model that refuses unknown keys, so a misspelt field is an error, not a silence."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False)


# -- the mission -----------------------------------------------------------------------

class Launch(Strict):
    """The launch that carries the film crew up; the launch finder turns it into a docking."""

    site: str | None = Field(None, description="launch site id, e.g. baikonur-31")
    vehicle: str | None = Field(None, description="vehicle id, e.g. soyuz-ms")
    date: dt.date | None = Field(None, description="launch date (UTC)")
    liftoff: Instant | None = Field(None, description="liftoff, when known")

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
    undocking: Instant
    crew_day: CrewDay = Field(default_factory=CrewDay)

    @property
    def docking_s(self) -> float:
        """Return the docking instant (the loader fills it from the launch when left out)."""
        if self.docking is None:
            raise ValueError("the mission has no docking time yet")
        return self.docking.timestamp()

    @property
    def hatch_open_s(self) -> float:
        return self.docking_s + self.hatch_open_min * MINUTE_S

    @property
    def undocking_s(self) -> float:
        return self.undocking.timestamp()

    @property
    def span_s(self) -> tuple[float, float]:
        """Return the mission span aboard: docking to undocking, POSIX seconds."""
        return self.docking_s, self.undocking_s


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
        return tuple(_utc_datetime(moment) for moment in value)
    raise ValueError("aboard must be 'mission', 'throughout', 'ground' or [FROM, TO] "
                     f"(two ISO 8601 times), got {value!r}")


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
        "mission", description="'mission' (hatch opening to undocking), 'throughout' (the "
                               "whole span), 'ground' (never aboard) or [FROM, TO]")
    duties: list[Duty] = Field(default_factory=list)
    exercise: list[DailySpan] | None = Field(None, description="overrides the crew day's")
    daily_film_limit_min: Annotated[float, Field(gt=0, le=1440)] | None = None
    day_rate: Annotated[float, Field(ge=0)] | None = Field(
        None, description="cost per day on the ground unit")

    @property
    def is_aboard(self) -> bool:
        return self.aboard != "ground"

    def has_role(self, *roles: str) -> bool:
        return any(role.lower() in roles for role in self.roles)

    def aboard_pairs_s(self, mission: Mission) -> list[tuple[float, float]]:
        """Return the span this person is aboard, POSIX seconds (empty on the ground)."""
        if self.aboard == "ground":
            return []
        if self.aboard == "throughout":
            return [mission.span_s]
        if self.aboard == "mission":
            return [(mission.hatch_open_s, mission.undocking_s)]
        return [(self.aboard[0].timestamp(), self.aboard[1].timestamp())]


# -- locations ---------------------------------------------------------------------------

class Location(Strict):
    """A place to shoot: a station module or a ground location."""

    id: Id
    name: str | None = None
    kind: Literal["module", "ground"] = "module"
    earth_view: bool = False
    lat_deg: float | None = Field(None, ge=-90, le=90)
    lon_deg: float | None = Field(None, ge=-180, le=360)
    move_cost: Annotated[float, Field(ge=0)] = Field(
        0.0, description="cost of moving the ground unit here")

    @property
    def is_ground(self) -> bool:
        return self.kind == "ground"


class MovePair(Strict):
    """The minutes to move the film kit between two modules (either way)."""

    between: tuple[Id, Id]
    min: Minutes


class Moves(Strict):
    """Minutes to move the film kit between modules: a default and overrides per pair."""

    module_min: Minutes = 10.0
    pairs: list[MovePair] = Field(default_factory=list)


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
    """The ground unit's calendar: the days it may shoot."""

    start: date | None = None
    end: date | None = None
    days_off: list[date] = Field(default_factory=list)


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

    _source: str = PrivateAttr(default="<production>")
    _base_dir: Path | None = PrivateAttr(default=None)

    # -- where it came from ------------------------------------------------------------
    @property
    def source(self) -> str:
        return self._source

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
            from ..errors import InputError

            raise InputError("this production has no [mission]: only its ground scenes can be "
                             "scheduled", path=self.source, field="mission")
        return self.mission.span_s

    def aboard_s(self, person: Person | str, span_s=None) -> IntervalSet:
        """Return when a person is aboard, within ``span_s`` (the mission span by default)."""
        person = self.person(person) if isinstance(person, str) else person
        if self.mission is None:
            return IntervalSet.empty(span_s or (0.0, 0.0))
        return IntervalSet.from_pairs(person.aboard_pairs_s(self.mission), span_s or self.span_s)

    def busy_s(self, person: Person | str, span_s=None) -> IntervalSet:
        """Return when a person is busy: crew-day blocks while aboard, and their duties."""
        from .availability import busy_s

        person = self.person(person) if isinstance(person, str) else person
        return busy_s(self, person, span_s or self.span_s)

    def available_s(self, person: Person | str, span_s=None) -> IntervalSet:
        """Return when a person is aboard and free for the film."""
        span_s = span_s or self.span_s
        return self.aboard_s(person, span_s).difference(self.busy_s(person, span_s))

    # -- the orbit ---------------------------------------------------------------------
    def elements(self):
        """Return the station's element sets: the file's, or the bundled ISS sets."""
        from ..orbit.elements import bundled_iss, load_elements

        if self.mission.elements:
            return load_elements(self.resolve_path(self.mission.elements))
        return bundled_iss()

    def ground_station_objects(self) -> list:
        """Return the ground stations the scenes' conditions use, bundled or defined here."""
        from .orbital import used_ground_stations

        return used_ground_stations(self)

    def region_objects(self) -> list:
        """Return the regions the scenes' conditions use, countries or defined here."""
        from .orbital import used_regions

        return used_regions(self)

    def environment(self, progress=None):
        """Compute the orbital environment over the mission span with every needed condition."""
        from .orbital import production_environment

        return production_environment(self, progress=progress)
