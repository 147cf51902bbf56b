"""The production office's pages, read as a browser reads them (httpx against
``orbitfilm serve`` on 127.0.0.1, SQLite): signing in with the form's own CSRF token, every
page for the first AD, what each role may open, every form's CSRF token, nothing inline for
the policy to refuse, what a page shows escaped, and each person's call-sheet link (opened,
confirmed, revoked) with its calendar feed. The browser's own run is
``test_browser_office.py``; the API's roles and refusals are ``test_server.py``'s."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import httpx
import pytest
from icalendar import Calendar

from serving import PASSWORD, office, served

from orbitfilm.store.db import store_url

ACCOUNTS = {"ad": ("first_ad", None), "director": ("director", None),
            "yulia": ("cast", "peresild"), "outsider": ("first_ad", "other")}


@pytest.fixture(scope="module")
def site(tmp_path_factory, challenge_planned):
    folder = tmp_path_factory.mktemp("pages")
    url = store_url(str(folder / "office.db"))
    office(url, challenge_planned, ACCOUNTS)
    with open(folder / "server.log", "w") as log, served(url, log) as base:
        held = {"base": base, "url": url, "document": challenge_planned[1].document,
                "clients": []}
        yield held
        for client in held["clients"]:
            client.close()


def _browser(site) -> httpx.Client:
    """A client that sends what a browser's same-origin form post sends."""
    client = httpx.Client(base_url=site["base"], timeout=60,
                          headers={"Sec-Fetch-Site": "same-origin", "Origin": site["base"]})
    site["clients"].append(client)
    return client


def _hidden(html: str, name: str = "csrf_token") -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert found, f"no {name} field"
    return found.group(1)


def _signed_in(site, name: str) -> tuple[httpx.Client, str]:
    """Return a client signed in through the sign-in form, and a page's CSRF token."""
    client = _browser(site)
    form = client.get("/login")
    answer = client.post("/login", data={"csrf_token": _hidden(form.text), "next": "/p/1",
                                         "username": name, "password": PASSWORD + name})
    assert answer.status_code == 303, answer.text
    page = client.get("/p/1")
    assert page.status_code == 200, page.text
    return client, re.search(r'name="csrf-token" content="([^"]+)"', page.text).group(1)


class Parts(HTMLParser):
    """What the policy and the CSRF rule look at in a page."""

    def __init__(self):
        super().__init__()
        self.inline_scripts, self.styled, self.handlers = 0, [], []
        self.forms, self._form = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and not attrs.get("src"):
            self.inline_scripts += 1
        if "style" in attrs:
            self.styled.append(tag)
        self.handlers += [name for name in attrs if name.startswith("on")]
        if tag == "form":
            self._form = {"method": (attrs.get("method") or "get").lower(), "csrf": ""}
            self.forms.append(self._form)
        if tag == "input" and self._form is not None and attrs.get("name") == "csrf_token":
            self._form["csrf"] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def _pages(site) -> list[str]:
    days = len(site["document"]["days"])
    return ["/p/1", "/p/1/stripboard", "/p/1/calendar", f"/p/1/days/{days}", "/p/1/days/1",
            "/p/1/callsheets/6", "/p/1/dood", "/p/1/versions", "/p/1/versions/1",
            "/p/1/audit", "/p/1/people", "/p/1/log", "/p/1/log?day=7"]


