"""The orbital scheduler on toy productions whose optimum is worked out by hand.

Each toy runs over a made-up environment (``environment_from_pairs``) so that its windows
are exact round times. Every toy's crew day has no fixed blocks (sleep 21:30-06:00 stays)
and a move time of 10 minutes between modules; the mission starts at 08:00 GMT, so a scene
ending at 14:30 finishes 390 minutes after the start. Default weights: a scene of priority p
left out costs (p + 1) x 100,000; each person-minute on film 10; each kit move 30; each
minute of the last shot's end after the mission start 1.

Every schedule returned is also checked by the independent checker (``check_schedule``).
"""

from __future__ import annotations

import pytest

from orbitfilm.mission import Flight
from orbitfilm.production import parse_production
from orbitfilm.schedule.problem import SolveOptions, evaluate
from orbitfilm.schedule.scheduler import schedule_scenes
from orbitfilm.schedule.verify import check_schedule
from orbitfilm.schedule.windows import build_problem
from orbitfilm.times import parse_iso
from support.synthetic import environment_from_pairs

HEAD = """
title = "Toy"
[mission]
docking = 2021-10-05T08:00:00Z
hatch_open_min = 0
undocking = {undocking}
[mission.crew_day]
blocks = {blocks}
exercise = []
[move]
module_min = 10
[limits]
{limits}
[[people]]
id = "director"
name = "The director"
roles = ["director"]
aboard = "throughout"
[[people]]
id = "actor"
name = "The actor"
roles = ["cast"]
aboard = "throughout"
"""

FAST = SolveOptions(time_limit_s=10, workers=1, explain_budget_s=10)


def at(clock: str, day: int = 5) -> float:
    return parse_iso(f"2021-10-{day:02d}T{clock}:00Z")


# No limit a toy does not ask for: a day and a week of work, no reserve day.
NO_LIMITS = "daily_film_min = 1440\nweekly_film_min = 10080\nreserve_days = 0"


def toy(text: str, undocking: str = "2021-10-05T20:00:00Z", blocks: str = "[]",
        limits: str = NO_LIMITS, **pairs):
    """Return a toy production and its environment of hand-written intervals (``blocks``:
    the crew day's fixed blocks, and ``limits`` the [limits] table, as a file writes them)."""
    production = parse_production(HEAD.format(undocking=undocking, blocks=blocks,
                                              limits=limits) + text)
    environment = environment_from_pairs(production.span_s, pairs)
    return production, environment


def flight_of(production, environment) -> Flight:
    return Flight(production, environment=environment)


def solved(production, environment, options=FAST):
    flight = flight_of(production, environment)
    result = schedule_scenes(flight, options=options)
    assert check_schedule(flight, result.to_json()) == []
    return result


def placed(result) -> dict[str, list[tuple[str, str]]]:
    """Return each scene's pieces as (shoot start, end) clock times."""
    found = {}
    for scene in result.to_json()["scenes"]:
        found.setdefault(scene["id"], []).append((scene["shoot_start"][11:16],
                                                  scene["end"][11:16]))
    return found


def test_a_duty_over_the_first_night_sends_the_scene_to_the_second():
    production, environment = toy("""
duties = [{name = "docking ops", start = 2021-10-05T09:50:00Z, end = 2021-10-05T10:50:00Z}]
[[scenes]]
id = "night"
location = "zvezda"
cast = ["actor"]
shoot_min = 30
light = "night"
""", umbra=[(at("10:00"), at("10:40")), (at("14:00"), at("14:40"))])
    result = solved(production, environment)
    # The duty covers the first night, so the earliest fit is 14:00-14:30 in the second.
    # Objective: person-minutes 30 (actor) + 30 (director) = 60 -> 600; finish at 14:30 is
    # 390 min after 08:00 -> 390; no move, nothing left out. 600 + 390 = 990.
    assert placed(result) == {"night": [("14:00", "14:30")]}
    assert result.objective == 990
    assert result.status.value == "optimal" and result.bound == 990


