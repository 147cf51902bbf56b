"""``orbitfilm traffic check | slots | schema`` as a person runs them (exit status, output)."""

from __future__ import annotations

import json

from clirun import run
from typer.testing import CliRunner

from orbitfilm.cli import app
from orbitfilm.production.examples import example_text

ISS_2021 = example_text("iss-2021.toml")
MS18_MOVE = ('moves = [{ undock = 2021-09-28T12:21:00Z, dock = 2021-09-28T13:04:00Z, '
             'port = "nauka-nadir" }]\n')


def invoke(*args):
    return CliRunner().invoke(app, list(args))


def one_error_line(result, *fragments) -> str:
    """Assert status 2 and exactly one ``error:`` line holding every fragment."""
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


def test_check_of_the_bundled_record_passes_with_tables():
    result = invoke("traffic", "check")
    assert result.exit_code == 0, result.output
    for fragment in ("ISS ports (UTC)", "rassvet", "soyuz-ms-19", "2021-10-05 12:22",
                     "ISS people aboard", "every rule kept (4 warnings)"):
        assert fragment in result.output, fragment


def test_warnings_alone_are_titled_as_warnings_and_the_bundled_file_by_its_name():
    # The bundled record keeps every rule; its four warnings are the ten or eleven aboard
    # above the seven sleeping places (the April handovers, MS-19's visit in October,
    # MS-20's in December).
    result = invoke("traffic", "check")
    assert "ISS traffic: 4 warnings, no rule broken (UTC)" in result.output
    assert "rules broken" not in result.output
    assert "iss-2021.toml (bundled): every rule kept" in result.output
    document = json.loads(invoke("traffic", "check", "--format", "json").stdout)
    assert document["source"] == "iss-2021.toml (bundled)"


def test_a_broken_rule_is_titled_as_one(tmp_path):
    path = tmp_path / "no-move.toml"
    path.write_text(ISS_2021.replace(MS18_MOVE, ""), encoding="utf-8")
    assert "ISS traffic: 1 rule broken, 4 warnings (UTC)" in invoke(
        "traffic", "check", str(path)).stdout


def test_an_unknown_traffic_file_is_one_line_naming_it_and_the_argument(tmp_path):
    missing = str(tmp_path / "nope.toml")
    one_error_line(run("traffic", "check", missing, check=False), "nope.toml", "no traffic file there",
                   "(TRAFFIC)")
    one_error_line(run("launch", "--site", "kennedy-39a", "--vehicle", "crew-dragon",
                       "--date", "2021-10-02", "--traffic", missing, check=False), "nope.toml",
                   "(--traffic)")


def test_check_json_gives_the_step_series_and_the_ports(tmp_path):
    out = tmp_path / "check.json"
    result = invoke("traffic", "check", "-o", str(out))
    assert result.exit_code == 0, result.output
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["ok"] is True and document["violations"] == []
    # Ten aboard from MS-19's docking to MS-18's undocking (parabolicarc.com, 5 Oct 2021).
    ten = [(s["from"], s["to"]) for s in document["aboard"] if s["count"] == 10]
    assert ("2021-10-05T12:22:31Z", "2021-10-17T01:14:00Z") in ten
    # Harmony zenith in 2021: CRS-21 (to 12 Jan), Crew-1 after its move (5 Apr to 2 May),
    # CRS-22 (5 Jun to 8 Jul), Crew-2 after its move (21 Jul to 8 Nov), CRS-24 (22 Dec).
    assert [s["visit"] for s in document["ports"]["harmony-zenith"]] == [
        "cargo-dragon-crs-21", "crew-1", "cargo-dragon-crs-22", "crew-2", "cargo-dragon-crs-24"]


def test_a_violation_is_printed_with_its_time_and_exit_status_1(tmp_path):
    path = tmp_path / "no-move.toml"
    path.write_text(ISS_2021.replace(MS18_MOVE, ""), encoding="utf-8")
    result = invoke("traffic", "check", str(path), "--format", "json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["violations"][0]["message"] == ("port rassvet holds soyuz-ms-18; "
                                                    "soyuz-ms-19 cannot dock")
    table = invoke("traffic", "check", str(path))
    assert table.exit_code == 1
    assert "port rassvet holds soyuz-ms-18; soyuz-ms-19 cannot dock" in table.stdout


def test_slots_name_the_first_arrival_and_why_the_rest_is_closed():
    result = invoke("traffic", "slots", "--vehicle", "crew-dragon", "--crew", "3",
                    "--stay-days", "10", "--from", "2021-10-03", "--to", "2021-12-31",
                    "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    # A day after MS-18's undocking, which brings the count back to seven (the station keeps
    # 24 h between dynamic operations; tests/test_traffic.py, by hand).
    assert document["first"] == {"time": "2021-10-18T01:14:00Z", "port": "harmony-forward"}
    table = invoke("traffic", "slots", "--vehicle", "crew-dragon", "--crew", "3",
                   "--stay-days", "10", "--from", "2021-10-03", "--to", "2021-12-31")
    assert "people aboard would be 13" in table.stdout
    assert "first possible arrival: 2021-10-18 01:14 at harmony-forward" in table.stdout


def test_bad_input_is_one_line_with_the_file_and_line_and_exit_2(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(ISS_2021.replace("depart = 2021-12-20T00:50:00Z",
                                     "depart = 2021-12-07T00:50:00Z"), encoding="utf-8")
    line = ISS_2021[:ISS_2021.index("depart = 2021-12-20")].count("\n") + 1
    one_error_line(run("traffic", "check", str(path), check=False), f"{path}:{line}:",
                   "departure is not after its arrival")
    one_error_line(run("traffic", "slots", "--vehicle", "soyuz-ms", "--crew", "4",
                       "--stay-days", "10", "--from", "2021-10-03", "--to", "2021-10-20",
                       check=False), "a soyuz-ms has 3 seats")


def test_the_example_writes_out_and_the_schema_prints(tmp_path):
    result = invoke("examples", "iss-2021", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "iss-2021.toml").read_text(encoding="utf-8") == ISS_2021
    assert "iss-2021" in invoke("examples").output
    schema = json.loads(invoke("traffic", "schema").stdout)
    assert schema["title"] == "orbitfilm station traffic"
