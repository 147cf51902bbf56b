"""The station's traffic decides the launch and the plan: issue 15's second phase.

Each case is the bundled data (the Challenge, the ISS of Sep-Dec 2021 in iss-2021.toml) or
a variant written here; the record's times and their sources are in iss-2021.toml.
"""

from __future__ import annotations

import json
from datetime import date
import subprocess
import sys

import pytest

from orbitfilm.errors import InputError, InputErrors
from orbitfilm.mission.flight import prepare_flight
from orbitfilm.plan.document import build_plan, person_json
from orbitfilm.plan.station import station_json
from orbitfilm.production.examples import example_path, example_text
from orbitfilm.production.loader import load_production, parse_production
from orbitfilm.report.callsheet import callsheet_html
from orbitfilm.report.dood import day_out_of_days
from orbitfilm.report.report_html import report_html
from orbitfilm.schedule.problem import SolveOptions
from orbitfilm.schedule.scheduler import schedule_scenes
from orbitfilm.times import parse_iso

from clirun import run

MS19_DOCKING = "2021-10-05T12:22:31Z"   # Soyuz MS-19 at Rassvet (russianspaceweb.com)
MS18_UNDOCKING = "2021-10-17T01:14:00Z"  # Soyuz MS-18 from Nauka (spacenews.com)


@pytest.fixture(scope="module")
def challenge_flight():
    return prepare_flight(load_production(example_path("challenge-2021")))


def rival_in_the_same_weeks(**changes) -> str:
    """Return dragon-rival as it was before the traffic moved it: launch 2 Oct, undock 13 Oct."""
    text = example_text("dragon-rival.toml")
    text = text.replace("date = 2021-10-17\n", "date = 2021-10-02\n")
    text = text.replace("undocking = 2021-10-27T15:00:00Z", "undocking = 2021-10-13T15:00:00Z")
    for old, new in changes.items():
        text = text.replace(old, new)
    return text


def test_the_challenge_flies_into_its_traffic_with_ten_aboard(challenge_flight):
    # The Challenge's flight up is MS-19 of the record (flight_up names it): not added twice.
    station = challenge_flight.station
    assert station.visit.id == "soyuz-ms-19" and not station.added and station.check.ok
    traffic = station_json(challenge_flight)["traffic"]
    assert traffic["source"] == "iss-2021.toml (bundled)" and traffic["visit"] == "soyuz-ms-19"
    steps = [(s["from"], s["to"], s["count"]) for s in traffic["aboard"]]
    # Seven aboard (Crew-2's four, MS-18's three) until MS-19 docks; ten from 5 to 17 Oct
    # (parabolicarc.com, 5 Oct 2021); seven again once MS-18 takes three home.
    assert [count for _, _, count in steps] == [7, 10, 7]
    assert parse_iso(steps[1][0]) == parse_iso(MS19_DOCKING)
    assert parse_iso(steps[1][1]) == parse_iso(MS18_UNDOCKING)
    rassvet = next(p for p in traffic["ports"] if p["id"] == "rassvet")
    assert [s["visit"] for s in rassvet["stays"]] == ["soyuz-ms-19"]


def test_people_arrive_and_leave_with_visits_of_the_record(challenge_flight):
    production = challenge_flight.production
    mission = production.mission
    travel = {p.id: person_json(production, p)["travel"] for p in production.people}
    # Shkaplerov came up with MS-19 and stayed (no TR on 17 Oct); Novitskiy was aboard since
    # April and flew MS-18 home on 17 Oct; the film crew came up on MS-19, home on MS-18.
    assert travel["shkaplerov"] == ["2021-10-05"]
    assert travel["novitskiy"] == ["2021-10-17"]
    assert travel["peresild"] == travel["shipenko"] == ["2021-10-05", "2021-10-17"]
    assert travel["dubrov"] == []
    (start_s, end_s), = production.person("novitskiy").aboard_pairs_s(mission)
    assert end_s == parse_iso(MS18_UNDOCKING)
    (start_s, end_s), = production.person("peresild").aboard_pairs_s(mission)
    assert start_s == mission.hatch_open_s and end_s == parse_iso(MS18_UNDOCKING)


