"""The production's view of the orbit: its ground stations, regions, environment and launch.

Each link to the orbit engine sits in one small function here, so the model stays plain data.
"""

from __future__ import annotations

from datetime import datetime, timezone

from ..errors import InputError
from ..times import DAY_S
from .model import Production


def condition_ids(production: Production, kind: str) -> list[str]:
    """Return the ids of every ``kind:ID`` condition the scenes use (kind: contact or over)."""
    prefix = f"{kind}:"
    names = (name for scene in production.scenes for name in scene.condition_names())
    return list(dict.fromkeys(name[len(prefix):] for name in names if name.startswith(prefix)))


def defined_stations(production: Production) -> dict:
    """Return the ground stations the file defines, as engine objects."""
    from ..orbit.stations import make_station

    return {spec.id: make_station(spec.id, spec.lat_deg, spec.lon_deg, spec.alt_m,
                                  spec.mask_deg, spec.name) for spec in production.ground_stations}


def used_ground_stations(production: Production) -> list:
    """Return the stations the scenes' ``contact`` conditions name (file's ones first)."""
    from ..orbit.stations import station_by_id

    extra = defined_stations(production)
    return [station_by_id(station_id, extra) for station_id in condition_ids(production, "contact")]


def region_by_id(production: Production, region_id: str):
    """Return a region the file defines by GeoJSON, else the country of that ISO code."""
    from ..orbit.regions import Region, country, region_from_geojson

    for spec in production.regions:
        if spec.id == region_id:
            region = region_from_geojson(spec.id, production.resolve_path(spec.geojson))
            return Region(spec.id, spec.name or region.name, region.geometry)
    return country(region_id)


def used_regions(production: Production) -> list:
    """Return the regions the scenes' ``over`` conditions name."""
    return [region_by_id(production, region_id) for region_id in condition_ids(production, "over")]


def production_environment(production: Production, progress=None):
    """Compute the environment over the mission span with the stations and regions it needs."""
    from ..orbit.environment import compute_environment

    start_s, end_s = production.span_s
    return compute_environment(production.elements(), start_s, end_s,
                               stations=used_ground_stations(production),
                               regions=used_regions(production), progress=progress)


def is_known_condition(name: str) -> bool:
    """Return whether the environment engine knows a condition of this name's form."""
    from ..orbit.environment import is_known_condition as known

    return known(name)


def find_launch(production: Production):
    """Return the first launch opportunity on the production's launch date.

    Raises ``InputError`` when the launch is incomplete or the finder finds no opportunity.
    """
    from ..orbit.launch import find_launch_opportunities

    launch = production.mission.launch
    if launch is None or not (launch.site and launch.vehicle and launch.date):
        raise InputError("give mission.docking, or mission.launch with site, vehicle and date")
    start_s = datetime(launch.date.year, launch.date.month, launch.date.day,
                       tzinfo=timezone.utc).timestamp()
    found = find_launch_opportunities(production.elements(), launch.site, launch.vehicle,
                                      start_s, start_s + DAY_S)
    if not found:
        raise InputError(f"no launch opportunity from {launch.site} on {launch.date}")
    return found[0]


def launch_id_problem(kind: str, text: str) -> str | None:
    """Return why a launch site or vehicle id is unknown, or ``None`` when it is known."""
    from ..orbit.sites import parse_site
    from ..orbit.vehicles import vehicle_by_id

    try:
        (parse_site if kind == "site" else vehicle_by_id)(text)
    except InputError as error:
        return error.message
    return None


def scene_windows_s(production: Production, environment, scene):
    """Return where a scene's conditions hold, and where its cast and a unit are free too.

    Both are clipped to the scene's earliest/latest within the environment's span.
    """
    from ..intervals import IntervalSet

    low, high = environment.span_s
    low = max(low, scene.earliest_s or low)
    high = min(high, scene.latest_s or high)
    windows = IntervalSet.whole(environment.span_s).clip(low, high)
    for name in scene.condition_names():
        windows = windows.intersection(environment.condition(name, production.edge_s))
    with_people = windows
    for person in production.cast_of(scene):
        with_people = with_people.intersection(production.available_s(person, environment.span_s))
    units = production.camera_units()
    if units:
        free = IntervalSet.empty(environment.span_s)
        for unit in units:
            crew = IntervalSet.whole(environment.span_s)
            for person_id in unit.people:
                crew = crew.intersection(production.available_s(person_id, environment.span_s))
            free = free.union(crew)
        with_people = with_people.intersection(free)
    return windows, with_people
