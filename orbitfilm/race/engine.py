"""The Monte Carlo engine: vectorised over scenarios, in chunks seeded by SeedSequence.spawn.

A scenario of one production, in days from the epoch (UTC):
  cleared  = the plan re-timed with each activity's sampled length (``training_spread.py``;
             without a spread, the plan's cleared) + training_start delays + cleared delays
  earliest = max(target, cleared + prelaunch) + slip + launch delays
  launch   = the first opportunity of the production's launch series at or after it that
             the scenario's variant of the station's traffic takes (its other flights
             slipped, ``traffic_slips.py``), after scrubs and one pad a day
             (``launches.py``); without a series, earliest itself
  first    = hatch opening + the first shot of the production's schedule at the docking
             taken + shoot delays + station events before it (without a series: launch +
             docking-to-first-shot days)
  wrap     = hatch opening + the wrap of that schedule + shoot delays + station events
             before it
Station events (a debris alarm, a module closed for a leak hunt) arrive on the shoot's
clock as a Poisson process of the declared rate, each costing a three-point loss of hours:
one before the first shot delays it, every one before the wrap delays the wrap (the
schedule's slack before undocking is taken to absorb them; at most ``MAX_EVENTS`` of each
kind a scenario).
Productions whose first shots fall in the same minute tie: the win is split evenly.
Every random source draws from its own named stream (``streams.py``), so the drivers'
re-runs (each risk removed in turn) and the what-ifs (variants of the race) draw the same
numbers wherever they are the same (common random numbers). Chunks have a fixed size and
seed ``SeedSequence(seed).spawn(n)[i]``; results are merged in chunk order, so any number of
workers gives the same answer. A backend (``backends.py``) maps (chunk function, seeds) to
the chunks' results in order.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import partial
from typing import Callable

import numpy as np

from .backends import local_backend
from .estimates import draw_three_point
from .launches import MAX_SCRUBS, LaunchSeries, pick_launches
from .slip import SlipModel
from .streams import Streams
from .training_spread import TrainingSpread

CHUNK_SCENARIOS = 10_000
STDERR_GOAL = 0.005  # 0.5 percentage points
MINUTE_DAYS = 1 / 1440
STAGES = ("training_start", "cleared", "launch", "shoot")
QUANTITIES = ("first_shot", "wrap", "cleared", "launch")
# The built-in sources of uncertainty, each removed in turn for the drivers as a declared
# risk is: the sampled training lengths, the launch slips, scrubs, the station's other
# flights slipping, and station events during the shoot.
SOURCES = {"training": "training durations", "slip": "launch slips", "scrubs": "scrubs",
           "traffic": "station traffic slips", "events": "shoot losses to station events"}
MAX_EVENTS = 16
PERCENTILES = (10, 50, 80, 90)


@dataclass(frozen=True)
class Baseline:
    """The deterministic plan of one production, in days since 1970-01-01 UTC."""

    id: str
    cleared_days: float
    prelaunch_days: float
    target_days: float
    lead_days: float
    slip: SlipModel
    dock_to_first_shot_days: float
    shoot_span_days: float
    # Real launches: the opportunities the production may take, and from hatch opening to
    # its schedule's first shot. None: the launch is the earliest day itself.
    series: LaunchSeries | None = None
    hatch_to_first_shot_days: float = 0.0
    vehicle: str = ""   # the launch finder's vehicle id (fleet-wide risks name it)
    training: TrainingSpread | None = None   # the plan to re-time with sampled lengths
    # Per opportunity of the series: days from its hatch opening to the first shot and to
    # the wrap in the production's schedule docked there (``shoot.py``); None: the
    # baseline's everywhere.
    shoot_by_opportunity: tuple[np.ndarray, np.ndarray] | None = None
    backup_crew: bool = False   # trains a backup crew that flies if one is taken out


@dataclass(frozen=True)
class RiskDraw:
    """A risk as the engine samples it: which production (index), stage, chance, delay."""

    name: str
    production: int
    stage: str
    probability: float
    dist: str
    low: float
    mode: float
    high: float
    also: tuple[int, ...] = ()   # the rest of a fleet the same draw delays
    # A risk a backup covers: "trained" (the production trains a backup crew, which flies
    # unless it is taken out too) or "none" (no backup: the delay); "" for other risks.
    backup: str = ""


def percentiles(dates: dict[str, np.ndarray], quantity: str) -> np.ndarray:
    """Return each production's P10, P50, P80 and P90 of a quantity (productions, 4)."""
    return np.percentile(dates[quantity], PERCENTILES, axis=1).T


