"""A world map per shooting day: the ground track lit and dark, and each scene where it happens.

Plate carrée (longitude and latitude as x and y): the station's track reads as the familiar
sine wave, and no projection library is needed. Land from Natural Earth (see ``geo``).
"""

from __future__ import annotations

import numpy as np

from ..times import parse_iso
from .figures import (CONTACT_COLOUR, DARK_COLOUR, LAND_COLOUR, LIT_COLOUR, SEA_COLOUR,
                      new_figure, style, svg_markup)
from .formatting import gmt_clock, long_date, scene_label
from .geo import land_outlines
from .plan_json import intervals_of
from .stripboard import STRIP_COLOURS, strip_kind

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
