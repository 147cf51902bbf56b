"""A world map per shooting day: the ground track lit and dark, and each scene where it happens.

Plate carrée (longitude and latitude as x and y): the station's track reads as the familiar
sine wave, and no projection library is needed. Land from Natural Earth (see ``geo``). A
ground day gets a regional map of its locations instead.
"""

from __future__ import annotations

import numpy as np

from ..times import parse_iso
from .figures import (AXIS_COLOUR, CONTACT_COLOUR, DARK_COLOUR, INK, LABEL_PX, LAND_COLOUR,
                      LAND_EDGE_COLOUR, LIT_COLOUR, REST_OF_DAY_COLOUR, SEA_COLOUR, TICK_PX,
                      Frame, line, num, path, path_data, rect, svg_markup, text,
                      text_width_px, title_text)
from .formatting import gmt_clock, long_date, scene_label
from .geo import land_path_data
from .labels import Box, leader, place_labels
from .plan_json import intervals_of
from .stripboard import STRIP_COLOURS, strip_kind

# The ISS never flies beyond 51.6 deg of latitude: the map keeps a margin and drops the poles.
LAT_LIMITS_DEG = (-62.0, 75.0)
WORLD_WIDTH_PX = 1000.0
GROUND_WIDTH_PX = 700.0
PLOT_LEFT_PX, PLOT_TOP_PX, PLOT_RIGHT_MARGIN_PX = 46.0, 26.0, 8.0
PLACE_COLOUR = "#c62828"
# What a label covering one point of a scene's line or of a marker costs, in pixels of
# distance from its own point: a label rather moves 40 px than hides a scene.
COVERED_POINT_COST = 40.0
SCENE_EDGE_COLOUR = "#111111"


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


def map_frame(width_px: float, lon_limits, lat_limits) -> Frame:
    """Return the plot area of a map: degrees of longitude and latitude the same size."""
    plot_width_px = width_px - PLOT_LEFT_PX - PLOT_RIGHT_MARGIN_PX
    ratio = (lat_limits[1] - lat_limits[0]) / (lon_limits[1] - lon_limits[0])
    return Frame(PLOT_LEFT_PX, PLOT_TOP_PX, plot_width_px, plot_width_px * ratio,
                 tuple(lon_limits), tuple(lat_limits))


def _tick_step_deg(span_deg: float) -> float:
    """Return a graticule step that gives four to eight lines across a span."""
    return next((step for step in (5.0, 10.0, 20.0, 30.0, 60.0) if span_deg / step <= 8.0),
                90.0)


def _degrees(value: float, positive: str, negative: str) -> str:
    rounded = round(value)
    if rounded == 0 or abs(rounded) == 180:
        return f"{abs(rounded)}\u00b0"
    return f"{abs(rounded)}\u00b0{positive if rounded > 0 else negative}"


def _ticks(low: float, high: float, step: float) -> np.ndarray:
    return np.arange(np.ceil(low / step) * step, high + 1e-9, step)


def graticule(frame: Frame, lon_step_deg: float, lat_step_deg: float) -> list[str]:
    """Return the white grid over the map and the degree labels beside it."""
    parts = []
    for lon in _ticks(*frame.x_limits, lon_step_deg):
        x = float(frame.x(lon))
        parts.append(line(x, frame.top_px, x, frame.bottom_px, stroke="#ffffff",
                          stroke_width=0.7))
        parts.append(text(x, frame.bottom_px + 13.0, _degrees(lon, "E", "W"),
                          text_anchor="middle", fill=AXIS_COLOUR))
    for lat in _ticks(*frame.y_limits, lat_step_deg):
        y = float(frame.y(lat))
        parts.append(line(frame.left_px, y, frame.right_px, y, stroke="#ffffff",
                          stroke_width=0.7))
        parts.append(text(frame.left_px - 4.0, y + TICK_PX * 0.35, _degrees(lat, "N", "S"),
                          text_anchor="end", fill=AXIS_COLOUR))
    return parts


def base_map(frame: Frame, clip_id: str) -> tuple[list[str], list[str]]:
    """Return the sea, the land and the frame's border (parts, and the clip path defs)."""
    land = path(land_path_data(frame), fill=LAND_COLOUR, stroke=LAND_EDGE_COLOUR,
                stroke_width=0.5, stroke_linejoin="round")
    return ([rect(frame.left_px, frame.top_px, frame.width_px, frame.height_px,
                  fill=SEA_COLOUR),
             f'<g clip-path="url(#{clip_id})">{land}</g>'], [frame.clip_path(clip_id)])


