"""The JSON Schema of the station traffic file, for editors that complete and check TOML."""

from __future__ import annotations

import json

from .traffic import Traffic

SCHEMA_ID = "https://orbitfilm.invalid/schema/traffic.json"


def traffic_json_schema() -> dict:
    """Return the JSON Schema (draft 2020-12) of a traffic file."""
    schema = Traffic.model_json_schema(mode="validation")
    return {**schema, "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": SCHEMA_ID, "title": "orbitfilm station traffic",
            "description": "A station's ports, visiting vehicles and people aboard (TOML)."}


def traffic_json_schema_text() -> str:
    return json.dumps(traffic_json_schema(), indent=2, ensure_ascii=False) + "\n"
