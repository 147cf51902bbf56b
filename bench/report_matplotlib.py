"""The report's figures as they were drawn before orbitfilm drew its own SVG: matplotlib.

Kept only as the peer of ``bench/report.py`` (matplotlib is not a dependency of orbitfilm):
the world map, the timeline and the beta chart of a day, drawn with matplotlib's SVG backend
exactly as orbitfilm 0.1 did (orbitfilm/report/figures.py, maps.py and timeline.py at commit
4aa9488), so that the benchmark compares the two renderers on the same plan in one run.
"""

from __future__ import annotations

import io
import re

import numpy as np

from orbitfilm.intervals import daily_intervals
from orbitfilm.report.dood import entry_people
from orbitfilm.report.formatting import gmt_clock, long_date, scene_label, short_date
from orbitfilm.report.geo import land_outlines
from orbitfilm.report.plan_json import intervals_of
from orbitfilm.report.stripboard import STRIP_COLOURS, strip_kind
from orbitfilm.times import DAY_S, HOUR_S, parse_iso

# Colours the figures share with the stripboard's meaning of light.
LIT_COLOUR = "#e0a100"
DARK_COLOUR = "#1f2a5a"
NIGHT_BAND = "#2d2466"
SUNRISE_BAND = "#f8bbd0"
SUNSET_BAND = "#ffb74d"
CONTACT_COLOUR = "#2e7d32"
LAND_COLOUR = "#e3e0d6"
SEA_COLOUR = "#f2f7fb"

