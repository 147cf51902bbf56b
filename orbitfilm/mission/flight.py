"""The flight stage: a production's mission settled against the orbit, computed once.

``prepare_flight`` is the production's one doorway into the orbit engine. It reads the
station's element sets and traffic, finds the launch when the file gives no docking time
(one whose arrival the traffic takes; and checks the times that depend on it), adds the
production's own visit to the traffic (``mission.traffic``), and computes the environment
over the stay with every condition the scenes name and the control centres' contacts. The
``Flight`` it returns is plain data that every later stage reads: the candidate windows,
the ground calendar, the plan document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ..orbit.elements import ElementSets
from ..orbit.environment import Environment, compute_environment
from ..orbit.launch import LaunchOpportunity
from ..production.checks import time_mistakes
from ..production.mistakes import raise_mistakes
from ..production.model import Production
from ..station.traffic import Traffic
from .availability import Availability
from .chooser import LaunchChoice, choose_launch, launched
from .traffic import StationTraffic, flight_mistakes, joined_note, production_traffic, \
    station_traffic
from .links import extra_conditions, production_elements, used_regions, used_stations


@dataclass(frozen=True)
class Flight:
    """A production with its mission settled: the launch, the element sets, the environment.

    ``production`` has its docking filled in when the launch finder gave it. A production
    with no ``[mission]`` (a ground unit only) has no launch, elements or environment.
    ``allow_stale`` records that old element sets were accepted past their limit.
    ``station`` is the station's traffic with the production's own visit, or a note why
    there is none.
    """

    production: Production
    launch: LaunchOpportunity | None = None
    elements: ElementSets | None = None
    environment: Environment | None = None
    allow_stale: bool = False
    warnings: tuple[str, ...] = field(default=())
    station: StationTraffic | None = None
    choice: LaunchChoice | None = None   # the launch chooser's answer, when it was asked

    @property
    def span_s(self) -> tuple[float, float]:
        return self.production.span_s

    def availability(self) -> Availability:
        """Return the people's free time over the stay."""
        return Availability(self.production, self.span_s)


def prepare_flight(production: Production, *, allow_stale: bool = False,
                   progress: Callable[[str], None] | None = None,
                   environment: bool = True, choice: LaunchChoice | None = None,
                   traffic: tuple[Traffic | None, str | None] | None = None,
                   elements: ElementSets | None = None) -> Flight:
    """Return the production's flight: docking settled, environment over the stay.

    Raises ``InputErrors`` at the file's lines for times that fall outside a mission whose
    docking the launch finder found, and ``InputError`` for element sets past their limit
    (unless ``allow_stale``). ``environment=False`` stops after the launch. ``choice`` is a
    launch chosen before (the training road's); without one the launch chooser is asked
    with the production's own date. ``traffic`` (the record, or None, with a note) stands
    in for the traffic the production names (the race's moved dockings); ``elements``
    for the element sets it names (a re-plan's, with the sets the log received).
    """
    step = progress or (lambda label: None)
    if production.mission is None:
        return Flight(production)
    elements = production_elements(production) if elements is None else elements
    if production.mission.docking is None and choice is None:
        step("finding the launch")
        choice = choose_launch(production, elements, allow_stale=allow_stale)
    launch = choice.opportunity if choice else None
    if production.mission.docking is None:
        production = launched(production, launch)
        raise_mistakes(production, time_mistakes(production))
    traffic, note = production_traffic(production) if traffic is None else traffic
    note = joined_note(note, [fit for fit in (choice.refused if choice else ())
                              if fit.rule == "traffic"])
    station = station_traffic(production, traffic, note)
    raise_mistakes(production, flight_mistakes(production, station))
    production = production.with_flight_times(station.flight_times())
    if not environment:
        return Flight(production, launch, elements, None, allow_stale, station=station,
                      choice=choice)
    computed = compute_environment(elements, *production.span_s, used_stations(production),
                                   used_regions(production), step,
                                   extra=extra_conditions(production), allow_stale=allow_stale)
    return Flight(production, launch, elements, computed, allow_stale,
                  tuple(computed.warnings), station, choice)

