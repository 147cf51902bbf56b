"""Turn a talent-scheduling instance into a production of ground scenes.

The classic benchmark (Cheng, Diamond & Lin 1993; CSPLib prob039) becomes what a person
would write by hand: an actor a person of the cast with their day rate, a scene a ground
scene of its length in days at one set. ``orbitfilm schedule`` then orders the scenes, and
its ground block costs exactly what the benchmark defines as the total cost.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..files import check_output_file, write_text_atomic
from ..schedule.ground.talent_io import TalentInstance, read_talent
from .loader import parse_production
from .tomlwrite import dumps


def _actor_id(name: str) -> str:
    return f"actor-{name}".lower().replace(" ", "-")


def uncast_actors(instance: TalentInstance) -> tuple[str, ...]:
    """Return the names of the instance's actors who appear in no scene."""
    return tuple(name for name, row in zip(instance.actor_names, instance.appears)
                 if not any(row))


def talent_production(instance: TalentInstance, title: str | None = None,
                      start: dt.date | None = None) -> dict:
    """Return a production document (plain data for TOML) of a talent instance's scenes.

    An actor who appears in no scene is left out: talent scheduling pays an actor only from
    their first scene to their last, so such an actor costs nothing in every order and the
    optimum is unchanged, while a production's check rejects a cast member in no scene. The
    ground calendar starts on ``start`` (by default the next Monday): an instance has no
    dates, and a production without a mission needs them.
    """
    uncast = set(uncast_actors(instance))
    cast = [a for a, name in enumerate(instance.actor_names) if name not in uncast]
    actor_ids = {a: _actor_id(instance.actor_names[a]) for a in cast}
    people = [{"id": actor_ids[a], "name": str(instance.actor_names[a]), "roles": ["cast"],
               "aboard": "ground", "day_rate": _plain(instance.day_rates[a])} for a in cast]
    scenes = [{"id": str(scene_id), "heading": "INT. SET - DAY", "location": "set",
               "cast": [actor_ids[a] for a in cast if instance.appears[a][s]],
               "days": _plain(instance.durations_days[s]), "light": "day"}
              for s, scene_id in enumerate(instance.scene_ids)]
    return {"title": title or instance.name, "ground": {"start": start or next_monday()},
            "people": people,
            "locations": [{"id": "set", "name": "Set", "kind": "ground"}], "scenes": scenes}


def next_monday(today: dt.date | None = None) -> dt.date:
    """Return the first Monday after ``today`` (a producer's first shooting day by default)."""
    today = today or dt.date.today()
    return today + dt.timedelta(days=7 - today.weekday())


def _plain(value: float) -> float | int:
    return int(value) if float(value).is_integer() else float(value)


@dataclass
class TalentImportResult:
    """What a talent import wrote, and whom it left out."""

    output: Path
    scenes: int
    actors: int
    left_out: tuple[str, ...]


def talent_toml(instance: TalentInstance, source: str, title: str | None = None,
                start: dt.date | None = None) -> str:
    """Return the production of a talent instance as TOML, headed by where it came from."""
    return (f"# Imported from the talent-scheduling instance {source}: ground scenes,\n"
            f"# actors with day rates; `orbitfilm schedule` orders them at least cost.\n\n"
            + dumps(talent_production(instance, title=title, start=start)))


def import_talent(path: str | Path, output: str | Path, *, force: bool = False,
                  title: str | None = None, start: dt.date | None = None) -> TalentImportResult:
    """Read a talent-scheduling instance and write it as a production of ground scenes.

    Never writes over a file unless ``force``; the text is parsed back as a production
    before it is written, so the file on disk always loads.
    """
    path, output = Path(path), Path(output)
    check_output_file(output, force=force)
    instance = read_talent(path)
    text = talent_toml(instance, path.name, title=title or path.stem, start=start)
    production = parse_production(text, str(output))
    write_text_atomic(output, text)
    return TalentImportResult(output, len(production.scenes), len(production.people),
                              uncast_actors(instance))
