"""``orbitfilm replan``: the rest of the shoot re-planned from the store's active version
and its shoot log, kept as a draft version with its diff."""

from __future__ import annotations

import time
from typing import Optional

import typer

from ..report import json_text
from .app import app
from .common import Format, Live, TableOrJson, deliver, output_format, say
from .schedule import DETERMINISTIC, SEED, WORKERS, solve_options
from .store import DB_HELP, PRODUCTION_HELP, diff_table


@app.command("replan", short_help="re-plan the rest of the shoot from the store and its log")
def replan_command(
    db: Optional[str] = typer.Option(None, "--db", metavar="URL", help=DB_HELP),
    production: Optional[int] = typer.Option(None, "--production", metavar="ID",
                                              help=PRODUCTION_HELP),
    now: Optional[str] = typer.Option(
        None, "--now", metavar="ISO",
        help="What is past: nothing is placed before it, shots logged after it are not "
             "counted (default: the present)."),
    time_limit: float = typer.Option(20.0, "--time-limit", metavar="SECONDS", min=0.1,
                                     help="Seconds the whole re-plan may take."),
    workers: int = WORKERS,
    seed: int = SEED,
    deterministic: bool = DETERMINISTIC,
    allow_stale: bool = typer.Option(
        False, "--allow-stale-elements",
        help="Go on with element sets more than 60 days from the mission."),
    move: list[str] = typer.Option(
        [], "--move", metavar="SCENE=DATE",
        help="Shoot a scene on another GMT day (repeat for more)."),
    lock: list[str] = typer.Option(
        [], "--lock", metavar="SCENE", help="Keep a scene at its published time (repeat)."),
    format: Optional[TableOrJson] = typer.Option(None, "--format", "-f",
                                                 help="table (the diff) or json."),
):
    """Re-plan the rest of the shoot from the active version and the shoot log: what is
    shot stays as shot, what is lost is dropped with its reason, nothing goes before
    --now, and the rest is solved again with everything the log says (events, moved
    duties, illness, the real docking and undocking, new element sets), moving as little
    of the published schedule as its [replan] weights say; --move and --lock are the first
    AD's hand (a pin no window can honour leaves the scene out, saying so). The result is a
    draft version;
    the diff says what moved and whose calls change. JSON: {"version", "solve_s",
    "status", "diff"}.

    \b
    Example:
      orbitfilm replan --db orbitfilm.db --now 2021-10-15T09:50Z --time-limit 10
      orbitfilm replan --db orbitfilm.db --move 12=2021-10-16 --lock 7
      orbitfilm publish 3 --db orbitfilm.db
    """
    from ..plan.replan import replan
    from ..store.audit import current_user
    from ..store.db import open_store
    from ..schedule.pins import parse_pins
    from ..store.replanning import replan_version
    from ..times import parse_iso

    chosen = output_format(format, None, (Format.table, Format.json))
    now_s = time.time() if now is None else parse_iso(now, field="--now")
    options = solve_options(time_limit, workers, seed, deterministic)
    pins = parse_pins(move, lock)

    def make(loaded, logged, published):
        with Live() as live:
            made = replan(loaded, logged, published, options, stage=live.stage,
                          progress=live.solver, allow_stale=allow_stale, pins=pins)
            live.stage("writing the plan and its reports")
            files = made.files()
        return made, files, {"time_limit_s": time_limit, "workers": workers, "seed": seed,
                      "deterministic": deterministic, "allow_stale": allow_stale,
                      "pins": [pin.to_json() for pin in pins]}

    done = replan_version(open_store(db), production, now_s, make, current_user())
    if chosen is Format.json:
        deliver(None, json_text({k: done[k] for k in ("version", "solve_s", "status", "diff")}))
        return
    deliver(None, renderables=[diff_table(done["diff"])])
    say(f"version {done['version']} (draft, {done['status']}, solved in {done['solve_s']:g} s) "
        f"from version {done['from']}: orbitfilm publish {done['version']} makes it active")
