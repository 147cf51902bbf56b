"""The race engine against answers known by hand, the slip model's calibration, the CLI."""

import subprocess
import sys

import numpy as np
import pytest

from orbitfilm.errors import InputErrors
from datetime import date

from orbitfilm.race.engine import Baseline, RiskDraw, simulate
from orbitfilm.race.launches import LaunchSeries
from orbitfilm.race.loader import parse_race
from orbitfilm.race.slip import SlipModel, fit_slip_models, load_launch_record

SLIP = SlipModel("test", p_on_time=0.2, days_per_lead_day=0.1, launches=0)


def _twin(name, target=100.0, span=10.0):
    return Baseline(name, cleared_days=50.0, prelaunch_days=10.0, target_days=target,
                    lead_days=100.0, slip=SLIP, dock_to_first_shot_days=1.0,
                    shoot_span_days=span)


def _within(value, expected, stderr):
    assert abs(value - expected) <= 3 * stderr + 1e-12, (value, expected, stderr)


def test_identical_productions_have_equal_chances():
    result = simulate([_twin("a"), _twin("b")], [], samples=40_000, seed=1, converge=False)
    stderr = np.hypot(*result.p_first_stderr)
    _within(result.p_first[0] - result.p_first[1], 0.0, stderr)
    # Both on time at once (0.2 * 0.2) is a tie in the same minute, reported apart.
    _within(result.ties, 0.04, np.sqrt(0.04 * 0.96 / result.samples))


def test_a_risk_of_probability_p_beyond_the_other_gives_one_minus_p():
    # Delays of 1000-2000 days put b past every slip of a (mean 8 days), so a wins iff it happens.
    risk = RiskDraw("late", 1, "launch", 0.3, "uniform", 1000, 1000, 2000)
    no_slip = SlipModel("none", 1.0, 0.0, 0)
    base = [_twin("a"), _twin("b", target=99.9)]
    base[1] = Baseline(**{**base[1].__dict__, "slip": no_slip})
    result = simulate(base, [risk], samples=40_000, seed=2, converge=False)
    _within(result.p_first[1], 1 - 0.3, result.p_first_stderr[1])
    assert result.drivers[0]["name"] == "late" and result.drivers[0]["effect_on_p_first"] < -0.2


def test_a_production_that_cannot_launch_before_the_other_wraps_never_wins():
    late = _twin("late", target=10_000.0)
    result = simulate([_twin("a"), late], [], race_to="wrap", samples=20_000, seed=3,
                      converge=False)
    assert result.p_first[1] == 0.0 and result.p_first[0] == 1.0


def test_same_seed_same_result_for_one_and_two_workers():
    risk = RiskDraw("r", 0, "cleared", 0.5, "pert", 0, 40, 90)
    args = dict(samples=30_000, seed=9, chunk_scenarios=5_000)
    one = simulate([_twin("a"), _twin("b")], [risk], workers=1, **args)
    two = simulate([_twin("a"), _twin("b")], [risk], workers=2, **args)
    assert np.array_equal(one.p_first, two.p_first) and one.samples == two.samples
    for quantity in one.dates:
        assert np.array_equal(one.dates[quantity], two.dates[quantity])
    assert one.drivers == two.drivers


@pytest.mark.parametrize("samples", [1_000, 12_345, 20_000])
def test_a_race_of_n_samples_runs_n_scenarios(samples):
    # Chunks of 10,000 once made 1,000 samples into 10,000: the count is the one asked for,
    # in the result and in every date array it summarises.
    result = simulate([_twin("a"), _twin("b")], [], samples=samples, seed=4, converge=False)
    assert result.samples == samples
    assert all(dates.shape[1] == samples for dates in result.dates.values())


def test_slip_model_is_calibrated_on_launches_held_out():
    # Leave one launch out, fit on the rest, ask whether it lands in the predicted 80% band
    # (P10-P90 of the slip). 18 Soyuz and Dragon launches: a share of 0.8 +- 0.19 (2 s.e.)
    # would be calibrated; we accept 0.6 and up.
    record = [x for x in load_launch_record() if x.vehicle != "starliner"]
    inside = []
    for held in (x for x in record if x.lead_days is not None):  # a forecast needs the lead
        model = fit_slip_models([x for x in record if x is not held])[held.vehicle]
        low, high = model.quantile_days([0.1, 0.9], held.lead_days)
        inside.append(low - 1e-9 <= held.slip_days <= high + 1e-9)
    assert np.mean(inside) >= 0.6, np.mean(inside)


