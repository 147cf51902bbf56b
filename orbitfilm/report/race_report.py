"""Write the race's report folder: race.json (the result) and race.html (the report)."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..files import probe_folder, write_text_atomic
from .race_html import race_report
from .writer import nearest_folder

JSON_FILE, HTML_FILE = "race.json", "race.html"


def check_report_folder(folder: Path) -> None:
    """Raise ``InputError`` unless the report can be written into ``folder`` (a folder there
    or to be made, where a file can be made): checked before the race runs."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise InputError("a file, not a folder for the race report", path=str(folder))
    probe_folder(folder if folder.is_dir() else nearest_folder(folder), str(folder))


def write_race_report(folder: Path, document: dict, result) -> list[Path]:
    """Write race.json and race.html into ``folder`` (each whole, then renamed)."""
    from . import json_text

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return [write_text_atomic(folder / JSON_FILE, json_text(document)),
            write_text_atomic(folder / HTML_FILE, race_report(document, result))]
