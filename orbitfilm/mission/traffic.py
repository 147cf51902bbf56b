"""The station's traffic for a production: which record, the production's own visit, the launch.

The production names its traffic (``mission.traffic``, a file beside it) or, for the ISS
through 2021, takes the bundled record; outside a record's span there is
no traffic, and a note says so rather than inventing one. The production's own flight is a
visit of that traffic: the record's own when the record has it (``mission.flight_up`` names
it, or a visit of the same vehicle docks within ``MATCH_S`` of the production's docking),
else a visit made of the production (its vehicle, the people who fly up with the film crew,
docking to undocking) and added for the span of the mission. A visit that breaks a rule of
the station is an error naming the other visits; a launch opportunity whose arrival would
break one is marked and skipped, with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ..errors import InputError
from ..orbit.launch import LaunchOpportunity
from ..production.examples import TRAFFIC_EXAMPLES
from ..production.mistakes import Mistake, as_input_error, raise_mistakes
from ..production.model import Production, slug
from ..station import (Traffic, TrafficCheck, Visit, VisitFit, bundled_traffic, check_traffic,
                       find_slots, load_traffic, propose_visit)
from ..station.loader import BUNDLED
from ..station.traffic import NEVER_S, VEHICLE_KINDS
from ..times import DAY_S, HOUR_S, format_minute

# The days the bundled record is whole (its file's header: from 1 January 2021 to the end
# of December; visits still there on 1 January are given with their arrival).
BUNDLED_SPAN = (date(2021, 1, 1), date(2022, 1, 1))
# A launch found for a flight the record already has docks within the finder's error of
# the recorded docking (17 min for Soyuz, about 7 h for Crew Dragon: tests/test_launch.py);
# two crewed vehicles of one kind have never docked within half a day of each other.
MATCH_S = 12 * HOUR_S


@dataclass(frozen=True)
class StationTraffic:
    """The traffic a production flies into, with its own visit, checked; or a note why none.

    ``visit`` is the production's own visit (None when it has none: no traffic, or nobody
    flies up); ``added`` says whether it was added to the record or was the record's own.
    """

    traffic: Traffic | None
    check: TrafficCheck | None = None
    visit: Visit | None = None
    added: bool = False
    note: str | None = None

    def flight_times(self) -> dict[str, tuple[float, float | None]]:
        """Return each visit's docking and undocking (None: past the record), by id."""
        if self.traffic is None:
            return {}
        return {v.id: (v.arrive_s, None if v.depart is None else v.depart_s)
                for v in self.traffic.visits}


# -- which traffic ---------------------------------------------------------------------------

def production_traffic(production: Production) -> tuple[Traffic | None, str | None]:
    """Return the traffic the production names, else the bundled one when its span covers the
    mission; with no traffic, a note that says why."""
    return traffic_over(production, *mission_days(production))


def traffic_over(production: Production, first: date,
                 last: date) -> tuple[Traffic | None, str | None]:
    """Return the traffic the production names, else the bundled one when its span covers
    the days ``first`` to ``last``; with no traffic, a note that says why."""
    mission = production.mission
    if mission.traffic:
        return named_traffic(production), None
    if mission.station.upper() != "ISS":
        return None, (f"no station traffic: orbitfilm has no record of {mission.station}'s "
                      f"ports and visits; name one with mission.traffic")
    if BUNDLED_SPAN[0] <= first and last < BUNDLED_SPAN[1]:
        return bundled_traffic(), None
    return None, (f"no station traffic: the bundled record ({BUNDLED}) covers the ISS from "
                  f"{BUNDLED_SPAN[0]:%d %b %Y} to "
                  f"{BUNDLED_SPAN[1] - timedelta(days=1):%d %b %Y}, and the mission "
                  f"({first} to {last}) falls outside it; name a traffic file with "
                  f"mission.traffic")


def named_traffic(production: Production) -> Traffic:
    """Return the traffic ``mission.traffic`` names: a file beside the production, or a
    bundled record by its name (``iss-2021``); a file that is not there is an error at the
    production's line, naming the file."""
    name = production.mission.traffic
    path = production.resolve_path(name)
    if name in TRAFFIC_EXAMPLES and not path.exists():
        return bundled_traffic(name)
    if not path.is_file():
        looked = f" (looked for {path})" if str(path) != name else ""
        raise_mistakes(production, [Mistake(
            f"no traffic file {name!r}{looked}; name a TOML file beside the production, or "
            f"{BUNDLED} for the bundled record", ("mission", "traffic"))])
    return load_traffic(path)


def production_error(production: Production, message: str, *key) -> InputError:
    """Return an error at the production's line of ``key`` (its path of keys)."""
    return as_input_error(Mistake(message, key), production.line_index, production.source)


def joined_note(note: str | None, skipped: list["OpportunityFit"]) -> str | None:
    """Return the station's note with the launch opportunities the traffic skipped."""
    if not skipped:
        return note
    words = f"skipped for the station's traffic: {skipped_text(skipped)}"
    return f"{note}; {words}" if note else words


