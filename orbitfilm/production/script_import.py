"""Turn a Fountain screenplay into a production: scenes, cast, locations and conditions.

- Each scene heading opens a scene; its number (``#12#``) is the scene id, else its place.
- The heading's location becomes a location id (``INT. ZVEZDA - ORBITAL NIGHT`` -> ``zvezda``).
- The time of day becomes conditions: ``ORBITAL DAY/NIGHT/SUNRISE/SUNSET`` the light aboard,
  ``EARTH BELOW DAY/NIGHT`` the Earth below; plain ``DAY``/``NIGHT`` makes a ground scene.
- Notes of the form ``[[over: RU]]``, ``[[contact: tsup]]``, ``[[light: sunrise]]``,
  ``[[earth: lit]]`` or ``[[conditions: penumbra]]`` in a scene add conditions; other notes
  are ignored, as the spec says.
- Character cues (extensions and dual dialogue aside) become the cast, and so does a
  character whose name the action writes in capitals (``ZHENYA floats in.``, the
  screenplay's convention for someone on screen), each such addition with a note to review.
  Only characters count: those with a cue somewhere in the script, or those the base
  production's people play; other capitals (``BANG``, ``ISS``, ``MS-19``) are left alone.
- The scene's length in eighths of a page gives the time to shoot (see ``ImportRates``).
- Breakdown tags (Final Draft's TagData) add to the scene: a cast member to its cast, a
  synopsis or a sequence to those, anything else (props, wardrobe ...) to its ``elements``
  by category (``production.breakdown``); set, INT/EXT and time of day come from the heading.

Every script format is read into the same ``Screenplay`` (``fountain.parse_fountain``,
``formats.finaldraft.parse_fdx``) and goes through these rules once (``import_screenplay``).
"""

from __future__ import annotations

import math
import os
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ..errors import InputError
from ..files import check_output_file, write_text_atomic
from .breakdown import CAST_KEY, HEADING_KEYS, category_key
from .catalogue import GROUND_PLACES, STATION_MODULES
from .files import read_text
from .fountain import Element, Note, Screenplay, parse_fountain
from .model import slug
from .tomlwrite import dumps

# The page of the standard screenplay format: 12-point Courier (10 characters an inch, 6
# lines an inch) on US Letter with 1-inch top and bottom margins: 9 in x 6 = 54 lines.
# Action and headings run 6.0 in (60 characters), dialogue 3.5 in (35), parentheticals
# 2.5 in (25): the widths of the format as screenwriting software sets them.
PAGE_LINES = 54
WIDTHS = {"action": 60, "scene_heading": 60, "dialogue": 35, "parenthetical": 25,
          "lyrics": 35, "centered": 60, "transition": 60, "character": 38}
# Elements followed by a blank line on the page (a dialogue block ends after its last line).
BLANK_AFTER = {"scene_heading", "action", "transition", "centered", "lyrics"}

ORBITAL_TIMES = {"ORBITAL DAY": ("light", "day"), "ORBITAL NIGHT": ("light", "night"),
                 "ORBITAL SUNRISE": ("light", "sunrise"), "ORBITAL SUNSET": ("light", "sunset"),
                 "EARTH BELOW DAY": ("earth", "lit"), "EARTH BELOW NIGHT": ("earth", "dark"),
                 "EARTH BELOW LIT": ("earth", "lit"), "EARTH BELOW DARK": ("earth", "dark")}
GROUND_TIMES = {"DAY": "day", "NIGHT": "night", "MORNING": "day", "AFTERNOON": "day",
                "EVENING": "night", "DAWN": "any", "DUSK": "any", "CONTINUOUS": "any",
                "LATER": "any", "MOMENTS LATER": "any", "SAME": "any", "SAME TIME": "any"}
NOTE_KEYS = ("light", "earth", "over", "contact", "conditions")
PREFIX = re.compile(r"^(?:INT\./EXT|INT/EXT|EXT\./INT|EXT/INT|I/E|INT|EXT|EST)\.?\s+",
                    re.IGNORECASE)


@dataclass(frozen=True)
class ImportRates:
    """How a page of script becomes shooting time.

    Aboard, time is scarce and every set-up is slow: by default a page (eight eighths) takes
    60 minutes to shoot. A ground unit shoots about 3 pages a day, the usual pace of a
    feature. Both are estimates to refine by hand.
    """

    orbital_min_per_page: float = 60.0
    ground_pages_per_day: float = 3.0
    setup_min: float = 15.0


