"""The production's links to the orbit engine: its element sets, stations, regions, launch.

Each link is one small function from the production's plain data to the engine's objects.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from ..errors import InputError
from ..orbit import conditions
from ..orbit.elements import ElementSets, bundled_iss, load_elements
from ..orbit.launch import LaunchOpportunity, find_launch_opportunities
from ..orbit.regions import Region, country, region_from_geojson
from ..orbit.stations import BUNDLED_STATIONS, GroundStation, make_station, station_by_id
from ..production.model import Production
from ..times import DAY_S
from .traffic import (OpportunityFit, first_slot_text, flies_up, mark_opportunities,
                      own_visit_id, production_error, recorded_visit, skipped_text,
                      days_aboard, traffic_over)

# The control centres whose contacts a call sheet lists, by the time zones a production
# shows them in (Korolyov on Moscow time, Houston on Central time).
CONTROL_CENTRES = {"Europe/Moscow": "tsup", "America/Chicago": "houston"}


def production_elements(production: Production) -> ElementSets:
    """Return the station's element sets: the file's, or the bundled ISS sets."""
    if production.mission.elements:
        return load_elements(production.resolve_path(production.mission.elements))
    return bundled_iss()


def condition_ids(production: Production, family: str) -> list[str]:
    """Return the ids of every ``family:ID`` condition the scenes use (contact or over)."""
    found = []
    for scene in production.scenes:
        for name in scene.condition_names():
            kind_ident = conditions.family_of(name)
            if kind_ident and kind_ident[0] == family:
                found.append(kind_ident[1])
    return list(dict.fromkeys(found))


def control_centres(production: Production) -> list[str]:
    """Return the control centres whose contacts the call sheets list (by the time zones)."""
    return [CONTROL_CENTRES[zone] for zone in production.time_zones if zone in CONTROL_CENTRES]


def used_stations(production: Production) -> list[GroundStation]:
    """Return the stations the scenes' contacts name and the control centres (file's first)."""
    defined = {spec.id: make_station(spec.id, spec.lat_deg, spec.lon_deg, spec.alt_m,
                                     spec.mask_deg, spec.name)
               for spec in production.ground_stations}
    wanted = dict.fromkeys(condition_ids(production, "contact") + [
        centre for centre in control_centres(production) if centre in BUNDLED_STATIONS])
    return [station_by_id(station_id, defined) for station_id in wanted]


def region_by_id(production: Production, region_id: str) -> Region:
    """Return a region the file defines by GeoJSON, else the country of that ISO code."""
    for spec in production.regions:
        if spec.id == region_id:
            region = region_from_geojson(spec.id, production.resolve_path(spec.geojson))
            return Region(spec.id, spec.name or region.name, region.geometry)
    return country(region_id)


def used_regions(production: Production) -> list[Region]:
    """Return the regions the scenes' ``over`` conditions name."""
    return [region_by_id(production, region_id)
            for region_id in condition_ids(production, "over")]


def extra_conditions(production: Production) -> list[str]:
    """Return the registry's conditions the scenes name that are not computed by default."""
    names = {name for scene in production.scenes for name in scene.condition_names()}
    return sorted(names & {n for n, c in conditions.REGISTRY.items()
                           if c.is_base and not c.by_default})


def find_launch(production: Production, elements: ElementSets, *,
                allow_stale: bool = False, traffic=None) -> LaunchOpportunity:
    """Return the production's launch (see ``choose_launch``)."""
    return choose_launch(production, elements, allow_stale=allow_stale, traffic=traffic)[0]


def choose_launch(production: Production, elements: ElementSets, *, allow_stale: bool = False,
                  traffic=None) -> tuple[LaunchOpportunity, list[OpportunityFit]]:
    """Return the production's launch, and the opportunities the station's traffic skipped.

    The launch is the one at the production's liftoff when it gives one (whether the traffic
    takes it is then ``station_traffic``'s to say), else the first opportunity on its launch
    date whose arrival the ``traffic`` (a ``Traffic``, or None) can take; the skipped ones
    are those of that day before it, each with its reasons.

    Raises ``InputError`` when the launch finder finds no opportunity that day, or the
    traffic takes none of them (with each one's reason and the first slot that would fit).
    """
    launch = production.mission.launch
    start_s = _midnight_s(launch.date)
    found = find_launch_opportunities(elements, launch.site, launch.vehicle, start_s,
                                      start_s + DAY_S, allow_stale=allow_stale)
    if not found:
        raise InputError(f"no launch opportunity from {launch.site} on {launch.date}",
                         path=production.source, field="mission.launch.date")
    if launch.liftoff is not None:
        return min(found, key=lambda o: abs(o.liftoff_s - launch.liftoff_s)), []
    marked = _marked(production, traffic, found) if traffic is not None else []
    if not marked:
        return found[0], []
    fitting = [index for index, m in enumerate(marked) if m.fits]
    if not fitting:
        raise _no_fitting_launch(production, traffic, marked)
    return marked[fitting[0]].opportunity, marked[:fitting[0]]


def _marked(production: Production, traffic, found: list[LaunchOpportunity]):
    """Return each opportunity marked with whether the traffic takes the production's visit
    arriving at it (none when nobody flies up, or the record has the flight already)."""
    if not flies_up(production) or any(recorded_visit(traffic, production, o.docking_s)
                                       for o in found):
        return []
    return _mark(production, traffic, found)


