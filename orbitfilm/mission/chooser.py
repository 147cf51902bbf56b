"""The one launch chooser: every command's launch comes from here, by the same rules.

``choose_launch`` answers "when does this production lift off?" for ``check``, ``train``,
``launch``, ``schedule``, ``plan`` and the race. With a fixed date (``mission.launch.date``)
it verifies that day: an opportunity of a profile the production takes, at the given
liftoff when there is one, whose arrival the station's traffic can take. Without one it
takes the first opportunity from the day the crew is ready to fly (``ready``: cleared,
travelled to the site, pre-launch days done) that

1. has a rendezvous profile the production takes (``mission.launch.profiles``; by default
   the vehicle's first: a Soyuz waits for the two-orbit express, as MS-19 did), and
2. arrives when the station's traffic has a free port of its kind, room aboard and a
   lifeboat seat for everyone for the whole stay, keeping the station's separation between
   dynamic operations (``mission.traffic`` rules, ``station.rules``).

Every opportunity passed over is kept with its reason, and the answer names the rule that
set the date (``LaunchChoice.set_by``).

The opportunities come from tables computed once per element sets, site, vehicle and block
of ``BLOCK_DAYS`` days (``opportunity_table``), and each opportunity's verdict is kept per
traffic and visit, so that asking again for another ready day (the race asks thousands of
times) costs a binary search and a walk over verdicts already known.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

import numpy as np

from ..errors import InputError
from ..orbit.elements import ElementSets
from ..orbit.launch import LaunchOpportunity, find_launch_opportunities
from ..orbit.vehicles import Vehicle, vehicle_by_id
from ..production.model import Production
from ..times import DAY_S, format_minute
from ..station import Traffic, TrafficCheck, Visit, check_traffic
from ..station.rules import fit_visit
from .traffic import (OpportunityFit, days_aboard, first_slot_text, flies_up,
                      mark_opportunities, own_visit_id, production_error, recorded_visit,
                      skipped_text, traffic_over)

# Tables cover blocks of days aligned on the Unix epoch, so that any ready day reuses them.
BLOCK_DAYS = 30
# How far past the ready day the chooser looks before it gives up (six blocks: a station
# busy for months, as the ISS was for crew flights in the autumn of 2021, still answers).
SEARCH_DAYS = 180

SET_BY = {
    "fixed-date": "the production's launch date (mission.launch.date)",
    "ready-to-fly": "the day the crew is ready to fly",
    "profile": "the rendezvous profiles the production takes (mission.launch.profiles)",
    "traffic": "the station's traffic",
}


@dataclass(frozen=True)
class LaunchChoice:
    """The production's launch, what set its date, and the opportunities passed over."""

    opportunity: LaunchOpportunity
    set_by: str                                   # a key of SET_BY
    ready: date | None = None                     # ready to fly (None: a fixed date alone)
    refused: tuple[OpportunityFit, ...] = ()      # earlier opportunities, each with reasons
    port: str | None = None                       # the port the traffic gives, when known

    @property
    def reason(self) -> str:
        """Return what set the date, in words."""
        text = SET_BY[self.set_by]
        if self.set_by == "ready-to-fly" and self.ready is not None:
            text = f"{text} ({self.ready})"
        elif self.set_by in ("traffic", "profile") and self.refused:
            text = f"{text}: {len(self.refused)} earlier opportunities refused"
        return text

    def to_json(self) -> dict:
        return {"launch": self.opportunity.to_json(), "set_by": self.set_by,
                "reason": self.reason, "ready": self.ready.isoformat() if self.ready else None,
                "port": self.port, "refused": [fit.to_json() for fit in self.refused]}


def launch_line(choice: LaunchChoice) -> str:
    """Return the launch in one line: when, how, and what set the date."""
    o = choice.opportunity
    port = f", docking at {choice.port}" if choice.port else ""
    return (f"launch {format_minute(o.liftoff_s)} UTC from {o.site.id} ({o.profile} "
            f"rendezvous{port}); set by {choice.reason}")


# -- the tables ------------------------------------------------------------------------------

@dataclass(frozen=True)
class OpportunityTable:
    """Every launch of one vehicle from one site in one block of days, sorted by liftoff."""

    start_s: float
    end_s: float
    opportunities: tuple[LaunchOpportunity, ...]
    liftoff_s: np.ndarray
    # Verdicts of the traffic, by (traffic, visit) key: one OpportunityFit per opportunity.
    verdicts: dict = field(default_factory=dict, compare=False, repr=False)

    def first_index(self, moment_s: float) -> int:
        """Return the index of the first opportunity lifting off at or after ``moment_s``."""
        return int(np.searchsorted(self.liftoff_s, moment_s, side="left"))


