"""report.html and a call sheet opened in headless Chromium with the network cut, as a person
would: no console error, no request, the key elements there, a screenshot neither blank nor
clipped.

Chromium is Debian's (``make test`` installs it); it is driven over the DevTools protocol on
a pipe (``--remote-debugging-pipe``), so no driver or browser download is needed. The
screenshots are kept in ``tests/artifacts/``; with ``ORBITFILM_UPDATE_DOCS=1`` they also
replace the README's images in ``docs/``.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest

from screens import check_screenshot as checked_screenshot

from orbitfilm.plan import make_plan
from orbitfilm.report.plan_json import load_plan
from orbitfilm.schedule.problem import SolveOptions


ROOT = Path(__file__).resolve().parents[1]
WIDTH, HEIGHT = 1280, 900
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Debian's chromium is not installed (`make test` installs it "
                             "with apt-get install chromium); the browser tests need it")


class Browser:
    """Headless Chromium driven over the DevTools protocol on a pipe (fds 3 and 4)."""

    FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--disable-default-apps", "--disable-extensions", "--mute-audio",
             "--hide-scrollbars", "--host-resolver-rules=MAP * ~NOTFOUND",
             "--remote-debugging-pipe"]

    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="orbitfilm-chromium-")
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()

        def arrange_fds():
            # Chromium reads commands on fd 3 and answers on fd 4.
            read_end, write_end = os.dup(to_chrome_r), os.dup(from_chrome_w)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)

        self.process = subprocess.Popen(
            [CHROMIUM, *self.FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            pass_fds=(3, 4), preexec_fn=arrange_fds)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.messages: queue.Queue = queue.Queue()
        self.events: list[dict] = []
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        buffer = b""
        while True:
            chunk = os.read(self.from_chrome, 1 << 16)
            if not chunk:
                return
            buffer += chunk
            while b"\0" in buffer:
                message, buffer = buffer.split(b"\0", 1)
                self.messages.put(json.loads(message))

    def _pump(self, until_s: float) -> dict | None:
        try:
            message = self.messages.get(timeout=max(0.01, until_s - time.monotonic()))
        except queue.Empty:
            return None
        if "id" not in message:
            self.events.append(message)
        return message

    def send(self, method: str, params: dict | None = None, session: str | None = None,
             timeout_s: float = 60.0) -> dict:
        """Send a command and return its result (raise on a protocol error)."""
        self.next_id += 1
        command = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            command["sessionId"] = session
        os.write(self.to_chrome, json.dumps(command).encode() + b"\0")
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            message = self._pump(deadline)
            if message and message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message["result"]
        raise TimeoutError(f"{method}: no answer in {timeout_s} s")

    def wait_for(self, method: str, timeout_s: float = 60.0) -> dict:
        deadline = time.monotonic() + timeout_s
        seen = len(self.events)
        while time.monotonic() < deadline:
            for event in self.events[seen:]:
                if event.get("method") == method:
                    return event
            seen = len(self.events)
            self._pump(deadline)
        raise TimeoutError(f"no {method} in {timeout_s} s")

    def close(self):
        try:
            self.send("Browser.close", timeout_s=10)
        except (RuntimeError, TimeoutError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        os.close(self.to_chrome)
        shutil.rmtree(self.profile, ignore_errors=True)


class Page:
    """One tab: open a file offline, collect what it logs and requests, look at it."""

    def __init__(self, browser: Browser):
        self.browser = browser
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = browser.send("Target.attachToTarget",
                                    {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable")
        self.send("Network.emulateNetworkConditions", {
            "offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
        self.send("Emulation.setDeviceMetricsOverride", {
            "width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False})
        self.first_event = len(browser.events)

    def send(self, method: str, params: dict | None = None) -> dict:
        return self.browser.send(method, params, self.session)

    def open(self, path: Path) -> None:
        self.send("Page.navigate", {"url": path.resolve().as_uri()})
        self.browser.wait_for("Page.loadEventFired")
        time.sleep(0.3)  # let late console messages and requests arrive

    def evaluate(self, expression: str):
        result = self.send("Runtime.evaluate", {"expression": expression,
                                                "returnByValue": True})
        return result["result"].get("value")

    def _events(self, method: str) -> list[dict]:
        return [e["params"] for e in self.browser.events[self.first_event:]
                if e.get("method") == method and e.get("sessionId") == self.session]

    def problems(self) -> list[str]:
        """Return console errors and warnings, uncaught exceptions and failed loads."""
        found = [f"console.{p['type']}: {p['args']}" for p in
                 self._events("Runtime.consoleAPICalled") if p["type"] in ("error", "warning")]
        found += [f"exception: {p['exceptionDetails']}" for p in
                  self._events("Runtime.exceptionThrown")]
        found += [f"log {p['entry']['level']}: {p['entry']['text']}" for p in
                  self._events("Log.entryAdded") if p["entry"]["level"] in ("error", "warning")]
        return found

    def requests(self) -> list[str]:
        return [p["request"]["url"] for p in self._events("Network.requestWillBeSent")]

    def screenshot(self, height: int, top: float = 0.0) -> bytes:
        import base64

        page_height = self.evaluate("document.documentElement.scrollHeight")
        clip = {"x": 0, "y": top, "width": WIDTH, "height": min(height, page_height - top),
                "scale": 1}
        data = self.send("Page.captureScreenshot", {"format": "png", "clip": clip,
                                                    "captureBeyondViewport": True})["data"]
        return base64.b64decode(data)


@pytest.fixture(scope="module")
def plan_folder(tmp_path_factory):
    """Return the folder of the Challenge's plan as ``make demo`` makes it (a short search,
    deterministic, so the README's images are the same every time they are made)."""
    out = tmp_path_factory.mktemp("plan") / "challenge"
    make_plan(None, out, options=SolveOptions(time_limit_s=2, workers=2, deterministic=True))
    return out


