"""Small formats every report shares: clock times in the call-sheet zones, pages, lengths."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from zoneinfo import ZoneInfo

from ..words import noun, plural  # noqa: F401 (the reports count in words)
from ..times import DAY_S, MINUTE_S, parse_iso, to_datetime

# What a crew calls the zones of the two control centres; other zones go by their city.
ZONE_LABELS = {"GMT": "GMT", "UTC": "GMT", "Etc/UTC": "GMT", "Europe/Moscow": "Moscow",
               "America/Chicago": "Houston"}


@dataclass(frozen=True)
class Zone:
    """A time zone of the call sheets: its label (``Moscow``) and its IANA name."""

    label: str
    name: str

    @property
    def info(self) -> ZoneInfo:
        return _zone_info(self.name)

    def clock(self, seconds: float, *, mark_day: bool = True) -> str:
        """Return ``HH:MM`` in this zone, with ``(+1d)``/``(-1d)`` when the date is not GMT's."""
        local = to_datetime(round(float(seconds))).astimezone(self.info)
        shift = self.day_shift(seconds)
        return local.strftime("%H:%M") + (f" ({shift:+d}d)" if shift and mark_day else "")

    def day_shift(self, seconds: float) -> int:
        """Return how many days this zone's date is ahead of GMT's at an instant."""
        utc = to_datetime(round(float(seconds)))
        return (utc.astimezone(self.info).date() - utc.date()).days

    def clock_range(self, start_s: float, end_s: float) -> str:
        """Return ``HH:MM-HH:MM``, the date mark once when both ends share it."""
        same = self.day_shift(start_s) == self.day_shift(end_s)
        return f"{self.clock(start_s, mark_day=not same)}\u2013{self.clock(end_s)}"

    def abbreviation(self, seconds: float) -> str:
        return to_datetime(seconds).astimezone(self.info).tzname() or self.label

    def local_date(self, seconds: float) -> date:
        return to_datetime(round(float(seconds))).astimezone(self.info).date()

    def offset_text(self, seconds: float) -> str:
        """Return the zone's offset from GMT at an instant: ``GMT+3``, ``GMT-5``, ``GMT+5:30``."""
        offset_s = to_datetime(seconds).astimezone(self.info).utcoffset().total_seconds()
        hours, minutes = divmod(abs(int(offset_s)) // 60, 60)
        return f"GMT{'-' if offset_s < 0 else '+'}{hours}" + (f":{minutes:02d}" if minutes else "")


@lru_cache(maxsize=None)
def _zone_info(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def zone(name: str) -> Zone:
    """Return a zone by its IANA name, labelled as a crew calls it."""
    return Zone(ZONE_LABELS.get(name, name.rsplit("/", 1)[-1].replace("_", " ")), name)


def zones(document: dict) -> list[Zone]:
    """Return the plan's call-sheet zones aboard, GMT first."""
    names = document["production"].get("time_zones") or ["GMT"]
    if not any(ZONE_LABELS.get(n) == "GMT" for n in names):
        names = ["GMT", *names]
    return [zone(n) for n in names]


def location_zones(document: dict, location_ids) -> list[Zone]:
    """Return the zones of ground locations (their ``time_zone``), then GMT, the plan's clock.

    Locations without a zone add none: a ground day whose places name no zone is in GMT only.
    """
    places = {loc["id"]: loc for loc in document["production"]["locations"]}
    names = [places.get(ident, {}).get("time_zone") for ident in location_ids]
    local = [n for n in dict.fromkeys(names) if n and ZONE_LABELS.get(n) != "GMT"]
    return [zone(n) for n in local] + [zone("GMT")]


def span_text(zone_list: list[Zone], start_s: float, end_s: float) -> str:
    """Return a span as people read it: ``Wed 6 Oct 07:45–12:00 GMT (10:45–15:00 Moscow)``.

    The first zone gives the date; the others follow in brackets. A span over more than one
    date gives the dates in every zone: ``Wed 6 Oct 22:45 to Fri 8 Oct 12:00 GMT (...)``.
    """
    first, others = zone_list[0], zone_list[1:]
    if first.local_date(start_s) == first.local_date(end_s - 1.0):
        head = f"{short_date(first.local_date(start_s))} {first.clock_range(start_s, end_s)}"
        return f"{head} {first.label}" + _in_other_zones(others, start_s, end_s)
    spans = [f"{_dated_clock(z, start_s)} to {_dated_clock(z, end_s)} {z.label}"
             for z in zone_list]
    return spans[0] + (f" ({', '.join(spans[1:])})" if others else "")


def _dated_clock(zone_: Zone, seconds: float) -> str:
    return f"{short_date(zone_.local_date(seconds))} {zone_.clock(seconds, mark_day=False)}"


def daily_text(zone_list: list[Zone], start_s: float, end_s: float) -> str:
    """Return a daily time as people read it: ``daily 10:30–12:00 GMT (13:30–15:00 Moscow)``."""
    first, others = zone_list[0], zone_list[1:]
    return (f"daily {first.clock_range(start_s, end_s)} {first.label}"
            + _in_other_zones(others, start_s, end_s))


def _in_other_zones(others: list[Zone], start_s: float, end_s: float) -> str:
    if not others:
        return ""
    return " (" + ", ".join(f"{z.clock_range(start_s, end_s)} {z.label}" for z in others) + ")"


_ISO_INSTANT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z")


def readable_instants(words: str) -> str:
    """Return text with every ISO 8601 instant (``2021-10-06T07:45:00.000Z``) as people
    read it: ``Wed 6 Oct 07:45 GMT``."""
    def readable(match) -> str:
        seconds = parse_iso(match.group(0))
        return f"{short_date(to_datetime(seconds).date())} {gmt_clock(seconds)} GMT"

    return _ISO_INSTANT.sub(readable, words)


def ground_time_text(entry: dict, with_date: bool = False) -> str:
    """Return when a ground scene is shot, by the day or by the night.

    ``all day`` / ``night``; with the date, ``all day, Mon 6 Sep`` / ``night of Mon 6 Sep``;
    a scene of several days, ``3 days from Mon 6 Sep``.
    """
    days = max(1, round((parse_iso(entry["end"]) - parse_iso(entry["start"])) / DAY_S))
    night = "NIGHT" in entry["time_of_day"].upper()
    when = short_date(entry["date"])
    if days > 1:
        counted = plural(days, "night" if night else "day")
        return f"{counted} from {when}" if with_date else counted
    if night:
        return f"night of {when}" if with_date else "night"
    return f"all day, {when}" if with_date else "all day"


def scene_label(entry: dict) -> str:
    """Return a scheduled scene's number, with its piece for a split scene: ``10 (1/2)``."""
    return entry["id"] + (f" ({entry['piece']})" if entry.get("piece") else "")


def is_first_piece(entry: dict) -> bool:
    return not entry.get("piece") or entry["piece"].startswith("1/")


def gmt_clock(seconds: float) -> str:
    return to_datetime(round(float(seconds))).strftime("%H:%M")


def iso_clock(text: str) -> str:
    return gmt_clock(parse_iso(text))


def long_date(day: str | date) -> str:
    """Return ``Tuesday 5 October 2021`` for a date."""
    day = date.fromisoformat(day) if isinstance(day, str) else day
    return f"{day:%A} {day.day} {day:%B %Y}"


def short_date(day: str | date) -> str:
    day = date.fromisoformat(day) if isinstance(day, str) else day
    return f"{day:%a} {day.day} {day:%b}"


def pages_text(eighths: int | None) -> str:
    """Return a length with its noun: ``5/8 page``, ``1 page``, ``1 3/8 pages``."""
    return f"{pages(eighths)} {'page' if eighths and eighths <= 8 else 'pages'}"


def pages(eighths: int | None) -> str:
    """Return a length in pages the way a board writes it: ``1 3/8``, ``5/8``, ``2``."""
    if not eighths:
        return ""
    whole, rest = divmod(int(eighths), 8)
    if not rest:
        return str(whole)
    return f"{whole} {rest}/8" if whole else f"{rest}/8"


def minutes_text(minutes: float) -> str:
    """Return ``45 min`` or ``2 h 05 min``."""
    minutes = int(round(minutes))
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


def span_minutes(entry: dict, start_key: str = "shoot_start") -> float:
    return (parse_iso(entry["end"]) - parse_iso(entry[start_key])) / MINUTE_S


def scene_length(scene: dict) -> str:
    """Return a scene's length for a board: pages, else its shooting minutes or days."""
    if scene.get("eighths"):
        return pages(scene["eighths"]) + " pg"
    if scene.get("shoot_min"):
        return f"{scene['shoot_min']:g} min"
    if scene.get("days"):
        return plural(float(scene["days"]), "day")
    return ""