def _mark(production: Production, traffic, found: list[LaunchOpportunity]):
    mission = production.mission
    undocking_s = mission.undocking.timestamp() if mission.undocking is not None else None
    stay_s = None if undocking_s is not None else mission.stay_days * DAY_S
    return mark_opportunities(traffic, found, crew=flies_up(production), stay_s=stay_s,
                              undocking_s=undocking_s, visit_id=own_visit_id(production))


def _no_fitting_launch(production: Production, traffic,
                       marked: list[OpportunityFit]) -> InputError:
    mission, first = production.mission, marked[0].opportunity
    crew = len(flies_up(production))
    stay_s = (mission.undocking.timestamp() - first.docking_s if mission.undocking is not None
              else mission.stay_days * DAY_S)
    return production_error(production, f"no launch opportunity from {mission.launch.site} on "
                            f"{mission.launch.date} arrives when the station's traffic can "
                            f"take {production.title!r} ({crew} aboard): "
                            f"{skipped_text(marked)}; "
                            + first_slot_text(traffic, first.vehicle.id, crew, stay_s,
                                              first.docking_s), "mission", "launch", "date")


def first_launch_after(production: Production, elements: ElementSets, ready: date, *,
                       allow_stale: bool = False, search_days: int = 30,
                       max_windows: int = 6) -> tuple[LaunchOpportunity, list[OpportunityFit]]:
    """Return the first launch from ``ready`` on that the station's traffic takes, with the
    vehicle's preferred rendezvous; and the opportunities before it the traffic refused.

    A Soyuz waits for a day whose phase allows the two-orbit express, as MS-19 did; when
    none comes within ``search_days``, the first opportunity of any profile is taken. The
    traffic is the one ``traffic_over`` gives for each opportunity's stay (the production's
    file, else the bundled record where it covers the stay, else none); while it refuses a
    whole window, the search goes on to the next, up to ``max_windows``.

    Raises ``InputError`` when the finder finds no opportunity in the first window, or the
    traffic takes none in all of them.
    """
    refused: list[OpportunityFit] = []
    for window in range(max_windows):
        marked = _window(production, elements, ready + timedelta(days=window * search_days),
                         search_days, allow_stale, required=window == 0)
        fitting = [m for m in marked if m.fits]
        if fitting:
            preferred = marked[0].opportunity.vehicle.profiles[0].name
            chosen = next((m for m in fitting if m.opportunity.profile == preferred),
                          fitting[0])
            liftoff_s = chosen.opportunity.liftoff_s
            return chosen.opportunity, refused + [
                m for m in marked if not m.fits and m.opportunity.liftoff_s < liftoff_s]
        refused += marked
    raise production_error(production, f"no launch opportunity from "
                           f"{production.mission.launch.site} in the "
                           f"{max_windows * search_days} days from {ready} arrives when the "
                           f"station's traffic can take {production.title!r}: "
                           f"{skipped_text(refused)}", "mission", "launch")


def _window(production: Production, elements: ElementSets, first: date, days: int,
            allow_stale: bool, required: bool) -> list[OpportunityFit]:
    """Return the opportunities of ``days`` days from ``first``, marked by the traffic."""
    launch = production.mission.launch
    start_s = _midnight_s(first)
    found = find_launch_opportunities(elements, launch.site, launch.vehicle, start_s,
                                      start_s + days * DAY_S, allow_stale=allow_stale)
    if not found and required:
        raise InputError(f"no launch opportunity from {launch.site} in the {days} days "
                         f"from {first}", path=production.source, field="mission.launch")
    return _marked_over_days(production, found)


def _marked_over_days(production: Production,
                      found: list[LaunchOpportunity]) -> list[OpportunityFit]:
    """Return each opportunity marked by the traffic over its own stay (all fit when nobody
    flies up, the record names the flight, or no record covers the stay)."""
    flight_up = production.mission.flight_up
    by_traffic: dict[int, tuple] = {}
    for opportunity in found:
        stay = days_aboard(production, _utc_date(opportunity.docking_s))
        traffic, _ = traffic_over(production, *stay)
        if traffic is not None and flight_up not in {v.id for v in traffic.visits}:
            by_traffic.setdefault(id(traffic), (traffic, []))[1].append(opportunity)
    fits = {o.liftoff_s: OpportunityFit(o, True) for o in found}
    if flies_up(production):
        for traffic, opportunities in by_traffic.values():
            fits.update((m.opportunity.liftoff_s, m)
                        for m in _mark(production, traffic, opportunities))
    return [fits[o.liftoff_s] for o in found]


def _midnight_s(day: date) -> float:
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc).timestamp()


def _utc_date(moment_s: float) -> date:
    return datetime.fromtimestamp(moment_s, tz=timezone.utc).date()


def launch_date(production: Production) -> date:
    """Return the day the film crew lifts off: the launch's date, else the docking's."""
    mission = production.mission
    launch = mission.launch
    if launch and launch.liftoff:
        return launch.liftoff.date()
    if launch and launch.date:
        return launch.date
    return mission.docking.date()
