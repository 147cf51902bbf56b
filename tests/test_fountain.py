"""The Fountain reader against the examples of the spec (fountain.io/syntax), and the import.

The screenplay snippets below are the spec's own examples (Brick & Steel, by Stu Maschwitz,
as the syntax page gives them), shortened where only the first lines matter.
"""

from __future__ import annotations

import tomllib

import pytest

from orbitfilm.errors import InputError, OutputExistsError
from orbitfilm.production import load_production
from orbitfilm.production.examples import example_text
from orbitfilm.production.fountain import parse_fountain
from orbitfilm.production.script_import import (ImportRates, cast_notes, import_fountain,
                                                production_document, script_scenes,
                                                split_heading)


def kinds(text: str) -> list[tuple[str, str]]:
    return [(e.kind, e.text) for e in parse_fountain(text).elements]


def test_scene_heading_and_action():
    text = ("EXT. BRICK'S PATIO - DAY\n\nA gorgeous day.  The sun is shining.  But BRICK "
            "BRADDOCK, retired police detective, is sitting quietly, contemplating -- "
            "something.\n")
    assert kinds(text)[0] == ("scene_heading", "EXT. BRICK'S PATIO - DAY")
    assert kinds(text)[1][0] == "action"


def test_forced_scene_heading_with_a_period():
    text = "\n.SNIPER SCOPE POV\n\nFrom what seems like only INCHES AWAY.\n"
    assert kinds(text)[0] == ("scene_heading", "SNIPER SCOPE POV")


def test_a_leading_ellipsis_is_not_a_forced_heading():
    assert kinds("\n...and then he left.\n")[0][0] == "action"


@pytest.mark.parametrize("heading, number", [
    ("INT. HOUSE - DAY #1#", "1"), ("INT. HOUSE - DAY #1A#", "1A"),
    ("INT. HOUSE - DAY #1a#", "1a"), ("INT. HOUSE - DAY #A1#", "A1"),
    ("INT. HOUSE - DAY #I-1-A#", "I-1-A"), ("INT. HOUSE - DAY #1.#", "1."),
    ("INT. HOUSE - DAY - FLASHBACK (1944) #110A#", "110A"),
])
def test_scene_numbers_of_the_spec(heading, number):
    element = parse_fountain(f"\n{heading}\n\nAction.\n").elements[0]
    assert element.kind == "scene_heading" and element.scene_number == number
    assert "#" not in element.text


def test_character_dialogue_and_parenthetical():
    text = "\nSTEEL\n(starting the engine)\nSo much for retirement!\n"
    assert kinds(text) == [("character", "STEEL"), ("parenthetical", "(starting the engine)"),
                           ("dialogue", "So much for retirement!")]


def test_character_extensions_and_forced_mixed_case():
    text = ("\nHANS (on the radio)\nWhat was it you said?\n\n"
            "@McCLANE\nYippie ki-yay! I got my lighter back.\n")
    cues = [e for e in parse_fountain(text).elements if e.kind == "character"]
    assert [(c.text, c.extensions) for c in cues] == [("HANS", ["on the radio"]),
                                                      ("McCLANE", [])]


def test_dual_dialogue_marks_both_cues():
    text = "\nBRICK\nScrew retirement.\n\nSTEEL ^\nScrew retirement.\n"
    cues = [e for e in parse_fountain(text).elements if e.kind == "character"]
    assert [(c.text, c.dual) for c in cues] == [("BRICK", True), ("STEEL", True)]


def test_a_capitalised_line_followed_by_a_blank_is_action_not_a_character():
    assert kinds("\nTHE DOOR OPENS.\n\nNobody.\n")[0][0] == "action"


def test_transitions_regular_and_forced_and_centered():
    text = "\nCUT TO:\n\n> Burn to White.\n\n> THE END <\n"
    assert kinds(text) == [("transition", "CUT TO:"), ("transition", "Burn to White."),
                           ("centered", "THE END")]


