"""Every output of a plan, on the Challenge and on a production with an unschedulable scene."""

from __future__ import annotations

import colorsys
import csv
import io
import re
from datetime import date
from html.parser import HTMLParser

import pytest
from test_report_fixtures import challenge_plan, fresh, unschedulable_plan

from orbitfilm.report.callsheet import callsheet_html
from orbitfilm.report.csvout import schedule_csv
from orbitfilm.report.dood import (CODES, DROP_MIN_GAP_DAYS, column_groups, day_out_of_days,
                                   dood_csv, dood_html)
from orbitfilm.report.oneliner import LINE_WIDTH, oneliner_html, oneliner_text, scene_cells
from orbitfilm.report.report_html import report_html
from orbitfilm.report.stripboard import STRIP_COLOURS, strip_kind, stripboard_html
from orbitfilm.times import HOUR_S, MINUTE_S, parse_iso, to_datetime

PLANS = {"challenge": challenge_plan, "unschedulable": unschedulable_plan}


@pytest.fixture(params=sorted(PLANS))
def document(request):
    return PLANS[request.param]()


class Elements(HTMLParser):
    """Collect start tags with their attributes, and the text, of an HTML page."""

    def __init__(self, text: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def having(self, tag: str, **attrs) -> list[dict]:
        return [a for t, a in self.tags if t == tag and all(
            value in (a.get(key) or "").split() for key, value in attrs.items())]


# -- one-liner ----------------------------------------------------------------------------

def test_oneliner_has_a_line_a_scene_and_day_totals(document):
    text = oneliner_text(document)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= LINE_WIDTH
    scene_lines = [line for line in lines[3:] if re.match(r"^\S+\s+(INT|EXT|I/E)\s", line)]
    assert [line.split()[0] for line in scene_lines] == [e["id"] for e in document["scenes"]]
    breaks = [line for line in lines if line.startswith("=== END OF DAY")]
    assert len(breaks) == len(document["days"])
    for day, line in zip(document["days"], breaks):
        # The day's shooting minutes, recounted from the orbital schedule itself.
        minutes = sum(parse_iso(s["end"]) - parse_iso(s["shoot_start"])
                      for s in document["schedule"]["scenes"]
                      if s["start"][:10] == day["date"]) / MINUTE_S
        if minutes:
            found = re.search(r"(?:(\d+) h )?(\d+) min shooting", line)
            assert int(found.group(1) or 0) * 60 + int(found.group(2)) == round(minutes)
    for item in document["unscheduled"]:
        assert f"Sc {item['id']}: {item['reason']}" in text


def test_oneliner_html_rows(document):
    page = Elements(oneliner_html(document))
    assert len(page.having("tr", **{"class": "scene"})) == len(document["scenes"])
    assert len(page.having("tr", **{"class": "day-end"})) == len(document["days"])


def test_oneliner_pages_in_eighths():
    # Scene 2 of the test production is 12 eighths: 1 4/8 pages; scene 1 is 3 eighths.
    text = oneliner_text(unschedulable_plan())
    assert re.search(r"^2 .* 1 4/8 pg ", text, re.M)
    assert re.search(r"^1 .* 3/8 pg ", text, re.M)
    assert "1 7/8 pages" in text  # day 2: 12 + 3 = 15 eighths


# -- stripboard ---------------------------------------------------------------------------

def _hue_deg(hex_colour: str) -> tuple[float, float, float]:
    r, g, b = (int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    h, lightness, s = colorsys.rgb_to_hls(r, g, b)
    return h * 360, lightness, s


def test_strip_colours_follow_the_production_board_convention():
    # DESIGN.md: INT DAY white, EXT DAY yellow, INT NIGHT blue, EXT NIGHT green, pink for
    # sunrise, orange for sunset, a colour of its own for orbital night. Hue bands are the
    # usual names of the colour wheel (yellow 45-65, green 90-150, blue 190-250 deg, orange
    # 20-45, pink: a light red-magenta, 300-360).
    assert _hue_deg(STRIP_COLOURS["int-day"][0])[1] > 0.97
    assert 45 <= _hue_deg(STRIP_COLOURS["ext-day"][0])[0] <= 65
    assert 190 <= _hue_deg(STRIP_COLOURS["int-night"][0])[0] <= 250
    assert 90 <= _hue_deg(STRIP_COLOURS["ext-night"][0])[0] <= 150
    hue, lightness, _ = _hue_deg(STRIP_COLOURS["orbital-sunrise"][0])
    assert 300 <= hue <= 360 and lightness > 0.7
    assert 20 <= _hue_deg(STRIP_COLOURS["orbital-sunset"][0])[0] <= 45
    night = STRIP_COLOURS["orbital-night"][0]
    assert night not in [bg for kind, (bg, _) in STRIP_COLOURS.items() if kind != "orbital-night"]
    assert strip_kind("INT", "ORBITAL DAY") == "int-day"
    assert strip_kind("EXT", "NIGHT") == "ext-night"
    assert strip_kind("INT", "ORBITAL NIGHT") == "orbital-night"


def test_stripboard_strips_in_schedule_order_with_day_breaks(document):
    page = Elements(stripboard_html(document))
    strips = [(a.get("data-scene"), a.get("data-day"), a.get("data-kind"))
              for a in page.having("tr", **{"class": "strip"})]
    expected = []
    for day in document["days"]:
        expected += [(e["id"], None, strip_kind(e["int_ext"], e["time_of_day"]))
                     for e in document["scenes"] if e["day"] == day["number"]]
        expected.append((None, str(day["number"]), None))
    expected += [(u["id"], None, None) for u in document["unscheduled"]]
    assert strips == expected
    # Every strip kind used has its colour in the page's style.
    for kind in {k for _, _, k in strips if k}:
        assert f".strip-{kind} {{ background: {STRIP_COLOURS[kind][0]}" in stripboard_html(document)


def test_light_scenes_get_their_strip_colours():
    kinds = {e["id"]: strip_kind(e["int_ext"], e["time_of_day"])
             for e in unschedulable_plan()["scenes"]}
    assert kinds == {"1": "orbital-sunrise", "2": "orbital-night", "3": "orbital-sunset",
                     "4": "int-day", "g1": "ext-day"}


# -- call sheets --------------------------------------------------------------------------

def _offsets_h(day_text: str) -> tuple[int, int]:
    # Moscow has kept UTC+3 all year since 26 October 2014 (federal law 248-FZ of 2014).
    # Houston (US Central) was on daylight time, UTC-5, from 14 March to 7 November 2021
    # (US Energy Policy Act of 2005); UTC-6 outside it.
    day = date.fromisoformat(day_text)
    return 3, (-5 if date(2021, 3, 14) <= day < date(2021, 11, 7) else -6)


def _clock(seconds: float, offset_h: int) -> str:
    return to_datetime(round(seconds) + offset_h * HOUR_S).strftime("%H:%M")


def test_call_sheet_header_and_calls_in_three_zones(document):
    total = len(document["days"])
    for day in document["days"]:
        html = callsheet_html(document, day["number"])
        assert f"Day {day['number']} of {total}" in html
        if day["kind"] == "ground":
            continue
        moscow_h, houston_h = _offsets_h(day["date"])
        page = Elements(html)
        rows = _table_rows(html, "calls")
        people = {p["name"]: p["id"] for p in document["production"]["people"]}
        for row in rows:
            person_id = people[row[0]]
            mine = [e for e in document["scenes"] if e["day"] == day["number"] and
                    (person_id in e["cast"] or person_id in
                     document["production"]["units"][0]["people"])]
            call_s = parse_iso(mine[0]["start"])
            assert row[2].startswith(_clock(call_s, 0))
            assert row[3].startswith(_clock(call_s, moscow_h))
            assert row[4].startswith(_clock(call_s, houston_h))
        assert page.having("table", **{"class": "scenes"})


def _table_rows(html: str, css_class: str) -> list[list[str]]:
    """Return the text of each body row's cells of the table with this class."""
    part = html.split(f'<table class="{css_class}">', 1)[1].split("</table>", 1)[0]
    body = part.split("<tbody>", 1)[1]
    rows = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S):
        cells = re.findall(r"<td>(.*?)</td>", row, re.S)
        rows.append([re.sub(r"<[^>]+>", "", c).replace("&amp;", "&") for c in cells])
    return rows


def test_call_sheet_scenes_sunrises_and_contacts():
    document = challenge_plan()
    day = next(d for d in document["days"] if d["kind"] == "orbital" and len(d["scenes"]) > 3)
    html = callsheet_html(document, day["number"])
    assert [r[0] for r in _table_rows(html, "scenes")] == day["scenes"]
    midnight_s = parse_iso(day["date"])
    wake_s, sleep_s = midnight_s + 6 * HOUR_S, midnight_s + 21.5 * HOUR_S
    rises = [parse_iso(t) for t in document["environment"]["orbital_sunrises"]
             if wake_s <= parse_iso(t) < sleep_s]
    light = _table_rows(html, "light")
    assert [r[1] for r in light if r[0] == "orbital sunrise"] == [_clock(t, 0) for t in rises]
    contacts = _table_rows(html, "contacts")
    tsup = [(parse_iso(a), parse_iso(b)) for a, b in
            document["environment"]["intervals"]["contact:tsup"]]
    expected = [a for a, b in tsup if b > wake_s and a < sleep_s]
    got = [r for r in contacts if r[0].startswith("Mission Control")]
    assert len(got) == len(expected)
    assert got[0][1].startswith(_clock(max(expected[0], wake_s), 0))


def test_call_sheet_notes_the_unscheduled_scene_on_the_last_day():
    document = unschedulable_plan()
    last = callsheet_html(document, len(document["days"]))
    assert "Scene x is not scheduled" in last


def test_call_sheet_notes_give_times_as_people_read_them():
    # Anton's Soyuz unloading runs 07:45-12:00 GMT on 6 October 2021 (the production file);
    # the note gives it in the sheet's zones with the offsets of _offsets_h.
    document = challenge_plan()
    day = next(d for d in document["days"] if d["date"] == "2021-10-06")
    moscow_h, houston_h = _offsets_h(day["date"])
    start_s, end_s = parse_iso("2021-10-06T07:45:00Z"), parse_iso("2021-10-06T12:00:00Z")
    expected = (f"Anton Shkaplerov: Soyuz MS-19 unloading, Wed 6 Oct 07:45\u201312:00 GMT "
                f"({_clock(start_s, moscow_h)}\u2013{_clock(end_s, moscow_h)} Moscow, "
                f"{_clock(start_s, houston_h)}\u2013{_clock(end_s, houston_h)} Houston)")
    assert expected in Elements(callsheet_html(document, day["number"])).text
    for number in range(1, len(document["days"]) + 1):
        text = "".join(Elements(callsheet_html(document, number)).text)
        assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d", text), number


def _with_ground_zones(document: dict) -> dict:
    # Star City keeps Moscow time; Baikonur, leased by Russia inside Kazakhstan's Kyzylorda
    # region, is given its region's zone here (tz database: Asia/Qyzylorda, UTC+5 since
    # 21 December 2018).
    zoned = fresh(document)
    for location in zoned["production"]["locations"]:
        if location["id"].startswith("star-city"):
            location["time_zone"] = "Europe/Moscow"
        elif location["id"].startswith("baikonur"):
            location["time_zone"] = "Asia/Qyzylorda"
    return zoned


def test_ground_call_sheet_is_the_ground_units_day_at_its_locations():
    document = _with_ground_zones(challenge_plan())
    for day in (d for d in document["days"] if d["kind"] == "ground"):
        html = callsheet_html(document, day["number"])
        page = Elements(html)
        subtitle = html.split('<p class="subtitle">', 1)[1].split("</p>", 1)[0]
        assert "ground unit at" in subtitle and "ISS" not in subtitle
        assert "Houston" not in html
        places = {loc["id"]: loc for loc in document["production"]["locations"]}
        zoned = {places[e["location"]].get("time_zone") for e in document["scenes"]
                 if e["day"] == day["number"]}
        labels = re.findall(r'<div class="card"><div class="label">([^<]*)</div>', html)
        expected = {"Europe/Moscow": "Moscow (MSK)", "Asia/Qyzylorda": "Qyzylorda (+05)"}
        assert labels == [expected[z] for z in expected if z in zoned] + ["GMT"]
        for entry in (e for e in document["scenes"] if e["day"] == day["number"]):
            when = _table_rows(html, "scenes")[day["scenes"].index(entry["id"])][-1]
            night = "NIGHT" in entry["time_of_day"]
            assert when.startswith("night of " if night else "all day, "), when
        assert page.having("table", **{"class": "calls"})


def test_ground_call_sheet_shows_the_zones_of_its_places_or_gmt_alone():
    # The Challenge's Star City locations keep Moscow time (their time_zone): a ground day
    # there shows Moscow and GMT, and never the station's Houston column.
    document = challenge_plan()
    day = next(d for d in document["days"] if d["kind"] == "ground")
    html = callsheet_html(document, day["number"])
    labels = re.findall(r'<div class="card"><div class="label">([^<]*)</div>', html)
    assert "GMT" in labels and any(label.startswith("Moscow") for label in labels)
    assert "Houston" not in html
    bare = fresh(document)
    for location in bare["production"]["locations"]:
        location["time_zone"] = None
    html = callsheet_html(bare, day["number"])
    assert re.findall(r'<div class="card"><div class="label">([^<]*)</div>', html) == ["GMT"]
    assert "Moscow" not in html and "Houston" not in html


def test_night_ground_scenes_are_not_all_day():
    document = challenge_plan()
    night = [e for e in document["scenes"] if e["kind"] == "ground"
             and "NIGHT" in e["time_of_day"]]
    assert night  # the Challenge's eve of launch at Baikonur, and Mission Control at night
    for entry in night:
        assert scene_cells(document, entry)[5] == "night"  # the one-liner's GMT column
        strip = stripboard_html(document).split(f'data-scene="{entry["id"]}"', 1)[1]
        assert strip.split("</tr>", 1)[0].endswith("<td>night</td>")


def test_counts_take_their_nouns_in_the_singular_for_one():
    # A plan cut to its first aboard day with a single scene on it.
    document = fresh(unschedulable_plan())
    day = next(d for d in document["days"] if d["kind"] != "ground")
    document["scenes"] = [next(e for e in document["scenes"] if e["day"] == day["number"])]
    document["days"] = [{**day, "number": 1, "scenes": [document["scenes"][0]["id"]]}]
    document["scenes"][0]["day"] = 1
    document["summary"] = {**document["summary"], "scenes_shot": 1, "shooting_days": 1,
                           "unscheduled": 1}
    document["unscheduled"] = document["unscheduled"][:1]
    pages = [report_html(document), stripboard_html(document), oneliner_text(document),
             callsheet_html(document, 1)]
    for text in pages:
        assert not re.search(r"\b1 (scenes|days|shooting days|pages|nights|windows)\b", text)
    assert "1 scene over 1 shooting day" in pages[0]
    assert "1 shooting day, 1 scene" in pages[1]
    assert "scene that could not fit" in pages[0]


# -- day-out-of-days ----------------------------------------------------------------------

def _tiny_document(work: dict[str, list[str]], aboard: dict[str, list[list[str]]],
                   docking: str = "2021-10-05T12:00:00.000Z",
                   travel: dict[str, list[str]] | None = None, ground=None) -> dict:
    dates = sorted({d for days in work.values() for d in days})
    scenes = [{"id": f"s{i}", "kind": "ground", "day": n, "date": d, "cast":
               [p for p, days in work.items() if d in days], "conditions": []}
              for n, d in enumerate(dates, start=1) for i in [n]]
    return {"production": {"mission": {"docking": docking}, "units": [],
                           "people": [{"id": p, "name": p.title(), "aboard": aboard.get(p, []),
                                       "travel": (travel or {}).get(p, [])} for p in work]},
            "days": [{"number": n, "date": d} for n, d in enumerate(dates, start=1)],
            "scenes": scenes, "ground": ground}


def test_dood_codes_worked_by_hand():
    # Worked out by hand from the code definitions (DESIGN.md; dood.py's docstring):
    # ann works 1, 2 and 4 Oct (3 Oct held), bob only on 2 Oct; cat works 1 Oct and again
    # on 20 Oct after 18 free days (dropped the day after, picked up on the 20th, since
    # 18 >= DROP_MIN_GAP_DAYS); dan flies up on 4 Oct (after the docking) and home on 21 Oct,
    # works 20 Oct, and waits aboard: held between.
    assert DROP_MIN_GAP_DAYS <= 18
    document = _tiny_document(
        {"ann": ["2021-10-01", "2021-10-02", "2021-10-04"], "bob": ["2021-10-02"],
         "cat": ["2021-10-01", "2021-10-20"], "dan": ["2021-10-20"]},
        {"dan": [["2021-10-04T10:00:00.000Z", "2021-10-21T03:00:00.000Z"]]},
        docking="2021-10-04T08:00:00.000Z", travel={"dan": ["2021-10-04", "2021-10-21"]})
    columns, rows = day_out_of_days(document)
    assert columns[0] == date(2021, 10, 1) and columns[-1] == date(2021, 10, 21)
    codes = {row.id: [row.codes[c] for c in columns] for row in rows}
    blank = [""] * 21
    ann = ["SW", "W", "H", "WF"] + blank[4:]
    bob = ["", "SWF"] + blank[2:]
    cat = ["SW", "D"] + [""] * 17 + ["PW", ""]
    dan = ["", "", "", "TR"] + ["H"] * 15 + ["SW", "TR"]
    # dan works once: start and finish the same day.
    dan[19] = "SWF"
    assert codes == {"ann": ann, "bob": bob, "cat": cat, "dan": dan}
    totals = {row.id: (row.work_days, row.hold_days, row.travel_days, row.paid_days)
              for row in rows}
    assert totals == {"ann": (3, 1, 0, 4), "bob": (1, 0, 0, 1), "cat": (2, 0, 0, 2),
                      "dan": (1, 15, 2, 18)}


def test_dood_work_days_recounted_from_the_schedule(document):
    columns, rows = day_out_of_days(document)
    unit = set(document["production"]["units"][0]["people"]) if document["production"][
        "units"] else set()
    for row in rows:
        dates = {e["date"] for e in document["scenes"] if row.id in e["cast"]
                 or (row.id in unit and e["kind"] == "orbital")}
        assert row.work_days == len(dates), row.id
        assert set(row.codes.values()) <= set(CODES) | {""}
    text = dood_csv(document)
    table = list(csv.DictReader(io.StringIO(text)))
    assert [r["id"] for r in table] == [row.id for row in rows]
    assert [int(r["work"]) for r in table] == [row.work_days for row in rows]
    assert "<table class=\"dood\">" in dood_html(document)


# -- CSV ----------------------------------------------------------------------------------

def test_schedule_csv_rows(document):
    rows = list(csv.DictReader(io.StringIO(schedule_csv(document))))
    shot = [r for r in rows if r["status"] == "scheduled"]
    assert [r["scene"] for r in shot] == [e["id"] for e in document["scenes"]]
    assert [r["start"] for r in shot] == [e["start"] for e in document["scenes"]]
    unshot = [r for r in rows if r["status"] == "unscheduled"]
    assert [(r["scene"], r["reason"]) for r in unshot] == [
        (u["id"], u["reason"]) for u in document["unscheduled"]]
    for row, entry in zip(shot, document["scenes"]):
        if entry["kind"] == "orbital":
            minutes = (parse_iso(entry["end"]) - parse_iso(entry["shoot_start"])) / MINUTE_S
            assert float(row["shoot_min"]) == pytest.approx(minutes, abs=1e-6)


# -- report.html, statically ----------------------------------------------------------------

def test_report_is_self_contained(document):
    html = report_html(document)
    page = Elements(html)
    assert not page.having("script") and not page.having("img")
    for tag, attrs in page.tags:
        for key in ("src", "href", "xlink:href"):
            value = attrs.get(key) or ""
            # Links to the plan's own files are relative; nothing names a server.
            assert not re.match(r"^(https?:)?//", value), (tag, key, value)
    assert "@import" not in html and "url(http" not in html
    ids = [a["id"] for _, a in page.tags if "id" in a]
    assert len(ids) == len(set(ids))


def test_report_has_a_map_a_day_and_a_timeline_an_orbital_day(document):
    page = Elements(report_html(document))
    assert len(page.having("figure", **{"class": "map"})) == len(document["days"])
    orbital = [d for d in document["days"] if d["kind"] != "ground"]
    assert len(page.having("figure", **{"class": "timeline"})) == len(orbital)
    labels = [a.get("aria-label", "") for a in page.having("svg")]
    assert sum("ground track" in label for label in labels) == len(orbital)
    # Each scene is labelled on its day's map.
    text = "".join(page.text)
    for entry in document["scenes"]:
        if entry["kind"] == "orbital":
            assert f"Sc {entry['id']}" in text
    assert len(page.having("tr", **{"class": "strip"})) == (
        len(document["scenes"]) + len(document["days"]) + len(document["unscheduled"]))


def test_report_summary_states_what_did_not_fit():
    html = report_html(unschedulable_plan())
    rows = _table_rows(html, "unscheduled")
    assert rows == [["x", "INT. CUPOLA", unschedulable_plan()["unscheduled"][0]["reason"]
                     .replace("'", "&#x27;")]]


def test_report_of_a_plan_with_no_day_aboard():
    # A plan whose every scene is on the ground still renders (no track, no timeline).
    document = fresh(unschedulable_plan())
    document["scenes"] = [e for e in document["scenes"] if e["kind"] == "ground"]
    document["days"] = [d for d in document["days"] if d["kind"] == "ground"]
    page = Elements(report_html(document))
    assert len(page.having("figure", **{"class": "map"})) == 1
    assert not page.having("figure", **{"class": "timeline"})


def test_ground_travel_days_are_travel_for_whoever_is_held_across_them():
    # The ground unit travels on 3 Oct between places; ann works 2 and 4 Oct (held across:
    # TR), bob only on 4 Oct (not held before: nothing on the 3rd).
    document = _tiny_document({"ann": ["2021-10-02", "2021-10-04"], "bob": ["2021-10-04"]},
                              {}, ground={"travel": [{"dates": ["2021-10-03"], "from": "p",
                                                      "to": "q", "cost": 1}]})
    columns, rows = day_out_of_days(document)
    codes = {row.id: [row.codes[c] for c in columns] for row in rows}
    assert codes == {"ann": ["SW", "TR", "WF"], "bob": ["", "", "SWF"]}


def test_days_nobody_works_collapse_into_one_column():
    # Work on 1 and 2 Oct and again on 20 Oct: the 17 days between, when nobody works,
    # holds or travels (cat is dropped after the 1st), read as one column.
    document = _tiny_document({"cat": ["2021-10-01", "2021-10-20"], "dee": ["2021-10-02"]},
                              {})
    columns, rows = day_out_of_days(document)
    groups = column_groups(columns, rows)
    assert groups[:2] == [(date(2021, 10, 1), date(2021, 10, 1)),
                          (date(2021, 10, 2), date(2021, 10, 2))]
    # The 2nd holds dee's work and cat's drop; 3 to 19 Oct is one column.
    assert groups[2] == (date(2021, 10, 3), date(2021, 10, 19)) and len(groups) == 4
    head = dood_csv(document).splitlines()[0]
    assert "off 2021-10-03..2021-10-19" in head


def test_the_challenge_crews_travel_as_they_flew():
    # Shkaplerov flew up with the film crew on MS-19 and stayed; Novitskiy, aboard since
    # April, flew them home on MS-18 on 17 October 2021 (NASA Space Station blog).
    people = {p["id"]: p for p in challenge_plan()["production"]["people"]}
    assert people["shkaplerov"]["travel"] == ["2021-10-05"]
    assert people["novitskiy"]["travel"] == ["2021-10-17"]
    assert people["peresild"]["travel"] == ["2021-10-05", "2021-10-17"]
    assert people["dubrov"]["travel"] == []


def test_payroll_codes_travel_pickup_and_no_empty_columns_before_work():
    # Worked out by hand from the codes (DESIGN.md): eve trains on 1-2 Sep 2021 (R, from
    # the training plan), is off the books from 3 Sep, travels with the ground unit on
    # 4 Oct (held across it between her scenes of 1 and 5 Oct), and works 1 and 5 Oct.
    # fay works 1 Oct, then 20 Oct after 18 free days (>= DROP_MIN_GAP_DAYS): dropped the
    # day after, back as PW; a trip on 19 Oct before that pick-up does not take the PW.
    assert DROP_MIN_GAP_DAYS <= 18
    document = _tiny_document(
        {"eve": ["2021-10-01", "2021-10-05"], "fay": ["2021-10-01", "2021-10-20"]}, {},
        travel={"fay": ["2021-10-19"]},
        ground={"travel": [{"dates": ["2021-10-04"], "from": "p", "to": "q", "cost": 1}]})
    document["training"] = {"sessions": [
        {"start": f"2021-09-0{d}T09:00:00+03:00", "kind": "lecture", "people": ["eve"]}
        for d in (1, 2)]}
    columns, rows = day_out_of_days(document)
    codes = {row.id: row.codes for row in rows}
    assert codes["fay"][date(2021, 10, 19)] == "TR"
    assert codes["fay"][date(2021, 10, 20)] == "PW"
    assert codes["eve"][date(2021, 10, 4)] == "TR"
    head = dood_csv(document).splitlines()[0].split(",")
    # The travel day has a column of its own, headed as travel, not off.
    assert "travel 2021-10-04" in head
    # Training on 1-2 Sep, eve dropped on the 3rd (D), then nobody on the books until
    # 1 Oct: no column for those empty days.
    assert head[2:5] == ["training 2021-09-01..2021-09-02", "off 2021-09-03",
                         "Day 1 2021-10-01"]
    assert codes["eve"][date(2021, 9, 3)] == "D"
