"""The soft wish to shoot a sequence on one day: a named penalty, reported by name."""

from __future__ import annotations

from test_schedule import FAST, solved, toy

SCENES = """
[[scenes]]
id = "a"
heading = "INT. ZVEZDA"
location = "zvezda"
cast = ["actor"]
shoot_min = 30
sequence = "farewell"
{a_times}
[[scenes]]
id = "b"
heading = "INT. ZVEZDA"
location = "zvezda"
cast = ["actor"]
shoot_min = 30
sequence = "farewell"
earliest = 2021-10-06T09:00:00Z
"""


def _days(result) -> dict[str, str]:
    return {scene["id"]: scene["shoot_start"][:10] for scene in result.to_json()["scenes"]}


def test_a_sequence_that_cannot_share_a_day_pays_its_named_penalty():
    # a must be shot on 5 October, b not before 6 October: the sequence spans two days, one
    # more than wished, so the penalty is sequence_days x 1 = 100 (the default weight).
    production, environment = toy(SCENES.format(a_times="latest = 2021-10-05T12:00:00Z"),
                                  undocking="2021-10-06T20:00:00Z")
    result = solved(production, environment, FAST)
    assert _days(result) == {"a": "2021-10-05", "b": "2021-10-06"}
    penalties = result.to_json()["penalties"]
    assert [(p["name"], sorted(p["scenes"]), p["cost"]) for p in penalties] == [
        ("sequence_days", ["a", "b"], 100)]


def test_a_sequence_that_can_share_a_day_is_shot_on_it():
    # a may go anywhere; the wish brings it to b's day, and nothing is paid.
    production, environment = toy(SCENES.format(a_times=""), undocking="2021-10-06T20:00:00Z")
    result = solved(production, environment, FAST)
    assert _days(result) == {"a": "2021-10-06", "b": "2021-10-06"}
    assert result.to_json()["penalties"] == []
