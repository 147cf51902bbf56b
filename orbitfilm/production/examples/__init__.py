"""The bundled examples (the TOML and Fountain files beside this module): list, write out.

Most are productions; ``TRAFFIC_EXAMPLES`` are station traffic files (``orbitfilm traffic``),
listed and written out the same way but never read as a production.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ...errors import InputError, OutputExistsError
from ...files import os_reason
from ..files import write_text_atomic

EXAMPLES = {
    "challenge-2021": "The Challenge (2021): Soyuz MS-19 to the ISS Russian segment, "
                      "with a Fountain script to import",
    "dragon-rival": "A rival production on Crew Dragon from Kennedy LC-39A to the US segment",
    "iss-2021": "Station traffic: the ISS's ports, visiting vehicles and people aboard, "
                "September-December 2021 (for orbitfilm traffic)",
    "race-2021": "The race of 2021 as seen on 13 May 2021: the Challenge against the rival "
                 "(for orbitfilm race)",
    "what-if-2021": "What-ifs for race-2021: the Challenge announcing 5 Nov, the rival's "
                    "seat bought (for orbitfilm race --what-if)",
}
TRAFFIC_EXAMPLES = ("iss-2021",)
RACE_EXAMPLES = ("race-2021", "what-if-2021")


@dataclass(frozen=True)
class Example:
    """A bundled example and the files it is made of."""

    name: str
    description: str
    files: tuple[str, ...]


def list_examples() -> list[Example]:
    """Return the bundled examples with their file names."""
    folder = resources.files("orbitfilm.production.examples")
    names = sorted(item.name for item in folder.iterdir() if item.name.endswith((".toml",
                                                                                  ".fountain")))
    return [Example(name, text, tuple(n for n in names if n.rsplit(".", 1)[0] == name))
            for name, text in EXAMPLES.items()]


def example_text(file_name: str) -> str:
    """Return the text of one bundled file, e.g. ``challenge-2021.toml``."""
    return (resources.files("orbitfilm.production.examples") / file_name).read_text("utf-8")


def example_path(name: str) -> Path:
    """Return a path to an example's production file inside the installed package."""
    _example(name)
    if name in RACE_EXAMPLES:
        raise InputError(f"{name} is a race file, not a production (orbitfilm race reads "
                         f"it)")
    if name in TRAFFIC_EXAMPLES:
        raise InputError(f"{name} is station traffic, not a production "
                         f"(orbitfilm traffic check reads it)")
    return Path(str(resources.files("orbitfilm.production.examples") / f"{name}.toml"))


def traffic_example_path(name: str) -> Path:
    """Return a path to a bundled station traffic file inside the installed package."""
    if name not in TRAFFIC_EXAMPLES:
        raise InputError(f"no traffic example named {name!r}; they are: "
                         f"{', '.join(TRAFFIC_EXAMPLES)}")
    return Path(str(resources.files("orbitfilm.production.examples") / f"{name}.toml"))


def race_example_path(name: str) -> Path:
    """Return a path to a bundled race file inside the installed package."""
    if name not in RACE_EXAMPLES:
        raise InputError(f"no race example named {name!r}; they are: {', '.join(RACE_EXAMPLES)}")
    return Path(str(resources.files("orbitfilm.production.examples") / f"{name}.toml"))


def _example(name: str) -> Example:
    for example in list_examples():
        if example.name == name:
            return example
    raise InputError(f"no example named {name!r}; the examples are: {', '.join(EXAMPLES)}")


def write_example(name: str, folder: str | Path, *, force: bool = False) -> list[Path]:
    """Write an example's files into a folder; refuse to overwrite unless ``force``."""
    example, folder = _example(name), Path(folder)
    targets = [folder / file_name for file_name in example.files]
    existing = [str(t) for t in targets if t.exists()]
    if existing and not force:
        raise OutputExistsError(f"{', '.join(existing)} exists")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(f"cannot make the folder: {os_reason(error)}",
                         path=str(folder)) from None
    for file_name, target in zip(example.files, targets):
        write_text_atomic(target, example_text(file_name))
    return targets
