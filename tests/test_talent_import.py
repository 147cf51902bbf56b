"""Talent instances imported as productions: the library call, and the command line end to end."""

from __future__ import annotations

import csv
import json

import pytest

from clirun import in_process, run
from conftest import TALENT
from orbitfilm.errors import OutputExistsError
from orbitfilm.production import load_production
from orbitfilm.production.talent_import import import_talent, talent_production
from orbitfilm.schedule.ground import read_talent


def _known_optima() -> list[dict]:
    with (TALENT / "known_optima.csv").open(encoding="utf-8") as stream:
        return list(csv.DictReader(stream))


def test_every_public_instance_schedules_to_its_proven_optimum_from_the_command_line(tmp_path):
    # Every instance of known_optima.csv, as a person runs it: import, then schedule.
    # tests/data/talent/README.md: `optimal_total_cost` is the total cost (rate x days from an
    # actor's first scene to the end of their last), the convention of the schedule's
    # "total_cost"; `optimal_idle_cost` is that less the days on scene, its "idle_cost".
    # Costs are whole numbers, so they compare exactly. Each instance's last listed file is
    # run: that takes every reader (.dat, MiniZinc and CSPLib .dzn) through the command line
    # (in this process: no interpreter to start); test_talent proves every file alike.
    forms = set()
    for row in _known_optima():
        relative = row["files"].split(";")[-1].strip()
        output = tmp_path / f"{row['instance']}.toml"
        assert in_process("import", "talent", str(TALENT / relative), "-o", str(output))[0] == 0
        code, out, error = in_process("schedule", str(output), "--format", "json")
        assert code == 0, error
        ground = json.loads(out)["ground"]
        got = (ground["optimal"], ground["total_cost"], ground["idle_cost"], len(ground["order"]))
        expected = (True, int(row["optimal_total_cost"]), int(row["optimal_idle_cost"]),
                    int(row["scenes"]))
        assert got == expected, relative
        forms.add((relative.split("/")[0], relative.endswith(".dzn")))
    assert forms == {("dat", False), ("dzn", True), ("csplib", True), ("csplib", False)}


def test_an_actor_in_no_scene_is_left_out_with_a_note(tmp_path):
    # film-10's actor A6 (rate 40) appears in none of its 10 scenes (its row is all 0): paid
    # from a first scene to a last one, they cost nothing in any order, and `check` rejects a
    # cast member in no scene. The other 7 actors stay.
    source, output = TALENT / "dat" / "film-10", tmp_path / "film-10.toml"
    done = run("import", "talent", str(source), "-o", str(output))
    assert "note: left out A6" in done.stderr
    # One line however long the path, so a script can read it.
    assert done.stdout == f"wrote {output}: 10 ground scenes, 7 actors\n"
    run("check", str(output))
    production = load_production(output)
    assert len(production.people) == 7 and "actor-a6" not in {p.id for p in production.people}


def test_library_import_writes_a_production_that_loads_back(tmp_path):
    # film103: 19 scenes, 8 actors (known_optima.csv), all of them cast.
    output = tmp_path / "film103.toml"
    result = import_talent(TALENT / "dat" / "film103.dat", output)
    assert (result.output, result.scenes, result.actors, result.left_out) == (output, 19, 8, ())
    production = load_production(output)
    assert production.mission is None and len(production.ground_scenes()) == 19
    assert production.title == "film103"
    assert [p.name for p in output.parent.iterdir()] == ["film103.toml"]  # no temporary left


def test_an_existing_output_is_refused_without_force(tmp_path):
    source, output = TALENT / "dat" / "tiny", tmp_path / "tiny.toml"
    output.write_text("mine\n", encoding="utf-8")
    with pytest.raises(OutputExistsError) as refused:
        import_talent(source, output)
    # The library names no command-line flag; the command line adds its own.
    assert refused.value.message == "the output exists" and "--" not in str(refused.value)
    assert output.read_text(encoding="utf-8") == "mine\n"
    again = run("import", "talent", str(source), "-o", str(output), check=False)
    assert again.returncode == 2 and "--force to overwrite" in again.stderr
    assert import_talent(source, output, force=True, title="Tiny").scenes == 4
    assert load_production(output).title == "Tiny"


def test_talent_production_keeps_rates_durations_and_cast():
    # tiny (tests/data/talent/dat/tiny): rates 1, 2, 3; durations 1, 2, 3, 1; actor A1 in
    # scenes 1 and 3.
    document = talent_production(read_talent(TALENT / "dat" / "tiny"))
    assert [p["day_rate"] for p in document["people"]] == [1, 2, 3]
    assert [s["days"] for s in document["scenes"]] == [1, 2, 3, 1]
    assert document["scenes"][0]["cast"] == ["actor-a1", "actor-a2"]
    assert document["scenes"][2]["cast"] == ["actor-a1", "actor-a3"]
