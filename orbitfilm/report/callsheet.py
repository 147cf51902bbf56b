"""Call sheets: one printable page a shooting day.

A day aboard is in GMT (the station's clock) and the control centres' zones. A ground day
is the ground unit's day at its locations: in the zones of those places (the locations'
``time_zone``) and GMT, shot by the day or by the night.
"""

from __future__ import annotations

from ..times import daily_offsets_s
from ..times import DAY_S, parse_iso
from .formatting import (Zone, daily_text, gmt_clock, ground_time_text, location_zones, long_date,
                         minutes_text, readable_instants, scene_label, span_text, zones)
from .page import definition_list, esc, html_page, table
from ..production.breakdown import category_name
from .plan_json import intervals_of
from .scenes import elements_text
from .station_figure import aboard_on, station_fragment

def condition_text(document: dict, name: str) -> str:
    """Return a condition's name for people, as the plan gives it from the orbit's registry
    (``contact:tsup`` -> ``contact with Mission Control Centre TsUP, Korolyov``)."""
    labels = (document.get("environment") or {}).get("labels", {})
    return labels.get(name, name.replace("_", " "))


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


def sheet_zones(document: dict, day: dict) -> list[Zone]:
    """Return the zones a day's call sheet shows: the station's, or the ground locations'."""
    if day["kind"] == "ground":
        return location_zones(document, [e["location"] for e in _entries(document, day)])
    return zones(document)


def _place_names(document: dict, day: dict) -> list[str]:
    places = {loc["id"]: loc["name"] for loc in document["production"]["locations"]}
    return list(dict.fromkeys(places.get(e["location"], e["location"])
                              for e in _entries(document, day)))


def header(document: dict, day: dict) -> str:
    title, total = document["production"]["title"], len(document["days"])
    if day["kind"] == "ground":
        where = "ground unit at " + "; ".join(_place_names(document, day))
    else:
        where = f"{document['production']['mission']['station']} (station time: GMT)"
    return (f"<header class=\"callsheet-head\"><div><h1>{esc(title)}</h1>"
            f"<p class=\"subtitle\">Call sheet \u2014 {esc(long_date(day['date']))} \u2014 "
            f"{esc(where)}</p></div>"
            f"<div class=\"day-of\">Day {day['number']} of {total}</div></header>\n")


def times_cards(document: dict, day: dict, zone_list: list[Zone]) -> str:
    """Return the first call and wrap in every zone (aboard), or the zones there (ground)."""
    if day["kind"] == "ground":
        return ground_zone_cards(document, day, zone_list)
    call_s, wrap_s = parse_iso(day["call"]), parse_iso(day["wrap"])
    cards = "".join(
        f"<div class=\"card\"><div class=\"label\">{esc(zone_name(z, call_s))}"
        f"</div><div class=\"value time\">{esc(z.clock(call_s))}"
        f"</div><div class=\"label\">first call \u00b7 wrap {esc(z.clock(wrap_s))}</div></div>"
        for z in zone_list)
    return f"<div class=\"zone-row\">{cards}</div>\n"


def ground_zone_cards(document: dict, day: dict, zone_list: list[Zone]) -> str:
    """Return a card a zone of the ground day: its offset from GMT and the places on it."""
    noon_s = _day_span_s(day)[0] + DAY_S / 2.0
    places = {loc["id"]: loc for loc in document["production"]["locations"]}
    cards = []
    for z in zone_list:
        here = list(dict.fromkeys(places.get(e["location"], {}).get("name", e["location"])
                                  for e in _entries(document, day)
                                  if places.get(e["location"], {}).get("time_zone") == z.name))
        what = ("local time at " + "; ".join(here)) if here else (
            "the production's clock" if len(zone_list) > 1 else
            "no local time zone given for these locations")
        cards.append(f"<div class=\"card\"><div class=\"label\">{esc(zone_name(z, noon_s))}"
                     f"</div><div class=\"value time\">{esc(z.offset_text(noon_s))}</div>"
                     f"<div class=\"label\">{esc(what)}</div></div>")
    return ("<p>Ground unit: scenes are shot by the day or by the night; times are set on "
            f"location.</p>\n<div class=\"zone-row\">{''.join(cards)}</div>\n")


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
        # A ground day's call is its day scenes' before its night scenes'.
        first = (min(mine, key=lambda e: "NIGHT" in e["time_of_day"])
                 if day["kind"] == "ground" else mine[0])
        rows.append([esc(person["name"]), esc(role), *_time_cells(day, zone_list, first, "start"),
                     esc(", ".join(scene_label(e) for e in mine))])
    heads = ["Who", "Plays / role", *_time_heads(day, zone_list, "", "Call"), "Scenes"]
    return "<h2>Calls</h2>\n" + table(heads, rows, css_class="calls")


