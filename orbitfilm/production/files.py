"""Reading a person's text files; outputs are written whole by ``orbitfilm.files``."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..files import write_text_atomic

__all__ = ["read_text", "write_text_atomic"]


def read_text(path: Path) -> str:
    """Return a UTF-8 text file, or raise ``InputError`` naming the file (and line)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=str(path)) from None
    except OSError as error:
        raise InputError(f"cannot read the file: {error.strerror}", path=str(path)) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        raise InputError("not UTF-8 text", path=str(path), line=line) from None