def test_day_out_of_days_travel_comes_from_the_record(challenge_flight):
    document = build_plan(challenge_flight, None, None)
    codes = {row.id: {day.isoformat(): code for day, code in row.codes.items()}
             for row in day_out_of_days(document)[1]}
    assert codes["novitskiy"]["2021-10-17"] == "TR"
    assert codes["shkaplerov"]["2021-10-05"] == "TR"
    assert codes["shkaplerov"]["2021-10-17"] != "TR"
    assert codes["peresild"]["2021-10-17"] == "TR"


def test_a_person_with_a_flight_the_record_lacks_is_refused_at_its_line():
    text = example_text("challenge-2021.toml").replace(
        'leave = "soyuz-ms-18"       # aboard since April', 'leave = "soyuz-ms-21"  # no such')
    with pytest.raises(InputErrors, match=r"challenge-2021.toml:\d+: person 'novitskiy': leave "
                                          r"with unknown flight 'soyuz-ms-21': not a visit of "
                                          r"iss-2021.toml"):
        prepare_flight(parse_production(text, "challenge-2021.toml"), environment=False)


def test_the_rival_in_the_same_weeks_is_refused_naming_soyuz_ms_19():
    production = parse_production(rival_in_the_same_weeks(), "dragon-rival.toml")
    with pytest.raises(InputError) as refused:
        prepare_flight(production, environment=False)
    message = str(refused.value)
    line = rival_in_the_same_weeks().splitlines().index("date = 2021-10-02") + 1
    assert message.startswith(f"dragon-rival.toml:{line}: no launch opportunity from "
                              f"kennedy-39a on 2021-10-02 arrives when")
    # 7 aboard + MS-19's three + the rival's three = 13, against max_aboard 11.
    assert "13 people aboard as soyuz-ms-19 arrives, the limit is 11" in message
    assert "the first slot for a crew-dragon with 3 for" in message
    assert "2021-10-18 01:14 UTC at harmony-forward" in message


def test_a_fixed_docking_that_conflicts_is_an_error_naming_the_other_visit():
    text = rival_in_the_same_weeks(**{"[mission]\n": "[mission]\ndocking = 2021-10-03T15:37:00Z\n"})
    with pytest.raises(InputError, match=r"cannot take 'Rival \(Crew Dragon\)'.*soyuz-ms-19"):
        prepare_flight(parse_production(text, "dragon-rival.toml"), environment=False)


def test_the_bundled_rival_flies_at_the_first_slot_and_is_added_to_the_traffic():
    flight = prepare_flight(load_production(example_path("dragon-rival")), environment=False)
    station = flight.station
    assert station.added and station.visit.port == "harmony-forward" and station.check.ok
    assert flight.launch.docking_s > parse_iso(MS18_UNDOCKING)
    # Seven aboard after MS-18 left, and the rival's three.
    low, high = flight.production.span_s
    assert max(s.count for s in station.check.aboard if s.start_s < high and s.end_s > low) == 10


def test_outside_the_record_there_is_no_traffic_and_a_note_says_so():
    text = example_text("challenge-2021.toml")
    for old, new in (("docking = 2021-10-05T12:22:31Z", "docking = 2022-08-05T12:22:31Z"),
                     ("undocking = 2021-10-17T01:14:00Z", "undocking = 2022-08-17T01:14:00Z"),
                     ("date = 2021-10-05", "date = 2022-08-05"),
                     ("liftoff = 2021-10-05T08:55:02Z", "liftoff = 2022-08-05T08:55:02Z"),
                     ("start = 2021-10-06T07:45:00Z, end = 2021-10-06T12:00:00Z",
                      "start = 2022-08-06T07:45:00Z, end = 2022-08-06T12:00:00Z")):
        text = text.replace(old, new)
    flight = prepare_flight(parse_production(text), environment=False)
    assert flight.station.traffic is None
    assert "the bundled record (iss-2021) covers the ISS from 01 Jan 2021" in flight.station.note


