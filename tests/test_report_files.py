"""iCalendar files parsed back, and the plan folder written all or nothing."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from icalendar import Calendar
from test_report_fixtures import challenge_plan, fresh, unschedulable_plan

from orbitfilm.errors import InputError
from orbitfilm.report import writer
from orbitfilm.report.dood import entry_people
from orbitfilm.report.ical import event_uid, people_with_scenes, production_calendar
from orbitfilm.report.writer import write_reports
from orbitfilm.times import parse_iso, to_datetime

PLANS = {"challenge": challenge_plan, "unschedulable": unschedulable_plan}


@pytest.fixture(params=sorted(PLANS))
def document(request):
    return PLANS[request.param]()


# -- iCalendar ----------------------------------------------------------------------------

def _unfold(data: bytes) -> list[str]:
    """Unfold content lines as RFC 5545 section 3.1 says: CRLF + one space or tab joins."""
    text = data.decode("utf-8")
    assert "\n" not in text.replace("\r\n", "")  # every line ends in CRLF
    return text.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")


def test_lines_are_folded_at_75_octets(document):
    # RFC 5545 3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break;
    # counted in octets of UTF-8, so a multi-byte character counts for its bytes.
    data = production_calendar(document)
    assert data.endswith(b"\r\n")
    lines = data.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # long descriptions were folded
    for line in lines:
        line.decode("utf-8")  # no fold splits a multi-byte character


def test_calendar_parses_back_to_the_plan(document):
    calendar = Calendar.from_ical(production_calendar(document))
    assert str(calendar["VERSION"]) == "2.0" and calendar["PRODID"]
    events = calendar.walk("VEVENT")
    assert len(events) == len(document["scenes"])
    places = {loc["id"]: loc["name"] for loc in document["production"]["locations"]}
    for event, entry in zip(events, document["scenes"]):
        assert str(event["UID"]) == event_uid(document, entry)
        assert str(event["LOCATION"]) == places[entry["location"]]
        assert str(event["X-ORBITFILM-CAST"]).split(",") == entry["cast"]
        conditions = str(event["X-ORBITFILM-CONDITIONS"])
        assert (conditions.split(",") if conditions else []) == entry["conditions"]
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        if entry.get("all_day"):
            assert start == date.fromisoformat(entry["date"]) and not isinstance(start,
                                                                                  datetime)
            assert end - start >= timedelta(days=1)
        else:
            # The plan keeps milliseconds; iCalendar has whole seconds.
            assert start == to_datetime(int(parse_iso(entry["start"])))
            assert end == to_datetime(int(parse_iso(entry["end"])))
            assert start.utcoffset() == timedelta(0)
        assert f"Sc {entry['id']}:" in str(event["SUMMARY"])
        assert "Cast: " in str(event["DESCRIPTION"])
    assert len({str(e["UID"]) for e in events}) == len(events)


def test_description_unfolds_to_the_text_written(document):
    data = production_calendar(document)
    lines = _unfold(data)
    descriptions = [line for line in lines if line.startswith("DESCRIPTION:")]
    parsed = [str(e["DESCRIPTION"]) for e in Calendar.from_ical(data).walk("VEVENT")]
    # TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma and newline.
    unescaped = [d[len("DESCRIPTION:"):].replace("\\n", "\n").replace("\\,", ",")
                 .replace("\\;", ";").replace("\\\\", "\\") for d in descriptions]
    assert unescaped == parsed


def test_a_calendar_a_person_with_exactly_their_scenes(document):
    for person_id in people_with_scenes(document):
        events = Calendar.from_ical(production_calendar(document, person_id)).walk("VEVENT")
        expected = [e for e in document["scenes"] if person_id in entry_people(document, e)]
        assert [str(e["UID"]) for e in events] == [event_uid(document, e) for e in expected]


def test_dtstamp_is_reproducible(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1633436551")  # 2021-10-05T12:22:31Z
    calendar = Calendar.from_ical(production_calendar(unschedulable_plan()))
    stamp = calendar.walk("VEVENT")[0].decoded("DTSTAMP")
    assert stamp.isoformat() == "2021-10-05T12:22:31+00:00"


# -- the plan folder ------------------------------------------------------------------------

def test_write_reports_writes_every_output(tmp_path):
    document = unschedulable_plan()
    paths = write_reports(document, tmp_path / "plan")
    names = sorted(str(p.relative_to(tmp_path / "plan")) for p in paths)
    days = len(document["days"])
    people = people_with_scenes(document)
    expected = sorted(["report.html", "plan.json", "oneliner.txt", "oneliner.html",
                       "stripboard.html", "dood.csv", "dood.html", "schedule.csv",
                       "schedule.json", "schedule.uss", "calendar.ics",
                       *(f"callsheets/day-{n:02d}.html" for n in
                                         range(1, days + 1)),
                       *(f"calendars/{p}.ics" for p in people)])
    assert names == expected
    assert paths[0].name == "report.html"
    written = json.loads((tmp_path / "plan" / "plan.json").read_text("utf-8"))
    assert sorted(written["files"]) == expected
    # schedule.json is the scheduler's JSON as the plan holds it, the ground unit's beside it.
    schedule = json.loads((tmp_path / "plan" / "schedule.json").read_text("utf-8"))
    assert schedule["scenes"] == document["schedule"]["scenes"]
    # Nothing temporary is left behind.
    assert not [p for p in (tmp_path / "plan").rglob(".*")]


def test_a_plan_with_its_ephemeris_writes_the_oem(tmp_path):
    from types import SimpleNamespace

    from orbitfilm.orbit.elements import bundled_iss
    from orbitfilm.orbit.ephemeris import station_ephemeris

    document = unschedulable_plan()
    span_s = [parse_iso(t) for t in document["environment"]["span"]]
    plan = SimpleNamespace(document=document,
                           ephemeris=station_ephemeris(bundled_iss(), *span_s))
    write_reports(plan, tmp_path / "plan")
    text = (tmp_path / "plan" / "ephemeris.oem").read_text("utf-8")
    assert text.startswith("CCSDS_OEM_VERS = 3.0")
    assert f"START_TIME = {document['environment']['span'][0][:19]}" in text
    written = json.loads((tmp_path / "plan" / "plan.json").read_text("utf-8"))
    assert "ephemeris.oem" in written["files"]


def test_a_failed_run_leaves_nothing(tmp_path, monkeypatch):
    def broken(document):
        raise RuntimeError("renderer failed")

    monkeypatch.setattr(writer, "dood_html", broken)
    with pytest.raises(RuntimeError):
        write_reports(unschedulable_plan(), tmp_path / "plan")
    assert not (tmp_path / "plan").exists()


def test_a_failed_rerun_keeps_the_earlier_plan_whole(tmp_path, monkeypatch):
    out = tmp_path / "plan"
    write_reports(unschedulable_plan(), out)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def broken_copy(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(writer.Path, "write_text", broken_copy)
    # A write the system refuses is one line for a person (an InputError naming the folder).
    with pytest.raises(InputError, match="cannot write the plan: disk full"):
        write_reports(unschedulable_plan(), out)
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before


def test_another_plans_folder_is_not_overwritten(tmp_path):
    out = tmp_path / "plan"
    write_reports(unschedulable_plan(), out)
    other = fresh(unschedulable_plan())
    other["production"]["title"] = "Another Film"
    with pytest.raises(InputError, match="holds the plan of 'Orbit Test Reel'"):
        write_reports(other, out)
    assert json.loads((out / "plan.json").read_text("utf-8"))["production"]["title"] == \
        "Orbit Test Reel"
    write_reports(other, out, force=True)
    assert json.loads((out / "plan.json").read_text("utf-8"))["production"]["title"] == \
        "Another Film"


def test_foreign_files_are_not_overwritten(tmp_path):
    out = tmp_path / "plan"
    out.mkdir()
    (out / "report.html").write_text("my own notes", encoding="utf-8")
    with pytest.raises(InputError, match="not an orbitfilm plan"):
        write_reports(unschedulable_plan(), out)
    assert (out / "report.html").read_text("utf-8") == "my own notes"


def test_the_same_plan_is_replanned_and_stale_files_go(tmp_path):
    out = tmp_path / "plan"
    write_reports(unschedulable_plan(), out)
    shorter = fresh(unschedulable_plan())
    last = shorter["days"].pop()
    shorter["scenes"] = [e for e in shorter["scenes"] if e["day"] != last["number"]]
    write_reports(shorter, out)
    assert not (out / f"callsheets/day-{last['number']:02d}.html").exists()
    assert (out / "callsheets/day-01.html").exists()


def test_a_file_is_not_a_folder(tmp_path):
    (tmp_path / "plan").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="a file, not a folder"):
        write_reports(unschedulable_plan(), tmp_path / "plan")
