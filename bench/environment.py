"""Benchmark: orbitfilm's environment engine against skyfield's documented approach.

Both compute the twelve days of the Challenge mission (2021-10-05 12:00 to 2021-10-17 00:00
UTC) with every condition (3 ground stations, 2 regions) in the same run; the script checks
that every boundary agrees within 1 s, then prints the time ratio and the peak memory of
orbitfilm's computation, and how time and memory grow with a 60-day span.

Run: .venv/bin/python bench/environment.py
"""

from __future__ import annotations

import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from orbitfilm.orbit.elements import load_elements  # noqa: E402
from orbitfilm.orbit.environment import compute_environment  # noqa: E402
from orbitfilm.orbit.regions import country  # noqa: E402
from orbitfilm.orbit.stations import BUNDLED_STATIONS  # noqa: E402
from orbitfilm.times import DAY_S, parse_iso  # noqa: E402
from support.reference import reference_intervals  # noqa: E402

# The ISS element sets of 2020-2022 that the tests use (tests/data/iss/README.md).
ISS_TLE = Path(__file__).resolve().parents[1] / "tests" / "data" / "iss" / "iss-2020-2022.tle"
START, END = "2021-10-05T12:00:00Z", "2021-10-17T00:00:00Z"
STATIONS = [BUNDLED_STATIONS[s] for s in ("tsup", "ussuriysk", "white-sands")]


def timed(function, repeat: int = 1):
    """Return (result, seconds): the best of ``repeat`` runs (the machine's other load only
    ever adds time)."""
    best = None
    for _ in range(repeat):
        began = time.perf_counter()
        result = function()
        elapsed = time.perf_counter() - began
        best = elapsed if best is None else min(best, elapsed)
    return result, best


def peak_mib(function) -> float:
    """Return the peak MiB of Python and NumPy allocations while ``function`` runs.

    Measured in a run of its own: tracing allocations slows the code it watches.
    """
    tracemalloc.start()
    function()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return peak


def worst_difference_s(fast, reference) -> float:
    worst = 0.0
    for name, expected in reference.items():
        got = fast.condition(name)
        if len(got) != len(expected):
            raise SystemExit(f"{name}: {len(got)} intervals vs skyfield's {len(expected)}")
        if len(got):
            worst = max(worst, np.abs(got.starts_s - expected.starts_s).max(),
                        np.abs(got.ends_s - expected.ends_s).max())
    return worst


def main() -> None:
    elements = load_elements(ISS_TLE)
    regions = [country("RU"), country("US")]
    [region.near for region in regions]  # outlines are shared inputs, built before timing
    start_s, end_s = parse_iso(START), parse_iso(END)
    compute_environment(elements, start_s, start_s + 3600, STATIONS, regions)  # warm caches

    def ours(end):
        return lambda: compute_environment(elements, start_s, end, STATIONS, regions)

    fast, fast_s = timed(ours(end_s), repeat=5)
    fast_mib = peak_mib(ours(end_s))
    print("computing the skyfield reference (find_discrete, find_events) ...", flush=True)
    reference, slow_s = timed(
        lambda: reference_intervals(elements, start_s, end_s, STATIONS, regions))
    worst_s = worst_difference_s(fast, reference)
    boundaries = sum(2 * len(fast.condition(name)) for name in reference)

    long_end_s = start_s + 60 * DAY_S
    _, long_s = timed(ours(long_end_s))
    long_mib = peak_mib(ours(long_end_s))

    print(f"\nOrbital environment, {START} .. {END}: sunlit, umbra, penumbra, earth_lit,")
    print(f"3 ground stations, 2 regions; {boundaries} interval boundaries\n")
    print(f"{'':30}{'time':>9}{'peak memory':>14}")
    print(f"{'orbitfilm':30}{fast_s:>8.3f}s{fast_mib:>10.1f} MiB")
    print(f"{'skyfield documented approach':30}{slow_s:>8.3f}s")
    print(f"\nspeed-up: {slow_s / fast_s:.0f}x   worst boundary difference: {worst_s * 1e3:.1f} ms"
          f" (limit 1000 ms)")
    print(f"60-day span: {long_s:.3f} s, peak {long_mib:.1f} MiB "
          f"({long_s / fast_s:.1f}x the time and {long_mib / fast_mib:.1f}x the memory of "
          f"{(end_s - start_s) / DAY_S:.1f} days)")
    if worst_s >= 1.0:
        sys.exit("boundaries disagree by a second or more")


if __name__ == "__main__":
    main()
