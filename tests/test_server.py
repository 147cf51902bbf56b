"""The production office's server, tested as an attacker and a team would: httpx against
``orbitfilm serve`` on 127.0.0.1, started by the suite, on SQLite and on the suite's
PostgreSQL. Every role against every endpoint (allowed, 403, or 404 for a production not
theirs), CSRF refusals, sessions ended at sign-out and at a password change, the sign-in
rate limit, an oversized body, the security headers, and never a password or hash in an
answer or a log line."""

from __future__ import annotations

import json
import time

import httpx
import pytest
from sqlalchemy import select

from serving import PASSWORD, office, served

from orbitfilm.production.examples import example_path
from orbitfilm.store.db import make_engine, open_store, store_url, transaction, upgrade
from orbitfilm.store.productions import add_production
from orbitfilm.store.users import add_user, set_password

ROLES = {"producer": ("producer", None), "ad": ("first_ad", None),
         "director": ("director", None), "planner": ("mission_planner", None),
         "yulia": ("cast", "peresild"), "outsider": ("first_ad", "other")}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def server(request, tmp_path_factory, challenge_planned):
    """A server on a store holding the Challenge (version 1 active) and a second
    production; one account a role; its log file."""
    folder = tmp_path_factory.mktemp("server")
    url = store_url(str(folder / "office.db")) if request.param == "sqlite" else \
        request.getfixturevalue("postgres_server").new_database()
    office(url, challenge_planned, {**ROLES, "locked": ("director", None)})
    log = folder / "server.log"
    with open(log, "w") as out, served(url, out) as base:
        held = {"base": base, "url": url, "log": log, "answers": [], "clients": []}
        yield held
        for client in held["clients"]:
            client.close()


def _client(server, name: str | None = None) -> tuple[httpx.Client, str]:
    """Return a client signed in as ``name`` (or not signed in) and its CSRF token."""
    client = httpx.Client(base_url=server["base"], timeout=60,
                          event_hooks={"response": [lambda r: _keep(server, r)]})
    server["clients"].append(client)
    if name is None:
        return client, ""
    answer = client.post("/api/v1/login", json={"username": name, "password": PASSWORD + name})
    assert answer.status_code == 200, answer.text
    return client, answer.json()["csrf_token"]


def _keep(server, response: httpx.Response) -> None:
    if "text/event-stream" not in response.headers.get("content-type", ""):
        response.read()
        server["answers"].append(response.text)


def _cast_day(planned) -> str:
    """Return a shooting day aboard with a scene of peresild's (a cast member's call)."""
    document = planned[1].document
    for day in document["days"]:
        scenes = [s for s in document["scenes"] if s["id"] in day["scenes"]
                  and s["date"] == day["date"]]
        if day.get("kind") != "ground" and any("peresild" in s["cast"] for s in scenes):
            return str(day["number"])
    raise AssertionError("no day aboard with peresild")


API = "/api/v1/productions"
SHOT = {"kind": "shot", "scene": "19", "start": "2021-10-06T18:21:00Z",
        "end": "2021-10-06T18:29:00Z"}
EVENT = {"kind": "event", "start": "2021-10-16T20:00:00Z", "end": "2021-10-16T20:30:00Z",
         "reason": "leak check"}
MISSION = {"kind": "mission", "docking": "2021-10-05T12:22:31Z"}

