"""plan.json: the document every output renders from, checked against independent sources."""

from __future__ import annotations

import json

import numpy as np
import pytest
from test_report_fixtures import (UNSCHEDULABLE_TOML, challenge_plan, challenge_production,
                                  fresh, unschedulable_plan, unschedulable_production)

from orbitfilm.errors import InputError
from orbitfilm.mission import prepare_flight
from orbitfilm.mission.links import production_elements
from orbitfilm.orbit.regions import OPEN_WATER, country_names_at
from orbitfilm.plan.document import build_plan
from orbitfilm.production import parse_production
from orbitfilm.report.plan_json import PLAN_FORMAT, check_document, load_plan, plan_text
from orbitfilm.times import MINUTE_S, format_iso, parse_iso

PLANS = {"challenge": challenge_plan, "unschedulable": unschedulable_plan}
PRODUCTIONS = {"challenge": challenge_production, "unschedulable": unschedulable_production}


@pytest.fixture(params=sorted(PLANS))
def named(request):
    return request.param, PLANS[request.param](), PRODUCTIONS[request.param]()


def test_every_scene_is_either_scheduled_or_given_a_reason(named):
    _, document, production = named
    shot = [e["id"] for e in document["scenes"]]
    missing = [u["id"] for u in document["unscheduled"]]
    assert sorted(shot + missing) == sorted(s.id for s in production.scenes)
    assert all(u["reason"] for u in document["unscheduled"])


def test_the_unschedulable_scene_is_reported():
    # Scene "x" needs Houston in view while over Russia: impossible for a station that sees
    # about 2,000 km around it (Russia's nearest border is more than 8,000 km from Houston).
    assert [u["id"] for u in unschedulable_plan()["unscheduled"]] == ["x"]
    assert unschedulable_plan()["summary"]["unscheduled"] == 1


def test_days_are_numbered_gmt_dates_in_shooting_order(named):
    _, document, _ = named
    starts = [parse_iso(e["start"]) for e in document["scenes"]]
    assert starts == sorted(starts)
    assert [d["number"] for d in document["days"]] == list(range(1, len(document["days"]) + 1))
    for entry in document["scenes"]:
        day = document["days"][entry["day"] - 1]
        assert entry["id"] in day["scenes"]
        # The GMT date of the set-up's start is the shooting day's date.
        assert entry["start"][:10] == day["date"]


def test_summary_minutes_recomputed_from_the_schedule(named):
    _, document, _ = named
    orbital = document["schedule"]["scenes"]
    shoot = sum(parse_iso(s["end"]) - parse_iso(s["shoot_start"]) for s in orbital) / MINUTE_S
    cast = sum((parse_iso(s["end"]) - parse_iso(s["shoot_start"])) * len(s["cast"])
               for s in orbital) / MINUTE_S
    unit = sum(parse_iso(s["end"]) - parse_iso(s["start"]) for s in orbital) / MINUTE_S
    summary = document["summary"]
    # Rounded to 0.1 min in the document.
    assert summary["shoot_minutes"] == pytest.approx(shoot, abs=0.05)
    assert summary["cast_minutes"] == pytest.approx(cast, abs=0.05)
    assert summary["unit_minutes"] == pytest.approx(unit, abs=0.05)


def test_time_of_day_agrees_with_the_umbra_intervals(named):
    # Independent of the environment's derived conditions: read the umbra intervals of the
    # document and classify the middle of each shoot by hand.
    _, document, _ = named
    edge_s = document["production"]["sunrise_sunset_min"] * MINUTE_S
    umbra = [(parse_iso(a), parse_iso(b)) for a, b in document["environment"]["intervals"]["umbra"]]
    scenes = {s["id"]: s for s in document["production"]["scenes"]}
    for entry in (e for e in document["scenes"] if e["kind"] == "orbital"):
        middle_s = (parse_iso(entry["shoot_start"]) + parse_iso(entry["end"])) / 2
        asked = scenes[entry["id"]]["light"]
        if asked != "any":
            assert entry["time_of_day"] == f"ORBITAL {asked.upper()}"
            continue
        if any(a <= middle_s <= b for a, b in umbra):
            expected = "ORBITAL NIGHT"
        elif any(0 <= middle_s - b <= edge_s for _, b in umbra):
            expected = "ORBITAL SUNRISE"
        elif any(0 <= a - middle_s <= edge_s for a, _ in umbra):
            expected = "ORBITAL SUNSET"
        else:
            expected = "ORBITAL DAY"
        assert entry["time_of_day"] == expected, entry["id"]


def test_sunrises_and_sunsets_are_the_ends_and_starts_of_umbra(named):
    _, document, _ = named
    environment = document["environment"]
    span = environment["span"]
    umbra = environment["intervals"]["umbra"]
    # Clipped ends at the span's edges are not events.
    assert environment["orbital_sunrises"] == [b for _, b in umbra if b != span[1]]
    assert environment["orbital_sunsets"] == [a for a, _ in umbra if a != span[0]]
    # The ISS makes about 15.5 orbits a day (period 92-93 min): as many sunrises a day.
    days = (parse_iso(span[1]) - parse_iso(span[0])) / 86400
    assert len(environment["orbital_sunrises"]) / days == pytest.approx(15.5, abs=0.6)


def test_the_control_centres_of_the_production_zones_are_in_contact(named):
    # Both productions show Moscow and Houston time: TsUP and Houston are their control
    # centres, and the call sheets list their contacts.
    _, document, _ = named
    intervals = document["environment"]["intervals"]
    assert "contact:tsup" in intervals and "contact:houston" in intervals
    # A station at 51.6 deg inclination passes over Korolyov (55.9 N) several times a day.
    assert len(intervals["contact:tsup"]) >= 3


