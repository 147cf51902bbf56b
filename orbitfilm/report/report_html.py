"""``report.html``: the whole plan in one self-contained page that opens offline.

A summary (what was shot, the crew minutes it took, what could not fit and why), the beta
angle over the mission, the station's ports and people aboard over it, then each shooting day with its world map and timeline, the
stripboard and the day-out-of-days. Figures are inline SVG; the page loads nothing.
"""

from __future__ import annotations

from .callsheet import callsheet_name
from .dood import dood_fragment
from .formatting import iso_clock, long_date, minutes_text, noun, plural, readable_instants
from .maps import day_map_svg
from .page import esc, html_page, table
from .station_figure import station_fragment
from .stripboard import day_break_text, strip_css, stripboard_fragment
from .timeline import beta_svg, day_timeline_svg
from .training import SESSIONS_FILE, TIMETABLE_FILE, has_training, training_section

OTHER_FILES = (("oneliner.html", "One-liner schedule"), ("oneliner.txt", "One-liner (text)"),
               ("stripboard.html", "Stripboard"), ("dood.html", "Day-out-of-days"),
               ("dood.csv", "Day-out-of-days (CSV)"), ("schedule.csv", "Schedule (CSV)"),
               ("calendar.ics", "Calendar of every scene"), ("plan.json", "The plan (JSON)"))
TRAINING_FILES = ((TIMETABLE_FILE, "Training timetable"), (SESSIONS_FILE, "Training sessions (CSV)"))
MAP_CAPTIONS = {
    False: "The station's ground track (gold in sunlight, navy in the Earth's shadow, grey "
           "outside the shooting hours) and each scene where it is shot, in its strip colour.",
    True: "The ground unit's locations of the day.",
}


def _card(value, label: str, ident: str) -> str:
    return (f"<div class=\"card\" id=\"{ident}\"><div class=\"value\">{esc(value)}</div>"
            f"<div class=\"label\">{esc(label)}</div></div>")


def summary_section(document: dict) -> str:
    """Return the summary: figures, what could not fit and why, and the orbit's warnings."""
    summary = document["summary"]
    cards = "".join([
        _card(f"{summary['scenes_shot']} of {summary['scenes_total']}", "scenes scheduled",
              "scenes-shot"),
        _card(summary["shooting_days"], noun(summary["shooting_days"], "shooting day"),
              "shooting-days"),
        _card(minutes_text(summary["cast_minutes"]), "cast time in front of the camera",
              "cast-minutes"),
        _card(minutes_text(summary["unit_minutes"]), "camera-unit time (set-up and shooting)",
              "unit-minutes"),
        _card(summary["unscheduled"], noun(summary["unscheduled"], "scene that could not fit",
                                           "scenes that could not fit"), "unscheduled-count"),
    ])
    scenes = {s["id"]: s for s in document["production"]["scenes"]}
    rows = [[esc(u["id"]), esc(f"{scenes[u['id']]['int_ext']}. {scenes[u['id']]['set']}"),
             esc(u["reason"])] for u in document["unscheduled"]]
    missing = ("<h3>What could not fit, and why</h3>\n"
               + table(["Sc", "Scene", "Reason"], rows, css_class="unscheduled")
               if rows else "<p>Every scene is scheduled.</p>\n")
    warnings = "".join(f"<li>{esc(readable_instants(w))}</li>"
                       for w in document["environment"]["warnings"])
    schedule = document.get("schedule") or {}
    status = (f"<p class=\"note\">Orbital schedule: {esc(schedule.get('status', 'none'))}"
              + (f", objective {esc(schedule['objective'])}, bound {esc(schedule['bound'])}"
                 if schedule.get("objective") is not None else "") + "</p>\n")
    return (f"<section id=\"summary\"><h2>Summary</h2>\n<div class=\"cards\">{cards}</div>\n"
            + status + missing + (f"<h3>The orbit warns</h3><ul>{warnings}</ul>"
                                  if warnings else "") + "</section>\n")


def files_section(document: dict) -> str:
    files = OTHER_FILES + (TRAINING_FILES if has_training(document) else ())
    links = [f"<li><a href=\"{esc(name)}\">{esc(label)}</a></li>" for name, label in files]
    links += [f"<li><a href=\"{esc(callsheet_name(d))}\">Call sheet, day {d['number']}</a></li>"
              for d in document["days"]]
    return f"<nav class=\"files\"><ul class=\"plain\">{''.join(links)}</ul></nav>\n"


def day_section(document: dict, day: dict) -> str:
    """Return one shooting day: its facts, world map and (aboard) timeline."""
    facts = esc(day_break_text(document, day).split(" \u2014 ", 2)[-1])
    if day["kind"] != "ground":
        facts += (f" \u2014 first call {esc(iso_clock(day['call']))}, wrap "
                  f"{esc(iso_clock(day['wrap']))} GMT")
    parts = [f"<section class=\"day\" id=\"day-{day['number']}\" data-day=\"{day['number']}\">"
             f"<h2>Day {day['number']} \u2014 {esc(long_date(day['date']))}</h2>",
             f"<p>{facts} \u00b7 <a href=\"{esc(callsheet_name(day))}\">call sheet</a></p>",
             f"<figure class=\"map{' ground-map' if day['kind'] == 'ground' else ''}\">"
             f"{day_map_svg(document, day)}<figcaption>"
             f"{MAP_CAPTIONS[day['kind'] == 'ground']}</figcaption></figure>"]
    if day["kind"] != "ground":
        parts.append(f"<figure class=\"timeline\">{day_timeline_svg(document, day)}"
                     f"<figcaption>Orbital night shaded, sunrise pink, sunset orange; contacts "
                     f"green; set-up hatched; crew-day blocks and duties grey.</figcaption>"
                     f"</figure>")
    return "\n".join(parts) + "</section>\n"


def report_html(document: dict) -> str:
    """Return the whole ``report.html``."""
    production = document["production"]
    mission = production["mission"]
    subtitle = (f"{production['title']}: {plural(document['summary']['scenes_shot'], 'scene')} "
                f"over {plural(len(document['days']), 'shooting day')} \u2014 aboard "
                f"{mission['station']} from "
                f"{mission['docking'][:16].replace('T', ' ')} to "
                f"{mission['undocking'][:16].replace('T', ' ')} GMT")
    body = [f"<header><h1>{esc(production['title'])}</h1>"
            f"<p class=\"subtitle\">{esc(subtitle)}</p></header>",
            files_section(document), summary_section(document),
            training_section(document) if has_training(document) else "",
            f"<section id=\"beta\"><h2>The orbit over the mission</h2><figure>"
            f"{beta_svg(document)}</figure></section>",
            f"<section id=\"station\"><h2>The station over the mission</h2>"
            f"{station_fragment(document)}</section>" if document.get("station") else "",
            *(day_section(document, day) for day in document["days"]),
            f"<section id=\"stripboard\"><h2>Stripboard</h2>{stripboard_fragment(document)}"
            f"</section>",
            f"<section id=\"dood\"><h2>Day-out-of-days</h2>{dood_fragment(document)}</section>",
            f"<p class=\"note\">Made by orbitfilm from {esc(production['source'])}.</p>"]
    return html_page(f"{production['title']} \u2014 shooting plan", "\n".join(body),
                     page_class="report", extra_css=strip_css())
