"""Re-planning from the store: the replay of the Challenge's shoot to 15 Oct 2021, on SQLite
and on the suite's PostgreSQL, and what each kind of log entry does to the rest.

Sources for the replay's facts:
- Soyuz MS-19 docked at 12:22:31 UTC on 5 Oct 2021, about ten minutes after the planned
  12:12 (Kurs failed on final approach; Shkaplerov docked manually):
  https://www.russianspaceweb.com/soyuz-ms-19.html
- 15 Oct 2021: a thruster test of Soyuz MS-18 ran on; the station lost attitude control at
  05:13 EDT (09:13 UTC) and regained it within 30 minutes:
  https://parabolicarc.com/2021/10/16/russian-soyuz-vehicle-causes-another-loss-of-attitude-control-on-space-station/
- The shoot took twelve days aboard (docking 5 Oct, undocking 17 Oct 01:14 UTC).
"""

from __future__ import annotations

import json

import pytest

from clirun import in_process
from killing import kill_at, whole_store
from replaying import REAL_DOCKING, into_store

from orbitfilm.plan.logged import Block, Logged, Shot
from orbitfilm.plan.replan import replan
from orbitfilm.production.loader import load_production
from orbitfilm.production.model import Replan
from orbitfilm.schedule.problem import SolveOptions, evaluate
from orbitfilm.schedule.replan import rest_problem
from orbitfilm.schedule.windows import build_problem
from orbitfilm.schedule.verify import check_schedule
from orbitfilm.store.db import open_store, transaction
from orbitfilm.store.diff import diff_plans
from orbitfilm.store.shootlog import add_entry
from orbitfilm.times import parse_iso

EVENT = ("2021-10-15T09:13:00Z", "2021-10-15T09:45:00Z")
SHOT_UNTIL = "2021-10-15T09:00:00Z"
REPLAN_AT = "2021-10-15T09:50:00Z"


@pytest.fixture(scope="module")
def planned(challenge_planned):
    return challenge_planned


def _cli_json(*args):
    code, out, error = in_process(*args)
    assert code == 0, (out, error)
    return json.loads(out)


def _schedule(url: str, version: int) -> dict:
    from orbitfilm.store.diff import plan_document
    with transaction(open_store(url)) as session:
        return plan_document(session, version)["schedule"]


def _pieces(schedule: dict) -> dict[str, list]:
    """Return each scene's pieces' times (a split scene has several)."""
    found: dict[str, list] = {}
    for scene in sorted(schedule["scenes"], key=lambda s: s["start"]):
        found.setdefault(scene["id"], []).append((scene["start"], scene["end"]))
    return found


