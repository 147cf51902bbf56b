"""Call sheets: one printable page a shooting day, in GMT and the control centres' times."""

from __future__ import annotations

from ..production.model import daily_offsets_s
from ..times import DAY_S, parse_iso
from .formatting import Zone, long_date, minutes_text, scene_label, zones
from .page import definition_list, esc, html_page, table
from .plan_json import intervals_of

LIGHT_NAMES = {"orbital_day": "orbital day", "orbital_night": "orbital night",
               "orbital_sunrise": "orbital sunrise", "orbital_sunset": "orbital sunset",
               "earth_lit": "Earth below lit", "earth_dark": "Earth below dark"}


def condition_text(document: dict, name: str) -> str:
    """Return a condition's name for people: ``contact:tsup`` -> ``contact with <station>``."""
    environment = document["environment"]
    kind, _, ident = name.partition(":")
    if kind == "contact":
        return f"contact with {environment['stations'].get(ident, ident)}"
    if kind == "over":
        return f"over {environment['regions'].get(ident, ident)}"
    return LIGHT_NAMES.get(name, name.replace("_", " "))


def callsheet_name(day: dict) -> str:
    """Return the file name of a day's call sheet inside the plan folder."""
    return f"callsheets/day-{day['number']:02d}.html"


def _times(zone_list: list[Zone], seconds: float) -> list[str]:
    return [f"<span class=\"time\">{esc(z.clock(seconds))}</span>" for z in zone_list]


def _range(zone_list: list[Zone], start_s: float, end_s: float) -> list[str]:
    return [f"<span class=\"time\">{esc(z.clock_range(start_s, end_s))}</span>" for z in zone_list]


def _zone_heads(zone_list: list[Zone], moment_s: float) -> list[str]:
    return [esc(zone_name(z, moment_s)) for z in zone_list]


def zone_name(zone: Zone, moment_s: float) -> str:
    """Return ``Moscow (MSK)``, or just ``GMT`` where the label is the abbreviation."""
    abbreviation = zone.abbreviation(moment_s)
    return zone.label if abbreviation == zone.label else f"{zone.label} ({abbreviation})"


def _day_span_s(day: dict) -> tuple[float, float]:
    midnight_s = parse_iso(day["date"])
    return midnight_s, midnight_s + DAY_S


def _crew_day_s(document: dict, day: dict) -> tuple[float, float]:
    """Return the crew's waking day: wake to sleep, GMT, on the day's date."""
    crew_day = document["production"]["mission"]["crew_day"]
    start_s, end_s = daily_offsets_s(f"{crew_day['wake']}-{crew_day['sleep']}")
    midnight_s = _day_span_s(day)[0]
    return midnight_s + start_s, midnight_s + end_s


def _entries(document: dict, day: dict) -> list[dict]:
    return [e for e in document["scenes"] if e["day"] == day["number"]]


def _people(document: dict) -> dict:
    return {p["id"]: p for p in document["production"]["people"]}


def _unit_people(document: dict) -> list[str]:
    units = document["production"].get("units") or []
    return list(dict.fromkeys(pid for unit in units for pid in unit["people"]))


def header(document: dict, day: dict) -> str:
    title, total = document["production"]["title"], len(document["days"])
    return (f"<header class=\"callsheet-head\"><div><h1>{esc(title)}</h1>"
            f"<p class=\"subtitle\">Call sheet \u2014 {esc(long_date(day['date']))} \u2014 "
            f"{esc(document['production']['mission']['station'])} "
            f"{'(ground unit)' if day['kind'] == 'ground' else '(station time: GMT)'}</p></div>"
            f"<div class=\"day-of\">Day {day['number']} of {total}</div></header>\n")


