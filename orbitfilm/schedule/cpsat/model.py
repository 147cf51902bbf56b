"""The orbital shooting model in CP-SAT: the variables, the rules and the objective of a
``Problem``, built in one visible order.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Callable

from ortools.sat.python import cp_model

from ..problem import Placement, Problem
from . import objective, rules
from .pieces import Alternative, Piece, place_pieces

# Up to this many pieces per camera unit, kit moves are a circuit over all of them; beyond,
# its quadratic number of arcs slows the search, and two phases (``search``) do better.
CIRCUIT_PIECES = 16


class OrbitalModel:
    """The CP-SAT model of a ``Problem``.

    ``settled`` keeps each piece on the unit and day a first phase chose (the settled phase);
    ``blocks`` restricts each free stretch of a unit to one module (the search of large
    productions); ``precedence_literals`` makes each ``after`` hold only under a literal of
    its own, for infeasibility cores.
    """

    def __init__(self, problem: Problem, *, precedence_literals: bool = False,
                 circuit_pieces: int = CIRCUIT_PIECES,
                 settled: dict[tuple[str, int], tuple[str, int]] | None = None,
                 blocks: bool = False):
        self.problem = problem
        self.circuit_pieces = circuit_pieces
        self.settled = settled
        self.blocks = blocks
        self.precedence_literals = precedence_literals
        self.model = cp_model.CpModel()
        self.exact_moves = True
        self.present: dict[str, object] = {}
        self.pieces: dict[str, list[Piece]] = {}
        self.edges: dict[tuple[str, str], object] = {}
        self.terms: dict[str, object] = {}
        self.moves: list[object] = []
        # A re-plan's: each published scene's "kept at its time" literal, which two of its
        # stability terms share (``objective``).
        self.kept: dict[str, object] = {}
        # With ``blocks``: the literals placing a piece in a unit's free stretch, by stretch
        # (unit, start minute) and module.
        self.in_stretch: dict[tuple[str, int], dict[str, list]] = defaultdict(
            lambda: defaultdict(list))
        self.ancestors = {task.id: set(problem.ancestors(task.id))
                          for task in problem.tasks if task.after}
        place_pieces(self)
        rules.settle(self)
        rules.one_module_per_stretch(self)
        rules.camera_units(self)
        rules.one_scene_per_location(self)
        rules.no_person_twice(self)
        rules.film_limits(self)
        rules.precedence(self)
        objective.minimise(self)

    # -- what the rules read ---------------------------------------------------------------
    def alternatives_of(self, unit: str) -> list[tuple[Piece, Alternative]]:
        return [(piece, alt) for pieces in self.pieces.values() for piece in pieces
                for alt in piece.alternatives if alt.unit == unit]

    def people(self) -> list[str]:
        people = {p for task in self.problem.tasks for p in task.cast}
        people |= {p for crew in self.problem.unit_people.values() for p in crew}
        return sorted(people)

    def edge(self, before: str, after: str):
        """Return the literal of an ``after`` edge (fixed true unless for cores)."""
        literal = self.model.NewBoolVar(f"after[{before},{after}]")
        if not self.precedence_literals:
            self.model.Add(literal == 1)
        self.edges[(before, after)] = literal
        return literal

    @property
    def piece_count(self) -> int:
        return sum(len(pieces) for pieces in self.pieces.values())

    # -- assumptions for explanations --------------------------------------------------------
    def force(self, task_id: str):
        """Return a literal that, assumed, makes a scene be shot."""
        literal = self.model.NewBoolVar(f"force[{task_id}]")
        self.model.AddImplication(literal, self.present[task_id])
        return literal

    def fix(self, placements: list[Placement]):
        """Return a literal that, assumed, holds a scene's pieces where they are placed."""
        task_id = placements[0].task_id
        literal = self.model.NewBoolVar(f"fix[{task_id}]")
        pieces = self.pieces[task_id]
        for piece, placement in zip(pieces, sorted(placements, key=lambda p: p.start_min)):
            self.model.AddImplication(literal, piece.present)
            self.model.Add(piece.start == placement.shoot_start_min).OnlyEnforceIf(literal)
            self.model.Add(piece.end == placement.end_min).OnlyEnforceIf(literal)
            for alt in piece.alternatives:
                if alt.unit == placement.unit and len(piece.alternatives) > 1:
                    self.model.AddImplication(literal, alt.literal)
        for piece in pieces[len(placements):]:
            self.model.AddImplication(literal, piece.present.Not())
        return literal

    # -- reading a solution ------------------------------------------------------------------
    def placements(self, value: Callable) -> list[Placement]:
        """Return the pieces placed in a solution, read through ``value`` (a solver's Value)."""
        placed = []
        for task_id, pieces in self.pieces.items():
            for piece in pieces:
                if not value(piece.present):
                    continue
                unit = next(alt.unit for alt in piece.alternatives if value(alt.literal))
                start = int(value(piece.start))
                placed.append(Placement(task_id, unit, start - piece.task.setup_min, start,
                                        int(value(piece.end))))
        return sorted(placed, key=lambda p: (p.start_min, p.task_id))
