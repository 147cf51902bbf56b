"""The store of record on SQLite: Alembic's schema, productions and their revisions, the
audit trail, one transaction a command, and one line for what cannot be done."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text as sql

from clirun import in_process as _cli
from killing import kill_at, whole_store

from orbitfilm.errors import InputError
from orbitfilm.production.examples import example_path
from orbitfilm.store.audit import audit_trail
from orbitfilm.store.db import (head_revision, make_engine, open_store, store_revision,
                                transaction, upgrade)
from orbitfilm.store.productions import add_production, list_productions, revision_text


def _orbitfilm(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "orbitfilm", *args], capture_output=True,
                          text=True, cwd=cwd)


def test_the_schema_is_alembic_s_and_matches_the_tables(empty_store):
    # An empty file gets the head revision; the migrations make exactly the ORM's tables
    # (Alembic's own comparison finds no difference), so no create_all is needed.
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from orbitfilm.store.tables import Base

    engine = make_engine(empty_store)
    assert store_revision(engine) is None
    assert upgrade(engine) == (None, head_revision())
    assert upgrade(engine) == (head_revision(), head_revision())     # again: nothing to do
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []


def test_a_production_is_added_then_revised_and_the_trail_says_so(store):
    text = example_path("challenge-2021").read_text(encoding="utf-8")
    engine = open_store(store)
    with transaction(engine) as session:
        first = add_production(session, text, "The Challenge", "challenge-2021.toml", "ad")
    with transaction(engine) as session:
        same = add_production(session, text, "The Challenge", "challenge-2021.toml", "ad")
    with transaction(engine) as session:
        changed = add_production(session, text + "# a note\n", "The Challenge", "c.toml", "dp")
        other = add_production(session, "title = 'x'\n", "Rival", "rival.toml", "ad")
    assert (first["id"], first["revision"], first["added"]) == (1, 1, True)
    assert (same["revision"], same["added"]) == (1, False)        # the same text: nothing
    assert (changed["id"], changed["revision"]) == (1, 2) and other["id"] == 2
    with transaction(engine) as session:
        assert revision_text(session, 1, 1) == text               # the file as written
        assert revision_text(session, 1).endswith("# a note\n")
        assert list_productions(session) == [
            {"id": 1, "title": "The Challenge", "revision": 2},
            {"id": 2, "title": "Rival", "revision": 1}]
        trail = audit_trail(session)
    assert [(r["who"], r["action"], r["production"], r["detail"]["revision"])
            for r in trail] == [("ad", "add", 1, 1), ("dp", "add", 1, 2), ("ad", "add", 2, 1)]


def test_a_failed_transaction_leaves_nothing(store):
    engine = open_store(store)
    with pytest.raises(RuntimeError):
        with transaction(engine) as session:
            add_production(session, "x", "A", "a.toml", "ad")
            raise RuntimeError("the power went")
    with transaction(engine) as session:
        assert list_productions(session) == [] and audit_trail(session) == []


def test_an_older_store_is_told_to_upgrade_and_upgrades(empty_store):
    from alembic import command

    from orbitfilm.store.db import alembic_config
    engine = make_engine(empty_store)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0002")
    with pytest.raises(InputError, match="orbitfilm db upgrade"):
        open_store(empty_store)
    assert upgrade(engine) == ("0002", head_revision())
    assert open_store(empty_store) is not None


def test_stores_of_another_schema_are_refused_with_what_to_do(tmp_path, store):
    with pytest.raises(InputError, match="db init"):
        open_store(str(tmp_path / "empty.db"))     # a store with no schema yet
    engine = make_engine(store)
    with engine.begin() as connection:
        connection.execute(sql("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(InputError, match="newer than this orbitfilm"):
        open_store(store)
    with pytest.raises(InputError, match="newer than this orbitfilm"):
        upgrade(engine)


def test_cli_init_add_audit(tmp_path, empty_store):
    production = example_path("challenge-2021")
    db = ("--db", empty_store)
    code, _, error = _cli("add", str(production), *db)
    assert isinstance(error, InputError) and "orbitfilm db init" in str(error)
    assert _cli("db", "init", *db)[0] == 0
    code, out, _ = _cli("add", str(production), "--format", "json", *db)
    assert code == 0 and '"revision": 1' in out
    from orbitfilm.store.tables import RevisionRow
    with transaction(open_store(empty_store)) as session:   # the parsed model beside the text
        assert session.get(RevisionRow, 1).model["title"] == "The Challenge"
    bad = tmp_path / "bad.toml"
    bad.write_text('title = "x"\n[mission]\nstation = 3\n', encoding="utf-8")
    code, _, error = _cli("add", str(bad), *db)
    assert error is not None and "bad.toml" in str(error)
    code, out, _ = _cli("audit", "--format", "json", *db)
    assert code == 0 and out.count('"action": "add"') == 1


def test_cli_errors_are_one_line_and_exit_2(tmp_path):
    # The shell's own behaviour (any database): one line on standard error, exit status 2.
    refused = _orbitfilm("add", str(example_path("challenge-2021")), cwd=tmp_path)
    assert refused.returncode == 2 and len(refused.stderr.strip().splitlines()) == 1
    assert "orbitfilm db init" in refused.stderr


def test_the_default_store_is_a_file_here(tmp_path):
    assert _cli("db", "init", cwd=tmp_path)[0] == 0
    assert (tmp_path / "orbitfilm.db").is_file()


def _summary():
    return {"solve_status": "optimal", "objective": 1.0, "bound": 1.0, "options": {}}


def test_versions_go_draft_active_superseded_with_one_active(store):
    from sqlalchemy.exc import IntegrityError

    from orbitfilm.store.versions import add_version, list_versions, publish, version_files
    engine = open_store(store)
    with transaction(engine) as session:
        a = add_production(session, "a", "A", "a.toml", "ad")["id"]
        b = add_production(session, "b", "B", "b.toml", "ad")["id"]
        first = add_version(session, a, 1, {"plan.json": b"{}", "x/y.csv": b"1"}, _summary(),
                            "ad")
        second = add_version(session, a, 1, {"plan.json": b"{ }"}, _summary(), "ad")
        other = add_version(session, b, 1, {"plan.json": b"[]"}, _summary(), "ad")
    with transaction(engine) as session:
        publish(session, first, "1st AD")
    with transaction(engine) as session:
        assert publish(session, second, "1st AD")["superseded"] == first
        assert [v["status"] for v in list_versions(session, a)] == ["superseded", "active"]
        assert version_files(session, first) == {"plan.json": b"{}", "x/y.csv": b"1"}
        with pytest.raises(InputError, match="'B'"):
            publish(session, other, "1st AD", production_id=a)    # another production's
        with pytest.raises(InputError, match="superseded"):
            publish(session, first, "1st AD")
    # The database itself holds one active version a production.
    with pytest.raises(IntegrityError):
        with make_engine(store).begin() as connection:
            connection.execute(sql(f"UPDATE versions SET status = 'active' WHERE id = {first}"))


def test_cli_plan_into_the_store_publish_export(tmp_path, store):
    # plan --db keeps the plan folder whole in a draft version; export writes it back as
    # plan -o wrote it, with no solve.
    import json
    production = example_path("challenge-2021")
    db = ("--db", store)
    code, out, error = _cli("plan", str(production), *db, "--time-limit", "2",
                            "--deterministic", cwd=tmp_path)
    assert code == 0, (out, error)
    versions = json.loads(_cli("versions", *db, "-f", "json")[1])
    assert [(v["id"], v["status"]) for v in versions] == [(1, "draft")]
    from orbitfilm.store.tables import VersionRow
    with transaction(open_store(store)) as session:     # what made it, kept with it
        version = session.get(VersionRow, 1)
        assert (version.revision, version.options["time_limit_s"]) == (1, 2.0)
        assert version.options["elements"]["sets"] > 0 and version.objective is not None
    assert _cli("publish", "1", *db)[0] == 0
    code, out, error = _cli("export", "1", "-o", "out", *db, cwd=tmp_path)
    assert code == 0, (out, error)
    plan = json.loads((tmp_path / "out" / "plan.json").read_text(encoding="utf-8"))
    assert plan["production"]["title"] == "The Challenge"
    assert (tmp_path / "out" / "report.html").is_file()
    # As plan -o: the same production's plan is written over, anything else refused.
    assert _cli("export", "1", "-o", "out", *db, cwd=tmp_path)[0] == 0
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "mine.txt").write_text("keep", encoding="utf-8")
    error = _cli("export", "1", "-o", "notes", *db, cwd=tmp_path)[2]
    assert "not an orbitfilm plan" in str(error)
    assert (tmp_path / "notes" / "mine.txt").read_text(encoding="utf-8") == "keep"
    assert "no version 7" in str(_cli("publish", "7", *db)[2])


def test_a_plan_killed_at_any_moment_leaves_the_store_as_it_was(tmp_path, store):
    # SIGKILL while planning into the store: the store passes its integrity check (SQLite)
    # and holds no half version (the version and its files land in one transaction).
    production = example_path("challenge-2021")
    for moment_s in (0.5, 3.0):
        kill_at(moment_s, "plan", str(production), "--db", store, "--time-limit", "2",
                cwd=tmp_path)
        whole_store(store)


def _challenge_store(store):
    engine = open_store(store)
    text = example_path("challenge-2021").read_text(encoding="utf-8")
    with transaction(engine) as session:
        return engine, add_production(session, text, "The Challenge", "c.toml", "ad")["id"]


def test_the_shoot_log_checks_each_entry_and_keeps_corrections(store):
    from orbitfilm.store.shootlog import add_entry, current_entries, log_entries
    from orbitfilm.times import parse_iso
    engine, pid = _challenge_store(store)
    shot = {"scene": "1", "start": parse_iso("2021-10-06T08:10Z"),
            "end": parse_iso("2021-10-06T08:55Z"), "take": 2, "note": ""}
    with transaction(engine) as session:
        first = add_entry(session, pid, "shot", shot, "script supervisor")
        add_entry(session, pid, "event", {"start": parse_iso("2021-10-15T09:13Z"),
                                          "end": parse_iso("2021-10-15T09:45Z"),
                                          "reason": "station attitude control lost",
                                          "people": [], "modules": []}, "flight")
        fixed = add_entry(session, pid, "shot", {**shot, "end": parse_iso("2021-10-06T09:02Z")},
                          "script supervisor", supersedes=first)
    with transaction(engine) as session:
        entries = log_entries(session, pid)
        assert [(e["id"], e["kind"], e["superseded_by"]) for e in entries] == [
            (first, "shot", fixed), (2, "event", None), (fixed, "shot", None)]
        assert [e["id"] for e in current_entries(session, pid)] == [2, fixed]
    # Bad entries write nothing and say what is wrong. The Challenge docked on 5 Oct 2021
    # at 12:22:31 UTC (its file, from the record) and undocked on 17 Oct at 01:14.
    bad = [({**shot, "scene": "99"}, "no scene '99'"),
           ({**shot, "end": shot["start"] - 60}, "before it starts"),
           ({**shot, "start": parse_iso("2021-10-05T12:00Z")}, "before the docking"),
           ({**shot, "end": parse_iso("2021-10-17T02:00Z")}, "after the undocking")]
    for data, message in bad:
        with pytest.raises(InputError, match=message):
            with transaction(engine) as session:
                add_entry(session, pid, "shot", data, "script supervisor")
    with transaction(engine) as session:
        assert len(log_entries(session, pid)) == 3
        with pytest.raises(InputError, match="no log entry 42"):
            add_entry(session, pid, "lost", {"scene": "1", "reason": "x"}, "ad", supersedes=42)
    # A duty moved and a person ill name people of the production.
    day = {"start": parse_iso("2021-10-09T10:00Z"), "end": parse_iso("2021-10-09T14:00Z")}
    with transaction(engine) as session:
        add_entry(session, pid, "duty", {"name": "Progress MS-18 unloading",
                                         "people": ["shkaplerov"], **day}, "flight")
        add_entry(session, pid, "ill", {"person": "peresild", **day}, "flight surgeon")
    with pytest.raises(InputError, match="no person 'nobody'"):
        with transaction(engine) as session:
            add_entry(session, pid, "ill", {"person": "nobody", **day}, "flight surgeon")


def test_a_change_the_database_refuses_is_one_line_and_writes_nothing(store):
    # Two changes landing at once can break a rule the database holds (one active
    # version, one revision number): the loser gets one line, and none of its work lands.
    from datetime import datetime, timezone

    from orbitfilm.store.tables import RevisionRow
    engine = open_store(store)
    with transaction(engine) as session:
        pid = add_production(session, "a", "A", "a.toml", "ad")["id"]
    with pytest.raises(InputError, match="refused the change"):
        with transaction(engine) as session:
            add_production(session, "b", "B", "b.toml", "ad")
            session.add(RevisionRow(production_id=pid, number=1, source="a.toml", sha256="x",
                                    text="a", created=datetime.now(timezone.utc),
                                    made_by="ad"))
    with transaction(engine) as session:
        assert [p["title"] for p in list_productions(session)] == ["A"]


def _log_fifty(url: str, pid: int, who: str) -> None:
    from orbitfilm.store.shootlog import add_entry
    engine = open_store(url)
    for k in range(50):
        with transaction(engine) as session:
            add_entry(session, pid, "lost", {"scene": "1", "reason": f"{who} {k}"}, who)


def test_two_processes_logging_at_once_both_land(store):
    # 2 x 50 entries from two processes at the same moment: SQLite in WAL mode with a busy
    # timeout makes each writer wait its turn; every entry lands, each once.
    import multiprocessing

    from orbitfilm.store.shootlog import log_entries
    engine, pid = _challenge_store(store)
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_log_fifty, args=(store, pid, who))
               for who in ("a", "b")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
        assert worker.exitcode == 0
    with transaction(engine) as session:
        reasons = sorted(e["data"]["reason"] for e in log_entries(session, pid))
    assert reasons == sorted(f"{who} {k}" for who in ("a", "b") for k in range(50))


def _plan(*scenes, unscheduled=()):
    return {"scenes": [{"id": sid, "date": start[:10], "start": start, "end": start[:11]
                        + "23:00:00Z", "cast": cast} for sid, start, cast in scenes],
            "unscheduled": [{"id": sid, "reason": why} for sid, why in unscheduled]}


def test_a_diff_names_what_moved_and_whose_call_changed():
    # Scene 2 moves an hour on the same day, scene 10 to the next day, scene 3 is dropped
    # (with the newer plan's reason) and scene 4 added: peresild's call on the 6th moves,
    # shipenko has no call on the 6th any more but one on the 7th.
    from orbitfilm.store.diff import diff_plans
    old = _plan(("2", "2021-10-06T08:00:00Z", ["peresild"]),
                ("10", "2021-10-06T10:00:00Z", ["shipenko"]),
                ("3", "2021-10-08T09:00:00Z", ["peresild"]))
    new = _plan(("2", "2021-10-06T09:00:00Z", ["peresild"]),
                ("10", "2021-10-07T10:00:00Z", ["shipenko"]),
                ("4", "2021-10-09T09:00:00Z", ["shkaplerov"]),
                unscheduled=[("3", "station attitude control lost")])
    changes = diff_plans(old, new)
    assert [(m["scene"], m["other_day"]) for m in changes["moved"]] == [("2", False),
                                                                        ("10", True)]
    assert [a["scene"] for a in changes["added"]] == ["4"]
    assert changes["dropped"] == [{"scene": "3", "was": "2021-10-08T09:00:00Z",
                                   "day": "2021-10-08",
                                   "reason": "station attitude control lost"}]
    assert changes["people"] == ["peresild", "shipenko", "shkaplerov"]
    assert changes["affected"] == ["peresild", "shipenko", "shkaplerov"]
    assert changes["call_sheets"] == ["2021-10-06", "2021-10-07", "2021-10-08", "2021-10-09"]
    assert diff_plans(old, old) == {"moved": [], "added": [], "dropped": [],
                                    "calls_changed": [], "people": [], "affected": [],
                                    "call_sheets": []}


def test_a_split_scene_moves_when_any_piece_does():
    from orbitfilm.store.diff import diff_plans
    old = _plan(("30", "2021-10-06T08:00:00Z", ["peresild"]),
                ("30", "2021-10-07T08:00:00Z", ["peresild"]))
    new = _plan(("30", "2021-10-06T08:00:00Z", ["peresild"]),
                ("30", "2021-10-08T08:00:00Z", ["peresild"]))
    changes = diff_plans(old, new)
    assert [m["scene"] for m in changes["moved"]] == ["30"]
    assert changes["affected"] == ["peresild"]


def test_cli_diff_of_two_versions(tmp_path, store):
    import json

    from orbitfilm.store.versions import add_version
    engine = open_store(store)
    old = _plan(("2", "2021-10-06T08:00:00Z", ["peresild"]))
    new = _plan(("2", "2021-10-07T08:00:00Z", ["peresild"]))
    with transaction(engine) as session:
        pid = add_production(session, "a", "A", "a.toml", "ad")["id"]
        for document in (old, new):
            add_version(session, pid, 1, {"plan.json": json.dumps(document).encode()},
                        _summary(), "ad")
    code, out, _ = _cli("diff", "1", "2", "--db", store, "-f", "json")
    assert code == 0
    assert json.loads(out)["moved"][0]["to_day"] == "2021-10-07"
    assert "no version 9" in str(_cli("diff", "1", "9", "--db", store)[2])
