"""``/healthz``: the server answers and its store too."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from sqlalchemy import text
from sqlalchemy.engine import Engine

from ..deps import store

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz(engine: Engine = Depends(store)) -> dict:
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
    return {"status": "ok"}
