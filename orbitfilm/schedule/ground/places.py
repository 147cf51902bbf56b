"""Where the ground unit can go in a day: locations grouped into places, and journeys.

Two ground locations closer than the production's ``ground_same_day_km`` (great-circle
distance on a sphere of the Earth's mean radius) are in one place, and so is everything
linked by a chain of such neighbours: a unit shoots a place's locations on one day. Going
from one place to another is a journey of a travel day, costing the distance times
``ground_cost_per_km``, unless the production's ``[move]`` table names the pair.
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np

from ...production.model import Location, Moves
from .problem import Journey

EARTH_MEAN_RADIUS_KM = 6371.0088  # IUGG mean radius R1


def distance_km(a: Location, b: Location) -> float | None:
    """Return the great-circle distance between two located places, or ``None``."""
    if None in (a.lat_deg, a.lon_deg, b.lat_deg, b.lon_deg):
        return None
    lat1, lon1, lat2, lon2 = np.radians([a.lat_deg, a.lon_deg, b.lat_deg, b.lon_deg])
    half = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * \
        np.sin((lon2 - lon1) / 2) ** 2
    return float(2 * EARTH_MEAN_RADIUS_KM * np.arcsin(np.sqrt(half)))


def group_places(locations: list[Location], same_day_km: float) -> dict[str, str]:
    """Return each location's place id: neighbours within ``same_day_km`` share one."""
    parent = {loc.id: loc.id for loc in locations}

    def root(key: str) -> str:
        while parent[key] != key:
            key = parent[key]
        return key

    for i, a in enumerate(locations):
        for b in locations[i + 1:]:
            km = distance_km(a, b)
            if km is not None and km <= same_day_km:
                parent[root(b.id)] = root(a.id)
    members: dict[str, list[Location]] = {}
    for loc in locations:
        members.setdefault(root(loc.id), []).append(loc)
    return {loc.id: place_name(group) for group in members.values() for loc in group}


def place_name(group: list[Location]) -> str:
    """Return a place's name: what most of its locations' names begin with (before ':')."""
    prefixes = Counter((loc.name or loc.id).split(":")[0].strip() for loc in group)
    return prefixes.most_common(1)[0][0]


def place_id(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "place"


def journeys(locations: list[Location], places: dict[str, str],
             moves: Moves) -> dict[tuple[str, str], Journey]:
    """Return the journey between each pair of places (named pairs first, else distance)."""
    by_place: dict[str, list[Location]] = {}
    for loc in locations:
        by_place.setdefault(places[loc.id], []).append(loc)
    found = {}
    for p, here in by_place.items():
        for q, there in by_place.items():
            if p < q:
                found[(p, q)] = _journey(here, there, moves)
    return found


def _journey(here: list[Location], there: list[Location], moves: Moves) -> Journey:
    ids_here, ids_there = {loc.id for loc in here}, {loc.id for loc in there}
    for pair in moves.ground:
        a, b = pair.between
        if (a in ids_here and b in ids_there) or (b in ids_here and a in ids_there):
            return Journey(pair.cost, pair.travel_days)
    distances = [d for a in here for b in there if (d := distance_km(a, b)) is not None]
    if not distances:
        return Journey(0.0, 0)
    return Journey(round(min(distances) * moves.ground_cost_per_km, 2), 1)
