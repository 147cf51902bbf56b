"""Random and truncated files never crash the loader or the importer: errors, not tracebacks."""

from __future__ import annotations

import tomllib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orbitfilm.errors import InputErrors
from orbitfilm.production import parse_production
from orbitfilm.production.examples import example_text
from orbitfilm.production.fountain import parse_fountain
from orbitfilm.production.script_import import production_document, production_toml

PRODUCTION = example_text("challenge-2021.toml")
SCRIPT = example_text("challenge-2021.fountain")
FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])

# Lines that look like a production file's: headers, keys, values of every kind.
TOML_LINES = st.sampled_from([
    "[mission]", "[[people]]", "[[scenes]]", "[[locations]]", "[move]", "[ground]",
    'title = "x"', 'id = "1"', 'id = "a b"', 'location = "cupola"', 'location = 3',
    "shoot_min = 10", "shoot_min = -1", "days = 0.5", 'light = "sunrise"', "light = 1",
    "docking = 2021-10-05T12:22:31Z", 'undocking = "2021-10-06T12:00:00Z"',
    'undocking = "soon"', 'cast = ["zhenya", 3]', 'after = ["1"]', 'aboard = ["x"]',
    'duties = [{daily = "09:00-10:00"}]', "duties = [{}]", 'plays = ["ZHENYA"]',
    'name = "N"', 'over = "RU"', 'contact = "tsup"', 'conditions = ["umbra", "x:y"]',
    "earliest = 2021-10-05", "pairs = [{between = [\"a\", \"b\"], min = 1}]", "", "# c",
    "x = [", "]", '"""', "y = {a = 1}", "time_zones = []",
])


def loads_or_input_errors(text: str) -> None:
    try:
        parse_production(text)
    except InputErrors as errors:
        assert errors.errors and all(str(error) for error in errors.errors)


@FUZZ
@given(st.text(max_size=400))
def test_random_text_gives_input_errors(text):
    loads_or_input_errors(text)


@FUZZ
@given(st.lists(TOML_LINES, max_size=40))
def test_random_production_like_lines_give_input_errors(lines):
    loads_or_input_errors("\n".join(lines))


@FUZZ
@given(st.integers(min_value=0, max_value=len(PRODUCTION)))
def test_truncated_bundled_production_gives_input_errors(cut):
    loads_or_input_errors(PRODUCTION[:cut])


@FUZZ
@given(st.integers(min_value=0, max_value=PRODUCTION.count("\n")), TOML_LINES)
def test_one_line_replaced_gives_input_errors(number, replacement):
    lines = PRODUCTION.splitlines()
    lines[min(number, len(lines) - 1)] = replacement
    loads_or_input_errors("\n".join(lines))


def imports_to_valid_toml(text: str) -> None:
    document = production_document(parse_fountain(text))
    tomllib.loads(production_toml(document, "fuzz.fountain"))


@FUZZ
@given(st.text(max_size=400))
def test_random_text_imports_without_a_traceback(text):
    imports_to_valid_toml(text)


SCRIPT_LINES = st.sampled_from([
    "", "  ", "INT. ZVEZDA - ORBITAL NIGHT", "EXT. STAR CITY - DAY #3#", ".FORCED", "ZHENYA",
    "ANTON ^", "@mcClane", "(quietly)", "Hello.", "CUT TO:", "> THE END <", "[[over: RU]]",
    "[[contact:", "]]", "/*", "*/", "# Act", "= synopsis", "===", "~la la", "Title: T",
    "INT. CUPOLA - ORBITAL SUNRISE - EARTH BELOW DAY #1#", "I/E. SOYUZ", "\t!ACTION",
    "DR. O'BRIEN (V.O.) (CONT'D)", "\u00e9t\u00e9 \"quoted\" \\ back", "\x7f\x00",
])


@FUZZ
@given(st.lists(SCRIPT_LINES, max_size=60))
def test_random_script_lines_import_to_valid_toml(lines):
    imports_to_valid_toml("\n".join(lines))


@FUZZ
@given(st.integers(min_value=0, max_value=len(SCRIPT)))
def test_truncated_bundled_script_imports(cut):
    imports_to_valid_toml(SCRIPT[:cut])
