"""Station element sets: TLE (two- and three-line) and CelesTrak OMM (JSON, CSV, XML).

A file may hold many sets of one station. For each instant the newest set whose epoch is not
after it is used (before the first epoch, the first set), the way an operator would use the
freshest data available at the time.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from pathlib import Path
from xml.etree import ElementTree

import numpy as np
from sgp4 import omm
from sgp4.api import Satrec

from ..errors import InputError
from ..times import DAY_S, UNIX_EPOCH_JD, format_iso, format_minute

TLE_LINE_LENGTH = 69
# One rule for every command: SGP4's error grows by kilometres a day away from the epoch, so
# past two weeks a time of day is off by seconds (a warning), and past two months nothing
# useful is left (an error, unless the caller accepts it and the output says so).
STALE_WARN_DAYS = 14.0
STALE_LIMIT_DAYS = 60.0

# Columns of the TLE fields (1-based, inclusive), with what each must hold. From the
# NORAD two-line element format as documented by CelesTrak ("FAQs: Two-Line Element Set Format").
_NUMBER = r"[ +-]?\s*\d*\.?\d+"
_IMPLIED = r"[ +-]?\d{5}[+-]\d|[ +-]?0{5}[+-]?0|\s{0,8}"
_TLE_FIELDS = {
    1: [("satellite number", 3, 7, r"[0-9A-Z]\d{4}"),
        ("epoch year", 19, 20, r"\d\d"),
        ("epoch day", 21, 32, r"\s*\d{1,3}\.\d+"),
        ("first derivative of mean motion", 34, 43, r"\s*[ +-]?\.\d+|\s*[ +-]?\d+\.\d*"),
        ("second derivative of mean motion", 45, 52, _IMPLIED),
        ("BSTAR drag term", 54, 61, _IMPLIED),
        ("element set number", 65, 68, r"\s*\d*")],
    2: [("satellite number", 3, 7, r"[0-9A-Z]\d{4}"),
        ("inclination", 9, 16, _NUMBER),
        ("right ascension of the ascending node", 18, 25, _NUMBER),
        ("eccentricity", 27, 33, r"\d{7}"),
        ("argument of perigee", 35, 42, _NUMBER),
        ("mean anomaly", 44, 51, _NUMBER),
        ("mean motion", 53, 63, _NUMBER),
        ("revolution number", 64, 68, r"\s*\d*")],
}


@dataclass(frozen=True)
class ElementSet:
    """One element set: the SGP4 model, its epoch, and where it came from."""

    satrec: Satrec
    epoch_s: float
    norad_id: int
    name: str
    source: str
    line: int

    @property
    def inclination_deg(self) -> float:
        return float(np.degrees(self.satrec.inclo))

    @property
    def period_s(self) -> float:
        return 2.0 * np.pi / self.satrec.no_kozai * 60.0


class ElementSets:
    """The element sets of one station, sorted by epoch."""

    def __init__(self, sets: list[ElementSet]):
        if not sets:
            raise ValueError("an ElementSets needs at least one set")
        self.sets = sorted(sets, key=lambda s: s.epoch_s)
        self.epochs_s = np.array([s.epoch_s for s in self.sets])
        self.name = self.sets[-1].name
        self.norad_id = self.sets[0].norad_id

    def __len__(self) -> int:
        return len(self.sets)

    def index_for(self, times_s) -> np.ndarray:
        """Return the index of the set used at each instant: the newest not after it."""
        index = np.searchsorted(self.epochs_s, np.asarray(times_s, dtype=float), side="right") - 1
        return np.maximum(index, 0)

    def set_at(self, time_s: float) -> ElementSet:
        return self.sets[int(self.index_for(time_s))]

    def propagate_teme_km(self, times_s) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Return TEME position (km), velocity (km/s) and SGP4 error codes at each instant.

        Positions are ``(n, 3)``; a non-zero error code marks an instant SGP4 could not
        propagate (as in python-sgp4, errors come back per step, not as exceptions).
        """
        times_s = np.atleast_1d(np.asarray(times_s, dtype=float))
        whole_days = np.floor(times_s / DAY_S)
        jd = whole_days + UNIX_EPOCH_JD
        fraction = (times_s - whole_days * DAY_S) / DAY_S
        position = np.empty((len(times_s), 3))
        velocity = np.empty((len(times_s), 3))
        errors = np.zeros(len(times_s), dtype=np.uint8)
        chosen = self.index_for(times_s)
        for index in np.unique(chosen):
            mask = chosen == index
            e, r, v = self.sets[index].satrec.sgp4_array(jd[mask], fraction[mask])
            position[mask], velocity[mask], errors[mask] = r, v, e
        return position, velocity, errors

    def largest_gap_s(self, start_s: float, end_s: float) -> tuple[float, float]:
        """Return the largest distance from an instant of the span to its nearest epoch.

        The farthest instant is a span end or a midpoint between two epochs; returns the
        distance and that instant.
        """
        epochs = self.epochs_s
        midpoints = (epochs[1:] + epochs[:-1]) / 2.0
        candidates = np.concatenate(([start_s, end_s], midpoints[(midpoints > start_s)
                                                                 & (midpoints < end_s)]))
        distance = np.abs(candidates[:, None] - epochs[None, :]).min(axis=1)
        worst = int(np.argmax(distance))
        return float(distance[worst]), float(candidates[worst])

    def freshness_warnings(self, start_s: float, end_s: float, *,
                           allow_stale: bool = False) -> list[str]:
        """Return a warning when some instant of the span is far from every epoch.

        More than ``STALE_WARN_DAYS`` gives a warning; more than ``STALE_LIMIT_DAYS`` raises
        ``InputError`` (``override="allow_stale"``), unless ``allow_stale``, and then the
        warning says that the limit was waived.
        """
        gap_s, when_s = self.largest_gap_s(start_s, end_s)
        gap_days = gap_s / DAY_S
        if gap_days <= STALE_WARN_DAYS:
            return []
        where = (f"{format_minute(when_s)} UTC is {gap_days:.1f} days from the nearest element "
                 f"set of {self.name} (sets cover {format_minute(self.epochs_s[0])[:10]} to "
                 f"{format_minute(self.epochs_s[-1])[:10]})")
        if gap_days > STALE_LIMIT_DAYS and not allow_stale:
            raise InputError(f"{where}: past {STALE_LIMIT_DAYS:.0f} days SGP4 gives nothing "
                             f"useful; give element sets near the dates",
                             override="allow_stale")
        waived = (f"; the {STALE_LIMIT_DAYS:.0f}-day limit was waived"
                  if gap_days > STALE_LIMIT_DAYS else "")
        return [f"{where}: more than {STALE_WARN_DAYS:.0f} days, so positions may be off by "
                f"many kilometres and times of day by seconds{waived}"]

    def describe(self) -> list[dict]:
        """Return one plain record per set: name, NORAD id, epoch, source line."""
        return [{"name": s.name, "norad_id": s.norad_id, "epoch": format_iso(s.epoch_s),
                 "source": s.source, "line": s.line} for s in self.sets]