@dataclass
class ScriptScene:
    """A scene as the script gives it."""

    id: str
    heading: str
    location_text: str
    line: int
    orbital: bool
    conditions: dict = field(default_factory=dict)
    cast: list[str] = field(default_factory=list)
    synopsis: str = ""
    page_lines: int = 0
    action: list[str] = field(default_factory=list)
    # Characters the action names in capitals who have no cue in the scene, as written.
    cast_from_action: list[str] = field(default_factory=list)
    sequence: str | None = None
    elements: dict[str, list[str]] = field(default_factory=dict)
    # What a breakdown file gives outright: the length, and fields of the production's scene
    # (shoot_min, days, preferred_days ...) that replace the estimates from the rates.
    given_eighths: int | None = None
    given_location: str | None = None
    given: dict = field(default_factory=dict)

    @property
    def eighths(self) -> int:
        """Return the scene's length in eighths of a page, at least one."""
        if self.given_eighths is not None:
            return max(1, self.given_eighths)
        return max(1, round(self.page_lines * 8 / PAGE_LINES))

    @property
    def location(self) -> str:
        return self.given_location or location_id(self.location_text)


# -- headings ---------------------------------------------------------------------------

def location_id(location_text: str) -> str:
    """Return the location id of a heading's place: a station module's id when one is named
    (the place as a whole, its last part, or its first: ``KIBO - CALL HOME`` is in Kibo)."""
    whole = slug(location_text)
    if whole in STATION_MODULES or whole in GROUND_PLACES:
        return whole
    parts = [slug(part) for part in location_text.split(" - ")]
    named = next((part for part in (parts[-1], parts[0]) if part in STATION_MODULES), None)
    return named or whole or "unknown"


def split_heading(heading: str) -> tuple[str, dict, str | None]:
    """Return (place, orbital conditions, ground time of day) of a scene heading."""
    body = PREFIX.sub("", heading.strip())
    parts = [part.strip() for part in re.split(r"\s+[-\u2013\u2014]+\s+", body) if part.strip()]
    conditions, ground_time = {}, None
    while len(parts) > 1:
        last = " ".join(parts[-1].upper().split())
        if last in ORBITAL_TIMES:
            key, value = ORBITAL_TIMES[last]
            conditions.setdefault(key, value)
        elif last in GROUND_TIMES and ground_time is None:
            ground_time = GROUND_TIMES[last]
        else:
            break
        parts.pop()
    return " - ".join(parts), conditions, ground_time


def _scene_from_heading(element: Element, ordinal: int) -> ScriptScene:
    return scene_from_heading(element.text, element.scene_number or str(ordinal), element.line)


def scene_from_heading(heading: str, scene_id: str, line: int = 0) -> ScriptScene:
    """Return the scene a heading opens: its place, whether it is aboard, its conditions."""
    place, conditions, ground_time = split_heading(heading)
    module = location_id(place) in STATION_MODULES
    orbital = bool(conditions) or (module and ground_time in (None, "any"))
    if not orbital and ground_time and ground_time != "any":
        conditions = {"light": ground_time}
    return ScriptScene(scene_id, heading, place, line, orbital, conditions)


# -- scenes -----------------------------------------------------------------------------

def script_scenes(screenplay: Screenplay, played: Iterable[str] = ()) -> list[ScriptScene]:
    """Return the scenes of a screenplay with their cast, conditions and page length.

    ``played`` names characters besides the script's own cues that the action may bring
    into a scene (the characters a base production's people play).
    """
    scenes: list[ScriptScene] = []
    for element in screenplay.elements:
        if element.kind == "scene_heading":
            scenes.append(_scene_from_heading(element, len(scenes) + 1))
        elif scenes:
            _add_element(scenes[-1], element)
        if scenes:
            scenes[-1].page_lines += _printed_lines(element)
            _add_tags(scenes[-1], element.tags)
    _apply_notes(scenes, screenplay.notes)
    unique_ids(scenes)
    cues = [e.text for e in screenplay.elements if e.kind == "character"]
    _cast_from_action(scenes, cues, played)
    return scenes


