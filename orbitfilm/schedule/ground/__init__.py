"""The ground unit: day-based scheduling of ground scenes and exact talent scheduling."""

from .pipeline import ground_problem, schedule_ground, solve_ground
from .problem import GroundProblem, GroundSchedule
from .talent import TalentResult, order_costs, solve_talent
from .talent_io import TalentInstance, read_talent

__all__ = ["GroundProblem", "GroundSchedule", "TalentInstance", "TalentResult",
           "ground_problem", "order_costs", "read_talent", "schedule_ground", "solve_ground",
           "solve_talent"]
