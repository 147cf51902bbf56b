"""``orbitfilm talent``: the command shell over read_talent and solve_talent."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from conftest import TALENT
from orbitfilm.cli import app


def test_json_reports_the_published_optimum():
    path = TALENT / "dzn" / "tiny.dzn"
    run = CliRunner().invoke(app, ["talent", str(path), "--format", "json"])
    assert run.exit_code == 0, run.output
    data = json.loads(run.output)
    # tiny: optimum 29, idle 2 (DDOLib and ddo test suites; known_optima.csv).
    assert (data["total_cost"], data["idle_cost"], data["optimal"]) == (29, 2, True)
    assert sorted(data["order"]) == ["1", "2", "3", "4"]


def test_bad_file_is_one_line_with_its_line_number(tmp_path):
    bad = tmp_path / "bad.dat"
    bad.write_text("x\n2\n1\n1 7 3\n1 1\n", encoding="utf-8")
    run = CliRunner().invoke(app, ["talent", str(bad)])
    assert run.exit_code != 0
    assert "bad.dat:4" in str(run.exception)