def _time_heads(day: dict, zone_list: list[Zone], prefix: str, ground_head: str) -> list[str]:
    """Return the time columns' heads: a zone each aboard, one column on a ground day."""
    if day["kind"] == "ground":
        return [ground_head]
    return [f"{prefix}{h}" for h in _zone_heads(zone_list, _day_span_s(day)[0])]


def _time_cells(day: dict, zone_list: list[Zone], entry: dict, start_key: str) -> list[str]:
    """Return a scene's times in the time columns: a clock a zone, or by the day or night."""
    if entry.get("all_day"):
        cells = [esc(ground_time_text(entry, with_date=day["kind"] == "ground"))]
        return cells + [""] * (len(_time_heads(day, zone_list, "", "")) - 1)
    if start_key == "start":
        return _times(zone_list, parse_iso(entry["start"]))
    return _range(zone_list, parse_iso(entry["shoot_start"]), parse_iso(entry["end"]))


def scene_rows(document: dict, day: dict, zone_list: list[Zone]) -> str:
    """Return the day's scenes in order: place, conditions, times and what lies below."""
    scenes = {s["id"]: s for s in document["production"]["scenes"]}
    places = {loc["id"]: loc["name"] for loc in document["production"]["locations"]}
    aboard = day["kind"] != "ground"
    rows = []
    for entry in _entries(document, day):
        scene = scenes[entry["id"]]
        what = (f"<b>{esc(entry['int_ext'])}. {esc(entry['set'])} \u2014 "
                f"{esc(entry['time_of_day'])}</b><br>{esc(scene['synopsis'])}")
        if elements_text(scene):
            what += f"<br><span class=\"needs\">{esc(elements_text(scene))}</span>"
        row = [esc(scene_label(entry)), what,
               esc(places.get(entry["location"], entry["location"])), esc(" ".join(entry["cast"]))]
        if aboard:
            row.append(_conditions_cell(document, entry))
        row += _time_cells(day, zone_list, entry, "shoot_start")
        if aboard:
            row.append(esc(" \u2192 ".join(dict.fromkeys(p["name"] for p in entry["passes_over"]))))
        rows.append(row)
    heads = ["Sc", "Scene", "Module / location" if aboard else "Location", "Cast",
             *(["Conditions"] if aboard else []),
             *_time_heads(day, zone_list, "Shoot ", "When"), *(["Below"] if aboard else [])]
    return "<h2>Scenes in shooting order</h2>\n" + table(heads, rows, css_class="scenes")


def needs_rows(document: dict, day: dict) -> str:
    """Return what the day's scenes need by breakdown category (props, wardrobe ...)."""
    scenes = {s["id"]: s for s in document["production"]["scenes"]}
    needs: dict[str, dict[str, list[str]]] = {}
    for entry in _entries(document, day):
        for key, names in (scenes[entry["id"]].get("elements") or {}).items():
            for name in names:
                needs.setdefault(key, {}).setdefault(name, [])
                if entry["id"] not in needs[key][name]:
                    needs[key][name].append(entry["id"])
    rows = [[esc(category_name(key)), esc(name), esc(", ".join(ids))]
            for key, found in needs.items() for name, ids in found.items()]
    if not rows:
        return ""
    return ("<h2>Props, wardrobe and equipment</h2>\n"
            + table(["Category", "What", "Scenes"], rows, css_class="needs-list"))


