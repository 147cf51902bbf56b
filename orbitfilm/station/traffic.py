"""The station and its traffic: ports, the vehicles that visit them, the people they carry.

Plain validated data (pydantic), as a person writes it in a traffic file. A visit docks at a
port, may move between ports (a crewed move is a short flight: its crew rides along) and
departs; the people it brings up and takes home are named, because crews swap capsules.
A module (Nauka, Prichal) is a visit too: it takes its port from its arrival on and brings
the ports that name it in ``module``. What the traffic means over time is checked in
``rules``; what can still come is found in ``slots``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Annotated, Literal

from pydantic import Field, PrivateAttr

from ..production.fields import Id, Instant, Strict

NEVER_S = math.inf


@dataclass(frozen=True)
class VehicleKind:
    """A kind of visiting vehicle: the seats it has and whether it needs a crew to move."""

    id: str
    name: str
    seats: int


# Seats: Soyuz MS 3 (RSC Energia); Crew Dragon 4 as flown to the ISS (NASA Commercial Crew,
# the vehicle is certified for 4 on station missions); Starliner 4 likewise (NASA CCP);
# Progress, Cargo Dragon and Cygnus carry no people. A module carries none either.
VEHICLE_KINDS: dict[str, VehicleKind] = {kind.id: kind for kind in (
    VehicleKind("soyuz-ms", "Soyuz MS", 3),
    VehicleKind("crew-dragon", "Crew Dragon", 4),
    VehicleKind("starliner", "Starliner", 4),
    VehicleKind("progress-ms", "Progress MS", 0),
    VehicleKind("cargo-dragon", "Cargo Dragon", 0),
    VehicleKind("cygnus", "Cygnus", 0),
    VehicleKind("module", "station module", 0),
)}
Kind = Literal["soyuz-ms", "crew-dragon", "starliner", "progress-ms", "cargo-dragon", "cygnus",
               "module"]


class Port(Strict):
    """A docking or berthing port and the vehicle kinds it takes."""

    id: Id
    name: str | None = Field(None, description="e.g. 'MRM-1 nadir'")
    accepts: Annotated[list[Kind], Field(min_length=1)]
    module: Id | None = Field(None, description="the module visit that brings this port: the "
                                                "port exists from that module's arrival on")


class Station(Strict):
    """The station: its ports and how many people it can hold."""

    id: str = "ISS"
    sleeping_places: Annotated[int, Field(ge=0)] = Field(description="permanent crew quarters")
    max_aboard: Annotated[int, Field(ge=1)] = Field(
        description="the most people aboard at once, temporary quarters included")
    ports: list[Port] = Field(default_factory=list)
    # An assumption, marked as such: no public rule gives the interval. The ISS of 2021
    # never put two dockings, undockings or relocations closer than 28 h (Progress MS-17's
    # undocking on 25 Nov 11:23 and Prichal's docking on 26 Nov 15:19), and Starliner's
    # crewed flight of 2024 moved from 1 to 6 May for "a cargo spacecraft undocking and a
    # crew spacecraft port relocation".
    dynamic_separation_h: Annotated[float, Field(ge=0)] = Field(
        24.0, description="hours kept between two dynamic operations (dockings, undockings, "
                          "relocations); an assumption: 24 h by default")


class Move(Strict):
    """A relocation: undock, fly, dock at another port (a crewed vehicle flies with its crew)."""

    undock: Instant
    dock: Instant
    port: Id
    crew: list[Id] | None = Field(None, description="who flies the move; the visit's crew_up "
                                                    "by default")


class Visit(Strict):
    """A vehicle's stay: arrival at a port, moves, departure, and the people it carries."""

    id: Id
    vehicle: Kind
    name: str | None = Field(None, description="e.g. 'Endeavour'")
    port: Id = Field(description="the port it arrives at")
    arrive: Instant
    moves: list[Move] = Field(default_factory=list)
    depart: Instant | None = Field(None, description="left out: still there when the record ends")
    crew_up: list[Id] = Field(default_factory=list, description="people it brings aboard")
    crew_down: list[Id] | None = Field(
        None, description="people it takes home; crew_up by default when it departs")

    @property
    def kind(self) -> VehicleKind:
        return VEHICLE_KINDS[self.vehicle]

    @property
    def arrive_s(self) -> float:
        return self.arrive.timestamp()

    @property
    def depart_s(self) -> float:
        """Return the departure, or ``NEVER_S`` when it stays past the record."""
        return self.depart.timestamp() if self.depart is not None else NEVER_S

    @property
    def leaving(self) -> list[str]:
        """Return who rides home on it (nobody when it does not depart)."""
        if self.depart is None:
            return []
        return list(self.crew_down if self.crew_down is not None else self.crew_up)

    def move_crew(self, move: Move) -> list[str]:
        return list(move.crew if move.crew is not None else self.crew_up)

    def stays(self) -> list["Stay"]:
        """Return its time at each port, in order: arrival or dock to undock or departure."""
        starts = [(self.port, self.arrive_s)] + [(m.port, m.dock.timestamp()) for m in self.moves]
        ends = [m.undock.timestamp() for m in self.moves] + [self.depart_s]
        return [Stay(self.id, self.vehicle, port, start_s, end_s)
                for (port, start_s), end_s in zip(starts, ends)]


@dataclass(frozen=True)
class Stay:
    """A vehicle at a port from ``start_s`` to ``end_s`` (``NEVER_S``: past the record)."""

    visit: str
    vehicle: str
    port: str
    start_s: float
    end_s: float


class Traffic(Strict):
    """The station and every visit of the record."""

    station: Station
    record_from: date | None = Field(
        None, description="the first day the record is whole (every vehicle docked then is "
                          "given with its arrival): people aboard are counted from there")
    visits: list[Visit] = Field(default_factory=list)
    _source: str = PrivateAttr("<traffic>")
    _line_index: object = PrivateAttr(None)

    @property
    def source(self) -> str:
        return self._source

    @property
    def line_index(self):
        return self._line_index

    def came_from(self, source: str, line_index=None) -> "Traffic":
        self._source, self._line_index = source, line_index
        return self

    @property
    def record_from_s(self) -> float | None:
        """Return the start of ``record_from`` (UTC midnight), or None."""
        if self.record_from is None:
            return None
        day = self.record_from
        return datetime(day.year, day.month, day.day, tzinfo=timezone.utc).timestamp()

    def port(self, port_id: str) -> Port:
        return next(p for p in self.station.ports if p.id == port_id)

    def visit(self, visit_id: str) -> Visit:
        return next(v for v in self.visits if v.id == visit_id)

    def stays(self) -> list[Stay]:
        return [stay for visit in self.visits for stay in visit.stays()]

    def with_visit(self, visit: Visit) -> "Traffic":
        """Return the traffic with one more visit (the file it came from is kept)."""
        grown = self.model_copy(update={"visits": [*self.visits, visit]})
        return grown.came_from(self.source, self.line_index)


def make_visit(visit_id: str, vehicle: str, crew: list[str] | int, arrive_s: float,
               depart_s: float | None, port: str) -> Visit:
    """Return a proposed visit from seconds; ``crew`` as ids, or as a head count."""
    people = list(crew) if not isinstance(crew, int) else [
        f"{visit_id}-crew-{n}" for n in range(1, crew + 1)]
    return Visit.model_validate({
        "id": visit_id, "vehicle": vehicle, "port": port, "crew_up": people,
        "arrive": _utc(arrive_s), "depart": None if depart_s is None else _utc(depart_s)})


def _utc(seconds: float):
    from datetime import datetime, timezone

    return datetime.fromtimestamp(seconds, tz=timezone.utc)
