"""Time a 30-day launch-opportunity search from Baikonur and from Kennedy.

Run from the repository root: ``.venv/bin/python bench/launch.py``. Uses the bundled ISS
element sets (September-October 2021); prints the best of a few runs for each site and for
the pair, with the number of opportunities found.
"""

from __future__ import annotations

import time

from orbitfilm.orbit.elements import bundled_iss
from orbitfilm.orbit.launch import find_launch_opportunities
from orbitfilm.times import DAY_S, parse_iso

START_S = parse_iso("2021-09-20T00:00:00Z")
SPAN_DAYS = 30
REPEATS = 5
CASES = (("baikonur-31", "soyuz-ms"), ("kennedy-39a", "crew-dragon"))


def best_time_s(function) -> tuple[float, object]:
    """Return the fastest of ``REPEATS`` runs, and the last result."""
    best_s, result = float("inf"), None
    for _ in range(REPEATS):
        began = time.perf_counter()
        result = function()
        best_s = min(best_s, time.perf_counter() - began)
    return best_s, result


def main() -> None:
    elements = bundled_iss()
    end_s = START_S + SPAN_DAYS * DAY_S
    find_launch_opportunities(elements, *CASES[0], START_S, START_S + DAY_S)  # warm caches
    total_s = 0.0
    for site, vehicle in CASES:
        seconds, found = best_time_s(
            lambda: find_launch_opportunities(elements, site, vehicle, START_S, end_s))
        total_s += seconds
        print(f"{site:12s} {vehicle:12s} {SPAN_DAYS} days: {len(found):3d} opportunities "
              f"in {seconds * 1000:7.1f} ms")
    print(f"both sites, {SPAN_DAYS} days each: {total_s * 1000:.1f} ms (best of {REPEATS})")


if __name__ == "__main__":
    main()
