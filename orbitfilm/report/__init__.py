"""Every output a person or a program reads: tables, CSV, JSON, calendars, HTML."""

from __future__ import annotations

import io
import json
import re


def plain_text(renderable, width: int = 100) -> str:
    """Return a rich renderable as plain text, for writing to a file."""
    from rich.console import Console

    console = Console(record=True, width=width, file=io.StringIO(), color_system=None)
    console.print(renderable)
    return console.export_text()


_PAIR = re.compile(r'\[\s+("[^"\n]*"|-?[0-9.eE+-]+),\s+("[^"\n]*"|-?[0-9.eE+-]+)\s+\]')


def json_text(document) -> str:
    """Return indented JSON with each ``[start, end]`` or ``[time, value]`` pair on one line."""
    return _PAIR.sub(r"[\1, \2]", json.dumps(document, indent=2, ensure_ascii=False)) + "\n"
