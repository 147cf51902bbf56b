"""Spreading the work: limits of film work a day and a week, and reserve days for re-shoots.

Toys over made-up intervals (``test_schedule.toy``): the mission starts 5 October 2021 at
08:00 GMT, default weights (each person-minute 10, each minute of the last shot's end after
the start 1, each scene in the reserve days 5,000, off its preferred day 200).
"""

from __future__ import annotations

import pytest
from test_schedule import FAST, at, placed, solved, toy

from orbitfilm.mission import Flight
from orbitfilm.schedule.problem import Weights
from orbitfilm.schedule.scheduler import schedule_scenes
from orbitfilm.schedule.verify import check_schedule

TWO_NIGHT_SCENES = """
[[scenes]]
id = "a"
location = "zvezda"
cast = ["actor"]
shoot_min = 30
light = "night"
[[scenes]]
id = "b"
location = "zvezda"
cast = ["actor"]
shoot_min = 30
light = "night"
"""
NIGHTS = [(at("10:00"), at("11:30")), (at("10:00", 6), at("11:30", 6)),
          (at("10:00", 13), at("11:30", 13))]


def test_the_camera_unit_has_a_daily_limit_too():
    # Each scene takes the director 30 min (no set-up); a daily limit of 40 min lets one
    # scene a day: a on the 5th, b on the 6th (or the other way round). Without the limit
    # both fit in the night of the 5th. The cost: 4 x 30 person-minutes x 10 = 1,200, and
    # the last shot ends on the 6th at 10:30: 26.5 h after the start, 1,590 min.
    production, environment = toy(TWO_NIGHT_SCENES, undocking="2021-10-06T20:00:00Z",
                                  limits="daily_film_min = 40\nreserve_days = 0",
                                  umbra=NIGHTS[:2])
    result = solved(production, environment, FAST)
    assert sorted(pieces[0][0] for pieces in placed(result).values()) == ["10:00", "10:00"]
    assert len({s.shoot_start_s // 86400 for s in result.scenes}) == 2
    assert result.objective == 1_200 + 1_590
    unlimited, environment = toy(TWO_NIGHT_SCENES, undocking="2021-10-06T20:00:00Z",
                                 umbra=NIGHTS[:2])
    assert len({s.shoot_start_s // 86400 for s in solved(unlimited, environment).scenes}) == 1


def test_a_weekly_limit_sends_work_into_the_next_week():
    # Weeks of the stay start on the docking day: 5-11 October, then 12-18. With 40 min a
    # week each person shoots one 30-minute scene a week: b waits for the night of the 13th.
    production, environment = toy(TWO_NIGHT_SCENES, undocking="2021-10-14T20:00:00Z",
                                  limits="weekly_film_min = 40\nreserve_days = 0",
                                  umbra=NIGHTS)
    result = solved(production, environment, FAST)
    days = sorted(scene.shoot_start_s for scene in result.scenes)
    assert [int(d // 86400) - int(at("00:00") // 86400) for d in days] in ([0, 8], [1, 8])


@pytest.mark.parametrize("reserve, day", [(0, 6), (1, 5)])
def test_the_reserve_day_is_kept_free_unless_it_is_worth_its_cost(reserve, day):
    # One scene, a night on the 5th and on the 6th; it prefers the 6th (200 if shot off
    # it). The mission ends on the 6th at 20:00, so a reserve of one day starts at 20:00 on
    # the 5th. With the finish term off (weight 0), no reserve: the 6th, nothing to pay;
    # a reserve day: the 5th, paying the preferred day's 200 rather than the reserve's 5,000.
    production, environment = toy("""
[[scenes]]
id = "a"
location = "zvezda"
cast = ["actor"]
shoot_min = 30
light = "night"
preferred_days = [2021-10-06]
""", undocking="2021-10-06T20:00:00Z", limits=f"reserve_days = {reserve}",
        umbra=NIGHTS[:2])
    flight = Flight(production, environment=environment)
    result = schedule_scenes(flight, weights=Weights(finish_minutes=0), options=FAST)
    assert check_schedule(flight, result.to_json()) == []
    # Within the night any time will do (nothing prices the hour): the day is what counts.
    assert at("10:00", day) <= result.scenes[0].shoot_start_s <= at("11:00", day)
    assert [p.name for p in result.penalties] == ([] if day == 6 else ["preferred_day"])


def test_only_the_reserve_can_hold_a_scene_and_it_says_what_it_cost():
    # The scene's one night is in the reserve day: it is shot there (leaving it out would
    # cost 200,000) and the penalty is named.
    production, environment = toy("""
[[scenes]]
id = "late"
location = "zvezda"
cast = ["actor"]
shoot_min = 30
light = "night"
""", undocking="2021-10-06T20:00:00Z", limits="reserve_days = 1", umbra=NIGHTS[1:2])
    result = solved(production, environment, FAST)
    assert result.scene_ids() == ["late"]
    [penalty] = result.penalties
    assert (penalty.name, penalty.scenes, penalty.cost) == ("reserve_day", ("late",), 5_000)