# (method, path, body) -> the status each account gets: every role, every endpoint.
ALL = ("producer", "ad", "director", "planner", "yulia")
TABLE = [
    ("GET", f"{API}/1", None, {**dict.fromkeys(ALL, 200), "outsider": 404}),
    ("GET", f"{API}/1/schedule", None,
     {"producer": 200, "ad": 200, "director": 200, "planner": 200, "yulia": 403,
      "outsider": 404}),
    ("GET", f"{API}/1/versions", None,
     {"producer": 200, "ad": 200, "director": 200, "planner": 200, "yulia": 403,
      "outsider": 404}),
    ("GET", f"{API}/1/versions/1/diff/1", None,
     {"producer": 200, "ad": 200, "director": 200, "planner": 200, "yulia": 403,
      "outsider": 404}),
    ("GET", f"{API}/1/log", None,
     {"producer": 200, "ad": 200, "director": 200, "planner": 200, "yulia": 403,
      "outsider": 404}),
    ("GET", f"{API}/1/callsheets/DAY", None,
     {"producer": 200, "ad": 200, "director": 200, "planner": 403, "yulia": 200,
      "outsider": 404}),
    ("POST", f"{API}/1/log", SHOT,
     {"producer": 201, "ad": 201, "director": 201, "planner": 403, "yulia": 403,
      "outsider": 404}),
    ("POST", f"{API}/1/log", EVENT,
     {"producer": 201, "ad": 201, "director": 201, "planner": 201, "yulia": 403,
      "outsider": 404}),
    ("POST", f"{API}/1/log", MISSION,
     {"producer": 201, "ad": 403, "director": 403, "planner": 201, "yulia": 403,
      "outsider": 404}),
    ("POST", f"{API}/1/versions/1/publish", {},
     {"producer": 200, "ad": 200, "director": 403, "planner": 403, "yulia": 403,
      "outsider": 404}),
    ("POST", f"{API}/1/replan", {"now": "2021-10-05T12:30:00Z", "time_limit_s": 1},
     {"producer": 202, "ad": 202, "director": 403, "planner": 403, "yulia": 403,
      "outsider": 404}),
    ("GET", f"{API}/2", None, {**dict.fromkeys(ALL, 404), "outsider": 200}),
    ("GET", f"{API}/99", None, {**dict.fromkeys(ALL, 404), "outsider": 404}),
]


def test_every_role_against_every_endpoint(server, challenge_planned):
    clients = {name: _client(server, name) for name in ROLES}
    anonymous, _ = _client(server)
    day = _cast_day(challenge_planned)
    for method, path, body, expected in TABLE:
        path = path.replace("DAY", day)
        for name, status in expected.items():
            client, csrf = clients[name]
            answer = client.request(method, path, json=body, headers={"X-CSRF-Token": csrf})
            assert answer.status_code == status, (name, method, path, answer.text)
        answer = anonymous.request(method, path, json=body)
        assert answer.status_code in (401, 403), (method, path)
    listed = {name: [p["id"] for p in clients[name][0].get(API).json()] for name in ROLES}
    assert listed["ad"] == [1] and listed["outsider"] == [2]
    # A cast member's call sheet is their own part: only their call.
    sheet = clients["yulia"][0].get(f"{API}/1/callsheets/{day}").json()
    assert sheet["scenes"] and sheet["calls"] == {"peresild": sheet["scenes"][0]["start"]}
    assert set(sheet["calls"]) <= {"peresild"}
    assert all("peresild" in scene["cast"] for scene in sheet["scenes"])


def test_csrf_and_cross_origin_changes_are_refused(server):
    client, csrf = _client(server, "ad")
    path = f"{API}/1/log"
    assert client.post(path, json=EVENT).status_code == 403                      # no token
    assert client.post(path, json=EVENT, headers={"X-CSRF-Token": "x" + csrf}).status_code == 403
    evil = {"X-CSRF-Token": csrf, "Origin": "http://evil.example"}
    assert client.post(path, json=EVENT, headers=evil).status_code == 403       # other site
    site = {"X-CSRF-Token": csrf, "Sec-Fetch-Site": "cross-site"}
    assert client.post(path, json=EVENT, headers=site).status_code == 403
    own = {"X-CSRF-Token": csrf, "Origin": server["base"], "Sec-Fetch-Site": "same-origin"}
    assert client.post(path, json=EVENT, headers=own).status_code == 201
    # No change through GET: the change routes answer GET with 405.
    assert client.get(f"{API}/1/versions/1/publish").status_code == 405


def test_sessions_end_at_sign_out_and_at_a_password_change(server):
    client, csrf = _client(server, "director")
    cookie = client.cookies.get("orbitfilm_session")
    assert client.get(f"{API}/1").status_code == 200
    assert client.post("/api/v1/logout", headers={"X-CSRF-Token": csrf}).status_code == 200
    stale, _ = _client(server)
    stale.cookies.set("orbitfilm_session", cookie)
    assert stale.get(f"{API}/1").status_code == 401
    client, _ = _client(server, "planner")
    with transaction(open_store(server["url"])) as session:
        set_password(session, "planner", PASSWORD + "planner", "office")
    assert client.get(f"{API}/1").status_code == 401
    # A new sign-in is a new token: the one held before is not reused.
    again, _ = _client(server, "planner")
    assert again.cookies.get("orbitfilm_session") != client.cookies.get("orbitfilm_session")


