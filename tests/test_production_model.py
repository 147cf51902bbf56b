"""The production model: time accessors, condition names, availability, the TOML line index."""

from __future__ import annotations

import tomllib

import pytest

from orbitfilm.production import parse_production
from orbitfilm.errors import InputErrors
from orbitfilm.intervals import daily_intervals
from orbitfilm.mission.availability import Availability, aboard_s, busy_s
from orbitfilm.production.tomlindex import TomlIndex
from orbitfilm.times import DAY_S, HOUR_S, MINUTE_S, parse_iso

BASE = """
title = "Model test"

[mission]
docking = 2021-10-05T12:22:31Z
hatch_open_min = 150
undocking = "2021-10-17T01:14:00Z"
{flights}
[[people]]
id = "shipenko"
name = "Klim Shipenko"
roles = ["director", "camera"]

[[people]]
id = "peresild"
name = "Yulia Peresild"
roles = ["cast"]
plays = ["ZHENYA"]

[[people]]
id = "novitskiy"
name = "Oleg Novitskiy"
roles = ["cosmonaut", "cast"]
plays = ["OLEG"]
aboard = "throughout"
duties = [{name = "Progress unloading", daily = "14:00-15:00"},
          {name = "spacewalk prep", start = 2021-10-08T08:00:00Z, end = 2021-10-08T12:00:00Z}]

[[scenes]]
id = "1"
location = "cupola"
cast = ["ZHENYA", "oleg"]
shoot_min = 8
light = "sunrise"
earth = "lit"
over = "RU"
contact = "tsup"
conditions = ["penumbra", "orbital_sunrise"]
"""


def production(extra: str = "", flights: str = ""):
    return parse_production(BASE.replace("{flights}", flights) + extra)


def test_mission_span_and_hatch_in_posix_seconds():
    mission = production().mission
    # 2021-10-05T12:22:31Z: Soyuz MS-19 docking (NASA ISS blog, 5 Oct 2021); POSIX seconds
    # computed independently by datetime.
    assert mission.docking_s == parse_iso("2021-10-05T12:22:31Z") == 1633436551.0
    assert mission.undocking_s == parse_iso("2021-10-17T01:14:00Z")
    assert mission.hatch_open_s == mission.docking_s + 150 * MINUTE_S


def test_condition_names_map_every_convenience_field_once():
    scene = production().scenes[0]
    # DESIGN.md names: sunrise -> orbital_sunrise, lit -> earth_lit, over X -> over:X,
    # contact X -> contact:X; the repeated orbital_sunrise in conditions is kept once.
    assert scene.condition_names() == ["orbital_sunrise", "earth_lit", "over:RU",
                                       "contact:tsup", "penumbra"]


def test_cast_resolves_characters_and_ids_case_blind():
    p = production()
    assert [person.id for person in p.cast_of(p.scenes[0])] == ["peresild", "novitskiy"]


def test_daily_intervals_wrap_past_midnight():
    span = (parse_iso("2021-10-06T00:00:00Z"), parse_iso("2021-10-08T00:00:00Z"))
    sleep = daily_intervals(["21:30-06:00"], span)
    # Two nights cut by the span: 00:00-06:00 on each day and 21:30-24:00 on each evening.
    assert sleep.pairs()[0] == (span[0], span[0] + 6 * HOUR_S)
    assert sleep.pairs()[1] == (span[0] + 21.5 * HOUR_S, span[0] + DAY_S + 6 * HOUR_S)
    assert sleep.total_s() == pytest.approx(2 * 8.5 * HOUR_S)


def test_busy_is_crew_day_plus_duties_over_a_whole_day():
    p = production()
    day = (parse_iso("2021-10-08T00:00:00Z"), parse_iso("2021-10-09T00:00:00Z"))
    # Default crew day (DESIGN.md): sleep 21:30-06:00 (8.5 h), post-sleep 06:00-07:30,
    # planning 07:30-07:45, lunch 13:00-14:00, pre-sleep 19:30-21:30, exercise
    # 09:00-10:30 + 16:00-17:00 (2.5 h): 8.5+1.5+0.25+1+2+2.5 = 15.75 h. Novitskiy's daily
    # duty 14:00-15:00 adds 1 h; his 08:00-12:00 duty adds 08:00-09:00 and 10:30-12:00
    # (the rest overlaps exercise): 2.5 h more. Total 19.25 h.
    assert busy_s(p, p.person("novitskiy"), day).total_s() == pytest.approx(19.25 * HOUR_S)
    assert busy_s(p, p.person("peresild"), day).total_s() == pytest.approx(15.75 * HOUR_S)
    assert Availability(p, day).person("peresild").total_s() == pytest.approx(8.25 * HOUR_S)


def test_mission_people_board_at_hatch_opening():
    p = production()
    first_day = (p.span_s[0], p.span_s[0] + DAY_S)
    aboard = aboard_s(p, p.person("peresild"), first_day)
    assert aboard.starts_s[0] == p.mission.hatch_open_s
    assert aboard_s(p, p.person("novitskiy"), first_day).starts_s[0] == p.span_s[0]


