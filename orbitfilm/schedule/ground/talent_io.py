"""Read talent-scheduling instances: the ``.dat`` of the Stuckey page and MiniZinc ``.dzn``.

Three public formats carry the classic benchmark (Cheng, Diamond & Lin 1993; CSPLib prob039):

- ``.dat``: a name line (optionally ``NAME opti VALUE``), the number of scenes *n*, the number
  of actors *m*, then one row per actor of *n* 0/1 values followed by the actor's day rate,
  then the *n* scene durations.
- MiniZinc benchmarks ``.dzn``: ``numScenes``, ``numActors``, ``ia`` (actor x scene 0/1),
  ``c`` (rates), ``d`` (durations).
- CSPLib prob039 ``.dzn``: ``num_pieces``, ``num_players``, ``duration`` and ``rehearsal``
  (player x piece 0/1); every player costs 1 a day.

Each becomes a plain :class:`TalentInstance`; bad input raises :class:`InputError` naming the
file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ...errors import InputError


@dataclass(frozen=True)
class TalentInstance:
    """Scenes shot one after another; each actor is paid from their first scene to their last.

    ``appears[a][s]`` is true when actor ``a`` is in scene ``s``. Durations are in days (any
    positive number), rates in money per day.
    """

    scene_ids: tuple[str, ...]
    actor_names: tuple[str, ...]
    durations_days: tuple[float, ...]
    day_rates: tuple[float, ...]
    appears: tuple[tuple[bool, ...], ...]
    name: str = "talent"
    stated_optimum: float | None = field(default=None, compare=False)

    def __post_init__(self):
        n, m = len(self.scene_ids), len(self.actor_names)
        if len(self.durations_days) != n or len(self.day_rates) != m:
            raise ValueError("durations must match scenes and rates must match actors")
        if len(self.appears) != m or any(len(row) != n for row in self.appears):
            raise ValueError("appears must be an actors x scenes matrix")
        if len(set(self.scene_ids)) != n:
            raise ValueError("scene ids must be unique")

    @property
    def matrix(self) -> np.ndarray:
        """Return the actor x scene presence as a boolean array."""
        return np.array(self.appears, dtype=bool).reshape(len(self.actor_names),
                                                           len(self.scene_ids))

    @classmethod
    def from_arrays(cls, durations_days, day_rates, appears, *, name: str = "talent",
                    scene_ids=None, actor_names=None, stated_optimum=None) -> "TalentInstance":
        """Build an instance from plain sequences, numbering scenes and actors from 1."""
        presence = np.asarray(appears, dtype=bool)
        n = len(durations_days)
        presence = presence.reshape(len(day_rates), n)
        return cls(
            scene_ids=tuple(scene_ids or (str(s + 1) for s in range(n))),
            actor_names=tuple(actor_names or (f"A{a + 1}" for a in range(len(day_rates)))),
            durations_days=tuple(_number(x) for x in durations_days),
            day_rates=tuple(_number(x) for x in day_rates),
            appears=tuple(tuple(bool(v) for v in row) for row in presence),
            name=name, stated_optimum=stated_optimum)


def _number(value) -> float | int:
    """Keep whole numbers as ``int`` so costs print without a trailing ``.0``."""
    number = float(value)
    return int(number) if number.is_integer() else number


def read_talent(path: str | Path) -> TalentInstance:
    """Read a talent instance, choosing the format by extension, then by content."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise InputError(f"cannot read the file: {error.strerror or error}", path=str(path))
    except UnicodeDecodeError:
        raise InputError("the file is not UTF-8 text", path=str(path))
    if path.suffix.lower() == ".dzn" or (path.suffix.lower() != ".dat" and "=" in text):
        return parse_dzn(text, str(path))
    return parse_dat(text, str(path))


# -- the .dat format -------------------------------------------------------------------------

class _Tokens:
    """Whitespace-separated tokens with their line numbers, read one at a time."""

    def __init__(self, lines: list[str], first_line: int, path: str):
        self.items = [(token, number) for number, line in enumerate(lines, first_line)
                      for token in line.split()]
        self.position = 0
        self.path = path
        self.last_line = first_line + len(lines) - 1

    def next(self, what: str) -> tuple[str, int]:
        if self.position >= len(self.items):
            raise InputError(f"the file ends before {what}", path=self.path, line=self.last_line)
        item = self.items[self.position]
        self.position += 1
        return item

    def number(self, what: str, *, whole: bool = False, positive: bool = False,
               binary: bool = False) -> float:
        token, line = self.next(what)
        try:
            value = float(token)
        except ValueError:
            raise InputError(f"expected a number for {what}, found {token!r}",
                             path=self.path, line=line)
        problem = _number_problem(value, whole=whole, positive=positive, binary=binary)
        if problem:
            raise InputError(f"{what} {problem}, found {token!r}", path=self.path, line=line)
        return _number(value)


def _number_problem(value: float, *, whole: bool, positive: bool, binary: bool) -> str | None:
    """Say what is wrong with one value of the instance, or None."""
    if not np.isfinite(value):
        return "must be finite"
    if binary and value not in (0.0, 1.0):
        return "must be 0 or 1"
    if whole and not float(value).is_integer():
        return "must be a whole number"
    if positive and value <= 0:
        return "must be positive"
    if value < 0:
        return "must not be negative"
    return None


