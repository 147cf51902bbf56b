"""The schedule as CSV for spreadsheets: a row a scene, shot or not, times in ISO 8601 UTC."""

from __future__ import annotations

import csv
import io

from .formatting import span_minutes

COLUMNS = ("status", "day", "date", "scene", "piece", "kind", "int_ext", "set", "time_of_day",
           "location", "start", "shoot_start", "end", "setup_min", "shoot_min", "eighths",
           "cast", "conditions", "passes_over", "synopsis", "reason")


def _row(document: dict, entry: dict, scene: dict) -> dict:
    orbital = entry["kind"] == "orbital"
    return {
        "status": "scheduled", "day": entry["day"], "date": entry["date"], "scene": entry["id"],
        "piece": entry.get("piece") or "",
        "kind": entry["kind"], "int_ext": entry["int_ext"], "set": entry["set"],
        "time_of_day": entry["time_of_day"], "location": entry["location"],
        "start": entry["start"], "shoot_start": entry["shoot_start"], "end": entry["end"],
        "setup_min": f"{span_minutes(entry, 'start') - span_minutes(entry):g}" if orbital else "",
        "shoot_min": f"{span_minutes(entry):g}" if orbital else "",
        "eighths": scene.get("eighths") or "", "cast": " ".join(entry["cast"]),
        "conditions": " ".join(entry["conditions"]),
        "passes_over": " > ".join(dict.fromkeys(p["name"] for p in entry["passes_over"])),
        "synopsis": scene["synopsis"], "reason": "",
    }


def schedule_csv(document: dict) -> str:
    """Return ``schedule.csv``: the scheduled scenes in order, then those not scheduled."""
    scenes = {s["id"]: s for s in document["production"]["scenes"]}
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for entry in document["scenes"]:
        writer.writerow(_row(document, entry, scenes[entry["id"]]))
    for item in document["unscheduled"]:
        scene = scenes[item["id"]]
        writer.writerow({"status": "unscheduled", "scene": item["id"], "kind": scene["kind"],
                         "int_ext": scene["int_ext"], "set": scene["set"],
                         "location": scene["location"], "eighths": scene.get("eighths") or "",
                         "cast": " ".join(scene["cast"]),
                         "conditions": " ".join(scene["conditions"]),
                         "synopsis": scene["synopsis"], "reason": item["reason"]})
    return buffer.getvalue()
