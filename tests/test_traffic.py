"""The station's traffic against the public record of the ISS in 2021.

Every expectation below is a fact of the record (sources from the bundled iss-2021.toml,
section C.1 of the project's spaceflight notes) or follows from one by arithmetic written
beside it. Times are exact to the second: the check works on the instants of the file, so
no tolerance is needed; where an instant is inside a span, the span's ends are the record's.
"""

from __future__ import annotations

import time

import numpy as np
import pytest

from orbitfilm.errors import InputError, InputErrors
from orbitfilm.production.examples import (example_path, example_text, list_examples,
                                           traffic_example_path, write_example)
from orbitfilm.station import (bundled_traffic, check_traffic, find_slots, parse_traffic,
                               propose_visit, traffic_json_schema)
from orbitfilm.times import DAY_S, HOUR_S, parse_iso

ISS_2021 = example_text("iss-2021.toml")
MS19_DOCKS = parse_iso("2021-10-05T12:22:31Z")      # russianspaceweb.com, soyuz-ms-19
MS18_UNDOCKS = parse_iso("2021-10-17T01:14:00Z")    # spacenews.com, 17 Oct 2021
CREW2_UNDOCKS = parse_iso("2021-11-08T19:05:00Z")   # NASA: 14:05 EST (file: assumption)
CREW3_DOCKS = parse_iso("2021-11-11T23:32:00Z")     # NASA blog: 18:32 EST
PROGRESS_MS18_DOCKS = parse_iso("2021-10-30T01:31:00Z")  # parabolicarc.com, 30 Oct 2021


def variant(old: str, new: str, text: str = ISS_2021) -> str:
    """Return the bundled file with one passage replaced (it must be there exactly once)."""
    assert text.count(old) == 1, old
    return text.replace(old, new)


def check_of(text: str):
    return check_traffic(parse_traffic(text, source="variant.toml"))


@pytest.fixture(scope="module")
def record():
    return check_traffic(bundled_traffic())


def test_the_2021_record_keeps_every_rule(record):
    assert record.ok, [str(v) for v in record.violations]
    # Above the seven permanent beds (theregister.com, 2023) four times: the MS-17/MS-18
    # and Crew-1/Crew-2 handovers of April, MS-19's and MS-20's weeks.
    assert [(str(w), w.rule) for w in record.warnings] == [
        ("2021-04-09T11:05:00Z: 10 people aboard as soyuz-ms-18 arrives, above the 7 "
         "permanent sleeping places", "sleeping-places"),
        ("2021-04-24T09:08:00Z: 11 people aboard as crew-2 arrives, above the 7 "
         "permanent sleeping places", "sleeping-places"),
        ("2021-10-05T12:22:31Z: 10 people aboard as soyuz-ms-19 arrives, above the 7 "
         "permanent sleeping places", "sleeping-places"),
        ("2021-12-08T13:41:00Z: 10 people aboard as soyuz-ms-20 arrives, above the 7 "
         "permanent sleeping places", "sleeping-places")]


def test_ten_aboard_from_5_to_17_october(record):
    # "10 people aboard" from MS-19's docking to MS-18's undocking (parabolicarc.com,
    # 5 Oct 2021): Crew-2's four, MS-18's three and MS-19's three.
    ten = {"novitskiy", "dubrov", "vande-hei", "shkaplerov", "peresild", "shipenko",
           "kimbrough", "mcarthur", "pesquet", "hoshide"}
    for time_s in (MS19_DOCKS, MS19_DOCKS + 3 * DAY_S, MS18_UNDOCKS - 1):
        assert set(record.aboard_at(time_s)) == ten
    # One second either side the count is seven: the step is at the instants themselves.
    assert len(record.aboard_at(MS19_DOCKS - 1)) == 7
    assert len(record.aboard_at(MS18_UNDOCKS)) == 7


def test_three_aboard_between_crew_2_and_crew_3(record):
    # Indirect handover: Crew-2 left 8 Nov, Crew-3 docked 11 Nov, "3 crew aboard" between
    # (NASA commercial crew blog): Shkaplerov (MS-19), Dubrov and Vande Hei (MS-18's, who
    # stayed when the film crew flew home in their Soyuz).
    for time_s in (CREW2_UNDOCKS, CREW2_UNDOCKS + DAY_S, CREW3_DOCKS - 1):
        assert record.aboard_at(time_s) == ("dubrov", "shkaplerov", "vande-hei")
    assert len(record.aboard_at(CREW3_DOCKS)) == 7


