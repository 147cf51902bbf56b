"""Ground scenes of a production through the ground solvers (talent imports: test_talent_import)."""

from __future__ import annotations

from orbitfilm.production import load_production
from orbitfilm.production.examples import example_path
from orbitfilm.schedule.ground.bridge import ground_problem, is_pure_talent, schedule_ground


def test_challenge_ground_unit_at_its_lower_bound():
    # Hand arithmetic on challenge-2021.toml's ground scenes. Every scene is at its own
    # location, so every order pays each arrival once: 4 x 200 (Star City, mission control)
    # + 2 x 3000 (Baikonur) = 6800. No actor can be paid for less than their own days:
    # Peresild 1 + 1 + 0.5 + 0.5 + 1 = 4 days x 1000 = 4000, the instructor 3 days x 300 = 900,
    # Vera 0.5 day x 500 = 250 (Shkaplerov's rate is 0). 6800 + 5150 = 11950 is a lower bound,
    # so a schedule costing 11950 with no idle days is optimal.
    production = load_production(example_path("challenge-2021"))
    result = schedule_ground(production)
    assert result["optimal"] and result["total_cost"] == 11950 and result["idle_cost"] == 0
    order = result["order"]
    assert sorted(order) == ["1", "2", "3", "4", "5", "6"]
    # Precedence from the file: 2 after 1, 6 after 5.
    assert order.index("1") < order.index("2") and order.index("5") < order.index("6")
    # Dates lie in the ground calendar and skip its days off (12 and 19 September).
    dates = sorted(d for ds in result["dates"].values() for d in ds)
    assert dates[0] >= "2021-09-06" and dates[-1] <= "2021-09-24"
    assert not {"2021-09-12", "2021-09-19"} & set(dates)


def test_richer_ground_problems_are_not_taken_as_pure_talent():
    problem = ground_problem(load_production(example_path("challenge-2021")))
    assert not is_pure_talent(problem)  # move costs, precedence and days off