def test_launch_marks_and_skips_an_opportunity_with_its_reason():
    result = run("launch", "--site", "kennedy-39a", "--vehicle", "crew-dragon", "--date",
                 "2021-10-02", "--days", "16", "--traffic", "iss-2021", "--crew", "3",
                 "--stay-days", "10", "--format", "json")
    found = json.loads(result.stdout)["opportunities"]
    first, last = found[0]["traffic"], found[-1]["traffic"]
    assert not first["fits"] and first["port"] is None
    assert any("13 people aboard as soyuz-ms-19 arrives, the limit is 11" in reason
               for reason in first["reasons"])
    # The opportunity of 17 Oct docks on 18 Oct, more than a day after MS-18 has left: it
    # fits (16 Oct's docks 8.9 h after that undocking, within the station's 24 h).
    assert last["fits"] and last["port"] == "harmony-forward"
    table = run("launch", "--site", "kennedy-39a", "--vehicle", "crew-dragon", "--date",
                "2021-10-02", "--traffic", "iss-2021", "--crew", "3").stdout
    assert "skipped" in table and "skipped 10-02: 13 people aboard as soyuz-ms-19" in table


def test_launch_knows_a_recorded_flight_for_what_it_is():
    found = json.loads(run("launch", "--site", "baikonur-31", "--vehicle", "soyuz-ms", "--date",
                           "2021-10-05", "--traffic", "iss-2021", "--crew", "3", "--format",
                           "json").stdout)["opportunities"]
    assert found[0]["traffic"] == {"fits": True, "port": "rassvet", "visit": "soyuz-ms-19",
                                   "reasons": []}


def test_report_and_call_sheets_show_the_port_gantt_and_the_count_aboard(challenge_flight):
    orbital = schedule_scenes(challenge_flight, options=SolveOptions(time_limit_s=5.0))
    document = build_plan(challenge_flight, orbital.to_json(), None)
    page = report_html(document)
    assert '<section id="station">' in page and 'class="station"' in page
    assert 'data-visit="soyuz-ms-19"' in page and 'data-visit="crew-2"' in page
    assert page.count('class="aboard-count">10<') == 1
    # Day 1 is docking day: seven aboard until MS-19 docks, then ten.
    sheet = callsheet_html(document, 1)
    assert "People aboard today: 7 to 10 (the station holds 11)" in sheet
    assert 'data-visit="soyuz-ms-18"' in sheet


def test_reports_import_no_traffic_computation():
    code = ("import sys, orbitfilm.report.writer, orbitfilm.report.station_figure; "
            "print(' '.join(sorted(sys.modules)))")
    loaded = set(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                check=True).stdout.split())
    assert not {m for m in loaded if m.startswith(("orbitfilm.station", "orbitfilm.mission"))}


def test_a_flight_up_of_the_record_must_dock_when_the_record_says():
    # flight_up names MS-19, which docked on 5 Oct; a mission docking on 9 Oct is not it.
    text = example_text("challenge-2021.toml").replace(
        "docking = 2021-10-05T12:22:31Z", "docking = 2021-10-09T12:22:31Z")
    text = text.replace("start = 2021-10-06T07:45:00Z, end = 2021-10-06T12:00:00Z",
                        "start = 2021-10-10T07:45:00Z, end = 2021-10-10T12:00:00Z")
    with pytest.raises(InputError, match=r"is not soyuz-ms-19's in the station's traffic "
                                         r"\(2021-10-05 12:22 UTC"):
        prepare_flight(parse_production(text), environment=False)


