"""The public API: the names a user imports from ``orbitfilm``, and how each is called.

Each exported function is pinned with the signature the README documents, so that a call
written from the documentation works; each class is importable by its name.
"""

import importlib
import inspect
import subprocess
import sys

import orbitfilm

SIGNATURES = {
    "load_production": "(path: 'str | Path') -> 'Production'",
    "parse_production": "(text: 'str', source: 'str' = '<production>', "
                        "base_dir: 'Path | None' = None) -> 'Production'",
    "check_production": "(production: 'Production', set_aside=frozenset()) -> 'list[Mistake]'",
    "check_file": "(path: 'str | Path', *, orbit: 'bool' = True, allow_stale: 'bool' = False, "
                  "progress=None, time_limit_s: 'float' = 30.0) -> 'CheckReport'",
    "prepare_flight": "(production: 'Production', *, allow_stale: 'bool' = False, "
                      "progress: 'Callable[[str], None] | None' = None, "
                      "environment: 'bool' = True, "
                      "choice: 'LaunchChoice | None' = None, "
                      "traffic: 'tuple[Traffic | None, str | None] | None' = None, "
                      "elements: 'ElementSets | None' = None) -> 'Flight'",
    "schedule_scenes": "(flight: 'Flight', *, weights: 'Weights | None' = None, "
                       "options: 'SolveOptions | None' = None, "
                       "progress: 'Callable[[dict], None] | None' = None) -> 'Result'",
    "schedule_ground": "(production: 'Production', *, launch_date: 'dt.date | None' = None, "
                       "time_limit_s: 'float' = 30.0) -> 'GroundSchedule | None'",
    "schedule_flight": "(flight: 'Flight', *, weights: 'Weights | None' = None, "
                       "options: 'SolveOptions | None' = None, "
                       "progress: 'Callable[[dict], None] | None' = None) -> 'Schedules'",
    "build_plan": "(flight: 'Flight', schedule: 'dict | None', ground: 'dict | None', "
                  "training: 'dict | None' = None) -> 'dict'",
    "plan_training": "(production: 'Production', *, start: 'date | None' = None, "
                     "time_limit_s: 'float' = 10.0, workers: 'int' = 2, explain: 'bool' = True, "
                     "deterministic: 'bool' = False, "
                     "progress: 'Callable[[str], None] | None' = None) -> 'TrainingPlan'",
    "road_to_orbit": "(production: 'Production', *, start: 'date | None' = None, "
                     "time_limit_s: 'float' = 10.0, workers: 'int' = 2, explain: 'bool' = True, "
                     "allow_stale: 'bool' = False, deterministic: 'bool' = False, "
                     "progress: 'Callable[[str], None] | None' = None) -> 'RoadToOrbit'",
    "make_plan": "(path: 'str | Path | None' = None, out_dir: 'str | Path' = 'plan', *, "
                 "options: 'SolveOptions | None' = None, weights: 'Weights | None' = None, "
                 "stage: 'Callable[[str], None] | None' = None, "
                 "progress: 'Callable[[dict], None] | None' = None, force: 'bool' = False, "
                 "allow_stale: 'bool' = False, pdf: 'bool' = False) -> 'Plan'",
    "write_reports": "(plan, out_dir, force: 'bool' = False, *, pdf: 'bool' = False) "
                     "-> 'list[Path]'",
    "check_schedule": "(flight: 'Flight', document: 'dict', source: 'str' = '<schedule>') "
                      "-> 'list[Violation]'",
    "compute_environment": "(elements: 'ElementSets', start_s: 'float', end_s: 'float', "
                           "stations: 'Iterable[GroundStation]' = (), "
                           "regions: 'Iterable[Region]' = (), "
                           "progress: 'Callable[[str], None] | None' = None, *, "
                           "extra: 'Iterable[str]' = (), allow_stale: 'bool' = False) "
                           "-> 'Environment'",
    "ground_track": "(elements: 'ElementSets', start_s: 'float', end_s: 'float', "
                    "step_s: 'float' = 60.0) -> 'dict[str, np.ndarray]'",
    "find_launch_opportunities": "(elements: 'ElementSets', site: 'LaunchSite | str', "
                                 "vehicle: 'Vehicle | str', start_s: 'float', end_s: 'float', "
                                 "*, allow_stale: 'bool' = False) -> 'list[LaunchOpportunity]'",
    "import_fountain": "(script: 'str | Path', output: 'str | Path', *, force: 'bool' = False, "
                       "rates: 'ImportRates' = ImportRates(orbital_min_per_page=60.0, "
                       "ground_pages_per_day=3.0, setup_min=15.0), "
                       "base: 'str | Path | None' = None) -> 'ImportResult'",
    "import_final_draft": "(script: 'str | Path', output: 'str | Path', *, "
                          "force: 'bool' = False, rates: 'ImportRates' = ImportRates("
                          "orbital_min_per_page=60.0, ground_pages_per_day=3.0, setup_min=15.0), "
                          "base: 'str | Path | None' = None) -> 'ImportResult'",
    "import_uss": "(path: 'str | Path', output: 'str | Path', *, force: 'bool' = False, "
                  "rates: 'ImportRates' = ImportRates(orbital_min_per_page=60.0, "
                  "ground_pages_per_day=3.0, setup_min=15.0), "
                  "base: 'str | Path | None' = None) -> 'ImportResult'",
    "import_talent": "(path: 'str | Path', output: 'str | Path', *, force: 'bool' = False, "
                     "title: 'str | None' = None, start: 'dt.date | None' = None) "
                     "-> 'TalentImportResult'",
    "solve_talent": "(instance: 'TalentInstance', time_limit_s: 'float | None' = None, *, "
                    "backend: 'str' = 'auto', both_ends: 'bool | str' = 'auto') "
                    "-> 'TalentResult'",
    "read_talent": "(path: 'str | Path') -> 'TalentInstance'",
    "load_elements": "(path: 'str | Path') -> 'ElementSets'",
    "bundled_iss": "() -> 'ElementSets'",
    "country": "(code: 'str') -> 'Region'",
    "region_from_geojson": "(region_id: 'str', path: 'str | Path') -> 'Region'",
    "site_by_id": "(site_id: 'str') -> 'LaunchSite'",
    "vehicle_by_id": "(vehicle_id: 'str') -> 'Vehicle'",
    "parse_iso": "(text: 'str', *, field: 'str | None' = None, path: 'str | None' = None, "
                 "line: 'int | None' = None) -> 'float'",
    "format_iso": "(seconds: 'float') -> 'str'",
}
CLASSES = ["BUNDLED_STATIONS", "CONDITIONS", "Condition", "ElementSets", "Environment",
           "Flight", "GroundSchedule", "GroundStation", "InputError", "InputErrors",
           "IntervalSet", "LaunchOpportunity", "LaunchSite", "Location", "OrbitfilmError",
           "Person", "Plan", "Production", "Region", "Result", "RoadToOrbit", "SITES",
           "Scene", "SolveOptions", "TrainingPlan", "VEHICLES", "Vehicle", "Weights"]


