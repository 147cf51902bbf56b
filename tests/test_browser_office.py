"""The production office in a real browser: Playwright for Python driving Debian's chromium
(``executable_path``: no browser is downloaded), every request outside the server refused
and counted. On the demo store ``orbitfilm serve --demo`` makes (the bundled Challenge,
planned and published), the first AD signs in, moves one of Yulia Peresild's scenes to
another day on the stripboard (dragging its strip), re-plans and watches the progress, reviews the diff and
publishes; Peresild opens her own link on a phone, confirms, and the first AD sees it with
its time; her calendar feed gives the scene's new time. The shoot log is used at 390 px.
Screenshots at 1280 and 390 px are checked not blank and kept (``screens``); no console
error, no request to another origin.
"""

from __future__ import annotations

import shutil

import pytest
from icalendar import Calendar

from screens import check_screenshot
from serving import served

from orbitfilm.server.demo import demo_store
from orbitfilm.server.templating import long_day
from orbitfilm.store.db import open_store, store_url, transaction
from orbitfilm.store.office import active_document

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
try:
    from playwright.sync_api import sync_playwright
except ImportError:        # pragma: no cover - the test extra installs it
    sync_playwright = None

pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed "
                       "(`make test` installs it with apt-get install chromium)"),
    pytest.mark.skipif(sync_playwright is None, reason="playwright is not installed "
                       "(pip install -e '.[test]')")]

DESKTOP, PHONE = 1280, 390
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
REPLAN_WAIT_MS = 120_000     # the worker's re-plan takes 20 s at most, its start a few more


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("office")
    url, user, password = demo_store(store_url(str(folder / "demo.db")), lambda line: None)
    with open(folder / "server.log", "w") as log, served(url, log) as base:
        yield {"base": base, "url": url, "user": user, "password": password,
               "log": folder / "server.log"}


def _log(site) -> str:
    """The server's last lines (what a failure shows beside the page)."""
    return site["log"].read_text(errors="replace")[-3000:]


