"""The road to orbit: the training plan, then the launch it allows, and the margin between.

With a fixed launch date (the production's ``mission.launch.date``) the road says how many
days the crew is ready before it (the margin; negative: the launch must move). Without one,
it picks the first launch from the day the crew could fly (cleared, travelled to the site,
pre-launch days done) that the station's traffic takes, with the vehicle's preferred
rendezvous, in the shape ``orbitfilm launch`` gives it; the opportunities the traffic refused
before it are kept with their reasons.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Callable

from ..errors import CannotFlyError
from ..mission.links import find_launch, first_launch_after, production_elements
from ..mission.traffic import OpportunityFit
from ..orbit.launch import LaunchOpportunity
from ..production.model import Production
from .planner import TrainingPlan, plan_training


@dataclass(frozen=True)
class RoadToOrbit:
    """A training plan with its launch: fixed by the production, or the first it allows."""

    plan: TrainingPlan
    launch: LaunchOpportunity | None
    launch_fixed: bool
    margin_days: int | None
    skipped: tuple[OpportunityFit, ...] = ()
    # With a fixed launch the crew cannot make: the first launch from ready-to-fly that works.
    first_possible: LaunchOpportunity | None = None

    def to_json(self) -> dict:
        document = self.plan.to_json()
        document["launch"] = self.launch.to_json() if self.launch else None
        document["launch_fixed"] = self.launch_fixed
        document["margin_days"] = self.margin_days
        document["skipped_for_traffic"] = [fit.to_json() for fit in self.skipped]
        document["first_possible_launch"] = (self.first_possible.to_json()
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
    if launch.date is not None:
        found = find_launch(production, elements, allow_stale=allow_stale)
        margin_days = (launch.date - plan.ready).days
        instead = None
        if margin_days < 0:
            instead, _ = first_launch_after(production, elements, plan.ready,
                                            allow_stale=allow_stale)
        return RoadToOrbit(plan, found, True, margin_days, first_possible=instead)
    found, skipped = first_launch_after(production, elements, plan.ready,
                                        allow_stale=allow_stale)
    return RoadToOrbit(plan, found, False, (_utc_date(found.liftoff_s) - plan.ready).days,
                       tuple(skipped))


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
    instead = road.first_possible
    when = ("" if instead is None else
            f"the first launch that works lifts off {_utc_text(instead.liftoff_s)} UTC "
            f"({instead.profile} rendezvous), ")
    return (f"{when}set by the cleared date ({road.plan.cleared.date()}) and what holds it: "
            f"{', '.join(activities[-6:])}")


def _utc_text(moment_s: float) -> str:
    return datetime.fromtimestamp(moment_s, tz=timezone.utc).strftime("%Y-%m-%d %H:%M")


def _utc_date(moment_s: float) -> date:
    return datetime.fromtimestamp(moment_s, tz=timezone.utc).date()