def mission_days(production: Production) -> tuple[date, date]:
    """Return the mission's first and last day: docking (or launch) to undocking."""
    mission = production.mission
    if mission.docking is not None:
        first = mission.docking.date()
    elif mission.launch and (mission.launch.liftoff or mission.launch.date):
        first = mission.launch.liftoff.date() if mission.launch.liftoff else mission.launch.date
    else:
        raise InputError("the mission has no docking time and no launch date",
                         path=production.source, field="mission.docking")
    return days_aboard(production, first)


def days_aboard(production: Production, first: date) -> tuple[date, date]:
    """Return the first and last day of a stay that begins on ``first``: to the undocking,
    else the stay's days and two more (the finder's docking may come a day later)."""
    mission = production.mission
    if mission.undocking is not None:
        return first, max(first, mission.undocking.date())
    return first, first + timedelta(days=int(mission.stay_days) + 2)


# -- the production's own visit --------------------------------------------------------------

def flies_up(production: Production) -> list[str]:
    """Return who flies up with the film crew (the people of the production's own visit)."""
    mission = production.mission
    return [p.id for p in production.people if p.is_aboard and not isinstance(p.aboard, tuple)
            and p.comes_with_film_crew(mission)[0]]


def flies_home(production: Production, crew_up: list[str]) -> list[str]:
    """Return who flies home with the film crew, of those who came up with it."""
    mission = production.mission
    return [p.id for p in production.people if p.id in crew_up
            and p.comes_with_film_crew(mission)[1]]


def recorded_visit(traffic: Traffic, production: Production, docking_s: float) -> Visit | None:
    """Return the record's visit that is the production's flight: the one ``flight_up``
    names, else one of its vehicle docking within ``MATCH_S``."""
    mission = production.mission
    by_id = {v.id: v for v in traffic.visits}
    if mission.flight_up in by_id:
        return by_id[mission.flight_up]
    vehicle = mission.launch.vehicle if mission.launch else None
    return next((v for v in traffic.visits if v.vehicle == vehicle
                 and abs(v.arrive_s - docking_s) <= MATCH_S), None)


def own_visit_id(production: Production) -> str:
    return production.mission.flight_up or slug(production.title) or "production"


def station_traffic(production: Production, traffic: Traffic | None,
                    note: str | None = None) -> StationTraffic:
    """Return the traffic with the production's own visit, checked.

    Raises ``InputError`` (at ``mission.docking``) when the production's visit breaks a
    rule of the station, naming the other visits and the first slot that would fit.
    """
    if traffic is None:
        return StationTraffic(None, note=note)
    baseline = check_traffic(traffic)
    mission = production.mission
    recorded = recorded_visit(traffic, production, mission.docking_s)
    if recorded is not None:
        if abs(recorded.arrive_s - mission.docking_s) > MATCH_S:
            raise production_error(
                production, f"the mission's docking ({format_minute(mission.docking_s)} UTC) "
                f"is not {recorded.id}'s in the station's traffic "
                f"({format_minute(recorded.arrive_s)} UTC in {_source_name(traffic)})",
                "mission", "docking")
        return StationTraffic(traffic, baseline, recorded, False, note)
    vehicle, crew = (mission.launch.vehicle if mission.launch else None), flies_up(production)
    if vehicle not in VEHICLE_KINDS or not crew:
        why = "no mission.launch.vehicle" if vehicle not in VEHICLE_KINDS else "nobody flies up"
        return StationTraffic(traffic, baseline, None, False,
                              f"the production's own flight is not added to the traffic: {why}")
    fit = propose_visit(traffic, visit_id=own_visit_id(production), vehicle=vehicle, crew=crew,
                        arrive_s=mission.docking_s, depart_s=mission.undocking_s,
                        check=baseline)
    if not fit.fits:
        raise production_error(production, conflict_message(production, traffic, fit, baseline),
                               "mission", "docking")
    visit = fit.visit.model_copy(update={"crew_down": flies_home(production, crew)})
    grown = traffic.with_visit(visit)
    return StationTraffic(grown, check_traffic(grown), visit, True, note)


def conflict_message(production: Production, traffic: Traffic, fit: VisitFit,
                     baseline: TrafficCheck) -> str:
    """Return why the production's visit does not fit, and where the first slot is."""
    visit = fit.visit
    return (f"the station's traffic in {_source_name(traffic)} cannot take "
            f"{production.title!r} ({visit.vehicle}, {len(visit.crew_up)} aboard, docking "
            f"{format_minute(visit.arrive_s)} to undocking {format_minute(visit.depart_s)} "
            f"UTC): {'; '.join(fit.reasons())}; "
            + first_slot_text(traffic, visit.vehicle, len(visit.crew_up),
                              visit.depart_s - visit.arrive_s, visit.arrive_s, baseline))


