"""One small interval-set type: sorted, disjoint ``[start, end]`` pairs inside a span.

Conditions, availability and candidate windows are all ``IntervalSet``s; the scheduler works
on their intersections. Each set remembers the span it was computed over, so that its
complement is well defined and an interval cut by the span's edge can be told from one that
really starts or ends there.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .times import DAY_S, daily_offsets_s


@dataclass(frozen=True, eq=False)
class IntervalSet:
    """Sorted, disjoint closed intervals ``[starts_s[i], ends_s[i]]`` inside ``span_s``."""

    starts_s: np.ndarray
    ends_s: np.ndarray
    span_s: tuple[float, float]

    def __post_init__(self):
        starts = np.asarray(self.starts_s, dtype=float).reshape(-1)
        ends = np.asarray(self.ends_s, dtype=float).reshape(-1)
        if starts.shape != ends.shape:
            raise ValueError("starts and ends differ in length")
        object.__setattr__(self, "starts_s", starts)
        object.__setattr__(self, "ends_s", ends)
        object.__setattr__(self, "span_s", (float(self.span_s[0]), float(self.span_s[1])))

    # -- construction ------------------------------------------------------------------
    @classmethod
    def from_pairs(cls, pairs, span_s) -> "IntervalSet":
        """Build a normalised set from any ``[start, end]`` pairs: clipped, sorted, merged."""
        array = np.asarray(list(pairs), dtype=float).reshape(-1, 2)
        return cls._normalised(array[:, 0], array[:, 1], span_s)

    @classmethod
    def empty(cls, span_s) -> "IntervalSet":
        return cls(np.empty(0), np.empty(0), span_s)

    @classmethod
    def whole(cls, span_s) -> "IntervalSet":
        return cls(np.array([span_s[0]]), np.array([span_s[1]]), span_s)

    @classmethod
    def from_crossings(cls, rising_s, falling_s, true_at_start: bool, span_s) -> "IntervalSet":
        """Build a set from the instants a condition turns true (rising) and false (falling)."""
        lo, hi = span_s
        rising = np.sort(np.asarray(rising_s, dtype=float))
        falling = np.sort(np.asarray(falling_s, dtype=float))
        starts = np.concatenate(([lo] if true_at_start else [], rising))
        ends = np.concatenate((falling, [hi] if len(starts) > len(falling) else []))
        return cls._normalised(starts[: len(ends)], ends, span_s)

    @classmethod
    def _normalised(cls, starts, ends, span_s) -> "IntervalSet":
        lo, hi = float(span_s[0]), float(span_s[1])
        starts = np.clip(np.asarray(starts, dtype=float), lo, hi)
        ends = np.clip(np.asarray(ends, dtype=float), lo, hi)
        keep = ends > starts
        starts, ends = starts[keep], ends[keep]
        order = np.argsort(starts, kind="stable")
        starts, ends = starts[order], ends[order]
        if len(starts) == 0:
            return cls(starts, ends, (lo, hi))
        # An interval starts a new run when it begins after every earlier one has ended.
        running_end = np.maximum.accumulate(ends)
        new_run = np.concatenate(([True], starts[1:] > running_end[:-1]))
        run_ids = np.cumsum(new_run) - 1
        merged_ends = np.maximum.reduceat(ends, np.flatnonzero(new_run))
        return cls(starts[new_run], merged_ends[: run_ids[-1] + 1], (lo, hi))

    # -- algebra -----------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.starts_s)

    def __iter__(self):
        return iter(zip(self.starts_s.tolist(), self.ends_s.tolist()))

    def pairs(self) -> list[tuple[float, float]]:
        return list(self)

    def union(self, other: "IntervalSet") -> "IntervalSet":
        return IntervalSet._normalised(np.concatenate((self.starts_s, other.starts_s)),
                                       np.concatenate((self.ends_s, other.ends_s)), self.span_s)

    def complement(self) -> "IntervalSet":
        """Return the parts of the span not covered (touching boundaries are not kept)."""
        lo, hi = self.span_s
        starts = np.concatenate(([lo], self.ends_s))
        ends = np.concatenate((self.starts_s, [hi]))
        return IntervalSet._normalised(starts, ends, self.span_s)

    def intersection(self, other: "IntervalSet") -> "IntervalSet":
        """Return the instants in both sets, over the overlap of the two spans."""
        span_s = (max(self.span_s[0], other.span_s[0]), min(self.span_s[1], other.span_s[1]))
        if len(self) == 0 or len(other) == 0:
            return IntervalSet.empty(span_s)
        # Pair every interval of self with the intervals of other that can overlap it.
        first = np.searchsorted(other.ends_s, self.starts_s, side="left")
        last = np.searchsorted(other.starts_s, self.ends_s, side="right")
        counts = np.maximum(last - first, 0)
        mine = np.repeat(np.arange(len(self)), counts)
        offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
        theirs = np.repeat(first, counts) + offsets
        starts = np.maximum(self.starts_s[mine], other.starts_s[theirs])
        ends = np.minimum(self.ends_s[mine], other.ends_s[theirs])
        return IntervalSet._normalised(starts, ends, span_s)

    def difference(self, other: "IntervalSet") -> "IntervalSet":
        return self.intersection(IntervalSet(other.starts_s, other.ends_s, self.span_s).complement())

    def clip(self, start_s: float, end_s: float) -> "IntervalSet":
        return IntervalSet._normalised(self.starts_s, self.ends_s, (start_s, end_s))

    # -- measures and queries ------------------------------------------------------------
    def durations_s(self) -> np.ndarray:
        return self.ends_s - self.starts_s

    def total_s(self) -> float:
        return float(self.durations_s().sum())

    def longest_s(self) -> float:
        return float(self.durations_s().max()) if len(self) else 0.0

    def contains(self, times_s) -> np.ndarray:
        """Return, for each instant, whether it lies in one of the intervals."""
        times_s = np.asarray(times_s, dtype=float)
        index = np.searchsorted(self.starts_s, times_s, side="right") - 1
        inside = index >= 0
        safe = np.clip(index, 0, max(len(self) - 1, 0))
        return inside & (len(self) > 0) & (times_s <= self.ends_s[safe] if len(self) else False)

    def covers(self, start_s: float, end_s: float) -> bool:
        """Return whether one interval holds the whole of ``[start_s, end_s]``."""
        index = np.searchsorted(self.starts_s, start_s, side="right") - 1
        return bool(index >= 0 and self.ends_s[index] >= end_s)

    def true_starts_s(self) -> np.ndarray:
        """Return the starts that are real events, not the span's own start."""
        return self.starts_s[self.starts_s > self.span_s[0]]

    def true_ends_s(self) -> np.ndarray:
        """Return the ends that are real events, not the span's own end."""
        return self.ends_s[self.ends_s < self.span_s[1]]

    def after_ends(self, duration_s: float) -> "IntervalSet":
        """Return ``[end, end + duration_s]`` after each real end (e.g. orbital sunrise)."""
        ends = self.true_ends_s()
        return IntervalSet._normalised(ends, ends + duration_s, self.span_s)

    def before_starts(self, duration_s: float) -> "IntervalSet":
        """Return ``[start - duration_s, start]`` before each real start (e.g. orbital sunset)."""
        starts = self.true_starts_s()
        return IntervalSet._normalised(starts - duration_s, starts, self.span_s)

    def closed(self, gap_s: float) -> "IntervalSet":
        """Return the set with every gap shorter than ``gap_s`` between intervals filled."""
        if len(self) < 2:
            return self
        keep_gap = (self.starts_s[1:] - self.ends_s[:-1]) >= gap_s
        starts = self.starts_s[np.concatenate(([True], keep_gap))]
        ends = self.ends_s[np.concatenate((keep_gap, [True]))]
        return IntervalSet(starts, ends, self.span_s)

    def without_shorter(self, than_s: float) -> "IntervalSet":
        """Return the set without intervals shorter than ``than_s`` (unless cut by the span)."""
        cut = (self.starts_s <= self.span_s[0]) | (self.ends_s >= self.span_s[1])
        keep = (self.durations_s() >= than_s) | cut
        return IntervalSet(self.starts_s[keep], self.ends_s[keep], self.span_s)

    def to_json(self, formatter) -> list[list[str]]:
        return [[formatter(a), formatter(b)] for a, b in self]


def daily_intervals(dailies: list[str], span_s: tuple[float, float]) -> IntervalSet:
    """Return every occurrence of daily ``HH:MM-HH:MM`` ranges (GMT) over a span."""
    if not dailies:
        return IntervalSet.empty(span_s)
    offsets = np.array([daily_offsets_s(text) for text in dailies])
    # One day before the span too: a range that wraps past midnight reaches into it.
    midnights = np.arange(np.floor(span_s[0] / DAY_S) - 1, np.ceil(span_s[1] / DAY_S) + 1) * DAY_S
    starts = (midnights[:, None] + offsets[None, :, 0]).ravel()
    ends = (midnights[:, None] + offsets[None, :, 1]).ravel()
    return IntervalSet.from_pairs(np.stack((starts, ends), axis=1), span_s)