def test_two_scenes_competing_for_one_window_keep_the_higher_priority():
    production, environment = toy("""
[[scenes]]
id = "a"
location = "zvezda"
cast = ["actor"]
shoot_min = 30
light = "night"
priority = 2
[[scenes]]
id = "b"
location = "zvezda"
cast = ["actor"]
shoot_min = 30
light = "night"
priority = 1
""", umbra=[(at("10:00"), at("10:40"))])
    result = solved(production, environment)
    # One 40-minute night holds one 30-minute scene. Keeping a: b left out costs
    # (1 + 1) x 100,000 = 200,000; a's 60 person-minutes 600; a ends 10:30, 150 min after
    # 08:00 -> 150. 200,000 + 600 + 150 = 200,750 (keeping b would leave out 300,000).
    assert placed(result) == {"a": [("10:00", "10:30")]}
    assert result.objective == 200_750
    assert [(u.id, u.reason) for u in result.unscheduled] == [
        ("b", "it fits only where higher-priority scenes sit (a)")]


MOVE_ORDER = """
[[scenes]]
id = "x"
location = "cupola"
cast = ["actor"]
shoot_min = 15
light = "night"
{x_after}
[[scenes]]
id = "y"
location = "zvezda"
cast = ["actor"]
shoot_min = 15
contact = "tsup"
"""


def test_a_move_time_that_makes_one_order_impossible():
    production, environment = toy(
        MOVE_ORDER.format(x_after=""), umbra=[(at("10:00"), at("10:30"))],
        **{"contact:tsup": [(at("10:00"), at("10:50"))]})
    result = solved(production, environment)
    # y first would end 10:15, and the 10-minute move puts x at 10:25-10:40, past the night
    # (10:30): only x then y works, x 10:00-10:15, move, y 10:25-10:40. Objective:
    # person-minutes 2 x (15 + 15) = 60 -> 600; one move -> 30; finish 10:40 = 160 min.
    # 600 + 30 + 160 = 790.
    assert placed(result) == {"x": [("10:00", "10:15")], "y": [("10:25", "10:40")]}
    assert result.objective == 790
    assert result.terms["moves"] == 30


def test_precedence_against_the_only_order_gives_a_chain_reason():
    production, environment = toy(
        MOVE_ORDER.format(x_after='after = ["y"]'), umbra=[(at("10:00"), at("10:30"))],
        **{"contact:tsup": [(at("10:00"), at("10:50"))]})
    result = solved(production, environment)
    # x must follow y, and after y (10:00-10:15) and the move, x would end 10:40 > 10:30.
    # Keep y alone: x left out (1 + 1) x 100,000; y's 30 person-minutes 300; y ends 10:15,
    # 135 min after 08:00. 200,000 + 300 + 135 = 200,435.
    assert placed(result) == {"y": [("10:00", "10:15")]}
    assert result.objective == 200_435
    [left_out] = result.unscheduled
    assert left_out.id == "x"
    assert left_out.reason.startswith("the precedence chain y -> x cannot fit")


def test_a_splittable_scene_is_shot_in_two_pieces_each_after_its_set_up():
    production, environment = toy("""
[[scenes]]
id = "long"
location = "zvezda"
cast = ["actor"]
shoot_min = 50
setup_min = 5
light = "night"
splittable = true
min_piece_min = 20
""", umbra=[(at("10:00"), at("10:40")), (at("14:00"), at("14:40"))])
    result = solved(production, environment)
    # 50 min in 40-minute nights: two pieces, the second as short as allowed (20 min) to
    # finish early, so 30 + 20. Person-minutes: actor 50, director 50 + 2 set-ups of 5 = 60;
    # 110 -> 1,100; finish 14:20 = 380 min. 1,100 + 380 = 1,480.
    assert placed(result) == {"long": [("10:00", "10:30"), ("14:00", "14:20")]}
    assert result.objective == 1_480
    starts = [scene["start"][11:16] for scene in result.to_json()["scenes"]]
    assert starts == ["09:55", "13:55"]


