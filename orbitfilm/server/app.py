"""The server's application: its store, its worker, its guard, its routers."""

from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from .. import __version__
from ..errors import OrbitfilmError
from ..store.db import open_store, store_url, transaction
from ..store.jobs import fail_unfinished
from .jobs import Runner
from .routers import auth, health, jobs, productions
from .security import Guard

API = "/api/v1"


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

    @app.exception_handler(OrbitfilmError)
    async def refused(request: Request, error: OrbitfilmError) -> JSONResponse:
        # What the store refuses (an unknown scene, a shot outside the stay): one line.
        return JSONResponse({"detail": str(error)}, status_code=422)

    return app
