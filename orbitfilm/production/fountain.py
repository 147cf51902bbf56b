"""Read a screenplay in the Fountain format (fountain.io, "Syntax", version 1.1).

``parse_fountain`` turns the text into a title page and a flat list of ``Element``s (scene
headings, action, character cues, parentheticals, dialogue, transitions, sections,
synopses ...), each with the line it starts on. Notes (``[[...]]``) are kept aside with
their lines, boneyard (``/* ... */``) is dropped, as the spec says.

The rules follow the spec; where it leaves room, this reader is forgiving in one place: a
line starting ``INT``/``EXT`` after a blank line is a scene heading even when the next line
is not blank (the spec asks for a blank line after; writers often forget it, and reading
such a line as a character cue would be the worse mistake).

No maintained Fountain parser on the package registry fits (the few there are unmaintained
since 2016-2020, or new and untried, and none reports source lines), so this one is ours and
is tested with the spec's own examples.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

HEADING_PREFIX = re.compile(r"^(?:INT\./EXT|INT/EXT|EXT\./INT|EXT/INT|I/E|INT|EXT|EST)[. ]",
                            re.IGNORECASE)
SCENE_NUMBER = re.compile(r"\s*#([A-Za-z0-9.\-]+)#\s*$")
TITLE_KEY = re.compile(r"^([A-Za-z][A-Za-z0-9 _-]*):\s*(.*)$")
CHARACTER_EXTENSION = re.compile(r"\(([^)]*)\)")
TRANSITION = re.compile(r"^[A-Z0-9 .'\-]*TO:$")


@dataclass
class Element:
    """One element of a screenplay, with the (1-based) line of the source it starts on."""

    kind: str
    text: str
    line: int
    scene_number: str | None = None
    extensions: list[str] = field(default_factory=list)
    dual: bool = False
    depth: int = 0
    # Breakdown tags on the element's text, (category, name): Final Draft's TagData.
    tags: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Note:
    """A note ``[[...]]`` with the line it opens on."""

    text: str
    line: int


@dataclass
class Screenplay:
    """A parsed Fountain screenplay."""

    title_page: dict[str, str]
    elements: list[Element]
    notes: list[Note]

    @property
    def title(self) -> str | None:
        return self.title_page.get("title")


def parse_fountain(text: str) -> Screenplay:
    """Parse Fountain text into its title page, elements and notes."""
    lines, notes = _clean(text)
    title_page, first = _title_page(lines)
    return Screenplay(title_page, _Body(lines[first:]).elements(), notes)


# -- boneyard and notes ---------------------------------------------------------------------

def _clean(text: str) -> tuple[list[tuple[int, str]], list[Note]]:
    """Return the lines without boneyard and notes, each with its source line, and the notes.

    A line that held nothing but removed material is dropped, so it does not read as a
    blank line that would end a dialogue block.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    keep = [True] * len(text)
    for match in re.finditer(r"/\*.*?\*/", text, re.DOTALL):
        keep[match.start():match.end()] = [False] * (match.end() - match.start())
    notes = []
    for match in re.finditer(r"\[\[(.*?)\]\]", text, re.DOTALL):
        body = match.group(1)
        if re.search(r"\n\s*\n", body.replace("\n  \n", "\n..\n")) or not all(
                keep[match.start():match.end()]):
            continue
        notes.append(Note(" ".join(body.split()), text.count("\n", 0, match.start()) + 1))
        keep[match.start():match.end()] = [False] * (match.end() - match.start())
    return _lines_kept(text, keep), notes


def _lines_kept(text: str, keep: list[bool]) -> list[tuple[int, str]]:
    lines, current, removed, line, start_line = [], [], False, 1, 1

    def close() -> None:
        body = "".join(current)
        if body.strip() or not removed:
            lines.append((start_line, body))

    for char, kept in zip(text, keep):
        if char == "\n" and kept:
            close()
            current, removed, start_line = [], False, line + 1
        elif kept:
            current.append(char)
        else:
            removed = True
        if char == "\n":
            line += 1
    close()
    return lines


# -- title page -----------------------------------------------------------------------------

def _title_page(lines: list[tuple[int, str]]) -> tuple[dict[str, str], int]:
    """Return the title page's keys (lower case) and the index of the first body line."""
    if not lines or not TITLE_KEY.match(lines[0][1]) or HEADING_PREFIX.match(lines[0][1]):
        return {}, 0
    page, key, index = {}, None, 0
    while index < len(lines) and lines[index][1].strip():
        body = lines[index][1]
        match = TITLE_KEY.match(body)
        if match and not body.startswith((" ", "\t")):
            key = match.group(1).strip().lower()
            page[key] = match.group(2).strip()
        elif key is not None:
            page[key] = (page[key] + "\n" + body.strip()).strip()
        index += 1
    return page, index