@pytest.fixture(scope="module")
def document(plan_folder):
    return load_plan(plan_folder / "plan.json")


@pytest.fixture(scope="module")
def browser():
    chromium = Browser()
    try:
        chromium.send("Browser.getVersion", timeout_s=60)
    except (TimeoutError, RuntimeError, OSError) as error:
        chromium.close()
        pytest.skip(f"chromium would not start headless here: {error}")
    yield chromium
    chromium.close()


def check_screenshot(png: bytes, name: str) -> None:
    checked_screenshot(png, name, WIDTH)


# Elements (not the insides of a figure, which clip themselves) reaching past the window's
# right edge, outside a box meant to scroll sideways.
NO_OVERFLOW = ("[...document.querySelectorAll('body *')].filter(e => !e.ownerSVGElement"
               " && e.getBoundingClientRect().right > window.innerWidth + 0.5"
               " && !e.closest('.scroll')).map(e => e.tagName + ' ' + e.textContent.slice(0, 40))")


def test_report_opens_offline_clean_and_complete(browser, plan_folder, document):
    page = Page(browser)
    report = plan_folder / "report.html"
    page.open(report)
    assert page.problems() == []
    assert page.requests() == [report.resolve().as_uri()]
    days = len(document["days"])
    orbital = sum(d["kind"] != "ground" for d in document["days"])
    counts = page.evaluate(
        "({maps: document.querySelectorAll('figure.map svg').length,"
        " timelines: document.querySelectorAll('figure.timeline svg').length,"
        " strips: document.querySelectorAll('table.stripboard tr.strip').length,"
        " beta: document.querySelectorAll('#beta svg').length,"
        " dood: document.querySelectorAll('table.dood tbody tr').length,"
        " shot: document.querySelector('#scenes-shot .value').textContent})")
    assert counts["maps"] == days and counts["timelines"] == orbital and counts["beta"] == 1
    assert counts["strips"] == len(document["scenes"]) + days + len(document["unscheduled"])
    total = len(document["production"]["scenes"])
    # A scene over two ground days has an entry (a strip) on each; it is one scene shot.
    shot = len({entry["id"] for entry in document["scenes"]})
    assert counts["shot"] == f"{shot} of {total}"
    # Every figure was laid out with a real size, inside the page's width.
    sizes = page.evaluate("[...document.querySelectorAll('figure svg')].map(s => [s."
                          "getBoundingClientRect().width, s.getBoundingClientRect().height])")
    assert all(w > 300 and h > 100 for w, h in sizes)
    assert page.evaluate(NO_OVERFLOW) == []
    check_screenshot(page.screenshot(1600), "report.png")
    first_aboard = next(d for d in document["days"] if d["kind"] != "ground")
    top = page.evaluate(f"document.getElementById('day-{first_aboard['number']}')"
                        f".getBoundingClientRect().top + window.scrollY")
    check_screenshot(page.screenshot(1250, top - 10), "report-day.png")


