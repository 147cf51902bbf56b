"""The demo office: a store holding the Challenge planned and published, and a first AD's
account with a fresh password, so that one command shows everything the pages do."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Callable

from sqlalchemy import select

from ..production.examples import example_path
from ..store.db import make_engine, store_url, transaction, upgrade
from ..store.planning import plan_version
from ..store.tables import ProductionRow, UserRow
from ..store.users import add_user, set_password
from ..store.versions import publish

DEMO_FILE = "orbitfilm-demo.db"
DEMO_USER = "demo"
DEMO_PLAN_S = 10.0


def demo_store(db: str | None, say: Callable[[str], None]) -> tuple[str, str, str]:
    """Make (or reuse) the demo store: the Challenge planned and published once, the demo
    user's password new each time. Return (store URL, user name, password)."""
    url = store_url(db or DEMO_FILE)
    engine = make_engine(url)
    upgrade(engine)
    with transaction(engine) as session:
        production = session.scalar(select(ProductionRow.id).order_by(ProductionRow.id))
    if production is None:
        say(f"planning the Challenge into {db or DEMO_FILE} (about {DEMO_PLAN_S:g} s)")
        production = _plan(engine)
    password = secrets.token_urlsafe(12)
    with transaction(engine) as session:
        if session.scalar(select(UserRow.id).where(UserRow.username == DEMO_USER)) is None:
            add_user(session, DEMO_USER, password, "first_ad", production, None, "demo")
        else:
            set_password(session, DEMO_USER, password, "demo")
    engine.dispose()
    return url, DEMO_USER, password


def _plan(engine) -> int:
    from ..plan.stage import make_plan
    from ..schedule.problem import SolveOptions

    def make(path: Path, folder: Path):
        options = SolveOptions(time_limit_s=DEMO_PLAN_S)
        return make_plan(path, folder, options=options), {"time_limit_s": DEMO_PLAN_S}

    done = plan_version(engine, example_path("challenge-2021"), None, make, "demo")
    with transaction(engine) as session:
        publish(session, done["version"], "demo", None)
        return session.scalar(select(ProductionRow.id).order_by(ProductionRow.id))
