"""The main job: from a production file to a plan folder, one library call per stage.

``make_plan`` loads the production (the bundled ``challenge-2021`` when none is given),
finds the launch when the file gives no docking time, computes the orbital environment
over the mission, schedules the orbital scenes, and writes ``DIR/schedule.json`` whole or
not at all. It returns a ``Plan`` holding every piece, so that a report is one more line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .production import Production, load_production

DEFAULT_EXAMPLE = "challenge-2021"


@dataclass
class Plan:
    """A production planned: its environment, launch (if found), schedules and files written."""

    production: Production
    environment: object
    launch: object | None
    schedule: object
    ground: object | None = None
    paths: list[Path] = field(default_factory=list)


def production_path(path: str | Path | None) -> Path:
    """Return the production file to plan: the one given, or the bundled Challenge example."""
    if path is not None:
        return Path(path)
    from .production.examples import example_path

    return example_path(DEFAULT_EXAMPLE)


def load_with_launch(path: Path):
    """Return the production and, when it gives no docking time, the launch that brings it.

    The loader checks every time against the mission, so a docking found from the launch is
    loaded again with it filled in.
    """
    from .production.orbital import find_launch

    production = load_production(path, resolve_launch=False)
    if production.mission is None or production.mission.docking is not None:
        return production, None
    launch = find_launch(production)
    return load_production(path), launch


def make_plan(path: str | Path | None = None, out_dir: str | Path = "plan", *,
              options=None, weights=None, stage: Callable[[str], None] | None = None,
              progress: Callable[[dict], None] | None = None, force: bool = False) -> Plan:
    """Plan a production into ``out_dir``; return the ``Plan`` with the paths written.

    ``stage`` hears the name of each stage as it starts; ``progress`` the solver's best
    objective and bound as they improve.
    """
    from .report.writer import write_reports
    from .schedule import schedule

    stage = stage or (lambda name: None)
    stage("loading the production")
    production, launch = load_with_launch(production_path(path))
    stage("computing the orbital environment")
    environment = production.environment() if production.mission else None
    stage("scheduling the scenes aboard")
    result = schedule(production, environment, weights=weights, options=options,
                      progress=progress)
    stage("writing the plan and its reports")
    plan = Plan(production, environment, launch, result, result.ground)
    plan.paths += write_reports(plan, Path(out_dir), force=force)
    return plan
