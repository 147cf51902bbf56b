"""The station over the mission, for the plan document: each port's visits, the people aboard.

Computed once here from the flight's traffic check (the record with the production's own
visit), over the mission's GMT days; the reports draw it as it stands (a port Gantt and the
count aboard as a step line) without reading the traffic themselves.
"""

from __future__ import annotations

from pathlib import Path

from ..mission.flight import Flight
from ..station.traffic import NEVER_S
from ..times import DAY_S, format_iso


def station_json(flight: Flight) -> dict | None:
    """Return the station section of the plan (see ``document``), or None with no mission."""
    station = flight.station
    if station is None:
        return None
    if station.check is None:
        return {"note": station.note, "traffic": None}
    check, traffic = station.check, station.traffic
    low_s, high_s = mission_days_s(flight)
    return {
        "note": station.note,
        "traffic": {
            "station": traffic.station.id, "source": Path(traffic.source).name,
            "max_aboard": traffic.station.max_aboard,
            "sleeping_places": traffic.station.sleeping_places,
            "span": [format_iso(low_s), format_iso(high_s)],
            "visit": station.visit.id if station.visit else None, "added": station.added,
            "ports": _ports(check, low_s, high_s),
            "aboard": _aboard(check, low_s, high_s),
            "warnings": [str(w) for w in check.warnings if low_s <= w.time_s < high_s],
        },
    }


def mission_days_s(flight: Flight) -> tuple[float, float]:
    """Return the mission's GMT days: midnight before docking to midnight after undocking."""
    docking_s, undocking_s = flight.span_s
    return docking_s // DAY_S * DAY_S, (undocking_s // DAY_S + 1) * DAY_S


def _ports(check, low_s: float, high_s: float) -> list[dict]:
    """Return each port there in the span, with its stays that overlap it (clipped)."""
    modules = {v.id: v for v in check.traffic.visits if v.vehicle == "module"}
    found = []
    for port in check.traffic.station.ports:
        module = modules.get(port.module) if port.module else None
        if module is not None and not (module.arrive_s < high_s and module.depart_s > low_s):
            continue
        stays = [{"visit": s.visit, "vehicle": s.vehicle,
                  "from": format_iso(max(s.start_s, low_s)),
                  "to": format_iso(min(s.end_s, high_s)),
                  "before": s.start_s < low_s, "after": s.end_s > high_s,
                  "since": format_iso(s.start_s),
                  "until": format_iso(s.end_s) if s.end_s != NEVER_S else None}
                 for s in check.occupancy()[port.id] if s.start_s < high_s and s.end_s > low_s]
        found.append({"id": port.id, "name": port.name or port.id, "stays": stays})
    return found


def _aboard(check, low_s: float, high_s: float) -> list[dict]:
    """Return the steps of who is aboard within the span, clipped to it."""
    return [{"from": format_iso(max(step.start_s, low_s)),
             "to": format_iso(min(step.end_s if step.end_s != NEVER_S else high_s, high_s)),
             "count": step.count, "people": list(step.people), "happened": list(step.happened)}
            for step in check.aboard if step.start_s < high_s and step.end_s > low_s]
