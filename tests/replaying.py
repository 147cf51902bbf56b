"""The Challenge as planned before launch, planned once a test session, and put in a store
with its plan published (the re-plan and server tests start from it)."""

from __future__ import annotations

import shutil

from clirun import in_process

PLANNED_DOCKING = "2021-10-05T12:12:00Z"
REAL_DOCKING = "2021-10-05T12:22:31Z"


def plan_challenge(folder):
    """Return (file, plan, plan folder) of the Challenge as planned before launch: docking
    at 12:12, and a film day of 100 minutes a person, so that the plan spreads over the
    twelve days the shoot took (at the default four hours the solver packs it into eight)."""
    from orbitfilm.plan.stage import make_plan
    from orbitfilm.production.examples import example_path
    from orbitfilm.schedule.problem import SolveOptions

    text = example_path("challenge-2021").read_text(encoding="utf-8")
    text = text.replace(f"docking = {REAL_DOCKING}", f"docking = {PLANNED_DOCKING}")
    text = text.replace("[mission]\n", "[limits]\ndaily_film_min = 100\n\n[mission]\n", 1)
    assert PLANNED_DOCKING in text and "daily_film_min = 100" in text
    path = folder / "challenge-planned.toml"
    path.write_text(text, encoding="utf-8")
    plan = make_plan(path, folder / "plan", options=SolveOptions(time_limit_s=20))
    return path, plan, folder / "plan"


def into_store(url: str, planned) -> int:
    """Add the planned production to a store as version 1 (the plan made once, copied) and
    publish it; return the version."""
    from orbitfilm.store.db import open_store
    from orbitfilm.store.planning import plan_version

    path, plan, folder = planned

    def make(_, out):
        shutil.copytree(folder, out)
        return plan, {"time_limit_s": 20}

    done = plan_version(open_store(url), path, None, make, "first-ad")
    assert in_process("publish", str(done["version"]), "--db", url)[0] == 0
    return done["version"]
