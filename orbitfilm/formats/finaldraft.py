"""Final Draft screenplays (``.fdx``) in: the XML read into the same ``Screenplay`` as Fountain.

A Final Draft file is ``<FinalDraft DocumentType="Script">`` whose ``<Content>`` holds
``<Paragraph Type="Scene Heading|Action|Character|Dialogue|Parenthetical|Transition|...">``
elements in order, each with ``<Text>`` runs. A scene heading's ``Number`` attribute is its
scene number; two speeches at once sit in ``<DualDialogue>`` inside a paragraph. The
breakdown lives in ``<TagData>``: ``<TagCategory Id Name>`` (Cast Members, Props ...),
``<TagDefinition CatId Id Label>`` (one element, e.g. "Sokol suit"), and ``<Tag Number>``
with its ``<DefId>``; a ``<Text TagNumber="N">`` run is tagged with it.

The paragraphs become ``fountain.Element``s (their ``line`` is the paragraph's place in the
script, counted from 1), so that ``script_import`` applies the one set of rules to every
script format. The file comes from outside: it is parsed with defusedxml, which refuses
entity expansion (billion laughs) and external entities.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element as XmlElement
from xml.etree.ElementTree import ParseError

import defusedxml
from defusedxml.ElementTree import fromstring

from ..errors import InputError
from ..production.fountain import Element, Screenplay, character_cue
from ..production.script_import import ImportRates, ImportResult, import_screenplay

# Final Draft's paragraph types as the Fountain reader's kinds. A shot or a general
# paragraph takes a line of action's width on the page; act breaks and outline paragraphs
# take none (no kind in ``script_import.WIDTHS``).
KINDS = {"Scene Heading": "scene_heading", "Action": "action", "Character": "character",
         "Dialogue": "dialogue", "Parenthetical": "parenthetical", "Transition": "transition",
         "Shot": "action", "General": "action", "Lyrics": "lyrics"}


def read_fdx(path: str | Path) -> Screenplay:
    """Read a Final Draft file into a ``Screenplay``; bad input raises ``InputError``."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=str(path)) from None
    except OSError as error:
        raise InputError(f"cannot read the file: {error.strerror}", path=str(path)) from None
    return parse_fdx(data, str(path))


def parse_fdx(data: bytes, source: str = "<fdx>") -> Screenplay:
    """Parse Final Draft XML into a ``Screenplay`` (title page, elements with their tags)."""
    root = _xml_root(data, source)
    if root.tag != "FinalDraft" or root.get("DocumentType", "Script") != "Script":
        what = f"<{root.tag} DocumentType={root.get('DocumentType')!r}>" \
            if root.tag == "FinalDraft" else f"<{root.tag}>"
        raise InputError(f"not a Final Draft screenplay: the document is {what}, not "
                         f"<FinalDraft DocumentType=\"Script\">", path=source)
    content = root.find("Content")
    if content is None:
        raise InputError("not a Final Draft screenplay: no <Content>", path=source)
    tags = _tag_names(root)
    elements: list[Element] = []
    for paragraph, dual in _paragraphs(content):
        element = _element(paragraph, len(elements) + 1, dual, tags)
        if element is not None:
            elements.append(element)
    return Screenplay(_title_page(root), elements, [])


def _xml_root(data: bytes, source: str) -> XmlElement:
    """Return the parsed document; malformed or hostile XML is one line naming its place."""
    try:
        return fromstring(data)
    except ParseError as error:
        line = error.position[0] if error.position else None
        message = str(error).split(":")[0]
        raise InputError(f"not well-formed XML: {message}", path=source, line=line) from None
    except defusedxml.DefusedXmlException as error:
        raise InputError(f"refused XML: {error}", path=source) from None


def _tag_names(root: XmlElement) -> dict[str, tuple[str, str]]:
    """Return each tag number's (category name, element name) from ``<TagData>``."""
    data = root.find("TagData")
    if data is None:
        return {}
    categories = {c.get("Id"): c.get("Name", "")
                  for c in data.iterfind("TagCategories/TagCategory")}
    definitions = {d.get("Id"): (categories.get(d.get("CatId"), "Other"), d.get("Label", ""))
                   for d in data.iterfind("TagDefinitions/TagDefinition")}
    found = {}
    for tag in data.iterfind("Tags/Tag"):
        definition = definitions.get((tag.findtext("DefId") or "").strip())
        if definition is not None and tag.get("Number"):
            found[tag.get("Number")] = definition
    return found


def _paragraphs(content: XmlElement):
    """Yield each paragraph in order with whether it is inside dual dialogue."""
    for paragraph in content.iterfind("Paragraph"):
        dual = paragraph.find("DualDialogue")
        if dual is None:
            yield paragraph, False
        else:
            for inner in dual.iterfind("Paragraph"):
                yield inner, True


def _element(paragraph: XmlElement, number: int, dual: bool,
             tags: dict[str, tuple[str, str]]) -> Element | None:
    """Return the screenplay element of a paragraph, or None for one with no text."""
    runs = paragraph.findall("Text")
    text = "".join("".join(run.itertext()) for run in runs).strip()
    kind = KINDS.get(paragraph.get("Type", "Action"), "other")
    if not text and kind != "scene_heading":
        return None
    if kind == "character":
        element = character_cue(text, number)
        element.dual = element.dual or dual
    else:
        element = Element(kind, text, number)
    if kind == "scene_heading":
        element.scene_number = (paragraph.get("Number") or "").strip() or None
    element.tags = [tags[run.get("TagNumber")] for run in runs if run.get("TagNumber") in tags]
    return element


def _title_page(root: XmlElement) -> dict[str, str]:
    """Return the title page's title: its first paragraph with text, as Final Draft has no keys."""
    for paragraph in root.iterfind("TitlePage/Content/Paragraph"):
        text = " ".join("".join("".join(r.itertext()) for r in paragraph.findall("Text")).split())
        if text:
            return {"title": text}
    return {}


def import_final_draft(script: str | Path, output: str | Path, *, force: bool = False,
                       rates: ImportRates = ImportRates(), base: str | Path | None = None
                       ) -> ImportResult:
    """Read a Final Draft script and write the production it describes, with the Fountain
    import's rules (never over a file unless ``force``)."""
    return import_screenplay(read_fdx, script, output, force=force, rates=rates, base=base,
                             no_scenes="no scene headings (<Paragraph Type=\"Scene Heading\">) "
                                       "in the script")
