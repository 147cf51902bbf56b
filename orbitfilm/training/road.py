"""The road to orbit: the training plan, then the launch it allows, and the margin between.

The launch is the one launch chooser's (``mission.chooser.choose_launch``), asked with the
day the crew could fly (cleared, travelled to the site, pre-launch days done). With a fixed
launch date (the production's ``mission.launch.date``) the road says how many days the crew
is ready before it (the margin; negative: the launch must move, and the road names the first
launch that works). Without one it is the first opportunity from the ready day that the
production's profiles and the station's traffic allow, with the ones passed over and why.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Callable

from ..errors import CannotFlyError, InputError
from ..mission.chooser import LaunchChoice, choose_launch
from ..mission.links import production_elements
from ..mission.traffic import OpportunityFit
from ..orbit.launch import LaunchOpportunity
from ..production.model import Production
from .planner import TrainingPlan, plan_training


@dataclass(frozen=True)
class RoadToOrbit:
    """A training plan with its launch: fixed by the production, or the first it allows."""

    plan: TrainingPlan
    choice: LaunchChoice | None
    launch_fixed: bool
    margin_days: int | None
    # With a fixed launch the crew cannot make: the first launch from ready-to-fly that works.
    first_possible: LaunchChoice | None = None

    @property
    def launch(self) -> LaunchOpportunity | None:
        return self.choice.opportunity if self.choice else None

    @property
    def skipped(self) -> tuple[OpportunityFit, ...]:
        """Return the opportunities passed over before the launch, each with its reason."""
        return self.choice.refused if self.choice else ()

    def to_json(self) -> dict:
        document = self.plan.to_json()
        document["launch"] = self.launch.to_json() if self.launch else None
        document["launch_fixed"] = self.launch_fixed
        document["launch_set_by"] = self.choice.reason if self.choice else None
        document["margin_days"] = self.margin_days
        document["skipped_for_traffic"] = [fit.to_json() for fit in self.skipped]
        document["first_possible_launch"] = (self.first_possible.opportunity.to_json()
                                             if self.first_possible else None)
        return document

    @property
    def late(self) -> bool:
        """Return whether a fixed launch comes before the crew is ready."""
        return self.margin_days is not None and self.margin_days < 0


def road_to_orbit(production: Production, *, start: date | None = None,
                  time_limit_s: float = 10.0, workers: int = 2, explain: bool = True,
                  allow_stale: bool = False, deterministic: bool = False,
                  progress: Callable[[str], None] | None = None) -> RoadToOrbit:
    """Plan the training, then the launch; see the module's docstring."""
    plan = plan_training(production, start=start, time_limit_s=time_limit_s, workers=workers,
                         explain=explain, deterministic=deterministic, progress=progress)
    launch = production.mission.launch if production.mission else None
    if plan.ready is None or launch is None or not (launch.site and launch.vehicle):
        return RoadToOrbit(plan, None, bool(launch and launch.date), None)
    if progress:
        progress("finding the launch")
    elements = production_elements(production)
    choice = choose_launch(production, elements, ready=plan.ready, allow_stale=allow_stale)
    margin_days = (_utc_date(choice.opportunity.liftoff_s) - plan.ready).days
    if launch.date is None:
        return RoadToOrbit(plan, choice, False, margin_days)
    margin_days = (launch.date - plan.ready).days
    instead = None
    if margin_days < 0:
        instead = choose_launch(production, elements, ready=plan.ready, fixed=False,
                                allow_stale=allow_stale)
    return RoadToOrbit(plan, choice, True, margin_days, first_possible=instead)


def launch_waits_for_training(production: Production) -> bool:
    """Return whether the production's launch can only come from its training: a mission
    with a launch site and vehicle but no docking and no date, and a programme."""
    mission = production.mission
    return bool(mission is not None and mission.docking is None and production.training
                and mission.launch is not None and mission.launch.date is None)


def road_for(production: Production, *, always: bool = False, time_limit_s: float = 10.0,
             workers: int = 2, deterministic: bool = False, allow_stale: bool = False,
             progress: Callable[[str], None] | None = None) -> RoadToOrbit | None:
    """Return the road every command takes to the production's launch: the training
    planned (without the relaxations) when the launch waits for it, or ``always`` when
    there is a programme; None when there is no road to plan.

    Raises ``InputError`` for a programme no plan meets, ``CannotFlyError`` for a fixed
    launch the crew cannot be ready for.
    """
    if production.training is None or not (always or launch_waits_for_training(production)):
        return None
    if progress:
        progress("planning the training")
    road = road_to_orbit(production, time_limit_s=time_limit_s, workers=workers,
                         explain=False, allow_stale=allow_stale, deterministic=deterministic,
                         progress=progress)
    if road.plan.cleared is None:
        raise InputError(f"no training plan: {'; '.join(road.plan.reasons)}",
                         path=production.source, field="training")
    if road.late:
        raise late_launch_error(production, road)
    return road


def late_launch_error(production: Production, road: RoadToOrbit) -> CannotFlyError:
    """Return the error of a fixed launch that comes before the crew can be ready: it
    names the first launch that works and what sets it."""
    return CannotFlyError(
        f"the crew is ready to fly on {road.plan.ready}, {-road.margin_days} days after the "
        f"fixed launch on {production.mission.launch.date}; {first_possible_text(road)} (see "
        f"orbitfilm train)", path=production.source, field="mission.launch.date")


def first_possible_text(road: RoadToOrbit) -> str:
    """Return the first launch that works for a late crew, and what sets it."""
    activities = []
    for link in road.plan.critical:
        name = link.get("activity") or link.get("milestone")
        if name and name not in activities:
            activities.append(name)
    instead = road.first_possible.opportunity if road.first_possible else None
    when = ("" if instead is None else
            f"the first launch that works lifts off {_utc_text(instead.liftoff_s)} UTC "
            f"({instead.profile} rendezvous), ")
    return (f"{when}set by the cleared date ({road.plan.cleared.date()}) and what holds it: "
            f"{', '.join(activities[-6:])}")


def _utc_text(moment_s: float) -> str:
    return datetime.fromtimestamp(moment_s, tz=timezone.utc).strftime("%Y-%m-%d %H:%M")


def _utc_date(moment_s: float) -> date:
    return datetime.fromtimestamp(moment_s, tz=timezone.utc).date()