# The people aboard through 2021, from the record's own words (NASA blogs, parabolicarc,
# theregister; the bundled file's sources): (an instant inside the span, who is aboard).
ABOARD_2021 = [
    ("2021-01-01T00:00:00Z", 7),   # Soyuz MS-17's three and Crew-1's four
    ("2021-04-09T11:05:00Z", 10),  # MS-18 docks: MS-17, MS-18 and Crew-1 (to 17 Apr)
    ("2021-04-17T01:33:59Z", 10),
    ("2021-04-17T01:34:00Z", 7),   # MS-17 undocks
    ("2021-04-24T09:08:00Z", 11),  # Crew-2 docks: the eleven of the handover
    ("2021-05-02T00:34:59Z", 11),
    ("2021-05-02T00:35:00Z", 7),   # Crew-1 undocks
    ("2021-09-01T00:00:00Z", 7),
    ("2021-10-05T12:22:31Z", 10),  # MS-19 with the film crew, to MS-18's undocking
    ("2021-10-17T01:14:00Z", 7),
    ("2021-11-09T00:00:00Z", 3),   # between Crew-2 and Crew-3
    ("2021-12-08T13:41:00Z", 10),  # MS-20 with Misurkin, Maezawa and Hirano
    ("2021-12-20T00:50:00Z", 7),
    ("2021-12-31T23:59:00Z", 7),
]


@pytest.mark.parametrize("moment, count", ABOARD_2021)
def test_the_people_aboard_through_2021(record, moment, count):
    assert len(record.aboard_at(parse_iso(moment))) == count


def test_the_count_steps_of_2021_with_only_relocations_between(record):
    # The step series over the year: each dip below 7 between two sevens is a relocation
    # (its crew flies the vehicle: MS-17 19 Mar, Crew-1 5 Apr, Crew-2 21 Jul, MS-18 28 Sep)
    # or the three of 8-11 Nov; the count never passes max_aboard (11).
    steps = record.to_json()["aboard"]
    assert steps[0]["from"] == "2021-01-01T00:00:00Z"   # counted from record_from
    dips = [(s["from"][:10], s["count"]) for s in steps if s["count"] < 7]
    assert dips == [("2021-03-19", 4), ("2021-04-05", 3), ("2021-07-21", 3),
                    ("2021-09-28", 4), ("2021-11-08", 3)]
    assert max(s["count"] for s in steps) == 11 == record.traffic.station.max_aboard


def test_the_cargo_flights_of_2021_are_in_the_record(record):
    # Progress MS-14 to MS-18, Cygnus NG-14 to NG-16, cargo Dragon CRS-21 to CRS-24
    # (CRS-24 docked on 22 Dec 2021 and stayed past the year).
    visits = {v.id: v for v in record.traffic.visits}
    cargo = sorted(v for v, visit in visits.items()
                   if visit.vehicle in ("progress-ms", "cygnus", "cargo-dragon"))
    assert cargo == sorted([f"progress-ms-{n}" for n in range(14, 19)]
                           + [f"cygnus-ng-{n}" for n in range(14, 17)]
                           + [f"cargo-dragon-crs-{n}" for n in range(21, 25)])
    assert visits["cargo-dragon-crs-24"].arrive_s == parse_iso("2021-12-22T08:41:00Z")
    assert visits["cargo-dragon-crs-24"].depart is None


def test_the_json_has_the_step_series_and_each_port(record):
    document = record.to_json()
    counts = [step["count"] for step in document["aboard"]
              if step["to"] is None or step["to"] > "2021-09-30"]
    # The crew count of C.1: 7 -> 10 (5-17 Oct) -> 7 -> 3 (8-11 Nov) -> 7 -> 10 (8-20 Dec) -> 7.
    assert counts == [7, 10, 7, 3, 7, 10, 7]
    # Rassvet: MS-18 until its move 28 Sep 12:21, MS-19 from 5 Oct (space.com; russianspaceweb).
    assert [(s["visit"], s["from"], s["to"]) for s in document["ports"]["rassvet"]] == [
        ("soyuz-ms-17", "2020-10-14T08:48:00Z", "2021-03-19T12:38:00Z"),
        ("soyuz-ms-18", "2021-04-09T11:05:00Z", "2021-09-28T12:21:00Z"),
        ("soyuz-ms-19", "2021-10-05T12:22:31Z", None)]
    # Nauka nadir: MS-18, then Progress MS-17 (22 Oct - 25 Nov), then Prichal for good.
    assert [s["visit"] for s in document["ports"]["nauka-nadir"]] == [
        "soyuz-ms-18", "progress-ms-17", "prichal"]


