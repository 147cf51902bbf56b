"""Errors that orbitfilm reports to a person as one line."""

from __future__ import annotations


class OrbitfilmError(Exception):
    """Base of every error the CLI turns into a one-line message and exit status 2."""


class InputError(OrbitfilmError):
    """Bad input: names the file, the line or field, and what is wrong.

    ``str(error)`` reads ``FILE:LINE: message (field)``; the parts that are unknown are left out.
    ``override`` names the keyword argument that would accept what was refused (``force``
    for an output that exists, ``allow_stale`` for old element sets): a shell can then tell
    its user how to ask for it in its own words.
    """

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 field: str | None = None, override: str | None = None):
        self.message = message
        self.path = path
        self.line = line
        self.field = field
        self.override = override
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = str(self.path)
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        suffix = f" ({self.field})" if self.field else ""
        return f"{where}{self.message}{suffix}"


class CannotFlyError(InputError):
    """A plan that cannot fly: a fixed launch before the crew is ready. Not bad input, but
    no plan either, so the CLI exits 1 (as for a programme that cannot be met)."""

    exit_code = 1


class InputErrors(OrbitfilmError):
    """Several input errors at once, so a person can fix them all in one pass."""

    def __init__(self, errors: list[InputError]):
        self.errors = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


class OutputExistsError(InputError):
    """The output file is already there and the caller did not ask to replace it.

    The library says only that the output exists; each shell adds how to overwrite it
    (the CLI's ``--force``).
    """

    def __init__(self, message: str = "the output exists", **where):
        super().__init__(message, override="force", **where)
