"""A representative scenario: what "P80" means, told step by step.

For each production, the sampled scenario whose first shot is nearest the production's P80
first shot is drawn again from its chunk's named streams (``streams.py``: the same numbers
as in the race) and told as a producer reads a schedule: cleared to fly, the slip, each
scrub, the opportunity and port it found, docking, hatch opening, the first shot, the wrap.
"""

from __future__ import annotations

import numpy as np

from .baseline import iso_days
from .engine import CHUNK_SCENARIOS, Case, _draws, _times, chunk_jobs
from .launches import MAX_SCRUBS
from .streams import Streams


def representative_scenarios(case: Case, result, *, quantile: float = 80.0,
                             chunk_scenarios: int = CHUNK_SCENARIOS) -> list[dict]:
    """Return, for each production, its scenario nearest the ``quantile`` of its first
    shots, told step by step."""
    firsts = result.dates["first_shot"]
    jobs = chunk_jobs(result.samples, chunk_scenarios, result.seed)
    stories = []
    for i, baseline in enumerate(case.baselines):
        target = np.percentile(firsts[i], quantile)
        g = int(np.argmin(np.abs(firsts[i] - target)))
        chunk, j = divmod(g, chunk_scenarios)
        size, seed = jobs[chunk]
        stories.append({"id": baseline.id, "quantile": quantile, "scenario": g,
                        "steps": _steps(case, i, size, seed, j)})
    return stories


def _steps(case: Case, i: int, size: int, seed, j: int) -> list[dict]:
    """Return the steps of scenario ``j`` of a chunk for production ``i``."""
    drawn = _draws(case, Streams(seed), size)
    times, beyond = _times(case.baselines, case.risks, drawn, ())
    b = case.baselines[i]
    steps = [_step(times["cleared"][i][j], "cleared to fly", _risk_note(
        case, drawn, i, j, ("training_start", "cleared")))]
    slip = float(b.slip.sample_days(drawn.slip_u[i][j:j + 1], b.lead_days)[0])
    ready = times["cleared"][i][j] + b.prelaunch_days
    steps.append({"what": "launch target", "when": iso_days(b.target_days),
                  "note": f"announced {b.lead_days:.0f} days ahead; ready to fly "
                          f"{iso_days(ready)[:10]}; slip drawn: {slip:.1f} days"
                          + _risk_note(case, drawn, i, j, ("launch",))})
    launch = times["launch"][i][j]
    if b.series is None or beyond[i][j]:
        steps.append(_step(launch, "launch", "past the launch series: on its earliest day"))
    else:
        series = b.series
        k = int(np.searchsorted(series.liftoff_days, launch + 1 / 1440, side="right") - 1)
        scrubs = _scrubs(series.scrub_probability, drawn.scrub_u[i][:, j])
        steps.append(_step(series.liftoff_days[k], "liftoff", (
            f"{scrubs} scrub{'s' * (scrubs != 1)} before it, "
            f"{series.turnaround_days:g} days each to the next attempt; " if scrubs else "")
            + f"traffic variant {int(drawn.traffic[j]) + 1} of the station"))
        port = series.ports[k] if k < len(series.ports) else ""
        steps.append(_step(series.docking_days[k], "docking", f"at {port}" if port else
                           "past the recorded traffic: no port on record"))
        steps.append(_step(series.hatch_days[k], "hatch opening", ""))
    steps.append(_step(times["first_shot"][i][j], "first shot",
                       _risk_note(case, drawn, i, j, ("shoot",))))
    steps.append(_step(times["wrap"][i][j], "wrap", ""))
    return steps


def _scrubs(probability: float, draws: np.ndarray) -> int:
    """Return how many attempts in a row were scrubbed (the engine's rule)."""
    count = 0
    for attempt in range(MAX_SCRUBS):
        if draws[attempt] >= probability:
            break
        count += 1
    return count


def _risk_note(case: Case, drawn, i: int, j: int, stages: tuple[str, ...]) -> str:
    """Return the risks that struck production ``i`` in scenario ``j`` at these stages."""
    struck = [f"{risk.name} +{drawn.delays[k][j]:.0f} d" for k, risk in enumerate(case.risks)
              if risk.stage in stages and i in (risk.production, *risk.also)
              and drawn.delays[k][j] > 0]
    flew = [f"the backup crew flies ({risk.name})" for k, risk in enumerate(case.risks)
            if risk.stage in stages and risk.production == i
            and drawn.flew[k] is not None and drawn.flew[k][j]]
    notes = struck + flew
    return ("; " if notes else "") + "; ".join(notes)


def _step(days: float, what: str, note: str) -> dict:
    return {"what": what, "when": iso_days(days), "note": note.lstrip("; ")}
