"""The production: plain validated data, its TOML file and its checks, script imports, examples.

The public names are imported on first use, so that ``import orbitfilm.production.model``
loads the model alone.
"""

from __future__ import annotations

from orbitfilm._lazy import lazy_names

_HOMES = {
    "Production": "orbitfilm.production.model",
    "Scene": "orbitfilm.production.model",
    "Person": "orbitfilm.production.model",
    "Location": "orbitfilm.production.model",
    "Mission": "orbitfilm.production.model",
    "Mistake": "orbitfilm.production.mistakes",
    "load_production": "orbitfilm.production.loader",
    "parse_production": "orbitfilm.production.loader",
    "check_production": "orbitfilm.production.checks",
    "import_fountain": "orbitfilm.production.script_import",
}

__all__ = sorted(_HOMES)


__getattr__, __dir__ = lazy_names("orbitfilm.production", _HOMES, globals())
