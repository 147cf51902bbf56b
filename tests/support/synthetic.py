"""Made-up environments and random productions, for the tests and the benchmark.

``environment_from_pairs`` builds an ``Environment`` from hand-written intervals, so that a
toy production's optimum can be worked out on paper. ``random_production`` writes a
production of N orbital scenes over D days (TOML text, then loaded as a person's file
would be), with the ISS's real orbit or a regular made-up one.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import numpy as np

from orbitfilm.intervals import IntervalSet
from orbitfilm.orbit.environment import Environment
from orbitfilm.production.loader import parse_production
from orbitfilm.times import MINUTE_S, format_iso

# A regular stand-in for the ISS orbit: 92.9 min period, 36 min of umbra, 8 s of penumbra
# either side (the ISS's typical figures at low beta angles), the Earth below lit for half
# of each orbit, a 9-minute contact every third orbit and a 6-minute overflight every fourth.
PERIOD_S = 92.9 * MINUTE_S
UMBRA_S = 36.0 * MINUTE_S
PENUMBRA_S = 8.0


def environment_from_pairs(span_s: tuple[float, float], pairs: dict[str, list]):
    """Return an ``Environment`` whose conditions are the given ``[start, end]`` pairs.

    ``umbra`` defaults to none; ``sunlit`` and the full sun are its complement, so that
    ``orbital_day``, ``orbital_night``, sunrise and sunset all derive as usual.
    """
    sets = {name: IntervalSet.from_pairs(value, span_s) for name, value in pairs.items()}
    umbra = sets.setdefault("umbra", IntervalSet.empty(span_s))
    sets.setdefault("penumbra", IntervalSet.empty(span_s))
    sets.setdefault("sunlit", umbra.complement())
    sets.setdefault("earth_lit", IntervalSet.whole(span_s))
    sets.setdefault("orbital_day", sets["sunlit"].difference(sets["penumbra"]))
    return Environment(span_s=span_s, intervals=sets, beta_times_s=np.empty(0),
                       beta_deg=np.empty(0), elements=None)


def regular_environment(span_s: tuple[float, float], contacts=("tsup",), regions=("RU",)):
    """Return a regular made-up orbit's environment over a span (see the module constants)."""
    orbits = np.arange(span_s[0], span_s[1] + PERIOD_S, PERIOD_S)
    umbra = np.stack((orbits, orbits + UMBRA_S), axis=1)
    penumbra = np.concatenate((np.stack((orbits - PENUMBRA_S, orbits), axis=1),
                               np.stack((orbits + UMBRA_S, orbits + UMBRA_S + PENUMBRA_S), 1)))
    lit = np.stack((orbits + 0.3 * PERIOD_S, orbits + 0.8 * PERIOD_S), axis=1)
    pairs = {"umbra": umbra, "penumbra": penumbra, "earth_lit": lit}
    for number, station in enumerate(contacts):
        start = orbits[number::3] + 0.5 * PERIOD_S
        pairs[f"contact:{station}"] = np.stack((start, start + 9 * MINUTE_S), axis=1)
    for number, region in enumerate(regions):
        start = orbits[number::4] + 0.55 * PERIOD_S
        pairs[f"over:{region}"] = np.stack((start, start + 6 * MINUTE_S), axis=1)
    return environment_from_pairs(span_s, pairs)


# -- random productions -------------------------------------------------------------------

MODULES = ("cupola", "zvezda", "destiny", "harmony", "soyuz", "kibo")
LIGHTS = ("night", "day", "sunrise", "sunset", "any", "any", "any")


