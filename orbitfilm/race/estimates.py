"""Three-point estimates as the race draws them: uniform, PERT or triangular.

One rule for every three-point figure the race samples: a risk's delay, a station event's
cost, an activity's length factor (``engine.py``, ``training_spread.py``).
"""

from __future__ import annotations

import numpy as np


def draw_three_point(dist: str, low: float, mode: float, high: float,
                     rng: np.random.Generator, shape) -> np.ndarray:
    """Draw values of ``shape`` from a three-point estimate; a point estimate (``low ==
    high``) gives that value."""
    if high == low:
        return np.full(shape, float(low))
    if dist == "uniform":
        return rng.uniform(low, high, shape)
    if dist == "pert":
        alpha = 1 + 4 * (mode - low) / (high - low)
        beta = 1 + 4 * (high - mode) / (high - low)
        return low + rng.beta(alpha, beta, shape) * (high - low)
    return rng.triangular(low, mode, high, shape)
