"""Time the one launch chooser against searching afresh, as the race will ask it.

Run from the repository root: ``.venv/bin/python bench/chooser.py [--calls 2000]``.

The case is the bundled dragon-rival with its launch date left out: ready-to-fly days drawn
at random (``random.Random(SEED)``) from 1 August to 15 October 2021, each asked of

1. ours: ``choose_launch`` on its opportunity tables (one per 30-day block, computed once)
   and the verdicts of the station's traffic kept per table, and
2. the peer: what a caller without tables does (and what orbitfilm did before one chooser):
   ``find_launch_opportunities`` over the 90 days from the ready day, then each opportunity
   judged by ``mark_opportunities`` against the bundled traffic until one fits.

Both must give the same launch for every day; the first call of ours (which builds the
tables) is timed apart.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from orbitfilm.mission.chooser import choose_launch  # noqa: E402
from orbitfilm.mission.links import production_elements  # noqa: E402
from orbitfilm.mission.traffic import flies_up, mark_opportunities  # noqa: E402
from orbitfilm.orbit.launch import find_launch_opportunities  # noqa: E402
from orbitfilm.production.examples import example_text  # noqa: E402
from orbitfilm.production.loader import parse_production  # noqa: E402
from orbitfilm.station import bundled_traffic  # noqa: E402
from orbitfilm.times import DAY_S, parse_iso  # noqa: E402

SEED = 29
FIRST, LAST = date(2021, 8, 1), date(2021, 10, 15)
PEER_DAYS = 90


def peer_launch(production, elements, traffic, ready: date):
    """Return the first opportunity from ``ready`` the traffic takes, searched afresh."""
    start_s = parse_iso(f"{ready}T00:00:00Z")
    found = find_launch_opportunities(elements, "kennedy-39a", "crew-dragon", start_s,
                                      start_s + PEER_DAYS * DAY_S)
    undocking_s = production.mission.undocking.timestamp()
    for opportunity in found:
        [fit] = mark_opportunities(traffic, [opportunity], crew=flies_up(production),
                                   undocking_s=undocking_s, visit_id="rival")
        if fit.fits:
            return opportunity
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--peer-calls", type=int, default=20)
    args = parser.parse_args()
    text = example_text("dragon-rival.toml").replace("date = 2021-10-17\n", "")
    production = parse_production(text, "dragon-rival.toml")
    elements, traffic = production_elements(production), bundled_traffic()
    rng = random.Random(SEED)
    days = [FIRST + timedelta(days=rng.randrange((LAST - FIRST).days + 1))
            for _ in range(args.calls)]

    began = time.perf_counter()
    first = choose_launch(production, elements, ready=days[0])
    build_s = time.perf_counter() - began
    for day in sorted(set(days)):  # every block's verdicts judged once, as a race warms up
        choose_launch(production, elements, ready=day)
    began = time.perf_counter()
    ours = [choose_launch(production, elements, ready=day).opportunity for day in days]
    ours_s = (time.perf_counter() - began) / len(days)

    began = time.perf_counter()
    theirs = [peer_launch(production, elements, traffic, day)
              for day in days[:args.peer_calls]]
    peer_s = (time.perf_counter() - began) / args.peer_calls
    same = all(a.liftoff_s == b.liftoff_s for a, b in zip(ours, theirs))
    print(f"first call (tables and verdicts built): {build_s * 1000:.1f} ms; "
          f"launch {first.opportunity.to_json()['liftoff'][:16]} UTC")
    print(f"chooser, {len(days)} ready days: {ours_s * 1e6:.0f} us a call")
    print(f"peer (search and judge afresh), {args.peer_calls} days: "
          f"{peer_s * 1000:.1f} ms a call")
    print(f"ratio: {peer_s / ours_s:,.0f}x; same launch for every day compared: {same}")
    if not same:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