def test_without_the_28_september_move_ms_19_cannot_dock():
    text = variant('moves = [{ undock = 2021-09-28T12:21:00Z, dock = 2021-09-28T13:04:00Z, '
                   'port = "nauka-nadir" }]\n', "")
    found = check_of(text)
    taken = [v for v in found.violations if v.rule == "port-taken"]
    # MS-18 would still hold Rassvet when MS-19 docked there (space.com: the move "frees
    # Rassvet for MS-19").
    assert [str(v) for v in taken] == [
        "2021-10-05T12:22:31Z: port rassvet holds soyuz-ms-18; soyuz-ms-19 cannot dock"]
    assert taken[0].visits == ("soyuz-ms-19", "soyuz-ms-18")


def test_a_rival_crew_dragon_in_the_same_weeks_is_refused_and_slots_say_when():
    traffic = bundled_traffic()
    # dragon-rival: three people on a Crew Dragon from 3 to 13 Oct 2021 (its undocking is
    # 2021-10-13T15:00Z; the arrival is taken as 3 Oct 12:00, a day after its 2 Oct launch).
    fit = propose_visit(traffic, visit_id="dragon-rival", vehicle="crew-dragon", crew=3,
                        arrive_s=parse_iso("2021-10-03T12:00:00Z"),
                        depart_s=parse_iso("2021-10-13T15:00:00Z"))
    # Harmony forward is free after CRS-23 left (30 Sep), so the port is no obstacle; but
    # when MS-19 docks, 7 + 3 + 3 = 13 are aboard against the limit of eleven.
    assert fit.visit.port == "harmony-forward"
    assert fit.reasons() == ["2021-10-05T12:22:31Z: 13 people aboard as soyuz-ms-19 arrives, "
                             "the limit is 11"]
    assert fit.violations[0].visits == ("soyuz-ms-19",)
    slots = find_slots(traffic, vehicle="crew-dragon", crew=3, stay_days=10,
                       start_s=parse_iso("2021-10-03"), end_s=parse_iso("2021-12-31"))
    # By hand: ten days with three more need at most eight aboard for the whole stay.
    # Seven are aboard until MS-19 docks (5 Oct 12:22:31), and a stay from 3 Oct on would
    # reach it; ten are aboard until MS-18 undocks (17 Oct 01:14), seven after. Harmony
    # forward is free from 30 Sep to Crew-3's docking on 11 Nov 23:32. The station keeps
    # 24 h between dynamic operations: the first arrival is a day after MS-18's undocking,
    # 18 Oct 01:14, and the first open stretch ends on 19 Oct 01:31, when a ten-day stay
    # would undock within a day of Progress MS-18's docking (30 Oct 01:31).
    assert slots.first() == (MS18_UNDOCKS + DAY_S, "harmony-forward")
    forward, zenith = slots.ports
    assert forward.open.pairs()[0] == (MS18_UNDOCKS + DAY_S,
                                       PROGRESS_MS18_DOCKS - DAY_S - 10 * DAY_S)
    assert forward.open.ends_s[-1] <= CREW3_DOCKS - 10 * DAY_S
    assert forward.gaps[0].reasons[0] == (
        "people aboard would be 13 (2021-10-05T12:22:31Z to 2021-10-17T01:14:00Z), the limit "
        "is 11")
    # Zenith opens no sooner than a day after Crew-2 leaves (8 Nov 19:05), and closes for
    # MS-20's twelve days at Poisk (8-20 Dec, seradata.com): 7 + 3 + 3 = 13 again, for
    # arrivals from ten days before its docking.
    assert zenith.open.starts_s[0] >= CREW2_UNDOCKS + DAY_S
    assert zenith.open.ends_s[0] <= parse_iso("2021-12-08T13:41:00Z") - 10 * DAY_S
    assert "port harmony-zenith taken by crew-2" in zenith.gaps[0].reasons[0]


def test_no_slot_docks_or_undocks_within_a_day_of_another_operation():
    # The dockings, undockings and relocations of the 2021 record, by hand from the file's
    # own times; every open arrival, and its undocking ten days later, keeps 24 h from each.
    traffic = bundled_traffic()
    slots = find_slots(traffic, vehicle="crew-dragon", crew=3, stay_days=10,
                       start_s=parse_iso("2021-10-03"), end_s=parse_iso("2021-12-31"))
    moments = []
    for visit in traffic.visits:
        moments.append((visit.arrive_s, visit.arrive_s))
        moments += [(m.undock.timestamp(), m.dock.timestamp()) for m in visit.moves]
        if visit.depart is not None:
            moments.append((visit.depart_s, visit.depart_s))
    for port in slots.ports:
        for start_s, end_s in port.open.pairs():
            for arrive_s in np.linspace(start_s, end_s, 25):
                for own in (arrive_s, arrive_s + 10 * DAY_S):
                    assert all(own <= a - DAY_S + 1 or own >= b + DAY_S - 1
                               for a, b in moments), (port.port, own)