def test_notes_are_kept_aside_and_removed_from_the_text():
    text = ("\nINT. TRAILER HOME - DAY\n\nThis is the home of THE BOY BAND, AKA DAN and JACK"
            "[[Or did we think of actual names for these guys?]].  They too are drinking "
            "beer.\n")
    screenplay = parse_fountain(text)
    assert screenplay.notes[0].text == "Or did we think of actual names for these guys?"
    assert screenplay.notes[0].line == 4
    assert "[[" not in screenplay.elements[1].text


def test_boneyard_is_ignored_even_across_lines():
    text = ("\nCOGNITO\nEveryone's coming after you mate!\n\n/*\nINT. GARAGE - DAY\n\n"
            "BRICK and STEEL get into Mom's PORSCHE.\n*/\n\nSTEEL\nYes.\n")
    found = kinds(text)
    assert ("scene_heading", "INT. GARAGE - DAY") not in found
    assert [k for k, _ in found].count("character") == 2


def test_sections_synopses_page_breaks_lyrics():
    text = ("\n# Act\n\n## Sequence\n\n= Set up the characters and the story.\n\n===\n\n"
            "~Willy Wonka! Willy Wonka! The amazing chocolatier!\n")
    found = parse_fountain(text).elements
    assert [(e.kind, e.depth) for e in found[:2]] == [("section", 1), ("section", 2)]
    assert (found[2].kind, found[2].text) == ("synopsis", "Set up the characters and the story.")
    assert [e.kind for e in found[3:]] == ["page_break", "lyrics"]


def test_title_page_with_indented_values():
    text = ("Title:\n    _**BRICK & STEEL**_\n    _**FULL RETIRED**_\nCredit: Written by\n"
            "Author: Stu Maschwitz\nDraft date: 1/20/2012\n\nEXT. BRICK'S PATIO - DAY\n\n"
            "A gorgeous day.\n")
    screenplay = parse_fountain(text)
    assert screenplay.title_page["title"] == "_**BRICK & STEEL**_\n_**FULL RETIRED**_"
    assert screenplay.title_page["draft date"] == "1/20/2012"
    assert screenplay.elements[0].line == 8


def test_lines_are_counted_from_the_source():
    text = "Title: X\n\nINT. A - DAY\n\nACTION here.\n\nBOB\nHi.\n"
    assert [e.line for e in parse_fountain(text).elements] == [3, 5, 7, 8]


# -- headings into conditions -------------------------------------------------------------

@pytest.mark.parametrize("heading, place, conditions, ground", [
    ("INT. CUPOLA - ORBITAL SUNRISE", "CUPOLA", {"light": "sunrise"}, None),
    ("INT. ZVEZDA - ORBITAL NIGHT", "ZVEZDA", {"light": "night"}, None),
    ("INT. CUPOLA - ORBITAL DAY - EARTH BELOW NIGHT", "CUPOLA",
     {"light": "day", "earth": "dark"}, None),
    ("INT./EXT. SOYUZ - ORBITAL SUNSET", "SOYUZ", {"light": "sunset"}, None),
    ("EXT. BAIKONUR - SITE 31 - DAY", "BAIKONUR - SITE 31", {}, "day"),
    ("INT. STAR CITY - NIGHT", "STAR CITY", {}, "night"),
    ("INT. ZVEZDA", "ZVEZDA", {}, None),
])
def test_headings_split_into_place_and_time(heading, place, conditions, ground):
    assert split_heading(heading) == (place, conditions, ground)


def test_scene_length_in_eighths_follows_the_page():
    # 54 lines a page (see PAGE_LINES): a heading (2 lines with its blank) and 25 one-line
    # action paragraphs (2 lines each) fill 52 lines: 52 * 8 / 54 = 7.7, so 8 eighths.
    action = "\n\n".join("Short line." for _ in range(25))
    scene = script_scenes(parse_fountain(f"\nINT. ZVEZDA\n\n{action}\n"))[0]
    assert scene.page_lines == 52 and scene.eighths == 8
    # A tiny scene is still one eighth, the smallest unit of a breakdown.
    tiny = script_scenes(parse_fountain("\nINT. ZVEZDA\n\nGo.\n"))[0]
    assert tiny.eighths == 1