def test_call_sheet_opens_offline_clean_and_complete(browser, plan_folder, document):
    day = max(document["days"], key=lambda d: len(d["scenes"]) if d["kind"] != "ground" else 0)
    page = Page(browser)
    sheet = plan_folder / "callsheets" / f"day-{day['number']:02d}.html"
    page.open(sheet)
    assert page.problems() == []
    assert page.requests() == [sheet.resolve().as_uri()]
    found = page.evaluate(
        "({dayOf: document.querySelector('.day-of').textContent,"
        " scenes: [...document.querySelectorAll('table.scenes tbody tr td:first-child')]"
        "   .map(td => td.textContent),"
        " zones: [...document.querySelectorAll('.zone-row .card .label:first-child')]"
        "   .map(e => e.textContent),"
        " light: document.querySelectorAll('table.light tbody tr').length,"
        " contacts: document.querySelectorAll('table.contacts tbody tr').length})")
    assert found["dayOf"] == f"Day {day['number']} of {len(document['days'])}"
    assert found["scenes"] == day["scenes"]
    # October 2021: Moscow Standard Time and US Central Daylight Time.
    assert found["zones"] == ["GMT", "Moscow (MSK)", "Houston (CDT)"]
    assert found["light"] > 10 and found["contacts"] > 0
    assert page.evaluate(NO_OVERFLOW) == []
    check_screenshot(page.screenshot(1800), "callsheet.png")


def test_print_layout_of_a_call_sheet_fits_the_page(browser, plan_folder):
    # Printed to A4 as the crew would: a PDF with pages, nothing lost off the side.
    page = Page(browser)
    page.open(plan_folder / "callsheets" / "day-07.html")
    pdf = page.send("Page.printToPDF", {"printBackground": True, "preferCSSPageSize": True})
    import base64

    data = base64.b64decode(pdf["data"])
    assert data.startswith(b"%PDF") and data.count(b"/Type /Page") >= 2


@pytest.fixture(scope="module")
def race_folder(tmp_path_factory):
    """Return a race report's folder: two productions on real-shaped launch series, a risk,
    a what-if and the representative scenarios (no planning: it takes a second)."""
    from racing import series_production

    from orbitfilm.race.baseline import result_json
    from orbitfilm.race.engine import Case, RiskDraw, simulate
    from orbitfilm.race.story import representative_scenarios
    from orbitfilm.report.race_report import write_race_report

    twins = [series_production("challenge", "baikonur-31"),
             series_production("rival", "kennedy-39a")]
    risk = RiskDraw("lead actor held <elsewhere>", 1, "launch", 0.5, "triangular", 10, 30, 90)
    result = simulate(twins, [risk], samples=5_000, seed=1, converge=False,
                      what_ifs=(Case(tuple(twins), (), (), "the actor is free"),))
    document = {"title": "A race <of two>", **result_json(result),
                "representative": representative_scenarios(Case(tuple(twins), (risk,)),
                                                           result)}
    out = tmp_path_factory.mktemp("race")
    write_race_report(out, document, result)
    return out


def test_race_report_opens_offline_clean_and_complete(browser, race_folder):
    page = Page(browser)
    report = race_folder / "race.html"
    page.open(report)
    assert page.problems() == []
    assert page.requests() == [report.resolve().as_uri()]
    counts = page.evaluate(
        "({svgs: document.querySelectorAll('svg').length,"
        " paths: document.querySelectorAll('svg path').length,"
        " title: document.querySelector('h1').textContent,"
        " whatIf: [...document.querySelectorAll('h2')].some(h => h.textContent == 'What-ifs'),"
        " stories: document.querySelectorAll('h3').length})")
    # S-curves (a first shot and a wrap a production), the histogram, the tornado; the
    # title and the risk's name escaped, shown as written.
    assert counts["svgs"] == 3 and counts["paths"] == 4
    assert counts["title"] == "A race <of two>" and counts["whatIf"] and counts["stories"] == 2
    assert page.evaluate(NO_OVERFLOW) == []
    check_screenshot(page.screenshot(2400), "race-test.png")