def frame_border(frame: Frame) -> str:
    return rect(frame.left_px, frame.top_px, frame.width_px, frame.height_px, fill="none",
                stroke=AXIS_COLOUR, stroke_width=0.8)


def _track_paths(frame: Frame, document: dict, day: dict) -> list[str]:
    """Return the day's ground track: grey, then the shooting hours lit and dark."""
    times_s, lat, lon = track_arrays(document, day)
    x, y = broken_line(lat, lon)
    parts = [path(path_data(frame.x(x), frame.y(y)), fill="none", stroke=REST_OF_DAY_COLOUR,
                  stroke_width=0.9, stroke_opacity=0.75)]
    # The shooting period: lit and dark stretches in their own colours. A sample starts the
    # stretch to the next one, so each run also takes the sample after it.
    call_s, wrap_s = parse_iso(day["call"]), parse_iso(day["wrap"])
    shooting = (times_s >= call_s - 60.0) & (times_s <= wrap_s + 60.0)
    lit = intervals_of(document, "sunlit").contains(times_s)
    for state, colour in ((True, LIT_COLOUR), (False, DARK_COLOUR)):
        mine = shooting & (lit == state)
        mine[1:] |= mine[:-1] & shooting[1:]
        x, y = broken_line(lat, lon, mine)
        parts.append(path(path_data(frame.x(x), frame.y(y)), fill="none", stroke=colour,
                          stroke_width=2.2, stroke_linejoin="round"))
    return parts


def _scene_lines(document: dict, day: dict) -> list[tuple[dict, np.ndarray, np.ndarray]]:
    """Return each orbital scene of the day with the sub-points (lat, lon) it is shot over."""
    times_s, lat, lon = track_arrays(document, day)
    unwrapped = np.degrees(np.unwrap(np.radians(lon)))
    found = []
    for entry in (e for e in document["scenes"]
                  if e["day"] == day["number"] and e["kind"] == "orbital"):
        start_s, end_s = parse_iso(entry["shoot_start"]), parse_iso(entry["end"])
        when = np.linspace(start_s, end_s, max(2, int((end_s - start_s) / 30) + 1))
        scene_lon = (np.interp(when, times_s, unwrapped) + 180.0) % 360.0 - 180.0
        found.append((entry, np.interp(when, times_s, lat), scene_lon))
    return found


def _scene_paths(frame: Frame, scenes) -> list[str]:
    """Return each scene as a thick line in its strip colour, outlined in black."""
    parts = []
    for entry, lat, lon in scenes:
        background, _ = STRIP_COLOURS[strip_kind(entry["int_ext"], entry["time_of_day"])]
        x, y = broken_line(lat, lon)
        data = path_data(frame.x(x), frame.y(y))
        round_ends = {"fill": "none", "stroke_linecap": "round", "stroke_linejoin": "round"}
        parts.append(path(data, stroke=SCENE_EDGE_COLOUR, stroke_width=6.5, **round_ends))
        parts.append(path(data, stroke=background, stroke_width=4.2, **round_ends))
    return parts


def _station_marker(x_px: float, y_px: float) -> str:
    return (f'<path d="M{num(x_px)} {num(y_px - 4.5)}l4.2 7.5h-8.4z" '
            f'fill="{CONTACT_COLOUR}"/>')


def _label(box: Box, words: str, *, bold: bool, colour: str, size_px: float) -> str:
    """Return a label's white backing and its words, centred in its box."""
    backing = rect(box.left_px, box.top_px, box.width_px, box.height_px, rx=2.0,
                   fill="#ffffff", fill_opacity=0.85)
    words_svg = text(box.left_px + box.width_px / 2.0, box.top_px + box.height_px / 2.0
                     + size_px * 0.36, words, text_anchor="middle", font_size=size_px,
                     font_weight="bold" if bold else None, fill=colour)
    return f'<g class="map-label">{backing}{words_svg}</g>'