def test_a_relocation_too_close_to_a_docking_is_caught():
    # Soyuz MS-18's relocation to Nauka (28 Sep 2021 12:21-13:04) moved to 5 Oct 06:00-06:40,
    # six hours before MS-19 docks at 12:22:31: closer than the station's 24 h.
    text = variant("undock = 2021-09-28T12:21:00Z, dock = 2021-09-28T13:04:00Z",
                   "undock = 2021-10-05T06:00:00Z, dock = 2021-10-05T06:40:00Z")
    found = check_traffic(parse_traffic(text))
    separation = [v for v in found.violations if v.rule == "separation"]
    assert separation and "soyuz-ms-19's docking (2021-10-05T12:22:31Z) is 5.7 h after " \
        "soyuz-ms-18's relocation" in separation[0].message


def test_a_soyuz_that_would_leave_with_more_people_than_seats_is_caught():
    text = variant('crew_down = ["novitskiy", "peresild", "shipenko"]',
                   'crew_down = ["novitskiy", "peresild", "shipenko", "dubrov"]')
    seats = [str(v) for v in check_of(text).violations if v.rule == "seats"]
    # A Soyuz MS has three seats (RSC Energia; newatlas.com: "Soyuz = 3 seats").
    assert seats == ["2021-10-17T01:14:00Z: soyuz-ms-18 takes home 4 people (novitskiy, "
                     "peresild, shipenko, dubrov); a soyuz-ms has 3 seats"]


def test_everyone_aboard_needs_a_lifeboat_seat():
    # Were MS-19 to leave on 10 Oct with Shkaplerov alone, five who ride home by Soyuz
    # (Novitskiy, Dubrov, Vande Hei, Peresild, Shipenko) would have MS-18's three seats.
    text = variant('# No departure: it left on 30 March 2022, past the record.',
                   'depart = 2021-10-10T12:00:00Z\ncrew_down = ["shkaplerov"]')
    lifeboats = [str(v) for v in check_of(text).violations if v.rule == "lifeboat"]
    assert lifeboats[0] == ("2021-10-10T12:00:00Z: 5 people aboard ride home in a soyuz-ms "
                            "but the docked soyuz-ms capsules have 3 seats (as soyuz-ms-19 "
                            "departs)")
    # And once MS-18 has gone, Dubrov and Vande Hei have no Soyuz at all.
    assert lifeboats[1] == ("2021-10-17T01:14:00Z: 2 people aboard ride home in a soyuz-ms "
                            "but the docked soyuz-ms capsules have 0 seats (as soyuz-ms-18 "
                            "departs)")


def test_people_leave_only_while_aboard_and_ports_keep_their_kinds_and_modules():
    # Chari came up on Crew-3 (11 Nov): he cannot ride MS-18 home on 17 Oct.
    text = variant('crew_down = ["novitskiy", "peresild", "shipenko"]',
                   'crew_down = ["novitskiy", "peresild", "chari"]')
    assert "2021-10-17T01:14:00Z: chari leaves on soyuz-ms-18 but is not aboard" in [
        str(v) for v in check_of(text).violations]
    # A Crew Dragon at a Russian probe-drogue port; MS-20 at Prichal before Prichal came.
    text = variant('port = "harmony-forward"\n\n[[visits]]\nid = "prichal"',
                   'port = "rassvet"\n\n[[visits]]\nid = "prichal"')
    text = variant('arrive = 2021-12-08T13:41:00Z\nport = "poisk"',
                   'arrive = 2021-11-22T13:41:00Z\nport = "prichal-nadir"', text)
    rules = {v.rule: str(v) for v in check_of(text).violations}
    assert rules["port-kind"] == ("2021-11-11T23:32:00Z: port rassvet does not take "
                                  "crew-dragon (it takes soyuz-ms, progress-ms); crew-3 cannot "
                                  "dock")
    assert rules["port-missing"] == ("2021-11-22T13:41:00Z: port prichal-nadir comes with "
                                     "prichal, which arrives 2021-11-26T15:19:00Z; soyuz-ms-20 "
                                     "cannot dock")


