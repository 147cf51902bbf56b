"""The project core on PSPLIB's j30 set: the proven optima, the reader against ``psplib``.

The instances and their optima are PSPLIB's (Kolisch & Sprecher 1996; the optima from
``j30opt.sm``, Demeulemeester & Herroelen 1995), see ``tests/data/rcpsp/README.md``. Every
schedule is checked here by a check of its own, not by the solver that made it.
"""

from __future__ import annotations

import json

import psplib
import pytest

from clirun import run
from conftest import DATA
from orbitfilm.errors import InputError
from orbitfilm.formats.psplib import read_psplib
from orbitfilm.schedule.project.solve import solve_project

RCPSP = DATA / "rcpsp"
# PSPLIB j30opt.sm: the proven optimal makespans (tests/data/rcpsp/README.md).
OPTIMA = {"j301_1": 43, "j305_1": 53, "j3021_1": 84, "j3029_1": 85, "j3037_1": 79,
          "j3045_2": 125}
HARD = ("j3013_1", 58)      # open for the textbook CP-SAT model at 10 s on two cores
TIME_LIMIT_S = 20           # far above what each takes (under a second): a slow machine
HARD_TIME_LIMIT_S = 40      # j3013_1 takes 5-10 s on two cores; room for a loaded machine


def check_schedule(problem, starts: dict[str, int]) -> int:
    """Return the makespan of ``starts`` after checking every precedence and capacity."""
    jobs = {job.id: job for job in problem.jobs}
    assert set(starts) == set(jobs)
    for lag in problem.lags:
        assert starts[lag.after] >= starts[lag.before] + jobs[lag.before].duration_units, lag
    makespan = max(starts[j] + jobs[j].duration_units for j in jobs)
    for resource in problem.resources:
        for period in range(makespan):
            used = sum(job.demands.get(resource.id, 0) for job in problem.jobs
                       if starts[job.id] <= period < starts[job.id] + job.duration_units)
            assert used <= resource.capacity, (resource.id, period)
    return makespan


@pytest.mark.parametrize("name", sorted(OPTIMA))
def test_reaches_the_proven_optimum(name):
    problem = read_psplib(RCPSP / f"{name}.sm")
    found = solve_project(problem, time_limit_s=TIME_LIMIT_S, workers=2)
    assert found.finish_optimal
    assert found.finish_units == found.lower_bound_units == OPTIMA[name]
    assert check_schedule(problem, dict(found.starts)) == OPTIMA[name]


def test_proves_the_hard_instance():
    name, optimum = HARD
    problem = read_psplib(RCPSP / f"{name}.sm")
    found = solve_project(problem, time_limit_s=HARD_TIME_LIMIT_S, workers=2)
    assert check_schedule(problem, dict(found.starts)) == optimum
    assert found.finish_optimal and found.lower_bound_units == optimum


@pytest.mark.parametrize("name", sorted(OPTIMA) + [HARD[0]])
def test_psplib_package_reads_the_same(name):
    """``psplib`` (PyPI, the PyJobShop authors) numbers jobs from 0, ours from 1."""
    ours = read_psplib(RCPSP / f"{name}.sm")
    theirs = psplib.parse(RCPSP / f"{name}.sm", instance_format="psplib")
    assert [r.capacity for r in ours.resources] == [r.capacity for r in theirs.resources]
    assert len(ours.jobs) == len(theirs.activities)
    successors = {}
    for lag in ours.lags:
        successors.setdefault(lag.before, []).append(int(lag.after) - 1)
    for job, activity in zip(ours.jobs, theirs.activities):
        (mode,) = activity.modes
        assert job.duration_units == mode.duration
        assert [job.demands.get(r.id, 0) for r in ours.resources] == list(mode.demands)
        assert sorted(successors.get(job.id, [])) == sorted(activity.successors)


def test_cli_json():
    result = run("rcpsp", str(RCPSP / "j301_1.sm"), "--time-limit", "20", "--format", "json")
    document = json.loads(result.stdout)
    assert set(document) == {"makespan", "lower_bound", "optimal", "starts"}
    assert document["makespan"] == document["lower_bound"] == 43    # PSPLIB j30opt.sm
    assert document["optimal"] is True
    problem = read_psplib(RCPSP / "j301_1.sm")
    assert check_schedule(problem, document["starts"]) == 43
    assert list(document["starts"]) == [str(k) for k in range(1, 33)]


def test_cli_help_has_an_example():
    result = run("rcpsp", "--help")
    assert "Example" in result.stdout and "orbitfilm rcpsp" in result.stdout


def test_bad_file_names_the_line(tmp_path):
    text = (RCPSP / "j301_1.sm").read_text().splitlines()
    number = next(k for k, line in enumerate(text) if line.split()[:1] == ["5"]) + 1
    text[number - 1] = "   5        1          2          20"   # says 2 successors, lists 1
    bad = tmp_path / "bad.sm"
    bad.write_text("\n".join(text) + "\n")
    result = run("rcpsp", str(bad), check=False)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"bad.sm:{number}:" in lines[0], result.stderr
    assert "Traceback" not in result.stderr


def test_reader_refuses_a_job_beyond_the_header(tmp_path):
    text = (RCPSP / "j301_1.sm").read_text().replace(
        "jobs (incl. supersource/sink ):  32", "jobs (incl. supersource/sink ):  31")
    bad = tmp_path / "short.sm"
    bad.write_text(text)
    with pytest.raises(InputError, match=r"short\.sm:\d+: job \d+"):
        read_psplib(bad)
