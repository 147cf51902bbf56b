"""The condition registry: one entry a condition, read by the engine, the checks, the plan.

``moon_up`` was added as the proof that a condition is one entry: its boundaries are
checked here against skyfield's own positions of the station and the Moon, and a production
that names it is checked, scheduled and verified without any other change.
"""

from __future__ import annotations

import numpy as np
import pytest
from skyfield.api import EarthSatellite

from orbitfilm.mission import prepare_flight
from orbitfilm.orbit import conditions
from orbitfilm.orbit.elements import bundled_iss
from orbitfilm.orbit.environment import compute_environment
from orbitfilm.orbit.geometry import EARTH_RADIUS_KM, ephemeris
from orbitfilm.production import parse_production
from orbitfilm.schedule.problem import SolveOptions
from orbitfilm.schedule.scheduler import schedule_scenes
from orbitfilm.schedule.verify import check_schedule
from orbitfilm.times import parse_iso, timescale, to_skyfield

START, END = parse_iso("2021-10-06T00:00:00Z"), parse_iso("2021-10-07T00:00:00Z")


def _skyfield_moon_margin(times_s) -> np.ndarray:
    """Return how far (rad) the Moon's centre stands above the Earth's limb seen from the
    station, with skyfield's GCRS positions (its own frame chain, not the engine's TEME)."""
    elements = bundled_iss()
    t = to_skyfield(np.asarray(times_s))
    satellite = EarthSatellite.from_satrec(elements.set_at(times_s[0]).satrec, timescale())
    station_km = satellite.at(t).position.km.T
    eph = ephemeris()
    moon_km = (eph["moon"] - eph["earth"]).at(t).position.km.T
    to_moon = moon_km - station_km
    cosine = np.einsum("ij,ij->i", -station_km, to_moon) / (
        np.linalg.norm(station_km, axis=1) * np.linalg.norm(to_moon, axis=1))
    earth = np.arcsin(EARTH_RADIUS_KM / np.linalg.norm(station_km, axis=1))
    return np.arccos(np.clip(cosine, -1, 1)) - earth


def test_moon_up_boundaries_agree_with_skyfield_within_a_second():
    # At each moonrise and moonset the engine finds, skyfield's margin changes sign within
    # half a second either side: 0.5 s is 0.03 deg of the station's 0.064 deg/s sweep,
    # far above the Moon's hourly-node interpolation (a millionth of a radian).
    environment = compute_environment(bundled_iss(), START, END, extra=["moon_up"])
    moon = environment.intervals["moon_up"]
    rises, sets = moon.true_starts_s(), moon.true_ends_s()
    # About one moonrise an orbit: 15 or 16 in a day.
    assert 14 <= len(rises) <= 17
    for boundaries, sign in ((rises, 1.0), (sets, -1.0)):
        before = _skyfield_moon_margin(boundaries - 0.5)
        after = _skyfield_moon_margin(boundaries + 0.5)
        assert np.all(sign * before < 0) and np.all(sign * after > 0)
    # In between, skyfield agrees with the intervals at every minute.
    minutes = np.arange(START + 30, END, 60.0)
    assert np.array_equal(moon.contains(minutes), _skyfield_moon_margin(minutes) > 0)


def test_the_registry_names_every_condition_once_with_words_for_people():
    for name, condition in conditions.REGISTRY.items():
        assert condition.name == name and condition.label and condition.definition
        assert condition.is_base != (condition.derive is not None), name
        assert conditions.is_known(name)
    assert conditions.is_known("contact:tsup") and conditions.is_known("over:RU")
    assert not conditions.is_known("moon_down")
    assert "moon_up" not in conditions.base_names()  # computed only when asked for
    assert "moon_up" in conditions.base_names(["moon_up"])


PRODUCTION = """
title = "Moonrise"
[mission]
docking = 2021-10-06T00:00:00Z
hatch_open_min = 0
undocking = 2021-10-07T00:00:00Z
[limits]
reserve_days = 0
[[people]]
id = "shipenko"
name = "Klim Shipenko"
roles = ["director"]
aboard = "throughout"
[[scenes]]
id = "moon"
location = "cupola"
shoot_min = 10
setup_min = 10
conditions = ["moon_up"]
"""


def test_a_scene_through_the_cupola_at_the_moon_is_checked_scheduled_and_verified():
    with pytest.raises(Exception, match="unknown condition 'moon_dwn'.*did you mean 'moon_up'"):
        parse_production(PRODUCTION.replace('["moon_up"]', '["moon_dwn"]'))
    flight = prepare_flight(parse_production(PRODUCTION))
    result = schedule_scenes(flight, options=SolveOptions(time_limit_s=5, workers=1))
    assert result.scene_ids() == ["moon"]
    [scene] = result.scenes
    assert flight.environment.intervals["moon_up"].covers(scene.shoot_start_s, scene.end_s)
    assert check_schedule(flight, result.to_json()) == []
