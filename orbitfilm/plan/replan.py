"""Re-plan a shoot under way: the production as the log tells it, the orbit again, the rest
of the scenes solved from the published schedule, every report rendered again.

apply the log (``logged``) -> the flight with the logged mission times and element sets ->
the rest of the scenes (``schedule.replan``) -> the plan document -> the plan's files. The
training and the ground unit's days are kept as the published plan has them: they are
behind the crew by the time a shoot aboard is re-planned.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

from ..deadline import command_deadline
from ..mission.flight import Flight, prepare_flight
from ..mission.links import production_elements
from ..orbit.elements import ElementSets, parse_elements
from ..production.model import Production
from ..report.writer import render_outputs
from ..schedule.problem import SolveOptions
from ..schedule.replan import replan_scenes
from ..schedule.result import Result
from ..schedule.windows import build_problem
from .document import build_plan
from .logged import Logged, logged_production
from .stage import EXPLAIN_SHARE, WRITE_RESERVE_S, flight_ephemeris, stage_options


@dataclass
class Replanned:
    """A re-plan: the flight it used, the schedule of the whole stay, the plan document."""

    flight: Flight
    result: Result
    document: dict

    def files(self) -> dict[str, bytes]:
        """Return every file of the plan folder by name (the reports rendered)."""
        outputs = render_outputs(self.document, ephemeris=flight_ephemeris(self.flight))
        return {name: text.encode("utf-8") if isinstance(text, str) else text
                for name, text in outputs.items()}


def logged_elements(production: Production, logged: Logged) -> ElementSets | None:
    """Return the production's element sets with those the log received (None: none)."""
    if not logged.elements:
        return None
    sets = {s.epoch_s: s for s in production_elements(production).sets}
    for name, text in logged.elements:
        sets.update({s.epoch_s: s for s in parse_elements(text, source=name).sets})
    return ElementSets(list(sets.values()))


def replan(production: Production, logged: Logged, published: dict, options: SolveOptions,
           *, stage: Callable[[str], None] | None = None,
           progress: Callable[[dict], None] | None = None,
           allow_stale: bool = False, pins: tuple = ()) -> Replanned:
    """Re-plan ``production`` after ``logged`` from the ``published`` plan document, in the
    options' time limit less the reports' rendering (``Replanned.files``); ``pins``
    (``schedule.pins.Pin``) move scenes to a day or lock them where they are."""
    stage = stage or (lambda name: None)
    total_s = options.time_limit_s
    with command_deadline(max(total_s - WRITE_RESERVE_S, 0.6 * total_s)):
        stage("applying the shoot log")
        production = logged_production(production, logged)
        flight = prepare_flight(production, allow_stale=allow_stale, progress=stage,
                                elements=logged_elements(production, logged))
        stage("re-planning the rest of the shoot")
        problem = build_problem(flight)
        solve = replace(stage_options(options, total_s * (1 - EXPLAIN_SHARE)),
                        explain_budget_s=total_s * EXPLAIN_SHARE)
        result = replan_scenes(flight, problem, logged, published.get("schedule") or {},
                               solve, progress, pins)
    document = build_plan(flight, result.to_json(), published.get("ground"),
                          published.get("training"))
    return Replanned(flight, result, document)
