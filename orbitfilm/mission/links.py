"""The production's links to the orbit engine: its element sets, stations, regions, launch.

Each link is one small function from the production's plain data to the engine's objects.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

from ..errors import InputError
from ..orbit import conditions
from ..orbit.elements import ElementSets, bundled_iss, load_elements
from ..orbit.launch import LaunchOpportunity, find_launch_opportunities
from ..orbit.regions import Region, country, region_from_geojson
from ..orbit.stations import BUNDLED_STATIONS, GroundStation, make_station, station_by_id
from ..production.model import Production
from ..times import DAY_S

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
                allow_stale: bool = False) -> LaunchOpportunity:
    """Return the production's launch: the one at its liftoff when it gives one, else the
    first opportunity on its launch date.

    Raises ``InputError`` when the launch finder finds no opportunity that day.
    """
    launch = production.mission.launch
    start_s = _midnight_s(launch.date)
    found = find_launch_opportunities(elements, launch.site, launch.vehicle, start_s,
                                      start_s + DAY_S, allow_stale=allow_stale)
    if not found:
        raise InputError(f"no launch opportunity from {launch.site} on {launch.date}",
                         path=production.source, field="mission.launch.date")
    if launch.liftoff is not None:
        return min(found, key=lambda o: abs(o.liftoff_s - launch.liftoff_s))
    return found[0]


def first_launch_after(production: Production, elements: ElementSets, ready: date, *,
                       allow_stale: bool = False, search_days: int = 30) -> LaunchOpportunity:
    """Return the first launch from ``ready`` on with the vehicle's preferred rendezvous.

    A Soyuz waits for a day whose phase allows the two-orbit express, as MS-19 did; when
    none comes within ``search_days``, the first opportunity of any profile is taken.
    """
    launch = production.mission.launch
    start_s = _midnight_s(ready)
    found = find_launch_opportunities(elements, launch.site, launch.vehicle, start_s,
                                      start_s + search_days * DAY_S, allow_stale=allow_stale)
    if not found:
        raise InputError(f"no launch opportunity from {launch.site} in the {search_days} days "
                         f"from {ready}", path=production.source, field="mission.launch")
    preferred = found[0].vehicle.profiles[0].name
    return next((o for o in found if o.profile == preferred), found[0])


def _midnight_s(day: date) -> float:
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc).timestamp()
