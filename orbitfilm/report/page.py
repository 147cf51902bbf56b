"""The HTML shell every page shares: one self-contained file, its style inlined, no requests."""

from __future__ import annotations

from html import escape
from importlib import resources

# Every page is read offline and printed: no script, no font or image from elsewhere.
_CSS_FILE = "report.css"


def esc(value) -> str:
    """Return text safe inside HTML elements and attribute values."""
    return escape("" if value is None else str(value), quote=True)


def stylesheet() -> str:
    return (resources.files("orbitfilm.report") / "templates" / _CSS_FILE).read_text("utf-8")


def html_page(title: str, body: str, *, page_class: str = "", extra_css: str = "") -> str:
    """Return a whole HTML document with the shared style inlined."""
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        # An empty data: icon keeps the browser from asking a server for /favicon.ico.
        "<link rel=\"icon\" href=\"data:,\">\n"
        f"<title>{esc(title)}</title>\n<style>\n{stylesheet()}{extra_css}</style>\n</head>\n"
        f"<body class=\"{esc(page_class)}\">\n{body}\n</body>\n</html>\n"
    )


def table(headers: list[str], rows: list[list[str]], *, css_class: str = "",
          row_classes: list[str] | None = None) -> str:
    """Return a table; cells are HTML already (escape text with ``esc``)."""
    head = "".join(f"<th>{h}</th>" for h in headers)
    classes = row_classes or [""] * len(rows)
    body = "".join(
        f"<tr class=\"{c}\">" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>\n"
        for row, c in zip(rows, classes))
    return (f"<table class=\"{css_class}\"><thead><tr>{head}</tr></thead>\n"
            f"<tbody>\n{body}</tbody></table>\n")


def definition_list(pairs: list[tuple[str, str]], css_class: str = "facts") -> str:
    items = "".join(f"<dt>{esc(key)}</dt><dd>{value}</dd>" for key, value in pairs)
    return f"<dl class=\"{css_class}\">{items}</dl>\n"