def test_signing_in_takes_the_forms_own_token(site):
    client = _browser(site)
    # A page asks for a session: the sign-in page, coming back after.
    answer = client.get("/p/1/stripboard")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/login?next=/p/1/stripboard"
    form = client.get("/login?next=/p/1/stripboard")
    token = _hidden(form.text)
    good = {"csrf_token": token, "next": "/p/1/stripboard", "username": "ad",
            "password": PASSWORD + "ad"}
    # Without the form's token (or with another's): refused, nothing signed in.
    assert client.post("/login", data={**good, "csrf_token": "forged"}).status_code == 403
    fresh = _hidden(client.get("/login").text)
    wrong = client.post("/login", data={**good, "csrf_token": fresh, "password": "nope"})
    assert wrong.status_code == 401 and "wrong user name or password" in wrong.text
    # From another site: the guard refuses it before the form is read.
    fresh = _hidden(client.get("/login").text)
    other = client.post("/login", data={**good, "csrf_token": fresh},
                        headers={"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"})
    assert other.status_code == 403
    fresh = _hidden(client.get("/login").text)
    right = client.post("/login", data={**good, "csrf_token": fresh})
    assert right.status_code == 303 and right.headers["location"] == "/p/1/stripboard"
    # Only a path of this site is followed after signing in.
    fresh = _hidden(client.get("/login").text)
    away = client.post("/login", data={**good, "csrf_token": fresh,
                                       "next": "//evil.example/"})
    assert away.headers["location"] == "/"
    fresh = _hidden(client.get("/login").text)
    away = client.post("/login", data={**good, "csrf_token": fresh,
                                       "next": "/\\evil.example/"})
    assert away.headers["location"] == "/"


def test_every_page_is_whole_clean_and_guarded(site):
    client, csrf = _signed_in(site, "ad")
    for path in _pages(site):
        answer = client.get(path)
        assert answer.status_code == 200, (path, answer.text[:300])
        assert answer.headers["content-type"].startswith("text/html")
        assert "script-src 'self'" in answer.headers["content-security-policy"]
        parts = Parts()
        parts.feed(answer.text)
        assert parts.inline_scripts == 0 and parts.handlers == [], path
        assert parts.styled == [], (path, parts.styled)
        for form in parts.forms:
            if form["method"] == "post":
                assert form["csrf"], (path, "a form without its CSRF token")
    # The scripts and styles are the server's own files.
    for asset in ("/static/htmx.min.js", "/static/app.js", "/static/app.css",
                  "/assets/strips.css", "/assets/report.css"):
        assert client.get(asset).status_code == 200, asset


def test_the_stripboard_shows_every_scene_in_its_production_board_colour(site):
    client, _ = _signed_in(site, "ad")
    html = client.get("/p/1/stripboard").text
    document = site["document"]
    # The board's convention (the report's STRIP_COLOURS): orbital sunrise pink, orbital
    # sunset orange, orbital night violet; each scheduled scene is one strip of its kind.
    css = client.get("/assets/strips.css").text
    assert ".strip-orbital-sunrise { background: #f8bbd0" in css
    assert ".strip-orbital-sunset { background: #ffb74d" in css
    expected = {"ORBITAL SUNRISE": "orbital-sunrise", "ORBITAL SUNSET": "orbital-sunset",
                "ORBITAL NIGHT": "orbital-night"}
    rows = re.findall(r'<tr class="strip strip-([a-z-]+)" data-scene="([^"]+)"', html)
    assert len(rows) == len(document["scenes"])
    times = {e["id"]: e["time_of_day"] for e in document["scenes"]}
    for kind, scene in rows:
        if times[scene] in expected:
            assert kind == expected[times[scene]], scene
    # Each orbital strip has its move and lock; the day breaks name each day.
    orbital = [e["id"] for e in document["scenes"] if e["kind"] == "orbital"]
    moves = re.findall(r'name="move-([^"]+)"', html)
    assert sorted(moves) == sorted(set(orbital))      # one a scene, split or not
    for day in document["days"]:
        assert f"END OF DAY {day['number']} of {len(document['days'])}" in html


def test_what_each_role_may_open(site):
    anonymous = _browser(site)
    assert anonymous.get("/p/1/log").status_code == 303
    yulia, _ = _signed_in(site, "yulia")
    director, _ = _signed_in(site, "director")
    outsider = _browser(site)
    form = outsider.get("/login")
    outsider.post("/login", data={"csrf_token": _hidden(form.text), "next": "/",
                                  "username": "outsider", "password": PASSWORD + "outsider"})
    assert yulia.get("/p/1/stripboard").status_code == 403      # cast: their own calls only
    calls = yulia.get("/p/1/calls")
    hers = {e["id"] for e in site["document"]["scenes"] if "peresild" in e["cast"]}
    assert set(re.findall(r"<b>Sc\. ([^<]+)</b>", calls.text)) == hers
    assert director.get("/p/1/calls").status_code == 403
    assert director.get("/p/1/stripboard").status_code == 200
    assert director.get("/p/1/people").status_code == 403       # links are the AD's
    assert outsider.get("/p/1").status_code == 404              # not theirs to know of
    assert "The Challenge" not in outsider.get("/p/1").text
    # A role without the re-plan: its form is refused whatever token it carries.
    page = director.get("/p/1/stripboard").text
    assert 'id="replan"' not in page
    refused = director.post("/p/1/replan", data={"csrf_token": _hidden(page)})
    assert refused.status_code == 403


