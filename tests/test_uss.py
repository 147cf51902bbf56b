"""The Universal Schedule Standard (formerly EIBF) out and in: schedule.uss and import.

Checked against the standard's own material, copied into tests/data/uss/ (README there):
the JSON Schema of the project's validator (uss-validator, schemas/schema_v1.0.0.js,
transcribed to JSON), the validator's parity rules (ported below, one assertion each), the
Universal Category Identification's category list, and the standard's small sample file.
"""

from __future__ import annotations

import json
from datetime import date

import jsonschema
import pytest

from clirun import run
from conftest import DATA
from orbitfilm.formats.uss import heading_words, import_uss, uss_document, uss_text
from orbitfilm.production import load_production
from orbitfilm.production.breakdown import BY_UCID, category_key
from orbitfilm.production.examples import example_path
from test_report_fixtures import challenge_plan, unschedulable_plan

USS = DATA / "uss"


def ajv_schema(node):
    """Return the validator's schema for Python's jsonschema.

    The validator runs it with Ajv, whose ``nullable: true`` (the OpenAPI keyword Ajv
    supports) lets a value also be null; JSON Schema says the same with a type list.
    """
    if isinstance(node, dict):
        node = {key: ajv_schema(value) for key, value in node.items()}
        if node.pop("nullable", False):
            node["type"] = [node["type"], "null"]
        return node
    if isinstance(node, list):
        return [ajv_schema(value) for value in node]
    return node


SCHEMA = ajv_schema(json.loads((USS / "schema_v1.0.0.json").read_text("utf-8")))


@pytest.fixture(scope="module", params=["challenge", "unschedulable"])
def plan(request):
    return challenge_plan() if request.param == "challenge" else unschedulable_plan()


def test_output_is_valid_against_the_validators_schema(plan):
    jsonschema.validate(json.loads(uss_text(plan)), SCHEMA)


def test_the_sample_file_is_valid_against_the_same_schema():
    # The schema as transcribed accepts the standard's own sample: the transcription holds.
    jsonschema.validate(json.loads((USS / "small_sample_schedule.uss").read_text("utf-8")),
                        SCHEMA)


def test_output_keeps_the_validators_parity_rules(plan):
    uss = uss_document(plan)["universalScheduleStandard"]
    elements = {e["id"] for e in uss["elements"]}
    categories = {c["id"] for c in uss["categories"]}
    breakdowns = {b["id"] for b in uss["breakdowns"]}
    # breakdownElementIdsInElements, elementsHaveCategory, linkedElementsInElements
    assert all(set(b["elements"]) <= elements for b in uss["breakdowns"])
    assert all(e["category"] in categories for e in uss["elements"])
    assert all(set(e["linkedElements"] or []) <= elements for e in uss["elements"])
    for stripboard in uss["stripboards"]:
        on_boards = [b for board in stripboard["boards"] for item in board["breakdownIds"]
                     for b in (item if isinstance(item, list) else [item])]
        # boardsBreakdownIdsEqualsBreakdowns, boardsBreakdownIdsExistsInBreakdowns
        assert len(on_boards) == len(uss["breakdowns"]) and set(on_boards) == breakdowns
        # stripboardsHaveCalendar
        assert stripboard["calendar"] in {c["id"] for c in uss["calendars"]}
    # calendarsHaveStart
    assert all(any(e["type"] == "start" for e in c["events"]) for c in uss["calendars"])


def test_categories_carry_the_standards_numbers():
    # Universal Category Identification, samples/categoryTypes.json: every standard
    # category (below 500; 500 and 501 are its examples of custom ones) is ours, by number
    # and by name.
    listed = json.loads((USS / "categoryTypes.json").read_text("utf-8"))["categoryTypes"]
    standard = [c for c in listed if c["id"] < 500]
    assert len(standard) == 7 + 27
    for category in standard:
        assert category_key(category["name"]) == BY_UCID[category["id"]].key


