"""How a scene reads on a board: INT/EXT, the set, and its time of day under orbital light."""

from __future__ import annotations

import re

from ..production.script_import import PREFIX, split_heading

LIGHT_WORDS = {"day": "ORBITAL DAY", "night": "ORBITAL NIGHT", "sunrise": "ORBITAL SUNRISE",
               "sunset": "ORBITAL SUNSET"}


def elements_text(scene: dict) -> str:
    """Return what a scene needs besides its cast, by category: ``Props: camera; Wardrobe: ...``."""
    from ..production.breakdown import category_name

    return "; ".join(f"{category_name(key)}: {', '.join(names)}"
                     for key, names in (scene.get("elements") or {}).items() if names)


def heading_parts(heading: str, location_id: str) -> tuple[str, str, str | None]:
    """Return (INT/EXT, set, ground time of day) of a scene heading.

    ``INT. CUPOLA - ORBITAL SUNRISE`` gives ``("INT", "CUPOLA", None)``; a scene with no
    heading is an interior of its location. The ground time is ``day``, ``night`` or ``None``.
    """
    match = PREFIX.match(heading.strip())
    int_ext = "INT"
    if match:
        word = re.sub(r"[.\s]", "", match.group(0)).upper()
        int_ext = "I/E" if "/" in word else ("EXT" if word.startswith("EXT") else "INT")
    place, _, ground_time = split_heading(heading) if heading.strip() else ("", {}, None)
    set_name = (place or location_id.replace("-", " ")).upper()
    return int_ext, set_name, ground_time if ground_time in ("day", "night") else None
