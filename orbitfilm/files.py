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
    if path.exists() and not force:
        raise OutputExistsError(path=str(path))
    probe_folder(folder, str(path))
    return path


def probe_folder(folder: Path, shown: str) -> None:
    """Raise ``InputError`` unless a file can be made in ``folder``, by making one.

    Asking ``os.access`` is not enough: it says yes to root for a read-only file system or
    ``/proc``, and only the attempt knows.
    """
    try:
        handle, temporary = tempfile.mkstemp(prefix=".orbitfilm-probe-", dir=folder)
    except OSError as error:
        raise InputError(f"cannot write in {str(folder)!r}: {os_reason(error)}",
                         path=shown) from None
    os.close(handle)
    os.unlink(temporary)


def os_reason(error: OSError) -> str:
    """Return what the system said of a refused file operation, for a one-line message."""
    return (error.strerror or str(error)).lower()


def write_text_atomic(path: str | Path, text: str | bytes, *, force: bool = True) -> Path:
    """Write ``text`` to a temporary file beside ``path``, then rename it into place.

    The file gets the mode the user's umask gives new files (not ``mkstemp``'s 0600).
    """
    path = check_output_file(path, force=force)
    try:
        return _write_atomic(path, text)
    except OSError as error:  # the disk filled, the folder went away: one line, not a trace
        raise InputError(f"cannot write: {os_reason(error)}", path=str(path)) from None


def _write_atomic(path: Path, text: str | bytes) -> Path:
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
