"""Resource-constrained project scheduling: the core under the training planner and ``rcpsp``."""

from .problem import (Job, Lag, PeriodUse, ProjectProblem, ProjectSchedule, ProjectStatus,
                      Resource, StartPenalty)

__all__ = ["Job", "Lag", "PeriodUse", "ProjectProblem", "ProjectSchedule", "ProjectStatus",
           "Resource", "StartPenalty"]
