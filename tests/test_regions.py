"""Regions: countries from Natural Earth and GeoJSON polygons, checked with skyfield sub-points."""

from __future__ import annotations

import json

import numpy as np
import pytest
from skyfield.api import EarthSatellite, wgs84

from orbitfilm.errors import InputError
from orbitfilm.orbit.environment import compute_environment
from orbitfilm.orbit.regions import country, region_from_geojson
from orbitfilm.times import parse_iso, to_skyfield


def test_countries_by_alpha2_and_alpha3():
    # Moscow (55.756 N, 37.617 E) and Baikonur (45.96 N, 63.31 E) from their gazetteer entries.
    russia, kazakhstan = country("RU"), country("KAZ")
    assert russia.name == "Russia" and kazakhstan.name == "Kazakhstan"
    assert russia.contains([55.756], [37.617])[0] and not russia.contains([48.857], [2.352])[0]
    assert kazakhstan.contains([45.96], [63.31])[0]
    # Chukotka reaches across the antimeridian: 67 N 175 W (by Vankarem) is Russian too.
    assert russia.contains([67.0], [-175.0])[0]


def test_unknown_country_says_what_would_work():
    with pytest.raises(InputError, match="ISO 3166 alpha-2 or alpha-3"):
        country("XX")


def test_geojson_box_against_skyfield_subpoints(tmp_path, iss_elements):
    # A box 40-60 N, 30-60 E. Independent check: skyfield's wgs84 sub-point every 5 s with a
    # plain latitude/longitude comparison (no shapely). Samples more than 1 s from a
    # boundary must agree exactly with our intervals.
    box = {"type": "Feature", "properties": {"name": "Box"},
           "geometry": {"type": "Polygon",
                        "coordinates": [[[30, 40], [60, 40], [60, 60], [30, 60], [30, 40]]]}}
    path = tmp_path / "box.geojson"
    path.write_text(json.dumps(box))
    region = region_from_geojson("box", path)
    start_s, end_s = parse_iso("2021-10-06T00:00:00Z"), parse_iso("2021-10-07T00:00:00Z")
    env = compute_environment(iss_elements, start_s, end_s, regions=[region])
    passes = env.intervals["over:box"]
    assert len(passes) >= 3 and region.name == "Box"
    samples_s = np.arange(start_s, end_s, 5.0)
    satellite = EarthSatellite.from_satrec(iss_elements.set_at(start_s).satrec,
                                           to_skyfield(start_s).ts)
    subpoint = wgs84.subpoint_of(satellite.at(to_skyfield(samples_s)))
    lat, lon = subpoint.latitude.degrees, subpoint.longitude.degrees
    inside = (lat > 40) & (lat < 60) & (lon > 30) & (lon < 60)
    edges = np.concatenate((passes.starts_s, passes.ends_s))
    clear = np.abs(samples_s[:, None] - edges[None, :]).min(axis=1) > 1.0
    assert (passes.contains(samples_s)[clear] == inside[clear]).all()


def test_broken_geojson_names_the_file(tmp_path):
    path = tmp_path / "bad.geojson"
    path.write_text('{"type": "Feature",\n "geometry": }')
    with pytest.raises(InputError) as caught:
        region_from_geojson("bad", path)
    assert str(caught.value).startswith(f"{path}:2: not valid JSON")
    path.write_text('{"type": "Point", "coordinates": [1, 2]}')
    with pytest.raises(InputError, match="no Polygon or MultiPolygon"):
        region_from_geojson("bad", path)
