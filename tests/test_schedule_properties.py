"""Random productions: every schedule passes the independent checker; every scene left out
has a reason; a seed gives the same schedule; the Challenge example is scheduled.

The random productions (``support.synthetic``) mix light conditions, contacts, set-ups,
splittable scenes, precedence, duties, daily limits and preferred days over a regular
made-up orbit, so that each example runs in seconds.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orbitfilm.mission import Flight, prepare_flight
from orbitfilm.production import load_production
from orbitfilm.production.examples import example_path
from orbitfilm.schedule import cpsat
from orbitfilm.schedule.problem import SolveOptions
from orbitfilm.schedule.scheduler import greedy_result, schedule_scenes
from orbitfilm.schedule.verify import check_schedule
from orbitfilm.schedule.windows import build_problem
from support.synthetic import random_production, regular_environment

QUICK = SolveOptions(time_limit_s=2, workers=1, explain_budget_s=4)


def random_flight(scenes: int, days: int, seed: int, **options) -> Flight:
    production = random_production(scenes, days, seed, **options)
    return Flight(production, environment=regular_environment(production.span_s))


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), scenes=st.integers(3, 25), days=st.integers(1, 4),
       after_share=st.sampled_from([0.0, 0.3, 0.6]))
def test_every_schedule_passes_the_checker_and_every_gap_has_a_reason(seed, scenes, days,
                                                                    after_share):
    flight = random_flight(scenes, days, seed, after_share=after_share, splittable_share=0.3)
    result = schedule_scenes(flight, options=QUICK)
    document = result.to_json()
    assert check_schedule(flight, document) == []
    assert result.status.value in ("optimal", "feasible")
    # The solver's objective is the schedule's price, term by term (whether kit moves were
    # counted by one circuit or in the second phase), and never below the proven bound.
    assert result.objective == sum(result.terms.values())
    assert result.bound <= result.objective + 1e-6
    for item in document["unscheduled"]:
        assert item["reason"] and item["reason"] != "not scheduled", item
    # Round trip through the file format: the checker reads what a person would.
    assert check_schedule(flight, json.loads(json.dumps(document))) == []
    # The stripboard baseline is a valid schedule too, and never better than CP-SAT's.
    baseline = greedy_result(flight, build_problem(flight))
    assert check_schedule(flight, baseline.to_json()) == []
    if result.status.value == "optimal":
        assert result.objective <= baseline.objective


def deterministic(seconds: float, **thresholds) -> SolveOptions:
    return SolveOptions(time_limit_s=seconds, workers=2, seed=5, deterministic=True,
                        explain_budget_s=seconds / 2, **thresholds)


def test_a_seed_gives_the_same_schedule():
    flight = random_flight(10, 2, seed=7, splittable_share=0.3, after_share=0.3)
    options = deterministic(1.0)
    assert schedule_scenes(flight, options=options).to_json() == \
        schedule_scenes(flight, options=options).to_json()


def _solve_slowly(flight: Flight, options: SolveOptions) -> dict:
    """Solve while the other core is kept busy: a machine several times slower than usual
    for this process, as a loaded CI machine is."""
    import multiprocessing

    stop = multiprocessing.Event()
    hogs = [multiprocessing.Process(target=_spin, args=(stop,)) for _ in range(2)]
    for hog in hogs:
        hog.start()
    try:
        return schedule_scenes(flight, options=options).to_json()
    finally:
        stop.set()
        for hog in hogs:
            hog.join()


def _spin(stop) -> None:
    while not stop.is_set():
        sum(range(10_000))


def test_a_large_production_is_deterministic_through_every_phase():
    # 40 scenes over 3 days: more pieces than one circuit holds, so the days are settled in
    # a second phase; with the blocks threshold at 10 pieces the first phase is the short
    # bound phase and the search in blocks of a 200-scene production (the benchmark's size,
    # too slow for a unit test). The schedule must pass the independent checker, be priced
    # exactly and never below the bound; and a seed must give the same document, the
    # reasons for what is left out included, even when the machine is slowed down by a
    # busy second core: a deterministic run never looks at the clock.
    flight = random_flight(40, 3, seed=11, splittable_share=0.2, after_share=0.2)
    assert not cpsat.OrbitalModel(build_problem(flight)).exact_moves
    for options in (deterministic(0.3, block_pieces=10), deterministic(0.3)):
        first = schedule_scenes(flight, options=options)
        document = first.to_json()
        assert check_schedule(flight, document) == []
        assert first.objective == sum(first.terms.values())
        assert first.bound <= first.objective
        again = _solve_slowly(flight, options) if options.block_pieces == 10 else \
            schedule_scenes(flight, options=options).to_json()
        assert again == document


def test_the_challenge_example_is_scheduled_whole_or_says_why():
    flight = prepare_flight(load_production(example_path("challenge-2021")))
    result = schedule_scenes(flight, options=SolveOptions(time_limit_s=30, workers=2))
    assert check_schedule(flight, result.to_json()) == []
    # The issue asks for every scene scheduled, proven optimal or with the gap printed.
    print(f"challenge-2021: {result.status.value}, objective {result.objective}, bound "
          f"{result.bound}, gap {100 * result.gap:.3f}%, {result.runtime_s:.1f} s")
    # The gap is under 1% in a few seconds on 2 cores (bench/plan.py); 5% would mean the
    # model or its bound broke, not that the machine was busy.
    assert result.gap is not None and result.gap < 0.05
    # Every scene aboard is shot: the example's two 3-minute Cupola shots of Russia in
    # daylight (16 and 37) have five and six windows with their cast and the unit free.
    assert result.unscheduled == []
    assert sorted(result.scene_ids(), key=int) == \
        [s.id for s in flight.production.orbital_scenes()]


def test_progress_shows_only_real_costs():
    # The live line's "best" once fell (26,460) below the schedule returned (26,730): the
    # first phase counted kit moves from below. Every cost reported must be a schedule's
    # exact price, so the one returned, the cheapest found, is never above any of them.
    flight = random_flight(40, 3, seed=11, splittable_share=0.2, after_share=0.2)
    reported = []
    result = schedule_scenes(flight, options=deterministic(0.3, block_pieces=10),
                             progress=lambda r: reported.append(r.get("objective")))
    costs = [cost for cost in reported if cost is not None]
    assert costs and result.objective <= min(costs)
