"""The server's application: its store, its worker, its guard, its routers."""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from .. import __version__
from ..errors import OrbitfilmError
from ..store.db import open_store, store_url, transaction
from ..store.jobs import fail_unfinished
from .jobs import Runner
from .routers import auth, health, jobs, links, pages, productions, signin
from .routers.signin import login_url
from .security import Guard
from .templating import page

API = "/api/v1"
STATIC = Path(__file__).parent / "static"
# What a page says above the one line of a refusal.
HEADINGS = {403: "Not yours to do", 404: "Not found", 409: "Not now", 422: "Not accepted",
            429: "Too many tries"}


def create_app(db: str | None = None) -> FastAPI:
    """Return the server of the store at ``db`` (a URL or a file; the store's schema is
    checked now: an older or newer one is one line)."""
    url = store_url(db)
    engine = open_store(url, pooled=True)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        with transaction(engine) as session:     # a job a stopped server left is not waited on
            fail_unfinished(session)
        app.state.runner = Runner(url)
        try:
            yield
        finally:
            app.state.runner.close()
            engine.dispose()

    # No /docs: its page loads scripts from another origin, which the policy forbids.
    app = FastAPI(title="orbitfilm", version=__version__, lifespan=lifespan,
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json")
    app.state.engine = engine
    app.add_middleware(Guard)
    app.include_router(health.router)
    for router in (auth.router, productions.router, jobs.router):
        app.include_router(router, prefix=API)
    for router in (signin.router, pages.router, links.router):
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _assets(app)

    @app.exception_handler(HTTPException)
    async def refused_page(request: Request, error: HTTPException):
        # The API answers JSON; a page answers a page (401: the sign-in page).
        if request.url.path.startswith(API) or request.url.path.startswith("/static"):
            return await http_exception_handler(request, error)
        if error.status_code == 401:
            return RedirectResponse(login_url(request.url.path), status_code=303)
        return page(request, "error.html", error.status_code, code=error.status_code,
                    heading=HEADINGS.get(error.status_code, "Refused"), detail=error.detail,
                    csrf=None)

    @app.exception_handler(OrbitfilmError)
    async def refused(request: Request, error: OrbitfilmError):
        # What the store refuses (an unknown scene, a shot outside the stay): one line.
        return await refused_page(request, HTTPException(422, str(error)))

    return app


def _assets(app: FastAPI) -> None:
    """The style sheets made from the reports' own: the strip colours and the call sheet's
    and day-out-of-days' styles (one source for the files and the pages)."""
    from ..report.page import stylesheet
    from ..report.stripboard import strip_css

    def css(text: str) -> Response:
        return Response(text, media_type="text/css", headers={"Cache-Control": "max-age=600"})

    app.add_api_route("/assets/strips.css", lambda: css(strip_css()), include_in_schema=False)
    app.add_api_route("/assets/report.css", lambda: css(stylesheet()), include_in_schema=False)
