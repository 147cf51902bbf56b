"""Plan a production into the store: the plan made in a scratch folder, kept whole as a
draft version with what made it (the revision, the element sets, the solver's options)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Callable

from sqlalchemy.engine import Engine

from ..production.files import read_text
from ..production.loader import parse_production
from .db import transaction
from .productions import add_production, latest_revision, pick_production
from .versions import add_version


def plan_version(engine: Engine, production: Path | None, production_id: int | None,
                 make: Callable, who: str) -> dict:
    """Plan the production file given (added first: a new revision if it changed), else
    the store's latest revision of ``production_id`` (or its only production), with
    ``make(path, folder) -> (plan, options)``; keep the plan as a draft version. Return
    ``{"version", "revision", "title"}``. The plan is made before the transaction that keeps
    it: killed while planning, the store is as it was."""
    with tempfile.TemporaryDirectory(prefix="orbitfilm-plan-") as temporary:
        folder = Path(temporary)
        if production is not None:
            text = read_text(production)
            parsed = parse_production(text, source=str(production))
            with transaction(engine) as session:
                added = add_production(session, text, parsed.title, production.name, who,
                                       parsed.model_dump(mode="json"))
            pid, revision, path = added["id"], added["revision"], production
        else:
            with transaction(engine) as session:
                found = pick_production(session, production_id)
                latest = latest_revision(session, found.id)
            pid, revision = found.id, latest["number"]
            path = folder / Path(latest["source"]).name
            path.write_text(latest["text"], encoding="utf-8")
        made, options = make(path, folder / "plan")
        files = folder_files(folder / "plan")
    with transaction(engine) as session:
        version = add_version(session, pid, revision, files, plan_summary(made, options), who)
    return {"version": version, "revision": revision, "title": made.production.title}


def folder_files(folder: Path) -> dict[str, bytes]:
    """Return every file of a plan folder by its relative name (hidden ones left out)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith(".")}


def plan_summary(made, options: dict) -> dict:
    """Return what a version records of the plan that made it."""
    result = made.schedules.orbital
    return {"solve_status": result.status.value if result else "none",
            "objective": result.objective if result else None,
            "bound": result.bound if result else None,
            "options": {**options, "elements": elements_used(made.flight.elements)}}


def elements_used(elements) -> dict | None:
    """Return what names the element sets a plan used: their sources, the span of their
    epochs and a key of their content."""
    if elements is None or not len(elements):
        return None
    from ..mission.chooser import element_sets_key
    from ..times import format_iso

    sources = sorted({s.source for s in elements.sets})
    return {"sources": sources, "sets": len(elements), "key": element_sets_key(elements),
            "first_epoch": format_iso(float(elements.epochs_s.min())),
            "last_epoch": format_iso(float(elements.epochs_s.max()))}