def test_slip_grows_with_lead_time():
    model = fit_slip_models()["crew-dragon"]
    assert model.mean_slip_days(300) > model.mean_slip_days(30) > 0


@pytest.mark.slow
def test_bundled_race_2021_favours_the_challenge():
    from orbitfilm.race.baseline import race_baselines, race_risks, result_json
    from orbitfilm.race.loader import open_race

    race, folder = open_race(None)
    baselines = race_baselines(race, folder, time_limit_s=5)
    result = simulate(baselines, race_risks(race, [b.vehicle for b in baselines]),
                      samples=20_000, seed=0)
    document = result_json(result)
    challenge = document["productions"][0]
    # The backtest as of 13 May 2021 (what happened: admitted 16 Sep, govoritmoskva.ru;
    # liftoff 5 Oct 08:55:02 UTC, first scenes shot from 5 Oct aboard, NASA blog).
    assert challenge["p_first"] > 0.8
    assert abs((date.fromisoformat(challenge["cleared"]["p50"][:10])
                - date(2021, 9, 16)).days) <= 10
    assert challenge["launch"]["p50"][:16] == "2021-10-05T08:55"   # MS-19's opportunity
    assert abs((date.fromisoformat(challenge["first_shot"]["p50"][:10])
                - date(2021, 10, 5)).days) <= 2
    # Every sampled launch is an opportunity of the production's series (to the minute).
    series_min = np.floor(baselines[0].series.liftoff_days * 1440 + 1e-6)
    launches = np.round(result.dates["launch"][0] * 1440)
    assert np.isin(launches, series_min).mean() > 0.99


def _daily_series(site="baikonur-31", first=90.0, days=400, scrub=0.0):
    """A launch every day at 08:55 UTC from ``first`` on, hatch open 5.3 h after liftoff."""
    liftoff = first + np.arange(days) + (8 * 60 + 55) / 1440
    return LaunchSeries(site, liftoff, liftoff + 3.3 / 24, liftoff + 5.3 / 24, scrub, 1.0)


def _real_twin(name, series, **changes):
    base = _twin(name)
    return Baseline(**{**base.__dict__, "series": series, "hatch_to_first_shot_days": 0.25,
                       **changes})


def test_soyuz_twins_on_one_pad_have_equal_chances_and_almost_never_tie():
    # Two identical productions on one pad: the same day cannot take both (the second
    # takes the next day's opportunity, the order drawn per scenario), so the minute-level
    # ties of the formula vanish and each wins half the time.
    series = _daily_series()
    result = simulate([_real_twin("a", series), _real_twin("b", series)], [], samples=40_000,
                      seed=5, converge=False)
    _within(result.p_first[0] - result.p_first[1], 0.0, np.hypot(*result.p_first_stderr))
    assert result.ties < 0.01
    # Every launch is an opportunity of the series, never before the earliest day.
    # (dates come back as whole minutes)
    minutes = np.floor(series.liftoff_days * 1440 + 1e-6)
    assert np.isin(np.round(result.dates["launch"] * 1440), minutes).all()


def test_a_scrub_moves_the_launch_by_the_turnaround():
    # Scrubs certain on the first attempts: four scrubs of a day each, then the fifth
    # attempt goes; without slip the launch is exactly four days after the earliest.
    series = _daily_series(scrub=1.0)
    steady = SlipModel("none", 1.0, 0.0, 0)
    result = simulate([_real_twin("a", series, slip=steady, target_days=100.0)], [],
                      samples=2_000, seed=6, converge=False)
    assert np.allclose(result.dates["launch"][0], 104 + (8 * 60 + 55) / 1440, atol=1e-3)


def test_bad_race_file_is_named_with_its_line():
    with pytest.raises(InputErrors) as caught:
        parse_race('as_of = 2021-05-13\n[[productions]]\nid = "a"\nproduction = "x"\n'
                   '[[risks]]\nproduction = "b"\nname = "n"\nprobability = 2\n'
                   'delay_days = { low = 1, mode = 2, high = 3 }\n', source="r.toml")
    text = str(caught.value)
    assert "r.toml:8" in text and "probability" in text


