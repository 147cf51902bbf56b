"""The race report: one offline HTML file a producer or a studio reads to decide.

What schedule-risk tools give a project (S-curves, a tornado of risk drivers, a P10-P90
table, what-ifs against the baseline), for productions racing to shoot first in orbit: the
first shot and the wrap of every production on one time axis, the first shots' histogram,
the drivers, the what-ifs. Figures are inline SVG (``figures.py``); the page makes no
request and runs no script.
"""

from __future__ import annotations

from datetime import datetime, timezone

import numpy as np

from .figures import (AXIS_COLOUR, INK, TICK_PX, Frame, line, path, path_data, rect,
                      svg_markup, text, text_width_px, title_text)
from .page import esc, html_page, table

# One colour a production, in race order (the Challenge first).
COLOURS = ("#c62828", "#1565c0", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f")
WIDTH_PX, CURVE_HEIGHT_PX, HISTOGRAM_HEIGHT_PX = 760.0, 300.0, 220.0
MARGIN_LEFT_PX, MARGIN_BOTTOM_PX, MARGIN_TOP_PX = 46.0, 34.0, 28.0
# The axis spans the 1st to the 99th percentile of every production's dates: a long tail
# (a star held a year on another film) would squash the rest into a corner.
AXIS_PERCENTILES = (1.0, 99.0)
HISTOGRAM_BARS = 40

EXTRA_CSS = """
.race-figures svg { width: 100%; max-width: 760px; height: auto; display: block;
  margin: 0.5em 0 1.2em; }
.race-key span { display: inline-block; margin-right: 1.2em; }
.race-key i { display: inline-block; width: 1.6em; height: 0.35em; vertical-align: middle;
  margin-right: 0.35em; }
.change-up { color: #2e7d32; } .change-down { color: #c62828; }
"""


def race_report(document: dict, result) -> str:
    """Return the race report's HTML from the result's JSON ``document`` and its sampled
    dates (``result.dates``: quantity -> (productions, scenarios) days)."""
    ids = document_ids(document)
    sections = [
        f"<h1>{esc(document.get('title') or 'The race to shoot first in orbit')}</h1>",
        _summary(document),
        _key(ids),
        "<section class=\"race-figures\"><h2>When each production shoots</h2>",
        s_curves(result.dates, ids),
        histogram(result.dates["first_shot"], ids),
        "</section>",
        _percentile_table(document),
        _drivers(document),
        _what_ifs(document),
        _stories(document),
        _notes(document),
    ]
    return html_page("Race report", "\n".join(part for part in sections if part),
                     page_class="race", extra_css=EXTRA_CSS)


def document_ids(document: dict) -> list[str]:
    return [row["id"] for row in document["productions"]]


def _summary(document: dict) -> str:
    rows = sorted(document["productions"], key=lambda r: -r["p_first"])
    leader = rows[0]
    goal = "shoots first" if document["race_to"] == "first_shot" else "wraps first"
    return (f"<p class=\"lead\"><strong>{esc(leader['id'])}</strong> {goal} in "
            f"{leader['p_first']:.1%} ± {leader['p_first_stderr']:.1%} of "
            f"{document['samples']:,} scenarios (seed {document['seed']}); ties "
            f"{document['ties']:.2%}.</p>")


def _key(ids: list[str]) -> str:
    items = "".join(f"<span><i style=\"background:{COLOURS[i % len(COLOURS)]}\"></i>"
                    f"{esc(pid)}</span>" for i, pid in enumerate(ids))
    return f"<p class=\"race-key\">{items} (solid: first shot; dashed: wrap)</p>"


def _time_frame(days: list[np.ndarray], height_px: float, y_limits) -> Frame:
    low = min(float(np.percentile(d, AXIS_PERCENTILES[0])) for d in days)
    high = max(float(np.percentile(d, AXIS_PERCENTILES[1])) for d in days)
    if high - low < 2:
        low, high = low - 1, high + 1
    return Frame(MARGIN_LEFT_PX, MARGIN_TOP_PX, WIDTH_PX - MARGIN_LEFT_PX - 12,
                 height_px - MARGIN_TOP_PX - MARGIN_BOTTOM_PX, (low, high), y_limits)


def _month_ticks(frame: Frame) -> list[str]:
    """Return the time axis: a tick on the first of each month (every few months when the
    span is long), labelled with the month and year."""
    low, high = frame.x_limits
    start = datetime.fromtimestamp(low * 86400, tz=timezone.utc)
    months = []
    year, month = start.year, start.month
    while True:
        month += 1
        if month > 12:
            year, month = year + 1, 1
        day = datetime(year, month, 1, tzinfo=timezone.utc).timestamp() / 86400
        if day > high:
            break
        months.append((day, datetime(year, month, 1)))
    step = max(1, int(np.ceil(len(months) / 8)))
    parts = [line(frame.left_px, frame.bottom_px, frame.right_px, frame.bottom_px,
                  stroke=AXIS_COLOUR)]
    for day, moment in months[::step]:
        x = float(frame.x(day))
        label = moment.strftime("%b %Y")
        parts.append(line(x, frame.top_px, x, frame.bottom_px, stroke="#e3e6ec"))
        if x + text_width_px(label, TICK_PX) / 2 <= WIDTH_PX:   # no label cut at the edge
            parts.append(text(x, frame.bottom_px + 14, label, text_anchor="middle",
                              fill=AXIS_COLOUR, font_size=TICK_PX))
    return parts


def s_curves(dates: dict[str, np.ndarray], ids: list[str]) -> str:
    """Return the S-curves: the share of scenarios that have shot (and wrapped) by each day,
    one colour a production, on one time axis."""
    firsts, wraps = dates["first_shot"], dates["wrap"]
    frame = _time_frame([*firsts, *wraps], CURVE_HEIGHT_PX, (0.0, 100.0))
    parts = [title_text("Share of scenarios that have shot by each day (S-curves)")]
    parts += _month_ticks(frame)
    for share in (0, 50, 80, 100):
        y = float(frame.y(share))
        parts.append(line(frame.left_px, y, frame.right_px, y,
                          stroke="#c9ced8" if share in (0, 100) else "#e3e6ec"))
        parts.append(text(frame.left_px - 4, y + 3.5, f"{share}%", text_anchor="end",
                          fill=AXIS_COLOUR))
    shares = np.linspace(0.0, 100.0, 201)
    for i, _ in enumerate(ids):
        colour = COLOURS[i % len(COLOURS)]
        for values, dash in ((firsts[i], None), (wraps[i], "5 3")):
            x = frame.x(np.clip(np.percentile(values, shares), *frame.x_limits))
            parts.append(path(path_data(x, frame.y(shares)), fill="none", stroke=colour,
                              stroke_width=2.0, stroke_dasharray=dash))
    return svg_markup(WIDTH_PX, CURVE_HEIGHT_PX, "S-curves of the first shot and the wrap of "
                      + ", ".join(ids), parts)


def histogram(firsts: np.ndarray, ids: list[str]) -> str:
    """Return the first shots' histogram, the productions' bars side by side: by week, or
    by as many weeks as keep it to about 40 bars when the span is long."""
    frame0 = _time_frame(list(firsts), HISTOGRAM_HEIGHT_PX, (0.0, 1.0))
    low, high = frame0.x_limits
    bin_days = 7.0 * max(1, int(np.ceil((high - low) / 7.0 / HISTOGRAM_BARS)))
    edges = np.arange(np.floor(low), high + bin_days, bin_days)
    counts = [np.histogram(np.clip(f, edges[0], edges[-1]), bins=edges)[0] / len(f) * 100
              for f in firsts]
    top = max(float(max(c.max() for c in counts)), 1.0)
    frame = Frame(frame0.left_px, frame0.top_px, frame0.width_px, frame0.height_px,
                  (float(edges[0]), float(edges[-1])), (0.0, top * 1.1))
    unit = "week" if bin_days == 7 else f"{int(bin_days // 7)} weeks"
    parts = [title_text(f"First shots by {unit} (% of scenarios)")] + _month_ticks(frame)
    for share in np.linspace(0, top, 3):
        y = float(frame.y(share))
        parts.append(text(frame.left_px - 4, y + 3.5, f"{share:.0f}%", text_anchor="end",
                          fill=AXIS_COLOUR))
    width = float(frame.x(edges[1]) - frame.x(edges[0])) / max(len(ids), 1)
    for i, share in enumerate(counts):
        colour = COLOURS[i % len(COLOURS)]
        for k in np.flatnonzero(share > 0):
            x = float(frame.x(edges[k])) + i * width
            y = float(frame.y(share[k]))
            parts.append(rect(x, y, max(width - 0.6, 0.6), frame.bottom_px - y, fill=colour,
                              fill_opacity=0.85))
    return svg_markup(WIDTH_PX, HISTOGRAM_HEIGHT_PX, "Histogram of first shots by week", parts)


def tornado(drivers: list[dict]) -> str:
    """Return the tornado: each risk's effect on its production's P(first), largest first."""
    if not drivers:
        return ""
    row_px, label_px = 22.0, 300.0
    height = MARGIN_TOP_PX + row_px * len(drivers) + 24
    largest = max(abs(d["effect_on_p_first"]) for d in drivers) or 0.01
    frame = Frame(label_px, MARGIN_TOP_PX, WIDTH_PX - label_px - 70, row_px * len(drivers),
                  (-largest * 100, largest * 100), (0.0, 1.0))
    zero = float(frame.x(0.0))
    parts = [title_text("Risk drivers: P(first) with the risk minus without (pp)"),
             line(zero, frame.top_px - 4, zero, frame.bottom_px + 4, stroke=AXIS_COLOUR)]
    for k, driver in enumerate(drivers):
        effect = driver["effect_on_p_first"] * 100
        y = frame.top_px + k * row_px
        x = float(frame.x(effect))
        parts.append(rect(min(x, zero), y + 4, abs(x - zero), row_px - 8,
                          fill="#c62828" if effect < 0 else "#2e7d32"))
        parts.append(text(label_px - 6, y + row_px / 2 + 3.5,
                          f"{driver['name']} ({driver['production']})", text_anchor="end",
                          fill=INK))
        parts.append(text(max(x, zero) + 4, y + row_px / 2 + 3.5, f"{effect:+.1f}",
                          fill=AXIS_COLOUR))
    return svg_markup(WIDTH_PX, height, "Tornado of risk drivers", parts)


def _percentile_table(document: dict) -> str:
    headers = ["production", "P(first)", "quantity", "P10", "P50", "P80", "P90"]
    rows = []
    names = {"cleared": "cleared to fly", "launch": "launch (UTC)",
             "first_shot": "first shot", "wrap": "wrap"}
    for row in document["productions"]:
        for q, name in names.items():
            fmt = (lambda v: v[:16].replace("T", " ")) if q == "launch" else (lambda v: v[:10])
            rows.append([esc(row["id"]), f"{row['p_first']:.1%}" if q == "cleared" else "",
                         esc(name), *(esc(fmt(row[q][p])) for p in ("p10", "p50", "p80",
                                                                    "p90"))])
    return "<h2>P10-P90</h2>\n" + table(headers, rows, css_class="race-table")


def _drivers(document: dict) -> str:
    figure = tornado(document["drivers"])
    return f"<h2>What drives it</h2>\n<div class=\"race-figures\">{figure}</div>" if figure else ""


def _what_ifs(document: dict) -> str:
    if not document.get("what_ifs"):
        return ""
    rows = []
    for what_if in document["what_ifs"]:
        for row in what_if["productions"]:
            change = row["change"] * 100
            css = "change-up" if change > 0 else "change-down" if change < 0 else ""
            rows.append([esc(what_if["name"]), esc(row["id"]), f"{row['p_first']:.1%}",
                         f"<span class=\"{css}\">{change:+.2f} ± "
                         f"{row['change_stderr'] * 100:.2f} pp</span> (± "
                         f"{row['change_stderr_independent'] * 100:.2f} from two "
                         f"independent runs)",
                         esc(row["launch"]["p50"][:16].replace("T", " ")),
                         esc(row["first_shot"]["p50"][:10]), esc(row["first_shot"]["p80"][:10])])
    return ("<h2>What-ifs</h2>\n<p>Each variant runs on the race's own random numbers: the "
            "change is measured scenario by scenario, with its standard error.</p>\n"
            + table(["what-if", "production", "P(first)", "change", "launch P50",
                     "first shot P50", "P80"], rows, css_class="race-table"))


def _stories(document: dict) -> str:
    stories = document.get("representative") or []
    if not stories:
        return ""
    parts = ["<h2>What P80 means: a scenario told step by step</h2>",
             "<p>For each production, the sampled scenario whose first shot is nearest its "
             "P80: four scenarios in five shoot no later.</p>"]
    for story in stories:
        rows = [[esc(step["what"]), esc(step["when"][:16].replace("T", " ")),
                 esc(step["note"])] for step in story["steps"]]
        parts.append(f"<h3>{esc(story['id'])} (scenario {story['scenario']:,})</h3>\n"
                     + table(["step", "when (UTC)", "how"], rows, css_class="race-table"))
    return "\n".join(parts)


def _notes(document: dict) -> str:
    notes = [f"{esc(row['id'])}: {row['past_series']:.1%} of scenarios launch past the "
             f"launch series (on their earliest day)" for row in document["productions"]
             if row.get("past_series")]
    notes += [f"The backup crew flew in {b['backup_flew']:.1%} of scenarios "
              f"({esc(b['production'])}: {esc(b['name'])})" for b in document["backups"]]
    if not notes:
        return ""
    return "<h2>Notes</h2>\n<ul>" + "".join(f"<li>{n}</li>" for n in notes) + "</ul>"