@dataclass(frozen=True)
class StationEventDraw:
    """A kind of station event as the engine samples it: its rate, and the shoot time each
    one costs (a three-point estimate, days)."""

    name: str
    per_day: float
    dist: str
    low: float
    mode: float
    high: float


@dataclass
class WhatIfResult:
    """A what-if's answer: P(first), its change from the race's on the same numbers with
    the change's standard error, and its dates (quantity -> (productions, samples) days)."""

    name: str
    p_first: np.ndarray
    change: np.ndarray
    change_stderr: np.ndarray
    dates: dict[str, np.ndarray]

    def percentiles(self, quantity: str) -> np.ndarray:
        return percentiles(self.dates, quantity)


@dataclass
class RaceResult:
    ids: list[str]
    race_to: str
    samples: int
    seed: int
    p_first: np.ndarray
    p_first_stderr: np.ndarray
    ties: float
    dates: dict[str, np.ndarray]  # quantity -> (productions, samples) days
    drivers: list[dict] = field(default_factory=list)
    beyond: np.ndarray | None = None  # share of scenarios launching past the series' end
    backups: list[dict] = field(default_factory=list)  # how often each backup crew flew
    what_ifs: list[WhatIfResult] = field(default_factory=list)

    def percentiles(self, quantity: str) -> np.ndarray:
        return percentiles(self.dates, quantity)


def _delays(risk: RiskDraw, rng: np.random.Generator, n: int):
    """Draw one risk for n scenarios: happens with its probability, then a three-point
    delay. Return the delays and, for a risk a trained backup covers, where the backup flew
    (the prime taken out, the backup not; else None)."""
    happens = rng.random(n) < risk.probability
    size = _three_point(risk, rng, n)
    flew = None
    if risk.backup:
        backup_out = rng.random(n) < risk.probability
        if risk.backup == "trained":
            flew = happens & ~backup_out
            happens = happens & backup_out
    return np.where(happens, size, 0.0), flew


def _three_point(spec, rng: np.random.Generator, shape) -> np.ndarray:
    """Draw from a risk's or an event's three-point estimate."""
    return draw_three_point(spec.dist, spec.low, spec.mode, spec.high, rng, shape)


def _event_draws(events, streams: Streams, owner: str, n: int) -> list:
    """Draw each kind of station event for one production's scenarios: the shoot-clock
    times of its first ``MAX_EVENTS`` arrivals (days after hatch opening) and their costs."""
    draws = []
    for event in events:
        rng = streams.rng("event", event.name, owner)
        shape = (MAX_EVENTS, n)
        gaps = (rng.exponential(1 / event.per_day, shape) if event.per_day > 0
                else np.full(shape, np.inf))
        draws.append((np.cumsum(gaps, axis=0), _three_point(event, rng, shape)))
    return draws


def _event_losses(draws, before_days) -> np.ndarray:
    """Return the shoot time a production loses to events arriving before ``before_days``
    after its hatch opening (one value, or one per scenario)."""
    total = 0.0
    for arrivals, losses in draws:
        total = total + np.sum(losses * (arrivals < before_days), axis=0)
    return total


@dataclass(frozen=True)
class Case:
    """A race as the engine runs it: its productions, risks and station events."""

    baselines: tuple[Baseline, ...]
    risks: tuple[RiskDraw, ...]
    events: tuple[StationEventDraw, ...] = ()
    name: str = ""


@dataclass
class Draws:
    """Every random number of one case's chunk, each from its named stream."""

    slip_u: np.ndarray            # (productions, n)
    delays: list[np.ndarray]      # per risk, (n,)
    flew: list                    # per risk: where a trained backup flew, or None
    scrub_u: np.ndarray           # (productions, MAX_SCRUBS, n)
    pad_u: np.ndarray             # (n,)
    traffic: np.ndarray           # (n,) the variant of the station's traffic
    cleared: list                 # per production: re-timed cleared days, or None
    happened: list                # per production: its station events' draws