def test_failed_sign_ins_are_rate_limited(server):
    client, _ = _client(server)
    for _ in range(5):
        wrong = client.post("/api/v1/login", json={"username": "locked", "password": "nope"})
        assert wrong.status_code == 401
    right = client.post("/api/v1/login", json={"username": "locked",
                                                "password": PASSWORD + "locked"})
    assert right.status_code == 429
    assert client.post("/api/v1/login", json={"username": "ad",
                                                "password": PASSWORD + "ad"}).status_code == 200


def test_cookies_headers_and_an_oversized_body(server):
    client, _ = _client(server)
    answer = client.post("/api/v1/login", json={"username": "ad", "password": PASSWORD + "ad"})
    cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "secure" not in cookie
    for name in ("content-security-policy", "x-content-type-options", "referrer-policy"):
        assert name in answer.headers
    assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]
    huge = b'{"username": "' + b"a" * 2_000_000 + b'", "password": "x"}'
    assert client.post("/api/v1/login", content=huge,
                       headers={"Content-Type": "application/json"}).status_code == 413
    assert httpx.get(server["base"] + "/openapi.json").json()["info"]["title"] == "orbitfilm"


def test_a_replan_runs_in_the_worker_with_progress_and_others_are_served(server):
    client, csrf = _client(server, "ad")
    started = client.post(f"{API}/1/replan", json={"now": "2021-10-05T12:30:00Z",
                                                   "time_limit_s": 6},
                          headers={"X-CSRF-Token": csrf})
    assert started.status_code == 202
    job = started.json()["id"]
    # While the worker solves, reads are answered at once.
    reader, _ = _client(server, "director")
    t = time.monotonic()
    assert reader.get(f"{API}/1/schedule").status_code == 200
    assert time.monotonic() - t < 2.0
    events, final = [], None
    with client.stream("GET", f"{API}/1/jobs/{job}/events") as stream:
        kind = None
        for line in stream.iter_lines():
            if line.startswith("event: "):
                kind = line[7:]
            elif line.startswith("data: "):
                data = json.loads(line[6:])
                if kind == "progress":
                    events.append(data)
                else:
                    final = (kind, data)
    assert any("stage" in e for e in events)
    assert final[0] == "done", final
    assert client.get(f"{API}/1/jobs/{job}").json()["result"]["version"] == final[1]["version"]
    versions = client.get(f"{API}/1/versions").json()
    assert {"id": final[1]["version"], "status": "draft"}.items() <= \
        next(v for v in versions if v["id"] == final[1]["version"]).items()


def test_no_password_or_hash_in_any_answer_or_log_line(server):
    # Run last in the module: every answer the other tests got, and the server's log.
    texts = server["answers"] + [server["log"].read_text()]
    for text in texts:
        assert "$argon2" not in text and PASSWORD not in text


# -- the accounts and sessions themselves (no server) -----------------------------------------

