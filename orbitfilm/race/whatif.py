"""What-ifs: variants of a race, run on the race's own random numbers.

A what-if file lists variants; each changes the race it is run with: fields of a
production's entry (another target date or announcement, another production file — a
second parabolic-flight week, a backup actor — or the stay), risks removed by name or
added, the station's events replaced. The engine keys every random source by what it
belongs to (a production, a risk, an event), so a variant draws the same numbers as the
race wherever it is the same, and the change in P(first) is measured scenario by scenario,
with the standard error of the difference (common random numbers).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pydantic import Field, ValidationError

from ..errors import InputError, InputErrors
from ..production.files import read_text
from ..production.loader import friendly, parse_toml
from ..production.mistakes import Mistake, as_input_error, ordered
from ..production.tomlindex import TomlIndex
from .model import Race, Risk, StationEvent, Strict

BUNDLED = "what-if-2021"


class EntryChange(Strict):
    """What a variant changes in one production's entry (left out: as in the race)."""

    production: str | None = Field(None, description="another production file (or bundled "
                                                      "example) for this entry")
    target_launch: date | None = None
    announced: date | None = None
    date_known: bool | None = None
    stay_days: float | None = Field(None, gt=0)


class Variant(Strict):
    """One what-if: a name and what it changes."""

    name: str
    productions: dict[str, EntryChange] = Field(default_factory=dict,
                                                description="changes by production id")
    remove_risks: list[str] = Field(default_factory=list, description="risks left out, "
                                                                      "by name")
    risks: list[Risk] = Field(default_factory=list, description="risks added")
    station_events: list[StationEvent] | None = Field(None, description="the station's "
                                                      "events instead of the race's")


class WhatIfs(Strict):
    """A what-if file."""

    variants: list[Variant] = Field(min_length=1)


def load_what_ifs(path: str | Path, race: Race) -> WhatIfs:
    """Read and check a what-if file against the race it changes (a bundled example by its
    name: what-if-2021)."""
    if not Path(path).exists() and str(path) == BUNDLED:
        from ..production.examples import race_example_path
        path = race_example_path(BUNDLED)
    try:
        text = read_text(Path(path))
    except InputError as error:
        raise InputErrors([error]) from None
    return parse_what_ifs(text, race, source=str(path))


def parse_what_ifs(text: str, race: Race, source: str = "<what-if>") -> WhatIfs:
    """Parse a what-if file; raise ``InputErrors`` naming each mistake's line."""
    data = parse_toml(text, source)
    index = TomlIndex(text)
    try:
        what_ifs = WhatIfs.model_validate(data)
        mistakes = _mistakes(what_ifs, race)
    except ValidationError as error:
        what_ifs, mistakes = None, [friendly(e, data) for e in error.errors()]
    if mistakes:
        raise InputErrors([as_input_error(m, index, source) for m in ordered(mistakes, index)])
    return what_ifs


def _mistakes(what_ifs: WhatIfs, race: Race) -> list[Mistake]:
    """Every production a variant names is in the race; every risk it removes too; names
    are unique."""
    ids = [e.id for e in race.productions]
    risks = {r.name for r in race.risks}
    found, names = [], set()
    for v, variant in enumerate(what_ifs.variants):
        if variant.name in names:
            found.append(Mistake(f"two variants named {variant.name!r}",
                                 ("variants", v, "name")))
        names.add(variant.name)
        for pid in variant.productions:
            if pid not in ids:
                found.append(Mistake(f"no production {pid!r} in the race (they are: "
                                     f"{', '.join(ids)})", ("variants", v, "productions", pid)))
        for k, name in enumerate(variant.remove_risks):
            if name not in risks:
                found.append(Mistake(f"no risk named {name!r} in the race",
                                     ("variants", v, "remove_risks", k)))
        for k, risk in enumerate(variant.risks):
            if risk.production is not None and risk.production not in ids:
                found.append(Mistake(f"no production {risk.production!r} in the race",
                                     ("variants", v, "risks", k, "production")))
    return found


def apply_variant(race: Race, variant: Variant) -> Race:
    """Return the race as the variant changes it."""
    entries = [entry.model_copy(update=variant.productions[entry.id].model_dump(
        exclude_none=True)) if entry.id in variant.productions else entry
        for entry in race.productions]
    risks = [r for r in race.risks if r.name not in variant.remove_risks] + list(variant.risks)
    events = race.station_events if variant.station_events is None else variant.station_events
    return race.model_copy(update={"productions": entries, "risks": risks,
                                   "station_events": events})
