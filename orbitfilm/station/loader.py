"""Read a traffic file: TOML syntax, the shape of every value, then the file's own consistency.

Mistakes a file can hold on its own are load errors, each one line ``FILE:LINE: message``:
two ports or visits with one id, a visit at a port the station lacks, a departure before its
arrival, moves out of order, someone who rides home without ever coming up. What depends on
time and on other visits (a port taken, a port that does not take the vehicle, too many
aboard) is for ``rules.check_traffic``, which reports it as a violation at its instant.
"""

from __future__ import annotations

import difflib
import functools
from collections import Counter
from pathlib import Path

from pydantic import BaseModel, ValidationError

from ..errors import InputError, InputErrors
from ..production.files import read_text
from ..production.loader import friendly, parse_toml
from ..production.mistakes import Mistake, as_input_error, ordered
from ..production.tomlindex import TomlIndex
from .traffic import Move, Port, Station, Traffic, Visit

BUNDLED = "iss-2021"


def load_traffic(path: str | Path) -> Traffic:
    """Read and check a traffic file; raise ``InputErrors`` listing every mistake."""
    path = Path(path)
    try:
        text = read_text(path)
    except InputError as error:
        raise InputErrors([error]) from None
    return parse_traffic(text, source=str(path))


@functools.lru_cache(maxsize=8)
def bundled_traffic(name: str = BUNDLED) -> Traffic:
    """Return a bundled traffic example (the ISS of 2021 by default), read once.

    Its source reads ``iss-2021.toml (bundled)``, not the path inside the installed package.
    Traffics are never changed in place (``with_visit`` copies), so one copy serves all.
    """
    from ..production.examples import traffic_example_path

    traffic = load_traffic(traffic_example_path(name))
    return traffic.came_from(bundled_source(name), traffic.line_index)


def bundled_source(name: str = BUNDLED) -> str:
    return f"{name}.toml (bundled)"


def open_traffic(name: str | Path, *, field: str | None = None) -> Traffic:
    """Return the traffic a person names: a file, or a bundled record by its name (iss-2021).

    A file that is not there is one error naming it and ``field`` (the option or key that
    named it), with the bundled names that would do instead.
    """
    from ..production.examples import TRAFFIC_EXAMPLES

    path = Path(name)
    if str(name) in TRAFFIC_EXAMPLES and not path.exists():
        return bundled_traffic(str(name))
    if not path.is_file():
        raise InputError(f"no traffic file there (the bundled record is named "
                         f"{', '.join(TRAFFIC_EXAMPLES)})", path=str(path), field=field)
    return load_traffic(path)


def parse_traffic(text: str, source: str = "<traffic>") -> Traffic:
    """Parse and check traffic from TOML text; raise ``InputErrors`` listing every mistake."""
    data = parse_toml(text, source)
    index = TomlIndex(text)
    try:
        traffic = Traffic.model_validate(data)
        mistakes = consistency_mistakes(traffic)
    except ValidationError as error:
        traffic, mistakes = None, [_shape_mistake(e, data) for e in error.errors()]
    if mistakes:
        raise InputErrors([as_input_error(m, index, source) for m in ordered(mistakes, index)])
    return traffic.came_from(source, index)


# -- shape: pydantic's errors as sentences ----------------------------------------------------

def _shape_mistake(error: dict, data: dict) -> Mistake:
    mistake = friendly(error, data)
    loc = mistake.path
    if error["type"] == "extra_forbidden":
        # The production's wording, with suggestions from the traffic file's own fields.
        field = str(loc[-1])
        close = difflib.get_close_matches(field, _fields_at(loc[:-1]), n=1, cutoff=0.6)
        mistake = Mistake(f"unknown field {field!r}" +
                          (f" (did you mean {close[0]!r}?)" if close else ""), loc)
    return Mistake(_owner(loc, data) + mistake.message, loc)


_MODELS = {(): Traffic, ("station",): Station, ("station", "ports"): Port, ("visits",): Visit,
           ("visits", "moves"): Move}


def _fields_at(loc: tuple) -> list[str]:
    model: type[BaseModel] | None = _MODELS.get(tuple(p for p in loc if isinstance(p, str)))
    return list(model.model_fields) if model else []


