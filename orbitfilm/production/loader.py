"""Read a production file: TOML syntax, the shape of every value, then the meaning of the whole.

Every mistake found is reported at once, each as ``FILE:LINE: message (field.path)``. Items
of a list (a scene, a person) whose shape is wrong are set aside so that the checks of the
meaning still run on the rest. Nothing here touches the orbit: a docking left to the launch
finder is filled in by the flight stage (``orbitfilm.mission``), which then checks the
times that depend on it.
"""

from __future__ import annotations

import copy
import difflib
import re
import tomllib
import typing
from pathlib import Path

from pydantic import BaseModel, ValidationError

from ..errors import InputError, InputErrors
from .checks import check_production
from .files import read_text
from .mistakes import Mistake, as_input_error, ordered
from .model import Production
from .tomlindex import TomlIndex

LIST_SECTIONS = ("people", "locations", "scenes", "units", "ground_stations", "regions")
_KIND = {"people": "person", "locations": "location", "scenes": "scene", "units": "unit",
         "ground_stations": "ground station", "regions": "region"}


def load_production(path: str | Path) -> Production:
    """Read and check a production file; raise ``InputErrors`` listing every mistake."""
    path = Path(path)
    try:
        text = read_text(path)
    except InputError as error:
        raise InputErrors([error]) from None
    return parse_production(text, source=str(path), base_dir=path.parent)


def parse_production(text: str, source: str = "<production>",
                     base_dir: Path | None = None) -> Production:
    """Parse and check a production from TOML text; raise ``InputErrors`` listing every mistake."""
    data = parse_toml(text, source)
    index = TomlIndex(text)
    production, mistakes, origin, set_aside = validate_shape(data)
    if production is not None:
        production.came_from(source, base_dir, index)
        mistakes += [_remap(m, origin) for m in check_production(production, set_aside)]
    if mistakes:
        raise InputErrors([as_input_error(m, index, source) for m in ordered(mistakes, index)])
    return production


def parse_toml(text: str, source: str) -> dict:
    """Return the TOML document, or raise ``InputErrors`` with the syntax error's line."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
        line = int(match.group(1)) if match else None
        if match:
            message = f"{message[:match.start()]} at column {match.group(2)}"
        elif "end of document" in message:
            line = text.count("\n") + 1
            message = message.replace("(at end of document)", "at the end of the file").strip()
        raise InputErrors([InputError(f"TOML syntax: {message}", path=source, line=line)]) \
            from None


# -- the shape of values: pydantic ----------------------------------------------------------

def validate_shape(data: dict):
    """Validate with pydantic; return (production or None, mistakes, origin, set-aside ids).

    When only items of the lists are wrong, they are set aside and the rest is validated
    again, so the checks of references can still run: ``origin`` maps each kept item back to
    its index in the file and ``set_aside`` holds the ids of the items set aside (references
    to them are not reported as unknown).
    """
    origin = {name: list(range(len(data.get(name, []) or []))) for name in LIST_SECTIONS
              if isinstance(data.get(name), list)}
    try:
        return Production.model_validate(data), [], origin, set()
    except ValidationError as error:
        errors = error.errors()
    mistakes = [friendly(e, data) for e in errors]
    if not all(_in_list_item(e["loc"]) for e in errors):
        return None, mistakes, origin, set()
    bad_items = {(e["loc"][0], e["loc"][1]) for e in errors}
    pruned, set_aside = _without(data, bad_items, origin)
    try:
        return Production.model_validate(pruned), mistakes, origin, set_aside
    except ValidationError:
        return None, mistakes, origin, set()


def _in_list_item(loc) -> bool:
    return len(loc) >= 2 and loc[0] in LIST_SECTIONS and isinstance(loc[1], int)


def _without(data: dict, bad_items: set, origin: dict):
    pruned, set_aside = copy.copy(data), set()
    for name in {name for name, _ in bad_items}:
        drop = {index for section, index in bad_items if section == name}
        items = data[name]
        set_aside |= {str(name) for i in drop if isinstance(items[i], dict)
                      for name in _names_of(items[i])}
        origin[name] = [i for i in range(len(items)) if i not in drop]
        pruned[name] = [items[i] for i in origin[name]]
    return pruned, set_aside


def _names_of(item: dict) -> list:
    """Return the id of a raw item and the characters it plays, whatever their shape."""
    plays = item.get("plays")
    return [item.get("id"), *(plays if isinstance(plays, list) else [])]


def _remap(mistake: Mistake, origin: dict) -> Mistake:
    path = mistake.path
    if len(path) >= 2 and path[0] in origin and isinstance(path[1], int) \
            and path[1] < len(origin[path[0]]):
        path = (path[0], origin[path[0]][path[1]], *path[2:])
    return Mistake(mistake.message, path)


def friendly(error: dict, data: dict) -> Mistake:
    """Return a pydantic error as one plain sentence at its key path."""
    # Union members appear in pydantic's paths as tags such as "literal['a','b']": not keys.
    loc = tuple(p for p in error["loc"] if isinstance(p, int) or not set(p) & set("[(,"))
    kind, ctx, value = error["type"], error.get("ctx", {}), error.get("input")
    field = next((str(p) for p in reversed(loc) if isinstance(p, str)), "value")
    if kind == "missing":
        message = f"missing required field {field!r}"
    elif kind == "extra_forbidden":
        message = f"unknown field {field!r}" + _did_you_mean(field, _fields_at(loc[:-1]))
    elif kind in _BOUNDS:
        message = f"{field} must be {_BOUNDS[kind]} {ctx.get(_BOUND_KEY[kind]):g}, got {value!r}"
    elif kind == "literal_error":
        message = f"{field} must be one of {ctx.get('expected')}, got {value!r}"
    elif kind == "string_pattern_mismatch":
        message = (f"{value!r} is not a valid id: use letters, digits, '_', '.', '-' "
                   f"(no spaces), starting with a letter or digit")
    elif kind == "value_error":
        message = str(error["msg"]).removeprefix("Value error, ")
    else:
        message = f"{field}: {error['msg'][0].lower()}{error['msg'][1:]}, got {_short(value)}"
    return Mistake(_with_owner(message, loc, data), loc)


_BOUNDS = {"greater_than": "more than", "greater_than_equal": "at least",
           "less_than": "less than", "less_than_equal": "at most"}
_BOUND_KEY = {"greater_than": "gt", "greater_than_equal": "ge", "less_than": "lt",
              "less_than_equal": "le"}


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _with_owner(message: str, loc: tuple, data: dict) -> str:
    """Prefix the message with the item it concerns, e.g. ``scene 'cupola-1':``."""
    if not _in_list_item(loc):
        return message
    items = data.get(loc[0])
    item = items[loc[1]] if isinstance(items, list) and loc[1] < len(items) else None
    if isinstance(item, dict) and isinstance(item.get("id"), str):
        return f"{_KIND[loc[0]]} {item['id']!r}: {message}"
    return message


def _did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _fields_at(loc: tuple) -> list[str]:
    """Return the field names of the model at a key path (for 'did you mean')."""
    model: type[BaseModel] | None = Production
    for part in loc:
        if isinstance(part, int) or model is None:
            continue
        field = model.model_fields.get(part)
        model = _model_in(field.annotation) if field else None
    return list(model.model_fields) if model else []


def _model_in(annotation):
    """Return the model class inside an annotation (``list[Scene]``, ``Launch | None``)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in typing.get_args(annotation):
        found = _model_in(argument)
        if found:
            return found
    return None