def _draws(case: Case, streams: Streams, n: int) -> Draws:
    """Draw the case's numbers: a source draws the same in every case that has it."""
    ids = [b.id for b in case.baselines]
    drawn = [_delays(r, streams.rng("risk", r.name, ids[r.production]), n)
             for r in case.risks]
    return Draws(
        np.array([streams.rng("slip", pid).random(n) for pid in ids]).reshape(len(ids), n),
        [delay for delay, _ in drawn], [flew for _, flew in drawn],
        np.array([streams.rng("scrub", pid).random((MAX_SCRUBS, n)) for pid in ids]
                 ).reshape(len(ids), MAX_SCRUBS, n),
        streams.rng("pad").random(n),
        _traffic_variant(case.baselines, streams.rng("traffic").random(n)),
        [b.training.cleared(b.training.draw_factors(
            lambda a, b=b: streams.rng("training", b.id, b.training.activity_key(a)), n))
         if b.training is not None and b.training.varies else None for b in case.baselines],
        [_event_draws(case.events, streams, pid, n) for pid in ids])


def simulate_chunk(cases: tuple[Case, ...], race_to: str, variants: tuple, n: int,
                   seed: np.random.SeedSequence) -> dict:
    """Run n scenarios of the first case in every variant (a tuple of removed risk indices
    each), and of every other case (the what-ifs) on the same numbers; see module."""
    streams = Streams(seed)
    base = cases[0]
    drawn = _draws(base, streams, n)
    out = {"variants": {}, "cases": []}
    for v, removed in enumerate(variants):
        times, beyond = _times(base.baselines, base.risks, drawn, removed)
        wins, ties = _wins(times[race_to])
        if v == 0:
            base_wins = wins
        out["variants"][v] = {
            "wins": wins.sum(axis=1), "ties": ties,
            "minutes": _minutes(times) if v == 0 else None,
            "beyond": beyond.sum(axis=1) if v == 0 else None,
            "backups": ({k: int(flew.sum()) for k, flew in enumerate(drawn.flew)
                         if flew is not None} if v == 0 else None)}
    for case in cases[1:]:
        times, _ = _times(case.baselines, case.risks, _draws(case, streams, n), ())
        wins, _ = _wins(times[race_to])
        out["cases"].append({"wins": wins.sum(axis=1),
                             "diff_sq": ((wins - base_wins) ** 2).sum(axis=1),
                             "minutes": _minutes(times)})
    return out


def _wins(days: np.ndarray) -> tuple[np.ndarray, int]:
    """Return each production's share of each scenario's win (ties split evenly, to the
    minute) and how many scenarios tied."""
    minute = _whole_minutes(days)
    at_best = minute == minute.min(axis=0)
    sharing = at_best.sum(axis=0)
    return at_best / sharing, int((sharing > 1).sum())


def _traffic_variant(baselines: list[Baseline], uniform: np.ndarray) -> np.ndarray:
    """Return each scenario's variant of the station's traffic (its flights' slips), one
    for every production: the series' variants are drawn alike (``traffic_slips.py``).
    Row 0 is the record as it is (the drivers' run without traffic slips); scenarios draw
    among the slipped rows after it."""
    rows = max((b.series.next_fit.shape[0] for b in baselines
                if b.series is not None and b.series.next_fit is not None), default=1)
    if rows == 1:
        return np.zeros(uniform.shape, dtype=int)
    return 1 + np.floor(uniform * (rows - 1)).astype(int)