def _owner(loc: tuple, data: dict) -> str:
    """Return ``visit 'soyuz-ms-18': `` or ``port 'rassvet': `` for a mistake inside one."""
    if len(loc) >= 2 and loc[0] == "visits" and isinstance(loc[1], int):
        return _named("visit", (data.get("visits") or [])[loc[1]:loc[1] + 1])
    if len(loc) >= 3 and loc[:2] == ("station", "ports") and isinstance(loc[2], int):
        ports = (data.get("station") or {}).get("ports") or []
        return _named("port", ports[loc[2]:loc[2] + 1])
    return ""


def _named(kind: str, items: list) -> str:
    item = items[0] if items else None
    return f"{kind} {item['id']!r}: " if isinstance(item, dict) and isinstance(
        item.get("id"), str) else ""


# -- consistency of the file on its own -------------------------------------------------------

def consistency_mistakes(traffic: Traffic) -> list[Mistake]:
    """Return what is wrong with the file whatever the times mean, in the file's order."""
    return [*_unique_ids(traffic), *_known_ports(traffic), *_modules(traffic),
            *_times_in_order(traffic), *_people_board(traffic)]


def _unique_ids(traffic: Traffic) -> list[Mistake]:
    """Two ports, or two visits, may not share an id."""
    found = []
    for path, items, kind in ((("station", "ports"), traffic.station.ports, "port"),
                              (("visits",), traffic.visits, "visit")):
        seen = Counter()
        for index, item in enumerate(items):
            seen[item.id] += 1
            if seen[item.id] == 2:
                found.append(Mistake(f"two {kind}s with the id {item.id!r}",
                                     (*path, index, "id")))
    return found


def _known_ports(traffic: Traffic) -> list[Mistake]:
    """Every visit arrives at, and moves to, a port of the station."""
    ports = {p.id for p in traffic.station.ports}
    found = []
    for index, visit in enumerate(traffic.visits):
        targets = [(("visits", index, "port"), visit.port)] + [
            (("visits", index, "moves", m, "port"), move.port)
            for m, move in enumerate(visit.moves)]
        found += [Mistake(f"visit {visit.id!r}: no port {port!r} on {traffic.station.id}"
                          + _suggest(port, ports), path)
                  for path, port in targets if port not in ports]
    return found


def _suggest(word: str, choices) -> str:
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else f" (ports: {', '.join(sorted(choices))})"


def _modules(traffic: Traffic) -> list[Mistake]:
    """A port's ``module`` names a module visit; a module carries nobody and does not move."""
    modules = {v.id for v in traffic.visits if v.vehicle == "module"}
    found = [Mistake(f"port {port.id!r}: module {port.module!r} is no module visit of the file",
                     ("station", "ports", index, "module"))
             for index, port in enumerate(traffic.station.ports)
             if port.module is not None and port.module not in modules]
    for index, visit in enumerate(traffic.visits):
        if visit.vehicle == "module" and (visit.crew_up or visit.crew_down or visit.moves):
            found.append(Mistake(f"visit {visit.id!r}: a module carries no crew and does not "
                                 f"move", ("visits", index, "vehicle")))
    return found


def _times_in_order(traffic: Traffic) -> list[Mistake]:
    """Arrival, each move's undock and dock, and the departure follow one another."""
    found = []
    for index, visit in enumerate(traffic.visits):
        steps = [("arrive", "arrival", visit.arrive_s)]
        for m, move in enumerate(visit.moves):
            steps += [(("moves", m, "undock"), f"move {m + 1}'s undocking", move.undock.timestamp()),
                      (("moves", m, "dock"), f"move {m + 1}'s docking", move.dock.timestamp())]
        if visit.depart is not None:
            steps.append(("depart", "departure", visit.depart_s))
        for (_, before, earlier_s), (key, after, later_s) in zip(steps, steps[1:]):
            if later_s <= earlier_s:
                path = ("visits", index, *(key if isinstance(key, tuple) else (key,)))
                found.append(Mistake(f"visit {visit.id!r}: {after} is not after its {before}",
                                     path))
    return found


def _people_board(traffic: Traffic) -> list[Mistake]:
    """Whoever rides home or flies a move comes up on some visit of the file."""
    boarded = {person for visit in traffic.visits for person in visit.crew_up}
    found = []
    for index, visit in enumerate(traffic.visits):
        riders = [(("visits", index, "crew_down", i), p)
                  for i, p in enumerate(visit.crew_down or [])]
        riders += [(("visits", index, "moves", m, "crew", i), p)
                   for m, move in enumerate(visit.moves) for i, p in enumerate(move.crew or [])]
        found += [Mistake(f"visit {visit.id!r}: {person!r} never boards (in no visit's crew_up)",
                          path) for path, person in riders if person not in boarded]
    return found
