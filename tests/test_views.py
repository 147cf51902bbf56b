"""What the office's pages show, made from the planned Challenge's plan document: the month
calendar against the real calendar of 2021, the day the phone log opens on, the re-plan's
default "now", the stripboard's days. (1 October 2021 was a Friday; Soyuz MS-19 launched
and docked on 5 October and undocked on 17 October 2021.)"""

from __future__ import annotations

from orbitfilm.server import views
from orbitfilm.times import parse_iso


def _document(challenge_planned) -> dict:
    return challenge_planned[1].document


def test_the_month_calendar_is_2021s(challenge_planned):
    document = _document(challenge_planned)
    months = {m["title"]: m for m in views.month_grid(document)}
    assert "October 2021" in months and "September 2021" in months
    first_week = months["October 2021"]["weeks"][0]
    assert first_week[:4] == [None] * 4                          # Mon 27 – Thu 30 Sep
    assert [cell["day"] for cell in first_week[4:]] == [1, 2, 3]  # Fri 1 Oct
    cells = {c["date"]: c for week in months["October 2021"]["weeks"] for c in week if c}
    assert cells["2021-10-05"]["marks"] == ["launch", "docking"]
    assert cells["2021-10-17"]["marks"] == ["undocking"]
    for day in document["days"]:
        if day["date"].startswith("2021-10"):
            assert cells[day["date"]]["shooting"]["number"] == day["number"]


def test_the_day_the_log_opens_on_and_the_replans_now(challenge_planned):
    document = _document(challenge_planned)
    days = document["days"]
    inside = parse_iso("2021-10-07T10:00Z")
    # At noon of each shooting day the log opens on that day; after the last, on the last;
    # on a day with no shooting (the day after the ground unit's last), on the next one.
    for day in days:
        assert views.log_day(document, parse_iso(f"{day['date']}T12:00Z")) == day
    assert views.log_day(document, parse_iso("2030-01-01T00:00Z")) == days[-1]
    gap = next(i for i in range(1, len(days)) if days[i]["date"] > _next(days[i - 1]["date"]))
    assert views.log_day(document, parse_iso(f"{_next(days[gap - 1]['date'])}T12:00Z")) == \
        days[gap]
    # The present when it falls in the stay; else the stay's first hour (the hatch).
    hatch = parse_iso(document["production"]["mission"]["hatch_open"])
    assert views.default_now_s(document, inside) == inside
    assert views.default_now_s(document, parse_iso("2026-12-07T00:00Z")) == hatch
    dates = views.stay_dates(document)
    assert dates[0] == document["production"]["mission"]["hatch_open"][:10]
    assert dates[-1] == "2021-10-17"


def test_every_scheduled_scene_is_on_the_board_once_a_piece(challenge_planned):
    document = _document(challenge_planned)
    board = views.strip_days(document)
    assert [d["number"] for d in board] == [d["number"] for d in document["days"]]
    on_board = sorted((s["id"], s["start"]) for d in board for s in d["strips"])
    assert on_board == sorted((e["id"], e["start"]) for e in document["scenes"])
    for day in board:
        assert [s["start"] for s in day["strips"]] == sorted(s["start"] for s in day["strips"])


def _next(day: str) -> str:
    from datetime import date, timedelta
    return (date.fromisoformat(day) + timedelta(days=1)).isoformat()