def test_export_list_is_pinned():
    assert orbitfilm.__all__ == sorted([*SIGNATURES, *CLASSES]) + ["__version__"]


def test_every_function_is_callable_with_its_documented_signature():
    for name, signature in SIGNATURES.items():
        function = getattr(orbitfilm, name)
        assert callable(function), name
        assert str(inspect.signature(function)) == signature, name


def test_no_exported_name_shadows_a_subpackage():
    # ``orbitfilm.schedule`` is the scheduling package, not a function that hides it.
    for package in ("orbit", "production", "mission", "schedule", "plan", "report", "cli"):
        assert package not in orbitfilm.__all__
    assert inspect.ismodule(importlib.import_module("orbitfilm.schedule"))
    assert inspect.ismodule(orbitfilm.schedule)


def _modules_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print(' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    return set(out.split())


def test_the_production_model_imports_no_orbit_and_reports_no_propagation():
    # Issue 13's plain checks: the model is plain data; the renderers draw from plain data.
    assert not {m for m in _modules_after("import orbitfilm.production.model")
                if m.startswith("orbitfilm.orbit")}
    loaded = _modules_after("import orbitfilm.report.writer, orbitfilm.report.environment, "
                            "orbitfilm.report.schedule_table, orbitfilm.report.launch_table")
    propagating = {"orbitfilm.orbit.elements", "orbitfilm.orbit.environment",
                   "orbitfilm.orbit.track", "orbitfilm.orbit.launch", "orbitfilm.orbit.events",
                   "orbitfilm.orbit.geometry", "orbitfilm.mission", "sgp4", "skyfield"}
    assert not propagating & loaded


def test_only_the_schedule_backends_import_ortools():
    import pathlib

    root = pathlib.Path(orbitfilm.__file__).parent
    users = sorted(str(p.relative_to(root)) for p in root.rglob("*.py")
                   if "from ortools" in p.read_text() or "import ortools" in p.read_text())
    assert users == ["schedule/cpsat/budget.py", "schedule/cpsat/cores.py",
                     "schedule/cpsat/model.py", "schedule/cpsat/pieces.py",
                     "schedule/cpsat/search.py", "schedule/ground/model.py",
                     "schedule/project/solve.py"]