def _add_element(scene: ScriptScene, element: Element) -> None:
    if element.kind == "character":
        name = slug(element.text)
        if name and name not in scene.cast:
            scene.cast.append(name)
    elif element.kind == "synopsis":
        scene.synopsis = (scene.synopsis + " " + element.text).strip()
    elif element.kind == "action":
        scene.action.append(element.text)


def _add_tags(scene: ScriptScene, tags: list[tuple[str, str]]) -> None:
    """Add an element's breakdown tags to its scene (see the module's docstring)."""
    for category, name in tags:
        key, name = category_key(category), " ".join(name.split())
        if not name or key in HEADING_KEYS:
            continue
        if key == CAST_KEY:
            if slug(name) and slug(name) not in scene.cast:
                scene.cast.append(slug(name))
        elif key == "synopsis":
            scene.synopsis = scene.synopsis or name
        elif key == "sequence":
            scene.sequence = scene.sequence or name
        elif name not in scene.elements.setdefault(key, []):
            scene.elements[key].append(name)


def _names_pattern(spellings: Iterable[str]) -> re.Pattern | None:
    """Return a pattern that finds these names in a text, or None for none.

    A name is found as a whole word (``ANTON`` is not in ``ANTONOV``, ``BRIEN`` not in
    ``O'BRIEN``), before an apostrophe (``ZHENYA'S``), across a line break where it has
    several words, and only in the case given: ``ANTON`` is not ``Anton``.
    """
    spellings = {" ".join(name.split()) for name in spellings if slug(name)}
    if not spellings:
        return None
    # Longest first, so that BRICK BRADDOCK is one match, not BRICK and a stray word.
    words = [r"\s+".join(map(re.escape, spelling.split()))
             for spelling in sorted(spellings, key=len, reverse=True)]
    # A letter or digit may not touch the name; Fountain's emphasis (_UNDERLINED_) may.
    return re.compile(r"(?<![^\W_])(?<![^\W_]['’])(" + "|".join(words) + r")(?![^\W_])")


def _cast_from_action(scenes: list[ScriptScene], cues: list[str], played: Iterable[str]) -> None:
    """Add to each scene's cast the characters its action names in capitals.

    A cue the writer forced to mixed case (``@McCLANE``) is looked for as it is written.
    """
    pattern = _names_pattern([*cues, *(name.upper() for name in [*cues, *played])])
    if pattern is None:
        return
    for scene in scenes:
        for text in scene.action:
            for match in pattern.finditer(text):
                written = " ".join(match.group(1).split())
                if slug(written) not in scene.cast:
                    scene.cast.append(slug(written))
                    scene.cast_from_action.append(written)


def cast_notes(scenes: list[ScriptScene]) -> list[str]:
    """Return a line for each character the action added to a scene's cast, to review."""
    return [f"scene {scene.id}: {name} is in the action, added to the cast"
            for scene in scenes for name in scene.cast_from_action]


def _printed_lines(element: Element) -> int:
    """Return the lines an element fills on the page, with the blank line after it."""
    width = WIDTHS.get(element.kind)
    if width is None:
        return 0
    wrapped = sum(max(1, len(textwrap.wrap(line, width))) for line in element.text.split("\n"))
    # A character cue opens a dialogue block, which a blank line precedes on the page.
    return wrapped + (element.kind in BLANK_AFTER) + (element.kind == "character")


def _apply_notes(scenes: list[ScriptScene], notes: list[Note]) -> None:
    """Read ``[[key: value]]`` notes into the conditions of the scene they stand in."""
    starts = [scene.line for scene in scenes]
    for note in notes:
        inside = [i for i, start in enumerate(starts) if start <= note.line]
        if inside:
            apply_note(scenes[inside[-1]], note.text)


def apply_note(scene: ScriptScene, text: str) -> bool:
    """Read one ``key: value`` note (``over: RU``) into a scene; return whether it was one."""
    match = re.fullmatch(r"\s*([A-Za-z_]+)\s*:\s*(.+?)\s*", text)
    if not match or match.group(1).lower() not in NOTE_KEYS:
        return False
    key, value = match.group(1).lower(), match.group(2)
    if key == "conditions":
        names = [v.strip() for v in value.split(",") if v.strip()]
        scene.conditions["conditions"] = scene.conditions.get("conditions", []) + names
    else:
        scene.conditions[key] = value.strip()
    return True


