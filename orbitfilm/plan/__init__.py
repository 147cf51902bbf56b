"""The plan stage: schedules and the plan document from a flight, and the main job.

``make_plan`` chains every stage from a production file to a plan folder; ``build_plan``
computes everything the reports draw (ground tracks, what lies below, the light) into the
plan document, so that ``report`` only renders.
"""

from .document import build_plan
from .stage import Plan, Schedules, make_plan, production_path, schedule_flight

__all__ = ["Plan", "Schedules", "build_plan", "make_plan", "production_path",
           "schedule_flight"]
