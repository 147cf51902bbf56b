"""PDF call sheets and one-liner: read back as text (pypdf) and as a picture (pypdfium2).

WeasyPrint is the optional ``pdf`` extra and needs Debian's Pango; ``make test`` installs
both where it can, and elsewhere these tests skip and say why. The rendered pages are kept
in tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from orbitfilm.formats.pdf import PdfUnavailable, require_weasyprint
from orbitfilm.report.formatting import zones
from orbitfilm.report.writer import write_reports
from orbitfilm.times import parse_iso
from test_report_fixtures import UNSCHEDULABLE_TOML, challenge_plan

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
DOCS = Path(__file__).resolve().parents[1] / "docs"
A4_PT = (595.28, 841.89)  # 210 x 297 mm at 72 points an inch
MARGIN_PT = 12 / 25.4 * 72  # the stylesheet's 12 mm


@pytest.fixture(scope="module")
def weasyprint():
    try:
        return require_weasyprint()
    except PdfUnavailable as error:
        pytest.skip(str(error))


@pytest.fixture(scope="module")
def folder(weasyprint, tmp_path_factory):
    """The Challenge's plan folder with PDFs (scheduled by hand, test_report_fixtures)."""
    out = tmp_path_factory.mktemp("pdf") / "plan"
    write_reports(challenge_plan(), out, pdf=True)
    return out


def pdf_text(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(path).pages]


def test_a_pdf_for_each_call_sheet_and_the_one_liner(folder):
    document = challenge_plan()
    expected = {f"callsheets/day-{d['number']:02d}.pdf" for d in document["days"]}
    found = {str(p.relative_to(folder)) for p in folder.rglob("*.pdf")}
    assert found == expected | {"oneliner.pdf"}
    listed = json.loads((folder / "plan.json").read_text("utf-8"))["files"]
    assert found <= set(listed)


def test_call_sheet_text_has_the_times_names_and_scenes(folder):
    document = challenge_plan()
    day = next(d for d in document["days"] if d["kind"] == "orbital")
    text = " ".join(pdf_text(folder / f"callsheets/day-{day['number']:02d}.pdf"))
    text = " ".join(text.split())
    assert f"Day {day['number']} of {len(document['days'])}" in text
    # The first call in GMT, Moscow (UTC+3) and Houston (UTC-5 in October 2021): the
    # zones' fixed offsets, an independent check of the clock arithmetic.
    call_s = parse_iso(day["call"])
    for offset_h in (0, 3, -5):
        moment_s = call_s + offset_h * 3600
        assert f"{int(moment_s // 3600 % 24):02d}:{int(moment_s // 60 % 60):02d}" in text
    assert [z.label for z in zones(document)] == ["GMT", "Moscow", "Houston"]
    people = {p["id"]: p["name"] for p in document["production"]["people"]}
    entries = [e for e in document["scenes"] if e["day"] == day["number"]]
    for entry in entries:
        assert f"INT. {entry['set']}" in text or f"EXT. {entry['set']}" in text
        for person_id in entry["cast"]:
            assert people[person_id] in text


def test_one_liner_text_has_every_scene_and_day(folder):
    document = challenge_plan()
    text = " ".join(" ".join(pdf_text(folder / "oneliner.pdf")).split())
    for day in document["days"]:
        assert f"END OF DAY {day['number']} of {len(document['days'])}" in text
    for scene in document["production"]["scenes"]:
        if scene["synopsis"]:
            # The synopsis wraps in its column; its first three words stay together.
            assert " ".join(scene["synopsis"].split()[:3]) in text


def render(path: Path, name: str):
    """Return page 1 as an image (2 pixels a point), saved in tests/artifacts/ (and with
    ``ORBITFILM_UPDATE_DOCS=1``, a day aboard's in docs/ for the README)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    page = document[0]
    size_pt = page.get_size()
    image = page.render(scale=2).to_pil().convert("RGB")
    ARTIFACTS.mkdir(exist_ok=True)
    image.save(ARTIFACTS / name)
    if os.environ.get("ORBITFILM_UPDATE_DOCS") == "1" and name == "callsheets-day-07.png":
        page.render(scale=1.4).to_pil().convert("RGB").save(DOCS / "callsheet-pdf.png",
                                                            optimize=True)
    document.close()
    return size_pt, image


@pytest.mark.parametrize("name", ["callsheets/day-07.pdf", "callsheets/day-01.pdf",
                                  "oneliner.pdf"])
def test_first_page_is_a4_not_blank_and_inside_its_margins(folder, name):
    from PIL import ImageOps, ImageStat

    size_pt, image = render(folder / name, name.replace("/", "-").replace(".pdf", ".png"))
    assert size_pt == pytest.approx(A4_PT, abs=0.5)
    gray = image.convert("L")
    # Not blank: text and tables give contrast and hundreds of grey levels (anti-aliasing).
    assert ImageStat.Stat(gray).stddev[0] > 20
    assert len(gray.getcolors(256)) > 100
    # Inside the margins: everything drawn lies 12 mm (less half a millimetre of
    # anti-aliasing) from the left and right edges; a table too wide would cross them.
    left, top, right, bottom = ImageOps.invert(gray).point(lambda v: 255 if v > 24 else 0) \
        .getbbox()
    margin_px = (MARGIN_PT - 1.5) * 2
    assert left >= margin_px and right <= image.width - margin_px
    assert top >= margin_px


def test_plan_asks_for_weasyprint_before_any_work(tmp_path, monkeypatch):
    from orbitfilm.plan.stage import make_plan

    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import now raises ImportError
    (tmp_path / "reel.toml").write_text(UNSCHEDULABLE_TOML, encoding="utf-8")
    with pytest.raises(PdfUnavailable, match=r"pip install 'orbitfilm\[pdf\]'"):
        make_plan(tmp_path / "reel.toml", tmp_path / "plan", pdf=True)
    assert not (tmp_path / "plan").exists()


def test_plan_command_writes_the_pdfs(weasyprint, tmp_path):
    from clirun import run

    (tmp_path / "reel.toml").write_text(UNSCHEDULABLE_TOML, encoding="utf-8")
    result = run("plan", str(tmp_path / "reel.toml"), "-o", str(tmp_path / "plan"), "--pdf",
                 "--time-limit", "5")
    days = json.loads((tmp_path / "plan" / "plan.json").read_text("utf-8"))["days"]
    assert (tmp_path / "plan" / "oneliner.pdf").is_file()
    assert sorted(p.name for p in (tmp_path / "plan" / "callsheets").glob("*.pdf")) == [
        f"day-{d['number']:02d}.pdf" for d in days]
    assert "wrote" in result.stdout
    # And without --pdf the next plan removes them (files a plan no longer makes go).
    run("plan", str(tmp_path / "reel.toml"), "-o", str(tmp_path / "plan"), "--time-limit", "5")
    assert not list((tmp_path / "plan").rglob("*.pdf"))