_TABLES: dict[tuple, OpportunityTable] = {}


def opportunity_table(elements: ElementSets, site: str, vehicle: str, block: int, *,
                      allow_stale: bool = False) -> OpportunityTable:
    """Return the table of block ``block`` (days ``block * BLOCK_DAYS`` on from 1970-01-01),
    computed once for element sets of the same content."""
    key = (element_sets_key(elements), site, vehicle, block, allow_stale)
    table = _TABLES.get(key)
    if table is None:
        start_s = block * BLOCK_DAYS * DAY_S
        found = find_launch_opportunities(elements, site, vehicle, start_s,
                                          start_s + BLOCK_DAYS * DAY_S, allow_stale=allow_stale)
        table = OpportunityTable(start_s, start_s + BLOCK_DAYS * DAY_S, tuple(found),
                                 np.array([o.liftoff_s for o in found]))
        _TABLES[key] = table
    return table


def element_sets_key(elements: ElementSets) -> str:
    """Return a key for element sets by what they hold (a file read twice is one key)."""
    digest = hashlib.blake2b(elements.epochs_s.tobytes(), digest_size=12)
    digest.update(str(elements.norad_id).encode())
    return digest.hexdigest()


def _block_of(moment_s: float) -> int:
    return int(moment_s // (BLOCK_DAYS * DAY_S))


# -- the chooser -----------------------------------------------------------------------------

def choose_launch(production: Production, elements: ElementSets, *, ready: date | None = None,
                  fixed: bool = True, allow_stale: bool = False) -> LaunchChoice:
    """Return the production's launch; see the module's docstring.

    ``fixed=False`` ignores the production's date (the first launch a late crew can make).
    Raises ``InputError`` when there is neither a date nor a ready day, when the fixed day
    has no opportunity the production can take, or when none comes within ``SEARCH_DAYS``.
    """
    launch = production.mission.launch
    vehicle = vehicle_by_id(launch.vehicle)
    profiles = allowed_profiles(production, vehicle)
    if fixed and launch.date is not None:
        return _on_fixed_date(production, elements, profiles, ready, allow_stale)
    if ready is None:
        raise production_error(production, "the mission has no docking time and no launch "
                               "date, and no [training] to say when the crew can fly",
                               "mission", "docking")
    return _from_ready(production, elements, profiles, ready, allow_stale)


def allowed_profiles(production: Production, vehicle: Vehicle) -> tuple[str, ...]:
    """Return the rendezvous profiles the production takes: its list, else the vehicle's
    first (the fastest it flies)."""
    named = production.mission.launch.profiles
    if not named:
        return (vehicle.profiles[0].name,)
    known = {p.name for p in vehicle.profiles}
    for name in named:
        if name not in known:
            raise production_error(production, f"unknown rendezvous profile {name!r} for "
                                   f"{vehicle.name}; it flies "
                                   f"{', '.join(p.name for p in vehicle.profiles)}",
                                   "mission", "launch", "profiles")
    return tuple(named)


def _on_fixed_date(production, elements, profiles, ready, allow_stale) -> LaunchChoice:
    launch = production.mission.launch
    start_s = _midnight_s(launch.date)
    found = [o for o in _opportunities(production, elements, start_s, start_s + DAY_S,
                                       allow_stale, required=True)
             if start_s <= o.liftoff_s < start_s + DAY_S]
    if not found:
        raise production_error(production, f"no launch opportunity from {launch.site} on "
                               f"{launch.date}", "mission", "launch", "date")
    if launch.liftoff is not None:
        nearest = min(found, key=lambda o: abs(o.liftoff_s - launch.liftoff_s))
        return LaunchChoice(nearest, "fixed-date", ready)
    verdicts = [_verdict(production, o, profiles) for o in found]
    fitting = [index for index, fit in enumerate(verdicts) if fit.fits]
    if not fitting:
        raise _refused_day(production, elements, verdicts)
    chosen = verdicts[fitting[0]]
    return LaunchChoice(chosen.opportunity, "fixed-date", ready,
                        tuple(verdicts[:fitting[0]]), chosen.port)


def _refused_day(production, elements, verdicts: list[OpportunityFit]) -> InputError:
    """Return the error of a fixed day none of whose opportunities the production can
    take: by their profile, or by the traffic (then with the first slot that would fit)."""
    launch, first = production.mission.launch, verdicts[0].opportunity
    if all(fit.rule == "profile" for fit in verdicts):
        return production_error(production, f"no launch opportunity from {launch.site} on "
                                f"{launch.date} has a rendezvous profile the production takes: "
                                f"{skipped_text(verdicts)}", "mission", "launch", "date")
    crew = len(flies_up(production))
    mission = production.mission
    stay_s = (mission.undocking.timestamp() - first.docking_s if mission.undocking is not None
              else mission.stay_days * DAY_S)
    traffic, _ = traffic_over(production, *days_aboard(production, _utc_date(first.docking_s)))
    return production_error(production, f"no launch opportunity from {launch.site} on "
                            f"{launch.date} arrives when the station's traffic can take "
                            f"{production.title!r} ({crew} aboard): {skipped_text(verdicts)}; "
                            + first_slot_text(traffic, first.vehicle.id, crew, stay_s,
                                              first.docking_s), "mission", "launch", "date")


def _from_ready(production, elements, profiles, ready, allow_stale) -> LaunchChoice:
    start_s = _midnight_s(ready)
    refused: list[OpportunityFit] = []
    for fit in _judged(production, elements, profiles, start_s,
                       start_s + SEARCH_DAYS * DAY_S, allow_stale):
        if fit.fits:
            return LaunchChoice(fit.opportunity, _set_by(refused), ready, tuple(refused),
                                fit.port)
        refused.append(fit)
    raise production_error(production, f"no launch opportunity from "
                           f"{production.mission.launch.site} in the {SEARCH_DAYS} days from "
                           f"{ready} can carry {production.title!r}: {skipped_text(refused)}",
                           "mission", "launch")


def opportunity_verdicts(production: Production, elements: ElementSets, start_s: float,
                         end_s: float, *, allow_stale: bool = False,
                         traffic: Traffic | None = None) -> list[OpportunityFit]:
    """Return the chooser's verdict on every opportunity lifting off in ``[start_s, end_s)``
    (the race takes its launches from these): from the tables, judged once each. Blocks
    past the element sets' limit end the list, unless ``allow_stale``. ``traffic`` stands in
    for the record wherever the record covers the stay (the race's slipped traffics): those
    verdicts are judged afresh, not kept."""
    profiles = allowed_profiles(production, vehicle_by_id(production.mission.launch.vehicle))
    if traffic is None:
        return list(_judged(production, elements, profiles, start_s, end_s, allow_stale))
    return [fit if fit.rule == "profile"
            else _verdict(production, fit.opportunity, profiles, traffic)
            for fit in _judged(production, elements, profiles, start_s, end_s, allow_stale)]


def _judged(production, elements, profiles, start_s: float, end_s: float, allow_stale: bool):
    """Yield each opportunity from ``start_s`` to ``end_s`` with its verdict, in order."""
    for block in range(_block_of(start_s), _block_of(end_s) + 1):
        table = _table(production, elements, block, allow_stale,
                       required=block == _block_of(start_s))
        if table is None:
            return
        verdicts = _table_verdicts(production, table, profiles)
        for index in range(table.first_index(start_s), len(table.opportunities)):
            if table.opportunities[index].liftoff_s >= end_s:
                return
            if verdicts[index] is None:  # judged once per table and visit, when first asked
                verdicts[index] = _verdict(production, table.opportunities[index], profiles)
            yield verdicts[index]


def _set_by(refused: list[OpportunityFit]) -> str:
    """Return the rule that held the launch back: the traffic when it refused any, the
    profile when only that did, else the ready day."""
    if any(fit.rule == "traffic" for fit in refused):
        return "traffic"
    return "profile" if refused else "ready-to-fly"


def _table(production, elements, block, allow_stale, required) -> OpportunityTable | None:
    """Return a block's table; past the element sets' limit, None (the search stops)
    unless the block is the first one."""
    launch = production.mission.launch
    try:
        return opportunity_table(elements, launch.site, launch.vehicle, block,
                                 allow_stale=allow_stale)
    except InputError as error:
        if required:
            raise production_error(production, str(error), "mission", "launch") from None
        return None


def _opportunities(production, elements, start_s, end_s, allow_stale, required):
    found = []
    for block in range(_block_of(start_s), _block_of(end_s - 1) + 1):
        table = _table(production, elements, block, allow_stale, required)
        found += [] if table is None else list(table.opportunities)
    return found


# -- verdicts --------------------------------------------------------------------------------

def _table_verdicts(production, table: OpportunityTable,
                    profiles) -> list[OpportunityFit | None]:
    """Return the table's verdicts for the production's visit (who flies up, for how long,
    under which profiles, into which traffic): None where not judged yet."""
    return table.verdicts.setdefault(_visit_key(production, profiles),
                                     [None] * len(table.opportunities))


def _visit_key(production: Production, profiles) -> tuple:
    mission = production.mission
    traffic_key = mission.traffic and str(production.resolve_path(mission.traffic))
    return (mission.station, traffic_key, tuple(flies_up(production)), own_visit_id(production),
            mission.undocking.timestamp() if mission.undocking is not None else mission.stay_days,
            mission.flight_up, profiles)


def _verdict(production: Production, opportunity: LaunchOpportunity,
             profiles: tuple[str, ...], stand_in: Traffic | None = None) -> OpportunityFit:
    """Return whether the production can take ``opportunity``: its profile, then the
    traffic over its own stay. The production's own flight when the record has it
    (``flight_up`` names it, or one of its vehicle docks within ``MATCH_S``: the rule
    ``station_traffic`` applies) is tried at this docking instead of its recorded one."""
    if opportunity.profile not in profiles:
        return OpportunityFit(opportunity, False, rule="profile", reasons=(
            f"a rendezvous profile of {opportunity.profile}; the production takes "
            f"{', '.join(profiles)} (mission.launch.profiles)",))
    crew = flies_up(production)
    if not crew:
        return OpportunityFit(opportunity, True)
    traffic, _ = traffic_over(production, *days_aboard(production,
                                                       _utc_date(opportunity.docking_s)))
    if traffic is None:
        return OpportunityFit(opportunity, True)
    traffic = stand_in if stand_in is not None else traffic
    mission = production.mission
    own = recorded_visit(traffic, production, opportunity.docking_s)
    if own is not None:
        return _recorded_verdict(production, traffic, own, opportunity)
    undocking_s = mission.undocking.timestamp() if mission.undocking is not None else None
    return mark_opportunities(traffic, [opportunity], crew=crew,
                              stay_s=mission.stay_days and mission.stay_days * DAY_S,
                              undocking_s=undocking_s, visit_id=own_visit_id(production),
                              check=_baseline(traffic))[0]


def _recorded_verdict(production: Production, traffic: Traffic, own: Visit,
                      opportunity: LaunchOpportunity) -> OpportunityFit:
    """Return whether the record's own flight of the production could arrive at the
    opportunity's docking instead: at its recorded port, all else as recorded, while the
    vehicle that takes the film crew home (``flight_down``) is still there. After it has
    left, the record no longer describes the production's stay (the agency would have
    re-planned the crews' seats and rides around it): the traffic is not asked, and the
    opportunity is taken as the production's own."""
    home = next((v for v in traffic.visits if v.id == production.mission.flight_down), None)
    if home is not None and home.id != own.id and opportunity.docking_s >= home.depart_s:
        return OpportunityFit(opportunity, True, visit=own.id)
    if opportunity.docking_s >= own.depart_s:
        return OpportunityFit(opportunity, False, visit=own.id, reasons=(
            f"the record's {own.id} leaves the station before that docking",))
    rest = _without(traffic, own.id)
    moved = own.model_copy(update={"arrive": _utc(opportunity.docking_s)})
    fit = fit_visit(rest, moved, _baseline(rest))
    return OpportunityFit(opportunity, fit.fits, own.port if fit.fits else None, own.id,
                          tuple(fit.reasons()))


# Checked traffics by identity (each kept alive with its check, so an id is never reused).
_CHECKS: dict[int, tuple[Traffic, TrafficCheck]] = {}
_WITHOUT: dict[tuple, tuple[Traffic, Traffic]] = {}


def _baseline(traffic: Traffic) -> TrafficCheck:
    kept = _CHECKS.get(id(traffic))
    if kept is None or kept[0] is not traffic:
        kept = _CHECKS[id(traffic)] = (traffic, check_traffic(traffic))
    return kept[1]


def _without(traffic: Traffic, visit_id: str) -> Traffic:
    kept = _WITHOUT.get((id(traffic), visit_id))
    if kept is None or kept[0] is not traffic:
        rest = traffic.model_copy(update={"visits": [v for v in traffic.visits
                                                     if v.id != visit_id]})
        kept = _WITHOUT[(id(traffic), visit_id)] = (traffic, rest.came_from(
            traffic.source, traffic.line_index))
    return kept[1]


def launched(production: Production, opportunity: LaunchOpportunity) -> Production:
    """Return the production with the docking, hatch opening and liftoff of its launch."""
    return production.with_docking(
        _utc(opportunity.docking_s), (opportunity.hatch_open_s - opportunity.docking_s) / 60.0,
        _utc(opportunity.liftoff_s))


def _utc(moment_s: float) -> datetime:
    return datetime.fromtimestamp(moment_s, tz=timezone.utc)


def _midnight_s(day: date) -> float:
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc).timestamp()


def _utc_date(moment_s: float) -> date:
    return datetime.fromtimestamp(moment_s, tz=timezone.utc).date()
