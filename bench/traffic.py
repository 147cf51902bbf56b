"""Time ``check_traffic`` and ``find_slots`` over a synthetic year against naive peers.

Run from the repository root: ``.venv/bin/python bench/traffic.py [--step-min 1] [--every-h 6]``.

The year (2022) is generated deterministically (``random.Random(SEED)``) on the bundled ISS
station: Nauka and Prichal already there, then about forty visits of every kind placed at
random arrivals, each at the first slot ``find_slots`` gives from there on (so the year
keeps every rule), crewed Soyuz moving once mid-stay where a port is free.

Peers, in the same run, on the same traffic:
1. check: a minute-by-minute scan in pure Python (``--step-min``) that evaluates the same
   instant rules (one vehicle per port, port kinds, module ports, people aboard against the
   limit, lifeboat seats per kind) at every step; it must find the same rules broken and
   the same count aboard at every step.
2. slots: re-checking the whole timeline with the visit added for each candidate arrival
   (every ``--every-h`` hours, each port), as a caller without ``find_slots`` would; the
   open intervals must hold the candidates the peer accepts.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from orbitfilm.station import (VEHICLE_KINDS, bundled_traffic, check_traffic,  # noqa: E402
                               find_slots, fit_visit, make_visit)
from orbitfilm.station.traffic import Move, Traffic  # noqa: E402
from orbitfilm.times import DAY_S, parse_iso  # noqa: E402

SEED = 2022
YEAR_START_S = parse_iso("2022-01-01")
YEAR_S = 365 * DAY_S
VISITS = 40
REPEATS = 5
# Kinds by weight, with (shortest, longest) stays in days, as the ISS flew them in 2021-2023.
# Short stays fit more often, so they are drawn less.
MIX = {"progress-ms": (12, (90, 190)), "soyuz-ms": (8, (150, 200)),
       "crew-dragon": (8, (10, 180)), "cargo-dragon": (3, (25, 40)), "cygnus": (3, (60, 100)),
       "starliner": (1, (8, 10))}


def synthetic_year(seed: int = SEED, visits: int = VISITS) -> Traffic:
    """Return the bundled station with its modules and ``visits`` random visits that fit."""
    base = bundled_traffic()
    modules = [v for v in base.visits if v.vehicle == "module"]
    traffic = base.model_copy(update={"visits": modules}).came_from("synthetic-2022")
    rng, kinds = random.Random(seed), list(MIX)
    weights = [MIX[k][0] for k in kinds]
    year_end_s = YEAR_START_S + YEAR_S
    for _ in range(100 * visits):  # a bound, should the station fill up
        if len(traffic.visits) == len(modules) + visits:
            break
        kind = rng.choices(kinds, weights)[0]
        low, high = MIX[kind][1]
        stay_days = rng.uniform(low, high)
        wish_s = YEAR_START_S + rng.uniform(0, YEAR_S)
        seats = VEHICLE_KINDS[kind].seats
        # The first slot from the wished arrival on (within the year; it may stay past the
        # year's end): the year keeps every rule by making.
        first = find_slots(traffic, vehicle=kind, crew=seats, stay_days=stay_days,
                           start_s=wish_s, end_s=year_end_s).first()
        if first is None:
            continue
        number = len(traffic.visits) - len(modules)
        visit = make_visit(f"v{number:02d}-{kind}", kind,
                           [f"p{number}-{n}" for n in range(seats)], first[0],
                           first[0] + stay_days * DAY_S, first[1])
        traffic = traffic.with_visit(_with_a_move(traffic, visit, rng))
    return traffic


def _with_a_move(traffic: Traffic, visit, rng):
    """Return a long Soyuz stay with one move to another free port, if one keeps the rules."""
    if visit.vehicle != "soyuz-ms" or (visit.depart_s - visit.arrive_s) < 60 * DAY_S:
        return visit
    undock = visit.arrive_s + rng.uniform(0.3, 0.7) * (visit.depart_s - visit.arrive_s)
    for port in (p.id for p in traffic.station.ports if "soyuz-ms" in p.accepts):
        if port == visit.port:
            continue
        moved = visit.model_copy(update={"moves": [Move.model_validate(
            {"undock": _utc(undock), "dock": _utc(undock + 2400), "port": port})]})
        if fit_visit(traffic, moved).fits:
            return moved
    return visit


def _utc(seconds: float):
    from datetime import datetime, timezone

    return datetime.fromtimestamp(seconds, tz=timezone.utc)


# -- peer 1: a minute-by-minute scan ----------------------------------------------------------

def naive_check(traffic: Traffic, step_s: float) -> tuple[set[str], list[int]]:
    """Scan every step of the year in pure Python; return the rules broken and counts aboard."""
    station = traffic.station
    accepts = {p.id: p.accepts for p in station.ports}
    module_of = {p.id: traffic.visit(p.module) for p in station.ports if p.module}
    stays = [(s.port, s.start_s, s.end_s, s.vehicle) for s in traffic.stays()]
    people = _person_spells(traffic)
    flights = [(m.undock.timestamp(), m.dock.timestamp(), set(v.move_crew(m)))
               for v in traffic.visits for m in v.moves]
    broken, counts = set(), []
    t = YEAR_START_S
    while t < YEAR_START_S + YEAR_S:
        held, seats = set(), Counter()
        for port, start_s, end_s, vehicle in stays:
            if start_s <= t < end_s:
                if port in held:
                    broken.add("port-taken")
                held.add(port)
                seats[vehicle] += VEHICLE_KINDS[vehicle].seats
                if vehicle not in accepts[port]:
                    broken.add("port-kind")
                module = module_of.get(port)
                if module is not None and not module.arrive_s <= t < module.depart_s:
                    broken.add("port-missing")
        flying = set().union(*(crew for a, b, crew in flights if a <= t < b))
        aboard = [(p, kind) for p, start_s, end_s, kind in people
                  if start_s <= t < end_s and p not in flying]
        if len(aboard) > station.max_aboard:
            broken.add("max-aboard")
        need = Counter(kind for _, kind in aboard)
        if any(need[kind] > seats[kind] for kind in need):
            broken.add("lifeboat")
        counts.append(len(aboard))
        t += step_s
    return broken, counts


def _person_spells(traffic: Traffic) -> list[tuple[str, float, float, str]]:
    """Return (person, arrival, departure, kind of the ride home) for each time aboard."""
    spells = []
    for visit in traffic.visits:
        for person in visit.crew_up:
            rides = sorted((v.depart_s, v.vehicle) for v in traffic.visits
                           if person in v.leaving and v.depart_s > visit.arrive_s)
            end_s, kind = rides[0] if rides else (float("inf"), visit.vehicle)
            spells.append((person, visit.arrive_s, end_s, kind))
    return spells


def _intruder(traffic: Traffic) -> Traffic:
    """Return the year with a copy of its first Soyuz docking at the same port a day later."""
    first = next(v for v in traffic.visits if v.vehicle == "soyuz-ms")
    crew = [f"{p}-again" for p in first.crew_up] + ["stowaway"]
    copy = first.model_copy(update={"id": "intruder", "moves": [], "crew_up": crew,
                                    "crew_down": crew[:3],
                                    "arrive": _utc(first.arrive_s + DAY_S)})
    return traffic.with_visit(copy)


# -- peer 2: re-check everything for each candidate arrival ------------------------------------

def naive_slots(traffic: Traffic, kind: str, crew: int, stay_days: float, every_s: float):
    """Return, per port, the candidate arrivals that a whole re-check accepts."""
    baseline = check_traffic(traffic)
    candidates = np.arange(YEAR_START_S, YEAR_START_S + YEAR_S, every_s)
    accepted = {}
    for port in (p.id for p in traffic.station.ports if kind in p.accepts):
        accepted[port] = [t for t in candidates if fit_visit(
            traffic, make_visit("new", kind, crew, t, t + stay_days * DAY_S, port),
            baseline).fits]
    return candidates, accepted


def best_time_s(function) -> tuple[float, object]:
    best_s, result = float("inf"), None
    for _ in range(REPEATS):
        began = time.perf_counter()
        result = function()
        best_s = min(best_s, time.perf_counter() - began)
    return best_s, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--step-min", type=float, default=1.0)
    parser.add_argument("--every-h", type=float, default=6.0)
    args = parser.parse_args()
    traffic = synthetic_year()
    kinds = Counter(v.vehicle for v in traffic.visits)
    print(f"synthetic 2022 (keeps every rule: {check_traffic(traffic).ok}): "
          f"{len(traffic.visits)} visits ({', '.join(f'{n} {k}' for k, n in kinds.items())}), "
          f"{sum(len(v.moves) for v in traffic.visits)} moves")

    ours_s, check = best_time_s(lambda: check_traffic(traffic))
    began = time.perf_counter()
    broken, counts = naive_check(traffic, args.step_min * 60)
    peer_s = time.perf_counter() - began
    steps = YEAR_START_S + np.arange(len(counts)) * args.step_min * 60
    starts, ours_counts = check.aboard_series()
    ours_at = ours_counts[np.searchsorted(starts, steps, side="right") - 1]
    same = {v.rule for v in check.violations} == broken and np.array_equal(ours_at, counts)
    print(f"check  ours {ours_s * 1000:8.2f} ms   scan every {args.step_min:g} min "
          f"({len(counts)} steps) {peer_s * 1000:9.1f} ms   ratio {peer_s / ours_s:8.0f}x   "
          f"same rules and counts: {same}")

    # The same comparison on a year that breaks rules: a second crewed Soyuz one day after
    # the first, at its port (port taken, too many aboard, lifeboat seats short).
    intruder = _intruder(traffic)
    broken, _ = naive_check(intruder, args.step_min * 60)
    ours = {v.rule for v in check_traffic(intruder).violations}
    print(f"check  on a year with an intruder: ours {sorted(ours)}, scan {sorted(broken)} "
          f"(the scan has no 'seats': it is no rule of an instant)")

    request = dict(vehicle="crew-dragon", crew=3, stay_days=10.0)
    ours_s, slots = best_time_s(lambda: find_slots(
        traffic, **request, start_s=YEAR_START_S, end_s=YEAR_START_S + YEAR_S, check=check))
    began = time.perf_counter()
    candidates, accepted = naive_slots(traffic, request["vehicle"], request["crew"],
                                       request["stay_days"], args.every_h * 3600)
    peer_s = time.perf_counter() - began
    agree = total = 0
    for port in slots.ports:
        open_now = port.open.contains(candidates)
        peer = np.isin(candidates, accepted[port.port])
        agree, total = agree + int((open_now == peer).sum()), total + len(candidates)
    print(f"slots  ours {ours_s * 1000:8.2f} ms   re-check every {args.every_h:g} h "
          f"({total} candidates) {peer_s * 1000:9.1f} ms   ratio {peer_s / ours_s:8.0f}x   "
          f"agree on {agree}/{total}")
    first = slots.first()
    print(f"first crew-dragon slot (3 people, 10 days): "
          f"{'none' if first is None else time.strftime('%Y-%m-%d %H:%M', time.gmtime(first[0]))}"
          f"{'' if first is None else ' at ' + first[1]}")


if __name__ == "__main__":
    main()