def test_the_replay_of_15_october_2021(store, planned):
    into_store(store, planned)
    # 5 Oct: the docking ten minutes late, logged; the rest of the day re-planned at once.
    assert in_process("log", "mission", "--docking", REAL_DOCKING, "--db", store)[0] == 0
    first = _cli_json("replan", "--db", store, "--now", "2021-10-05T12:30Z",
                      "--time-limit", "10", "--format", "json")
    hatch_s = parse_iso(REAL_DOCKING) + 150 * 60      # hatch_open_min = 150 in the file
    after = _schedule(store, first["version"])
    assert min(parse_iso(s["shoot_start"]) for s in after["scenes"]) >= hatch_s - 1e-3
    assert in_process("publish", str(first["version"]), "--db", store)[0] == 0

    # Every scene shot on plan, day by day, up to 15 Oct 09:00 GMT.
    published = _schedule(store, first["version"])
    shot = [s for s in published["scenes"] if s["end"] <= SHOT_UNTIL]
    assert len(shot) >= 25     # most of the shoot is behind the crew by then
    engine = open_store(store)
    for scene in shot:
        with transaction(engine) as session:
            add_entry(session, 1, "shot", {"scene": scene["id"],
                                           "start": parse_iso(scene["shoot_start"]),
                                           "end": parse_iso(scene["end"]), "take": 1,
                                           "note": ""}, "script-supervisor")
    assert in_process("log", "event", "--start", EVENT[0], "--end", EVENT[1], "--reason",
                      "station attitude control lost", "--db", store)[0] == 0

    done = _cli_json("replan", "--db", store, "--now", REPLAN_AT, "--time-limit", "10",
                     "--format", "json")
    assert done["status"] in ("optimal", "feasible")
    new = _schedule(store, done["version"])
    by_id = {}
    for scene in new["scenes"]:
        by_id.setdefault(scene["id"], []).append(scene)
    # Every scene already shot is there unchanged, at its logged times.
    for scene in shot:
        assert [(s["shoot_start"], s["end"]) for s in by_id[scene["id"]]] == \
            [(scene["shoot_start"], scene["end"])]
    # Nothing else starts (set-up included) before the re-plan, nor in the lost half hour.
    shot_ids = {s["id"] for s in shot}
    for scene in new["scenes"]:
        if scene["id"] not in shot_ids:
            assert scene["start"] >= REPLAN_AT
        assert not (scene["start"] < EVENT[1] and scene["end"] > EVENT[0])
    # Every remaining scene is placed before the undocking, or listed with a reason.
    undocking = "2021-10-17T01:14:00.000Z"
    remaining = {s["id"] for s in published["scenes"]} - shot_ids
    assert remaining, "the plan has scenes left after 15 Oct 09:00 GMT"
    reasons = {item["id"]: item["reason"] for item in new["unscheduled"]}
    for scene_id in remaining:
        assert scene_id in by_id and all(s["end"] <= undocking for s in by_id[scene_id]) \
            or reasons.get(scene_id)
    # verify passes on the new version (against the production as the log tells it).
    code, out, error = in_process("verify", "--version", str(done["version"]), "--db", store)
    assert code == 0, out
    # The diff names only what moved, and everything that did.
    before, now = _pieces(published), _pieces(new)
    changed = {i for i in before.keys() | now.keys() if before.get(i) != now.get(i)}
    diff = done["diff"]
    named = {m["scene"] for m in diff["moved"]} | {a["scene"] for a in diff["added"]} | \
        {d["scene"] for d in diff["dropped"]}
    assert named == changed
    assert not named & shot_ids
    assert _cli_json("diff", str(first["version"]), str(done["version"]), "--db", store,
                     "--format", "json") == diff


# -- what each kind of entry does, on the library (no store) ----------------------------------

@pytest.fixture(scope="module")
def production(planned):
    return load_production(planned[0])


def _replan(production, planned, logged):
    return replan(production, logged, planned[1].document, SolveOptions(time_limit_s=5))


def _overlaps(scene: dict, start: str, end: str) -> bool:
    return scene["start"] < end and scene["end"] > start


def test_with_nothing_new_a_move_is_made_only_when_it_pays(production, planned):
    # Priced above any gain, nothing moves: the same facts give the same schedule.
    costly = production.updated({"replan": Replan(moved_scene=10**7, moved_day=10**7,
                                                  call_sheet_soon=10**7)})
    logged = Logged(parse_iso("2021-10-05T10:00Z"))
    kept = _replan(costly, planned, logged)
    assert diff_plans(planned[1].document, kept.document)["moved"] == []
    # At the default prices, each move pays for itself: the re-plan costs no more than the
    # published schedule does in the same problem (where keeping it costs nothing), and
    # each scene moved is priced as moved.
    made = _replan(production, planned, logged)
    flight = made.flight
    rest = rest_problem(flight.production, build_problem(flight), logged,
                        planned[1].document["schedule"])
    assert made.result.objective <= sum(evaluate(rest.problem, rest.published).values())
    diff = diff_plans(planned[1].document, made.document)
    changed = {m["scene"] for m in diff["moved"]} | {d["scene"] for d in diff["dropped"]}
    priced = {scene for p in made.result.penalties if p.name == "moved_scene"
              for scene in p.scenes}
    assert changed == priced


