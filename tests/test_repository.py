"""The repository stands alone: tests read only tests/data, and the paths documented exist."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from conftest import DATA

ROOT = DATA.parents[1]
# The folder of common data beside the project (its parent-relative path, its data folder,
# or a path built from its name as a component).
SHARED_FOLDER = re.compile(r"\.\./shared\b|\bshared/data\b|[\"']shared[\"']")
THIS_FILE = Path(__file__).resolve()
SKIPPED_FOLDERS = {"__pycache__", "artifacts", ".hypothesis", ".pytest_cache"}


def _text_files(folder: Path):
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not SKIPPED_FOLDERS & set(path.relative_to(folder).parts):
            try:
                yield path, path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue


def test_no_test_reads_the_shared_folder_beside_the_project():
    # A user clones the project alone: a path to the folder beside it would skip or fail.
    # This file is left out: it spells the patterns it looks for.
    offenders = [f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, match.start()) + 1}"
                 for path, text in _text_files(ROOT / "tests") if path != THIS_FILE
                 for match in SHARED_FOLDER.finditer(text)]
    assert offenders == []


def test_docs_and_help_give_no_path_into_the_shared_folder():
    sources = [ROOT / "README.md", *sorted((ROOT / "orbitfilm").rglob("*.py"))]
    offenders = [str(path.relative_to(ROOT)) for path in sources
                 if re.search(r"\.\./shared\b|\bshared/data\b", path.read_text(encoding="utf-8"))]
    assert offenders == []


def test_every_data_file_the_data_readme_names_exists():
    # Paths in backticks with a slash: relative to tests/data, or to the repository root.
    text = (DATA / "README.md").read_text(encoding="utf-8")
    named = [p for p in re.findall(r"`([^`\s]+)`", text) if "/" in p]
    assert len(named) >= 10  # the table names every folder and licence file
    missing = [p for p in named if not (DATA / p).exists() and not (ROOT / p).exists()]
    assert missing == []


def test_every_file_of_known_optima_exists():
    with (DATA / "talent" / "known_optima.csv").open(encoding="utf-8") as stream:
        listed = [name.strip() for row in csv.DictReader(stream)
                  for name in row["files"].split(";")]
    # 21 instances in 33 files (tests/data/talent/known_optima.csv).
    assert len(listed) == 33
    assert [f for f in listed if not (DATA / "talent" / f).is_file()] == []


def test_every_licence_sits_beside_the_files_it_covers():
    for folder in ("dat", "dzn", "csplib"):
        assert (DATA / "talent" / folder / "LICENSE").is_file(), folder
    assert (DATA / "iss" / "README.md").is_file()


def test_examples_in_readme_and_help_use_paths_that_exist_in_a_clone():
    sources = [ROOT / "README.md", *sorted((ROOT / "orbitfilm").rglob("*.py"))]
    named = {match.rstrip(".,:;)") for path in sources
             for match in re.findall(r"tests/data/[\w./-]+", path.read_text(encoding="utf-8"))}
    assert "tests/data/talent/dat/MobStory" in named  # the talent command's own example
    assert sorted(p for p in named if not (ROOT / p).exists()) == []