def test_forms_refuse_a_missing_or_wrong_token(site):
    client, csrf = _signed_in(site, "ad")
    for path in ("/p/1/replan", "/p/1/links", "/p/1/log", "/p/1/versions/1/publish"):
        assert client.post(path, data={"person": "peresild"}).status_code == 403, path
        assert client.post(path, data={"csrf_token": "x" + csrf}).status_code == 403, path


def test_the_phone_log_keeps_what_is_typed_and_shows_it_escaped(site):
    client, csrf = _signed_in(site, "ad")
    day = next(d for d in site["document"]["days"] if d["kind"] == "orbital")
    scene = next(e for e in site["document"]["scenes"] if e["day"] == day["number"])
    answer = client.post("/p/1/log", data={
        "csrf_token": csrf, "kind": "shot", "scene": scene["id"], "day": day["number"],
        "start": scene["shoot_start"][:16], "end": scene["end"][:16]})
    assert answer.status_code == 303
    page = client.get(f"/p/1/log?day={day['number']}").text
    card = page[page.index(f'id="scene-{scene["id"]}"'):]
    assert f"✔ shot {scene['shoot_start'][11:16]}–{scene['end'][11:16]}" in card[:2000]
    # Logged against the wrong scene and corrected (a later entry supersedes it): the
    # page shows the correction only.
    other = next(e for e in site["document"]["scenes"]
                 if e["day"] == day["number"] and e["id"] != scene["id"])
    wrong = client.get("/api/v1/productions/1/log").json()[-1]
    assert wrong["data"]["scene"] == scene["id"]
    fixed = client.post("/api/v1/productions/1/log", headers={"X-CSRF-Token": csrf}, json={
        "kind": "shot", "scene": other["id"], "start": other["shoot_start"],
        "end": other["end"], "supersedes": wrong["id"]})
    assert fixed.status_code == 201, fixed.text
    page = client.get(f"/p/1/log?day={day['number']}").text
    for shown, done in ((scene, False), (other, True)):
        card = page[page.index(f'id="scene-{shown["id"]}"'):]
        card = card[:card.index("</section>")]
        assert ('class="logged"' in card) is done, shown["id"]
    # What a person typed comes back as text, never as markup.
    hostile = '<script>alert("x")</script>'
    client.post("/p/1/log", data={"csrf_token": csrf, "kind": "event", "day": day["number"],
                                  "start": f"{day['date']}T20:00", "end": f"{day['date']}T20:10",
                                  "reason": hostile})
    page = client.get(f"/p/1/log?day={day['number']}").text
    assert hostile not in page and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    # A time that is no time: one line, nothing kept.
    bad = client.post("/p/1/log", data={"csrf_token": csrf, "kind": "shot",
                                        "scene": scene["id"], "start": "noon", "end": "later"})
    assert bad.status_code == 422 and "start" in bad.text


