"""The typer application and the one place where errors become one-line messages."""

from __future__ import annotations

import sys

import typer
from rich.console import Console

from ..errors import InputErrors, OrbitfilmError

app = typer.Typer(
    name="orbitfilm",
    help="Plan the shooting of a film aboard a crewed space station.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)

console = Console()
err_console = Console(stderr=True, highlight=False, soft_wrap=True)

EXIT_INPUT = 2


def warn(message: str) -> None:
    """Print a warning line on standard error."""
    err_console.print(f"[yellow]warning:[/yellow] {message}", markup=True)


def main() -> None:
    """Run the CLI; known errors print one line each and exit with status 2."""
    try:
        app()
    except InputErrors as errors:
        for error in errors.errors:
            err_console.print(f"error: {error}", markup=False)
        sys.exit(EXIT_INPUT)
    except OrbitfilmError as error:
        err_console.print(f"error: {error}", markup=False)
        sys.exit(EXIT_INPUT)
    except KeyboardInterrupt:
        err_console.print("interrupted", markup=False)
        sys.exit(130)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", help="Print the version and exit."),
) -> None:
    """Plan the shooting of a film aboard a crewed space station.

    Example: orbitfilm environment --start 2021-10-05T12:22:31Z --end 2021-10-06T12:00:00Z -g tsup
    """
    if version:
        from .. import __version__

        console.print(f"orbitfilm {__version__}")
        raise typer.Exit()
