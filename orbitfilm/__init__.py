"""orbitfilm: plan the shooting of a film aboard a crewed space station.

The public names live here, as skyfield's live in ``skyfield.api``. They are imported on
first use (PEP 562), so that ``import orbitfilm`` and the command line start quickly.
"""

from __future__ import annotations

from orbitfilm._lazy import lazy_names

__version__ = "0.1.0"

_HOMES = {
    "IntervalSet": "orbitfilm.intervals",
    "InputError": "orbitfilm.errors",
    "InputErrors": "orbitfilm.errors",
    "OrbitfilmError": "orbitfilm.errors",
    "parse_iso": "orbitfilm.times",
    "format_iso": "orbitfilm.times",
    "ElementSets": "orbitfilm.orbit.elements",
    "load_elements": "orbitfilm.orbit.elements",
    "bundled_iss": "orbitfilm.orbit.elements",
    "Environment": "orbitfilm.orbit.environment",
    "compute_environment": "orbitfilm.orbit.environment",
    "ground_track": "orbitfilm.orbit.environment",
    "GroundStation": "orbitfilm.orbit.stations",
    "BUNDLED_STATIONS": "orbitfilm.orbit.stations",
    "Region": "orbitfilm.orbit.regions",
    "country": "orbitfilm.orbit.regions",
    "region_from_geojson": "orbitfilm.orbit.regions",
    "find_launch_opportunities": "orbitfilm.orbit.launch",
    "LaunchOpportunity": "orbitfilm.orbit.launch",
    "LaunchSite": "orbitfilm.orbit.sites",
    "SITES": "orbitfilm.orbit.sites",
    "site_by_id": "orbitfilm.orbit.sites",
    "Vehicle": "orbitfilm.orbit.vehicles",
    "VEHICLES": "orbitfilm.orbit.vehicles",
    "vehicle_by_id": "orbitfilm.orbit.vehicles",
    "Production": "orbitfilm.production",
    "Scene": "orbitfilm.production",
    "Person": "orbitfilm.production",
    "Location": "orbitfilm.production",
    "load_production": "orbitfilm.production",
    "check_production": "orbitfilm.production",
    "schedule": "orbitfilm.schedule.scheduler",
    "SolveOptions": "orbitfilm.schedule.problem",
    "Weights": "orbitfilm.schedule.problem",
    "check_schedule": "orbitfilm.schedule.verify",
    "solve_talent": "orbitfilm.schedule.ground",
    "read_talent": "orbitfilm.schedule.ground",
    "make_plan": "orbitfilm.plan",
    "write_reports": "orbitfilm.report.writer",
}

__all__ = sorted(_HOMES) + ["__version__"]


__getattr__, __dir__ = lazy_names('orbitfilm', _HOMES, globals())