# -- reading -------------------------------------------------------------------------------

def load_elements(path: str | Path) -> ElementSets:
    """Read a TLE or OMM file; raise ``InputError`` naming the file and line on bad input."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError("no such file", path=str(path)) from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read the file: {error}", path=str(path)) from None
    return parse_elements(text, str(path))


def parse_elements(text: str, source: str = "<elements>") -> ElementSets:
    """Parse element sets from text, choosing the format from its content."""
    stripped = text.lstrip()
    if not stripped:
        raise InputError("the file is empty: expected TLE or OMM element sets", path=source)
    if stripped[0] in "[{":
        sets = _parse_omm_json(text, source)
    elif stripped[0] == "<":
        sets = _parse_omm_xml(text, source)
    elif "MEAN_MOTION" in stripped.splitlines()[0].upper():
        sets = _parse_omm_csv(text, source)
    else:
        sets = _parse_tle(text, source)
    if not sets:
        raise InputError("no element sets in the file", path=source)
    _check_one_satellite(sets, source)
    return ElementSets(sets)


def bundled_iss() -> ElementSets:
    """Return the ISS element sets shipped with orbitfilm: 89 sets, February 2020 to late 2022.

    Public orbital data of the US Space Force as CelesTrak publishes it; around the Challenge's
    flight the sets are 17 Sep, 24 Sep, 1, 2, 4, 8, 15, 16, 17 (three) and 19 Oct 2021.
    """
    data = resources.files("orbitfilm.orbit") / "data" / "iss-2020-2022.tle"
    return parse_elements(data.read_text(encoding="utf-8"), "iss-2020-2022.tle (bundled)")


def _check_one_satellite(sets: list[ElementSet], source: str) -> None:
    first = sets[0]
    for other in sets[1:]:
        if other.norad_id != first.norad_id:
            raise InputError(
                f"two different satellites in one file: {first.norad_id} (line {first.line}) "
                f"and {other.norad_id}; put each station in its own file",
                path=source, line=other.line)


def _parse_tle(text: str, source: str) -> list[ElementSet]:
    lines = [(n, raw.rstrip()) for n, raw in enumerate(text.splitlines(), start=1)]
    lines = [(n, line) for n, line in lines if line.strip()]
    sets, name, index = [], None, 0
    while index < len(lines):
        number, line = lines[index]
        if line.startswith("1 "):
            if index + 1 >= len(lines):
                raise InputError("line 1 of an element set has no line 2 after it",
                                 path=source, line=number)
            number2, line2 = lines[index + 1]
            sets.append(_tle_pair(line, number, line2, number2, name, source))
            name, index = None, index + 2
        elif line.startswith("2 "):
            raise InputError("line 2 of an element set without its line 1 before it",
                             path=source, line=number)
        else:
            if name is not None:
                raise InputError(f"expected TLE line 1 (starting '1 '), found {line[:20]!r}",
                                 path=source, line=number)
            name = line[2:].strip() if line.startswith("0 ") else line.strip()
            index += 1
    if name is not None and not sets:
        raise InputError("no TLE lines in the file (a name line alone)", path=source,
                         line=lines[-1][0])
    return sets


def _tle_pair(line1, number1, line2, number2, name, source) -> ElementSet:
    _check_tle_line(line1, 1, number1, source)
    _check_tle_line(line2, 2, number2, source)
    if line1[2:7] != line2[2:7]:
        raise InputError(f"satellite number {line2[2:7].strip()} on line 2 differs from "
                         f"{line1[2:7].strip()} on line 1", path=source, line=number2)
    satrec = Satrec.twoline2rv(line1, line2)
    if satrec.error:
        raise InputError(f"SGP4 cannot use this element set (error code {satrec.error})",
                         path=source, line=number1)
    epoch_s = (satrec.jdsatepoch - UNIX_EPOCH_JD + satrec.jdsatepochF) * DAY_S
    label = name or f"NORAD {satrec.satnum}"
    return ElementSet(satrec, float(epoch_s), int(satrec.satnum), label, source, number1)


def _check_tle_line(line: str, which: int, number: int, source: str) -> None:
    if len(line) != TLE_LINE_LENGTH:
        raise InputError(f"TLE line {which} has {len(line)} characters, expected "
                         f"{TLE_LINE_LENGTH}", path=source, line=number)
    expected = tle_checksum(line)
    if line[68] != str(expected):
        raise InputError(f"bad checksum on TLE line {which}: the line sums to {expected} but "
                         f"ends in {line[68]!r}", path=source, line=number)
    for field, first, last, pattern in _TLE_FIELDS[which]:
        value = line[first - 1:last]
        if not re.fullmatch(pattern, value):
            raise InputError(f"cannot parse the {field} {value!r} (columns {first}-{last} of "
                             f"TLE line {which})", path=source, line=number)


def tle_checksum(line: str) -> int:
    """Return the TLE checksum of the first 68 columns: digits summed, '-' counts 1, mod 10."""
    return sum(int(c) if c.isdigit() else (c == "-") for c in line[:68]) % 10


# -- OMM -------------------------------------------------------------------------------

_OMM_REQUIRED = ("EPOCH", "MEAN_MOTION", "ECCENTRICITY", "INCLINATION", "RA_OF_ASC_NODE",
                 "ARG_OF_PERICENTER", "MEAN_ANOMALY", "NORAD_CAT_ID", "BSTAR",
                 "MEAN_MOTION_DOT", "MEAN_MOTION_DDOT")
_OMM_DEFAULTS = {"CLASSIFICATION_TYPE": "U", "OBJECT_ID": "", "EPHEMERIS_TYPE": "0",
                 "ELEMENT_SET_NO": "999", "REV_AT_EPOCH": "0"}


def _omm_set(fields: dict, source: str, line: int, record: int) -> ElementSet:
    fields = {str(k).strip().upper(): v for k, v in fields.items()}
    where = dict(path=source, line=line)
    for key in _OMM_REQUIRED:
        if fields.get(key) in (None, ""):
            raise InputError(f"OMM record {record} lacks {key}", field=key, **where)
    for key, default in _OMM_DEFAULTS.items():
        if fields.get(key) in (None, ""):
            fields[key] = default
    for key in _OMM_REQUIRED[1:]:
        try:
            float(fields[key])
        except (TypeError, ValueError):
            raise InputError(f"OMM record {record}: {key} is not a number: {fields[key]!r}",
                             field=key, **where) from None
    epoch = str(fields["EPOCH"]).strip().rstrip("Z")
    if "." not in epoch:
        epoch += ".0"
    try:
        datetime.strptime(epoch, "%Y-%m-%dT%H:%M:%S.%f")
    except ValueError:
        raise InputError(f"OMM record {record}: EPOCH is not a time: {fields['EPOCH']!r}",
                         field="EPOCH", **where) from None
    fields["EPOCH"] = epoch
    satrec = Satrec()
    try:
        omm.initialize(satrec, fields)
    except (ValueError, TypeError) as error:
        raise InputError(f"OMM record {record}: {error}", **where) from None
    if satrec.error:
        raise InputError(f"OMM record {record}: SGP4 cannot use it (error code {satrec.error})",
                         **where)
    epoch_s = (satrec.jdsatepoch - UNIX_EPOCH_JD + satrec.jdsatepochF) * DAY_S
    name = str(fields.get("OBJECT_NAME") or f"NORAD {satrec.satnum}").strip()
    return ElementSet(satrec, float(epoch_s), int(satrec.satnum), name, source, line)


def _parse_omm_json(text: str, source: str) -> list[ElementSet]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"not valid JSON: {error.msg}", path=source, line=error.lineno) from None
    records = data if isinstance(data, list) else [data]
    lines = _json_record_lines(text)
    sets = []
    for number, record in enumerate(records, start=1):
        line = lines[number - 1] if number - 1 < len(lines) else None
        if not isinstance(record, dict):
            raise InputError(f"OMM record {number} is not an object", path=source, line=line)
        sets.append(_omm_set(record, source, line, number))
    return sets


def _json_record_lines(text: str) -> list[int]:
    """Return the line on which each top-level JSON object (or array element object) opens."""
    lines, depth, line, in_string, escaped = [], 0, 1, False, False
    for char in text:
        if char == "\n":
            line += 1
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            continue
        if char == '"':
            in_string = True
        elif char in "[{":
            if char == "{" and depth <= 1:
                lines.append(line)
            depth += 1
        elif char in "]}":
            depth -= 1
    return lines


def _parse_omm_csv(text: str, source: str) -> list[ElementSet]:
    reader = csv.DictReader(io.StringIO(text))
    return [_omm_set(row, source, reader.line_num, number)
            for number, row in enumerate(reader, start=1)]


def _parse_omm_xml(text: str, source: str) -> list[ElementSet]:
    try:
        segments = list(omm.parse_xml(io.StringIO(text)))
    except ElementTree.ParseError as error:
        raise InputError(f"not valid XML: {error}", path=source, line=error.position[0]) from None
    except AttributeError:
        raise InputError("not an OMM XML file: a segment lacks metadata or data",
                         path=source) from None
    starts = [text.count("\n", 0, m.start()) + 1 for m in re.finditer(r"<segment\b", text)]
    return [_omm_set(fields, source, starts[i] if i < len(starts) else None, i + 1)
            for i, fields in enumerate(segments)]