def test_import_rates_turn_eighths_into_minutes_and_days():
    text = "\nINT. ZVEZDA #1#\n\nGo.\n\nEXT. STAR CITY - DAY #2#\n\nGo.\n"
    rates = ImportRates(orbital_min_per_page=80.0, ground_pages_per_day=0.5, setup_min=5.0)
    aboard, ground = production_document(parse_fountain(text), rates)["scenes"]
    # One eighth: 80 / 8 = 10 min aboard; on the ground 1/8 page / 0.5 pages a day = 0.25 d.
    assert (aboard["shoot_min"], aboard["setup_min"]) == (10.0, 5.0)
    assert ground["days"] == 0.25 and ground["light"] == "day"


# -- cast from the action --------------------------------------------------------------------

# Three scenes: the action names characters in capitals, some of whom speak only elsewhere
# (ZHENYA's and OLEG's cues carry extensions); BANG, ISS, TSUP and MS-19 are capitals too but
# nobody's cue, Zhenya in lower case is a mention, VERA has no cue in the script.
CAST_SCRIPT = """
INT. ZVEZDA - ORBITAL NIGHT #1#

BANG. The ISS shudders. ZHENYA floats in; TSUP is on the line and MS-19 is docked.

ANTON
Hold on.

INT. NAUKA #2#

ANTON'S helmet drifts past.

ZHENYA (V.O.)
Catch it.

OLEG (O.S.)
Mine.

INT. CUPOLA #3#

OLEG looks down at the river. Zhenya is asleep; VERA is on the radio.
"""


def test_characters_in_capitals_in_the_action_join_the_cast_with_a_note():
    scenes = script_scenes(parse_fountain(CAST_SCRIPT))
    assert [scene.cast for scene in scenes] == [["anton", "zhenya"],
                                                ["zhenya", "oleg", "anton"], ["oleg"]]
    assert cast_notes(scenes) == ["scene 1: ZHENYA is in the action, added to the cast",
                                  "scene 2: ANTON is in the action, added to the cast",
                                  "scene 3: OLEG is in the action, added to the cast"]


def test_a_character_the_base_plays_joins_from_the_action_without_a_cue():
    scenes = script_scenes(parse_fountain(CAST_SCRIPT), played=["Vera"])
    assert scenes[2].cast == ["oleg", "vera"]
    assert cast_notes(scenes)[-1] == "scene 3: VERA is in the action, added to the cast"


@pytest.mark.parametrize("action, added", [
    # The spec's boneyard example: the two characters, not Mom's car.
    ("BRICK and STEEL get into Mom's PORSCHE.", ["brick", "steel"]),
    # The spec's first example: the cue is BRICK, the action gives his full name.
    ("But BRICK BRADDOCK, retired police detective, is sitting quietly.", ["brick"]),
    ("STEEL'S eyes narrow. BRICK’s do not.", ["steel", "brick"]),
    ("_STEEL_ stares, **BRICK** shrugs.", ["steel", "brick"]),
    ("Steel stares at the BRICKS; a STEELWORKS siren.", []),
])
def test_names_in_the_action_are_whole_words_in_capitals(action, added):
    text = f"\nEXT. PATIO - DAY #1#\n\n{action}\n\nINT. GARAGE - DAY #2#\n\nBRICK\nGo.\n\n" \
        "STEEL\nYes.\n"
    scene = script_scenes(parse_fountain(text))[0]
    assert scene.cast == added


