"""The pages' templates: one Jinja2 environment, every value escaped, times shown as the
team reads them (GMT, as the station keeps it)."""

from __future__ import annotations

from datetime import date

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape

from ..report.formatting import iso_clock, short_date
from ..report.stripboard import STRIP_LABELS, strip_kind
from ..times import format_iso, parse_iso

ENV = Environment(loader=PackageLoader("orbitfilm.server", "templates"),
                  autoescape=select_autoescape(default=True, default_for_string=True),
                  trim_blocks=True, lstrip_blocks=True)


def clock(iso: str | None) -> str:
    """``2021-10-05T12:22:31Z`` → ``12:22`` (the reports' GMT clock)."""
    return iso_clock(iso) if iso else ""


def long_day(iso: str | None) -> str:
    """``2021-10-05`` → ``Tue 5 Oct 2021``."""
    if not iso:
        return ""
    day = date.fromisoformat(iso[:10])
    return f"{short_date(day)} {day.year}"


def when(iso: str | None) -> str:
    """``2021-10-05T12:22:31Z`` → ``Tue 5 Oct 2021, 12:22 GMT``."""
    return f"{long_day(format_iso(parse_iso(iso)))}, {clock(iso)} GMT" if iso else ""


ENV.filters.update(clock=clock, when=when, long_day=long_day, posix=format_iso)
ENV.globals.update(strip_kind=strip_kind, strip_labels=STRIP_LABELS)


def page(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
    """Render a page (nothing a page shows is cached: it may name a person's calls)."""
    html = ENV.get_template(name).render(request=request, **context)
    return HTMLResponse(html, status_code=status, headers={"Cache-Control": "no-store"})
