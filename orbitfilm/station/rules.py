"""Check a traffic at every instant: ports, seats, people aboard, lifeboats.

The traffic becomes a timeline of events (arrivals, undockings, dockings, departures), each
vehicle's stays at ports, and the people aboard as a step series; every rule is one short
function over those, called in one explicit order. Between events nothing changes, so
checking each event's instant is checking every instant. At one instant, whatever leaves
goes before whatever comes, so a handover in the same second is allowed.

Rules (the ids that violations carry):
  port-taken      one vehicle per port
  port-kind       a vehicle only at a port that takes its kind
  port-missing    a port brought by a module exists only while the module is there
  seats           nobody flies without a seat: crew up, crew down, a move's crew <= seats
  move-crew       a crewed vehicle moves with its crew, who are aboard when it undocks
  already-aboard  a person arrives only when not aboard
  not-aboard      a person leaves (or flies a move) only while aboard
  max-aboard      people aboard <= the station's max_aboard
  separation      two dynamic operations (a docking, an undocking, a relocation) are at
                  least the station's dynamic_separation_h apart
  lifeboat        everyone aboard holds a seat in a docked capsule of the kind they ride home
  sleeping-places (a warning) more people aboard than permanent sleeping places
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone

import numpy as np

from .traffic import NEVER_S, VEHICLE_KINDS, Stay, Traffic, Visit

LEAVING, COMING = 0, 1


def iso(seconds: float | None) -> str | None:
    """Return ``2021-10-05T12:22:31Z`` (to the second), or None for an open end."""
    if seconds is None or seconds == NEVER_S:
        return None
    return datetime.fromtimestamp(round(seconds), tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Violation:
    """A rule broken at an instant, in a sentence that names the visits involved."""

    time_s: float
    rule: str
    message: str
    visits: tuple[str, ...] = ()
    severity: str = "error"

    def __str__(self) -> str:
        return f"{iso(self.time_s)}: {self.message}"

    def to_json(self) -> dict:
        return {"time": iso(self.time_s), "rule": self.rule, "severity": self.severity,
                "message": self.message, "visits": list(self.visits)}


@dataclass(frozen=True)
class Event:
    """A vehicle arriving, undocking for a move, docking after one, or departing."""

    time_s: float
    action: str            # arrive | undock | dock | depart
    visit: Visit
    port: str
    people: tuple[str, ...]

    @property
    def order(self) -> tuple:
        return self.time_s, LEAVING if self.action in ("undock", "depart") else COMING


@dataclass(frozen=True)
class AboardStep:
    """Who is aboard from ``start_s`` to ``end_s``, and the lifeboat seats for them.

    ``lifeboats`` maps a capsule kind to (people who ride home in that kind, seats of that
    kind docked): seat liners move between capsules of one kind, not across kinds.
    """

    start_s: float
    end_s: float
    people: tuple[str, ...]
    lifeboats: dict[str, tuple[int, int]]
    happened: tuple[str, ...] = ()     # what began the step, e.g. "soyuz-ms-19 arrives"

    @property
    def count(self) -> int:
        return len(self.people)

    def to_json(self) -> dict:
        return {"from": iso(self.start_s), "to": iso(self.end_s), "count": self.count,
                "people": list(self.people)}


@dataclass
class TrafficCheck:
    """The outcome of a check: violations, warnings, people aboard, each port's stays."""

    traffic: Traffic
    violations: list[Violation]
    warnings: list[Violation]
    aboard: list[AboardStep]
    stays: list[Stay]
    events: list[Event] = field(repr=False, default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.violations

    def occupancy(self) -> dict[str, list[Stay]]:
        """Return each port's stays in time order (every port, empty ones too)."""
        ports = {p.id: [] for p in self.traffic.station.ports}
        for stay in sorted(self.stays, key=lambda s: s.start_s):
            ports.setdefault(stay.port, []).append(stay)
        return ports

    def aboard_series(self) -> tuple[np.ndarray, np.ndarray]:
        """Return the step series of the count aboard: (step starts, counts)."""
        return (np.array([s.start_s for s in self.aboard]),
                np.array([s.count for s in self.aboard], dtype=int))

    def aboard_at(self, time_s: float) -> tuple[str, ...]:
        """Return who is aboard at an instant (before the first event: nobody)."""
        index = bisect.bisect_right([s.start_s for s in self.aboard], time_s) - 1
        return self.aboard[index].people if index >= 0 else ()

    def to_json(self) -> dict:
        station = self.traffic.station
        return {"station": station.id, "source": self.traffic.source, "ok": self.ok,
                "max_aboard": station.max_aboard, "sleeping_places": station.sleeping_places,
                "violations": [v.to_json() for v in self.violations],
                "warnings": [w.to_json() for w in self.warnings],
                "aboard": [step.to_json() for step in self.aboard],
                "ports": {port: [{"visit": s.visit, "vehicle": s.vehicle,
                                  "from": iso(s.start_s), "to": iso(s.end_s)} for s in stays]
                          for port, stays in self.occupancy().items()}}


# -- the timeline ----------------------------------------------------------------------------

def timeline(traffic: Traffic) -> list[Event]:
    """Return every event of the traffic in time order, leaving before coming at one instant."""
    events = []
    for visit in traffic.visits:
        events.append(Event(visit.arrive_s, "arrive", visit, visit.port, tuple(visit.crew_up)))
        where = visit.port
        for move in visit.moves:
            crew = tuple(visit.move_crew(move))
            events += [Event(move.undock.timestamp(), "undock", visit, where, crew),
                       Event(move.dock.timestamp(), "dock", visit, move.port, crew)]
            where = move.port
        if visit.depart is not None:
            events.append(Event(visit.depart_s, "depart", visit, where, tuple(visit.leaving)))
    return sorted(events, key=lambda e: e.order)


def check_traffic(traffic: Traffic) -> TrafficCheck:
    """Check every rule at every instant; return the violations, warnings and what is aboard."""
    events, stays = timeline(traffic), traffic.stays()
    steps, people_violations = _walk(events, _ride_home_kinds(traffic))
    steps = _from_record_start(steps, traffic.record_from_s)
    found = [*_one_vehicle_per_port(stays), *_ports_take_the_vehicle(stays, traffic),
             *_ports_exist(stays, traffic), *_seats(events), *_moves_fly_with_crew(events),
             *people_violations, *_room_aboard(steps, traffic), *_lifeboats(steps),
             *_separation(traffic)]
    found.sort(key=lambda v: v.time_s)
    return TrafficCheck(traffic, [v for v in found if v.severity == "error"],
                        [v for v in found if v.severity == "warning"], steps, stays, events)


def _from_record_start(steps: list[AboardStep], start_s: float | None) -> list[AboardStep]:
    """Return the steps from the day the record is whole (before it, who was aboard is not
    all in the record)."""
    if start_s is None:
        return steps
    kept = [s for s in steps if s.end_s > start_s]
    if kept and kept[0].start_s < start_s:
        kept[0] = replace(kept[0], start_s=start_s)
    return kept


# -- ports -----------------------------------------------------------------------------------

def _one_vehicle_per_port(stays: list[Stay]) -> list[Violation]:
    """One vehicle per port: a stay may begin only once the port's holder has left."""
    found = []
    by_port: dict[str, list[Stay]] = {}
    for stay in sorted(stays, key=lambda s: s.start_s):
        by_port.setdefault(stay.port, []).append(stay)
    for port, queue in by_port.items():
        holder = queue[0]
        for stay in queue[1:]:
            if stay.start_s < holder.end_s:
                found.append(Violation(stay.start_s, "port-taken",
                                       f"port {port} holds {holder.visit}; {stay.visit} cannot dock",
                                       (stay.visit, holder.visit)))
            if stay.end_s > holder.end_s:
                holder = stay
    return found


def _ports_take_the_vehicle(stays: list[Stay], traffic: Traffic) -> list[Violation]:
    """A vehicle docks only at a port that takes its kind."""
    accepts = {p.id: p.accepts for p in traffic.station.ports}
    return [Violation(s.start_s, "port-kind",
                      f"port {s.port} does not take {s.vehicle} (it takes "
                      f"{', '.join(accepts[s.port])}); {s.visit} cannot dock", (s.visit,))
            for s in stays if s.vehicle not in accepts[s.port]]


def _ports_exist(stays: list[Stay], traffic: Traffic) -> list[Violation]:
    """A port that a module brings exists only from the module's arrival to its departure."""
    modules = {p.id: traffic.visit(p.module) for p in traffic.station.ports if p.module}
    found = []
    for stay in stays:
        module = modules.get(stay.port)
        if module is None:
            continue
        if stay.start_s < module.arrive_s:
            found.append(Violation(stay.start_s, "port-missing",
                                   f"port {stay.port} comes with {module.id}, which arrives "
                                   f"{iso(module.arrive_s)}; {stay.visit} cannot dock",
                                   (stay.visit, module.id)))
        if stay.end_s > module.depart_s:
            found.append(Violation(module.depart_s, "port-missing",
                                   f"{module.id} leaves with port {stay.port} while "
                                   f"{stay.visit} is docked there", (module.id, stay.visit)))
    return found


# -- seats and moves -------------------------------------------------------------------------

_SEAT_WORDS = {"arrive": "brings up", "depart": "takes home", "undock": "flies a move with"}


def _seats(events: list[Event]) -> list[Violation]:
    """Nobody flies without a seat: crew up, crew down and a move's crew fit the vehicle."""
    found = []
    for event in events:
        seats = event.visit.kind.seats
        if event.action != "dock" and len(event.people) > seats:
            found.append(Violation(
                event.time_s, "seats", f"{event.visit.id} {_SEAT_WORDS[event.action]} "
                f"{len(event.people)} people ({', '.join(event.people)}); a {event.visit.vehicle} "
                f"has {seats} seats", (event.visit.id,)))
    return found


def _moves_fly_with_crew(events: list[Event]) -> list[Violation]:
    """A crewed vehicle (one with seats) moves only with someone aboard it to fly it."""
    return [Violation(e.time_s, "move-crew", f"{e.visit.id} cannot move from {e.port}: a "
                      f"{e.visit.vehicle} flies a move with its crew, and none is named",
                      (e.visit.id,))
            for e in events if e.action == "undock" and e.visit.kind.seats and not e.people]


# -- people ----------------------------------------------------------------------------------

def _ride_home_kinds(traffic: Traffic) -> dict[str, list[tuple[float, str]]]:
    """Return, per person, each departure that takes them home: (instant, vehicle kind)."""
    rides: dict[str, list[tuple[float, str]]] = {}
    for visit in traffic.visits:
        for person in visit.leaving:
            rides.setdefault(person, []).append((visit.depart_s, visit.vehicle))
    return {person: sorted(times) for person, times in rides.items()}


def _walk(events: list[Event], rides: dict) -> tuple[list[AboardStep], list[Violation]]:
    """Walk the events once: who is aboard, which capsules are docked, at each instant.

    A person's lifeboat kind is the kind of the vehicle that takes them home, else the one
    that brought them: their seat liner is fitted to it. A move's crew is off the station,
    in their vehicle, between its undocking and its docking.
    """
    aboard: dict[str, str] = {}       # person -> lifeboat kind
    docked: dict[str, str] = {}       # visit id -> vehicle kind
    steps, found, happened = [], [], []
    for index, event in enumerate(events):
        found += _people_move(event, aboard, rides)
        happened.append(f"{event.visit.id} {_VERBS[event.action]}")
        if event.action in ("arrive", "dock"):
            docked[event.visit.id] = event.visit.vehicle
        else:
            docked.pop(event.visit.id, None)
        last_at_instant = index + 1 == len(events) or events[index + 1].time_s > event.time_s
        if last_at_instant:
            end_s = events[index + 1].time_s if index + 1 < len(events) else NEVER_S
            step = AboardStep(event.time_s, end_s, tuple(sorted(aboard)),
                              _lifeboat_counts(aboard, docked), tuple(happened))
            happened = []
            if steps and (steps[-1].people, steps[-1].lifeboats) == (step.people, step.lifeboats):
                # Nothing a rule reads has changed (a cargo ship came): one step, longer.
                last = steps.pop()
                step = AboardStep(last.start_s, end_s, step.people, step.lifeboats, last.happened)
            steps.append(step)
    return steps, found


_VERBS = {"arrive": "arrives", "undock": "undocks", "dock": "docks", "depart": "departs"}


def _people_move(event: Event, aboard: dict, rides: dict) -> list[Violation]:
    """Apply one event's people to ``aboard``; return who could not come or go."""
    found, visit = [], event.visit
    for person in event.people:
        if event.action in ("arrive", "dock"):
            if person in aboard:
                found.append(Violation(event.time_s, "already-aboard",
                                       f"{person} arrives on {visit.id} but is already aboard",
                                       (visit.id,)))
            aboard[person] = _lifeboat_kind(person, event, rides)
        elif aboard.pop(person, None) is None:
            verb = "leaves on" if event.action == "depart" else "flies the move of"
            found.append(Violation(event.time_s, "not-aboard",
                                   f"{person} {verb} {visit.id} but is not aboard", (visit.id,)))
    return found


def _lifeboat_kind(person: str, event: Event, rides: dict) -> str:
    later = [kind for time_s, kind in rides.get(person, []) if time_s > event.time_s]
    return later[0] if later else event.visit.vehicle


def _lifeboat_counts(aboard: dict, docked: dict) -> dict[str, tuple[int, int]]:
    need = Counter(aboard.values())
    have = Counter()
    for kind in docked.values():
        have[kind] += VEHICLE_KINDS[kind].seats
    return {kind: (need[kind], have[kind]) for kind in sorted(set(need) | set(have))
            if VEHICLE_KINDS[kind].seats}


def _room_aboard(steps: list[AboardStep], traffic: Traffic) -> list[Violation]:
    """People aboard stay within max_aboard; above the sleeping places is a warning."""
    station = traffic.station
    counts = np.array([s.count for s in steps], dtype=int)
    found = []
    for limit, rule, severity, words in (
            (station.max_aboard, "max-aboard", "error", f"the limit is {station.max_aboard}"),
            (station.sleeping_places, "sleeping-places", "warning",
             f"above the {station.sleeping_places} permanent sleeping places")):
        over = counts > limit
        # Report where the count goes over the limit or rises further (not as it falls back).
        rising = np.concatenate(([True], counts[1:] > counts[:-1])) if len(counts) else over
        for index in np.flatnonzero(over & rising):
            step = steps[index]
            found.append(Violation(step.start_s, rule, f"{counts[index]} people aboard as "
                                   f"{' and '.join(step.happened)}, {words}",
                                   _visits_of(step), severity))
    return found


def _visits_of(step: AboardStep) -> tuple[str, ...]:
    return tuple(dict.fromkeys(text.split(" ")[0] for text in step.happened))


def _lifeboats(steps: list[AboardStep]) -> list[Violation]:
    """Everyone aboard holds a seat in a docked capsule of the kind that takes them home."""
    found, before = [], {}
    for step in steps:
        for kind, (need, have) in step.lifeboats.items():
            if need > have and before.get(kind) != (need, have):
                found.append(Violation(step.start_s, "lifeboat",
                                       f"{need} people aboard ride home in a {kind} but the "
                                       f"docked {kind} capsules have {have} seats (as "
                                       f"{' and '.join(step.happened)})", _visits_of(step)))
        before = step.lifeboats
    return found


# -- dynamic operations ----------------------------------------------------------------------

@dataclass(frozen=True)
class Operation:
    """A docking, an undocking or a relocation (from its undocking to its docking)."""

    start_s: float
    end_s: float
    visit: str
    what: str

    def text(self) -> str:
        return f"{self.visit}'s {self.what} ({iso(self.start_s)})"


def operations(traffic: Traffic) -> list[Operation]:
    """Return the traffic's dynamic operations in time order (within the record's span)."""
    found = []
    for visit in traffic.visits:
        found.append(Operation(visit.arrive_s, visit.arrive_s, visit.id, "docking"))
        found += [Operation(move.undock.timestamp(), move.dock.timestamp(), visit.id,
                            "relocation") for move in visit.moves]
        if visit.depart is not None and not _leaves_with_module(traffic, visit):
            found.append(Operation(visit.depart_s, visit.depart_s, visit.id, "undocking"))
    return sorted((o for o in found if abs(o.start_s) < NEVER_S), key=lambda o: o.start_s)


def _leaves_with_module(traffic: Traffic, visit) -> bool:
    """Return whether the visit leaves still docked to a departing module (Progress MS-16
    took Pirs away in July 2021): one undocking, the module's."""
    last_port = visit.moves[-1].port if visit.moves else visit.port
    module_id = traffic.port(last_port).module
    if module_id is None:
        return False
    module = traffic.visit(module_id)
    return module.depart is not None and module.depart_s == visit.depart_s


def _separation(traffic: Traffic) -> list[Violation]:
    """Two dynamic operations keep the station's separation between them."""
    gap_s = traffic.station.dynamic_separation_h * 3600.0
    ops = operations(traffic)
    found = []
    for index, later in enumerate(ops):
        for earlier in ops[:index]:
            apart_s = later.start_s - earlier.end_s
            if apart_s < gap_s:
                when = (f"is {apart_s / 3600:.1f} h after" if apart_s >= 0 else
                        "falls during")
                found.append(Violation(
                    later.start_s, "separation",
                    f"{later.text()} {when} {earlier.text()}: the station keeps "
                    f"{traffic.station.dynamic_separation_h:g} h between dynamic operations",
                    (later.visit, earlier.visit)))
    return found


# -- a proposed visit ------------------------------------------------------------------------

@dataclass(frozen=True)
class VisitFit:
    """Whether one more visit fits the traffic: the violations it alone brings."""

    visit: Visit
    violations: list[Violation]
    warnings: list[Violation]

    @property
    def fits(self) -> bool:
        return not self.violations

    def reasons(self) -> list[str]:
        return [str(v) for v in self.violations]


def fit_visit(traffic: Traffic, visit: Visit, baseline: TrafficCheck | None = None) -> VisitFit:
    """Return what adding ``visit`` to the traffic breaks that the traffic alone did not."""
    baseline = baseline or check_traffic(traffic)
    grown = check_traffic(traffic.with_visit(visit))
    known = {(v.rule, v.time_s, v.message) for v in baseline.violations + baseline.warnings}
    new = [v for v in grown.violations + grown.warnings
           if (v.rule, v.time_s, v.message) not in known]
    return VisitFit(visit, [v for v in new if v.severity == "error"],
                    [v for v in new if v.severity == "warning"])
