"""Run the command line as a person does: a fresh process, its output and exit status."""

from __future__ import annotations

import subprocess
import sys


def run(*args, check=True) -> subprocess.CompletedProcess:
    """Run ``orbitfilm ARGS``; with ``check``, fail the test on a non-zero exit status."""
    result = subprocess.run([sys.executable, "-m", "orbitfilm", *args], capture_output=True,
                            text=True, timeout=300)
    if check:
        assert result.returncode == 0, result.stderr
    return result


def in_process(*args, cwd=None):
    """Run a command in this process (no interpreter to start); return (exit code, output,
    the error raised, if any)."""
    import os

    from typer.testing import CliRunner

    from orbitfilm.cli import app
    here = os.getcwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        result = CliRunner().invoke(app, list(args))
    finally:
        os.chdir(here)
    return result.exit_code, result.stdout, result.exception