class Watched:
    """A browser whose pages' console errors and requests to other origins are kept."""

    def __init__(self, playwright, base: str):
        self.base, self.problems, self.foreign = base, [], []
        self.browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)

    def page(self, width: int):
        context = self.browser.new_context(viewport={"width": width, "height": 900})
        context.route("**/*", self._only_ours)
        page = context.new_page()
        page.on("console", lambda m: self.problems.append(f"{m.type}: {m.text}")
                if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        return page

    def _only_ours(self, route):
        url = route.request.url
        if url.startswith(self.base + "/") or url.startswith("data:"):
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()


def _shot(page, name: str, width: int) -> None:
    check_screenshot(page.screenshot(), name, width, min_colours=150, edge_colours=4)


def _pick(url: str) -> tuple[dict, str]:
    """Return Peresild's orbital scene to move and the day to move it to (the quietest
    shooting day aboard that is not its own, the first left out)."""
    with transaction(open_store(url)) as session:
        _, document = active_document(session, 1)
    orbital = [e for e in document["scenes"] if e["kind"] == "orbital"]
    hers = [e for e in orbital if "peresild" in e["cast"]]
    scene = hers[len(hers) // 2]
    # A shooting day already on the board (a strip is dragged onto it), not the first.
    days = [d["date"] for d in document["days"] if d["kind"] == "orbital"][1:]
    busy = {d: sum(1 for e in orbital if e["date"] == d) for d in days}
    target = min((d for d in days if d != scene["date"]), key=lambda d: (busy[d], d))
    return scene, target


def _sign_in(page, site) -> None:
    page.goto(site["base"] + "/login")
    page.fill("input[name=username]", site["user"])
    page.fill("input[name=password]", site["password"])
    page.click("button[type=submit]")
    page.wait_for_url(site["base"] + "/p/1")


def _event_start(page, feed: str, scene: str) -> str:
    answer = page.request.get(feed)
    assert answer.ok and answer.headers["content-type"].startswith("text/calendar")
    events = [e for e in Calendar.from_ical(answer.body()).walk("VEVENT")
              if str(e["uid"]).startswith(f"scene-{scene}.")]
    assert events, f"scene {scene} is not in the feed"
    return events[0].decoded("dtstart").isoformat()


def test_move_replan_publish_confirm_in_a_browser(site):
    scene, target = _pick(site["url"])
    with sync_playwright() as playwright:
        watched = Watched(playwright, site["base"])
        ad = watched.page(DESKTOP)
        _sign_in(ad, site)
        _shot(ad, "office-dashboard.png", DESKTOP)
        ad.goto(site["base"] + "/p/1/calendar")
        _shot(ad, "office-calendar.png", DESKTOP)

        # Peresild's link first, so that her feed is seen before and after the publish.
        ad.goto(site["base"] + "/p/1/people")
        ad.click('tr[data-person="peresild"] button:has-text("Make link")')
        link = ad.get_attribute("#link-url", "href")
        feed = ad.get_attribute("#feed-url", "href").replace("webcal://", "http://")
        yulia = watched.page(PHONE)
        assert _event_start(yulia, feed, scene["id"])[:10] == scene["date"]

        # The stripboard: move the scene, re-plan, watch the progress.
        ad.goto(site["base"] + "/p/1/stripboard")
        ad.locator('tbody[data-kind="orbital"]').nth(1).scroll_into_view_if_needed()
        _shot(ad, "office-stripboard.png", DESKTOP)
        # Dragged onto the day's break strip: the move is set, the strip sits in that day.
        # (The drag's events are dispatched, not the mouse's: the board's handlers are what
        # is tested, wherever the two strips lie on the screen.)
        strip = ad.locator(f'tr[data-scene="{scene["id"]}"][draggable="true"]')
        onto = ad.locator(f'tbody[data-date="{target}"] tr.strip-day-break')
        carried = ad.evaluate_handle("new DataTransfer()")
        strip.dispatch_event("dragstart", {"dataTransfer": carried})
        for name in ("dragover", "drop"):
            onto.dispatch_event(name, {"dataTransfer": carried})
        strip.dispatch_event("dragend", {"dataTransfer": carried})
        assert ad.input_value(f'select[name="move-{scene["id"]}"]') == target
        assert ad.locator(f'tbody[data-date="{target}"] tr[data-scene="{scene["id"]}"]').count()
        ad.click("#replan")
        ad.wait_for_url("**/p/1/jobs/*")
        ad.wait_for_selector("#review", timeout=REPLAN_WAIT_MS)
        stages = ad.inner_text("#job-stages")
        assert "re-planning the rest of the shoot" in stages, stages
        _shot(ad, "office-replan.png", DESKTOP)

        # The diff: the scene moved to the chosen day; publish it.
        ad.click("#review")
        row = ad.locator("#diff tr", has=ad.locator(f'td:text-is("{scene["id"]}")'))
        assert "moved to another day" in row.inner_text()
        assert long_day(target) in row.inner_text()
        _shot(ad, "office-diff.png", DESKTOP)
        ad.click("#publish")
        ad.wait_for_selector(".badge.active")

        # Peresild on her phone: her calls, confirmed.
        answer = yulia.goto(link)
        content = yulia.content()
        assert answer.ok and "<main>" in content, \
            (answer.status, answer.url, content[:500], watched.problems, _log(site))
        assert f"Sc. {scene['id']}" in yulia.inner_text("main")
        _shot(yulia, "office-callsheet-phone.png", PHONE)
        yulia.click("#confirm")
        yulia.wait_for_selector("#confirmed")

        # The first AD sees the confirmation, with its time; the feed has the new day.
        ad.goto(site["base"] + "/p/1/people")
        confirmed = ad.inner_text('tr[data-person="peresild"] td.confirmed')
        assert confirmed.startswith("✔ ") and confirmed.endswith(" GMT"), confirmed
        _shot(ad, "office-people.png", DESKTOP)
        assert _event_start(yulia, feed, scene["id"])[:10] == target

        # The shoot log at 390 px: a shot logged with the planned times.
        phone = watched.page(PHONE)
        _sign_in(phone, site)
        phone.goto(site["base"] + "/p/1/log?day=7")
        first = phone.locator("section.scene form.shot").first
        card = first.locator("xpath=ancestor::section[1]")
        card_id = card.get_attribute("id")
        _shot(phone, "office-log-phone.png", PHONE)
        first.locator("button").click()
        phone.wait_for_selector(f"#{card_id} .logged")
        assert phone.inner_text(f"#{card_id} .logged").startswith("✔ shot")
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE

        watched.browser.close()
    assert watched.problems == []
    assert watched.foreign == []