_STYLE = {
    "svg.fonttype": "none",        # text stays text: smaller, searchable, selectable
    "svg.hashsalt": "orbitfilm",   # the same plan draws the same ids every time
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def style():
    """Return a context in which figures take the report's style (draw inside it)."""
    import matplotlib

    return matplotlib.rc_context(_STYLE)


def new_figure(width_in: float, height_in: float):
    """Return a figure and its axes, without pyplot (no global state, no GUI backend)."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width_in, height_in))
    return figure, figure.add_subplot()


def svg_markup(figure, prefix: str, title: str) -> str:
    """Return the figure as an ``<svg>`` element for inlining, ids prefixed, titled."""
    import matplotlib

    buffer = io.StringIO()
    with matplotlib.rc_context({**_STYLE, "svg.hashsalt": prefix}):
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = buffer.getvalue()
    text = text[text.index("<svg"):]
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.S)
    text = re.sub(r'\bid="([^"]+)"', rf'id="{prefix}-\1"', text)
    text = re.sub(r'url\(#([^)]+)\)', rf'url(#{prefix}-\1)', text)
    text = re.sub(r'xlink:href="#([^"]+)"', rf'xlink:href="#{prefix}-\1"', text)
    text = re.sub(r'href="#([^"]+)"', lambda m: m.group(0) if m.group(1).startswith(prefix)
                  else f'href="#{prefix}-{m.group(1)}"', text)
    text = re.sub(r' d="([^"]*)"', _rounded_path, text)
    # Drop the fixed size in points: the viewBox stays, and CSS sizes the figure.
    text = re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"', r'<svg\1', text, count=1)
    return text.replace("<svg", f'<svg role="img" aria-label="{_attr(title)}"', 1)


def _rounded_path(match) -> str:
    """Return a path's data to 0.1 pt (0.04 mm), repeated line-tos implied: a third the bytes."""
    out, previous = [], ""
    for token in re.findall(r"[A-Za-z]|-?\d+(?:\.\d+)?(?:e-?\d+)?", match.group(1)):
        if token.isalpha():
            # After a move-to or line-to, more coordinates are line-tos without the letter.
            if not (token == "L" and previous in ("M", "L")):
                out.append(token)
            previous = token
        else:
            out.append(f"{float(token):.1f}".rstrip("0").rstrip("."))
    return ' d="' + " ".join(out) + '"'


def _attr(text: str) -> str:
    from html import escape

    return escape(text, quote=True)



# The ISS never flies beyond 51.6 deg of latitude: the map keeps a margin and drops the poles.
LAT_LIMITS_DEG = (-62.0, 75.0)


def track_arrays(document: dict, day: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the day's sub-point times (s), latitudes and longitudes (deg)."""
    track = document["ground_track"][day["date"]]
    points = np.asarray(track["lat_lon_deg"], dtype=float).reshape(-1, 2)
    times_s = np.linspace(parse_iso(track["start"]), parse_iso(track["end"]), len(points))
    return times_s, points[:, 0], points[:, 1]


def broken_line(lat_deg: np.ndarray, lon_deg: np.ndarray, keep=None):
    """Return x, y for one polyline, broken (NaN) where the track wraps or ``keep`` is false.

    A step across the antimeridian (more than 180 deg of longitude) would streak across the
    whole map; so would joining two runs that are not drawn together.
    """
    lon = np.asarray(lon_deg, dtype=float)
    lat = np.asarray(lat_deg, dtype=float)
    keep = np.ones(len(lon), dtype=bool) if keep is None else np.asarray(keep, dtype=bool)
    lon, lat = np.where(keep, lon, np.nan), np.where(keep, lat, np.nan)
    jumps = np.flatnonzero(np.abs(np.diff(lon_deg)) > 180.0) + 1
    return np.insert(lon, jumps, np.nan), np.insert(lat, jumps, np.nan)


def _draw_world(axes, lon_limits=(-180.0, 180.0), lat_limits=LAT_LIMITS_DEG) -> None:
    """Draw the land inside the limits (only the outlines that reach into them)."""
    from matplotlib.collections import PolyCollection

    rings = [ring for ring in land_outlines()
             if ring[:, 0].max() >= lon_limits[0] and ring[:, 0].min() <= lon_limits[1]
             and ring[:, 1].max() >= lat_limits[0] and ring[:, 1].min() <= lat_limits[1]]
    axes.set_facecolor(SEA_COLOUR)
    axes.add_collection(PolyCollection(rings, facecolors=LAND_COLOUR, edgecolors="#c9c3b3",
                                       linewidths=0.3))
    axes.set_xlim(*lon_limits)
    axes.set_ylim(*lat_limits)
    axes.set_aspect("equal")
    if lon_limits == (-180.0, 180.0):
        axes.set_xticks(np.arange(-180, 181, 60))
        axes.set_yticks([-60, -30, 0, 30, 60])
    axes.tick_params(labelsize=7, length=2)
    axes.grid(color="#ffffff", linewidth=0.5)
    for side in ("top", "right"):
        axes.spines[side].set_visible(True)


def _draw_track(axes, document: dict, day: dict) -> None:
    times_s, lat, lon = track_arrays(document, day)
    axes.plot(*broken_line(lat, lon), color="#9aa3b5", linewidth=0.4, alpha=0.7)
    # The shooting period: lit and dark stretches in their own colours. A sample starts the
    # stretch to the next one, so each run also takes the sample after it.
    call_s, wrap_s = parse_iso(day["call"]), parse_iso(day["wrap"])
    shooting = (times_s >= call_s - 60.0) & (times_s <= wrap_s + 60.0)
    lit = intervals_of(document, "sunlit").contains(times_s)
    for state, colour in ((True, LIT_COLOUR), (False, DARK_COLOUR)):
        mine = shooting & (lit == state)
        mine[1:] |= mine[:-1] & shooting[1:]
        axes.plot(*broken_line(lat, lon, mine), color=colour, linewidth=1.6)


def _draw_scenes(axes, document: dict, day: dict) -> None:
    times_s, lat, lon = track_arrays(document, day)
    unwrapped = np.degrees(np.unwrap(np.radians(lon)))
    for entry in (e for e in document["scenes"] if e["day"] == day["number"]):
        start_s, end_s = parse_iso(entry["shoot_start"]), parse_iso(entry["end"])
        when = np.linspace(start_s, end_s, max(2, int((end_s - start_s) / 30) + 1))
        scene_lat = np.interp(when, times_s, lat)
        scene_lon = (np.interp(when, times_s, unwrapped) + 180.0) % 360.0 - 180.0
        background, _ = STRIP_COLOURS[strip_kind(entry["int_ext"], entry["time_of_day"])]
        x, y = broken_line(scene_lat, scene_lon)
        axes.plot(x, y, color="#111111", linewidth=5.0, solid_capstyle="round")
        axes.plot(x, y, color=background, linewidth=3.4, solid_capstyle="round")
        middle = len(when) // 2
        axes.annotate(f"Sc {scene_label(entry)}", (scene_lon[middle], scene_lat[middle]),
                      xytext=(0, 7), textcoords="offset points", ha="center", fontsize=7.5,
                      fontweight="bold", gid=f"scene-{entry['id']}",
                      bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                            "alpha": 0.8})


def _draw_stations(axes, document: dict) -> None:
    for ident, (lat, lon) in document["environment"].get("station_positions", {}).items():
        axes.plot([lon], [lat], marker="^", color=CONTACT_COLOUR, markersize=5)
        axes.annotate(ident, (lon, lat), xytext=(4, -9), textcoords="offset points",
                      fontsize=6.5, color=CONTACT_COLOUR)


def _draw_places(axes, document: dict, day: dict) -> None:
    """Mark the ground locations of a ground day's scenes."""
    places = {loc["id"]: loc for loc in document["production"]["locations"]}
    for entry in (e for e in document["scenes"] if e["day"] == day["number"]):
        place = places.get(entry["location"])
        if place and place["lat_deg"] is not None:
            axes.plot([place["lon_deg"]], [place["lat_deg"]], marker="o", color="#c62828",
                      markersize=6, markeredgecolor="white")
            axes.annotate(f"Sc {entry['id']}: {place['name']}",
                          (place["lon_deg"], place["lat_deg"]), xytext=(6, 4),
                          textcoords="offset points", fontsize=7.5, fontweight="bold")


def _legend(axes) -> None:
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], color=LIT_COLOUR, lw=1.6, label="station in sunlight"),
               Line2D([], [], color=DARK_COLOUR, lw=1.6, label="station in Earth's shadow"),
               Line2D([], [], color="#9aa3b5", lw=0.6, label="rest of the day"),
               Line2D([], [], color=CONTACT_COLOUR, marker="^", lw=0, label="ground station")]
    axes.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.07), ncol=4,
                fontsize=7, frameon=False)