def test_explicit_aboard_pair_and_ground():
    p = production('\n[[people]]\nid = "x"\nname = "X"\n'
                   'aboard = ["2021-10-06T00:00:00Z", 2021-10-07T00:00:00Z]\n'
                   '[[people]]\nid = "g"\nname = "G"\naboard = "ground"\n')
    assert aboard_s(p, p.person("x"), p.span_s).pairs() == [
        (parse_iso("2021-10-06T00:00:00Z"), parse_iso("2021-10-07T00:00:00Z"))]
    assert len(aboard_s(p, p.person("g"), p.span_s)) == 0


def test_people_arrive_and_leave_with_the_film_crew_flights():
    # The Challenge's crews: Shkaplerov came up with the film crew on MS-19 and stayed;
    # Novitskiy was aboard since April and flew them home on MS-18 (NASA Space Station
    # blog, 5 and 17 October 2021).
    p = production('\n[[people]]\nid = "anton-s"\nname = "Anton"\narrive = "soyuz-ms-19"\n'
                   '[[people]]\nid = "oleg-n"\nname = "Oleg"\nleave = "soyuz-ms-18"\n',
                   flights='flight_up = "soyuz-ms-19"\nflight_down = "soyuz-ms-18"\n')
    mission = p.mission
    assert p.person("anton-s").aboard_pairs_s(mission) == [(mission.hatch_open_s,
                                                          mission.undocking_s)]
    assert p.person("anton-s").comes_with_film_crew() == (True, False)
    assert p.person("oleg-n").aboard_pairs_s(mission) == [(mission.docking_s,
                                                         mission.undocking_s)]
    assert p.person("oleg-n").comes_with_film_crew() == (False, True)


def test_a_flight_the_mission_does_not_name_is_a_mistake_at_its_line():
    # Since issue 15 a person may name any flight of the station's traffic (soyuz-ms-20 is
    # one of the bundled ISS record), so the flight stage, which reads the traffic, is the
    # one to refuse a flight that neither the mission nor the record has.
    from orbitfilm.mission.flight import prepare_flight

    with pytest.raises(InputErrors, match=r"arrive with unknown flight 'soyuz-ms-21'.*"
                                          r"flight_up is 'soyuz-ms-19'"):
        prepare_flight(production('\n[[people]]\nid = "anton-s"\nname = "Anton"\n'
                                  'arrive = "soyuz-ms-21"\n',
                                  flights='flight_up = "soyuz-ms-19"\n'), environment=False)
    with pytest.raises(InputErrors, match="either aboard or arrive/leave"):
        production('\n[[people]]\nid = "anton-s"\nname = "Anton"\naboard = "mission"\n'
                   'leave = 2021-10-10T00:00:00Z\n')


def test_default_camera_unit_is_the_director():
    assert [unit.people for unit in production().camera_units()] == [["shipenko"]]


def test_move_minutes_default_and_pair_override_either_way():
    p = production('\n[move]\nmodule_min = 12\n'
                   '[[move.pairs]]\nbetween = ["zvezda", "cupola"]\nmin = 25\n')
    assert p.move_min("cupola", "zvezda") == 25
    assert p.move_min("zvezda", "poisk") == 12
    assert p.move_min("poisk", "poisk") == 0


TOML_INDEX_TEXT = '''# a comment with [brackets] and = signs
title = "x"  # trailing [[scenes]]
[mission]
undocking = 2021-10-17T01:14:00Z
[[scenes]]
id = "a"
synopsis = """
[[scenes]]
id = "not a key"
"""
cast = [
  "one",   # first
  "two",
]
[[scenes]]
id = 'b'
duties = [{name = "x", daily = "09:00-10:00"},
  {start = 1979-05-27 07:32:00, end = 2}]
[scenes.extra]
k.j = 1
'''


def test_toml_index_matches_the_document_tomllib_reads():
    index = TomlIndex(TOML_INDEX_TEXT)
    document = tomllib.loads(TOML_INDEX_TEXT)
    # The multi-line string hides a fake [[scenes]] header: the document has two scenes.
    assert len(document["scenes"]) == 2
    expected = {("title",): 2, ("mission", "undocking"): 4, ("scenes", 0): 5,
                ("scenes", 0, "synopsis"): 7, ("scenes", 0, "cast"): 11,
                ("scenes", 0, "cast", 0): 12, ("scenes", 0, "cast", 1): 13,
                ("scenes", 1, "id"): 16, ("scenes", 1, "duties", 1, "end"): 18,
                ("scenes", 1, "extra", "k", "j"): 20}
    assert {path: index.line_of(path) for path in expected} == expected
    # A path not written falls back to its nearest written parent.
    assert index.line_of(("scenes", 1, "shoot_min")) == 15
