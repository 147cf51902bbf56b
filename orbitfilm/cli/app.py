"""The typer application and the one place where errors become one-line messages."""

from __future__ import annotations

import os
import sys

import typer
from rich.console import Console

from .. import __version__
from ..errors import InputError, InputErrors, OrbitfilmError
from ..files import os_reason

app = typer.Typer(
    name="orbitfilm",
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


def _console(stderr: bool) -> Console:
    # Piped output is read by people too: wide enough that tables do not wrap at 80.
    stream = sys.stderr if stderr else sys.stdout
    width = None if stream.isatty() or os.environ.get("COLUMNS") else 160
    return Console(stderr=stderr, width=width, highlight=False, soft_wrap=stderr)


console = _console(stderr=False)
err_console = _console(stderr=True)

EXIT_INPUT = 2
# The words the command line has for what a library call was asked to accept.
OVERRIDES = {"force": "--force to overwrite", "allow_stale": "--allow-stale-elements to go on"}


def warn(message: str) -> None:
    """Print a warning line on standard error."""
    err_console.print(f"[yellow]warning:[/yellow] {message}", markup=True)


def note(message: str) -> None:
    """Print a note on standard error: something done that a person should know."""
    err_console.print(f"note: {message}", markup=False)


def error_line(error: InputError | OrbitfilmError) -> str:
    """Return an error's line, with how to override it on the command line, if one can."""
    hint = OVERRIDES.get(getattr(error, "override", None))
    return f"error: {error}" + (f" ({hint})" if hint else "")


def main() -> None:
    """Run the CLI; known errors and usage errors print one line each, exit status 2."""
    try:
        code = app(standalone_mode=False)
    except InputErrors as errors:
        for error in errors.errors:
            err_console.print(error_line(error), markup=False)
        sys.exit(EXIT_INPUT)
    except OrbitfilmError as error:
        err_console.print(error_line(error), markup=False)
        sys.exit(getattr(error, "exit_code", EXIT_INPUT))
    except OSError as error:  # a file or folder the system refused: one line, not a trace
        where = f"{error.filename}: " if error.filename else ""
        err_console.print(f"error: {where}{os_reason(error)}", markup=False)
        sys.exit(EXIT_INPUT)
    except (KeyboardInterrupt, typer.Abort):
        err_console.print("interrupted", markup=False)
        sys.exit(130)
    except Exception as error:  # noqa: BLE001 (only usage errors are handled here)
        if not _is_usage_error(error):
            raise
        err_console.print(_usage_line(error), markup=False)
        sys.exit(EXIT_INPUT)
    sys.exit(code if isinstance(code, int) else 0)


def _is_usage_error(error: Exception) -> bool:
    # Typer's usage errors (click's, vendored) carry exit code 2 and a message to format.
    return getattr(error, "exit_code", None) == 2 and hasattr(error, "format_message")


def _usage_line(error) -> str:
    context = getattr(error, "ctx", None)
    command = context.command_path if context is not None else "orbitfilm"
    message = error.format_message().strip().splitlines()[0].rstrip(".")
    message = message.replace("Value error, ", "")
    return f"error: {command}: {message[:1].lower()}{message[1:]} (see {command} --help)"


@app.callback(invoke_without_command=True)
def _root(
    context: typer.Context,
    version: bool = typer.Option(False, "--version", help="Print the version and exit."),
) -> None:
    """Plan the shooting of a film aboard a crewed space station.

    \b
    Start with the bundled example:
      orbitfilm plan -o plan          (the whole plan of The Challenge, 2021)
      orbitfilm environment --start 2021-10-05T12:22:31Z --end 2021-10-06T12:00:00Z -g tsup
    """
    if version:
        console.print(f"orbitfilm {__version__}", markup=False)
        raise typer.Exit()
    if context.invoked_subcommand is None:
        console.print(context.get_help(), markup=False)
        raise typer.Exit()
