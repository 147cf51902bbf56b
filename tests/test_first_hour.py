"""A new user's first hour at the command line: every error one line with exit status 2,
outputs that say what they wrote, where they said, as the user's umask makes files.

Each test here is a fault a new user met (issue 12), run as a person runs the command.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time

import pytest
from clirun import in_process, run
from test_plan import PRODUCTION

from orbitfilm.production.examples import example_path

SPAN = ("--start", "2021-10-05T12:22:31Z", "--end", "2021-10-05T14:22:31Z")


@pytest.fixture(scope="module")
def production_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("first-hour") / "evening.toml"
    path.write_text(PRODUCTION, encoding="utf-8")
    return path


def one_error_line(result, *fragments) -> str:
    """Assert the command failed as a person should see it: status 2, one line of error."""
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


def test_version_alone_prints_it():
    result = run("--version")
    assert result.stdout.strip().startswith("orbitfilm ") and result.stderr == ""


@pytest.mark.parametrize("args, fragment", [
    (("schedule",), "missing argument 'PRODUCTION'"),
    (("talent", "x", "--format", "bogus"), "'bogus' is not one of"),
    (("environment", "--start", "2021-10-05"), "missing option '--end'"),
    (("launch", "--bogus"), "no such option: --bogus"),
])
def test_usage_errors_are_one_line(args, fragment):
    one_error_line(run(*args, check=False), fragment, "--help")


def test_a_command_prints_nothing_to_stderr_when_all_is_well():
    assert run("examples").stderr == ""


def test_help_is_plain_and_whole():
    # The listing as a person's terminal gets it (a fresh process); each command's help in
    # this process (the same renderer, without ten interpreters to start).
    listing = run("--help").stdout
    assert "..." not in listing.split("Commands:")[1]  # no summary cut mid-sentence
    for command in ("environment", "launch", "check", "schedule", "verify", "plan", "import",
                    "examples", "schema", "talent"):
        code, text, _ = in_process(command, "--help")
        assert code == 0 and "Usage:" in text, command
        assert "<bool>" not in text and "╭" not in text, command


def test_schedule_writes_json_to_a_json_file_and_says_so(production_file, tmp_path):
    out = tmp_path / "schedule.json"
    result = run("schedule", str(production_file), "--time-limit", "3", "--workers", "1",
                 "-o", str(out))
    assert f"wrote {out}" in result.stdout
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["production"]["title"] == "First evening aboard"
    assert "keeps every rule" in run("verify", str(production_file), str(out)).stdout


def _folder(tmp_path):
    folder = tmp_path / "a-folder"
    folder.mkdir()
    return folder


COMMANDS_THAT_WRITE = {
    "environment": lambda out: ("environment", *SPAN, "-o", out),
    "launch": lambda out: ("launch", "--site", "baikonur-31", "--vehicle", "soyuz-ms",
                           "--date", "2021-10-05", "-o", out),
    "schema": lambda out: ("schema", "-o", out),
    "schedule": lambda out: ("schedule", str(example_path("challenge-2021")), "-o", out),
    "import": lambda out: ("import", str(example_path("challenge-2021").with_suffix(
        ".fountain")), "-o", out),
    "talent": lambda out: ("talent", "tests/data/talent/dat/tiny", "-o", out),
}


@pytest.mark.parametrize("command", sorted(COMMANDS_THAT_WRITE))
def test_a_bad_output_path_is_one_line_before_any_work(command, tmp_path):
    folder = _folder(tmp_path)
    args = COMMANDS_THAT_WRITE[command]
    one_error_line(run(*args(str(folder)), check=False), "a folder, not a file to write")
    missing = tmp_path / "no-such-folder" / "out.txt"
    one_error_line(run(*args(str(missing)), check=False), "does not exist")


def test_examples_and_plan_refuse_a_file_for_a_folder(tmp_path):
    a_file = tmp_path / "file.txt"
    a_file.write_text("mine", encoding="utf-8")
    one_error_line(run("examples", "challenge-2021", "-o", str(a_file), check=False),
                   "a file, not a folder")
    one_error_line(run("plan", "-o", str(a_file), check=False), "a file, not a folder")
    assert a_file.read_text(encoding="utf-8") == "mine"


def test_plan_into_unrelated_files_is_refused_before_the_solve(tmp_path):
    folder = _folder(tmp_path)
    (folder / "notes.txt").write_text("my notes", encoding="utf-8")
    began = time.monotonic()
    result = run("plan", "-o", str(folder), "--time-limit", "600", check=False)
    # Refused at once: the 600 s solve never starts.
    assert time.monotonic() - began < 60
    one_error_line(result, "not an orbitfilm plan's (notes.txt)", "--force")
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "my notes"


def test_a_copy_of_the_same_production_replaces_its_own_plan(production_file, tmp_path):
    out = tmp_path / "plan"
    run("plan", str(production_file), "-o", str(out), "--time-limit", "2", "--workers", "1")
    copy = tmp_path / "renamed.toml"
    copy.write_text(production_file.read_text(encoding="utf-8"), encoding="utf-8")
    again = run("plan", str(copy), "-o", str(out), "--time-limit", "2", "--workers", "1")
    assert "wrote" in again.stdout
    other = tmp_path / "other.toml"
    other.write_text(PRODUCTION.replace("First evening aboard", "Another film"), "utf-8")
    one_error_line(run("plan", str(other), "-o", str(out), check=False),
                   "holds the plan of 'First evening aboard'", "--force")


def test_files_are_written_as_the_umask_says(tmp_path):
    out = tmp_path / "schema.json"
    old = os.umask(0o022)
    try:
        run("schema", "-o", str(out))
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


@pytest.mark.parametrize("args, fragments", [
    (("environment", *SPAN, "--ground-track", "-5"), ("at least 1 s", "--ground-track")),
    (("environment", "--start", "2021-10-01T00:00:00Z", "--end", "2021-10-20T00:00:00Z",
      "--ground-track", "1"), ("samples over the span", "--ground-track")),
    (("environment", *SPAN, "-g", "x=1,2"), ("expected 4 numbers", "got 2",
                                             "--ground-station")),
    (("environment", *SPAN, "-g", "x=1,2,3,east"), ("MASK_DEG must be a number",)),
    (("launch", "--site", "x=28.5,-80.6,0,sw", "--vehicle", "soyuz-ms", "--date",
      "2021-10-05"), ("heading must be ne or se", "got 'sw'", "--site")),
])
def test_what_is_validated_elsewhere_is_validated_here(args, fragments):
    one_error_line(run(*args, check=False), *fragments)


def test_verify_names_the_file_and_refuses_another_production(production_file, tmp_path):
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"production": {"title": "The Challenge"}, "scenes": [],
                                 "unscheduled": []}), encoding="utf-8")
    one_error_line(run("verify", str(production_file), str(other), check=False),
                   str(other), "a schedule of 'The Challenge', not of 'First evening aboard'")
    broken = tmp_path / "broken.json"
    broken.write_text('{"scenes": [{"id": "1"}]}', encoding="utf-8")
    one_error_line(run("verify", str(production_file), str(broken), check=False),
                   str(broken), "scenes[0]")


def test_tables_do_not_wrap_when_piped():
    text = run("launch", "--site", "baikonur-31", "--vehicle", "soyuz-ms", "--date",
               "2021-10-05", "--days", "2").stdout
    rows = [line for line in text.splitlines() if line.startswith("2021-10-0")]
    # Each opportunity is one line with all seven columns, the hatch opening last (the
    # 80-column wrap split them over two lines).
    assert len(rows) == 2 and all(len(row.split()) >= 7 for row in rows)
    assert rows[0].split()[-1] == "14:15" and rows[1].split()[-1] == "12:33"


STALE = PRODUCTION.replace("2021-10-05T12:22:31Z", "2022-12-15T12:22:31Z").replace(
    "2021-10-06T12:00:00Z", "2022-12-16T12:00:00Z")


def test_stale_orbits_are_one_rule_everywhere(tmp_path):
    # The bundled ISS sets end on 2022-09-25: mid-December 2022 is 81 days away.
    path = tmp_path / "stale.toml"
    path.write_text(STALE, encoding="utf-8")
    for args in (("schedule", str(path)), ("check", str(path)), ("plan", str(path), "-o",
                                                                   str(tmp_path / "p")),
                 ("environment", "--start", "2022-12-15T00:00:00Z", "--end",
                  "2022-12-15T06:00:00Z")):
        one_error_line(run(*args, check=False), "past 60 days", "--allow-stale-elements")
    out = tmp_path / "stale.json"
    allowed = run("schedule", str(path), "--allow-stale-elements", "--time-limit", "2",
                  "--workers", "1", "-o", str(out))
    assert "warning: " in allowed.stderr and "waived" in allowed.stderr
    assert any("waived" in w for w in json.loads(out.read_text("utf-8"))["warnings"])


def test_ctrl_c_keeps_the_best_schedule_and_says_it_was_cut_short(tmp_path):
    sys.path.insert(0, str(os.path.dirname(__file__)))
    from support.synthetic import random_production_text

    path = tmp_path / "big.toml"
    path.write_text(random_production_text(120, 8, seed=4), encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "orbitfilm", "schedule", str(path),
                                "--time-limit", "300"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    time.sleep(12)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    assert "cut short" in stdout.splitlines()[-1]
