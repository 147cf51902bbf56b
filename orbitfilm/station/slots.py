"""When a new visit could arrive: a port that takes it free for the whole stay, and room.

For each port that takes the vehicle kind, the arrival instants in a window are the window
minus every closure: an interval of arrivals that some fact forbids. A stay at the port
from ``a`` to ``b`` closes arrivals in ``[a - stay, b]`` (the new stay would overlap it); a
time when ``n`` people are aboard closes arrivals that would hold ``n + crew`` above the
limit during the stay, likewise widened by the stay. Every closure carries its reason, so a
closed gap says why: the port taken by whom, or how many would be aboard.

The new crew bring their own capsule, and ``crew`` may not exceed its seats, so they always
hold lifeboat seats; nobody else loses one. Ports, room aboard and the separation the station
keeps between dynamic operations (its docking, and its undocking a stay later, near another
docking, undocking or relocation) close slots.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import InputError
from ..intervals import IntervalSet
from ..times import DAY_S
from .rules import TrafficCheck, VisitFit, check_traffic, fit_visit, iso, operations
from .traffic import NEVER_S, VEHICLE_KINDS, Traffic, make_visit


@dataclass(frozen=True)
class Closure:
    """Arrivals in ``[start_s, end_s]`` are impossible, for ``reason``."""

    start_s: float
    end_s: float
    reason: str


@dataclass(frozen=True)
class Gap:
    """A closed stretch of the window between open slots, with every reason that closes it."""

    start_s: float
    end_s: float
    reasons: tuple[str, ...]

    def to_json(self) -> dict:
        return {"from": iso(self.start_s), "to": iso(self.end_s), "reasons": list(self.reasons)}


@dataclass(frozen=True)
class PortSlots:
    """One port's open arrival intervals in the window and its closed gaps."""

    port: str
    open: IntervalSet
    gaps: list[Gap]

    def to_json(self) -> dict:
        return {"port": self.port, "open": self.open.to_json(iso),
                "gaps": [g.to_json() for g in self.gaps]}


@dataclass(frozen=True)
class Slots:
    """Where and when a visit of ``vehicle`` with ``crew`` people for ``stay_s`` could arrive."""

    vehicle: str
    crew: int
    stay_s: float
    span_s: tuple[float, float]
    ports: list[PortSlots]

    def first(self) -> tuple[float, str] | None:
        """Return the earliest possible arrival and its port, or None when nothing is open."""
        starts = [(float(p.open.starts_s[0]), p.port) for p in self.ports if len(p.open)]
        return min(starts) if starts else None

    def to_json(self) -> dict:
        first = self.first()
        return {"vehicle": self.vehicle, "crew": self.crew, "stay_days": self.stay_s / DAY_S,
                "from": iso(self.span_s[0]), "to": iso(self.span_s[1]),
                "first": None if first is None else {"time": iso(first[0]), "port": first[1]},
                "ports": [p.to_json() for p in self.ports]}


def find_slots(traffic: Traffic, *, vehicle: str, crew: int, stay_days: float, start_s: float,
               end_s: float, check: TrafficCheck | None = None) -> Slots:
    """Return, per port that takes ``vehicle``, when a visit could arrive in the window."""
    _check_request(traffic, vehicle, crew, stay_days, start_s, end_s)
    check = check or check_traffic(traffic)
    stay_s, span_s = stay_days * DAY_S, (start_s, end_s)
    room = _room_closures(check, crew, stay_s) + _separation_closures(check, stay_s)
    ports = [_port_slots(port.id, _port_closures(check, port.id, stay_s) + room, span_s)
             for port in traffic.station.ports if vehicle in port.accepts]
    return Slots(vehicle, crew, stay_s, span_s, ports)


def _check_request(traffic, vehicle, crew, stay_days, start_s, end_s) -> None:
    kind = VEHICLE_KINDS.get(vehicle)
    if kind is None:
        raise InputError(f"no vehicle kind {vehicle!r}; the kinds are: {', '.join(VEHICLE_KINDS)}",
                         field="vehicle")
    if crew > kind.seats or crew < 0:
        raise InputError(f"a {vehicle} has {kind.seats} seats; it cannot carry {crew}",
                         field="crew")
    if stay_days <= 0 or end_s <= start_s:
        raise InputError("the stay must be positive and the window end after its start")
    if not any(vehicle in port.accepts for port in traffic.station.ports):
        raise InputError(f"no port of {traffic.station.id} takes a {vehicle}", field="vehicle")


