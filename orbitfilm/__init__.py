"""orbitfilm: plan the shooting of a film aboard a crewed space station.

The public names live here, as skyfield's live in ``skyfield.api``. They are imported on
first use (PEP 562), so that ``import orbitfilm`` and the command line start quickly. The
stages, each a plain call handing plain data to the next::

    production = load_production("film.toml")          # validated plain data
    road = road_to_orbit(production)                   # training, the launch it allows
    flight = prepare_flight(production)                # launch, elements, environment
    schedules = schedule_flight(flight)                # scenes aboard, the ground unit
    document = build_plan(flight, schedules.orbital.to_json(), ...)   # what reports draw
    write_reports(document, "plan")                    # every file

``make_plan`` chains them all.
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
    "Condition": "orbitfilm.orbit.conditions",
    "CONDITIONS": "orbitfilm.orbit.conditions",
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
    "Production": "orbitfilm.production.model",
    "Scene": "orbitfilm.production.model",
    "Person": "orbitfilm.production.model",
    "Location": "orbitfilm.production.model",
    "load_production": "orbitfilm.production.loader",
    "parse_production": "orbitfilm.production.loader",
    "check_production": "orbitfilm.production.checks",
    "import_fountain": "orbitfilm.production.script_import",
    "import_talent": "orbitfilm.production.talent_import",
    "import_final_draft": "orbitfilm.formats.finaldraft",
    "import_uss": "orbitfilm.formats.uss",
    "plan_training": "orbitfilm.training.planner",
    "TrainingPlan": "orbitfilm.training.planner",
    "road_to_orbit": "orbitfilm.training.road",
    "RoadToOrbit": "orbitfilm.training.road",
    "Flight": "orbitfilm.mission.flight",
    "prepare_flight": "orbitfilm.mission.flight",
    "check_file": "orbitfilm.mission.checks",
    "schedule_scenes": "orbitfilm.schedule.scheduler",
    "SolveOptions": "orbitfilm.schedule.problem",
    "Weights": "orbitfilm.schedule.problem",
    "Result": "orbitfilm.schedule.result",
    "check_schedule": "orbitfilm.schedule.verify",
    "GroundSchedule": "orbitfilm.schedule.ground",
    "schedule_ground": "orbitfilm.schedule.ground",
    "solve_talent": "orbitfilm.schedule.ground",
    "read_talent": "orbitfilm.schedule.ground",
    "schedule_flight": "orbitfilm.plan.stage",
    "build_plan": "orbitfilm.plan.document",
    "make_plan": "orbitfilm.plan.stage",
    "Plan": "orbitfilm.plan.stage",
    "write_reports": "orbitfilm.report.writer",
}

__all__ = sorted(_HOMES) + ["__version__"]


__getattr__, __dir__ = lazy_names('orbitfilm', _HOMES, globals())
