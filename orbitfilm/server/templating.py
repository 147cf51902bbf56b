"""The pages' templates: one Jinja2 environment, every value escaped, times shown as the
team reads them (GMT, as the station keeps it)."""

from __future__ import annotations

from datetime import datetime, timezone

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape

from ..report.stripboard import STRIP_LABELS, strip_kind
from ..times import format_iso

ENV = Environment(loader=PackageLoader("orbitfilm.server", "templates"),
                  autoescape=select_autoescape(default=True, default_for_string=True),
                  trim_blocks=True, lstrip_blocks=True)


def _moment(iso: str | None) -> datetime | None:
    if not iso:
        return None
    return datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone(timezone.utc)


def clock(iso: str | None) -> str:
    """``2021-10-05T12:22:31Z`` → ``12:22``."""
    moment = _moment(iso)
    return moment.strftime("%H:%M") if moment else ""


def when(iso: str | None) -> str:
    """``2021-10-05T12:22:31Z`` → ``Tue 5 Oct 2021, 12:22 GMT``."""
    moment = _moment(iso)
    return f"{moment:%a} {moment.day} {moment:%b %Y, %H:%M} GMT" if moment else ""


def long_day(iso: str | None) -> str:
    """``2021-10-05`` → ``Tue 5 Oct 2021``."""
    moment = _moment(iso if iso is None or "T" in iso else f"{iso}T00:00:00Z")
    return f"{moment:%a} {moment.day} {moment:%b %Y}" if moment else ""


ENV.filters.update(clock=clock, when=when, long_day=long_day, posix=format_iso)
ENV.globals.update(strip_kind=strip_kind, strip_labels=STRIP_LABELS)


def page(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
    """Render a page (nothing a page shows is cached: it may name a person's calls)."""
    html = ENV.get_template(name).render(request=request, **context)
    return HTMLResponse(html, status_code=status, headers={"Cache-Control": "no-store"})
