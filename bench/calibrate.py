"""The slip model's calibration: fitted on the crewed launches before a date, scored after.

Run from the repository root: ``.venv/bin/python bench/calibrate.py [--split 2021-01-01]``
(without --split, each launch is forecast from the launches flown before its announcement).
Prints each later launch with its lead, its slip and where it fell in the forecast (PIT),
then the coverage of the central 50% and 80% bands (goals: 50% and 80%; the 80% band is
good within 70-90%) and the PIT histogram (flat when calibrated). The peer is the naive
forecast "every launch flies on the day announced" scored the same way: its PIT is the
same random draw for on-time launches and 1 for every slip.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from orbitfilm.race.calibrate import BANDS, calibrate  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default=None)
    args = parser.parse_args()
    result = calibrate(date.fromisoformat(args.split) if args.split else None)
    where = (f"fitted on {result.fitted_on} launches before {result.split}" if result.split
             else "each launch fitted on the launches flown before its announcement")
    print(f"{where}; scored {len(result.scored)}; not scored (no announcement date in the "
          f"sources, or no earlier flight): {', '.join(result.unscored) or 'none'}")
    print(f"{'mission':22s} {'vehicle':12s} {'lead d':>7s} {'slip d':>7s} {'PIT':>6s}  in 50%  in 80%")
    for s in result.scored:
        lead = "-" if s.launch.lead_days is None else str(s.launch.lead_days)
        print(f"{s.launch.mission:22s} {s.launch.vehicle:12s} {lead:>7s} "
              f"{s.launch.slip_days:7d} {s.pit:6.2f}  {str(s.inside(0.5)):6s}  {s.inside(0.8)}")
    for band in BANDS:
        print(f"coverage of the {band:.0%} band: {result.coverage(band):.0%}")
    print(f"PIT histogram (5 bins from 0 to 1): {result.histogram()}")
    on_time = sum(1 for s in result.scored if s.launch.slip_days == 0)
    print(f"naive peer (always on the day announced): 80% band holds at most "
          f"{on_time}/{len(result.scored)} = {on_time / max(len(result.scored), 1):.0%}")


if __name__ == "__main__":
    main()
