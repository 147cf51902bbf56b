"""The production's links to the orbit engine: its element sets, stations, regions.

The launch is chosen in one place, ``chooser.choose_launch``.

Each link is one small function from the production's plain data to the engine's objects.
"""

from __future__ import annotations

from datetime import date

from ..orbit import conditions
from ..orbit.elements import ElementSets, bundled_iss, load_elements
from ..orbit.regions import Region, country, region_from_geojson
from ..orbit.stations import BUNDLED_STATIONS, GroundStation, make_station, station_by_id
from ..production.model import Production

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


def launch_date(production: Production) -> date:
    """Return the day the film crew lifts off: the launch's date, else the docking's."""
    mission = production.mission
    launch = mission.launch
    if launch and launch.liftoff:
        return launch.liftoff.date()
    if launch and launch.date:
        return launch.date
    return mission.docking.date()
