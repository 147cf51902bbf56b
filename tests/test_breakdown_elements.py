"""A scene's breakdown elements (props, wardrobe ...): in the file, the plan and the pages."""

from __future__ import annotations

import re

import pytest

from orbitfilm.errors import InputErrors
from orbitfilm.production.loader import parse_production
from orbitfilm.report.callsheet import callsheet_html
from orbitfilm.report.stripboard import stripboard_html
from test_report_fixtures import UNSCHEDULABLE_TOML, fresh, unschedulable_plan

ELEMENTS = {"props": ["torch", "camera"], "wardrobe": ["Sokol suit"],
            "puppeteers": ["Misha"]}


def with_elements(document: dict) -> dict:
    document = fresh(document)
    scene = next(s for s in document["production"]["scenes"] if s["id"] == "2")
    scene["elements"] = ELEMENTS
    return document


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_elements_are_read_from_the_production_file():
    toml = UNSCHEDULABLE_TOML.replace('light = "night"', 'light = "night"\n\n[scenes.elements]\n'
                                      'props = ["torch", "camera"]\nwardrobe = ["Sokol suit"]', 1)
    production = parse_production(toml)
    assert production.scene("2").elements == {"props": ["torch", "camera"],
                                               "wardrobe": ["Sokol suit"]}


def test_a_category_that_is_not_a_slug_is_a_mistake_at_its_line():
    toml = UNSCHEDULABLE_TOML.replace('light = "night"', 'light = "night"\n\n[scenes.elements]\n'
                                      '"Props!" = ["torch"]', 1)
    with pytest.raises(InputErrors) as caught:
        parse_production(toml)
    assert "scenes[1].elements" in str(caught.value)


def test_the_stripboard_shows_a_scenes_elements_by_category():
    html = stripboard_html(with_elements(unschedulable_plan()))
    row = re.search(r'<tr class="strip[^"]*" data-scene="2".*?</tr>', html, re.S).group(0)
    # Standard categories by the standard's names; a production's own in words.
    assert "Props: torch, camera; Wardrobe: Sokol suit; Puppeteers: Misha" in text_of(row)


def test_the_call_sheet_lists_what_the_days_scenes_need():
    document = with_elements(unschedulable_plan())
    day = next(e["day"] for e in document["scenes"] if e["id"] == "2")
    text = text_of(callsheet_html(document, day))
    assert "Props, wardrobe and equipment" in text
    for row in ("Props torch 2", "Props camera 2", "Wardrobe Sokol suit 2",
                "Puppeteers Misha 2"):
        assert row in text


def test_a_day_with_no_elements_has_no_such_section():
    document = unschedulable_plan()
    assert "Props, wardrobe" not in callsheet_html(document, 1)
