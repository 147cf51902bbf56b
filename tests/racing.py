"""A production for engine-level race tests: a real-shaped launch series, no planning."""

import numpy as np

from orbitfilm.race.engine import Baseline
from orbitfilm.race.launches import LaunchSeries
from orbitfilm.race.slip import SlipModel

SLIP = SlipModel("test", p_on_time=0.3, days_per_lead_day=0.1, launches=0)


def series_production(name: str, site: str, days: int = 300) -> Baseline:
    """Return a production cleared on day 18800, targeting day 18900 (2021-09-30) 140 days
    ahead, with an opportunity every day from then on (a tenth scrubbed, three days to the
    next), its own port, ten days docked, the first shot 2.4 h after hatch opening."""
    liftoff = 18900.0 + np.arange(days) + 0.37
    series = LaunchSeries(site, liftoff, liftoff + 0.14, liftoff + 0.22, 0.1, 3.0,
                          (f"{name}-port",) * days, 10.0)
    return Baseline(name, 18800.0, 20.0, 18900.0, 140.0, SLIP, 1.0, 10.0, series, 0.1)
