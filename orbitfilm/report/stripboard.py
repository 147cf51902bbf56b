"""The stripboard: one coloured strip a scene, a black strip at the end of each shooting day.

Colours follow the production-board convention (INT DAY white, EXT DAY yellow, INT NIGHT
blue, EXT NIGHT green), with pink for orbital sunrise, orange for orbital sunset and a deep
violet, unlike any ground colour, for orbital night. Orbital day is a day strip.
"""

from __future__ import annotations

from .formatting import (ground_time_text, is_first_piece, iso_clock, long_date, minutes_text,
                         pages_text, plural, scene_label, scene_length, span_minutes)
from .page import esc, html_page
from .scenes import elements_text

# (background, text) of each strip kind.
STRIP_COLOURS = {
    "int-day": ("#ffffff", "#111111"),
    "ext-day": ("#fff176", "#111111"),
    "int-night": ("#90caf9", "#111111"),
    "ext-night": ("#a5d6a7", "#111111"),
    "orbital-sunrise": ("#f8bbd0", "#111111"),
    "orbital-sunset": ("#ffb74d", "#111111"),
    "orbital-night": ("#4527a0", "#ffffff"),
    "day-break": ("#1b1b1b", "#ffffff"),
    "unscheduled": ("#e0e0e0", "#555555"),
}
STRIP_LABELS = {
    "int-day": "INT day (and orbital day)", "ext-day": "EXT day (and orbital day)",
    "int-night": "INT night", "ext-night": "EXT night", "orbital-sunrise": "orbital sunrise",
    "orbital-sunset": "orbital sunset", "orbital-night": "orbital night",
}


def strip_kind(int_ext: str, time_of_day: str) -> str:
    """Return the strip kind (a key of ``STRIP_COLOURS``) of a scene."""
    special = {"ORBITAL SUNRISE": "orbital-sunrise", "ORBITAL SUNSET": "orbital-sunset",
               "ORBITAL NIGHT": "orbital-night"}
    if time_of_day in special:
        return special[time_of_day]
    night = "NIGHT" in time_of_day
    outside = int_ext == "EXT"
    return f"{'ext' if outside else 'int'}-{'night' if night else 'day'}"


def strip_css() -> str:
    """Return the CSS of the strip colours, made from ``STRIP_COLOURS``."""
    return "".join(f".strip-{kind} {{ background: {bg}; color: {fg}; }}\n"
                   for kind, (bg, fg) in STRIP_COLOURS.items())


def day_totals(document: dict, day: dict) -> dict:
    """Return a day's totals: scenes, eighths of a page, shooting minutes, days of ground work."""
    scenes = {s["id"]: s for s in document["production"]["scenes"]}
    entries = [e for e in document["scenes"] if e["day"] == day["number"]]
    orbital = [e for e in entries if e["kind"] == "orbital"]
    return {"scenes": len(entries),
            "eighths": sum(scenes[e["id"]].get("eighths") or 0 for e in entries
                           if is_first_piece(e)),
            "shoot_min": sum(span_minutes(e) for e in orbital),
            "unit_min": sum(span_minutes(e, "start") for e in orbital)}


def day_break_text(document: dict, day: dict) -> str:
    """Return the words of a day-break strip: day, date and totals."""
    totals = day_totals(document, day)
    parts = [f"END OF DAY {day['number']} of {len(document['days'])}", long_date(day["date"]),
             plural(totals["scenes"], "scene")]
    if totals["eighths"]:
        parts.append(pages_text(totals["eighths"]))
    if totals["shoot_min"]:
        parts.append(f"{minutes_text(totals['shoot_min'])} shooting")
    return " \u2014 ".join(parts)


def _strip_row(document: dict, entry: dict) -> str:
    scene = {s["id"]: s for s in document["production"]["scenes"]}[entry["id"]]
    kind = strip_kind(entry["int_ext"], entry["time_of_day"])
    start = ground_time_text(entry) if entry.get("all_day") else iso_clock(entry["shoot_start"])
    cells = [esc(c) for c in (scene_label(entry), entry["int_ext"], entry["set"],
                              entry["time_of_day"], scene_length(scene), " ".join(entry["cast"]))]
    needs = elements_text(scene)
    cells += [esc(scene["synopsis"]) + (f"<br><span class=\"needs\">{esc(needs)}</span>"
                                        if needs else ""), esc(start)]
    return (f"<tr class=\"strip strip-{kind}\" data-scene=\"{esc(entry['id'])}\" "
            f"data-kind=\"{kind}\">" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>\n")


def _break_row(document: dict, day: dict) -> str:
    return (f"<tr class=\"strip strip-day-break\" data-day=\"{day['number']}\">"
            f"<td colspan=\"8\">{esc(day_break_text(document, day))}</td></tr>\n")


def _unscheduled_rows(document: dict) -> str:
    scenes = {s["id"]: s for s in document["production"]["scenes"]}
    rows = []
    for item in document["unscheduled"]:
        scene = scenes[item["id"]]
        rows.append(
            f"<tr class=\"strip strip-unscheduled\" data-scene=\"{esc(item['id'])}\">"
            f"<td>{esc(item['id'])}</td><td>{esc(scene['int_ext'])}</td>"
            f"<td>{esc(scene['set'])}</td><td colspan=\"5\">not scheduled: "
            f"{esc(item['reason'])}</td></tr>\n")
    return "".join(rows)


def legend() -> str:
    items = "".join(f"<span class=\"swatch strip-{kind}\">{esc(label)}</span>"
                    for kind, label in STRIP_LABELS.items())
    return f"<p class=\"legend\">{items}</p>\n"


def stripboard_fragment(document: dict) -> str:
    """Return the stripboard as an HTML table (also used inside ``report.html``)."""
    rows = []
    for day in document["days"]:
        rows += [_strip_row(document, e) for e in document["scenes"]
                 if e["day"] == day["number"]]
        rows.append(_break_row(document, day))
    head = "".join(f"<th>{h}</th>" for h in ("Sc", "I/E", "Set", "Time of day", "Length",
                                             "Cast", "Synopsis", "GMT"))
    return (legend() + f"<table class=\"stripboard\"><thead><tr>{head}</tr></thead><tbody>\n"
            + "".join(rows) + _unscheduled_rows(document) + "</tbody></table>\n")


def stripboard_html(document: dict) -> str:
    """Return ``stripboard.html``: the board, printable in landscape."""
    title = document["production"]["title"]
    body = (f"<header><h1>{esc(title)}</h1><p class=\"subtitle\">Stripboard \u2014 "
            f"{plural(len(document['days']), 'shooting day')}, "
            f"{plural(len(document['scenes']), 'scene')}</p>"
            f"</header>\n<main>\n{stripboard_fragment(document)}</main>")
    return html_page(f"{title} \u2014 stripboard", body, page_class="landscape",
                     extra_css=strip_css())