def parse_dat(text: str, path: str = "<text>") -> TalentInstance:
    """Parse the ``.dat`` format of the Stuckey talent-scheduling page."""
    lines = text.splitlines()
    header_index = next((i for i, line in enumerate(lines) if line.strip()), None)
    if header_index is None:
        raise InputError("the file is empty", path=path, line=1)
    header = lines[header_index].split()
    name, optimum = re.sub(r"\.dat$", "", header[0]), None
    if len(header) >= 3 and header[1].lower().startswith("opt"):
        try:
            optimum = float(header[2])
        except ValueError:
            raise InputError(f"the stated optimum {header[2]!r} is not a number",
                             path=path, line=header_index + 1)
    tokens = _Tokens(lines[header_index + 1:], header_index + 2, path)
    n = int(tokens.number("the number of scenes", whole=True, positive=True))
    m = int(tokens.number("the number of actors", whole=True))
    appears, rates = [], []
    for actor in range(m):
        appears.append([tokens.number(f"actor {actor + 1}'s scene {s + 1}", binary=True)
                        for s in range(n)])
        rates.append(tokens.number(f"actor {actor + 1}'s day rate"))
    durations = [tokens.number(f"scene {s + 1}'s duration", positive=True) for s in range(n)]
    if tokens.position < len(tokens.items):
        token, line = tokens.items[tokens.position]
        raise InputError(f"unexpected {token!r} after the scene durations", path=path, line=line)
    return TalentInstance.from_arrays(durations, rates, appears, name=name,
                                      stated_optimum=optimum)


# -- MiniZinc data ---------------------------------------------------------------------------

_ASSIGNMENT = re.compile(r"^\s*([A-Za-z_]\w*)\s*=\s*(.*)$", re.S)
_FORMS = {
    # MiniZinc benchmarks (talent_scheduling): numScenes, numActors, ia, c, d.
    "minizinc": ("numScenes", "numActors", "ia", "c", "d"),
    # CSPLib prob039 (rehearsal): num_pieces, num_players, rehearsal, (no rates), duration.
    "csplib": ("num_pieces", "num_players", "rehearsal", None, "duration"),
}


def parse_dzn(text: str, path: str = "<text>") -> TalentInstance:
    """Parse MiniZinc data of the MiniZinc benchmarks or of CSPLib prob039."""
    values = _dzn_assignments(text, path)
    for form, (n_key, m_key, matrix_key, rates_key, durations_key) in _FORMS.items():
        if n_key in values:
            break
    else:
        raise InputError("no numScenes (MiniZinc benchmarks) nor num_pieces (CSPLib prob039)",
                         path=path, line=1)
    n = int(_scalar(values, n_key, path, positive=True))
    m = int(_scalar(values, m_key, path))
    matrix = _array(values, matrix_key, path, n * m, binary=True)
    durations = _array(values, durations_key, path, n, positive=True)
    rates = _array(values, rates_key, path, m) if rates_key else [1] * m
    name = Path(path).stem if path != "<text>" else form
    return TalentInstance.from_arrays(durations, rates, np.reshape(matrix, (m, n)), name=name)


def _dzn_assignments(text: str, path: str) -> dict[str, tuple[str, int]]:
    """Split MiniZinc data into ``name -> (value text, line)``, comments removed."""
    cleaned = re.sub(r"%[^\n]*", "", text)
    values, offset = {}, 0
    for statement in cleaned.split(";"):
        line = cleaned.count("\n", 0, offset + len(statement) - len(statement.lstrip())) + 1
        offset += len(statement) + 1
        if not statement.strip():
            continue
        match = _ASSIGNMENT.match(statement)
        if not match:
            raise InputError(f"expected NAME = VALUE, found {statement.strip()[:40]!r}",
                             path=path, line=line)
        values[match.group(1)] = (match.group(2), line)
    return values


def _lookup(values, key: str, path: str) -> tuple[str, int]:
    if key not in values:
        raise InputError(f"{key} is missing", path=path, line=1, field=key)
    return values[key]


def _scalar(values, key: str, path: str, *, positive: bool = False) -> float:
    text, line = _lookup(values, key, path)
    numbers = _numbers(text, key, path, line, whole=True, positive=positive)
    if len(numbers) != 1:
        raise InputError(f"{key} must be one whole number", path=path, line=line, field=key)
    return numbers[0]


def _array(values, key: str, path: str, size: int, **checks) -> list[float]:
    text, line = _lookup(values, key, path)
    body = re.sub(r"^\s*array\dd\s*\((?:[^,]*,)+?\s*\[", "[", text.strip())
    numbers = _numbers(body, key, path, line, **checks)
    if len(numbers) != size:
        raise InputError(f"{key} has {len(numbers)} values, expected {size}",
                         path=path, line=line, field=key)
    return numbers


def _numbers(text: str, key: str, path: str, line: int, **checks) -> list[float]:
    """Read the numbers of a MiniZinc literal: ``3``, ``[1, 2]``, ``[| 1, 0 | 0, 1 |]``."""
    tokens = [t for t in re.split(r"[\s,\[\]|()]+", text) if t]
    numbers = []
    for token in tokens:
        try:
            value = float(token)
        except ValueError:
            raise InputError(f"expected a number, found {token!r}", path=path, line=line,
                             field=key)
        problem = _number_problem(value, whole=checks.get("whole", False),
                                  positive=checks.get("positive", False),
                                  binary=checks.get("binary", False))
        if problem:
            raise InputError(f"a value {problem}, found {token!r}", path=path, line=line,
                             field=key)
        numbers.append(_number(value))
    return numbers
