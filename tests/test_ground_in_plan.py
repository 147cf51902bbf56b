"""The ground unit in the plan: every day it works is called, on dates the road to orbit allows.

The Challenge's ground scenes are planned with its training and the launch of 5 Oct 2021.
The public record (the example's comments): admitted 16 Sep, at Baikonur 18 Sep, liftoff
5 Oct; ``prelaunch_days = 17`` and ``to_site_days = 2`` say the same.
"""

from __future__ import annotations

import csv
import json
from datetime import date, timedelta

import pytest

from orbitfilm.plan.stage import make_plan
from orbitfilm.schedule.problem import SolveOptions

LIFTOFF = date(2021, 10, 5)      # Soyuz MS-19, 08:55 UTC
AT_BAIKONUR = date(2021, 9, 18)  # the crew's arrival (tema-kz.net)
LEFT_STAR_CITY = date(2021, 9, 16)  # admitted by the commission, then on their way
BAIKONUR = {"baikonur-cosmonaut-hotel", "baikonur-site-31"}


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    out = tmp_path_factory.mktemp("ground") / "plan"
    make_plan(None, out, options=SolveOptions(time_limit_s=5))
    return out, json.loads((out / "plan.json").read_text())


def _ground_dates(document) -> dict[str, list[str]]:
    return document["ground"]["dates"]


def test_the_challenge_has_a_ground_scene_over_two_days(plan):
    # The walk to the rocket (scene 6) is a whole day after the half-day scene 5 on the same
    # day at Baikonur: it runs over two shooting days, the case a call sheet must not miss.
    _, document = plan
    assert any(len(dates) > 1 for dates in _ground_dates(document).values())


def test_every_ground_day_has_a_call_sheet_a_one_liner_day_and_work_codes(plan):
    out, document = plan
    days = {d["date"]: d for d in document["days"]}
    oneliner = (out / "oneliner.txt").read_text()
    ics = (out / "calendar.ics").read_text()
    dood = list(csv.reader((out / "dood.csv").read_text().splitlines()))
    header, rows = dood[0], {row[0]: row for row in dood[1:]}
    cast = {s["id"]: s["cast"] for s in document["production"]["scenes"]}
    for scene_id, dates in _ground_dates(document).items():
        for day_text in dates:
            day = days[day_text]
            assert scene_id in day["scenes"]
            sheet = out / "callsheets" / f"day-{day['number']:02d}.html"
            assert sheet.exists(), day_text
            assert f"call sheet, day {day['number']}" in sheet.read_text()
            headline = date.fromisoformat(day_text).strftime("%-d %B %Y")
            assert f"DAY {day['number']} of {len(days)}" in oneliner and headline in oneliner
            assert f"DTSTART;VALUE=DATE:{day_text.replace('-', '')}" in ics
            column = next(i for i, h in enumerate(header) if h.endswith(day_text))
            for person_id in cast[scene_id]:
                assert rows[person_id][column] in ("SW", "W", "WF", "SWF", "PW"), \
                    (person_id, day_text, rows[person_id][column])


def test_scenes_at_the_launch_site_happen_while_the_crew_is_there(plan):
    _, document = plan
    location = {s["id"]: s["location"] for s in document["production"]["scenes"]}
    for scene_id, dates in _ground_dates(document).items():
        for day in map(date.fromisoformat, dates):
            if location[scene_id] in BAIKONUR:
                # After the day of arrival (a travel day), before the launch.
                assert AT_BAIKONUR < day < LIFTOFF, (scene_id, day)
            else:
                assert day <= LEFT_STAR_CITY, (scene_id, day)


def test_every_journey_returns_or_ends_at_the_launch(plan):
    out, document = plan
    dood = list(csv.reader((out / "dood.csv").read_text().splitlines()))
    header, rows = dood[0], dood[1:]
    columns = [h.split()[-1] for h in header]
    flying = {p["id"] for p in document["production"]["people"] if p["aboard"]}
    baikonur_days = {d for scene_id, dates in _ground_dates(document).items()
                     for d in dates if next(s for s in document["production"]["scenes"]
                                            if s["id"] == scene_id)["location"] in BAIKONUR}
    last_baikonur = max(baikonur_days)
    for row in rows:
        person_id = row[0]
        codes = dict(zip(columns, row))
        works_there = any(codes.get(d) in ("SW", "W", "WF", "SWF", "PW") for d in baikonur_days)
        if not works_there:
            continue
        if person_id in flying:
            # One trip to the site, ending at the launch: travel days before the first
            # Baikonur scene, none between it and the launch.
            trips = [c for c, code in codes.items() if code == "TR"
                     and "." not in c and c < LIFTOFF.isoformat()]
            assert trips and max(trips) < min(baikonur_days), person_id
        else:
            # Someone who stays on the ground travels home after their last scene there.
            home = (date.fromisoformat(last_baikonur) + timedelta(days=1)).isoformat()
            assert codes.get(home) == "TR", person_id
