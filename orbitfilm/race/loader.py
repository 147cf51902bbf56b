"""Read a race file: TOML syntax, the shape of every value, then its own consistency.

Each mistake is one line ``FILE:LINE: message (field)``, as for productions and traffic.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from pydantic import ValidationError

from ..errors import InputError, InputErrors
from ..production.files import read_text
from ..production.loader import friendly, parse_toml
from ..production.mistakes import Mistake, as_input_error, ordered
from ..production.tomlindex import TomlIndex
from .model import Race

BUNDLED = "race-2021"


def load_race(path: str | Path) -> tuple[Race, Path]:
    """Read and check a race file; return it with its folder (where productions are found)."""
    path = Path(path)
    try:
        text = read_text(path)
    except InputError as error:
        raise InputErrors([error]) from None
    return parse_race(text, source=str(path)), path.parent


def open_race(name: str | Path | None) -> tuple[Race, Path]:
    """Return the race a person names: a file, or the bundled race-2021 when left out."""
    if name is None or (str(name) == BUNDLED and not Path(name).exists()):
        from ..production.examples import race_example_path
        return load_race(race_example_path(BUNDLED))
    if not Path(name).is_file():
        raise InputError(f"no race file there (the bundled race is named {BUNDLED})",
                         path=str(name), field="RACE")
    return load_race(name)


def parse_race(text: str, source: str = "<race>") -> Race:
    """Parse and check a race from TOML text; raise ``InputErrors`` listing every mistake."""
    data = parse_toml(text, source)
    index = TomlIndex(text)
    try:
        race = Race.model_validate(data)
        mistakes = consistency_mistakes(race)
    except ValidationError as error:
        race, mistakes = None, [friendly(e, data) for e in error.errors()]
    if mistakes:
        raise InputErrors([as_input_error(m, index, source) for m in ordered(mistakes, index)])
    return race


def consistency_mistakes(race: Race) -> list[Mistake]:
    """Ids are unique; every risk names a production of the race."""
    found, seen = [], Counter()
    for i, entry in enumerate(race.productions):
        seen[entry.id] += 1
        if seen[entry.id] == 2:
            found.append(Mistake(f"two productions with the id {entry.id!r}",
                                 ("productions", i, "id")))
    for i, risk in enumerate(race.risks):
        if risk.production is not None and risk.production not in seen:
            found.append(Mistake(f"no production {risk.production!r} in the race (they are: "
                                 f"{', '.join(seen)})", ("risks", i, "production")))
    return found