def unique_ids(scenes: list[ScriptScene]) -> None:
    """Make scene ids unique: a second ``12`` becomes ``12-2``."""
    seen: set[str] = set()
    for scene in scenes:
        base, suffix = scene.id, 2
        while scene.id in seen:
            scene.id, suffix = f"{base}-{suffix}", suffix + 1
        seen.add(scene.id)


# -- the production document --------------------------------------------------------------

def scene_entry(scene: ScriptScene, rates: ImportRates) -> dict:
    """Return a scene as the production file writes it."""
    entry = {"id": scene.id, "heading": scene.heading}
    if scene.synopsis:
        entry["synopsis"] = scene.synopsis
    entry.update({"location": scene.location, "cast": scene.cast, "eighths": scene.eighths})
    pages = scene.eighths / 8.0
    if scene.orbital:
        entry["setup_min"] = rates.setup_min
        entry["shoot_min"] = float(max(1, round(pages * rates.orbital_min_per_page)))
    else:
        entry["days"] = max(0.25, math.ceil(pages / rates.ground_pages_per_day * 4) / 4)
    entry.update(scene.conditions)
    if scene.sequence:
        entry["sequence"] = scene.sequence
    if scene.elements:
        entry["elements"] = {key: list(names) for key, names in scene.elements.items()}
    entry.update(scene.given)
    if "shoot_min" in scene.given or "days" in scene.given:
        # A breakdown's own duration decides whether the scene is counted in days.
        entry.pop("days" if "shoot_min" in scene.given else "shoot_min", None)
    return entry


def location_entry(scene: ScriptScene) -> dict:
    """Return a location for a scene's place: from the catalogue when it is known there."""
    key = scene.location
    if key in STATION_MODULES:
        known = STATION_MODULES[key]
        return {"id": key, "name": known["name"], "kind": "module",
                "earth_view": known["earth_view"]}
    entry = {"id": key, "name": scene.location_text.title(),
             "kind": "module" if scene.orbital else "ground"}
    if key in GROUND_PLACES:
        entry.update(name=GROUND_PLACES[key]["name"], lat_deg=GROUND_PLACES[key]["lat_deg"],
                     lon_deg=GROUND_PLACES[key]["lon_deg"])
    return entry


def production_document(screenplay: Screenplay, rates: ImportRates = ImportRates(),
                        base: dict | None = None) -> dict:
    """Return the production a screenplay describes, on top of a base production's document.

    Without a base the mission is left for a person to fill in (``check`` will ask for it).
    """
    return scenes_document(screenplay, script_scenes(screenplay, played_characters(base)),
                           rates, base)


def played_characters(document: dict | None) -> list[str]:
    """Return the characters the people of a production document play."""
    # The base is read as plain TOML, not yet checked: skip what is not a list of names.
    people = (document or {}).get("people")
    plays = [person.get("plays") for person in people if isinstance(person, dict)] \
        if isinstance(people, list) else []
    return [name for names in plays if isinstance(names, list)
            for name in names if isinstance(name, str)]


def scenes_document(screenplay: Screenplay | None, scenes: list[ScriptScene],
                    rates: ImportRates, base: dict | None, title: str | None = None) -> dict:
    """Return the production of a script's scenes on top of a base document."""
    document = dict(base or {})
    document.setdefault("title", title or (_plain_title(screenplay) if screenplay else None)
                        or "Untitled")
    document.setdefault("mission", {})
    document["people"] = list(document.get("people", [])) + _new_people(scenes, document)
    document["locations"] = list(document.get("locations", [])) + _new_locations(scenes, document)
    document["scenes"] = [scene_entry(scene, rates) for scene in scenes]
    return document


def _plain_title(screenplay: Screenplay) -> str | None:
    title = screenplay.title
    return re.sub(r"[*_]+", "", " ".join(title.split())) if title else None


def _new_people(scenes: list[ScriptScene], document: dict) -> list[dict]:
    """Return a person for each character nobody in the base plays yet."""
    played = {slug(str(name)) for person in document.get("people", [])
              for name in [person.get("id", ""), *person.get("plays", [])]}
    people: dict[str, dict] = {}
    for scene in scenes:
        for name in scene.cast:
            if name in played:
                continue
            person = people.setdefault(name, {"id": name, "name": name.replace("-", " ").title(),
                                              "roles": ["cast"], "plays": [name.upper()],
                                              "aboard": "ground"})
            if scene.orbital:
                person["aboard"] = "mission"
    return list(people.values())