def test_passwords_sessions_and_their_timeouts(store):
    from datetime import timedelta

    from orbitfilm.errors import InputError
    from orbitfilm.store.sessions import ABSOLUTE, IDLE, find_session, start_session
    from orbitfilm.store.tables import SessionRow, UserRow
    from orbitfilm.store.users import authenticate

    engine = open_store(store)
    with transaction(engine) as session:
        add_production(session, example_path("challenge-2021").read_text("utf-8"),
                       "The Challenge", "challenge-2021.toml", "office")
    for password, why in (("short", "shorter than 8"), ("password1", "most common"),
                          ("qwertyuiop", "most common")):
        with pytest.raises(InputError, match=why):
            with transaction(engine) as session:
                add_user(session, "ana", password, "first_ad", 1, None, "office")
    with pytest.raises(InputError, match="no person 'nobody'"):
        with transaction(engine) as session:
            add_user(session, "yulia", PASSWORD, "cast", 1, "nobody", "office")
    with transaction(engine) as session:
        add_user(session, "ana", PASSWORD, "first_ad", 1, None, "office")
        stored = session.scalar(select(UserRow.password_hash))
        assert stored.startswith("$argon2id$") and PASSWORD not in stored
        assert authenticate(session, "ana", PASSWORD) is not None
        assert authenticate(session, "ana", PASSWORD + "x") is None
        assert authenticate(session, "nobody", PASSWORD) is None
        token, _ = start_session(session, 1)
        idle, _ = start_session(session, 1)
        old, _ = start_session(session, 1)
    with transaction(engine) as session:
        rows = session.scalars(select(SessionRow)
                               .order_by(SessionRow.id)).all()
        assert token not in {row.token_sha256 for row in rows}       # only its digest kept
        rows[1].last_seen = rows[1].last_seen - IDLE - timedelta(seconds=1)
        rows[2].created = rows[2].created - ABSOLUTE - timedelta(seconds=1)
    with transaction(engine) as session:
        assert find_session(session, token) is not None
        assert find_session(session, idle) is None
        assert find_session(session, old) is None
        assert find_session(session, "made-up") is None


def test_the_users_commands(tmp_path):
    from typer.testing import CliRunner

    from orbitfilm.cli import app

    url = store_url(str(tmp_path / "office.db"))
    upgrade(make_engine(url))
    with transaction(open_store(url)) as session:
        add_production(session, example_path("challenge-2021").read_text("utf-8"),
                       "The Challenge", "challenge-2021.toml", "office")
    runner = CliRunner()
    added = runner.invoke(app, ["users", "add", "yulia", "--role", "cast", "--production", "1",
                                "--person", "peresild", "--db", url], input=PASSWORD + "\n")
    assert added.exit_code == 0, added.output
    listed = runner.invoke(app, ["users", "list", "--db", url, "--format", "json"])
    assert json.loads(listed.stdout) == [{"id": 1, "username": "yulia", "roles": [
        {"production": 1, "role": "cast", "person": "peresild"}]}]
    assert PASSWORD not in listed.stdout and "argon2" not in listed.stdout
    refused = runner.invoke(app, ["users", "add", "bob", "--role", "boss", "--db", url],
                            input=PASSWORD + "\n")
    assert refused.exit_code != 0 and "no role 'boss'" in str(refused.exception)
    assert runner.invoke(app, ["users", "passwd", "yulia", "--db", url],
                         input="another long phrase\n").exit_code == 0
    assert runner.invoke(app, ["users", "remove", "yulia", "--db", url]).exit_code == 0
    listed = runner.invoke(app, ["users", "list", "--db", url, "--format", "json"])
    assert json.loads(listed.stdout) == []


def test_over_https_the_cookie_is_secure_and_host_only_and_an_address_is_limited(tmp_path):
    # Served behind HTTPS (the scheme the proxy passes on): the session cookie is Secure with
    # the __Host- prefix. Failed sign-ins from one address for many names: refused at 20.
    import asyncio

    from orbitfilm.server.app import create_app

    url = store_url(str(tmp_path / "office.db"))
    upgrade(make_engine(url))
    with transaction(open_store(url)) as session:
        add_user(session, "ana", PASSWORD, "first_ad", None, None, "office")

    async def scenario():
        transport = httpx.ASGITransport(app=create_app(url), client=("203.0.113.9", 5000))
        async with httpx.AsyncClient(transport=transport,
                                     base_url="https://office.example") as client:
            signed = await client.post("/api/v1/login",
                                       json={"username": "ana", "password": PASSWORD})
            cookie = signed.headers["set-cookie"].lower()
            codes = [(await client.post("/api/v1/login", json={
                "username": f"guess{k}", "password": "wrong guess"})).status_code
                for k in range(21)]
            late = await client.post("/api/v1/login",
                                     json={"username": "ana", "password": PASSWORD})
        return cookie, codes, late.status_code

    cookie, codes, late = asyncio.run(scenario())
    assert cookie.startswith("__host-orbitfilm_session=") and "secure" in cookie
    assert codes[:20] == [401] * 20 and codes[20] == 429 and late == 429
