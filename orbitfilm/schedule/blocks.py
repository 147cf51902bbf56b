"""Shooting in blocks: each free stretch of a camera unit spent in one module.

A line producer groups a stripboard by set, so that the kit is carried as seldom as
possible; aboard, the set is the module, and the natural block is a stretch of the camera
unit's free time between two fixed blocks of the crew day (meals, exercise, the planning
conference). ``block_stripboard`` builds such a schedule by hand's rules: it walks the
stretches in time order and gives each to the module whose scenes fill most of it, the
scenes that have few stretches left first. Its schedule is the first solution of the
block-restricted CP-SAT search (``cpsat.OrbitalModel(blocks=True)``).

A stretch is named by its unit and the minute it starts: every window of a scene carries
that minute as ``Window.setup_from_min``.
"""

from __future__ import annotations

import bisect
from collections import defaultdict

from .greedy import Board, stripboard_order
from .problem import Placement, Problem, Task, Window, evaluate

# How a module claims a stretch: a scene with at most ``stretches`` stretches left that hold
# it before the expected end is urgent, and counts each of its minutes 1 + ``weight`` / (the
# stretches left) times, so that a scene with one chance left weighs most. No one setting
# walks best on every production, and a walk takes a fraction of a second: the walk is
# made with each of these and the cheapest schedule kept.
CLAIMS = ((20, 20), (6, 40), (12, 40), (20, 5))
# The expected end: where the units' free time holds all the work at this share of use.
EXPECTED_USE = 0.85


def stretch_of(unit: str, window: Window) -> tuple[str, int]:
    """Return the unit's free stretch that holds a window."""
    return unit, window.setup_from_min


def whole_fits(task: Task, window: Window) -> bool:
    """Return whether a window holds the whole scene, set-up room included."""
    return window.end_min - window.earliest_shoot_min(task.setup_min) >= task.shoot_min


class _Blocks:
    """The board, what is placed, and every scene's windows by stretch."""

    def __init__(self, problem: Problem, urgent_stretches: int, urgent_weight: float):
        self.problem = problem
        self.urgent_stretches, self.urgent_weight = urgent_stretches, urgent_weight
        self.board = Board(problem)
        self.ends: dict[str, int] = {}
        self.tasks = {task.id: task for task in problem.tasks}
        self.expected_end_min = self._expected_end(problem)
        self.windows: dict[tuple[str, int], dict[str, list[Window]]] = defaultdict(
            lambda: defaultdict(list))
        holding: dict[str, list[int]] = defaultdict(list)
        # Until this minute a scene with preferred days still has a window on one of them.
        self.preferred_until: dict[str, int] = {}
        for task in problem.tasks:
            for option in task.options:
                for window in option.windows:
                    if whole_fits(task, window):
                        stretch = stretch_of(option.unit, window)
                        self.windows[stretch][task.id].append(window)
                        holding[task.id].append(stretch[1])
                        if window.day in task.preferred_days and \
                                window.start_min <= self.expected_end_min:
                            self.preferred_until[task.id] = max(
                                self.preferred_until.get(task.id, 0), window.start_min)
        self.holding = {task_id: sorted(set(starts)) for task_id, starts in holding.items()}
        self.in_order = sorted(self.windows, key=lambda stretch: (stretch[1], stretch[0]))

    @staticmethod
    def _expected_end(problem: Problem) -> int:
        work = sum(task.setup_min + task.shoot_min for task in problem.tasks if task.has_windows)
        free = sorted((start, end) for stretches in problem.unit_free_min.values()
                      for start, end in stretches)
        held = 0.0
        for start, end in free:
            held += (end - start) * EXPECTED_USE
            if held >= work:
                return end
        return problem.horizon_min

    def stretches_left(self, task_id: str, from_min: int) -> int:
        """Return how many stretches hold the scene from ``from_min`` to the expected end."""
        starts = self.holding[task_id]
        end = max(self.expected_end_min, from_min)
        return bisect.bisect_right(starts, end) - bisect.bisect_left(starts, from_min)

    def ready(self, task: Task) -> bool:
        return task.id not in self.ends and all(other in self.ends for other in task.after)

    def fill(self, stretch: tuple[str, int], module: str) -> list[tuple[Placement, Task, int]]:
        """Place the module's scenes in a stretch, each time the one that ends first."""
        placed = []
        while (found := self._next(stretch, module)) is not None:
            task, window, start = found
            placed.append((self.place(task, stretch[0], window, start), task, window.day))
        return placed

    def place(self, task: Task, unit: str, window: Window, start: int) -> Placement:
        placement = self.board.place(task, unit, window, start, task.shoot_min)
        self.ends[task.id] = placement.end_min
        return placement

    def _next(self, stretch: tuple[str, int], module: str):
        best = None
        for task_id, windows in self.windows[stretch].items():
            task = self.tasks[task_id]
            if task.location != module or not self.ready(task):
                continue
            fit = self.fit(task, stretch[0], windows)
            if fit is not None:
                key = (fit[1] + task.shoot_min, self.stretches_left(task_id, stretch[1]), task_id)
                if best is None or key < best[0]:
                    best = (key, task, *fit)
        return None if best is None else best[1:]

    def fit(self, task: Task, unit: str, windows: list[Window]):
        """Return the first window and shoot start where the scene fits whole, or None."""
        not_before = max((self.ends[other] for other in task.after), default=0)
        for window in windows:
            first = max(window.earliest_shoot_min(task.setup_min), not_before)
            if first + task.shoot_min > window.end_min or \
                    not self.board.within_limits(task, unit, window.day, task.shoot_min):
                continue
            if window.day not in task.preferred_days and \
                    window.start_min < self.preferred_until.get(task.id, -1):
                continue  # a preferred day is still to come
            start = self.board.push(task, unit, first, task.shoot_min)
            if start + task.shoot_min <= window.end_min:
                return window, start
        return None

    def undo(self, placed: list[tuple[Placement, Task, int]]) -> None:
        for placement, task, day in placed:
            self.board.remove(placement, task, day)
            del self.ends[task.id]

    def claim(self, placed: list[tuple[Placement, Task, int]], stretch_min: int) -> float:
        """Return how strongly a trial fill claims its stretch: minutes, urgent ones more."""
        claim = 0.0
        weights = self.problem.weights
        # A preferred day kept is worth what the objective gives for it, in minutes.
        preferred_min = weights.preferred_day / max(1, weights.finish_minutes)
        for placement, task, day in placed:
            minutes = placement.end_min - placement.start_min
            left = self.stretches_left(task.id, stretch_min)
            claim += minutes * (1 + self.urgent_weight / left
                                if left <= self.urgent_stretches else 1)
            claim += preferred_min if day in task.preferred_days else 0
        return claim