def test_cli_bad_race_file_exits_2_with_one_line(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('as_of = "soon"\n[[productions]]\nid = "a"\nproduction = "x"\n')
    done = subprocess.run([sys.executable, "-m", "orbitfilm", "race", str(bad)],
                          capture_output=True, text=True)
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "bad.toml" in done.stderr


def test_a_fleet_wide_shock_delays_every_production_on_the_vehicle_at_once():
    # One draw for the fleet: the twins are delayed together, so their order (and P(first))
    # is as without it, while each one's launch moves by the same days in every scenario.
    shock = RiskDraw("soyuz grounded", 0, "launch", 0.5, "uniform", 60, 60, 120, also=(1,))
    twins = [_twin("a"), _twin("b")]
    calm = simulate(twins, [], samples=20_000, seed=8, converge=False, drivers=False)
    shocked = simulate(twins, [shock], samples=20_000, seed=8, converge=False, drivers=False)
    moved = shocked.dates["launch"] - calm.dates["launch"]
    assert np.allclose(moved[0], moved[1], atol=2 / 1440)  # dates are kept to the minute
    assert 0.45 < (moved[0] > 1).mean() < 0.55
    assert np.array_equal(shocked.p_first, calm.p_first)


def test_a_fleet_risk_in_a_race_file_reaches_every_production_flying_it():
    from orbitfilm.race.baseline import race_risks

    race = parse_race('as_of = 2021-05-13\n[[productions]]\nid = "a"\nproduction = "x"\n'
                      '[[productions]]\nid = "b"\nproduction = "y"\n'
                      '[[productions]]\nid = "c"\nproduction = "z"\n'
                      '[[risks]]\nvehicle = "soyuz-ms"\nname = "grounded"\nprobability = 0.1\n'
                      'delay_days = { low = 4, mode = 60, high = 183 }\ndelays = "launch"\n',
                      source="r.toml")
    [risk] = race_risks(race, ["soyuz-ms", "crew-dragon", "soyuz-ms"])
    assert (risk.production, risk.also) == (0, (2,))
    assert race_risks(race, ["crew-dragon"] * 3) == []


def test_the_slip_model_scored_on_launches_after_its_fit():
    # Fitted on the record before 2021, scored on 2021-2024: every later launch gets a PIT
    # in [0, 1]; launches on time are not inside a band for free (their PIT is drawn over
    # the point mass), and the coverage is the share inside, by definition.
    from orbitfilm.race.calibrate import calibrate

    result = calibrate(date(2021, 1, 1))
    assert result.fitted_on >= 6 and len(result.scored) >= 3
    # A later launch without an announcement date in the sources has no forecast.
    assert "Crew-8" in result.unscored
    pits = np.array([s.pit for s in result.scored])
    assert ((0 <= pits) & (pits <= 1)).all()
    assert result.coverage(0.8) == np.mean([(0.1 <= p <= 0.9) for p in pits])
    assert sum(result.histogram()) == len(result.scored)
    # Deterministic: the draws for on-time launches have a fixed seed.
    assert [s.pit for s in calibrate(date(2021, 1, 1)).scored] == list(pits)


def test_each_scenario_shoots_on_the_schedule_of_the_docking_it_took():
    # Opportunity k's schedule puts the first shot k hours after its hatch opens and the
    # wrap k + 5 days after: every scenario's first shot and wrap must be those of the
    # opportunity it launched on (found back from its liftoff), to the minute.
    series = _daily_series(days=60)
    k = np.arange(60)
    production = _real_twin("a", series, shoot_by_opportunity=(k / 24, k + 5.0))
    result = simulate([production], [], samples=5_000, seed=3, converge=False, drivers=False)
    launch, first, wrap = (result.dates[q][0] for q in ("launch", "first_shot", "wrap"))
    taken = np.searchsorted(series.liftoff_days, launch + 1 / 1440, side="right") - 1
    inside = (taken >= 0) & (np.abs(series.liftoff_days[taken] - launch) < 1 / 1440)
    assert inside.mean() > 0.5 and len(np.unique(taken[inside])) > 5
    hatch = series.hatch_days[taken[inside]]
    assert np.allclose(first[inside], hatch + taken[inside] / 24, atol=1 / 1440)
    assert np.allclose(wrap[inside], hatch + taken[inside] + 5.0, atol=1 / 1440)


def test_the_race_solves_the_dockings_scenarios_take_most():
    # Launch days landing 60% on opportunity 3, 30% on 7, 6% on 1 and 4% on 9: the
    # opportunities holding 90% are 3 and 7 (most taken first); an instant that is no
    # opportunity's liftoff (past the series) is not counted.
    from orbitfilm.race.shoot import taken_most
    series = _daily_series(days=12)
    days = np.repeat(series.liftoff_days[[3, 7, 1, 9]], [60, 30, 6, 4])
    days = np.floor(days * 1440 + 1e-6) / 1440    # the engine's dates are whole minutes
    assert taken_most(series, days) == [3, 7]
    assert taken_most(series, days + 1e-12) == [3, 7]    # a hair past the liftoff
    assert taken_most(series, np.append(days, 500.0)) == [3, 7]


def test_station_events_delay_the_first_shot_and_the_wrap_at_their_rate():
    # Independent: events of a Poisson process at 0.5 a day, each costing 2.4 h (0.1 day).
    # The first shot, 6 h after hatch opening, is late with probability 1 - exp(-0.5 * 0.25)
    # = 0.1175; the wrap (10.25 days after) by 0.1 * 0.5 * 10.25 = 0.5125 days on average.
    from orbitfilm.race.engine import StationEventDraw
    series = _daily_series(days=60)
    production = _real_twin("a", series, shoot_span_days=10.0)
    event = StationEventDraw("alarm", 0.5, "uniform", 0.1, 0.1, 0.1)
    plain = simulate([production], [], samples=20_000, seed=8, converge=False, drivers=False)
    hit = simulate([production], [], samples=20_000, seed=8, converge=False, drivers=False,
                   events=(event,))
    assert np.array_equal(plain.dates["launch"], hit.dates["launch"])  # same launches
    late = hit.dates["first_shot"][0] - plain.dates["first_shot"][0]
    share = np.mean(late > 1 / 1440)
    _within(share, 1 - np.exp(-0.125), np.sqrt(0.1175 * 0.8825 / 20_000))
    shift = hit.dates["wrap"][0] - plain.dates["wrap"][0]
    # Var of a compound Poisson sum: rate * t * loss^2 = 0.5 * 10.25 * 0.01.
    _within(shift.mean(), 0.5125, np.sqrt(0.5 * 10.25 * 0.01 / 20_000) + 2 / 1440)


def test_a_race_file_declares_station_events_with_their_lines():
    text = ('as_of = 2021-05-13\n[[productions]]\nid = "a"\nproduction = "x"\n'
            '[[station_events]]\nname = "debris"\nper_year = 1.25\n'
            'lost_hours = { low = 0.5, mode = 1, high = 3 }\n')
    race = parse_race(text, source="r.toml")
    from orbitfilm.race.baseline import station_events
    [event] = station_events(race)
    assert event.per_day == pytest.approx(1.25 / 365.25) and event.high == pytest.approx(3 / 24)
    with pytest.raises(InputErrors) as caught:
        parse_race(text.replace("per_year = 1.25", "per_year = -1"), source="r.toml")
    assert "r.toml:7" in str(caught.value) and "per_year" in str(caught.value)


def test_next_fit_finds_the_first_opportunity_each_traffic_variant_takes():
    from orbitfilm.race.launches import _next_fit
    fits = np.array([[False, True, False, False, True], [True, False, False, False, False]])
    assert _next_fit(fits).tolist() == [[1, 1, 4, 4, 4, 5], [0, 5, 5, 5, 5, 5]]


def test_every_production_of_a_scenario_meets_the_same_slipped_station():
    # Two slipped traffics after the record (row 0, where everything fits): in the first,
    # a's first 10 opportunities are refused and b's all fit; in the second the other way
    # round. One variant per scenario for both, so exactly one of them is pushed past day
    # 10 in every scenario, each half the time.
    from orbitfilm.race.launches import _next_fit
    def series(blocked_in):
        daily = _daily_series(days=60, first=100.0)
        fits = np.ones((3, 60), dtype=bool)
        fits[1 + blocked_in, :10] = False
        return LaunchSeries(daily.site, daily.liftoff_days, daily.docking_days,
                            daily.hatch_days, 0.0, 1.0, ("a-port",) * 60, 5.0,
                            _next_fit(fits))
    on_time = SlipModel("test", p_on_time=0.999, days_per_lead_day=0.01, launches=0)
    twins = [_real_twin(name, series(k), slip=on_time, target_days=100.0)
             for name, k in (("a", 0), ("b", 1))]
    twins = [Baseline(**{**t.__dict__, "series": LaunchSeries(
        **{**t.series.__dict__, "site": f"pad-{t.id}", "ports": (f"{t.id}-port",) * 60})})
        for t in twins]
    result = simulate(twins, [], samples=20_000, seed=4, converge=False)
    late = result.dates["launch"] >= 110.0
    assert (late.sum(axis=0) == 1).mean() > 0.99     # the same variant for both
    _within(late[0].mean(), 0.5, np.sqrt(0.25 / 20_000))
    # Without the traffic's slips (the record, row 0) nobody is pushed: the driver says
    # how much the slipped traffic moves each production's chance, equal and opposite.
    [traffic] = [d for d in result.drivers if d["name"] == "station traffic slips"]
    assert traffic["source"] == "built-in"
    assert traffic["effects"]["a"] == pytest.approx(-traffic["effects"]["b"])


def test_built_in_sources_are_drivers_too():
    # a's launches are scrubbed half the time (three days to the next try), b's never, on
    # pads of their own: removing scrubs helps a and hurts b by the same amount; a race
    # with no station events has no such driver.
    a = _real_twin("a", _daily_series(site="pad-a", scrub=0.5))
    b = _real_twin("b", _daily_series(site="pad-b"))
    result = simulate([a, b], [], samples=20_000, seed=5, converge=False)
    drivers = {d["name"]: d for d in result.drivers}
    scrubs = drivers["scrubs"]
    # Clearly below zero: more than three standard errors of a P(first) at this n.
    assert scrubs["effects"]["a"] < -3 * np.sqrt(0.25 / 20_000)
    assert scrubs["effects"]["b"] == pytest.approx(-scrubs["effects"]["a"])
    assert scrubs["production"] == "b"          # told for the race's leader
    assert "shoot losses to station events" not in drivers


def test_the_station_traffic_slips_as_its_vehicles_do():
    # The bundled 2021 record as of 13 May 2021: visits docked by then stay put; later
    # ones slip by their vehicle's model (Soyuz and Progress: the Soyuz's, on time with
    # probability p_on_time); a kept visit (the production's own) never moves, and a moved
    # visit moves whole (arrival, relocations, departure).
    from orbitfilm.race.slip import known_by
    from orbitfilm.race.traffic_slips import slip_draws, traffic_variants
    from orbitfilm.station.loader import bundled_traffic
    traffic = bundled_traffic()
    models = fit_slip_models(known_by(date(2021, 5, 13)))
    draws = slip_draws(traffic, date(2021, 5, 13), models, count=4000)
    as_of_s = 1620864000.0   # 2021-05-13T00:00Z
    for j, visit in enumerate(traffic.visits):
        if visit.arrive_s < as_of_s or visit.vehicle == "module":
            assert not draws[:, j].any(), visit.id
    soyuz = [j for j, v in enumerate(traffic.visits)
             if v.vehicle == "soyuz-ms" and v.arrive_s >= as_of_s]
    # Rounded to whole days, a slip under half a day counts as on time too.
    p = models["soyuz"].p_on_time
    assert np.mean(draws[:, soyuz[0]] == 0) >= p - 3 * np.sqrt(p * (1 - p) / 4000)
    moved = next(j for j, v in enumerate(traffic.visits) if v.moves and v.arrive_s >= as_of_s)
    row = int(np.argmax(draws[:, moved] > 0))
    kept = traffic.visits[soyuz[0]].id
    [variant] = traffic_variants(traffic, draws[row:row + 1], keep={kept})
    before, after = traffic.visits[moved], variant.visits[moved]
    shift = draws[row, moved] * 86400
    assert after.arrive_s - before.arrive_s == shift
    assert after.moves[0].dock.timestamp() - before.moves[0].dock.timestamp() == shift
    assert variant.visits[soyuz[0]] == traffic.visits[soyuz[0]]


@pytest.mark.parametrize("backup", ["trained", "none"])
def test_a_trained_backup_flies_when_a_participant_is_taken_out(backup):
    # A risk of probability 0.3 pushes a far beyond b: with a trained backup a is pushed
    # only when the backup is taken out too (0.3 * 0.3 = 0.09) and the backup flies in
    # 0.3 * 0.7 = 0.21 of the scenarios; without one, a is pushed with 0.3.
    risk = RiskDraw("medical", 0, "cleared", 0.3, "uniform", 1000, 1000, 2000, (), backup)
    result = simulate([_twin("a", target=100.0), _twin("b", target=130.0)], [risk],
                      samples=40_000, seed=6, converge=False)
    pushed = np.mean(result.dates["cleared"][0] > 900)
    expected = 0.09 if backup == "trained" else 0.3
    _within(pushed, expected, np.sqrt(expected * (1 - expected) / 40_000))
    flew = {b["production"]: b["backup_flew"] for b in result.backups}
    if backup == "trained":
        _within(flew["a"], 0.21, np.sqrt(0.21 * 0.79 / 40_000))
    else:
        assert flew == {}


def test_a_backup_risk_knows_which_productions_train_a_backup():
    from orbitfilm.race.baseline import race_risks
    race = parse_race('as_of = 2021-05-13\n[[productions]]\nid = "a"\nproduction = "x"\n'
                      '[[productions]]\nid = "b"\nproduction = "y"\n'
                      '[[risks]]\nproduction = "a"\nname = "m"\nprobability = 0.2\n'
                      'delay_days = { low = 1, mode = 2, high = 3 }\nbackup = true\n'
                      '[[risks]]\nproduction = "b"\nname = "m"\nprobability = 0.2\n'
                      'delay_days = { low = 1, mode = 2, high = 3 }\nbackup = true\n')
    assert [r.backup for r in race_risks(race, ["soyuz-ms"] * 2, [True, False])] == [
        "trained", "none"]


def test_a_what_if_is_measured_on_the_race_s_own_random_numbers():
    # Removing a risk of probability 0.3 that pushes a past b: on common random numbers
    # the change in a's P(first) is exactly the share of scenarios where the risk struck
    # and a is first without it, and each scenario's difference is 0 or 1, so its
    # standard error is sqrt(c (1 - c) / n); it is about 0.3 times a's P(first) without
    # the risk. An unchanged what-if changes nothing, to the bit.
    from orbitfilm.race.engine import Case
    risk = RiskDraw("late", 0, "launch", 0.3, "uniform", 1000, 1000, 2000)
    twins = [_twin("a", target=100.0), _twin("b", target=130.0)]
    n = 20_000
    result = simulate(twins, [risk], samples=n, seed=9, converge=False,
                      what_ifs=(Case(tuple(twins), (), (), "no risk"),
                                Case(tuple(twins), (risk,), (), "same")))
    gone, same = result.what_ifs
    struck = result.dates["launch"][0] > 900
    first_without = gone.dates["first_shot"][0] < gone.dates["first_shot"][1]
    change = np.mean(struck & first_without)
    assert gone.change[0] == pytest.approx(change, abs=1e-12)
    assert gone.change_stderr[0] == pytest.approx(np.sqrt(change * (1 - change) / n),
                                                  rel=1e-6)
    _within(change, 0.3 * gone.p_first[0], np.sqrt(0.21 / n))
    # Smaller than two independent runs would give (the JSON says both): here
    # c (1 - c) = 0.21 against p1 (1 - p1) + p2 (1 - p2) = 0.25 (P(first) 0.68 and 0.97).
    from orbitfilm.race.baseline import result_json
    row = result_json(result)["what_ifs"][0]["productions"][0]
    assert row["change_stderr"] < row["change_stderr_independent"]
    assert (same.change == 0).all() and (same.change_stderr == 0).all()
    assert np.array_equal(same.dates["first_shot"], result.dates["first_shot"])


def test_a_what_if_file_is_checked_against_its_race():
    from orbitfilm.race.whatif import apply_variant, parse_what_ifs
    race = parse_race('as_of = 2021-05-13\n[[productions]]\nid = "a"\nproduction = "x"\n'
                      '[[risks]]\nproduction = "a"\nname = "late"\nprobability = 0.2\n'
                      'delay_days = { low = 1, mode = 2, high = 3 }\n')
    good = parse_what_ifs('[[variants]]\nname = "v"\nremove_risks = ["late"]\n'
                          '[variants.productions.a]\ntarget_launch = 2021-11-05\n', race)
    changed = apply_variant(race, good.variants[0])
    assert changed.risks == [] and changed.productions[0].target_launch == date(2021, 11, 5)
    assert race.productions[0].target_launch is None      # the race itself is untouched
    with pytest.raises(InputErrors) as caught:
        parse_what_ifs('[[variants]]\nname = "v"\nremove_risks = ["early"]\n', race,
                       source="w.toml")
    assert "w.toml:3" in str(caught.value) and "early" in str(caught.value)
    with pytest.raises(InputErrors) as caught:
        parse_what_ifs('[[variants]]\nname = "v"\n[variants.productions.b]\n'
                       'stay_days = 3\n', race, source="w.toml")
    assert "w.toml:3" in str(caught.value) and "'b'" in str(caught.value)


def test_the_launch_record_holds_27_crewed_flights_each_with_a_source():
    # Every crewed launch to the ISS 2019-2024 (issue list: 19 + MS-17, MS-18, MS-22, MS-25,
    # MS-26, Crew-8, Crew-9, Ax-3) plus Demo-2 2020; dates UTC.
    import csv
    from importlib import resources
    text = (resources.files("orbitfilm.race") / "data" / "crewed_launches.csv").read_text()
    rows = list(csv.DictReader(l for l in text.splitlines() if not l.startswith("#")))
    assert len(rows) == 27 and all(r["source"].startswith("http") for r in rows)
    assert all(bool(r["announced"]) == (r["announced_approx"] != "unknown") for r in rows)
    flights = {x.mission: x for x in load_launch_record()}
    # Crew-1 lifted off 15 Nov 2020 19:27 EST = 16 Nov 00:27 UTC (space.com); MS-25 aborted
    # at T-20 s on 21 Mar 2024 and flew 23 Mar (spacepolicyonline.com).
    assert flights["Crew-1"].actual == date(2020, 11, 16)
    assert (flights["Soyuz MS-25"].target, flights["Soyuz MS-25"].actual) == (
        date(2024, 3, 21), date(2024, 3, 23))


def test_the_weibull_shape_fit_recovers_a_known_shape():
    # Independent: 4,000 Weibull(k=2.0) slips per lead drawn by numpy; the grid MLE must
    # find k within 0.1 (its standard error at n = 4,000 is about 0.025).
    from orbitfilm.race.slip import Launch, fit_shape
    rng = np.random.default_rng(5)
    leads = rng.integers(20, 200, 4000)
    slips = np.ceil(0.2 * leads * rng.weibull(2.0, 4000) / 0.886 * 10)  # whole days x 10
    record = [Launch(str(i), "v", date(2030, 1, 1), date.fromordinal(date(2030, 1, 1)
                     .toordinal() - int(lead)), date.fromordinal(date(2030, 1, 1).toordinal()
                                                                 + int(slip)))
              for i, (lead, slip) in enumerate(zip(leads, slips))]
    assert abs(fit_shape(record, ["v"]) - 2.0) < 0.1
    # Fewer slips than the minimum: the exponential.
    assert fit_shape(record[:3], ["v"]) == 1.0


def test_the_slip_model_forecast_as_of_each_announcement_is_calibrated():
    # Rolling origin: each launch forecast from the flights flown before its target was
    # announced (what a race run that day would know). The goal: the 80% band
    # holds 70-90% of the launches. 15 forecasts: one launch moves the share by 7 points.
    from orbitfilm.race.calibrate import calibrate
    result = calibrate()
    assert len(result.scored) >= 15
    assert 0.7 <= result.coverage(0.8) <= 0.9, result.coverage(0.8)
    for s in result.scored:     # no forecast used a flight flown after its announcement
        assert s.fitted_on == len([x for x in load_launch_record()
                                   if x.actual < s.launch.announced])
    assert {"Crew Dragon Demo-2", "Soyuz MS-16"} <= set(result.unscored)


def test_race_calibrate_command(tmp_path):
    import json
    out = tmp_path / "cal.json"
    done = subprocess.run([sys.executable, "-m", "orbitfilm", "race", "calibrate",
                           "--split", "2021-05-13", "-o", str(out)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    document = json.loads(out.read_text())
    assert document["method"] == "split" and document["fitted_on"] == len(
        [x for x in load_launch_record() if x.actual < date(2021, 5, 13)])
    bad = subprocess.run([sys.executable, "-m", "orbitfilm", "race", "calibrate",
                          "--split", "May"], capture_output=True, text=True)
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1


def test_two_productions_never_hold_one_port_at_once():
    # Both series give every opportunity the same port (harmony-forward) and stay ten
    # days: whoever docks later waits until a day after the other has left (the station's
    # separation), so the dockings are at least 11 days apart; with different ports they
    # need not be. (Dates come back to the minute.)
    def series(site, port):
        daily = _daily_series(site=site)
        return LaunchSeries(daily.site, daily.liftoff_days, daily.docking_days,
                            daily.hatch_days, 0.0, 1.0, (port,) * len(daily.liftoff_days), 10.0)

    same = simulate([_real_twin("a", series("kennedy-39a", "harmony-forward")),
                     _real_twin("b", series("cape-40", "harmony-forward"))], [],
                    samples=5_000, seed=7, converge=False, drivers=False)
    apart = np.abs(same.dates["launch"][0] - same.dates["launch"][1])
    assert (apart >= 11.0 - 1e-3).all()
    other = simulate([_real_twin("a", series("kennedy-39a", "harmony-forward")),
                      _real_twin("b", series("cape-40", "harmony-zenith"))], [],
                     samples=5_000, seed=7, converge=False, drivers=False)
    assert (np.abs(other.dates["launch"][0] - other.dates["launch"][1]) < 11.0).any()


def test_a_deterministic_race_repeats_byte_for_byte(tmp_path):
    # --deterministic plans the training and the schedule in CP-SAT's deterministic time:
    # two runs give the same file (a race of the Challenge alone, to keep it short).
    # A what-if that only removes a risk plans nothing again: it rides along.
    race = tmp_path / "race.toml"
    race.write_text('as_of = 2021-05-13\n[[productions]]\nid = "challenge"\n'
                    'production = "challenge-2021"\ntarget_launch = 2021-10-05\n'
                    'announced = 2021-05-13\n[[risks]]\nproduction = "challenge"\n'
                    'name = "late"\nprobability = 0.5\ndelay_days = { low = 30, '
                    'mode = 40, high = 50 }\ndelays = "launch"\n', encoding="utf-8")
    what_if = tmp_path / "what-if.toml"
    what_if.write_text('[[variants]]\nname = "on time"\nremove_risks = ["late"]\n')
    # The second run writes the report folder: its race.json is the first run's file.
    # Both run at once (deterministic time: sharing the machine changes nothing).
    outs = (tmp_path / "race.json", tmp_path / "report")
    runs = [subprocess.Popen([sys.executable, "-m", "orbitfilm", "race", str(race),
                              "--samples", "2000", "--deterministic", "-o", str(out),
                              "--what-if", str(what_if), "--workers", "1"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             cwd=tmp_path) for out in outs]
    for run in runs:
        _, stderr = run.communicate(timeout=600)
        assert run.returncode == 0, stderr
    outputs = [(out if out.suffix else out / "race.json").read_bytes() for out in outs]
    assert outputs[0] == outputs[1]
    assert "<svg" in (tmp_path / "report" / "race.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "race.json", "race.toml", "report", "what-if.toml"]
    import json
    [variant] = json.loads(outputs[0])["what_ifs"]
    # Alone in the race the Challenge always wins (no change); without the risk its launch
    # P50 is the planned day.
    assert variant["name"] == "on time" and variant["productions"][0]["change"] == 0.0
    assert variant["productions"][0]["launch"]["p50"][:10] == "2021-10-05"
