"""The orbital shooting model in OR-Tools CP-SAT, the one place that imports it for scenes.

``model`` builds an ``OrbitalModel`` in one visible order: the pieces in their windows
(``pieces``), the rules (``rules``, one function per family) and the objective
(``objective``, one term per weight). ``search`` solves it in phases; ``cores`` finds the
scenes that block another, for the explanations.
"""

from .budget import Budget
from .cores import core
from .model import OrbitalModel
from .search import Outcome, add_hint, settled, solve

__all__ = ["Budget", "OrbitalModel", "Outcome", "add_hint", "core", "settled", "solve"]
