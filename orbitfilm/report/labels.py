"""Where a figure's labels go: beside their point, inside the plot, never on one another.

A greedy placement, the way a cartographer works by hand: the labels are taken in order of
importance, and each tries a few positions around its point (above, below, right, left, the
diagonals, at three distances), shifted back inside the plot where they would cross its
edge. Each position is priced: overlapping a label already placed costs most, covering what
is worth seeing (the lines a label annotates, markers) next, distance from the point least;
the cheapest wins, the earlier of equals. Only when every near position overlaps a label
(a crowd, a corner) are positions farther out tried. A label pushed away from its point
gets a leader line.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .figures import line

# Directions to try, in order of preference: above, below, right, left, then diagonals.
_DIRECTIONS = ((0.0, -1.0), (0.0, 1.0), (1.0, 0.0), (-1.0, 0.0),
               (1.0, -1.0), (-1.0, -1.0), (1.0, 1.0), (-1.0, 1.0))
# Distances from the point, as multiples of the gap: close, then farther out; the far rings
# are tried only when every near position overlaps a label (a crowd, or a corner).
_NEAR_RINGS = (1.0, 2.5, 4.5)
_FAR_RINGS = (7.0, 10.0, 14.0, 19.0, 25.0, 32.0)
# What a position costs: overlapping a label (per square pixel) is worst; each weighted
# obstacle covered comes next; then each pixel of distance from the point.
OVERLAP_COST_PER_PX2 = 50.0
LEADER_AFTER_PX = 9.0


@dataclass(frozen=True)
class Box:
    """A rectangle of the viewBox in pixels: left, top, width, height."""

    left_px: float
    top_px: float
    width_px: float
    height_px: float

    def overlap_px2(self, other: "Box") -> float:
        width = min(self.left_px + self.width_px, other.left_px + other.width_px) - max(
            self.left_px, other.left_px)
        height = min(self.top_px + self.height_px, other.top_px + other.height_px) - max(
            self.top_px, other.top_px)
        return max(0.0, width) * max(0.0, height)

    def covers(self, x_px: np.ndarray, y_px: np.ndarray) -> np.ndarray:
        return ((x_px >= self.left_px) & (x_px <= self.left_px + self.width_px)
                & (y_px >= self.top_px) & (y_px <= self.top_px + self.height_px))

    def nearest_point(self, x_px: float, y_px: float) -> tuple[float, float]:
        return (min(max(x_px, self.left_px), self.left_px + self.width_px),
                min(max(y_px, self.top_px), self.top_px + self.height_px))


def place_labels(points_px: list[tuple[float, float]], sizes_px: list[tuple[float, float]],
                 bounds: Box, obstacles_px: np.ndarray | None = None,
                 gap_px: float = 5.0) -> list[Box]:
    """Return a box for each label (in the order given, most important first).

    ``obstacles_px`` is an (n, 3) array of x, y and weight: points a label should rather not
    cover (the lines it annotates, markers). Every box lies inside ``bounds``.
    """
    obstacles = np.zeros((0, 3)) if obstacles_px is None else np.asarray(obstacles_px, float)
    placed: list[Box] = []
    for (x_px, y_px), size in zip(points_px, sizes_px):
        candidates: list[Box] = []
        for rings in (_NEAR_RINGS, _FAR_RINGS):
            candidates += [_candidate(x_px, y_px, size, direction, ring * gap_px, bounds)
                           for ring in rings for direction in _DIRECTIONS]
            best = min(candidates, key=lambda box: _cost(box, x_px, y_px, placed, obstacles))
            if not any(best.overlap_px2(other) for other in placed):
                break
        placed.append(best)
    return placed


def _candidate(x_px: float, y_px: float, size: tuple[float, float],
               direction: tuple[float, float], distance_px: float, bounds: Box) -> Box:
    """Return the box on one side of a point, shifted back inside the bounds if need be."""
    width_px, height_px = size
    dx, dy = direction
    if dx and dy:
        distance_px *= 0.7  # a diagonal's corner is as near as a side's edge
    left = _side(x_px, dx, distance_px, width_px)
    top = _side(y_px, dy, distance_px, height_px)
    left = min(max(left, bounds.left_px), bounds.left_px + bounds.width_px - width_px)
    top = min(max(top, bounds.top_px), bounds.top_px + bounds.height_px - height_px)
    return Box(left, top, width_px, height_px)


def _side(at_px: float, direction: float, distance_px: float, extent_px: float) -> float:
    """Return where a box's near edge goes along one axis: centred, after or before."""
    if direction > 0:
        return at_px + distance_px
    if direction < 0:
        return at_px - distance_px - extent_px
    return at_px - extent_px / 2.0


def _cost(box: Box, x_px: float, y_px: float, placed: list[Box], obstacles: np.ndarray) -> float:
    overlap_px2 = sum(box.overlap_px2(other) for other in placed)
    covered = float(obstacles[box.covers(obstacles[:, 0], obstacles[:, 1]), 2].sum())
    near_x, near_y = box.nearest_point(x_px, y_px)
    return OVERLAP_COST_PER_PX2 * overlap_px2 + covered + float(np.hypot(near_x - x_px,
                                                                        near_y - y_px))


def leader(box: Box, x_px: float, y_px: float, colour: str) -> str:
    """Return a thin line from a point to its label when the label sits away from it."""
    near_x, near_y = box.nearest_point(x_px, y_px)
    if np.hypot(near_x - x_px, near_y - y_px) < LEADER_AFTER_PX:
        return ""
    return line(x_px, y_px, near_x, near_y, stroke=colour, stroke_width=0.8)