def _labels(frame: Frame, items: list[dict], obstacles: np.ndarray) -> list[str]:
    """Return the labels of a map placed so that none overlaps another or leaves the map.

    ``items`` hold ``words``, ``x``, ``y`` (px), ``bold``, ``colour`` and ``size``, most
    important first.
    """
    sizes = [(text_width_px(i["words"], i["size"], i["bold"]) + 5.0, i["size"] + 5.0)
             for i in items]
    bounds = Box(frame.left_px + 1, frame.top_px + 1, frame.width_px - 2, frame.height_px - 2)
    boxes = place_labels([(i["x"], i["y"]) for i in items], sizes, bounds, obstacles)
    leaders = [leader(box, i["x"], i["y"], i["colour"]) for box, i in zip(boxes, items)]
    words = [_label(box, i["words"], bold=i["bold"], colour=i["colour"], size_px=i["size"])
             for box, i in zip(boxes, items)]
    return leaders + words


def _scene_items(frame: Frame, scenes) -> tuple[list[dict], np.ndarray]:
    """Return the scenes' labels (at each scene's middle) and the points of their lines."""
    items, points = [], []
    for entry, lat, lon in scenes:
        x_px, y_px = frame.x(lon), frame.y(lat)
        middle = len(lat) // 2
        items.append({"words": f"Sc {scene_label(entry)}", "x": float(x_px[middle]),
                      "y": float(y_px[middle]), "bold": True, "colour": INK,
                      "size": LABEL_PX})
        points.append(np.column_stack((x_px, y_px, np.full(len(x_px), COVERED_POINT_COST))))
    return items, (np.concatenate(points) if points else np.zeros((0, 3)))


def _station_items(frame: Frame, document: dict) -> tuple[list[str], list[dict]]:
    markers, items = [], []
    for ident, (lat, lon) in document["environment"].get("station_positions", {}).items():
        x_px, y_px = float(frame.x(lon)), float(frame.y(lat))
        markers.append(_station_marker(x_px, y_px))
        items.append({"words": ident, "x": x_px, "y": y_px, "bold": False,
                      "colour": CONTACT_COLOUR, "size": TICK_PX})
    return markers, items


def _marker_obstacles(items: list[dict], radius_px: float = 3.0) -> np.ndarray:
    """Return points over each labelled marker that no other label should cover."""
    offsets = np.linspace(-radius_px, radius_px, 3)
    return np.array([(i["x"] + dx, i["y"] + dy, COVERED_POINT_COST) for i in items
                     for dx in offsets for dy in offsets]).reshape(-1, 3)


def _legend(width_px: float, y_px: float) -> list[str]:
    """Return the key under a world map, centred."""
    entries = [("line", LIT_COLOUR, "station in sunlight"),
               ("line", DARK_COLOUR, "station in Earth's shadow"),
               ("line", REST_OF_DAY_COLOUR, "rest of the day"),
               ("scene", "#ffffff", "a scene, in its strip colour"),
               ("marker", CONTACT_COLOUR, "ground station")]
    widths = [28.0 + text_width_px(words, TICK_PX) + 22.0 for _, _, words in entries]
    x = (width_px - sum(widths)) / 2.0
    parts = []
    for (kind, colour, words), width in zip(entries, widths):
        if kind == "marker":
            parts.append(_station_marker(x + 11.0, y_px - 1.0))
        elif kind == "scene":
            parts.append(line(x + 2, y_px, x + 20, y_px, stroke=SCENE_EDGE_COLOUR,
                              stroke_width=6.5, stroke_linecap="round"))
            parts.append(line(x + 2, y_px, x + 20, y_px, stroke=colour, stroke_width=4.2,
                              stroke_linecap="round"))
        else:
            parts.append(line(x, y_px, x + 22, y_px, stroke=colour, stroke_width=2.2))
        parts.append(text(x + 28.0, y_px + TICK_PX * 0.35, words, fill=INK))
        x += width
    return parts


