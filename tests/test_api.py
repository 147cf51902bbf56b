"""The public API: the names a user imports from ``orbitfilm`` are pinned here."""

import orbitfilm

EXPECTED = [
    "BUNDLED_STATIONS", "ElementSets", "Environment", "GroundStation", "InputError",
    "InputErrors", "IntervalSet", "OrbitfilmError", "Region", "bundled_iss",
    "compute_environment", "country", "format_iso", "ground_track", "load_elements",
    "parse_iso", "region_from_geojson",
    "LaunchOpportunity", "LaunchSite", "SITES", "VEHICLES", "Vehicle",
    "find_launch_opportunities", "site_by_id", "vehicle_by_id",
    "Location", "Person", "Production", "Scene", "check_production", "load_production",
    "SolveOptions", "Weights", "check_schedule", "make_plan", "read_talent", "schedule",
    "solve_talent", "write_reports",
]


def test_export_list_is_pinned():
    assert orbitfilm.__all__ == sorted(EXPECTED) + ["__version__"]


def test_every_exported_name_resolves():
    for name in EXPECTED:
        assert getattr(orbitfilm, name) is not None, name