def place_limits(document: dict, day: dict) -> tuple[tuple[float, float], tuple[float, float]]:
    """Return the longitude and latitude limits of a regional map around a day's locations."""
    places = {loc["id"]: loc for loc in document["production"]["locations"]}
    points = [(places[e["location"]]["lon_deg"], places[e["location"]]["lat_deg"])
              for e in document["scenes"] if e["day"] == day["number"]
              and places.get(e["location"], {}).get("lat_deg") is not None]
    if not points:
        return (-180.0, 180.0), LAT_LIMITS_DEG
    lon, lat = np.array(points).T
    # 70 degrees of longitude at least around the places: the region, not the street; at
    # that scale the drawing outlines' 0.4 deg simplification stays under a few points.
    middle_lon, middle_lat = (lon.min() + lon.max()) / 2, (lat.min() + lat.max()) / 2
    half_lon = max(35.0, (lon.max() - lon.min()) / 2 + 8.0)
    half_lat = max(half_lon * 0.4, (lat.max() - lat.min()) / 2 + 4.0)
    return ((middle_lon - half_lon, middle_lon + half_lon),
            (max(-85.0, middle_lat - half_lat), min(85.0, middle_lat + half_lat)))


def day_map_svg(document: dict, day: dict) -> str:
    """Return the day's map as inline SVG: the world with the track aboard, or the region of
    a ground day's locations."""
    with style():
        ground = day["kind"] == "ground" or day["date"] not in document["ground_track"]
        figure, axes = new_figure(*((7.0, 3.4) if ground else (10.0, 4.6)))
        if ground:
            _draw_world(axes, *place_limits(document, day))
            _draw_places(axes, document, day)
            what = "where the ground unit shoots"
        else:
            _draw_world(axes)
            _draw_track(axes, document, day)
            _draw_stations(axes, document)
            _draw_scenes(axes, document, day)
            _legend(axes)
            what = (f"ground track {gmt_clock(parse_iso(day['call']))}\u2013"
                    f"{gmt_clock(parse_iso(day['wrap']))} GMT")
        title = f"Day {day['number']}, {long_date(day['date'])}: {what}"
        axes.set_title(title, fontsize=9.5, loc="left")
        if ground:
            figure.subplots_adjust(left=0.06, right=0.99, top=0.92, bottom=0.08)
        else:
            figure.subplots_adjust(left=0.04, right=0.99, top=0.93, bottom=0.13)
        return svg_markup(figure, f"map{day['number']}", title)



MARGIN_S = 30 * 60.0
BLOCK_GREY = "#c7cbd3"


