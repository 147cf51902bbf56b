"""Talent scheduling: readers, the exact solver against published optima and brute force."""

from __future__ import annotations

import csv
import itertools
import json
import random

import pytest
from hypothesis import given, settings, strategies as st

from conftest import TALENT
from orbitfilm.errors import InputError
from orbitfilm.schedule.ground import TalentInstance, order_costs, read_talent, solve_talent
from orbitfilm.schedule.ground.talent_io import parse_dat, parse_dzn
from orbitfilm.schedule.ground.talent_search import (compiled_available, search_compiled,
                                                     search_python)

# The pure-Python twin proves these quickly; larger cases need the compiled core.
PYTHON_MAX_SCENES = 13


def _known_optima():
    with (TALENT / "known_optima.csv").open(encoding="utf-8") as stream:
        return [(row["instance"], name.strip(), int(row["optimal_total_cost"]),
                 int(row["optimal_idle_cost"]))
                for row in csv.DictReader(stream) for name in row["files"].split(";")]


KNOWN = _known_optima()


def _instance(relative: str) -> TalentInstance:
    return read_talent(TALENT / relative)


@pytest.mark.parametrize("name, relative, total, idle", KNOWN,
                         ids=[f"{k[0]}:{k[1]}" for k in KNOWN])
def test_published_optimum_is_proven(name, relative, total, idle):
    # Optima as published (Qin et al. 2016 EJOR Table 10; Smith 2003 and CSPLib prob039 for the
    # rehearsal and film1/film2, whose idle cost CSPLib prints x100; DDOLib test suites for the
    # rest), listed in tests/data/talent/known_optima.csv. Costs are whole numbers: exact.
    instance = _instance(relative)
    if not compiled_available() and len(instance.scene_ids) > PYTHON_MAX_SCENES:
        pytest.skip("the compiled core is not built; the Python twin is too slow for this size")
    result = solve_talent(instance)
    assert result.optimal
    assert (result.total_cost, result.idle_cost) == (total, idle)
    # The order is a permutation of the scenes and prices to the same total on its own.
    assert sorted(result.order, key=int) == list(instance.scene_ids)
    order = [instance.scene_ids.index(s) for s in result.order]
    assert order_costs(instance, order)[0] == total


@pytest.mark.parametrize("name, relative, total, idle",
                         [k for k in KNOWN if not k[1].startswith("dat/film1")
                          and k[0] not in ("MobStory", "Shaw2020", "Warwick1201", "film1")],
                         ids=lambda v: str(v))
def test_python_twin_proves_small_optima(name, relative, total, idle):
    # Same published optima, through the pure-Python fallback (the path without a compiler).
    instance = _instance(relative)
    if len(instance.scene_ids) > PYTHON_MAX_SCENES:
        pytest.skip("too large for the pure-Python twin in a unit test")
    result = solve_talent(instance, backend="python")
    assert result.optimal and result.solver == "python"
    assert (result.total_cost, result.idle_cost) == (total, idle)


def _brute_force(instance: TalentInstance) -> float:
    n = len(instance.scene_ids)
    return min(order_costs(instance, order)[0] for order in itertools.permutations(range(n)))


@st.composite
def small_instances(draw):
    """Shaped like Garcia de la Banda et al.'s random set, shrunk to brute-force size."""
    n = draw(st.integers(1, 7))
    m = draw(st.integers(1, 6))
    density = draw(st.sampled_from([0.3, 0.4, 0.5]))
    appears = [[draw(st.floats(0, 1)) < density for _ in range(n)] for _ in range(m)]
    durations = draw(st.lists(st.sampled_from([1, 2, 3, 4, 0.5, 1.5]), min_size=n, max_size=n))
    rates = draw(st.lists(st.integers(0, 100), min_size=m, max_size=m))
    return TalentInstance.from_arrays(durations, rates, appears)


@settings(max_examples=150, deadline=None)
@given(small_instances())
def test_solver_matches_brute_force(instance):
    # Independent exact method: every permutation priced by order_costs (<= 7! = 5040).
    # Fractional durations (0.5 days) exercise the scaling to integers; the tolerance only
    # absorbs the float sum of halves, far below any difference between two orders.
    best = _brute_force(instance)
    for backend in (["compiled"] if compiled_available() else []) + ["python"]:
        for both_ends in (True, False):
            result = solve_talent(instance, backend=backend, both_ends=both_ends)
            assert result.optimal
            assert result.total_cost == pytest.approx(best, abs=1e-9)


@pytest.mark.skipif(not compiled_available(), reason="the compiled core is not built")
@settings(max_examples=60, deadline=None)
@given(st.integers(1, 12), st.integers(1, 8), st.integers(0, 2**32), st.sampled_from([0, 1, 2]))
def test_python_twin_runs_the_same_search(n, m, seed, mode):
    # The twin and the compiled core visit the same states in the same order: same cost,
    # nodes and memo size, for every placement mode (2 both ends, 1 alternate, 0 front only).
    rng = random.Random(seed)
    d = [rng.randint(1, 4) for _ in range(n)]
    c = [rng.randint(0, 100) for _ in range(m)]
    A = [sum(1 << a for a in range(m) if rng.random() < 0.4) for _ in range(n)]
    twin = search_python(d, c, A, both_ends=mode)
    core = search_compiled(d, c, A, both_ends=mode)
    assert (twin.cost, twin.nodes, twin.states, twin.proven) == (
        core.cost, core.nodes, core.states, core.proven)


