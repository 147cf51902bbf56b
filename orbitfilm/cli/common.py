"""What every command shares: output formats, the progress line, writing what it made."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from ..errors import InputError
from ..files import check_output_file, write_text_atomic
from ..report import plain_text
from .app import console, err_console


class Format(str, Enum):
    """An output format: a table for people, JSON or CSV for programs."""

    table = "table"
    json = "json"
    csv = "csv"


class TableOrJson(str, Enum):
    """The formats of a command that writes no CSV: only what it writes is offered."""

    table = "table"
    json = "json"


def output_format(chosen: Enum | None, output: Path | None,
                  allowed=(Format.table, Format.json)) -> Format:
    """Return the format to write: the one asked for, else by the output's suffix, else a
    table; a suffix naming a format the command does not write is refused (``x.csv`` would
    otherwise get a text table a spreadsheet cannot open)."""
    suffix = output.suffix.lower().lstrip(".") if output is not None else ""
    if chosen is not None:
        found = Format(chosen.value)
    elif suffix in {f.value for f in Format}:
        found = Format(suffix)
    else:
        found = Format.table
    if found not in allowed:
        given = f"--format {found.value}" if chosen is not None else f"-o {output}"
        raise InputError(f"{given}: this command writes "
                         f"{' or '.join(f.value for f in allowed)}")
    return found


def check_output(output: Path | None, force: bool = True) -> None:
    """Refuse a bad output path before any work (a folder, no such folder, not writable)."""
    if output is not None:
        check_output_file(output, force=force)


def deliver(output: Path | None, text: str | None = None, renderables=()) -> None:
    """Write text (or tables as plain text) to ``output`` and say so, or print it."""
    if output is None:
        if text is not None:
            console.file.write(text)
        for renderable in renderables:
            console.print(renderable)
        return
    if text is None:
        text = "\n".join(plain_text(part) for part in renderables)
    write_text_atomic(output, text)
    say(f"wrote {output}")


def say(line: str, *, aside: bool = False) -> None:
    """Print a line for people about what a command did; ``aside`` on standard error (when
    standard output carries JSON that must stand alone)."""
    (err_console if aside else console).print(line, markup=False, highlight=False,
                                              soft_wrap=True)


class Live:
    """One progress line on standard error: the stage, then the best schedule and bound.

    Shown only where standard error is a terminal, so that piped runs stay quiet.
    """

    def __init__(self):
        self.progress = Progress(SpinnerColumn(), TextColumn("{task.description}"),
                                 TimeElapsedColumn(), console=err_console, transient=True,
                                 disable=not err_console.is_terminal)
        self.task = self.progress.add_task("starting")
        self.best: float | None = None
        self.bound: float | None = None

    def __enter__(self):
        self.progress.__enter__()
        return self

    def __exit__(self, *exc):
        return self.progress.__exit__(*exc)

    def stage(self, name: str) -> None:
        self.progress.update(self.task, description=name)

    def solver(self, report: dict) -> None:
        """Show the cheapest schedule found so far (every report is a real schedule's cost)."""
        if report.get("objective") is not None:
            self.best = min(report["objective"], self.best or float("inf"))
        if report.get("bound") is not None:
            self.bound = report["bound"]
        text = "solving (Ctrl-C keeps the best so far)"
        if self.best is not None:
            text += f": best {self.best:,.0f}"
        if self.bound is not None:
            text += f", bound {self.bound:,.0f}"
        self.progress.update(self.task, description=text)
