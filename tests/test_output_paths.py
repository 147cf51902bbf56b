"""Output paths are checked before the work, by trying to write there: one line, exit 2.

Asking ``os.access`` says yes to root for ``/proc``; only making a file there knows. Each
writing command is pointed at a path that cannot be made (inside a regular file, and
``/proc`` where the machine has one) and must refuse it in one line naming the path, before
any solve, with no traceback.
"""

from __future__ import annotations

import os
import time

import pytest

from orbitfilm.production.examples import example_path

from clirun import run

CHALLENGE = str(example_path("challenge-2021"))
RCPSP = "tests/data/rcpsp/j3037_1.sm"
TALENT = "tests/data/talent/dat/tiny"

# Every command that writes a file or folder, with the arguments it needs to get that far.
COMMANDS = {
    "schedule": ["schedule", CHALLENGE],
    "plan": ["plan", CHALLENGE],
    "train": ["train", CHALLENGE],
    "race": ["race"],
    "rcpsp": ["rcpsp", RCPSP],
    "talent": ["talent", TALENT],
    "import": ["import", "talent", TALENT],
    "examples": ["examples", "challenge-2021"],
    "schema": ["schema"],
    "environment": ["environment", "--start", "2021-10-05T00:00:00Z",
                    "--end", "2021-10-05T06:00:00Z"],
    "launch": ["launch", "--site", "baikonur-31", "--vehicle", "soyuz-ms",
               "--date", "2021-10-05"],
    "traffic check": ["traffic", "check"],
}


def unwritable_paths(tmp_path, name: str) -> list[str]:
    """Return a path inside a regular file; for the commands that solve before they write,
    also one in ``/proc`` (where asking for permission says yes to root)."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n")
    paths = [str(blocker / "out")]
    if os.path.isdir("/proc") and name in ("plan", "schedule", "train"):
        paths.append("/proc/orbitfilm-out")
    return paths


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_an_output_that_cannot_be_made_is_refused_in_one_line_before_the_work(name, tmp_path):
    for path in unwritable_paths(tmp_path, name):
        started = time.perf_counter()
        result = run(*COMMANDS[name], "-o", path, check=False)
        elapsed_s = time.perf_counter() - started
        assert result.returncode == 2, (name, path, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: ") and path in lines[0], \
            (name, result.stderr)
        assert "Traceback" not in result.stderr
        # Before the work: the plan's solve alone takes longer than start-up (about 3 s on
        # the 2-core machines the suite runs on) plus this margin.
        assert elapsed_s < 15, (name, elapsed_s)
