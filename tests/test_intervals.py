"""IntervalSet against brute force: each operation agrees with boolean algebra on samples."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from orbitfilm.intervals import IntervalSet

SPAN = (0.0, 100.0)
# Sample at half-integers plus a quarter: hypothesis endpoints are integers, so no sample
# lands on a boundary, where "closed" and "open" would disagree.
SAMPLES = np.arange(0.25, 100.0, 0.5)

pairs = st.lists(st.tuples(st.integers(-10, 110), st.integers(0, 40)), max_size=12).map(
    lambda items: [(a, a + d) for a, d in items])


def _mask(pairs_list) -> np.ndarray:
    inside = np.zeros_like(SAMPLES, dtype=bool)
    for a, b in pairs_list:
        inside |= (SAMPLES >= max(a, SPAN[0])) & (SAMPLES <= min(b, SPAN[1])) & (b > a)
    return inside


@given(pairs)
def test_normalised_sets_are_sorted_disjoint_and_clipped(p):
    s = IntervalSet.from_pairs(p, SPAN)
    assert (s.ends_s > s.starts_s).all()
    assert (s.starts_s[1:] > s.ends_s[:-1]).all()
    assert len(s) == 0 or (s.starts_s[0] >= 0 and s.ends_s[-1] <= 100)
    assert (s.contains(SAMPLES) == _mask(p)).all()


@given(pairs, pairs)
@settings(max_examples=200)
def test_algebra_matches_boolean_samples(p, q):
    a, b = IntervalSet.from_pairs(p, SPAN), IntervalSet.from_pairs(q, SPAN)
    ma, mb = _mask(p), _mask(q)
    assert (a.union(b).contains(SAMPLES) == (ma | mb)).all()
    assert (a.intersection(b).contains(SAMPLES) == (ma & mb)).all()
    assert (a.complement().contains(SAMPLES) == ~ma).all()
    assert (a.difference(b).contains(SAMPLES) == (ma & ~mb)).all()
    # Measure: total length equals the sampled fraction to within the sampling step.
    assert abs(a.total_s() - ma.sum() * 0.5) <= 0.5 * (2 * len(a) + 1)


def test_hand_worked_example():
    # [0,10] u [5,20] u [30,40] within [0,35]: merged [0,20], [30,35]; complement [20,30].
    s = IntervalSet.from_pairs([(5, 20), (0, 10), (30, 40)], (0, 35))
    assert s.pairs() == [(0.0, 20.0), (30.0, 35.0)]
    assert s.complement().pairs() == [(20.0, 30.0)]
    assert s.total_s() == 25.0 and s.longest_s() == 20.0
    assert s.covers(2, 19) and not s.covers(19, 31)
    # The span's own edges are not events: only 20 is a real end, only 30 a real start.
    assert list(s.true_ends_s()) == [20.0] and list(s.true_starts_s()) == [30.0]
    assert s.after_ends(3).pairs() == [(20.0, 23.0)]
    assert s.before_starts(3).pairs() == [(27.0, 30.0)]


def test_closing_and_dropping_short_pieces():
    s = IntervalSet.from_pairs([(10, 20), (25, 40), (60, 62)], (0, 100))
    assert s.closed(10).pairs() == [(10.0, 40.0), (60.0, 62.0)]
    assert s.closed(10).without_shorter(5).pairs() == [(10.0, 40.0)]


def test_from_crossings_with_state_at_start():
    s = IntervalSet.from_crossings([30.0], [10.0, 50.0], True, (0, 100))
    assert s.pairs() == [(0.0, 10.0), (30.0, 50.0)]
