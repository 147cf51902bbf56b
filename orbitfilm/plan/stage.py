"""The main job: from a production file to a plan folder, one library call per stage.

load the production -> plan the training and the launch it allows (when the production has a
programme) -> settle the flight (launch, environment) -> schedule the scenes aboard and the
ground unit's days -> build the plan document -> write every report. Each stage is a
plain call that hands plain data on; ``make_plan`` chains them and returns the ``Plan``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Callable

from ..deadline import TRAINING_DETERMINISTIC_SHARE, command_deadline, stage_seconds, was_cut
from ..formats.pdf import require_weasyprint
from ..mission.flight import Flight, prepare_flight
from ..mission.links import launch_date
from ..orbit.ephemeris import Ephemeris, station_ephemeris
from ..production.examples import example_path
from ..production.loader import load_production
from ..report.writer import check_folder, write_reports
from ..schedule.ground import GroundSchedule, ground_problem, solve_ground
from ..schedule.problem import SolveOptions, Weights
from ..schedule.result import Result
from ..schedule.scheduler import schedule_scenes
from ..training.road import RoadToOrbit, road_for
from .document import build_plan

DEFAULT_EXAMPLE = "challenge-2021"

# One budget per command (``SolveOptions.time_limit_s``), shared by its stages: the training
# planner gets this share, the scenes aboard the rest, of which the ground unit gets
# GROUND_SHARE and the reasons for scenes left out EXPLAIN_SHARE. Every solve also stops at
# the command's deadline (``orbitfilm.deadline``), so a stage that overruns takes from the
# ones after it, never from the wall clock.
TRAINING_SHARE = 0.3
GROUND_SHARE = 0.1
# A ground unit of tens of scenes is solved in well under a second (the Challenge's six in
# 0.2 s) and has no first schedule to fall back on: it gets at least this, past the deadline.
GROUND_MIN_S = 1.0
EXPLAIN_SHARE = 0.15
# Rendering and writing the Challenge's plan folder takes about 3 s (bench/plan.py): kept
# out of the solves' deadline, down to 40% of the limit for short ones.
WRITE_RESERVE_S = 3.0


@dataclass(frozen=True)
class Schedules:
    """The orbital schedule and the ground unit's days of one flight."""

    orbital: Result
    ground: GroundSchedule | None
    warnings: tuple[str, ...] = ()  # the flight's (old element sets, no night)

    def to_json(self) -> dict:
        """Return the schedule file: the orbital schedule, the ground unit's under
        ``"ground"`` when there is one, and the flight's warnings when there are any."""
        document = self.orbital.to_json()
        if self.ground is not None:
            document["ground"] = self.ground.to_json()
        if self.warnings:
            document["warnings"] = list(self.warnings)
        return document


@dataclass
class Plan:
    """A production planned: its flight, schedules, the plan document and the files written."""

    flight: Flight
    schedules: Schedules
    document: dict
    paths: list[Path] = field(default_factory=list)
    road: RoadToOrbit | None = None  # the training and the launch it allows
    ephemeris: Ephemeris | None = None  # the station's states over the stay (ephemeris.oem)

    @property
    def production(self):
        return self.flight.production


def production_path(path: str | Path | None) -> Path:
    """Return the production file to plan: the one given, or the bundled Challenge example."""
    return Path(path) if path is not None else example_path(DEFAULT_EXAMPLE)


def schedule_flight(flight: Flight, *, weights: Weights | None = None,
                    options: SolveOptions | None = None,
                    progress: Callable[[dict], None] | None = None) -> Schedules:
    """Schedule a flight's scenes aboard (CP-SAT) and its ground unit's days, within the
    options' time limit together: the ground unit gets ``GROUND_SHARE`` of it, the reasons
    for scenes left out ``EXPLAIN_SHARE`` of the rest."""
    options = options or SolveOptions()
    production = flight.production
    problem = ground_problem(production, ground_until(production))
    scenes_s = options.time_limit_s * (1 - (GROUND_SHARE if problem is not None else 0))
    with command_deadline(options.time_limit_s):
        ground = None
        if problem is not None:  # first: small, and it has no stripboard to fall back on
            ground_s = max(GROUND_MIN_S, options.time_limit_s * GROUND_SHARE)
            with command_deadline(ground_s, at_least_s=GROUND_MIN_S):
                ground = solve_ground(problem, stage_seconds(ground_s, options.deterministic),
                                      options.deterministic)
            ground = replace(ground, places={loc.id: loc.place_id for loc in problem.locations})
        orbital = schedule_scenes(flight, weights=weights, progress=progress, options=replace(
            stage_options(options, scenes_s * (1 - EXPLAIN_SHARE)),
            explain_budget_s=scenes_s * EXPLAIN_SHARE))
        warnings = flight.warnings + cut_warnings(options)
    return Schedules(orbital, ground, warnings)


