"""Random productions: every schedule passes the independent checker; every scene left out
has a reason; a seed gives the same schedule; the Challenge example is scheduled.

The random productions (``orbitfilm.schedule.synthetic``) mix light conditions, contacts,
set-ups, splittable scenes, precedence, duties, daily limits and preferred days over a
regular made-up orbit, so that each example runs in seconds.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orbitfilm.schedule.problem import SolveOptions
from orbitfilm.schedule.scheduler import greedy_result, schedule
from support.synthetic import random_production, regular_environment
from orbitfilm.schedule.verify import check_schedule
from orbitfilm.schedule.windows import build_problem

QUICK = SolveOptions(time_limit_s=2, workers=1, explain_budget_s=4)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), scenes=st.integers(3, 25), days=st.integers(1, 4),
       after_share=st.sampled_from([0.0, 0.3, 0.6]))
def test_every_schedule_passes_the_checker_and_every_gap_has_a_reason(seed, scenes, days,
                                                                    after_share):
    production = random_production(scenes, days, seed, after_share=after_share,
                                   splittable_share=0.3)
    environment = regular_environment(production.span_s)
    result = schedule(production, environment, options=QUICK)
    document = result.to_json()
    assert check_schedule(production, document, environment) == []
    assert result.status.value in ("optimal", "feasible")
    # The solver's objective is the schedule's price, term by term (whether kit moves were
    # counted by one circuit or in the second phase), and never below the proven bound.
    assert result.objective == sum(result.terms.values())
    assert result.bound <= result.objective + 1e-6
    for item in document["unscheduled"]:
        assert item["reason"] and item["reason"] != "not scheduled", item
    # Round trip through the file format: the checker reads what a person would.
    assert check_schedule(production, json.loads(json.dumps(document)), environment) == []
    # The stripboard baseline is a valid schedule too, and never better than CP-SAT's.
    baseline = greedy_result(production, build_problem(production, environment))
    assert check_schedule(production, baseline.to_json(), environment) == []
    if result.status.value == "optimal":
        assert result.objective <= baseline.objective


def test_a_seed_gives_the_same_schedule():
    production = random_production(10, 2, seed=7, splittable_share=0.3, after_share=0.3)
    environment = regular_environment(production.span_s)
    options = SolveOptions(time_limit_s=1.0, workers=2, seed=3, deterministic=True,
                           explain_budget_s=2)
    first = schedule(production, environment, options=options).to_json()
    second = schedule(production, environment, options=options).to_json()
    assert first == second


@pytest.mark.parametrize("search_only_pieces", [10, 1000])
def test_a_large_production_takes_the_phased_search_and_passes_the_checker(
        search_only_pieces, monkeypatch):
    # 40 scenes over 3 days: more pieces than one circuit holds (``CIRCUIT_PIECES``), so the
    # days are settled in a second phase; with the threshold at 10 pieces the first phase
    # is the short bound phase and the search in blocks of a 200-scene production (the
    # benchmark's size, too slow for a unit test). Either way the schedule must pass
    # the independent checker, be priced exactly and never below the bound, and a seed must
    # still give the same schedule.
    from orbitfilm.schedule import cpsat

    monkeypatch.setattr(cpsat, "SEARCH_ONLY_PIECES", search_only_pieces)
    production = random_production(40, 3, seed=11, splittable_share=0.2, after_share=0.2)
    environment = regular_environment(production.span_s)
    problem = build_problem(production, environment)
    assert not cpsat.OrbitalModel(problem).exact_moves
    options = SolveOptions(time_limit_s=3.0, workers=2, seed=5, deterministic=True,
                           explain_budget_s=2)
    first = schedule(production, environment, options=options)
    document = first.to_json()
    assert check_schedule(production, document, environment) == []
    assert first.objective == sum(first.terms.values())
    assert first.bound <= first.objective
    again = schedule(production, environment, options=options).to_json()
    # The same schedule; the reasons for what is left out have a wall-clock budget of their
    # own, so only which scenes are left out is compared.
    assert again["scenes"] == document["scenes"]
    assert again["objective"] == document["objective"]
    assert [u["id"] for u in again["unscheduled"]] == [u["id"] for u in document["unscheduled"]]


def test_the_challenge_example_is_scheduled_whole_or_says_why():
    from orbitfilm.production import load_production
    from orbitfilm.production.examples import example_path

    production = load_production(example_path("challenge-2021"))
    environment = production.environment()
    result = schedule(production, environment, options=SolveOptions(time_limit_s=60, workers=2))
    assert check_schedule(production, result.to_json(), environment) == []
    # The issue asks for every scene scheduled, proven optimal or with the gap printed.
    print(f"challenge-2021: {result.status.value}, objective {result.objective}, bound "
          f"{result.bound}, gap {100 * result.gap:.3f}%, {result.runtime_s:.1f} s")
    # The gap reached in 60 s on 2 cores is 0.6-2.5% depending on the machine's load; 5%
    # would mean the model or its bound broke, not that the machine was busy.
    assert result.gap is not None and result.gap < 0.05
    # Every scene aboard is shot: the example's two 3-minute Cupola shots of Russia in
    # daylight (16 and 37) have five and six windows with their cast and the unit free.
    assert result.unscheduled == []
    assert sorted(result.scene_ids(), key=int) == [s.id for s in production.orbital_scenes()]