def test_a_persons_link_opened_confirmed_and_revoked(site):
    ad, csrf = _signed_in(site, "ad")
    made = ad.post("/p/1/links", data={"csrf_token": csrf, "person": "peresild"})
    assert made.status_code == 200
    url = re.search(r'id="link-url" href="([^"]+)"', made.text).group(1)
    token = url.rsplit("/", 1)[1]
    assert len(token) >= 43                                     # 256 random bits
    feed = re.search(r'id="feed-url" href="([^"]+)"', made.text).group(1)
    assert feed == f"webcal://{site['base'].split('://')[1]}/c/{token}/calendar.ics"
    # Shown once: the people page never shows it again.
    assert token not in ad.get("/p/1/people").text
    people = ad.get("/p/1/people").text
    row = _row(people, "peresild")
    assert "not confirmed" in row and "sent" in row
    assert "Not confirmed version 1 yet: <b>Yulia Peresild</b>." in people
    # The person, with no account: her own calls, every one of them, and a confirm button.
    person = _browser(site)
    own = person.get(f"/c/{token}")
    assert own.status_code == 200
    document = site["document"]
    hers = sorted({e["id"] for e in document["scenes"] if "peresild" in e["cast"]})
    shown = sorted(set(re.findall(r"<b>Sc\. ([^<]+)</b>", own.text)))
    assert shown == hers
    opened = _cells(ad.get("/p/1/people").text, "peresild")[2]
    assert re.fullmatch(r"\w{3} \d+ \w{3} \d{4}, \d\d:\d\d GMT", opened), opened
    # Her calendar: one event a scene of hers.
    calendar = person.get(f"/c/{token}/calendar.ics")
    assert calendar.headers["content-type"].startswith("text/calendar")
    events = Calendar.from_ical(calendar.content).walk("VEVENT")
    assert len(events) == len([e for e in document["scenes"] if "peresild" in e["cast"]])
    # Confirm (the form's token is the link's own), then the AD sees it with its time.
    page = person.get(f"/c/{token}").text
    forged = person.post(f"/c/{token}/confirm", data={"csrf_token": "x", "version": "1"})
    assert forged.status_code == 403
    done = person.post(f"/c/{token}/confirm", data={"csrf_token": _hidden(page),
                                                    "version": "1"})
    assert done.status_code == 303
    assert 'id="confirmed"' in person.get(f"/c/{token}").text
    people = ad.get("/p/1/people").text
    assert "Everyone with a link has confirmed version 1." in people
    confirmed = _cells(people, "peresild")[3]
    assert re.fullmatch(r"✔ \w{3} \d+ \w{3} \d{4}, \d\d:\d\d GMT", confirmed), confirmed
    # Revoked: the link and its feed are gone.
    link_id = re.search(r'/p/1/links/(\d+)/revoke', _row(ad.get("/p/1/people").text,
                                                         "peresild")).group(1)
    ad.post(f"/p/1/links/{link_id}/revoke", data={"csrf_token": csrf})
    assert person.get(f"/c/{token}").status_code == 404
    assert person.get(f"/c/{token}/calendar.ics").status_code == 404
    assert person.get("/c/not-a-token").status_code == 404


def _row(html: str, person: str) -> str:
    start = html.index(f'data-person="{person}"')
    return html[start:html.index("</tr>", start)]


def _cells(html: str, person: str) -> list[str]:
    return [cell.strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", _row(html, person),
                                                re.S)]


def test_the_stripboards_moves_and_locks_reach_the_replan(site):
    from sqlalchemy import select

    from orbitfilm.store.db import open_store, transaction
    from orbitfilm.store.tables import JobRow

    client, csrf = _signed_in(site, "ad")
    page = client.get("/p/1/stripboard").text
    orbital = [e for e in site["document"]["scenes"] if e["kind"] == "orbital"]
    moved, locked = orbital[0]["id"], orbital[-1]["id"]
    form = {"csrf_token": _hidden(page), "now": "2021-10-05T15:00",
            "scene": [e["id"] for e in orbital], f"move-{moved}": "2021-10-12",
            "lock": [locked]}
    answer = client.post("/p/1/replan", data=form)
    assert answer.status_code == 303 and "/p/1/jobs/" in answer.headers["location"]
    job = int(answer.headers["location"].rsplit("/", 1)[1])
    with transaction(open_store(site["url"])) as session:
        request = session.scalar(select(JobRow.request).where(JobRow.id == job))
    assert request["now_s"] == 1633446000.0                    # 2021-10-05T15:00Z
    assert sorted(request["pins"], key=lambda p: p["scene"]) == sorted(
        [{"scene": moved, "day": "2021-10-12", "locked": False},
         {"scene": locked, "day": None, "locked": True}], key=lambda p: p["scene"])
    # A move to no date: one line, no job.
    bad = client.post("/p/1/replan", data={**form, f"move-{moved}": "someday"})
    assert bad.status_code == 422 and "--move" in bad.text