def _minutes(times: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Return the dates as whole minutes since the epoch: the grain of a tie, and a quarter
    of the bytes a cluster sends back (int32 holds minutes to the year 6053)."""
    return {q: _whole_minutes(t).astype(np.int32) for q, t in times.items()}


def _whole_minutes(days: np.ndarray) -> np.ndarray:
    """Return whole minutes since the epoch; a hair over the floor keeps an instant on the
    minute (08:55:00 in days is 08:54:59.99999 in floating point) on that minute."""
    return np.floor(days / MINUTE_DAYS + 1e-6)


def _without(drawn: Draws, removed) -> Draws:
    """Return the draws with the built-in sources in ``removed`` taken out: the plan's
    training, no slip, no scrub, the station's traffic as recorded, no station event."""
    changes = {}
    if "training" in removed:
        changes["cleared"] = [None] * len(drawn.cleared)
    if "slip" in removed:
        changes["slip_u"] = np.zeros_like(drawn.slip_u)      # at or below p_on_time: none
    if "scrubs" in removed:
        changes["scrub_u"] = np.ones_like(drawn.scrub_u)     # never below a probability
    if "traffic" in removed:
        changes["traffic"] = np.zeros_like(drawn.traffic)    # row 0: the record itself
    if "events" in removed:
        changes["happened"] = [[] for _ in drawn.happened]
    return replace(drawn, **changes) if changes else drawn


def _times(baselines, risks, drawn: Draws, removed):
    """Return the dates of every production and scenario, and which launched past their
    series' end."""
    drawn = _without(drawn, removed)
    n = drawn.slip_u.shape[1]
    stage = {s: np.zeros((len(baselines), n)) for s in STAGES}
    for k, (risk, delay) in enumerate(zip(risks, drawn.delays)):
        if k not in removed:
            for i in (risk.production, *risk.also):
                stage[risk.stage][i] += delay
    rows = {q: np.empty((len(baselines), n)) for q in QUANTITIES}
    earliest = np.empty((len(baselines), n))
    for i, b in enumerate(baselines):
        planned = b.cleared_days if drawn.cleared[i] is None else drawn.cleared[i]
        rows["cleared"][i] = planned + stage["training_start"][i] + stage["cleared"][i]
        slip = b.slip.sample_days(drawn.slip_u[i], b.lead_days)
        earliest[i] = (np.maximum(b.target_days, rows["cleared"][i] + b.prelaunch_days)
                       + slip + stage["launch"][i])
    rows["launch"][:] = earliest
    hatch, beyond = earliest.copy(), np.zeros(earliest.shape, dtype=bool)
    index = np.zeros(earliest.shape, dtype=int)
    real = [i for i, b in enumerate(baselines) if b.series is not None]
    if real:
        picked = pick_launches([baselines[i].series for i in real], earliest[real],
                               drawn.scrub_u[real], drawn.pad_u, drawn.traffic)
        rows["launch"][real], hatch[real], beyond[real], index[real] = picked
    for i, b in enumerate(baselines):
        if b.series is None:     # hatch is the launch itself: docking to first shot
            to_first = b.dock_to_first_shot_days
            to_wrap = to_first + b.shoot_span_days
        else:
            to_first, to_wrap = _shoot_offsets(b, index[i], beyond[i])
        rows["first_shot"][i] = (hatch[i] + to_first + stage["shoot"][i]
                                 + _event_losses(drawn.happened[i], to_first))
        rows["wrap"][i] = (hatch[i] + to_wrap + stage["shoot"][i]
                           + _event_losses(drawn.happened[i], to_wrap))
    return rows, beyond


def _shoot_offsets(b: Baseline, index: np.ndarray, beyond: np.ndarray):
    """Return days from hatch opening to the first shot and to the wrap for each scenario:
    the schedule of the opportunity taken (past the series, the baseline's)."""
    first = b.hatch_to_first_shot_days
    wrap = first + b.shoot_span_days
    if b.shoot_by_opportunity is None:
        return first, wrap
    by_first, by_wrap = b.shoot_by_opportunity
    k = np.minimum(index, len(by_first) - 1)
    return np.where(beyond, first, by_first[k]), np.where(beyond, wrap, by_wrap[k])


def simulate(baselines: list[Baseline], risks: list[RiskDraw], *, race_to: str = "first_shot",
             samples: int = 100_000, seed: int = 0, workers: int = 1, drivers: bool = True,
             chunk_scenarios: int = CHUNK_SCENARIOS, converge: bool = True,
             backend: Callable | None = None, events: tuple = (),
             what_ifs: tuple[Case, ...] = (),
             progress: Callable[[int, float], None] | None = None) -> RaceResult:
    """Race the productions: exactly ``samples`` scenarios, or with ``converge`` at most that
    many, stopping once every P(first)'s stderr < 0.5 pp. ``events``: the station's kinds
    of events (``StationEventDraw``); ``what_ifs``: variants of the race (the same
    productions, in the same order) run on the same random numbers."""
    variants = ((),) + ((*((k,) for k in range(len(risks))), *((s,) for s in SOURCES))
                        if drivers else ())
    jobs = chunk_jobs(samples, chunk_scenarios, seed)
    cases = (Case(tuple(baselines), tuple(risks), tuple(events)), *what_ifs)
    function = partial(_run_chunk, cases, race_to, variants)
    backend = backend or local_backend(workers)
    merged, n = [], 0
    for (size, _), result in zip(jobs, backend(function, jobs)):
        merged.append(result)
        n += size
        stderr = _stderr(sum(r["variants"][0]["wins"] for r in merged) / n, n)
        if progress:
            progress(n, float(stderr.max()))
        if converge and n >= 2 * chunk_scenarios and (stderr < STDERR_GOAL).all():
            break
    return _result(cases, race_to, seed, merged, variants, n)


def chunk_jobs(samples: int, chunk_scenarios: int, seed: int) -> list[tuple[int, object]]:
    """Return (scenarios, seed) of each chunk: full chunks, the last one holding the rest, so
    that exactly ``samples`` scenarios run; seeds spawned in order from ``seed``."""
    chunks = max(1, -(-samples // chunk_scenarios))
    sizes = [chunk_scenarios] * (chunks - 1) + [samples - chunk_scenarios * (chunks - 1)]
    return list(zip(sizes, np.random.SeedSequence(seed).spawn(chunks)))


def _run_chunk(cases, race_to, variants, job) -> dict:
    size, seed = job
    return simulate_chunk(cases, race_to, variants, size, seed)


def _stderr(p: np.ndarray, n: int) -> np.ndarray:
    return np.sqrt(p * (1 - p) / n)


def _result(cases, race_to, seed, merged, variants, n) -> RaceResult:
    baselines, risks = cases[0].baselines, cases[0].risks
    runs = [r["variants"] for r in merged]
    p = sum(r[0]["wins"] for r in runs) / n
    dates = _dates([r[0]["minutes"] for r in runs])
    result = RaceResult([b.id for b in baselines], race_to, n, seed, p, _stderr(p, n),
                        sum(r[0]["ties"] for r in runs) / n, dates,
                        beyond=sum(r[0]["beyond"] for r in runs) / n)
    for k in runs[0][0]["backups"] if runs else ():
        result.backups.append({"name": risks[k].name,
                               "production": baselines[risks[k].production].id,
                               "backup_flew": sum(r[0]["backups"][k] for r in runs) / n})
    leader = int(np.argmax(p))
    for v in range(1, len(variants)):
        k = variants[v][0]
        p_without = sum(r[v]["wins"] for r in runs) / n
        if isinstance(k, str):      # a built-in source touches every production
            owner, name = leader, SOURCES[k]
        else:
            owner, name = risks[k].production, risks[k].name
        effect = p - p_without
        if isinstance(k, str) and not np.any(np.abs(effect) > 0):
            continue                # a source the race does not have (no events declared)
        result.drivers.append({"name": name, "production": baselines[owner].id,
                               "source": "built-in" if isinstance(k, str) else "declared",
                               "effect_on_p_first": float(effect[owner]),
                               "effects": {b.id: float(e) for b, e in zip(baselines, effect)}})
    result.drivers.sort(key=lambda d: -abs(d["effect_on_p_first"]))
    for c, case in enumerate(cases[1:]):
        p_case = sum(r["cases"][c]["wins"] for r in merged) / n
        change = p_case - p
        mean_sq = sum(r["cases"][c]["diff_sq"] for r in merged) / n
        result.what_ifs.append(WhatIfResult(
            case.name, p_case, change, np.sqrt(np.maximum(mean_sq - change ** 2, 0) / n),
            _dates([r["cases"][c]["minutes"] for r in merged])))
    return result


def _dates(minutes: list[dict]) -> dict[str, np.ndarray]:
    """Return each quantity's days for every production and scenario, chunks in order."""
    return {q: np.concatenate([m[q] for m in minutes], axis=1) * MINUTE_DAYS
            for q in QUANTITIES}