def times_cards(document: dict, day: dict, zone_list: list[Zone]) -> str:
    """Return the first call and wrap in every zone."""
    if day["kind"] == "ground":
        return "<p>Ground unit: scenes are shot by the day (times set on location).</p>\n"
    call_s, wrap_s = parse_iso(day["call"]), parse_iso(day["wrap"])
    cards = "".join(
        f"<div class=\"card\"><div class=\"label\">{esc(zone_name(z, call_s))}"
        f"</div><div class=\"value time\">{esc(z.clock(call_s))}"
        f"</div><div class=\"label\">first call \u00b7 wrap {esc(z.clock(wrap_s))}</div></div>"
        for z in zone_list)
    return f"<div class=\"zone-row\">{cards}</div>\n"


def cast_calls(document: dict, day: dict, zone_list: list[Zone]) -> str:
    """Return each person's call: the set-up of their first scene of the day."""
    people, entries = _people(document), _entries(document, day)
    unit = _unit_people(document) if day["kind"] != "ground" else []
    rows = []
    for person_id in dict.fromkeys([*unit, *(p for e in entries for p in e["cast"])]):
        mine = [e for e in entries if person_id in e["cast"] or
                (person_id in unit and e["kind"] == "orbital")]
        person = people.get(person_id, {"name": person_id, "plays": [], "roles": []})
        role = ", ".join(person["plays"]) or ", ".join(person["roles"])
        call = (["all day"] * len(zone_list) if mine[0].get("all_day")
                else _times(zone_list, parse_iso(mine[0]["start"])))
        rows.append([esc(person["name"]), esc(role), *call,
                     esc(", ".join(scene_label(e) for e in mine))])
    heads = ["Who", "Plays / role", *_zone_heads(zone_list, _day_span_s(day)[0]), "Scenes"]
    return "<h2>Calls</h2>\n" + table(heads, rows, css_class="calls")


def scene_rows(document: dict, day: dict, zone_list: list[Zone]) -> str:
    """Return the day's scenes in order: module, conditions, times and what lies below."""
    scenes = {s["id"]: s for s in document["production"]["scenes"]}
    places = {loc["id"]: loc["name"] for loc in document["production"]["locations"]}
    rows = []
    for entry in _entries(document, day):
        scene = scenes[entry["id"]]
        conditions = ", ".join(condition_text(document, c) for c in entry["conditions"])
        below = " \u2192 ".join(dict.fromkeys(p["name"] for p in entry["passes_over"]))
        if entry.get("all_day"):
            times = ["all day"] * len(zone_list)
        else:
            times = _range(zone_list, parse_iso(entry["shoot_start"]), parse_iso(entry["end"]))
        what = (f"<b>{esc(entry['int_ext'])}. {esc(entry['set'])} \u2014 "
                f"{esc(entry['time_of_day'])}</b><br>{esc(scene['synopsis'])}")
        setup = ("" if entry.get("all_day") else
                 f"set-up from {_times(zone_list[:1], parse_iso(entry['start']))[0]} GMT")
        conditions = f"<span class=\"conditions\">{esc(conditions)}</span><br>" \
            if conditions else ""
        rows.append([esc(scene_label(entry)), what, esc(places.get(entry["location"],
                                                            entry["location"])),
                     esc(" ".join(entry["cast"])),
                     conditions + setup,
                     *times, esc(below)])
    heads = ["Sc", "Scene", "Module / location", "Cast", "Conditions",
             *[f"Shoot {h}" for h in _zone_heads(zone_list, _day_span_s(day)[0])], "Below"]
    return "<h2>Scenes in shooting order</h2>\n" + table(heads, rows, css_class="scenes")


def light_rows(document: dict, day: dict, zone_list: list[Zone]) -> str:
    """Return the orbital sunrises and sunsets of the crew's waking day, in every zone."""
    low_s, high_s = _crew_day_s(document, day)
    events = [(parse_iso(t), "orbital sunrise") for t in
              document["environment"]["orbital_sunrises"]]
    events += [(parse_iso(t), "orbital sunset") for t in document["environment"]["orbital_sunsets"]]
    rows = [[esc(what), *_times(zone_list, t)] for t, what in sorted(events)
            if low_s <= t < high_s]
    heads = ["Event", *_zone_heads(zone_list, low_s)]
    title = "<h3>Orbital sunrises and sunsets while the crew is awake</h3>\n"
    return title + table(heads, rows, css_class="light") if rows else ""


