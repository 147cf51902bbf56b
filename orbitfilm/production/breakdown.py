"""Breakdown categories: what a scene needs besides its cast (props, wardrobe, vehicles ...).

A scene's ``elements`` are keyed by category. The keys are the categories of the Universal
Category Identification standard (the Universal Schedule Standard project's list, which
breakdown programs exchange), each under the slug of its name, with the standard's number
(``ucid``) kept for the breakdown file (``formats.uss``). Scene categories 0-6 describe the
scene as a whole; action categories from 100 the things in it. A production may use keys
of its own (``puppeteers``): they travel as custom categories numbered from 500, as the
standard asks.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import slug


@dataclass(frozen=True)
class Category:
    """A breakdown category: its key in a scene's ``elements``, its number and its name."""

    key: str
    ucid: int
    name: str


# Universal Category Identification, README of 2022-06-13 (scene 0-6, action 100-126).
SCENE_CATEGORIES = [Category("set", 0, "Set"), Category("int-ext", 1, "INT/EXT"),
                    Category("day-night", 2, "Day/Night"), Category("script-day", 3, "Script Day"),
                    Category("unit", 4, "Unit"), Category("sequence", 5, "Sequence"),
                    Category("location", 6, "Location")]
ACTION_NAMES = ["Cast Members", "Background Actors", "Stunts", "Vehicles", "Props",
                "Special Effects", "Wardrobe", "Makeup/Hair", "Animals", "Animal Wranglers",
                "Camera", "Grip", "Electric", "Sound", "Music", "Art Department",
                "Set Dressing", "Greenery", "Security", "Special Equipment", "Additional Labor",
                "Visual Effects", "Mechanical Effects", "Notes", "Comments", "Miscellaneous",
                "Other"]
ACTION_CATEGORIES = [Category(slug(name), 100 + number, name)
                     for number, name in enumerate(ACTION_NAMES)]
CATEGORIES = {category.key: category for category in SCENE_CATEGORIES + ACTION_CATEGORIES}
BY_UCID = {category.ucid: category for category in CATEGORIES.values()}
# Custom categories are numbered from here (the standard reserves 100-499).
FIRST_CUSTOM_UCID = 500

# Other names programs give the same categories (Final Draft's singular "Animal Wrangler",
# a screenwriting app's "Costume" or "VFX"): they keep the standard's intent.
ALIASES = {"cast": "cast-members", "extras": "background-actors",
           "background": "background-actors", "stunt": "stunts", "vehicle": "vehicles",
           "prop": "props", "costume": "wardrobe", "costumes": "wardrobe",
           "makeup": "makeup-hair", "hair-makeup": "makeup-hair", "animal": "animals",
           "animal-wrangler": "animal-wranglers", "sfx": "special-effects",
           "special-effect": "special-effects", "vfx": "visual-effects",
           "practical-fx": "mechanical-effects", "scenography": "set-dressing",
           "art": "art-department", "note": "notes", "comment": "comments"}

# The keys a scene's own fields hold already (cast, heading, sequence), so never elements.
CAST_KEY = "cast-members"
HEADING_KEYS = ("set", "int-ext", "day-night")


def category_key(name: str) -> str:
    """Return the elements key of a category as a program names it (``Makeup/Hair``)."""
    key = slug(name)
    return ALIASES.get(key, key)


def ucid_numbers(keys) -> dict[str, int]:
    """Return each key's category number: the standard's, else a custom one from 500 on."""
    numbers, custom = {}, FIRST_CUSTOM_UCID
    for key in keys:
        if key in CATEGORIES:
            numbers[key] = CATEGORIES[key].ucid
        elif key not in numbers:
            numbers[key], custom = custom, custom + 1
    return numbers


def category_name(key: str) -> str:
    """Return a category's name for people: the standard's, else the key in words."""
    known = CATEGORIES.get(key)
    return known.name if known else key.replace("-", " ").capitalize()
