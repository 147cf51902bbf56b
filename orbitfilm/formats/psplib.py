"""PSPLIB single-mode RCPSP files (``.sm``) in: the j30/j60/j90/j120 sets as a ``ProjectProblem``.

Kolisch & Sprecher, "PSPLIB - A project scheduling problem library", EJOR 96 (1996). A file
has a header (``jobs (incl. supersource/sink ):  32``, ``horizon :  151``, ``- renewable :
4   R``), then ``PRECEDENCE RELATIONS:`` (job, modes, number of successors, successors),
``REQUESTS/DURATIONS:`` (job, mode, duration, demand per resource) and
``RESOURCEAVAILABILITIES:`` (a capacity per resource). Job 1 is the source, the last the
sink; the makespan is the sink's start, which is the latest end of all jobs.

Jobs keep their PSPLIB numbers as ids (``"1"`` ... ``"32"``), resources are ``R1`` ...;
a precedence is an end-to-start lag. Anything the file gets wrong raises ``InputError``
naming the file and the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..production.files import read_text
from ..schedule.project import Job, Lag, ProjectProblem, ProjectSchedule, Resource
from ..schedule.project.bounds import topological_order

SECTIONS = {"PRECEDENCE RELATIONS:": "precedence", "REQUESTS/DURATIONS:": "requests",
            "RESOURCEAVAILABILITIES:": "capacities"}
HEADER = {"jobs (incl. supersource/sink )": "jobs", "horizon": "horizon",
          "- renewable": "renewable", "- nonrenewable": "nonrenewable",
          "- doubly constrained": "doubly"}


@dataclass
class _Parsed:
    """What the file said, with the line each part came from."""

    header: dict[str, tuple[int, int]] = field(default_factory=dict)    # key -> (value, line)
    successors: dict[int, tuple[list[int], int]] = field(default_factory=dict)
    requests: dict[int, tuple[int, list[int], int]] = field(default_factory=dict)
    capacities: tuple[list[int], int] | None = None


def read_psplib(path: str | Path) -> ProjectProblem:
    """Read a single-mode PSPLIB ``.sm`` file; bad input raises ``InputError``."""
    path = Path(path)
    parsed = _parse(read_text(path), str(path))
    return _problem(parsed, str(path))


def _parse(text: str, source: str) -> _Parsed:
    parsed, section = _Parsed(), None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("*") or line.startswith("-" * 8):
            section = None if line.startswith("*") else section
            continue
        if line in SECTIONS:
            section = SECTIONS[line]
        elif section is None:
            _header_line(parsed, line, number, source)
        elif not line[0].isdigit():
            continue  # the column titles under a section heading
        else:
            _row(parsed, section, _integers(line, number, source), number, source)
    return parsed


def _header_line(parsed: _Parsed, line: str, number: int, source: str) -> None:
    key, _, value = line.partition(":")
    name = HEADER.get(key.strip())
    if name is None:
        return  # file name, random seed, project information: nothing the problem needs
    found = re.match(r"\s*(\d+)", value)
    if found is None:
        raise InputError(f"expected a whole number after {key.strip()!r}", path=source,
                         line=number)
    parsed.header[name] = (int(found.group(1)), number)


def _integers(line: str, number: int, source: str) -> list[int]:
    try:
        return [int(word) for word in line.split()]
    except ValueError:
        bad = next(w for w in line.split() if not w.lstrip("-").isdigit())
        raise InputError(f"expected whole numbers, got {bad!r}", path=source,
                         line=number) from None


def _row(parsed: _Parsed, section: str, values: list[int], number: int, source: str) -> None:
    if section == "capacities":
        if parsed.capacities is not None:
            raise InputError("a second row of capacities (the first is on line "
                             f"{parsed.capacities[1]})", path=source, line=number)
        parsed.capacities = (values, number)
        return
    if section == "precedence":
        if len(values) < 3 or len(values) != 3 + values[2]:
            raise InputError("a precedence row is: job, modes, number of successors, then "
                             "that many successors", path=source, line=number)
        _single_mode(values[1], number, source)
        _once(parsed.successors, values[0], number, source)
        parsed.successors[values[0]] = (values[3:], number)
        return
    if len(values) < 3:
        raise InputError("a request row is: job, mode, duration, then a demand per resource",
                         path=source, line=number)
    _single_mode(values[1], number, source)
    _once(parsed.requests, values[0], number, source)
    if values[2] < 0 or min(values[3:], default=0) < 0:
        raise InputError("durations and demands cannot be negative", path=source, line=number)
    parsed.requests[values[0]] = (values[2], values[3:], number)


def _single_mode(modes: int, number: int, source: str) -> None:
    if modes != 1:
        raise InputError(f"job with {modes} modes: only single-mode files (.sm) are read",
                         path=source, line=number)


def _once(rows: dict, job: int, number: int, source: str) -> None:
    if job in rows:
        raise InputError(f"job {job} appears twice (first on line {rows[job][-1]})",
                         path=source, line=number)


def _problem(parsed: _Parsed, source: str) -> ProjectProblem:
    count, renewable = _counts(parsed, source)
    _no_extra_jobs(parsed, count, source)
    resources = [Resource(f"R{k}", c) for k, c in enumerate(_capacities(parsed, renewable,
                                                                         source), start=1)]
    jobs, lags = [], []
    for job in range(1, count + 1):
        duration, demands = _requests_of(parsed, job, renewable, source)
        jobs.append(Job(str(job), duration, {r.id: d for r, d in zip(resources, demands) if d}))
        successors, number = _successors_of(parsed, job, count, source)
        lags += [Lag(str(job), str(after), duration) for after in successors]
    horizon = parsed.header.get("horizon", (sum(j.duration_units for j in jobs), 0))[0]
    problem = ProjectProblem(tuple(jobs), tuple(lags), tuple(resources), horizon,
                             name=Path(source).stem)
    if topological_order(problem) is None:
        raise InputError("the precedences form a cycle", path=source,
                         line=parsed.successors[1][1])
    return problem


def _counts(parsed: _Parsed, source: str) -> tuple[int, int]:
    for name in ("jobs", "renewable"):
        if name not in parsed.header:
            raise InputError(f"no '{name}' line in the header: not a PSPLIB .sm file",
                             path=source, line=1)
    for name in ("nonrenewable", "doubly"):
        value, number = parsed.header.get(name, (0, 0))
        if value:
            raise InputError(f"{value} {name} resources: only renewable ones are read",
                             path=source, line=number)
    return parsed.header["jobs"][0], parsed.header["renewable"][0]


def _no_extra_jobs(parsed: _Parsed, count: int, source: str) -> None:
    """Refuse a row for a job the header does not count (a truncated or edited header)."""
    for rows in (parsed.successors, parsed.requests):
        for job, row in rows.items():
            if not 1 <= job <= count:
                raise InputError(f"job {job}: the header counts jobs 1..{count}", path=source,
                                 line=row[-1])


def _capacities(parsed: _Parsed, renewable: int, source: str) -> list[int]:
    if parsed.capacities is None:
        raise InputError("no RESOURCEAVAILABILITIES section", path=source)
    values, number = parsed.capacities
    if len(values) != renewable:
        raise InputError(f"{len(values)} capacities for {renewable} renewable resources",
                         path=source, line=number)
    return values


def _requests_of(parsed: _Parsed, job: int, renewable: int, source: str):
    if job not in parsed.requests:
        raise InputError(f"job {job} has no REQUESTS/DURATIONS row", path=source)
    duration, demands, number = parsed.requests[job]
    if len(demands) != renewable:
        raise InputError(f"job {job} has {len(demands)} demands for {renewable} resources",
                         path=source, line=number)
    capacities = parsed.capacities[0]
    for k, (demand, capacity) in enumerate(zip(demands, capacities), start=1):
        if demand > capacity:
            raise InputError(f"job {job} needs {demand} of R{k}, which holds {capacity}: no "
                             "schedule can run it", path=source, line=number)
    return duration, demands


def _successors_of(parsed: _Parsed, job: int, count: int, source: str):
    if job not in parsed.successors:
        raise InputError(f"job {job} has no PRECEDENCE RELATIONS row", path=source)
    successors, number = parsed.successors[job]
    for after in successors:
        if not 1 <= after <= count or after == job:
            raise InputError(f"job {job}: successor {after} is not another job of 1..{count}",
                             path=source, line=number)
    return successors, number


def schedule_json(schedule: ProjectSchedule) -> dict:
    """Return a solved PSPLIB instance as ``{"makespan", "lower_bound", "optimal", "starts"}``.

    ``starts`` maps each job's PSPLIB number (as text, in job order) to its start period.
    """
    starts = dict(sorted(schedule.starts.items(), key=lambda item: int(item[0])))
    return {"makespan": schedule.finish_units, "lower_bound": schedule.lower_bound_units,
            "optimal": schedule.finish_optimal, "starts": starts}