def contact_rows(document: dict, day: dict, zone_list: list[Zone]) -> str:
    """Return the ground-station contacts of the crew's waking day, in every zone."""
    low_s, high_s = _crew_day_s(document, day)
    rows = []
    for name, station in document["environment"]["stations"].items():
        for start_s, end_s in intervals_of(document, f"contact:{name}").clip(low_s, high_s):
            rows.append((start_s, [esc(station), *_range(zone_list, start_s, end_s),
                                   esc(minutes_text((end_s - start_s) / 60))]))
    heads = ["Station", *_zone_heads(zone_list, low_s), "Length"]
    rows = [row for _, row in sorted(rows, key=lambda item: item[0])]
    title = "<h3>Ground-station contacts while the crew is awake</h3>\n"
    return title + table(heads, rows, css_class="contacts") if rows else ""


def crew_day_rows(document: dict, day: dict, zone_list: list[Zone]) -> str:
    """Return the crew day's fixed blocks and exercise, in every zone."""
    crew_day = document["production"]["mission"]["crew_day"]
    midnight_s = _day_span_s(day)[0]
    blocks = [("sleep", f"{crew_day['sleep']}-{crew_day['wake']}")]
    blocks += [(b["name"], b["daily"]) for b in crew_day["blocks"]]
    blocks += [("exercise (each person; own times may differ)", e) for e in crew_day["exercise"]]
    rows = []
    for name, daily in blocks:
        start_s, end_s = daily_offsets_s(daily)
        rows.append((start_s, [esc(name), *_range(zone_list, midnight_s + start_s,
                                                  midnight_s + end_s)]))
    heads = ["Crew-day block", *_zone_heads(zone_list, midnight_s)]
    return ("<h3>Crew day aboard</h3>\n"
            + table(heads, [row for _, row in sorted(rows, key=lambda item: item[0])],
                    css_class="crew-day"))


def notes(document: dict, day: dict) -> str:
    """Return the day's notes: duties of the people called, and the orbit's warnings."""
    low_s, high_s = _day_span_s(day)
    called = {p for e in _entries(document, day) for p in e["cast"]}
    items = []
    for person in document["production"]["people"]:
        if person["id"] not in called:
            continue
        for duty in person["duties"]:
            if duty["daily"]:
                items.append(f"{person['name']}: {duty['name']} daily {duty['daily']} GMT")
            elif duty["start"] and parse_iso(duty["start"]) < high_s and \
                    parse_iso(duty["end"]) > low_s:
                items.append(f"{person['name']}: {duty['name']} {duty['start']} to "
                             f"{duty['end']}")
    items += document["environment"]["warnings"]
    if day["number"] == len(document["days"]) and document["unscheduled"]:
        items += [f"Scene {u['id']} is not scheduled: {u['reason']}"
                  for u in document["unscheduled"]]
    body = "".join(f"<li>{esc(item)}</li>" for item in items) or "<li>None.</li>"
    return f"<h2>Notes</h2>\n<ul>{body}</ul>\n"


def callsheet_html(document: dict, day_number: int) -> str:
    """Return the call sheet of one shooting day (numbered from 1)."""
    day = document["days"][day_number - 1]
    zone_list = zones(document)
    parts = [header(document, day), times_cards(document, day, zone_list),
             cast_calls(document, day, zone_list), scene_rows(document, day, zone_list)]
    if day["kind"] != "ground":
        parts += ["<h2>The orbit and the station</h2>\n<div class=\"section-grid\"><div>",
                  crew_day_rows(document, day, zone_list), "</div><div>",
                  light_rows(document, day, zone_list), "</div></div>\n",
                  contact_rows(document, day, zone_list)]
    parts.append(notes(document, day))
    facts = [("Production file", esc(document["production"]["source"])),
             ("Zones", esc(", ".join(f"{z.label} = {z.name}" for z in zone_list)))]
    parts.append(definition_list(facts))
    title = f"{document['production']['title']} \u2014 call sheet, day {day['number']}"
    return html_page(title, "".join(parts), page_class="callsheet")
