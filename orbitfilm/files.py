"""Writing outputs so that nothing the user has is ever half-overwritten."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import InputError, OutputExistsError


def umask_mode(mode: int = 0o666) -> int:
    """Return a new file's mode as the user's umask makes it (``open`` does the same)."""
    mask = os.umask(0)
    os.umask(mask)
    return mode & ~mask


def check_output_file(path: str | Path, *, force: bool = True) -> Path:
    """Raise ``InputError`` unless a file may be written at ``path``; return the path.

    Cheap, so a command can ask before its work: the folder exists and we may write in it,
    the path is not a folder, and (without ``force``) no file is there already.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise InputError("a folder, not a file to write", path=str(path))
    if not folder.is_dir():
        raise InputError(f"the folder {str(folder)!r} does not exist", path=str(path))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError(f"cannot write in {str(folder)!r}: permission denied", path=str(path))
    if path.exists() and not force:
        raise OutputExistsError(path=str(path))
    return path


def write_text_atomic(path: str | Path, text: str | bytes, *, force: bool = True) -> Path:
    """Write ``text`` to a temporary file beside ``path``, then rename it into place.

    The file gets the mode the user's umask gives new files (not ``mkstemp``'s 0600).
    """
    path = check_output_file(path, force=force)
    folder = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        if isinstance(text, bytes):
            with os.fdopen(handle, "wb") as stream:
                stream.write(text)
        else:
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
                stream.write(text)
        os.chmod(temporary, umask_mode())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