def stage_options(options: SolveOptions, seconds: float) -> SolveOptions:
    """Return the options of a stage given ``seconds`` of the command's budget."""
    return replace(options, time_limit_s=stage_seconds(seconds, options.deterministic))


CUT_WARNING = ("the time limit, counted on the clock, cut the deterministic search short: "
               "this run may not repeat; give a longer --time-limit")


def cut_warnings(options: SolveOptions) -> tuple[str, ...]:
    """Return the warning of a deterministic run the wall clock cut: it may not repeat."""
    if not (options.deterministic and was_cut()):
        return ()
    return (CUT_WARNING,)


def ground_until(production) -> date | None:
    """Return the day the ground unit's default calendar ends before: the launch (with a
    training programme, the road to orbit bounds each place: ``ground_problem``)."""
    return None if production.mission is None else launch_date(production)


def flight_ephemeris(flight: Flight) -> Ephemeris | None:
    """Return the station's states over the stay, or None for a production on the ground."""
    if flight.environment is None:
        return None
    return station_ephemeris(flight.elements, *flight.environment.span_s)


def make_plan(path: str | Path | None = None, out_dir: str | Path = "plan", *,
              options: SolveOptions | None = None, weights: Weights | None = None,
              stage: Callable[[str], None] | None = None,
              progress: Callable[[dict], None] | None = None, force: bool = False,
              allow_stale: bool = False, pdf: bool = False) -> Plan:
    """Plan a production into ``out_dir``; return the ``Plan`` with the paths written.

    The folder is checked before any work (``report.writer.check_folder``), and with
    ``pdf`` that WeasyPrint is there. ``stage`` hears the name of each stage as it starts;
    ``progress`` the solver's best schedule and bound.
    """
    stage = stage or (lambda name: None)
    options = options or SolveOptions()
    if pdf:
        require_weasyprint()
    total_s = options.time_limit_s
    with command_deadline(max(total_s - WRITE_RESERVE_S, 0.6 * total_s)):
        stage("loading the production")
        production = load_production(production_path(path))
        check_folder(Path(out_dir), production.title, force)
        flight, road = settle_flight(production, options, allow_stale, stage, always=True)
        stage("scheduling the scenes")
        left_s = total_s * (1 - TRAINING_SHARE) if road else total_s
        schedules = schedule_flight(flight, weights=weights, progress=progress,
                                    options=stage_options(options, left_s))
        # The training's cut is the command's too; said once with the scenes' own.
        schedules = replace(schedules, warnings=tuple(dict.fromkeys(
            schedules.warnings + cut_warnings(options))))
    stage("writing the plan and its reports")
    orbital = schedules.orbital.to_json()
    ground = schedules.ground.to_json() if schedules.ground else None
    document = build_plan(flight, orbital, ground, road.to_json() if road else None)
    plan = Plan(flight, schedules, document, road=road, ephemeris=flight_ephemeris(flight))
    plan.paths += write_reports(plan, Path(out_dir), force=force, pdf=pdf)
    return plan


def settle_flight(production, options: SolveOptions, allow_stale: bool,
                  stage: Callable[[str], None], *, always: bool = False,
                  environment: bool = True) -> tuple[Flight, RoadToOrbit | None]:
    """Return the production's flight on its one road to orbit: the training planned in
    ``TRAINING_SHARE`` of the options' time when the launch waits for it (or ``always``
    with a programme: a fixed launch the crew cannot make is refused), then the launch
    chooser, the station and the orbit."""
    total_s = options.time_limit_s
    with command_deadline(total_s * TRAINING_SHARE):  # the rest is the scenes'
        training_s = stage_seconds(total_s * TRAINING_SHARE, options.deterministic,
                                   TRAINING_DETERMINISTIC_SHARE)
        road = road_for(production, always=always, time_limit_s=training_s,
                        workers=options.workers, deterministic=options.deterministic,
                        allow_stale=allow_stale, progress=stage)
    flight = prepare_flight(production, allow_stale=allow_stale, progress=stage,
                            choice=road.choice if road else None, environment=environment)
    return flight, road
