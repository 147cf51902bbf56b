"""Final Draft (.fdx) in: files made by an independent tool, hand-checked fixtures, bad input.

The independent tool is screenplain (Martin Vilcans, MIT), which turns Fountain into FDX:
the bundled Challenge script through screenplain and our FDX reader must give the
production the Fountain reader gives. The fixtures in tests/data/fdx/ were written by
hand after the FDX structure Final Draft writes (paragraph types, DualDialogue, TagData
with Final Draft's own category ids); their expected values are worked out in comments.
"""

from __future__ import annotations

import tomllib

import pytest

from orbitfilm.formats.finaldraft import import_final_draft, parse_fdx, read_fdx
from orbitfilm.production import load_production
from orbitfilm.production.examples import example_text
from orbitfilm.production.script_import import import_fountain, script_scenes

from clirun import run
from conftest import DATA

FDX = DATA / "fdx"


def screenplain_fdx(fountain_text: str) -> str:
    """Return screenplain's FDX of a Fountain text."""
    import io

    from screenplain.export.fdx import to_fdx
    from screenplain.parsers.fountain import parse

    out = io.StringIO()
    to_fdx(parse(io.StringIO(fountain_text)), out)
    return out.getvalue()


# What the two imports must agree on. screenplain writes neither notes ([[over: RU]]) nor
# synopses nor scene numbers into the FDX, so the conditions the notes add and the
# synopses are not compared; the Challenge numbers its scenes 1..40 in order, so the
# ordinal ids the FDX import gives are the same numbers.
SCENE_KEYS = ("id", "heading", "location", "cast", "eighths", "setup_min", "shoot_min",
              "days", "light", "earth")


def test_screenplain_fdx_of_the_challenge_imports_as_its_fountain(tmp_path):
    text = example_text("challenge-2021.fountain")
    (tmp_path / "challenge.fountain").write_text(text, encoding="utf-8")
    (tmp_path / "challenge.fdx").write_text(screenplain_fdx(text), encoding="utf-8")
    import_fountain(tmp_path / "challenge.fountain", tmp_path / "from-fountain.toml")
    import_final_draft(tmp_path / "challenge.fdx", tmp_path / "from-fdx.toml")
    fountain = tomllib.loads((tmp_path / "from-fountain.toml").read_text("utf-8"))
    fdx = tomllib.loads((tmp_path / "from-fdx.toml").read_text("utf-8"))
    assert len(fdx["scenes"]) == len(fountain["scenes"]) == 40
    for mine, theirs in zip(fdx["scenes"], fountain["scenes"]):
        assert {k: mine.get(k) for k in SCENE_KEYS} == {k: theirs.get(k) for k in SCENE_KEYS}
    assert fdx["people"] == fountain["people"]
    assert fdx["locations"] == fountain["locations"]


def test_screenplain_dual_dialogue_marks_both_cues():
    # The Challenge's scene 6 ends with INSTRUCTOR and ANTON ^ speaking at once.
    screenplay = parse_fdx(screenplain_fdx(example_text("challenge-2021.fountain")).encode())
    dual = [(e.text, e.dual) for e in screenplay.elements if e.kind == "character" and e.dual]
    assert ("INSTRUCTOR", True) in dual and ("ANTON", True) in dual


# -- the hand-written fixture -----------------------------------------------------------------

def test_fixture_scenes_numbers_cast_and_tags():
    scenes = script_scenes(read_fdx(FDX / "cupola-breakdown.fdx"))
    assert [s.id for s in scenes] == ["7", "7A"]  # the headings' Number attributes
    first, second = scenes
    # Cues give zhenya (and oleg); the Cast Members tag "ANTON" on "The commander" gives
    # anton, who has no line; ZHENYA (V.O.) is zhenya with an extension.
    assert first.cast == ["zhenya"]
    assert second.cast == ["anton", "zhenya", "oleg"]
    assert first.elements == {"props": ["camera"], "wardrobe": ["blue flight suit"]}
    assert second.elements == {"wardrobe": ["Sokol suit"],
                               "special-equipment": ["treadmill harness"]}
    # Lines on the page (the Fountain import's rule, script_import.WIDTHS): scene 7 is a
    # heading (1 + blank), 94 characters of action (2 lines at 60 + blank), a cue (blank +
    # 1) and one line of dialogue: 8 lines, 8 * 8 / 54 = 1.2 -> 1 eighth. Scene 7A: heading
    # 2, action of 109 characters 3, two cues 2 + 2, two speeches 1 + 1, "CUT TO:" 1 +
    # blank: 13 lines, 13 * 8 / 54 = 1.9 -> 2 eighths.
    assert (first.page_lines, first.eighths) == (8, 1)
    assert (second.page_lines, second.eighths) == (13, 2)
    assert (first.conditions, second.conditions) == ({"light": "sunrise"}, {"light": "night"})


def test_fixture_dual_dialogue_and_title():
    screenplay = read_fdx(FDX / "cupola-breakdown.fdx")
    cues = [(e.text, e.extensions, e.dual) for e in screenplay.elements if e.kind == "character"]
    assert cues == [("ZHENYA", [], False), ("ZHENYA", ["V.O."], True), ("OLEG", [], True)]
    assert screenplay.title == "CUPOLA"


def test_fixture_imports_into_a_production_with_elements(tmp_path):
    output = tmp_path / "cupola.toml"
    result = import_final_draft(FDX / "cupola-breakdown.fdx", output,
                                base=FDX / "base.toml")
    assert result.scenes == 2
    production = load_production(output)
    scene = production.scene("7A")
    assert scene.elements == {"wardrobe": ["Sokol suit"],
                              "special-equipment": ["treadmill harness"]}
    # Default rates: an eighth is 60 / 8 = 7.5 min, rounded to 8; two eighths 15 min.
    assert (production.scene("7").shoot_min, scene.shoot_min) == (8.0, 15.0)
    assert [p.id for p in production.cast_of(scene)] == ["shkaplerov", "peresild",
                                                        "novitskiy"]


# -- bad input: one line, exit status 2 ----------------------------------------------------------

@pytest.mark.parametrize("name, words", [
    ("broken.fdx", "broken.fdx:9: not well-formed XML: mismatched tag"),
    ("empty.fdx", "empty.fdx: no scene headings"),
    ("template.fdx", "template.fdx: not a Final Draft screenplay: the document is "
                     "<FinalDraft DocumentType='Template'>"),
    ("entities.fdx", "entities.fdx: refused XML: EntitiesForbidden"),
])
def test_bad_files_are_one_line_and_exit_2(tmp_path, name, words):
    result = run("import", str(FDX / name), "-o", str(tmp_path / "out.toml"), check=False)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0], result.stderr
    assert not (tmp_path / "out.toml").exists()


def test_a_file_that_is_not_xml_at_all(tmp_path):
    script = tmp_path / "notes.fdx"
    script.write_text("INT. CUPOLA - ORBITAL DAY\n\nThis is Fountain, misnamed.\n", "utf-8")
    result = run("import", str(script), "-o", str(tmp_path / "out.toml"), check=False)
    assert result.returncode == 2
    assert "notes.fdx:1: not well-formed XML: syntax error" in result.stderr