def _port_closures(check: TrafficCheck, port_id: str, stay_s: float) -> list[Closure]:
    """Return the arrivals a port's own stays forbid, and those before its module is there."""
    closures = [Closure(s.start_s - stay_s, s.end_s,
                        f"port {port_id} taken by {s.visit} ({iso(s.start_s)} to "
                        f"{iso(s.end_s) or 'past the record'})")
                for s in check.stays if s.port == port_id]
    port = check.traffic.port(port_id)
    if port.module:
        module = check.traffic.visit(port.module)
        closures.append(Closure(-NEVER_S, module.arrive_s, f"port {port_id} comes with "
                                f"{module.id}, arriving {iso(module.arrive_s)}"))
        if module.depart is not None:
            closures.append(Closure(module.depart_s - stay_s, NEVER_S,
                                    f"port {port_id} leaves with {module.id}"))
    return closures


def _room_closures(check: TrafficCheck, crew: int, stay_s: float) -> list[Closure]:
    """Return the arrivals that would hold more than max_aboard during the stay."""
    limit = check.traffic.station.max_aboard
    starts_s, counts = check.aboard_series()
    if not len(counts):
        return []
    ends_s = np.append(starts_s[1:], NEVER_S)
    over = counts + crew > limit
    # Runs of consecutive steps over the limit: one closure each, with the run's peak.
    edges = np.diff(np.concatenate(([0], over.astype(int), [0])))
    firsts, lasts = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1) - 1
    return [Closure(starts_s[a] - stay_s, ends_s[b],
                    f"people aboard would be {counts[a:b + 1].max() + crew} "
                    f"({iso(starts_s[a])} to {iso(ends_s[b]) or 'past the record'}), "
                    f"the limit is {limit}")
            for a, b in zip(firsts, lasts)]


def _separation_closures(check: TrafficCheck, stay_s: float) -> list[Closure]:
    """Return the arrivals whose docking, or whose undocking a stay later, would come
    within the station's separation of another dynamic operation."""
    hours = check.traffic.station.dynamic_separation_h
    gap_s = hours * 3600.0
    found = []
    for op in operations(check.traffic):
        reason = f"{hours:g} h between dynamic operations: {op.text()}"
        found.append(Closure(op.start_s - gap_s, op.end_s + gap_s, reason))
        found.append(Closure(op.start_s - gap_s - stay_s, op.end_s + gap_s - stay_s,
                             f"its undocking: {reason}"))
    return found


def _port_slots(port_id: str, closures: list[Closure], span_s) -> PortSlots:
    """Return the window minus the closures, and the reasons of each closed gap."""
    if not closures:
        return PortSlots(port_id, IntervalSet.whole(span_s), [])
    lo = np.array([c.start_s for c in closures])
    hi = np.array([c.end_s for c in closures])
    blocked = IntervalSet.from_pairs(np.stack((lo, hi), axis=1), span_s)
    # Each gap lists the closures that overlap it by more than an instant.
    overlaps = (lo[None, :] < blocked.ends_s[:, None]) & (hi[None, :] > blocked.starts_s[:, None])
    gaps = [Gap(a, b, tuple(closures[j].reason for j in np.flatnonzero(row)))
            for (a, b), row in zip(blocked, overlaps)]
    return PortSlots(port_id, blocked.complement(), gaps)


def propose_visit(traffic: Traffic, *, visit_id: str, vehicle: str, crew: list[str] | int,
                  arrive_s: float, depart_s: float, port: str | None = None,
                  check: TrafficCheck | None = None) -> VisitFit:
    """Return whether a new visit fits; with no port, the first port that takes it and fits.

    When no port fits, the answer is for the port with the fewest violations, so its
    reasons say what stands in the way.
    """
    check = check or check_traffic(traffic)
    ports = [port] if port else [p.id for p in traffic.station.ports if vehicle in p.accepts]
    if not ports:
        raise InputError(f"no port of {traffic.station.id} takes a {vehicle}", field="vehicle")
    fits = [fit_visit(traffic, make_visit(visit_id, vehicle, crew, arrive_s, depart_s, p), check)
            for p in ports]
    # Ties go to a port that the visit could at least take: its reasons are about room.
    return min(fits, key=lambda fit: (len(fit.violations),
                                      sum(v.rule.startswith("port") for v in fit.violations)))
