"""What changed between two schedule versions, as a production office reads it.

From the two versions' plan documents (``plan.json``): the scenes moved (from, to, and
whether to another day), added and dropped (with the newer version's reason), the people
whose call changes on a day (their first scene that day, UTC), everyone in a scene that
changed (``affected``), and the call sheets to reissue (every day a scene or a call
changed).
"""

from __future__ import annotations

import json

from sqlalchemy.orm import Session

from .versions import version_files

PLAN_FILE = "plan.json"


def plan_document(session: Session, version_id: int) -> dict:
    """Return a version's plan document."""
    return json.loads(version_files(session, version_id)[PLAN_FILE])


def diff_versions(session: Session, a: int, b: int) -> dict:
    """Return what changed from version ``a`` to version ``b`` (``diff_plans``)."""
    return {"from": a, "to": b, **diff_plans(plan_document(session, a),
                                             plan_document(session, b))}


def diff_plans(old: dict, new: dict) -> dict:
    """Return scenes moved, added, dropped; calls changed; call sheets to reissue."""
    before, after = _scenes(old), _scenes(new)
    reasons = {item["id"]: item.get("reason", "") for item in new.get("unscheduled", [])}
    moved = [{"scene": sid, "from": before[sid]["start"], "to": after[sid]["start"],
              "from_day": before[sid]["date"], "to_day": after[sid]["date"],
              "other_day": before[sid]["date"] != after[sid]["date"]}
             for sid in sorted(before.keys() & after.keys(), key=_order)
             if before[sid]["pieces"] != after[sid]["pieces"]]
    added = [{"scene": sid, "at": after[sid]["start"], "day": after[sid]["date"]}
             for sid in sorted(after.keys() - before.keys(), key=_order)]
    dropped = [{"scene": sid, "was": before[sid]["start"], "day": before[sid]["date"],
                "reason": reasons.get(sid, "")}
               for sid in sorted(before.keys() - after.keys(), key=_order)]
    old_calls, new_calls = _calls(before), _calls(after)
    calls = [{"person": person, "day": day, "from": old_calls.get((person, day)),
              "to": new_calls.get((person, day))}
             for person, day in sorted(old_calls.keys() | new_calls.keys())
             if old_calls.get((person, day)) != new_calls.get((person, day))]
    days = sorted({m["from_day"] for m in moved} | {m["to_day"] for m in moved}
                  | {a["day"] for a in added} | {d["day"] for d in dropped}
                  | {c["day"] for c in calls})
    changed = [m["scene"] for m in moved] + [a["scene"] for a in added] + \
        [d["scene"] for d in dropped]
    affected = {person for sid in changed
                for person in (after.get(sid) or before.get(sid)).get("cast", [])}
    return {"moved": moved, "added": added, "dropped": dropped, "calls_changed": calls,
            "people": sorted({c["person"] for c in calls}), "affected": sorted(affected),
            "call_sheets": days}


def _scenes(document: dict) -> dict[str, dict]:
    """Return each scene of a plan by id: its first piece, with every piece's times (a
    split scene moves when any of its pieces does)."""
    found: dict[str, dict] = {}
    for entry in sorted(document.get("scenes", []), key=lambda s: s["start"]):
        scene = found.setdefault(entry["id"], {**entry, "pieces": []})
        scene["pieces"].append((entry["start"], entry["end"]))
    return found


def _calls(scenes: dict[str, dict]) -> dict[tuple[str, str], str]:
    """Return each person's call on each day: the start of their first scene that day."""
    calls: dict[tuple[str, str], str] = {}
    for scene in scenes.values():
        for person in scene.get("cast", []):
            key = (person, scene["date"])
            calls[key] = min(calls.get(key, scene["start"]), scene["start"])
    return calls


def _order(scene_id: str):
    """Scene numbers in their natural order (2 before 10), other ids after them."""
    return (0, int(scene_id), "") if scene_id.isdigit() else (1, 0, scene_id)