def test_a_daily_film_limit_moves_a_scene_to_the_next_day():
    production, environment = toy("""
daily_film_limit_min = 40
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
""", undocking="2021-10-06T20:00:00Z",
        umbra=[(at("10:00"), at("10:40")), (at("14:00"), at("14:40")),
               (at("10:00", 6), at("10:40", 6))])
    result = solved(production, environment)
    # 30 + 30 min would pass the actor's 40 min a day, so one scene waits for the next day's
    # first night: 2021-10-06 10:00-10:30, 26.5 h = 1,590 min after the start. Person-minutes
    # 2 x 60 -> 1,200. 1,200 + 1,590 = 2,790 (without the limit: 1,200 + 390 = 1,590).
    assert sorted(sum(placed(result).values(), [])) == [("10:00", "10:30"), ("10:00", "10:30")]
    assert result.objective == 2_790


def test_no_window_reasons_name_the_person_and_the_conditions():
    production, environment = toy("""
duties = [{name = "docking ops", start = 2021-10-05T09:50:00Z, end = 2021-10-05T10:50:00Z}]
[[scenes]]
id = "busy"
location = "zvezda"
cast = ["actor"]
shoot_min = 30
light = "night"
[[scenes]]
id = "dark-and-lit"
location = "cupola"
cast = ["director"]
shoot_min = 10
light = "night"
earth = "lit"
""", umbra=[(at("10:00"), at("10:40"))], earth_lit=[(at("12:00"), at("13:00"))])
    result = solved(production, environment)
    reasons = {u.id: u.reason for u in result.unscheduled}
    # The only night (10:00-10:40) lies inside the actor's duty (09:50-10:50); and the Earth
    # below is lit only 12:00-13:00, never during the night.
    assert reasons == {
        "busy": "its conditions (orbital_night) never coincide with the free time aboard of "
                "actor for 30 min",
        "dark-and-lit": "its conditions (orbital_night, earth_lit) never hold together for "
                        "10 min during the mission"}
    assert result.scenes == [] and result.objective == 0


def test_the_solver_objective_is_the_sum_of_the_priced_terms():
    production, environment = toy(MOVE_ORDER.format(x_after=""),
                                  umbra=[(at("10:00"), at("10:30"))],
                                  **{"contact:tsup": [(at("10:00"), at("10:50"))]})
    result = solved(production, environment)
    problem = build_problem(Flight(production, environment=environment))
    # evaluate() prices a schedule without the solver: the two must agree to the unit.
    assert sum(result.terms.values()) == result.objective
    assert result.terms == evaluate(problem, _placements(problem, result))


def _placements(problem, result):
    from orbitfilm.schedule.problem import Placement

    minute = lambda seconds: round((seconds - problem.origin_s) / 60)  # noqa: E731
    return [Placement(s.id, s.unit, minute(s.start_s), minute(s.shoot_start_s),
                      minute(s.end_s)) for s in result.scenes]


@pytest.mark.parametrize("weight", [0, 5])
def test_first_shot_weight_starts_the_race_early(weight):
    from orbitfilm.schedule.problem import Weights

    production, environment = toy("""
[[scenes]]
id = "late"
location = "zvezda"
cast = ["actor"]
shoot_min = 10
light = "night"
""", umbra=[(at("10:00"), at("10:40")), (at("14:00"), at("14:40"))])
    weights = Weights(finish_minutes=0, first_shot_minutes=weight, crew_minutes=0)
    result = schedule_scenes(Flight(production, environment=environment), weights=weights, options=FAST)
    # With only the first-shot term, 10:00 is 120 min after the start: 5 x 120 = 600; with
    # no term at all every placement costs 0.
    assert result.objective == 5 * 120 * (weight == 5)
    if weight:
        assert placed(result) == {"late": [("10:00", "10:10")]}


