"""Reading the plan document (``plan.json``): its format, its version, its interval lists.

The document is built by the plan stage (``orbitfilm.plan.document``, where its keys are
documented); every report renders from it alone, so nothing here computes an orbit.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import InputError
from ..intervals import IntervalSet
from ..times import parse_iso
from . import json_text

PLAN_FORMAT = "orbitfilm-plan"
PLAN_VERSION = 2


def check_document(document: dict, source: str | None = None) -> None:
    """Raise ``InputError`` unless this is a plan document of a version this code reads."""
    if not isinstance(document, dict) or document.get("format") != PLAN_FORMAT:
        raise InputError("not an orbitfilm plan (no \"format\": \"orbitfilm-plan\")", path=source)
    if document.get("version") != PLAN_VERSION:
        raise InputError(f"plan version {document.get('version')!r}; this orbitfilm reads "
                         f"version {PLAN_VERSION}", path=source)


def load_plan(path: str | Path) -> dict:
    """Read a ``plan.json``; raise ``InputError`` for a file that is not one."""
    try:
        document = json.loads(Path(path).read_text("utf-8"))
    except (OSError, ValueError) as error:
        raise InputError(f"cannot read the plan: {error}", path=str(path)) from None
    check_document(document, str(path))
    return document


def plan_text(document: dict) -> str:
    """Return the document as the text of ``plan.json``."""
    return json_text(document)


def intervals_of(document: dict, name: str) -> IntervalSet:
    """Return one of the document's interval lists as an ``IntervalSet``."""
    environment = document["environment"]
    span_s = tuple(parse_iso(t) for t in environment["span"])
    pairs = [(parse_iso(a), parse_iso(b)) for a, b in environment["intervals"].get(name, [])]
    return IntervalSet.from_pairs(pairs, span_s) if pairs else IntervalSet.empty(span_s)
