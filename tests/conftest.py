"""Shared fixtures: the Challenge mission span, computed once by orbitfilm and by skyfield."""

from __future__ import annotations

from pathlib import Path

import pytest

# Every file the tests read lives in the repository (tests/data/README.md says where each
# comes from), so a clone of the project alone runs the whole suite.
DATA = Path(__file__).resolve().parent / "data"
ISS_TLE = DATA / "iss" / "iss-2020-2022.tle"
TALENT = DATA / "talent"

# The twelve days of the Challenge mission named by the environment issue.
CHALLENGE_START = "2021-10-05T12:00:00Z"
CHALLENGE_END = "2021-10-17T00:00:00Z"
CHALLENGE_STATIONS = ("tsup", "ussuriysk", "white-sands")
CHALLENGE_REGIONS = ("RU", "US")


@pytest.fixture(scope="session")
def iss_elements():
    from orbitfilm.orbit.elements import load_elements

    return load_elements(ISS_TLE)


@pytest.fixture(scope="session")
def challenge_inputs(iss_elements):
    from orbitfilm.orbit.regions import country
    from orbitfilm.orbit.stations import BUNDLED_STATIONS
    from orbitfilm.times import parse_iso

    return dict(elements=iss_elements, start_s=parse_iso(CHALLENGE_START),
                end_s=parse_iso(CHALLENGE_END),
                stations=[BUNDLED_STATIONS[s] for s in CHALLENGE_STATIONS],
                regions=[country(code) for code in CHALLENGE_REGIONS])


@pytest.fixture(scope="session")
def challenge_environment(challenge_inputs):
    from orbitfilm.orbit.environment import compute_environment

    c = challenge_inputs
    return compute_environment(c["elements"], c["start_s"], c["end_s"], c["stations"],
                               c["regions"])


@pytest.fixture(scope="session")
def challenge_reference(challenge_inputs):
    from support.reference import reference_intervals

    c = challenge_inputs
    return reference_intervals(c["elements"], c["start_s"], c["end_s"], c["stations"],
                               c["regions"])


@pytest.fixture(scope="session")
def postgres_server():
    from postgres import Server

    server = Server()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_store(request, tmp_path):
    """An empty store: a SQLite file, or a new database on the suite's PostgreSQL."""
    from orbitfilm.store.db import store_url

    if request.param == "sqlite":
        return store_url(str(tmp_path / "office.db"))
    return request.getfixturevalue("postgres_server").new_database()


@pytest.fixture()
def store(empty_store):
    """A store with this orbitfilm's schema (SQLite, then the suite's PostgreSQL)."""
    from orbitfilm.store.db import make_engine, upgrade

    upgrade(make_engine(empty_store))
    return empty_store


@pytest.fixture(scope="session")
def challenge_planned(tmp_path_factory):
    """The Challenge as planned before launch (``replaying.plan_challenge``), once a session."""
    from replaying import plan_challenge

    return plan_challenge(tmp_path_factory.mktemp("planned"))