def first_slot_text(traffic: Traffic, vehicle: str, crew: int, stay_s: float, from_s: float,
                    baseline: TrafficCheck | None = None) -> str:
    """Return the first slot for such a visit from ``from_s`` to the record's last event."""
    end_s = record_end_s(traffic)
    if end_s <= from_s:
        return "the record ends before that, so it names no later slot"
    slots = find_slots(traffic, vehicle=vehicle, crew=crew, stay_days=stay_s / DAY_S,
                       start_s=from_s, end_s=end_s, check=baseline)
    first = slots.first()
    if first is None:
        return (f"no slot for a {vehicle} with {crew} for {stay_s / DAY_S:.1f} days opens "
                f"before the record's last event ({format_minute(end_s)} UTC)")
    return (f"the first slot for a {vehicle} with {crew} for {stay_s / DAY_S:.1f} days: "
            f"{format_minute(first[0])} UTC at {first[1]} (orbitfilm traffic slots)")


def record_end_s(traffic: Traffic) -> float:
    """Return the last instant the record speaks of: its last arrival, move or departure."""
    times = [t for v in traffic.visits for t in (
        v.arrive_s, v.depart_s, *(m.dock.timestamp() for m in v.moves)) if t != NEVER_S]
    return max(times, default=0.0)


def _source_name(traffic: Traffic) -> str:
    from pathlib import Path

    return Path(traffic.source).name


# -- people who arrive and leave with visits -------------------------------------------------

def flight_mistakes(production: Production, station: StationTraffic) -> list[Mistake]:
    """Return each person's arrive/leave flight that neither the mission nor the traffic has."""
    mission, known = production.mission, station.flight_times()
    mistakes = []
    for index, person in enumerate(production.people):
        for key in ("arrive", "leave"):
            flight = getattr(person, key)
            if not isinstance(flight, str) or flight in (
                    mission.flight_up, mission.flight_down) or flight in known:
                continue
            where = (f"not a visit of {_source_name(station.traffic)}" if station.traffic
                     else "there is no station traffic to find it in")
            named = ", ".join(f"{k} is {v!r}" for k, v in (
                ("the mission's flight_up", mission.flight_up),
                ("flight_down", mission.flight_down)) if v)
            mistakes.append(Mistake(f"person {person.id!r}: {key} with unknown flight "
                                    f"{flight!r}: {where}" + (f"; {named}" if named else ""),
                                    ("people", index, key)))
    return mistakes


# -- launch opportunities --------------------------------------------------------------------

@dataclass(frozen=True)
class OpportunityFit:
    """A launch opportunity and whether its arrival fits the traffic, with the reasons."""

    opportunity: LaunchOpportunity
    fits: bool
    port: str | None = None
    visit: str | None = None            # the record's visit it is, when it is one
    reasons: tuple[str, ...] = ()
    rule: str = "traffic"               # what refused it: "traffic" or "profile"

    def to_json(self) -> dict:
        document = self.opportunity.to_json()
        document["traffic"] = {"fits": self.fits, "port": self.port, "visit": self.visit,
                               "reasons": list(self.reasons)}
        return document


def mark_opportunities(traffic: Traffic, opportunities: list[LaunchOpportunity], *,
                       crew: list[str] | int, stay_s: float | None = None,
                       undocking_s: float | None = None,
                       visit_id: str = "new-visit",
                       check: TrafficCheck | None = None) -> list[OpportunityFit]:
    """Return, for each opportunity, whether a visit arriving at its docking fits.

    The visit stays ``stay_s`` from docking, or until ``undocking_s``. An opportunity that
    docks within ``MATCH_S`` of a recorded visit of its vehicle is that visit: it fits.
    ``check`` is the traffic's own check when the caller has it already.
    """
    baseline = check or check_traffic(traffic)
    marked = []
    for opportunity in opportunities:
        kind, docking_s = opportunity.vehicle.id, opportunity.docking_s
        same = next((v for v in traffic.visits if v.vehicle == kind
                     and abs(v.arrive_s - docking_s) <= MATCH_S), None)
        if same is not None:
            marked.append(OpportunityFit(opportunity, True, same.port, same.id))
            continue
        depart_s = undocking_s if undocking_s is not None else docking_s + stay_s
        fit = propose_visit(traffic, visit_id=visit_id, vehicle=kind, crew=crew,
                            arrive_s=docking_s, depart_s=depart_s, check=baseline)
        marked.append(OpportunityFit(opportunity, fit.fits, fit.visit.port if fit.fits else None,
                                     None, tuple(fit.reasons())))
    return marked


def skipped_text(marked: list[OpportunityFit], shown: int = 3) -> str:
    """Return why the opportunities were skipped, one clause for each of the first ``shown``
    (a search over weeks can skip dozens: the rest are counted, with the last one's day)."""
    clauses = [f"liftoff {format_minute(m.opportunity.liftoff_s)} UTC, docking "
               f"{format_minute(m.opportunity.docking_s)}: {', '.join(m.reasons)}"
               for m in marked[:shown]]
    if len(marked) > shown:
        clauses.append(f"and {len(marked) - shown} more until liftoff "
                       f"{format_minute(marked[-1].opportunity.liftoff_s)} UTC")
    return "; ".join(clauses)