def block_stripboard(problem: Problem) -> list[Placement]:
    """Return the cheapest of the block walks (``walk``) with each of ``CLAIMS``."""
    walks = [walk(problem, *claim) for claim in CLAIMS]
    return min(walks, key=lambda placements: sum(evaluate(problem, placements).values()))


def walk(problem: Problem, urgent_stretches: int, urgent_weight: float) -> list[Placement]:
    """Return a schedule that shoots in one module per free stretch of each camera unit.

    Stretches go in time order; each goes to the module whose ready scenes claim most of it
    (the previous stretch's module on a tie, so the kit stays). Then each scene still out
    goes, in stripboard order, to its first fit in a stretch of its module or a free one. A
    scene that fits whole nowhere is left out, for the search to place.
    """
    blocks = _Blocks(problem, urgent_stretches, urgent_weight)
    placements: list[Placement] = []
    owner: dict[tuple[str, int], str] = {}
    last: dict[str, str] = {}
    for stretch in blocks.in_order:
        modules = sorted({blocks.tasks[t].location for t in blocks.windows[stretch]
                          if blocks.ready(blocks.tasks[t])})
        best = None
        for module in modules:
            placed = blocks.fill(stretch, module)
            claim = blocks.claim(placed, stretch[1]), module == last.get(stretch[0])
            blocks.undo(placed)
            if placed and (best is None or claim > best[0]):
                best = (claim, module)
        if best is not None:
            placements += [p for p, _, _ in blocks.fill(stretch, best[1])]
            owner[stretch] = last[stretch[0]] = best[1]
    placements += _left_over(blocks, owner)
    return sorted(placements, key=lambda p: (p.start_min, p.task_id))


def _left_over(blocks: _Blocks, owner: dict[tuple[str, int], str]) -> list[Placement]:
    """Place each scene still out at its first fit in a stretch of its module or a free one."""
    placed = []
    for task in stripboard_order(blocks.problem):
        if not blocks.ready(task):
            continue
        for stretch in blocks.in_order:
            windows = blocks.windows[stretch].get(task.id)
            if not windows or owner.get(stretch, task.location) != task.location:
                continue
            fit = blocks.fit(task, stretch[0], windows)
            if fit is not None:
                placed.append(blocks.place(task, stretch[0], *fit))
                owner[stretch] = task.location
                break
    return placed