def test_an_event_for_some_people_moves_their_scenes_out_of_it(production, planned):
    # A day's afternoon taken from peresild (in most scenes): her scenes then move out of
    # it, the others' stay where they were.
    scenes = planned[1].document["schedule"]["scenes"]
    day = scenes[len(scenes) // 2]["start"][:10]
    span = (f"{day}T00:00:00.000Z", f"{day}T23:59:00.000Z")
    hers = [s for s in scenes if "peresild" in s["cast"] and _overlaps(s, *span)]
    assert hers, "the chosen day has a scene of peresild's"
    logged = Logged(parse_iso("2021-10-05T15:00Z"), blocks=(Block(
        parse_iso(span[0]), parse_iso(span[1]), "medical checks", ("peresild",)),))
    made = _replan(production, planned, logged)
    new = made.document["schedule"]
    for scene in new["scenes"]:
        if "peresild" in scene["cast"]:
            assert not _overlaps(scene, *span)
    moved = {m["scene"] for m in diff_plans(planned[1].document, made.document)["moved"]}
    assert {s["id"] for s in hers} <= moved | {u["id"] for u in new["unscheduled"]}
    assert check_schedule(made.flight, new) == []


def test_a_closed_module_and_a_lost_scene(production, planned):
    scenes = planned[1].document["schedule"]["scenes"]
    target = next(s for s in scenes if s["location"] == "zvezda")
    span = (target["start"], target["end"])
    lost = next(s for s in scenes if s["id"] != target["id"])
    logged = Logged(parse_iso("2021-10-05T15:00Z"), lost={lost["id"]: "cut for time"},
                    blocks=(Block(parse_iso(span[0]), parse_iso(span[1]), "leak check",
                                  modules=("zvezda",)),))
    made = _replan(production, planned, logged)
    new = made.document["schedule"]
    assert all(not _overlaps(s, *span) for s in new["scenes"] if s["location"] == "zvezda")
    assert {"id": lost["id"], "reason": "lost: cut for time"} in new["unscheduled"]
    assert lost["id"] not in {s["id"] for s in new["scenes"]}
    # A scene that must come after the lost one is shot only if it is (verify's rule).
    reasons = {u["id"]: u["reason"] for u in new["unscheduled"]}
    for follower in (s.id for s in production.scenes if lost["id"] in s.after):
        assert f"after scene {lost['id']}, lost" in reasons[follower]
    assert check_schedule(made.flight, new) == []
    # verify sees the closure: the published schedule breaks it.
    broken = check_schedule(made.flight, {**planned[1].document["schedule"],
                                          "unscheduled": new["unscheduled"]})
    assert any(v.rule == "location" and "closed" in v.message for v in broken)


def test_shots_that_ran_long_count_against_the_day(production, planned):
    # A shot logged far longer than its scene takes the person's whole film day: nothing
    # else of theirs goes on that day (limit 100 min in the planned file).
    scenes = planned[1].document["schedule"]["scenes"]
    first = scenes[0]
    day = first["start"][:10]
    start = parse_iso(first["shoot_start"])
    logged = Logged(start + 3 * 3600, shots=(Shot(first["id"], start, start + 110 * 60),))
    made = _replan(production, planned, logged)
    for scene in made.document["schedule"]["scenes"]:
        if scene["id"] != first["id"] and set(scene["cast"]) & set(first["cast"]):
            assert scene["start"][:10] != day


def test_a_replan_killed_at_any_moment_leaves_the_store_as_it_was(tmp_path, store, planned):
    # SIGKILL while re-planning (reading, solving, writing its reports, keeping the version):
    # the store passes its integrity check (SQLite), the active version is the one it was,
    # and a draft that landed has all its files.
    into_store(store, planned)
    assert in_process("log", "mission", "--docking", REAL_DOCKING, "--db", store)[0] == 0
    for moment_s in (1.0, 3.0):
        kill_at(moment_s, "replan", "--db", store, "--now", "2021-10-05T12:30Z",
                "--time-limit", "3", cwd=tmp_path)
        assert whole_store(store)["active"] == [1]
    # Run to its end, the re-plan lands a whole draft; the active version stays active.
    done = _cli_json("replan", "--db", store, "--now", "2021-10-05T12:30Z", "--time-limit",
                     "4", "--format", "json")
    versions = _cli_json("versions", "--db", store, "--format", "json")
    assert [(v["id"], v["status"]) for v in versions][0] == (1, "active")
    assert (done["version"], "draft") in [(v["id"], v["status"]) for v in versions]


def test_new_element_sets_give_a_new_environment(planned, tmp_path):
    # A production that knew the ISS's sets up to 4 Oct 2021 (the bundled public sets,
    # CelesTrak's); the log receives those of 8 and 15 Oct: the re-plan's orbit is
    # propagated from them (sunrise and sunset move by seconds), and its schedule keeps
    # every rule under that orbit.
    from importlib import resources

    bundled = (resources.files("orbitfilm.orbit") / "data" / "iss-2020-2022.tle").read_text()
    lines = bundled.splitlines()
    assert lines[160][18:23] == "21277" and lines[166][18:23] == "21288"   # 4 and 15 Oct
    (tmp_path / "early.tle").write_text("\n".join(lines[:162]) + "\n")
    received = "\n".join(lines[162:168]) + "\n"
    text = planned[0].read_text().replace('[mission]\n', '[mission]\nelements = "early.tle"\n', 1)
    path = tmp_path / "challenge-early.toml"
    path.write_text(text)
    production = load_production(path)
    now = parse_iso("2021-10-06T00:00Z")
    before = _replan(production, planned, Logged(now))
    after = _replan(production, planned, Logged(now, elements=(("iss-oct.tle", received),)))
    assert after.flight.elements.epochs_s.max() - before.flight.elements.epochs_s.max() > 10 * 86400
    night = [run.flight.environment.condition("orbital_night", production.edge_s).starts_s
             for run in (before, after)]
    assert len(night[0]) == len(night[1]) and abs(night[0] - night[1]).max() > 1.0
    assert check_schedule(after.flight, after.document["schedule"]) == []


def test_what_a_replan_refuses(tmp_path, planned):
    # No active version yet, a --now that is no time, a verify of a version not there:
    # each one line naming what is wrong (InputError: exit 2 in the shell), nothing written.
    from orbitfilm.errors import InputError
    from orbitfilm.store.db import make_engine, store_url, upgrade

    url = store_url(str(tmp_path / "office.db"))
    upgrade(make_engine(url))
    assert in_process("add", str(planned[0]), "--db", url)[0] == 0
    _, _, error = in_process("replan", "--db", url, "--now", "2021-10-06T00:00Z")
    assert isinstance(error, InputError) and "no active version" in str(error)
    _, _, error = in_process("replan", "--db", url, "--now", "the 6th")
    assert isinstance(error, InputError) and "--now" in str(error)
    _, _, error = in_process("verify", "--version", "7", "--db", url)
    assert isinstance(error, InputError) and "no version 7" in str(error)
    _, _, error = in_process("log", "event", "--start", EVENT[0], "--end", EVENT[1], "--reason",
                             "leak", "--modules", "bridge", "--db", url)
    assert isinstance(error, InputError) and "bridge" in str(error)
    assert _cli_json("versions", "--db", url, "--format", "json") == []


def test_the_first_ads_moves_and_locks(production, planned):
    # A scene moved to another day lands on that day; a locked one keeps its published
    # times exactly; both verify (the pins only narrow windows), and the moved one pays no
    # stability price (the move is the AD's, not the solver's). The day limit is the
    # default four hours here, so that the chosen day has room (at the planned 100 minutes
    # the days are full and a moved scene may rightly be left out).
    from orbitfilm.schedule.pins import Pin
    production = production.updated({"limits": production.limits.model_copy(
        update={"daily_film_min": 240.0})})
    scenes = planned[1].document["schedule"]["scenes"]
    logged = Logged(parse_iso("2021-10-06T00:00Z"))
    later = [s for s in scenes if s["start"] >= "2021-10-07"]
    moving = later[0]
    target = next(d for d in sorted({s["start"][:10] for s in later})
                  if d != moving["start"][:10] and d < "2021-10-16")
    locked = later[-1]
    made = replan(production, logged, planned[1].document, SolveOptions(time_limit_s=5),
                  pins=(Pin(moving["id"], day=target), Pin(locked["id"], locked=True)))
    new = made.document["schedule"]
    assert {s["start"][:10] for s in new["scenes"] if s["id"] == moving["id"]} == {target}, \
        new["unscheduled"]
    assert [(s["start"], s["end"]) for s in new["scenes"] if s["id"] == locked["id"]] == \
        [(s["start"], s["end"]) for s in scenes if s["id"] == locked["id"]]
    assert check_schedule(made.flight, new) == []
    priced = {scene for p in made.result.penalties if p.name == "moved_scene"
              for scene in p.scenes}
    assert moving["id"] not in priced
    # A day with no window (after undocking) leaves the scene out, saying so.
    out = replan(production, logged, planned[1].document, SolveOptions(time_limit_s=5),
                 pins=(Pin(moving["id"], day="2021-10-20"),))
    reasons = {u["id"]: u["reason"] for u in out.document["schedule"]["unscheduled"]}
    assert reasons[moving["id"]] == "moved to 2021-10-20, which has no window for it"
