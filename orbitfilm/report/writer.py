"""Write every output of a plan into a folder, all or nothing.

Everything is rendered in memory first, then written into a temporary folder inside the
target and renamed into place file by file: a failed run leaves no half-written plan. A
folder holding another production's plan, or files that are not a plan's, is never written
over unless ``force``; the plan's own earlier files are replaced, and those it no longer
makes (a call sheet of a day that went away) are removed.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from ..errors import InputError, OutputExistsError
from ..files import os_reason, probe_folder, umask_mode
from ..formats.ccsds_oem import oem_text
from ..formats.pdf import pdf_outputs
from ..formats.uss import uss_text
from .callsheet import callsheet_html, callsheet_name
from .csvout import schedule_csv
from .dood import dood_csv, dood_html
from .ical import people_with_scenes, production_calendar
from .oneliner import oneliner_html, oneliner_text
from . import json_text
from .plan_json import check_document, plan_text
from .report_html import report_html
from .stripboard import stripboard_html
from .training import (SESSIONS_FILE, TIMETABLE_FILE, has_training, sessions_csv,
                       timetable_html, trainee_calendar, trainees)

PLAN_FILE = "plan.json"
REPORT_FILE = "report.html"
SCHEDULE_FILE = "schedule.json"
USS_FILE = "schedule.uss"
EPHEMERIS_FILE = "ephemeris.oem"


def schedule_json(document: dict) -> str:
    """Return ``schedule.json``: the scheduler's JSON, with the ground unit's days if any."""
    schedule = dict(document["schedule"] or {})
    if document.get("ground") is not None:
        schedule["ground"] = document["ground"]
    return json_text(schedule)


def render_outputs(document: dict, *, ephemeris=None, pdf: bool = False
                   ) -> dict[str, str | bytes]:
    """Return every output by its path relative to the plan folder (``plan.json`` last).

    ``ephemeris`` (an ``orbit.ephemeris.Ephemeris`` the plan stage computed) adds
    ``ephemeris.oem``; ``pdf`` the call sheets and the one-liner as PDF.
    """
    outputs: dict[str, str | bytes] = {
        REPORT_FILE: report_html(document),
        "oneliner.txt": oneliner_text(document), "oneliner.html": oneliner_html(document),
        "stripboard.html": stripboard_html(document),
        "dood.csv": dood_csv(document), "dood.html": dood_html(document),
        "schedule.csv": schedule_csv(document),
        "calendar.ics": production_calendar(document),
        SCHEDULE_FILE: schedule_json(document), USS_FILE: uss_text(document),
    }
    for day in document["days"]:
        outputs[callsheet_name(day)] = callsheet_html(document, day["number"])
    for person_id in people_with_scenes(document):
        outputs[f"calendars/{person_id}.ics"] = production_calendar(document, person_id)
    if has_training(document):
        outputs[TIMETABLE_FILE] = timetable_html(document)
        outputs[SESSIONS_FILE] = sessions_csv(document)
        for person_id in trainees(document):
            outputs[f"training/{person_id}.ics"] = trainee_calendar(document, person_id)
    if ephemeris is not None:
        outputs[EPHEMERIS_FILE] = oem_text(ephemeris)
    if pdf:
        outputs.update(pdf_outputs(outputs))
    listed = {**document, "files": sorted([*outputs, PLAN_FILE])}
    outputs[PLAN_FILE] = plan_text(listed)
    return outputs


def _previous_plan(out_dir: Path) -> dict | None:
    try:
        return json.loads((out_dir / PLAN_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return None


def check_folder(out_dir: Path, title: str, force: bool = False) -> None:
    """Raise ``InputError`` if the plan of ``title`` may not be written into ``out_dir``.

    Cheap, so a command can ask before its work: the folder must be a folder we may write
    in, empty, or holding an earlier plan of the same production (by its title, whatever
    the file is called), unless ``force``.
    """
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError("a file, not a folder for the plan", path=str(out_dir))
    existing = out_dir if out_dir.is_dir() else nearest_folder(out_dir)
    probe_folder(existing, str(out_dir))
    if force or not out_dir.is_dir():
        return
    previous = _previous_plan(out_dir)
    others = sorted(p.name for p in out_dir.iterdir() if not p.name.startswith(".orbitfilm-"))
    if previous is None and others:
        raise OutputExistsError(f"the folder holds files that are not an orbitfilm plan's "
                                f"({', '.join(others[:3])})", path=str(out_dir))
    if previous is not None and previous.get("production", {}).get("title") != title:
        other = previous.get("production", {}).get("title", "another production")
        raise OutputExistsError(f"the folder holds the plan of {other!r}", path=str(out_dir))


def nearest_folder(path: Path) -> Path:
    """Return the nearest existing folder above ``path`` (where it would be made); raise
    ``InputError`` when what is nearest is a file (no folder can be made inside it)."""
    for parent in path.absolute().parents:
        if parent.exists():
            if not parent.is_dir():
                raise InputError(f"{parent} is a file, not a folder", path=str(path))
            return parent
    return Path(".")


def stale_files(out_dir: Path, names) -> list[str]:
    """Return the earlier plan's files that the new plan no longer makes (to remove)."""
    previous = _previous_plan(out_dir) if out_dir.is_dir() else None
    listed = (previous or {}).get("files", [])
    return [name for name in listed if name not in names and _inside(out_dir, name)]


def _inside(out_dir: Path, name: str) -> bool:
    """Return whether a listed name stays inside the plan folder (no ``..``, no root)."""
    resolved = (out_dir / name).resolve()
    return out_dir.resolve() in resolved.parents


def write_whole(out_dir: Path, outputs: dict[str, str | bytes]) -> None:
    """Write every output into a staging folder inside ``out_dir``, then move each into
    place: a file is either the old one or the new one, never half of either."""
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".orbitfilm-", dir=out_dir))
    try:
        for name, content in outputs.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8", newline="")
            path.chmod(umask_mode())
        for name in outputs:
            (out_dir / name).parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / name, out_dir / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def write_reports(plan, out_dir, force: bool = False, *, pdf: bool = False) -> list[Path]:
    """Write every output of a plan into ``out_dir``; return their paths, the report first.

    ``plan`` is a plan document (the dict of ``plan.json``) or a ``Plan`` holding one (and
    then its ephemeris, when it has one, as ``ephemeris.oem``); ``pdf`` adds the call
    sheets and the one-liner as PDF.
    """
    document = plan if isinstance(plan, dict) else plan.document
    check_document(document)
    out_dir = Path(out_dir)
    check_folder(out_dir, document["production"]["title"], force)
    outputs = render_outputs(document, ephemeris=getattr(plan, "ephemeris", None), pdf=pdf)
    stale = stale_files(out_dir, outputs)
    try:
        write_whole(out_dir, outputs)
        for name in stale:
            (out_dir / name).unlink(missing_ok=True)
    except OSError as error:  # the disk filled, the folder went away: one line, not a trace
        raise InputError(f"cannot write the plan: {os_reason(error)}",
                         path=str(out_dir)) from None
    order = [REPORT_FILE, PLAN_FILE] + sorted(n for n in outputs if n not in (REPORT_FILE,
                                                                               PLAN_FILE))
    return [out_dir / name for name in order]