def random_production_text(scenes: int, days: int, seed: int = 0, *, people: int = 6,
                           docking: str = "2021-10-05T12:22:31Z", contacts=("tsup",),
                           splittable_share: float = 0.1,
                           after_share: float = 0.1, limit_share: float = 0.3) -> str:
    """Return a production file (TOML) of random orbital scenes over ``days`` days."""
    rng = random.Random(seed)
    start = datetime.fromisoformat(docking.replace("Z", "+00:00"))
    lines = [f'title = "Random production {scenes} scenes {days} days seed {seed}"',
             "[mission]", f"docking = {_toml_time(start)}",
             f"undocking = {_toml_time(start + timedelta(days=days))}", "",
             "[move]", "module_min = 10", "",
             # The benchmark's productions predate the production's default limits: a day
             # and a week of film work a person, no reserve day, leave them as they were.
             "[limits]", "daily_film_min = 1440", "weekly_film_min = 10080",
             "reserve_days = 0", ""]
    lines += ["[[people]]", 'id = "director"', 'name = "The director"',
              'roles = ["director"]', ""]
    people = max(1, min(people, scenes))
    for number in range(people):
        lines += _random_person(rng, number, start, days, limit_share)
    for number in range(scenes):
        lines += _random_scene(rng, number, people, start, days, contacts, splittable_share,
                               after_share)
    return "\n".join(lines) + "\n"


def _toml_time(moment: datetime) -> str:
    return format_iso(moment.timestamp())


def _random_person(rng: random.Random, number: int, start: datetime, days: int,
                   limit_share: float) -> list[str]:
    lines = ["[[people]]", f'id = "p{number}"', f'name = "Person {number}"',
             'roles = ["cast"]', f'aboard = "{rng.choice(["mission", "throughout"])}"']
    if rng.random() < limit_share:
        lines.append(f"daily_film_limit_min = {rng.choice([60, 90, 120])}")
    duties = []
    if rng.random() < 0.5:
        hour = rng.randint(8, 17)
        duties.append(f'{{name = "station duty", daily = "{hour:02d}:00-{hour:02d}:45"}}')
    if rng.random() < 0.5:
        when = start + timedelta(days=rng.uniform(0, days))
        end = min(when + timedelta(hours=rng.randint(2, 8)), start + timedelta(days=days))
        duties.append(f'{{name = "experiment", start = {_toml_time(when)}, '
                      f'end = {_toml_time(end)}}}')
    if duties:
        lines.append(f"duties = [{', '.join(duties)}]")
    return lines + [""]


def _random_scene(rng: random.Random, number: int, people: int, start: datetime, days: int,
                  contacts, splittable_share: float, after_share: float) -> list[str]:
    light = rng.choice(LIGHTS)
    contact = rng.choice(contacts) if contacts and light == "any" and rng.random() < 0.1 \
        else None
    # Short enough for the windows their conditions give (a contact lasts about 9 min).
    longest = 5 if contact else {"night": 30, "day": 45, "sunrise": 9, "sunset": 9}.get(light, 60)
    shoot = rng.randint(3, longest // 5) * 5 if longest >= 15 else rng.randint(3, longest)
    # Everyone cast appears in some scene (a cast member in none is an error in the file).
    chosen = {number % people, *rng.sample(range(people), rng.choice([0, 0, 1, 1, 2]))}
    cast = ", ".join(f'"p{c}"' for c in sorted(chosen))
    lines = ["[[scenes]]", f'id = "s{number}"', f'location = "{rng.choice(MODULES)}"',
             f"cast = [{cast}]", f"shoot_min = {shoot}",
             f"setup_min = {rng.choice([0, 5, 10, 15])}", f'light = "{light}"',
             f"priority = {rng.choice([1, 1, 1, 2, 3])}"]
    if contact:
        lines.append(f'contact = "{contact}"')
    elif light == "any" and rng.random() < 0.3:
        lines.append(f'earth = "{rng.choice(["lit", "dark"])}"')
    if rng.random() < splittable_share and shoot >= 20:
        lines += ["splittable = true", f"min_piece_min = {shoot // 2}"]
    if number and rng.random() < after_share:
        lines.append(f'after = ["s{rng.randrange(number)}"]')
    if rng.random() < 0.05:
        lines.append(f"preferred_days = [{(start + timedelta(days=rng.randrange(days))).date()}]")
    return lines + [""]


def random_production(scenes: int, days: int, seed: int = 0, **options):
    """Return a loaded random production (see ``random_production_text``)."""
    text = random_production_text(scenes, days, seed, **options)
    return parse_production(text, source=f"random-{scenes}-{days}-{seed}.toml")