def test_a_scene_becomes_a_breakdown_with_its_elements():
    uss = uss_document(unschedulable_plan())["universalScheduleStandard"]
    names = {e["id"]: e["name"] for e in uss["elements"]}
    ucids = {c["id"]: c["ucid"] for c in uss["categories"]}
    by_category = {e["id"]: ucids[e["category"]] for e in uss["elements"]}
    scene = next(b for b in uss["breakdowns"] if b["scene"] == "2")
    found = {(by_category[i], names[i]) for i in scene["elements"]}
    # INT. ZVEZDA - ORBITAL NIGHT, cast ZHENYA and OLEG, 12 eighths, 20 min of shooting
    # after 10 min of set-up (test_report_fixtures.UNSCHEDULABLE_TOML).
    assert {(1, "INT"), (0, "ZVEZDA"), (2, "ORBITAL NIGHT"), (100, "ZHENYA"), (100, "OLEG"),
            (123, "set-up: 10 min")} <= found
    assert (scene["pages"], scene["duration"]) == (1.5, 20 * 60_000)
    cast = [e for e in uss["elements"] if by_category[e["id"]] == 100]
    # Board numbers in order of first appearance; nobody aboard is dropped on the DOOD.
    assert [(e["name"], e["elementId"], e["isDrop"]) for e in cast] == [
        ("ZHENYA", "1", False), ("OLEG", "2", False), ("DOUBLE", "3", True)]


def test_the_unschedulable_scene_is_in_the_boneyard():
    uss = uss_document(unschedulable_plan())["universalScheduleStandard"]
    board = {b["name"]: b for b in uss["stripboards"][0]["boards"]}
    scene_of = {b["id"]: b["scene"] for b in uss["breakdowns"]}
    assert [scene_of[i] for i in board["boneyard"]["breakdownIds"]] == ["x"]


@pytest.mark.parametrize("heading, words", [
    ("INT. STAR CITY - CENTRIFUGE - DAY", ("INT", "STAR CITY - CENTRIFUGE", "DAY")),
    ("INT. CUPOLA - ORBITAL DAY - EARTH BELOW NIGHT",
     ("INT", "CUPOLA", "ORBITAL DAY - EARTH BELOW NIGHT")),
    ("EXT. BAIKONUR - SITE 31 - DAY", ("EXT", "BAIKONUR - SITE 31", "DAY")),
    ("INT. ZVEZDA", ("INT", "ZVEZDA", None)),
])
def test_headings_split_into_the_three_scene_elements(heading, words):
    assert heading_words(heading) == words


# -- the round trip ------------------------------------------------------------------------

KEYS = ("heading", "location", "setup_min", "shoot_min", "days", "eighths", "light", "earth",
        "over", "contact", "conditions", "synopsis", "elements")


def test_round_trip_keeps_scenes_cast_order_and_days(tmp_path):
    document = challenge_plan()
    (tmp_path / "schedule.uss").write_text(uss_text(document), encoding="utf-8")
    import_uss(tmp_path / "schedule.uss", tmp_path / "back.toml",
               base=example_path("challenge-2021"))
    back = load_production(tmp_path / "back.toml")
    original = load_production(example_path("challenge-2021"))
    # Order: the stripboard's (a split scene where its first piece is), then the boneyard.
    shot = list(dict.fromkeys(entry["id"] for entry in document["scenes"]))
    assert [s.id for s in back.scenes] == shot + [u["id"] for u in document["unscheduled"]]
    for scene in back.scenes:
        before = original.scene(scene.id)
        assert {k: getattr(scene, k) for k in KEYS} == {k: getattr(before, k) for k in KEYS}
        assert [p.id for p in back.cast_of(scene)] == [p.id for p in original.cast_of(before)]
    # Days: each scheduled scene wishes for the day the plan shot it (its first piece's).
    first_day = {}
    for entry in document["scenes"]:
        first_day.setdefault(entry["id"], date.fromisoformat(entry["date"]))
    assert {s.id: s.preferred_days for s in back.scenes if s.preferred_days} == {
        scene_id: [day] for scene_id, day in first_day.items()}


def test_the_standards_sample_imports(tmp_path):
    output = tmp_path / "sample.toml"
    result = run("import", str(USS / "small_sample_schedule.uss"), "-o", str(output))
    assert result.stdout.startswith(f"wrote {output}: 1 scene, 2 people and 1 location added")
    production = load_production_shape(output)
    # The sample's one scene: EXT + BEDFORD FALLS BRIDGE + NIGHT, GEORGE and CLARENCE,
    # Zuzu's Petals a prop, 2/8 of a page (pages 0.25), 95 minutes (5,700,000 ms), on the
    # first stripboard ("Script Order", no day breaks, so no day to wish for).
    (scene,) = production["scenes"]
    assert scene["id"] == "89PT1"
    assert scene["heading"] == "EXT. BEDFORD FALLS BRIDGE - NIGHT"
    assert scene["cast"] == ["george", "clarence"] and scene["eighths"] == 2
    assert scene["elements"] == {"props": ["Zuzu's Petals"]}
    # A ground scene (plain NIGHT): 95 min of a 12-hour shooting day, 0.132 days.
    assert scene["days"] == round(95 / 720, 3) and scene["light"] == "night"
    assert "preferred_days" not in scene


