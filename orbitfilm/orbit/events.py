"""Turn a condition's margin function into an interval set: grid, brackets, vectorised roots.

A margin is a function of a whole array of instants that is positive exactly where the
condition holds (an angle in radians for smooth conditions, +1/-1 for polygon membership).
The search samples it on a grid, refines every sign change at once with the Illinois variant
of regula falsi (bisection for steps), and, for smooth margins, looks inside every local
extremum for a pair of roots the grid stepped over (a grazing eclipse or a low pass), the way
skyfield's ``find_events`` looks for culminations before rises and sets.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from ..intervals import IntervalSet

Margin = Callable[[np.ndarray], np.ndarray]
ROOT_TOLERANCE_S = 1e-3
_GOLDEN = (np.sqrt(5.0) - 1.0) / 2.0


def grid_s(start_s: float, end_s: float, step_s: float) -> np.ndarray:
    """Return instants from start to end (both included) no more than ``step_s`` apart."""
    count = max(int(np.ceil((end_s - start_s) / step_s)), 1)
    return np.linspace(start_s, end_s, count + 1)


def refine_roots(margin: Margin, a_s, b_s, fa, fb, tol_s: float = ROOT_TOLERANCE_S,
                 max_rounds: int = 80) -> np.ndarray:
    """Return the root inside each bracket ``[a, b]`` whose ends have opposite signs."""
    a, b = np.array(a_s, dtype=float), np.array(b_s, dtype=float)
    fa, fb = np.array(fa, dtype=float), np.array(fb, dtype=float)
    side = np.zeros(len(a), dtype=int)
    for _ in range(max_rounds):
        active = (b - a) > tol_s
        if not active.any():
            break
        x = _illinois_point(a, b, fa, fb)
        fx = np.zeros_like(x)
        fx[active] = margin(x[active])
        same_as_a = np.sign(fx) == np.sign(fa)
        # Illinois: when one end is kept twice running, halve its value so the next point moves.
        keep_b = active & same_as_a
        keep_a = active & ~same_as_a
        fb = np.where(keep_b & (side == 1), fb / 2.0, fb)
        fa = np.where(keep_a & (side == -1), fa / 2.0, fa)
        a, fa = np.where(keep_b, x, a), np.where(keep_b, fx, fa)
        b, fb = np.where(keep_a, x, b), np.where(keep_a, fx, fb)
        side = np.where(keep_b, 1, np.where(keep_a, -1, side))
    return (a + b) / 2.0


def _illinois_point(a, b, fa, fb) -> np.ndarray:
    """Return the false-position point of each bracket, kept a hair inside its ends."""
    with np.errstate(divide="ignore", invalid="ignore"):
        x = b - fb * (b - a) / (fb - fa)
    x = np.where(np.isfinite(x), x, (a + b) / 2.0)
    margin_s = np.minimum(ROOT_TOLERANCE_S / 4.0, (b - a) / 4.0)
    return np.clip(x, a + margin_s, b - margin_s)


def find_hidden_pairs(margin: Margin, times_s: np.ndarray, values: np.ndarray,
                      tol_s: float = ROOT_TOLERANCE_S) -> tuple[np.ndarray, np.ndarray]:
    """Return brackets ``(lo, hi, peak)`` of extrema whose sign differs from the grid around them.

    Looks at every interior local maximum below zero and local minimum above zero, finds the
    true extremum by golden-section search, and returns ``(left_brackets, right_brackets)``
    as two ``(k, 2)`` arrays for the pairs of roots where the extremum crossed zero.
    """
    inner = np.arange(1, len(values) - 1)
    up = (values[inner] >= values[inner - 1]) & (values[inner] >= values[inner + 1])
    down = (values[inner] <= values[inner - 1]) & (values[inner] <= values[inner + 1])
    maxima = inner[up & (values[inner] < 0) & (values[inner - 1] < 0) & (values[inner + 1] < 0)]
    minima = inner[down & (values[inner] > 0) & (values[inner - 1] > 0) & (values[inner + 1] > 0)]
    centre = np.concatenate((maxima, minima))
    sign = np.concatenate((np.ones(len(maxima)), -np.ones(len(minima))))
    if len(centre) == 0:
        return np.empty((0, 2)), np.empty((0, 2))
    peak_s, peak_value = _golden_extremum(lambda t: sign * margin(t), times_s[centre - 1],
                                          times_s[centre + 1], tol_s)
    crossed = peak_value > 0
    lo, hi, peak_s = times_s[centre - 1][crossed], times_s[centre + 1][crossed], peak_s[crossed]
    return np.stack((lo, peak_s), axis=1), np.stack((peak_s, hi), axis=1)


def _golden_extremum(signed: Margin, lo, hi, tol_s: float):
    """Return where ``signed`` is largest inside each ``[lo, hi]`` and its value there."""
    a, b = np.array(lo, dtype=float), np.array(hi, dtype=float)
    c, d = b - _GOLDEN * (b - a), a + _GOLDEN * (b - a)
    fc, fd = signed(c), signed(d)
    while np.any(b - a > tol_s):
        left = fc > fd
        b = np.where(left, d, b)
        a = np.where(left, a, c)
        c_new = np.where(left, b - _GOLDEN * (b - a), d)
        d_new = np.where(left, c, a + _GOLDEN * (b - a))
        probe = np.where(left, c_new, d_new)
        value = signed(probe)
        fc, fd = np.where(left, value, fd), np.where(left, fc, value)
        c, d = c_new, d_new
    middle = (a + b) / 2.0
    return middle, signed(middle)


def search(margin: Margin, start_s: float, end_s: float, step_s: float, *, smooth: bool = True,
           grid_times_s: np.ndarray | None = None, grid_values: np.ndarray | None = None,
           tol_s: float = ROOT_TOLERANCE_S) -> IntervalSet:
    """Return the interval set where ``margin > 0`` over ``[start_s, end_s]``.

    ``grid_times_s``/``grid_values`` may carry samples already computed for several conditions
    at once; otherwise the margin is sampled every ``step_s``.
    """
    if grid_times_s is None:
        grid_times_s = grid_s(start_s, end_s, step_s)
        grid_values = margin(grid_times_s)
    values = np.asarray(grid_values, dtype=float)
    positive = values > 0
    change = np.flatnonzero(positive[1:] != positive[:-1])
    lo, hi = grid_times_s[change], grid_times_s[change + 1]
    roots = refine_roots(margin, lo, hi, values[change], values[change + 1], tol_s)
    rising = roots[~positive[change]]
    falling = roots[positive[change]]
    if smooth:
        left, right = find_hidden_pairs(margin, grid_times_s, values, tol_s)
        if len(left):
            first = refine_roots(margin, left[:, 0], left[:, 1], margin(left[:, 0]),
                                 margin(left[:, 1]), tol_s)
            second = refine_roots(margin, right[:, 0], right[:, 1], margin(right[:, 0]),
                                  margin(right[:, 1]), tol_s)
            was_negative = margin(left[:, 0]) < 0
            rising = np.concatenate((rising, first[was_negative], second[~was_negative]))
            falling = np.concatenate((falling, second[was_negative], first[~was_negative]))
    return IntervalSet.from_crossings(rising, falling, bool(positive[0]), (start_s, end_s))


def search_stretches(margin: Margin, stretches: IntervalSet, step_s: float,
                     tol_s: float = ROOT_TOLERANCE_S) -> IntervalSet:
    """Return where a step-like margin is positive, sampling only inside ``stretches``.

    The margin must be negative at both ends of every stretch that does not touch the span's
    edge (stretches are chosen around the places where the condition can hold).
    """
    span_s = stretches.span_s
    if len(stretches) == 0:
        return IntervalSet.empty(span_s)
    counts = np.maximum(np.ceil(stretches.durations_s() / step_s).astype(int), 1) + 1
    owner = np.repeat(np.arange(len(stretches)), counts)
    position = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    fraction = position / (counts[owner] - 1)
    times_s = stretches.starts_s[owner] + fraction * stretches.durations_s()[owner]
    values = margin(times_s)
    positive = values > 0
    change = np.flatnonzero((positive[1:] != positive[:-1]) & (owner[1:] == owner[:-1]))
    roots = refine_roots(margin, times_s[change], times_s[change + 1], values[change],
                         values[change + 1], tol_s)
    rising, falling = roots[~positive[change]], roots[positive[change]]
    last = np.cumsum(counts) - 1
    # A stretch cut by the span's edge may start (or end) inside the region.
    rising = np.concatenate((rising, times_s[last - counts + 1][positive[last - counts + 1]]))
    falling = np.concatenate((falling, times_s[last][positive[last]]))
    return IntervalSet.from_pairs(np.stack((np.sort(rising), np.sort(falling)), axis=1), span_s)