def _window_s(day: dict) -> tuple[float, float]:
    """Return the stretch of the day the timeline shows: call to wrap, with a margin."""
    return parse_iso(day["call"]) - MARGIN_S, parse_iso(day["wrap"]) + MARGIN_S


def _hours(seconds, midnight_s: float):
    return (np.asarray(seconds, dtype=float) - midnight_s) / HOUR_S


def _bars(intervals, midnight_s: float) -> list[tuple[float, float]]:
    return [((a - midnight_s) / HOUR_S, (b - a) / HOUR_S) for a, b in intervals]


def rows_of(document: dict, day: dict) -> tuple[list[str], list[str], list[str]]:
    """Return the timeline's rows: contact stations, people, modules (top to bottom)."""
    entries = [e for e in document["scenes"] if e["day"] == day["number"]]
    people = list(dict.fromkeys(p for e in entries for p in entry_people(document, e)))
    modules = list(dict.fromkeys(e["location"] for e in entries))
    return list(document["environment"]["stations"]), people, modules


def _light_bands(axes, document: dict, window_s, midnight_s: float, edge_s: float) -> None:
    umbra = intervals_of(document, "umbra").clip(*window_s)
    axes.broken_barh(_bars(umbra, midnight_s), (-1, 1000), color=NIGHT_BAND, alpha=0.22,
                     linewidth=0)
    rises = [parse_iso(t) for t in document["environment"]["orbital_sunrises"]]
    sets = [parse_iso(t) for t in document["environment"]["orbital_sunsets"]]
    axes.broken_barh([((t - midnight_s) / HOUR_S, edge_s / HOUR_S) for t in rises],
                     (-1, 1000), color=SUNRISE_BAND, alpha=0.6, linewidth=0)
    axes.broken_barh([((t - edge_s - midnight_s) / HOUR_S, edge_s / HOUR_S) for t in sets],
                     (-1, 1000), color=SUNSET_BAND, alpha=0.5, linewidth=0)


def _person_blocks(document: dict, person_id: str, window_s, midnight_s: float):
    """Return a person's crew-day blocks and duties in the window, as bars."""
    person = {p["id"]: p for p in document["production"]["people"]}.get(person_id)
    if person is None or not person["aboard"]:
        return []
    crew_day = document["production"]["mission"]["crew_day"]
    dailies = [f"{crew_day['sleep']}-{crew_day['wake']}", *(b["daily"] for b in
                                                            crew_day["blocks"]),
               *person["exercise"], *(d["daily"] for d in person["duties"] if d["daily"])]
    busy = daily_intervals(dailies, window_s)
    fixed = [(parse_iso(d["start"]), parse_iso(d["end"])) for d in person["duties"]
             if d["start"] and d["end"]]
    if fixed:

        from orbitfilm.intervals import IntervalSet

        busy = busy.union(IntervalSet.from_pairs(fixed, window_s))
    return _bars(busy, midnight_s)


def _scene_bars(axes, document: dict, entry: dict, y: float, midnight_s: float) -> None:
    start, shoot, end = (parse_iso(entry[k]) for k in ("start", "shoot_start", "end"))
    background, ink = STRIP_COLOURS[strip_kind(entry["int_ext"], entry["time_of_day"])]
    if shoot > start:
        axes.broken_barh([((start - midnight_s) / HOUR_S, (shoot - start) / HOUR_S)],
                         (y - 0.32, 0.64), facecolor="white", edgecolor="#555555",
                         hatch="////", linewidth=0.5)
    axes.broken_barh([((shoot - midnight_s) / HOUR_S, (end - shoot) / HOUR_S)],
                     (y - 0.38, 0.76), facecolor=background, edgecolor="#111111", linewidth=0.8)
    axes.text(((shoot + end) / 2 - midnight_s) / HOUR_S, y, scene_label(entry), ha="center",
              va="center", fontsize=6.5, color=ink)


