"""The one-liner schedule: one line a scene, a break with the day's totals after each day."""

from __future__ import annotations

from .formatting import ground_time_text, iso_clock, long_date, scene_label, scene_length
from .page import esc, html_page
from .stripboard import day_break_text

# Columns of the text form: (title, width); the synopsis takes what is left of the line.
COLUMNS = (("SC", 8), ("I/E", 3), ("SET", 24), ("TIME OF DAY", 15), ("LENGTH", 9),
           ("GMT", 7), ("CAST", 28))
LINE_WIDTH = 150


def _fit(text: str, width: int) -> str:
    """Return text cut to ``width`` characters (with an ellipsis) and padded to it."""
    text = " ".join(str(text).split())
    return (text if len(text) <= width else text[: width - 1] + "\u2026").ljust(width)


def scene_cells(document: dict, entry: dict) -> list[str]:
    """Return a scheduled scene's cells: number, I/E, set, time of day, length, GMT, cast,
    synopsis."""
    scene = {s["id"]: s for s in document["production"]["scenes"]}[entry["id"]]
    start = ground_time_text(entry) if entry.get("all_day") else iso_clock(entry["shoot_start"])
    return [scene_label(entry), entry["int_ext"], entry["set"], entry["time_of_day"],
            scene_length(scene), start, " ".join(entry["cast"]), scene["synopsis"]]


def _text_line(cells: list[str]) -> str:
    widths = [w for _, w in COLUMNS]
    fixed = "".join(_fit(c, w) + " " for c, w in zip(cells, widths))
    return (fixed + _fit(cells[-1], LINE_WIDTH - len(fixed))).rstrip()


def _day_head(document: dict, day: dict) -> str:
    call = "" if day["kind"] == "ground" else f", first call {iso_clock(day['call'])} GMT"
    return (f"DAY {day['number']} of {len(document['days'])} \u2014 {long_date(day['date'])}"
            f" ({day['kind']}{call})")


def oneliner_text(document: dict) -> str:
    """Return ``oneliner.txt``."""
    title = document["production"]["title"]
    lines = [f"{title.upper()} \u2014 ONE-LINER SCHEDULE", "",
             _text_line([t for t, _ in COLUMNS] + ["SYNOPSIS"]), "-" * LINE_WIDTH]
    for day in document["days"]:
        lines.append(_day_head(document, day))
        lines += [_text_line(scene_cells(document, e)) for e in document["scenes"]
                  if e["day"] == day["number"]]
        lines += [f"=== {day_break_text(document, day)} ===", ""]
    if document["unscheduled"]:
        lines.append("NOT SCHEDULED")
        lines += [f"  Sc {item['id']}: {item['reason']}" for item in document["unscheduled"]]
    return "\n".join(lines).rstrip() + "\n"


def oneliner_html(document: dict) -> str:
    """Return ``oneliner.html``: the same lines as a table."""
    title = document["production"]["title"]
    head = "".join(f"<th>{esc(t)}</th>" for t, _ in COLUMNS) + "<th>SYNOPSIS</th>"
    rows = []
    for day in document["days"]:
        rows.append(f"<tr class=\"day-head\"><td colspan=\"8\">{esc(_day_head(document, day))}"
                    f"</td></tr>")
        rows += ["<tr class=\"scene\">" + "".join(f"<td>{esc(c)}</td>" for c in
                                                  scene_cells(document, e)) + "</tr>"
                 for e in document["scenes"] if e["day"] == day["number"]]
        rows.append(f"<tr class=\"day-end\"><td colspan=\"8\">"
                    f"{esc(day_break_text(document, day))}</td></tr>")
    missing = "".join(f"<li>Sc {esc(i['id'])}: {esc(i['reason'])}</li>"
                      for i in document["unscheduled"])
    body = (f"<header><h1>{esc(title)}</h1><p class=\"subtitle\">One-liner schedule</p>"
            f"</header>\n<table class=\"oneliner\"><thead><tr>{head}</tr></thead><tbody>\n"
            + "\n".join(rows) + "\n</tbody></table>\n"
            + (f"<h2>Not scheduled</h2><ul>{missing}</ul>" if missing else ""))
    return html_page(f"{title} \u2014 one-liner", body, page_class="landscape")