def world_map_svg(document: dict, day: dict) -> str:
    """Return the world map of a day aboard: the track, the scenes, the ground stations."""
    prefix = f"map{day['number']}"
    frame = map_frame(WORLD_WIDTH_PX, (-180.0, 180.0), LAT_LIMITS_DEG)
    parts, defs = base_map(frame, f"{prefix}-clip")
    parts += graticule(frame, 60.0, 30.0)
    parts += _track_paths(frame, document, day)
    markers, station_items = _station_items(frame, document)
    scenes = _scene_lines(document, day)
    parts += markers + _scene_paths(frame, scenes)
    scene_items, obstacles = _scene_items(frame, scenes)
    obstacles = np.concatenate([obstacles, _marker_obstacles(station_items)])
    parts += _labels(frame, scene_items + station_items, obstacles)
    parts.append(frame_border(frame))
    title = (f"Day {day['number']}, {long_date(day['date'])}: ground track "
             f"{gmt_clock(parse_iso(day['call']))}\u2013{gmt_clock(parse_iso(day['wrap']))} GMT")
    parts += _legend(WORLD_WIDTH_PX, frame.bottom_px + 33.0)
    return svg_markup(WORLD_WIDTH_PX, frame.bottom_px + 44.0, title,
                      [title_text(title, frame.left_px)] + parts, defs)


def place_limits(document: dict, day: dict) -> tuple[tuple[float, float], tuple[float, float]]:
    """Return the longitude and latitude limits of a regional map around a day's locations."""
    points = [(place["lon_deg"], place["lat_deg"]) for place, _ in _places(document, day)]
    if not points:
        return (-180.0, 180.0), LAT_LIMITS_DEG
    lon, lat = np.array(points).T
    # 70 degrees of longitude at least around the places: the region, not the street; at
    # that scale the drawing outlines' 0.4 deg simplification stays under a few pixels.
    middle_lon, middle_lat = (lon.min() + lon.max()) / 2, (lat.min() + lat.max()) / 2
    half_lon = max(35.0, (lon.max() - lon.min()) / 2 + 8.0)
    half_lat = max(half_lon * 0.4, (lat.max() - lat.min()) / 2 + 4.0)
    return ((middle_lon - half_lon, middle_lon + half_lon),
            (max(-85.0, middle_lat - half_lat), min(85.0, middle_lat + half_lat)))


def _places(document: dict, day: dict) -> list[tuple[dict, list[dict]]]:
    """Return the day's ground locations that have a position, each with its scenes."""
    places = {loc["id"]: loc for loc in document["production"]["locations"]}
    found: dict[str, list[dict]] = {}
    for entry in (e for e in document["scenes"] if e["day"] == day["number"]):
        place = places.get(entry["location"])
        if place and place.get("lat_deg") is not None:
            found.setdefault(place["id"], []).append(entry)
    return [(places[ident], entries) for ident, entries in found.items()]


def ground_map_svg(document: dict, day: dict) -> str:
    """Return the regional map of a ground day: each location with the scenes shot there."""
    prefix = f"map{day['number']}"
    lon_limits, lat_limits = place_limits(document, day)
    frame = map_frame(GROUND_WIDTH_PX, lon_limits, lat_limits)
    parts, defs = base_map(frame, f"{prefix}-clip")
    parts += graticule(frame, _tick_step_deg(lon_limits[1] - lon_limits[0]),
                       _tick_step_deg(lat_limits[1] - lat_limits[0]))
    items = []
    for place, entries in _places(document, day):
        x_px, y_px = float(frame.x(place["lon_deg"])), float(frame.y(place["lat_deg"]))
        parts.append(f'<circle cx="{num(x_px)}" cy="{num(y_px)}" r="4.5" '
                     f'fill="{PLACE_COLOUR}" stroke="#ffffff" stroke-width="1.2"/>')
        scenes = ", ".join(scene_label(e) for e in entries)
        items.append({"words": f"Sc {scenes}: {place['name']}", "x": x_px, "y": y_px,
                      "bold": True, "colour": INK, "size": LABEL_PX})
    parts += _labels(frame, items, _marker_obstacles(items))
    parts.append(frame_border(frame))
    title = f"Day {day['number']}, {long_date(day['date'])}: where the ground unit shoots"
    return svg_markup(GROUND_WIDTH_PX, frame.bottom_px + 20.0, title,
                      [title_text(title, frame.left_px)] + parts, defs)


def day_map_svg(document: dict, day: dict) -> str:
    """Return the day's map as inline SVG: the world with the track aboard, or the region of
    a ground day's locations."""
    if day["kind"] == "ground" or day["date"] not in document["ground_track"]:
        return ground_map_svg(document, day)
    return world_map_svg(document, day)
