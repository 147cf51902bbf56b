"""One road to orbit: every command that needs the launch gets the same one.

The case is the bundled dragon-rival with its launch date left out, so that the launch comes
from its training and the station's traffic (iss-2021). The record: Soyuz MS-18 left Nauka
with the film crew at 01:14 UTC on 17 Oct 2021 (spacenews.com); until then ten were aboard,
and three more would be thirteen, above the eleven the station held in 2021 (the April
handover, theregister.com). Before that the US ports were taken (CRS-23 at Harmony forward
30 Aug - 30 Sep, Crew-2 at zenith). So whatever the training gives in August, the first
launch any command may name docks at least 24 h after that undocking (the station's
separation between dynamic operations, an assumption of the bundled record).
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from orbitfilm.cli import app
from orbitfilm.mission.chooser import SET_BY, choose_launch, opportunity_table
from orbitfilm.mission.links import production_elements
from orbitfilm.production.examples import example_text
from orbitfilm.production.loader import load_production
from orbitfilm.times import DAY_S, parse_iso

MS18_UNDOCKING_S = parse_iso("2021-10-17T01:14:00Z")
TIME_LIMIT = "20"


def invoke(*args):
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def undated(tmp_path_factory):
    text = example_text("dragon-rival.toml")
    assert text.count("date = 2021-10-17\n") == 1
    path = tmp_path_factory.mktemp("road") / "rival.toml"
    path.write_text(text.replace("date = 2021-10-17\n", ""), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def launched(undated, tmp_path_factory):
    """The launch each command names: liftoff and docking, as UTC minutes."""
    found = {}
    chosen = json.loads(invoke("launch", str(undated), "-f", "json", "--time-limit",
                               TIME_LIMIT).stdout)
    found["launch"] = (chosen["launch"]["liftoff"][:16], chosen["launch"]["docking"][:16])
    trained = json.loads(invoke("train", str(undated), "-f", "json", "--no-explain",
                                "--time-limit", "10").stdout)
    found["train"] = (trained["launch"]["liftoff"][:16], trained["launch"]["docking"][:16])
    checked = invoke("check", str(undated), "--no-orbit", "--time-limit", TIME_LIMIT).stdout
    found["check"] = (None, _docking_of_check(checked))
    out = tmp_path_factory.mktemp("plan") / "plan"
    invoke("plan", str(undated), "-o", str(out), "--time-limit", TIME_LIMIT)
    plan = json.loads((out / "plan.json").read_text("utf-8"))
    found["plan"] = (plan["training"]["launch"]["liftoff"][:16],
                     plan["production"]["mission"]["docking"][:16])
    return found, chosen


def _docking_of_check(output: str) -> str:
    line = next(l for l in output.splitlines() if "mission: docking" in l)
    return line.split("docking ")[1][:16].replace(" ", "T")


def test_every_command_names_the_same_launch(launched):
    found, _ = launched
    liftoff, docking = found["launch"]
    assert found["train"] == (liftoff, docking)
    assert found["plan"] == (liftoff, docking)
    assert found["check"][1] == docking


def test_the_launch_waits_for_the_film_crew_to_go_home(launched):
    found, chosen = launched
    docking_s = parse_iso(found["launch"][1] + ":00Z")
    # A day after MS-18's undocking (the separation), and no sooner than the first
    # opportunity that docks after that: 17 Oct's docks 18 Oct 09:47 (the launch table of
    # the README), 16 Oct's 8.9 h after the undocking.
    assert docking_s >= MS18_UNDOCKING_S + DAY_S
    assert chosen["set_by"] == "traffic" and chosen["reason"].startswith(SET_BY["traffic"])
    # Every opportunity from ready-to-fly to the launch was refused, each with its reason.
    refused = chosen["refused"]
    assert refused and all(r["traffic"]["reasons"] for r in refused)
    assert all(r["liftoff"] < chosen["launch"]["liftoff"] for r in refused)
    reasons = " ".join(" ".join(r["traffic"]["reasons"]) for r in refused)
    assert "cargo-dragon-crs-23" in reasons            # it held Harmony forward in September
    assert "13 people aboard" in reasons               # 10 aboard from 5 to 17 Oct, and three
    assert "between dynamic operations" in reasons     # 16 Oct's, too close to the undocking


def test_the_chooser_reuses_its_tables_for_another_ready_day(undated, monkeypatch):
    # Once a block's table exists, another ready day is answered from it: the launch finder
    # is not called again (bench/chooser.py times it), and the answer is the same launch.
    import orbitfilm.mission.chooser as chooser

    production = load_production(undated)
    elements = production_elements(production)
    first = choose_launch(production, elements, ready=parse_date("2021-09-01"))

    def no_search(*args, **kwargs):
        raise AssertionError("the launch finder was asked again")

    monkeypatch.setattr(chooser, "find_launch_opportunities", no_search)
    again = choose_launch(production, elements, ready=parse_date("2021-09-02"))
    assert again.opportunity == first.opportunity
    table = opportunity_table(elements, "kennedy-39a", "crew-dragon",
                              int(first.opportunity.liftoff_s // (30 * DAY_S)))
    assert first.opportunity in table.opportunities


def parse_date(text):
    from datetime import date

    return date.fromisoformat(text)


def challenge_with(profiles: str | None):
    """Return the Challenge with its launch date, liftoff and docking left out, and the
    rendezvous profiles it takes (None: the default, the vehicle's fastest)."""
    from orbitfilm.production.loader import parse_production

    text = example_text("challenge-2021.toml")
    for line in ("docking = 2021-10-05T12:22:31Z\n", "date = 2021-10-05\n",
                 "liftoff = 2021-10-05T08:55:02Z\n",
                 'profiles = ["2-orbit", "4-orbit", "2-day"]\n'):
        assert line in text
        text = text.replace(line, "")
    if profiles is not None:
        text = text.replace('vehicle = "soyuz-ms"\n', f'vehicle = "soyuz-ms"\nprofiles = {profiles}\n', 1)
    return parse_production(text, "challenge.toml")


def test_a_soyuz_takes_a_slower_profile_only_where_the_production_allows_it():
    # Ready on 1 Oct 2021: the days before 5 Oct offer only slower rendezvous (the launch
    # finder's profiles by the station's phase; MS-19 waited for 5 Oct's two-orbit one).
    production = challenge_with(None)
    elements = production_elements(production)
    waited = choose_launch(production, elements, ready=parse_date("2021-10-01"))
    assert waited.opportunity.profile == "2-orbit" and waited.set_by == "profile"
    allowed = challenge_with('["2-orbit", "4-orbit", "2-day"]')
    early = choose_launch(allowed, elements, ready=parse_date("2021-10-01"))
    assert early.opportunity.liftoff_s < waited.opportunity.liftoff_s
    assert early.opportunity.profile in ("4-orbit", "2-day") and not early.refused
    assert early.set_by == "ready-to-fly"


def test_an_unknown_profile_is_named_at_its_field():
    from orbitfilm.errors import InputError

    production = challenge_with('["3-orbit"]')
    with pytest.raises(InputError, match=r"unknown rendezvous profile '3-orbit' for Soyuz MS; "
                                         r"it flies 2-orbit, 4-orbit, 2-day"):
        choose_launch(production, production_elements(production),
                      ready=parse_date("2021-10-01"))
