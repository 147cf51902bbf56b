"""Write plain data (dicts, lists, strings, numbers, times) as TOML that ``tomllib`` reads back."""

from __future__ import annotations

import math
import re
from datetime import date, datetime, timezone

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f",
            "\r": "\\r"}


def toml_string(text: str) -> str:
    """Return a TOML basic string, escaping what the spec says must be escaped."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def toml_key(key: str) -> str:
    return key if _BARE_KEY.match(key) else toml_string(key)


def toml_value(value) -> str:
    """Return one value inline: scalars, arrays and inline tables."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"TOML cannot hold {value!r} here")
        return str(int(value)) + ".0" if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
        return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def _is_table_array(value) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def dumps(document: dict, comments: dict[tuple, str] | None = None) -> str:
    """Return a document as TOML; ``comments`` puts a comment line above a table by its path."""
    comments = comments or {}
    lines: list[str] = []
    _table(document, (), lines, comments)
    return "\n".join(lines).strip("\n") + "\n"


def _table(table: dict, path: tuple, lines: list[str], comments: dict) -> None:
    simple = {k: v for k, v in table.items()
              if not isinstance(v, dict) and not _is_table_array(v) and v is not None}
    for key, value in simple.items():
        lines.append(f"{toml_key(key)} = {toml_value(value)}")
    for key, value in table.items():
        child = (*path, key)
        if isinstance(value, dict):
            lines.append("")
            if child in comments:
                lines.append(f"# {comments[child]}")
            lines.append("[" + ".".join(toml_key(k) for k in child) + "]")
            _table(value, child, lines, comments)
        elif _is_table_array(value):
            for item in value:
                lines.append("")
                lines.append("[[" + ".".join(toml_key(k) for k in child) + "]]")
                _table(item, child, lines, comments)
