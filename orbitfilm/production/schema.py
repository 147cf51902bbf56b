"""The JSON Schema of the production file, for editors that complete and check TOML."""

from __future__ import annotations

import json

from .model import Production

SCHEMA_ID = "https://orbitfilm.invalid/schema/production.json"


def production_json_schema() -> dict:
    """Return the JSON Schema (draft 2020-12) of a production file."""
    schema = Production.model_json_schema(mode="validation")
    return {**schema, "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": SCHEMA_ID, "title": "orbitfilm production",
            "description": "A film production aboard a space station (TOML)."}


def production_json_schema_text() -> str:
    return json.dumps(production_json_schema(), indent=2, ensure_ascii=False) + "\n"