def _line_of(text: str, fragment: str) -> int:
    return text[:text.index(fragment)].count("\n") + 1


BAD_FILES = {
    # Harmony nadir renamed (no visit uses it, so the duplicate is the only mistake); the
    # error is at the second port of the id, the real Unity nadir.
    "two ports of one id": (('id = "harmony-nadir"', 'id = "unity-nadir"'),
                            'id = "unity-nadir"\nname = "Unity', "two ports with the id "
                            "'unity-nadir'"),
    "an unknown port": (('port = "zvezda-aft"\n\n[[visits]]\nid = "crew-3"',
                         'port = "zvezda-stern"\n\n[[visits]]\nid = "crew-3"'), 'port = "zvezda-stern"',
                        "visit 'progress-ms-18': no port 'zvezda-stern' on ISS (did you mean "
                        "'zvezda-aft'?)"),
    "departure before arrival": (("depart = 2021-12-20T00:50:00Z", "depart = 2021-12-07T00:50:00Z"),
                                 "depart = 2021-12-07", "visit 'soyuz-ms-20': departure is not "
                                 "after its arrival"),
    "a person who never boards": (('crew_down = ["misurkin", "maezawa", "hirano"]',
                                   'crew_down = ["misurkin", "maezawa", "hiranoo"]'),
                                  'crew_down = ["misurkin", "maezawa", "hiranoo"]',
                                  "visit 'soyuz-ms-20': 'hiranoo' never boards"),
    "an unknown vehicle kind": (('id = "cygnus-ng-16"\nvehicle = "cygnus"',
                                 'id = "cygnus-ng-16"\nvehicle = "htv"'), 'vehicle = "htv"',
                                "vehicle must be one of"),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_bad_files_get_one_line_with_file_and_line(case):
    (old, new), at, message = BAD_FILES[case]
    text = variant(old, new)
    at_line = _line_of(text, at)
    with pytest.raises(InputErrors) as raised:
        parse_traffic(text, source="bad.toml")
    assert len(raised.value.errors) == 1
    line = str(raised.value.errors[0])
    assert line.startswith(f"bad.toml:{at_line}: ") and message in line, line


def test_the_bundled_traffic_is_an_example_but_not_a_production(tmp_path):
    listed = {example.name: example.files for example in list_examples()}
    assert listed["iss-2021"] == ("iss-2021.toml",)
    written = write_example("iss-2021", tmp_path)
    assert [p.name for p in written] == ["iss-2021.toml"]
    assert written[0].read_text(encoding="utf-8") == ISS_2021
    assert traffic_example_path("iss-2021").is_file()
    with pytest.raises(InputError, match="station traffic, not a production"):
        example_path("iss-2021")


def _unknown_keys(value, schema, definitions, path=()):
    """Return key paths of ``value`` that the schema does not know (keys only)."""
    if "$ref" in schema:
        schema = definitions[schema["$ref"].rsplit("/", 1)[-1]]
    for option in schema.get("anyOf", []):
        if "$ref" in option or option.get("type") == "array":
            return _unknown_keys(value, option, definitions, path)
    bad = []
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        for key, child in value.items():
            bad += [(*path, key)] if key not in properties else _unknown_keys(
                child, properties[key], definitions, (*path, key))
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for index, child in enumerate(value):
            bad += _unknown_keys(child, schema["items"], definitions, (*path, index))
    return bad


def test_the_schema_knows_every_key_of_the_example():
    import tomllib

    schema = traffic_json_schema()
    assert schema["$schema"].endswith("2020-12/schema")
    assert set(schema["properties"]) == {"station", "record_from", "visits"}
    document = tomllib.loads(ISS_2021)
    assert _unknown_keys(document, schema, schema["$defs"]) == []
    kinds = schema["$defs"]["Visit"]["properties"]["vehicle"]["enum"]
    assert {"soyuz-ms", "crew-dragon", "starliner", "progress-ms", "cargo-dragon", "cygnus",
            "module"} == set(kinds)


def test_check_and_slots_take_milliseconds():
    # The issue asks for "well under a second" over a year of traffic; bench/traffic.py
    # measures a synthetic year. Here the bundled four months, with room for a busy machine.
    traffic = bundled_traffic()
    began = time.perf_counter()
    check = check_traffic(traffic)
    find_slots(traffic, vehicle="soyuz-ms", crew=3, stay_days=12, start_s=parse_iso("2021-09-01"),
               end_s=parse_iso("2021-12-31"), check=check)
    assert time.perf_counter() - began < 0.25
    assert check.ok and HOUR_S
