"""The minute grid the scheduler plans on, and the one rule for whether a window holds a scene.

Times are whole minutes from the docking rounded down to a minute. A set of intervals is
rounded inwards onto the grid (starts up, ends down) and cut at GMT midnight, so that each
window lies in one day, where the daily limits count. ``holds`` is the rule both the
scheduler and the production check use: a scene fits a set of times when, on this grid, one
window holds its shortest piece and all windows together hold all of it.
"""

from __future__ import annotations

import math

import numpy as np

from ..intervals import IntervalSet
from ..times import DAY_S, MINUTE_S

# Instants within a microsecond of a grid minute count as on it: interval boundaries are
# refined to a millisecond, so nothing real is lost, and float noise is not mistaken for a
# boundary a whole minute later.
GRID_TOLERANCE_MIN = 1e-8


def whole_minutes(duration_s: float) -> int:
    """Return a duration in whole minutes, rounded up so a scene never runs short."""
    return math.ceil(duration_s / MINUTE_S - GRID_TOLERANCE_MIN)


class Grid:
    """Whole minutes from ``origin_s``, the mission start rounded down to a minute."""

    def __init__(self, span_s: tuple[float, float]):
        self.origin_s = math.floor(span_s[0] / MINUTE_S) * MINUTE_S
        self.horizon_min = math.floor((span_s[1] - self.origin_s) / MINUTE_S + GRID_TOLERANCE_MIN)

    def inward(self, intervals: IntervalSet) -> tuple[np.ndarray, np.ndarray]:
        """Return the intervals' whole minutes inside them: starts rounded up, ends down."""
        starts = np.ceil((intervals.starts_s - self.origin_s) / MINUTE_S - GRID_TOLERANCE_MIN)
        ends = np.floor((intervals.ends_s - self.origin_s) / MINUTE_S + GRID_TOLERANCE_MIN)
        return starts.astype(np.int64), ends.astype(np.int64)

    def days_of(self, minutes: np.ndarray) -> np.ndarray:
        """Return the GMT day (days since 1970) of each grid minute."""
        return np.floor((self.origin_s + minutes * MINUTE_S) / DAY_S).astype(np.int64)

    def split_at_midnight(self, starts: np.ndarray, ends: np.ndarray):
        """Return (starts, ends, days) with every stretch cut where a GMT day ends."""
        keep = ends > starts
        starts, ends = starts[keep], ends[keep]
        first, last = self.days_of(starts), self.days_of(ends - 1)
        counts = last - first + 1
        days = np.repeat(first, counts) + (np.arange(counts.sum()) -
                                           np.repeat(np.cumsum(counts) - counts, counts))
        midnight_min = np.round((days * DAY_S - self.origin_s) / MINUTE_S).astype(np.int64)
        cut_starts = np.maximum(np.repeat(starts, counts), midnight_min)
        cut_ends = np.minimum(np.repeat(ends, counts), midnight_min + round(DAY_S / MINUTE_S))
        return cut_starts, cut_ends, days

    def window_minutes(self, intervals: IntervalSet) -> np.ndarray:
        """Return the length of each window on the grid (whole minutes, cut at midnight)."""
        starts, ends = self.inward(intervals)
        starts, ends, _ = self.split_at_midnight(starts, ends)
        return ends - starts


def holds(grid: Grid, windows: IntervalSet, piece_s: float, shoot_s: float) -> bool:
    """Return whether some window holds the shortest piece and all of them the whole shot."""
    lengths = grid.window_minutes(windows)
    long_enough = lengths[lengths >= whole_minutes(piece_s)]
    return bool(len(long_enough)) and int(long_enough.sum()) >= whole_minutes(shoot_s)