def test_a_traffic_file_that_is_not_there_is_one_line_naming_it_and_the_field(tmp_path):
    text = example_text("challenge-2021.toml").replace(
        'flight_down = "soyuz-ms-18"\n', 'flight_down = "soyuz-ms-18"\ntraffic = "nope.toml"\n')
    path = tmp_path / "challenge-2021.toml"
    path.write_text(text, encoding="utf-8")
    result = run("check", str(path), "--no-orbit", check=False)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    line = text.splitlines().index('traffic = "nope.toml"') + 1
    assert lines[0].startswith(f"error: {path}:{line}: no traffic file 'nope.toml' (looked "
                               f"for {tmp_path / 'nope.toml'})")
    assert lines[0].endswith("(mission.traffic)")


def test_mission_traffic_names_a_copy_beside_the_production_or_the_bundled_record(tmp_path):
    run("examples", "iss-2021", "-o", str(tmp_path))
    text = example_text("challenge-2021.toml")
    for name, source in (("iss-2021.toml", "iss-2021.toml"),
                         ("iss-2021", "iss-2021.toml (bundled)")):
        path = tmp_path / "challenge.toml"
        path.write_text(text.replace('flight_down = "soyuz-ms-18"\n',
                                     f'flight_down = "soyuz-ms-18"\ntraffic = "{name}"\n'),
                        encoding="utf-8")
        flight = prepare_flight(load_production(path), environment=False)
        assert station_json(flight)["traffic"]["source"] == source
        assert flight.station.check.ok and flight.station.visit.id == "soyuz-ms-19"


def test_the_figure_says_since_and_until_when_for_visits_past_the_mission(challenge_flight):
    document = build_plan(challenge_flight, None, None)
    crew_2 = next(s for p in document["station"]["traffic"]["ports"] for s in p["stays"]
                  if s["visit"] == "crew-2")
    # Crew-2 moved to Harmony zenith on 21 Jul, undocking 10:45 UTC (spacepolicyonline.com;
    # the 11:35 docking is the file's assumption, a relocation's usual 50 min), and undocked
    # on 8 Nov (blogs.nasa.gov; 19:05 UTC is the time NASA announced), as iss-2021.toml says.
    assert [parse_iso(crew_2[key]) for key in ("since", "until")] == [
        parse_iso("2021-07-21T11:35:00Z"), parse_iso("2021-11-08T19:05:00Z")]
    assert crew_2["before"] and crew_2["after"]
    page = report_html(document)
    assert "crew-2 (since 21 Jul, until 8 Nov)" in page
    assert "soyuz-ms-19 (stays on)" in page     # it left in March 2022, past the record
    # A long port name is cut to its first words on the row; the whole name is its tooltip.
    assert ">Zvezda nadir</text>" in page and "<title>Zvezda nadir (Pirs" in page


def test_an_opportunity_the_traffic_skips_is_noted_with_its_reason():
    # Ready to fly on 16 Oct (the chooser asked as the training road asks it): the day's
    # opportunity (docking 17 Oct 10:11, 8.9 h after MS-18's undocking at 01:14: the station
    # keeps 24 h between dynamic operations) is refused and the first that fits is 17 Oct's,
    # as on the launch table of the README.
    from orbitfilm.mission.chooser import choose_launch
    from orbitfilm.mission.links import production_elements

    undated = example_text("dragon-rival.toml").replace("date = 2021-10-17\n", "")
    production = parse_production(undated, "dragon-rival.toml")
    choice = choose_launch(production, production_elements(production),
                           ready=date(2021, 10, 16))
    assert choice.set_by == "traffic" and len(choice.refused) == 1
    flight = prepare_flight(production, environment=False, choice=choice)
    assert flight.launch.liftoff_s >= parse_iso("2021-10-17T00:00:00Z")
    note = station_json(flight)["note"]
    assert note.startswith("skipped for the station's traffic: liftoff 2021-10-16 12:11 UTC")
    assert "is 8.9 h after soyuz-ms-18's undocking" in note
    assert "the station keeps 24 h between dynamic operations" in note