def test_check_and_schedule_share_one_rule_for_a_window_on_the_minute_grid():
    # A pass over France of 2.15 min (10:30:30-10:32:39) holds only one whole minute on the
    # scheduler's grid (10:31-10:32), and a contact of 8.43 min (11:00:05-11:08:31) holds
    # seven (11:01-11:08): a 2-minute and an 8-minute scene cannot be placed. The production
    # check says so at the scene's line, by the same rule, and the scheduler's reason names
    # the condition, not a person.
    from orbitfilm.mission.checks import window_mistakes

    production, environment = toy("""
[[scenes]]
id = "france"
location = "cupola"
cast = ["actor"]
shoot_min = 2
over = "FR"
[[scenes]]
id = "call"
location = "zvezda"
cast = ["actor"]
shoot_min = 8
contact = "tsup"
""", **{"over:FR": [(at("10:30") + 30, at("10:32") + 39)],
        "contact:tsup": [(at("11:00") + 5, at("11:08") + 31)]})
    flight = flight_of(production, environment)
    found = {m.path[1]: m.message for m in window_mistakes(flight)}
    assert "longest window holds 1 whole minute" in found[0]
    assert "longest window holds 7 whole minutes" in found[1]
    reasons = {u.id: u.reason for u in solved(production, environment).unscheduled}
    assert reasons == {
        "france": "its condition (over:FR) never holds for 2 min during the mission (the "
                  "longest is 2.1 min, 1 whole minute on the scheduler's minute grid)",
        "call": "its condition (contact:tsup) never holds for 8 min during the mission (the "
                "longest is 8.4 min, 7 whole minutes on the scheduler's minute grid)"}


def test_a_scene_shut_out_by_a_daily_limit_names_the_limit_without_a_solve():
    # The actor may film 40 min a day; both scenes need 30 min in the only two nights of the
    # one day (10:00-10:40, 14:00-14:40). One is shot (priority 2), the other cannot be:
    # 30 + 30 > 40 on 2021-10-05. The direct test says so with no time for cores at all.
    production, environment = toy("""
daily_film_limit_min = 40
[[scenes]]
id = "a"
location = "zvezda"
cast = ["actor"]
shoot_min = 30
light = "night"
priority = 2
[[scenes]]
id = "b"
location = "zvezda"
cast = ["actor"]
shoot_min = 30
light = "night"
""", umbra=[(at("10:00"), at("10:40")), (at("14:00"), at("14:40"))])
    options = SolveOptions(time_limit_s=10, workers=1, explain_budget_s=0)
    result = solved(production, environment, options)
    assert list(placed(result)) == ["a"]
    (left_out,) = result.unscheduled
    assert left_out.id == "b"
    assert left_out.reason == ("its people's film limits are used up on every day it could "
                               "be shot: actor's 40 min a day on 2021-10-05 (30 min)")


def test_a_scene_left_out_by_minute_rounding_names_the_rounding():
    # The night is 10:00:00-10:08:40 and the actor's duty ends at 10:00:30: together 8.2 min,
    # enough for 8 min, but shots start on whole minutes, and 10:01-10:08 holds only 7. The
    # reason must say so (as check does), not only that the actor is busy.
    production, environment = toy("""
duties = [{name = "comms", start = 2021-10-05T09:30:00Z, end = 2021-10-05T10:00:30Z}]
[[scenes]]
id = "tight"
location = "zvezda"
cast = ["actor"]
shoot_min = 8
light = "night"
""", umbra=[(at("10:00"), parse_iso("2021-10-05T10:08:40Z"))])
    result = solved(production, environment)
    (left_out,) = result.unscheduled
    assert left_out.reason.endswith("(the longest is 8.2 min, 7 whole minutes on the "
                                    "scheduler's minute grid)"), left_out.reason