def test_the_import_command_prints_each_character_it_added(tmp_path):
    from typer.testing import CliRunner

    from orbitfilm.cli import app

    script = tmp_path / "s.fountain"
    script.write_text(CAST_SCRIPT, encoding="utf-8")
    output = tmp_path / "out.toml"
    result = CliRunner().invoke(app, ["import", str(script), "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-3:] == [
        "  scene 1: ZHENYA is in the action, added to the cast",
        "  scene 2: ANTON is in the action, added to the cast",
        "  scene 3: OLEG is in the action, added to the cast"]
    scenes = tomllib.loads(output.read_text(encoding="utf-8"))["scenes"]
    assert [scene["cast"] for scene in scenes] == [["anton", "zhenya"],
                                                   ["zhenya", "oleg", "anton"], ["oleg"]]


# -- the bundled script into the bundled production -----------------------------------------

SCENE_KEYS = ("id", "heading", "location", "light", "earth", "over", "contact", "conditions")


def scene_view(scene: dict) -> dict:
    view = {key: scene.get(key) for key in SCENE_KEYS}
    view["cast"] = sorted(scene.get("cast", []))
    view["ground"] = "days" in scene
    return view


def test_the_bundled_script_imports_into_the_bundled_production(tmp_path):
    script = tmp_path / "challenge-2021.fountain"
    script.write_text(example_text("challenge-2021.fountain"), encoding="utf-8")
    output = tmp_path / "imported.toml"
    import_fountain(script, output)
    imported = tomllib.loads(output.read_text(encoding="utf-8"))
    bundled = tomllib.loads(example_text("challenge-2021.toml"))
    assert [scene_view(s) for s in imported["scenes"]] == \
        [scene_view(s) for s in bundled["scenes"]]
    assert {loc["id"] for loc in imported["locations"]} == \
        {scene["location"] for scene in bundled["scenes"]}
    # Each imported character is someone the bundled production casts.
    bundled_plays = {name.lower() for p in bundled["people"] for name in p.get("plays", [])}
    assert {p["plays"][0].lower() for p in imported["people"]} == bundled_plays


def test_import_on_a_base_production_checks_clean(tmp_path):
    (tmp_path / "base.toml").write_text(example_text("challenge-2021.toml"), encoding="utf-8")
    script = tmp_path / "script.fountain"
    script.write_text(example_text("challenge-2021.fountain"), encoding="utf-8")
    output = tmp_path / "out.toml"
    result = import_fountain(script, output, base=tmp_path / "base.toml")
    assert (result.scenes, result.people_added, result.locations_added) == (40, 0, 0)
    production = load_production(output)
    assert len(production.scenes) == 40 and len(production.orbital_scenes()) == 34
    # Scene by scene, the same people as the bundled production calls.
    bundled = load_production(tmp_path / "base.toml")
    assert {s.id: [p.id for p in production.cast_of(s)] for s in production.scenes} == \
        {s.id: [p.id for p in production.cast_of(s)] for s in bundled.scenes}
    # The characters who are on screen without a line: the synopsis of each names them
    # (scene 7's action: "ZHENYA laughs"; 25: Zhenya draws blood from PYOTR'S arm).
    assert result.notes == [f"scene {scene}: {name} is in the action, added to the cast"
                            for scene, name in [("7", "ZHENYA"), ("13", "ZHENYA"),
                                                ("14", "ZHENYA"), ("19", "ZHENYA"),
                                                ("25", "PYOTR"), ("28", "ZHENYA"),
                                                ("31", "ZHENYA"), ("36", "ZHENYA")]]


def test_import_never_overwrites_without_force(tmp_path):
    script = tmp_path / "s.fountain"
    script.write_text("\nINT. ZVEZDA\n\nGo.\n", encoding="utf-8")
    output = tmp_path / "out.toml"
    output.write_text("keep me", encoding="utf-8")
    with pytest.raises(OutputExistsError, match="exists"):
        import_fountain(script, output)
    assert output.read_text(encoding="utf-8") == "keep me"
    import_fountain(script, output, force=True)
    assert tomllib.loads(output.read_text(encoding="utf-8"))["scenes"][0]["location"] == "zvezda"


def test_a_script_without_scenes_is_an_error(tmp_path):
    script = tmp_path / "s.fountain"
    script.write_text("Just some notes.\n", encoding="utf-8")
    with pytest.raises(InputError, match="no scene headings"):
        import_fountain(script, tmp_path / "out.toml")