def load_production_shape(path):
    import tomllib

    return tomllib.loads(path.read_text("utf-8"))


def test_days_come_from_the_calendar_skipping_days_off(tmp_path):
    # The sample's second stripboard ("First Pass") puts both breakdowns on one day; its
    # calendar starts on Monday 20 June 2022 with weekends off. Made the first stripboard:
    uss = json.loads((USS / "small_sample_schedule.uss").read_text("utf-8"))
    boards = uss["universalScheduleStandard"]["stripboards"]
    boards.reverse()
    first_pass = boards[0]["boards"][0]
    first_pass["breakdownIds"] = [[], [], [], [], [], ["5cfe7d2510c4330017ab5ed1"]]
    (tmp_path / "pass.uss").write_text(json.dumps(uss), encoding="utf-8")
    import_uss(tmp_path / "pass.uss", tmp_path / "pass.toml")
    (scene,) = load_production_shape(tmp_path / "pass.toml")["scenes"]
    # Days 1-5 are Mon 20 to Fri 24 June; Saturday and Sunday are off; day 6 is Mon 27.
    assert scene["preferred_days"] == [date(2022, 6, 27)]


# -- bad input -----------------------------------------------------------------------------

@pytest.mark.parametrize("text, words", [
    ('{"universalScheduleStandard": {\n  "breakdowns": [,]}}', "bad.uss:2: not JSON"),
    ('{"entertainmentIndustry": {}}', "bad.uss: not a Universal Schedule Standard file"),
    ('{"universalScheduleStandard": {"breakdowns": [], "categories": [], "elements": {}}}',
     "bad.uss: expected a list (universalScheduleStandard.elements)"),
    ('{"universalScheduleStandard": {"breakdowns": [], "categories": [], "elements": []}}',
     "bad.uss: no scene breakdowns"),
])
def test_bad_files_are_one_line_and_exit_2(tmp_path, text, words):
    (tmp_path / "bad.uss").write_text(text, encoding="utf-8")
    result = run("import", str(tmp_path / "bad.uss"), "-o", str(tmp_path / "out.toml"),
                 check=False)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0], result.stderr


# Two scenes aboard whose headings name no orbital time of day: the module is in the
# heading's first part (Kibo) or the whole place (the Cupola), and the file's Location.
EXTRA_ABOARD = '''
[[locations]]
id = "kibo"
name = "Kibo Japanese Experiment Module"

[[scenes]]
id = "41"
heading = "INT. KIBO - CALL HOME"
synopsis = "Zhenya calls her daughter through Mission Control."
location = "kibo"
cast = ["zhenya"]
shoot_min = 10
conditions = ["contact:tsup"]

[[scenes]]
id = "42"
heading = "INT. CUPOLA - MOON"
synopsis = "The Moon over the limb."
location = "cupola"
cast = ["zhenya"]
shoot_min = 5
conditions = ["moon_up"]
'''


def test_scenes_aboard_come_back_aboard_and_the_production_checks(tmp_path):
    # Before, both came back as ground scenes at invented locations, and check failed.
    from orbitfilm.mission import check_file, prepare_flight
    from orbitfilm.plan.document import build_plan
    from orbitfilm.production.examples import example_text

    source = tmp_path / "film.toml"
    source.write_text(example_text("challenge-2021.toml") + EXTRA_ABOARD)
    production = load_production(source)
    (tmp_path / "schedule.uss").write_text(
        uss_text(build_plan(prepare_flight(production), None, None)), encoding="utf-8")
    import_uss(tmp_path / "schedule.uss", tmp_path / "back.toml", base=source)
    check_file(tmp_path / "back.toml", orbit=False)  # raises on any mistake
    back = load_production(tmp_path / "back.toml")
    assert sorted(s.id for s in back.orbital_scenes()) == \
        sorted(s.id for s in production.orbital_scenes())
    for scene_id, location, conditions in (("41", "kibo", ["contact:tsup"]),
                                           ("42", "cupola", ["moon_up"])):
        scene = back.scene(scene_id)
        assert scene.location == location and not scene.is_ground
        assert scene.condition_names() == conditions