def _conditions_cell(document: dict, entry: dict) -> str:
    """Return a scene's conditions and the start of its set-up (GMT)."""
    conditions = ", ".join(condition_text(document, c) for c in entry["conditions"])
    listed = (f"<span class=\"conditions\">{esc(conditions)}</span><br>" if conditions else "")
    if entry.get("all_day"):
        return listed
    setup = gmt_clock(parse_iso(entry["start"]))
    return listed + f"set-up from <span class=\"time\">{esc(setup)}</span> GMT"


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


def notes(document: dict, day: dict, zone_list: list[Zone]) -> str:
    """Return the day's notes: duties of the people called, and the orbit's warnings."""
    low_s, high_s = _day_span_s(day)
    called = {p for e in _entries(document, day) for p in e["cast"]}
    items = []
    for person in document["production"]["people"]:
        if person["id"] not in called:
            continue
        for duty in person["duties"]:
            if duty["daily"]:
                start_s, end_s = daily_offsets_s(duty["daily"])
                when = daily_text(zone_list, low_s + start_s, low_s + end_s)
            elif duty["start"] and parse_iso(duty["start"]) < high_s and \
                    parse_iso(duty["end"]) > low_s:
                when = span_text(zone_list, parse_iso(duty["start"]), parse_iso(duty["end"]))
            else:
                continue
            items.append(f"{person['name']}: {duty['name']}, {when}")
    items += [readable_instants(w) for w in document["environment"]["warnings"]]
    if day["number"] == len(document["days"]) and document["unscheduled"]:
        items += [f"Scene {u['id']} is not scheduled: {readable_instants(u['reason'])}"
                  for u in document["unscheduled"]]
    body = "".join(f"<li>{esc(item)}</li>" for item in items) or "<li>None.</li>"
    return f"<h2>Notes</h2>\n<ul>{body}</ul>\n"


def station_rows(document: dict, day: dict) -> str:
    """Return the station's ports and people aboard over the mission, this day shaded."""
    if not document.get("station"):
        return ""
    counts = aboard_on(document, day)
    line = ""
    if counts:
        low, high = counts
        line = (f"<p>People aboard today: {low if low == high else f'{low} to {high}'}"
                f" (the station holds "
                f"{document['station']['traffic']['max_aboard']}).</p>\n")
    return "<h3>The station: ports and people aboard</h3>\n" + line + \
        station_fragment(document, day)


def callsheet_html(document: dict, day_number: int) -> str:
    """Return the call sheet of one shooting day (numbered from 1)."""
    day = document["days"][day_number - 1]
    title = f"{document['production']['title']} \u2014 call sheet, day {day['number']}"
    return html_page(title, callsheet_fragment(document, day_number), page_class="callsheet")


def callsheet_fragment(document: dict, day_number: int) -> str:
    """Return the body of a day's call sheet (the file's, and the office's page's)."""
    day = document["days"][day_number - 1]
    zone_list = sheet_zones(document, day)
    parts = [header(document, day), times_cards(document, day, zone_list),
             cast_calls(document, day, zone_list), scene_rows(document, day, zone_list),
             needs_rows(document, day)]
    if day["kind"] != "ground":
        parts += ["<h2>The orbit and the station</h2>\n<div class=\"section-grid\"><div>",
                  crew_day_rows(document, day, zone_list), "</div><div>",
                  light_rows(document, day, zone_list), "</div></div>\n",
                  contact_rows(document, day, zone_list), station_rows(document, day)]
    parts.append(notes(document, day, zone_list))
    facts = [("Production file", esc(document["production"]["source"])),
             ("Zones", esc(", ".join(f"{z.label} = {z.name}" for z in zone_list)))]
    parts.append(definition_list(facts))
    return "".join(parts)
