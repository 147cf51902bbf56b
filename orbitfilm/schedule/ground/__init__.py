"""The ground unit: day-based scheduling of ground scenes and exact talent scheduling."""

from .talent import TalentResult, order_costs, solve_talent
from .talent_io import TalentInstance, read_talent

__all__ = ["TalentInstance", "TalentResult", "order_costs", "read_talent", "solve_talent"]