def test_a_nasa_only_production_has_no_tsup_contacts():
    text = UNSCHEDULABLE_TOML.replace('title = "Orbit Test Reel"', 'title = "Orbit Test Reel"\n'
                                      'time_zones = ["GMT", "America/Chicago"]')
    # Scene 4 asks for TsUP itself, and only scene g1 casts the ground double.
    text = text[:text.index('[[scenes]]\nid = "4"')]
    text = text.replace('roles = ["cast"]\nplays = ["DOUBLE"]', 'roles = ["stand-in"]')
    flight = prepare_flight(parse_production(text))
    assert "contact:houston" in flight.environment.intervals
    assert "contact:tsup" not in flight.environment.intervals


def _skyfield_subpoints(production, times_s):
    from skyfield.api import EarthSatellite, wgs84

    from orbitfilm.times import timescale, to_skyfield

    elements = production_elements(production)
    found = []
    for t_s in times_s:
        satellite = EarthSatellite.from_satrec(elements.set_at(t_s).satrec, timescale())
        point = wgs84.subpoint_of(satellite.at(to_skyfield(t_s)))
        found.append((point.latitude.degrees, point.longitude.degrees))
    return np.array(found)


def test_ground_track_matches_skyfield_subpoints():
    # Reference: skyfield's own SGP4 satellite and WGS84 sub-point (a different frame chain
    # from the environment engine's). 0.02 deg is 2 km: far below a map's pixel, far above
    # the difference of the two chains (metres) plus the document's 0.001 deg rounding.
    document, production = challenge_plan(), challenge_production()
    day = next(d for d in document["days"] if d["kind"] == "orbital")
    track = document["ground_track"][day["date"]]
    points = np.array(track["lat_lon_deg"])
    times_s = np.linspace(parse_iso(track["start"]), parse_iso(track["end"]), len(points))
    picks = np.linspace(0, len(points) - 1, 9).astype(int)
    reference = _skyfield_subpoints(production, times_s[picks])
    assert np.allclose(points[picks, 0], reference[:, 0], atol=0.02)
    lon_error = (points[picks, 1] - reference[:, 1] + 180) % 360 - 180
    assert np.abs(lon_error).max() < 0.02


def test_what_passes_below_matches_skyfield_and_natural_earth():
    # At the middle of each stretch named in passes_over, skyfield's sub-point must lie in
    # that country (checked with shapely on Natural Earth), or in none for open water.
    document, production = challenge_plan(), challenge_production()
    stretches = [p for e in document["scenes"] for p in e["passes_over"]
                 if parse_iso(p["end"]) - parse_iso(p["start"]) >= 60]
    assert any(p["name"] != OPEN_WATER for p in stretches)
    middles = [(parse_iso(p["start"]) + parse_iso(p["end"])) / 2 for p in stretches]
    reference = _skyfield_subpoints(production, middles)
    assert country_names_at(reference[:, 0], reference[:, 1]) == [p["name"] for p in stretches]


def test_country_lookup_on_known_places():
    # Moscow's Red Square, Sydney Opera House, the mid-Pacific and Houston (JSC).
    names = country_names_at([55.754, -33.857, 0.0, 29.559], [37.620, 151.215, -150.0, -95.090])
    assert names == ["Russia", "Australia", OPEN_WATER, "United States"]


def test_plan_text_round_trips_and_is_checked(tmp_path):
    document = unschedulable_plan()
    path = tmp_path / "plan.json"
    path.write_text(plan_text(document), encoding="utf-8")
    assert load_plan(path) == json.loads(json.dumps(document))
    wrong = fresh(document)
    wrong["version"] = 99
    with pytest.raises(InputError, match="version 99"):
        check_document(wrong)
    path.write_text('{"format": "something else"}', encoding="utf-8")
    with pytest.raises(InputError, match="not an orbitfilm plan"):
        load_plan(path)
    assert document["format"] == PLAN_FORMAT


def test_scheduler_json_with_split_pieces_and_written_conditions():
    # The scheduler writes conditions as the production file does ({"light": "night"}) and
    # one entry per piece of a split scene; the plan keeps the environment's names and
    # numbers the pieces, and every output tells the pieces apart.
    from test_report_fixtures import hand_schedule

    from orbitfilm.report.ical import production_calendar

    flight = prepare_flight(unschedulable_production())
    schedule = hand_schedule(flight)
    night = next(s for s in schedule["scenes"] if s["id"] == "2")
    middle_s = (parse_iso(night["shoot_start"]) + parse_iso(night["end"])) / 2
    first = dict(night, end=format_iso(middle_s), conditions={"light": "night"})
    second = dict(night, start=format_iso(middle_s), shoot_start=format_iso(middle_s),
                  conditions={"light": "night"})
    schedule["scenes"] = [s for s in schedule["scenes"] if s["id"] != "2"] + [first, second]
    schedule["scenes"].sort(key=lambda s: s["start"])
    document = build_plan(flight, schedule, None)
    pieces = [e for e in document["scenes"] if e["id"] == "2"]
    assert [e["piece"] for e in pieces] == ["1/2", "2/2"]
    assert all(e["conditions"] == ["orbital_night"] for e in pieces)
    calendar = production_calendar(document).decode()
    assert "UID:scene-2-1." in calendar and "UID:scene-2-2." in calendar
