"""The report's figures, hand-written SVG: what each shows, and labels a person can read.

The maps are checked against the plan document they are drawn from (each scene labelled
beside the sub-points it is shot over, in the map's plate-carrée pixels), the labels for
legibility (inside the map, none on another), the timelines for their rows.
"""

from __future__ import annotations

import re
from itertools import combinations

import numpy as np
import pytest
from test_report_fixtures import challenge_plan, unschedulable_plan

from orbitfilm.report.dood import entry_people
from orbitfilm.report.figures import text_width_px
from orbitfilm.report.labels import Box, place_labels
from orbitfilm.report.maps import (LAT_LIMITS_DEG, WORLD_WIDTH_PX, day_map_svg, map_frame,
                                   track_arrays)
from orbitfilm.report.timeline import beta_svg, day_timeline_svg, rows_of
from orbitfilm.times import parse_iso

PLANS = {"challenge": challenge_plan, "unschedulable": unschedulable_plan}
NUMBER = r"(-?[\d.]+)"


@pytest.fixture(params=sorted(PLANS))
def document(request):
    return PLANS[request.param]()


def _labels(svg: str) -> dict[str, Box]:
    """Return each map label's words and its backing box."""
    found = re.findall(rf'<g class="map-label"><rect x="{NUMBER}" y="{NUMBER}" '
                       rf'width="{NUMBER}" height="{NUMBER}"[^>]*/><text[^>]*>([^<]*)</text>',
                       svg)
    return {words.replace("&amp;", "&"): Box(*map(float, numbers))
            for *numbers, words in found}


def _clip_box(svg: str) -> Box:
    found = re.search(rf'<clipPath id="[^"]+"><rect x="{NUMBER}" y="{NUMBER}" '
                      rf'width="{NUMBER}" height="{NUMBER}"/>', svg)
    return Box(*map(float, found.groups()))


def _inside(box: Box, frame: Box) -> bool:
    return (box.left_px >= frame.left_px - 0.1 and box.top_px >= frame.top_px - 0.1
            and box.left_px + box.width_px <= frame.left_px + frame.width_px + 0.1
            and box.top_px + box.height_px <= frame.top_px + frame.height_px + 0.1)


def test_map_labels_stay_inside_the_map_and_apart(document):
    for day in document["days"]:
        svg = day_map_svg(document, day)
        labels, frame = _labels(svg), _clip_box(svg)
        assert labels, day["number"]
        assert all(_inside(box, frame) for box in labels.values()), day["number"]
        for (a, box_a), (b, box_b) in combinations(labels.items(), 2):
            assert box_a.overlap_px2(box_b) == 0.0, (day["number"], a, b)


def test_each_scene_is_labelled_beside_where_it_is_shot():
    # The label sits within 40 px (about 15 degrees) of the sub-point at the middle of the
    # shooting: the map's plate carrée puts longitude and latitude linearly on x and y.
    document = challenge_plan()
    frame = map_frame(WORLD_WIDTH_PX, (-180.0, 180.0), LAT_LIMITS_DEG)
    for day in (d for d in document["days"] if d["kind"] != "ground"):
        labels = _labels(day_map_svg(document, day))
        times_s, lat, lon = track_arrays(document, day)
        for entry in (e for e in document["scenes"] if e["day"] == day["number"]):
            middle_s = (parse_iso(entry["shoot_start"]) + parse_iso(entry["end"])) / 2
            index = np.argmin(np.abs(times_s - middle_s))
            x, y = float(frame.x(lon[index])), float(frame.y(lat[index]))
            near_x, near_y = labels[f"Sc {entry['id']}"].nearest_point(x, y)
            assert np.hypot(near_x - x, near_y - y) < 40.0, (day["number"], entry["id"])


def test_ground_map_marks_each_location_with_its_scenes():
    document = challenge_plan()
    places = {loc["id"]: loc["name"] for loc in document["production"]["locations"]}
    for day in (d for d in document["days"] if d["kind"] == "ground"):
        labels = _labels(day_map_svg(document, day))
        for entry in (e for e in document["scenes"] if e["day"] == day["number"]):
            assert any(words.startswith("Sc ") and entry["id"] in words.split(":")[0].split()
                       and words.endswith(places[entry["location"]]) for words in labels)


def test_crowded_labels_near_a_corner_stay_inside_and_apart():
    bounds = Box(0.0, 0.0, 300.0, 200.0)
    sizes = [(text_width_px(f"Sc {n}", 10.5, True) + 5.0, 15.5) for n in range(8)]
    boxes = place_labels([(290.0, 10.0)] * 8, sizes, bounds)
    assert all(_inside(box, bounds) for box in boxes)
    assert all(a.overlap_px2(b) == 0.0 for a, b in combinations(boxes, 2))


def test_text_widths_match_dejavu_sans():
    # DejaVu Sans at 1000 units an em: "0" is 636 units, "Sc 12" 635 + 550 + 318 + 2 * 636.
    assert text_width_px("0", 10.0) == pytest.approx(6.36)
    assert text_width_px("Sc 12", 1000.0) == pytest.approx(635 + 550 + 318 + 2 * 636)


def test_timeline_rows_are_contacts_people_and_modules(document):
    names = {p["id"]: p["name"] for p in document["production"]["people"]}
    for day in (d for d in document["days"] if d["kind"] != "ground"):
        svg = day_timeline_svg(document, day)
        stations, people, modules = rows_of(document, day)
        labels = re.findall(r'<text x="[^"]+" y="[^"]+" text-anchor="end" font-size="10.5" '
                            r'fill="[^"]+">([^<]*)</text>', svg)
        assert labels == ([f"contact {s}" for s in stations] + [names[p] for p in people]
                          + [f"module {m}" for m in modules])
        entries = [e for e in document["scenes"] if e["day"] == day["number"]]
        # A bar a scene on each of its people's rows and on its module's row.
        bars = sum(len(entry_people(document, e)) + 1 for e in entries)
        assert svg.count('stroke="#111111" stroke-width="0.9"') == bars


def test_figures_are_titled_images_with_ids_of_their_own(document):
    figures = [beta_svg(document)]
    for day in document["days"]:
        figures.append(day_map_svg(document, day))
        if day["kind"] != "ground":
            figures.append(day_timeline_svg(document, day))
    seen: set[str] = set()
    for svg in figures:
        assert re.match(r'<svg [^>]*role="img" aria-label="[^"]+"', svg)
        assert "<script" not in svg and "http://" not in svg.replace(
            'xmlns="http://www.w3.org/2000/svg"', "")
        ids = re.findall(r'\bid="([^"]+)"', svg)
        assert all(ref in ids for ref in re.findall(r"url\(#([^)]+)\)", svg))
        assert not seen & set(ids)
        seen |= set(ids)
