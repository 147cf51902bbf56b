"""Formats offered are formats given: a command offers only what it writes, and writes it.

Only ``environment`` writes CSV; the others write a table or JSON. JSON on standard output
stands alone, so a program can read it; the summaries go to standard error then.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from orbitfilm.production.examples import example_path

from clirun import run

CHALLENGE = str(example_path("challenge-2021"))
TABLE_OR_JSON = {
    "schedule": ["schedule", CHALLENGE],
    "train": ["train", CHALLENGE],
    "race": ["race"],
    "rcpsp": ["rcpsp", "tests/data/rcpsp/j3037_1.sm"],
    "talent": ["talent", "tests/data/talent/dat/tiny"],
    "launch": ["launch", "--site", "baikonur-31", "--vehicle", "soyuz-ms",
               "--date", "2021-10-05"],
    "traffic check": ["traffic", "check"],
}


@pytest.mark.parametrize("name", sorted(TABLE_OR_JSON))
def test_a_command_without_csv_neither_offers_nor_fakes_it(name, tmp_path):
    args = TABLE_OR_JSON[name]
    assert "<table|json>" in run(*args[:2 if " " in name else 1], "--help").stdout
    offered = run(*args, "--format", "csv", check=False)
    assert offered.returncode == 2 and "'csv' is not one of 'table', 'json'" in offered.stderr
    out = tmp_path / "x.csv"
    by_suffix = run(*args, "-o", str(out), check=False)
    assert by_suffix.returncode == 2
    assert by_suffix.stderr.strip() == f"error: -o {out}: this command writes table or json"
    assert not out.exists()


def test_environment_csv_opens_as_a_spreadsheet_would(tmp_path):
    out = tmp_path / "env.csv"
    run("environment", "--start", "2021-10-05T12:22:31Z", "--end", "2021-10-05T18:22:31Z",
        "-o", str(out))
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert rows and set(rows[0]) == {"condition", "start", "end", "duration_s"}
    assert all(float(r["duration_s"]) > 0 for r in rows)


def test_train_json_stands_alone_on_standard_output():
    result = run("train", CHALLENGE, "--format", "json", "--time-limit", "3", "--no-explain")
    document = json.loads(result.stdout)  # nothing but the JSON
    assert document["cleared"]
    assert "cleared" in result.stderr  # the summary, aside
