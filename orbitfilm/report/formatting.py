"""Small formats every report shares: clock times in the call-sheet zones, pages, lengths."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from zoneinfo import ZoneInfo

from ..times import MINUTE_S, parse_iso, to_datetime

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


@lru_cache(maxsize=None)
def _zone_info(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def zones(document: dict) -> list[Zone]:
    """Return the plan's call-sheet zones, GMT first."""
    names = document["production"].get("time_zones") or ["GMT"]
    if not any(ZONE_LABELS.get(n) == "GMT" for n in names):
        names = ["GMT", *names]
    return [Zone(ZONE_LABELS.get(n, n.rsplit("/", 1)[-1].replace("_", " ")), n) for n in names]


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
        return f"{scene['days']:g} day" + ("" if scene["days"] == 1 else "s")
    return ""

