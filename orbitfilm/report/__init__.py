"""Every output a person or a program reads: tables, CSV, JSON, calendars, HTML."""

from __future__ import annotations

import io


def plain_text(renderable, width: int = 100) -> str:
    """Return a rich renderable as plain text, for writing to a file."""
    from rich.console import Console

    console = Console(record=True, width=width, file=io.StringIO(), color_system=None)
    console.print(renderable)
    return console.export_text()