@settings(max_examples=40, deadline=None)
@given(small_instances())
def test_idle_cost_is_total_less_time_on_scene(instance):
    # Definition (CSPLib prob039; known_optima.csv): idle = total - sum(rate x own scene days).
    result = solve_talent(instance)
    on_scene = sum(rate * sum(d for d, here in zip(instance.durations_days, row) if here)
                   for rate, row in zip(instance.day_rates, instance.appears))
    assert result.idle_cost == pytest.approx(result.total_cost - on_scene, abs=1e-9)
    assert sum(result.actor_costs.values()) == pytest.approx(result.total_cost, abs=1e-9)


def test_hand_computed_tiny_order():
    # tiny (DDOLib): rates 1, 2, 3; durations 1, 2, 3, 1; actors {1,2}, {2,3}, {1,3}, {2}.
    # Order 3,1,4,2 (1-based): actor 1 in scenes 3 and 1 -> days 3+1 = 4, paid 4;
    # actor 2 in 1, 4, 2 -> days 1+1+2 = 4 from scene 1 to 2, paid 2 x 4 = 8;
    # actor 3 in 3 and 2 -> all 7 days, paid 3 x 7 = 21. Total 4 + 8 + 21 = 33.
    instance = _instance("dat/tiny")
    total, idle, per_actor = order_costs(instance, [2, 0, 3, 1])
    assert per_actor == {"A1": 4, "A2": 8, "A3": 21}
    assert total == 33
    # Own scene days: 1x(1+3) + 2x(1+2+1) + 3x(2+3) = 4 + 8 + 15 = 27 -> idle 6.
    assert idle == 6


def test_dat_and_dzn_read_the_same_instance():
    dat, dzn = _instance("dat/film103.dat"), _instance("dzn/film103.dzn")
    assert dat.appears == dzn.appears
    assert dat.durations_days == dzn.durations_days and dat.day_rates == dzn.day_rates


def test_csplib_rehearsal_reads_as_unit_rates():
    spec, dzn = _instance("csplib/rehearsal_smith_from_spec.dat"), _instance(
        "csplib/rehearsal_smith.dzn")
    assert dzn.day_rates == (1, 1, 1, 1, 1)
    assert dzn.appears == spec.appears and dzn.durations_days == spec.durations_days


def test_time_limit_returns_a_priced_order_not_proven():
    # 40 scenes, 14 actors: well past what is proven in a few milliseconds.
    import random

    rng = random.Random(7)
    appears = [[rng.random() < 0.4 for _ in range(40)] for _ in range(14)]
    instance = TalentInstance.from_arrays([rng.randint(1, 4) for _ in range(40)],
                                          [rng.randint(1, 100) for _ in range(14)], appears)
    result = solve_talent(instance, time_limit_s=0.05)
    assert not result.optimal and result.notes
    order = [instance.scene_ids.index(s) for s in result.order]
    assert order_costs(instance, order)[0] == result.total_cost


def test_to_json_has_the_ground_fields():
    result = solve_talent(_instance("dat/small"))
    data = json.loads(result.to_json())
    assert data["order"] == list(result.order)
    assert (data["total_cost"], data["idle_cost"], data["optimal"]) == (54, 12, True)


@pytest.mark.parametrize("text, line, words", [
    ("demo\n2\n1\n1 2 5\n1 1\n", 4, "0 or 1"),
    ("demo\n2\n1\n1 0 5\n1\n", 5, "ends before"),
    ("demo\n2\n1\n1 0 5\n1 0\n", 5, "positive"),
    ("demo\nx\n", 2, "number of scenes"),
    ("demo\n1\n1\n1 4\n2 9\n", 5, "unexpected"),
])
def test_bad_dat_names_the_line(text, line, words):
    with pytest.raises(InputError) as error:
        parse_dat(text, "bad.dat")
    assert error.value.line == line and words in str(error.value)
    assert str(error.value).startswith(f"bad.dat:{line}: ")


def test_bad_dzn_names_the_line_and_field():
    text = "numScenes = 2;\nnumActors = 1;\nia = [| 1, 1 |];\nc = [3];\nd = [1, 2, 3];\n"
    with pytest.raises(InputError) as error:
        parse_dzn(text, "bad.dzn")
    assert (error.value.line, error.value.field) == (5, "d")
    with pytest.raises(InputError, match="numScenes"):
        parse_dzn("x = 1;\n", "bad.dzn")


def test_read_talent_reports_a_missing_file(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        read_talent(tmp_path / "absent.dat")