# -- body -----------------------------------------------------------------------------------

class _Body:
    """The rules of the spec, applied line by line with the blank lines around each."""

    def __init__(self, lines: list[tuple[int, str]]):
        self.lines = lines
        self.found: list[Element] = []

    def blank(self, index: int) -> bool:
        """Return whether line ``index`` is blank (outside the text counts as blank)."""
        return not (0 <= index < len(self.lines)) or not self.lines[index][1].strip()

    def elements(self) -> list[Element]:
        index, in_dialogue = 0, False
        while index < len(self.lines):
            number, body = self.lines[index]
            if in_dialogue and (body.strip() or body == "  "):
                self._dialogue_line(number, body)
            else:
                in_dialogue = False
                if body.strip():
                    in_dialogue = self._line(index, number, body)
            index += 1
        return self.found

    def _dialogue_line(self, number: int, body: str) -> None:
        text = body.strip()
        if text.startswith("(") and text.endswith(")"):
            self.found.append(Element("parenthetical", text, number))
        elif self.found and self.found[-1].kind == "dialogue":
            self.found[-1].text += "\n" + text
        else:
            self.found.append(Element("dialogue", text, number))

    def _line(self, index: int, number: int, body: str) -> bool:
        """Add the element of a non-blank line; return whether a dialogue block opens."""
        text = body.strip()
        before, after = self.blank(index - 1), self.blank(index + 1)
        for rule in (self._page_break, self._section, self._synopsis, self._forced,
                     self._heading, self._centered, self._transition):
            element = rule(text, before, after, number)
            if element is not None:
                self.found.append(element)
                return False
        if before and not after and self._is_character(text):
            cue = character_cue(text, number)
            if cue.dual:
                # The spec marks the second cue with '^'; both speak at once.
                previous = [e for e in self.found if e.kind == "character"]
                if previous:
                    previous[-1].dual = True
            self.found.append(cue)
            return True
        self._action(body, number, before)
        return False

    # Each rule returns an Element or None.
    @staticmethod
    def _page_break(text, before, after, number):
        return Element("page_break", "", number) if re.fullmatch(r"={3,}", text) else None

    @staticmethod
    def _section(text, before, after, number):
        if not text.startswith("#"):
            return None
        depth = len(text) - len(text.lstrip("#"))
        return Element("section", text[depth:].strip(), number, depth=depth)

    @staticmethod
    def _synopsis(text, before, after, number):
        if text.startswith("=") and not text.startswith("=="):
            return Element("synopsis", text[1:].strip(), number)
        return None

    @staticmethod
    def _forced(text, before, after, number):
        if text.startswith(".") and not text.startswith("..") and len(text) > 1:
            return _heading(text[1:], number)
        if text.startswith("!"):
            return Element("action", text[1:], number)
        if text.startswith("~"):
            return Element("lyrics", text[1:].strip(), number)
        if text.startswith(">") and not text.endswith("<"):
            return Element("transition", text[1:].strip(), number)
        return None

    @staticmethod
    def _heading(text, before, after, number):
        return _heading(text, number) if before and HEADING_PREFIX.match(text) else None

    @staticmethod
    def _centered(text, before, after, number):
        if text.startswith(">") and text.endswith("<"):
            return Element("centered", text[1:-1].strip(), number)
        return None

    @staticmethod
    def _transition(text, before, after, number):
        if before and after and TRANSITION.fullmatch(text):
            return Element("transition", text, number)
        return None

    @staticmethod
    def _is_character(text: str) -> bool:
        if text.startswith("@"):
            return len(text) > 1
        name = CHARACTER_EXTENSION.sub("", text).rstrip("^").strip()
        return bool(re.search(r"[A-Z]", name)) and name == name.upper() \
            and not text.startswith(("(", "!", "~", "=", "#"))

    def _action(self, body: str, number: int, before: bool) -> None:
        last = self.found[-1] if self.found else None
        if last is not None and last.kind == "action" and not before:
            last.text += "\n" + body.rstrip()
        else:
            self.found.append(Element("action", body.rstrip(), number))


def _heading(text: str, number: int) -> Element:
    match = SCENE_NUMBER.search(text)
    scene_number = match.group(1) if match else None
    heading = text[:match.start()] if match else text
    return Element("scene_heading", heading.strip(), number, scene_number=scene_number)


def character_cue(text: str, number: int) -> Element:
    """Return a character cue: the name, its extensions (``(O.S.)``), dual dialogue (``^``)."""
    dual = text.rstrip().endswith("^")
    text = text.rstrip().rstrip("^").strip()
    if text.startswith("@"):
        text = text[1:]
    extensions = [e.strip() for e in CHARACTER_EXTENSION.findall(text)]
    name = CHARACTER_EXTENSION.sub("", text).strip()
    return Element("character", name, number, extensions=extensions, dual=dual)