def _draw_rows(axes, document: dict, day: dict, labels: list[str], window_s,
               midnight_s: float) -> None:
    stations, people, modules = rows_of(document, day)
    names = {p["id"]: p["name"] for p in document["production"]["people"]}
    entries = [e for e in document["scenes"] if e["day"] == day["number"]]
    for row, station in enumerate(stations):
        windows = intervals_of(document, f"contact:{station}").clip(*window_s)
        axes.broken_barh(_bars(windows, midnight_s), (row - 0.3, 0.6), color=CONTACT_COLOUR)
        labels.append(f"contact {station}")
    for offset, person_id in enumerate(people, start=len(stations)):
        axes.broken_barh(_person_blocks(document, person_id, window_s, midnight_s),
                         (offset - 0.25, 0.5), color=BLOCK_GREY, linewidth=0)
        for entry in (e for e in entries if person_id in entry_people(document, e)):
            _scene_bars(axes, document, entry, offset, midnight_s)
        labels.append(names.get(person_id, person_id))
    for offset, module in enumerate(modules, start=len(stations) + len(people)):
        for entry in (e for e in entries if e["location"] == module):
            _scene_bars(axes, document, entry, offset, midnight_s)
        labels.append(f"module {module}")


def day_timeline_svg(document: dict, day: dict) -> str:
    """Return the timeline of one orbital shooting day as inline SVG."""
    window_s = _window_s(day)
    midnight_s = parse_iso(day["date"])
    stations, people, modules = rows_of(document, day)
    count = len(stations) + len(people) + len(modules)
    edge_s = document["production"]["sunrise_sunset_min"] * 60.0
    with style():
        figure, axes = new_figure(10.0, 0.9 + 0.27 * count)
        _light_bands(axes, document, window_s, midnight_s, edge_s)
        labels: list[str] = []
        _draw_rows(axes, document, day, labels, window_s, midnight_s)
        axes.set_yticks(range(count), labels, fontsize=7.5)
        axes.set_ylim(count - 0.5, -0.5)
        low, high = _hours(window_s, midnight_s)
        axes.set_xlim(low, high)
        ticks = np.arange(np.ceil(low), np.floor(high) + 1)
        axes.set_xticks(ticks, [f"{int(t) % 24:02d}:00" for t in ticks], fontsize=7)
        axes.grid(axis="x", color="#ffffff", linewidth=0.6)
        axes.set_axisbelow(True)
        title = f"Day {day['number']}, {long_date(day['date'])}: who and where (GMT)"
        axes.set_title(title, fontsize=9.5, loc="left")
        figure.subplots_adjust(left=0.16, right=0.99, top=1 - 0.3 / (0.9 + 0.27 * count),
                               bottom=0.45 / (0.9 + 0.27 * count))
        return svg_markup(figure, f"timeline{day['number']}", title)


def beta_svg(document: dict) -> str:
    """Return the solar beta angle over the mission, shooting days shaded, as inline SVG."""
    pairs = document["environment"]["beta_deg"]
    times_s = np.array([parse_iso(t) for t, _ in pairs])
    beta = np.array([b for _, b in pairs], dtype=float)
    start_s = times_s[0]
    with style():
        figure, axes = new_figure(10.0, 2.6)
        for day in document["days"]:
            midnight_s = parse_iso(day["date"])
            if start_s - DAY_S <= midnight_s <= times_s[-1]:
                axes.axvspan((midnight_s - start_s) / DAY_S, (midnight_s + DAY_S - start_s) / DAY_S,
                             color="#e3e7ef", linewidth=0)
        axes.plot((times_s - start_s) / DAY_S, beta, color="#2b4c7e", linewidth=1.4)
        axes.axhline(0, color="#888888", linewidth=0.6)
        days = np.arange(0, np.ceil((times_s[-1] - start_s) / DAY_S) + 1)
        axes.set_xticks(days, [short_date(_date_text(start_s + d * DAY_S)) for d in days],
                        fontsize=6.5, rotation=0)
        axes.set_xlim(0, (times_s[-1] - start_s) / DAY_S)
        axes.set_ylabel("beta (deg)")
        # Past arcsin(6378 / (6378 + 420)) = 69.8 deg the Earth's shadow misses a 420 km orbit.
        title = ("Solar beta angle over the mission (shooting days shaded); beyond about "
                 "\u00b170 deg the ISS would see no orbital night")
        axes.set_title(title, fontsize=9.5, loc="left")
        figure.subplots_adjust(left=0.07, right=0.99, top=0.86, bottom=0.14)
        return svg_markup(figure, "beta", title)


def _date_text(seconds: float) -> str:
    from orbitfilm.times import to_datetime

    return to_datetime(seconds).date().isoformat()