def _new_locations(scenes: list[ScriptScene], document: dict) -> list[dict]:
    known = {location.get("id") for location in document.get("locations", [])}
    found: dict[str, dict] = {}
    for scene in scenes:
        if scene.location not in known:
            found.setdefault(scene.location, location_entry(scene))
    return list(found.values())


MISSION_HELP = """# Fill in the mission before `orbitfilm check`: the docking (or the launch) and the
# undocking, ISO 8601 UTC, e.g.
#   docking = 2021-10-05T12:22:31Z
#   undocking = 2021-10-17T01:14:00Z
"""


def production_toml(document: dict, source: str) -> str:
    """Return the production document as TOML, with a header that says where it came from."""
    text = f"# Imported from {source} by orbitfilm import.\n" + dumps(document)
    if not document.get("mission"):
        text = text.replace("\n[mission]\n", "\n[mission]\n" + MISSION_HELP, 1)
    return text


# -- files ------------------------------------------------------------------------------

@dataclass
class ImportResult:
    """What an import wrote."""

    output: Path
    scenes: int
    people_added: int
    locations_added: int
    # What a producer should review, one line each (see ``cast_notes``).
    notes: list[str] = field(default_factory=list)


def import_fountain(script: str | Path, output: str | Path, *, force: bool = False,
                    rates: ImportRates = ImportRates(), base: str | Path | None = None
                    ) -> ImportResult:
    """Read a Fountain script and write the production it describes (never over a file
    unless ``force``)."""
    return import_screenplay(lambda path: parse_fountain(read_text(path)), script, output,
                             force=force, rates=rates, base=base,
                             no_scenes="no scene headings (INT./EXT. or a forced '.' heading) "
                                       "in the script")


def import_screenplay(parse: Callable[[Path], Screenplay], script: str | Path,
                      output: str | Path, *, force: bool = False,
                      rates: ImportRates = ImportRates(), base: str | Path | None = None,
                      no_scenes: str = "no scene headings in the script") -> ImportResult:
    """Read a script with ``parse`` and write the production it describes (never over a
    file unless ``force``): the one path of every script format."""
    script, output = Path(script), Path(output)
    check_output_file(output, force=force)
    screenplay = parse(script)
    if not any(e.kind == "scene_heading" for e in screenplay.elements):
        raise InputError(no_scenes, path=str(script))
    base_document = read_base(Path(base), output.parent) if base else None
    scenes = script_scenes(screenplay, played_characters(base_document))
    document = scenes_document(screenplay, scenes, rates, base_document)
    return write_production(document, scenes, script, output, base_document)


def write_production(document: dict, scenes: list[ScriptScene], script: Path, output: Path,
                     base_document: dict | None) -> ImportResult:
    """Write an imported production document and say what it added to the base."""
    write_text_atomic(output, production_toml(document, script.name))
    before_people = len(base_document.get("people", [])) if base_document else 0
    before_locations = len(base_document.get("locations", [])) if base_document else 0
    return ImportResult(output, len(document["scenes"]), len(document["people"]) - before_people,
                        len(document["locations"]) - before_locations, cast_notes(scenes))


def read_base(path: Path, output_dir: Path) -> dict:
    """Return a base production's document without its scenes, its file paths re-rooted."""
    # Here, not at the top: the loader brings the orbit's checks, and the report renderers
    # (report.scenes, formats.uss) use this module's heading rules without any orbit code.
    from .loader import parse_toml

    document = parse_toml(read_text(path), str(path))
    document.pop("scenes", None)

    def rerooted(relative: str) -> str:
        # Keep a path named in the base working from wherever the output is written.
        if Path(relative).is_absolute():
            return relative
        return os.path.relpath(path.parent / relative, output_dir)

    mission = document.get("mission")
    if isinstance(mission, dict) and isinstance(mission.get("elements"), str):
        mission["elements"] = rerooted(mission["elements"])
    for region in document.get("regions", []) if isinstance(document.get("regions"), list) else []:
        if isinstance(region, dict) and isinstance(region.get("geojson"), str):
            region["geojson"] = rerooted(region["geojson"])
    return document

