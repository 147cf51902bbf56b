"""Plan the training: every session in its facility and hours, the day the crew is cleared.

``plan_training`` builds the project (``build``), solves it with the project-scheduling
core, reads back sessions and milestones as local times, and says why the cleared date is
what it is: the chain that sets it (``critical_chain``) and, with what time is left, what
relaxing each bottleneck on that chain would gain (``relax``). A programme that cannot be
met (a trainee free only after a fixed exam) is a result with its reasons, not an error.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Callable

from ..errors import InputError
from ..production.model import Production
from ..production.training import Training
from ..schedule.project import ProjectSchedule, ProjectStatus
from ..schedule.project.critical import Link, critical_chain
from ..schedule.project.energy import period_energy_bound
from ..schedule.project.solve import solve_project
from .build import Session, TrainingProblem, build_training_problem
from .calendar import UNITS_PER_DAY
from .relax import Bottleneck, relax_bottlenecks
from .words import infeasible_reasons, link_sentence

# Share of the time limit the main solve gets; the rest goes to the relaxed re-solves.
MAIN_SHARE = 0.6


@dataclass(frozen=True)
class PlannedSession:
    """A session placed: local start and end (aware datetimes in the training's zone)."""

    activity: str
    number: int
    people: tuple[str, ...]
    facility: str
    start: datetime
    end: datetime
    kind: str = "training"

    def to_json(self, names: dict[str, str], counts: dict[str, int]) -> dict:
        return {"activity": self.activity, "name": names.get(self.activity, self.activity),
                "number": self.number, "of": counts.get(self.activity, 1),
                "people": list(self.people), "facility": self.facility,
                "start": self.start.isoformat(), "end": self.end.isoformat(), "kind": self.kind}


@dataclass(frozen=True)
class TrainingPlan:
    """A planned programme. ``cleared`` is None when no plan was found (see ``reasons``)."""

    status: str
    start: date
    cleared: datetime | None
    bound: datetime | None
    sessions: tuple[PlannedSession, ...]
    milestones: dict[str, datetime]
    critical: tuple[dict, ...] = ()
    bottlenecks: tuple[Bottleneck, ...] = ()
    reasons: tuple[str, ...] = ()
    facility_days: int | None = None
    training: Training | None = field(default=None, repr=False)
    names: dict[str, str] = field(default_factory=dict)  # trainee id -> name
    wall_s: float = 0.0

    @property
    def ready(self) -> date | None:
        """Return the first day the crew could lift off: cleared, travelled, pre-launch done."""
        if self.cleared is None:
            return None
        return self.cleared.date() + timedelta(days=self.training.to_site_days
                                               + self.training.prelaunch_days)

    def to_json(self) -> dict:
        names = {a.id: a.name or a.id for a in self.training.activities}
        counts = {a.id: a.sessions for a in self.training.activities}
        milestone_names = {m.id: m.name or m.id for m in self.training.milestones}
        fixed = {m.id for m in self.training.milestones if m.date is not None}
        crews = {p: crew.id for crew in self.training.crews for p in crew.people}
        return {
            "status": self.status, "start": self.start.isoformat(),
            "time_zone": self.training.time_zone,
            "to_site_days": self.training.to_site_days,
            "prelaunch_days": self.training.prelaunch_days,
            "people": [{"id": t.id, "name": self.names.get(t.id, t.name or t.id),
                        "crew": crews.get(t.id), "participant": t.participant}
                       for t in self.training.people],
            "facilities": {f.id: f.name or f.id for f in self.training.facilities},
            "cleared": self.cleared.isoformat() if self.cleared else None,
            "bound": self.bound.isoformat() if self.bound else None,
            "ready": self.ready.isoformat() if self.ready else None,
            "sessions": [s.to_json(names, counts) for s in self.sessions],
            "milestones": {key: {"name": milestone_names[key], "at": at.isoformat(),
                                 "fixed": key in fixed}
                           for key, at in self.milestones.items()},
            "critical": list(self.critical),
            "bottlenecks": [b.to_json() for b in self.bottlenecks],
            "reasons": list(self.reasons), "facility_days": self.facility_days,
            "wall_s": round(self.wall_s, 3)}


def plan_training(production: Production, *, start: date | None = None,
                  time_limit_s: float = 10.0, workers: int = 2, explain: bool = True,
                  deterministic: bool = False,
                  progress: Callable[[str], None] | None = None) -> TrainingPlan:
    """Plan a production's training programme (``[training]``), starting on ``start``.

    ``deterministic`` stops every solve on CP-SAT's deterministic time, never the clock, so
    that the same programme gives the same plan on any machine.

    Raises ``InputError`` when the production has no programme.
    """
    training = _training_of(production, start)
    names = {p.id: p.name for p in production.people}
    names.update({t.id: t.name for t in training.people if t.name})
    step = progress or (lambda label: None)
    problem = build_training_problem(training)
    if problem.empty:
        return replace(_unplannable(problem, infeasible_reasons(problem, None)), names=names)
    step("scheduling the training sessions")
    began = time.perf_counter()
    share = MAIN_SHARE if explain else 1.0
    solved = solve_project(problem.project, time_limit_s=time_limit_s * share, workers=workers,
                           deterministic=deterministic)
    if solved.finish_units is None:
        return replace(_unplannable(problem, infeasible_reasons(problem, solved), solved),
                       names=names)
    solved = earliest_milestones(problem, solved)
    links = chain_of(problem, solved)
    plan = replace(read_plan(problem, solved, links), names=names)
    if explain:
        step("looking for what sets the cleared date")
        found = relax_bottlenecks(problem, solved, links,
                                  time_limit_s=time_limit_s * (1 - MAIN_SHARE), workers=workers,
                                  deterministic=deterministic)
        plan = replace(plan, bottlenecks=tuple(found))
    return replace(plan, wall_s=time.perf_counter() - began)


def _training_of(production: Production, start: date | None) -> Training:
    if production.training is None:
        raise InputError("this production has no [training] programme", path=production.source,
                         field="training")
    training = production.training
    return training.model_copy(update={"start": start}) if start else training


def earliest_milestones(problem: TrainingProblem, solved: ProjectSchedule) -> ProjectSchedule:
    """Return the solution with each milestone the agency has not dated as early as its
    prerequisites allow: the first working morning after them.

    The solver only pulls the cleared milestone forward; the others could sit anywhere
    between their prerequisites and what follows them, and wander from run to run. A
    milestone holds nothing, and what follows it only needs it done, so moving it earlier
    keeps every rule; milestones are taken in the programme's order, each after the ones
    it waits for (the loader refuses cycles).
    """
    starts = dict(solved.starts)
    jobs = {job.id: job for job in problem.project.jobs}
    dated = {f"milestone/{m.id}" for m in problem.training.milestones if m.date is not None}
    pending = [job for job in problem.milestones if job not in dated]
    while pending:
        job = next(j for j in pending if not any(
            lag.after == j and lag.before in pending for lag in problem.project.lags))
        earliest = max((starts[lag.before] + lag.min_units for lag in problem.project.lags
                        if lag.after == job), default=0)
        starts[job] = min((max(low, earliest) for low, high in jobs[job].starts
                           if high >= earliest), default=starts[job])
        pending.remove(job)
    finish = solved.finish_units
    if problem.cleared_job is not None and problem.cleared_job not in dated:
        finish = starts[problem.cleared_job]
    return replace(solved, starts=starts, finish_units=finish)


def chain_of(problem: TrainingProblem, solved: ProjectSchedule) -> list[Link]:
    """Return the chain of sessions that sets the cleared date (or the last session's end)."""
    target = problem.cleared_job or _last_job(problem, solved.starts)
    return critical_chain(problem.project, dict(solved.starts), target)


def read_plan(problem: TrainingProblem, solved: ProjectSchedule,
              links: list[Link]) -> TrainingPlan:
    """Return the plan a solved project gives: local times, milestones, the critical chain."""
    axis, starts = problem.axis, solved.starts
    kinds = {a.id: a.kind for a in problem.training.activities}
    sessions = tuple(sorted(
        (PlannedSession(s.activity, s.number, s.people, s.facility, axis.local(starts[job]),
                        axis.local(starts[job] + s.duration_units), kinds[s.activity])
         for job, s in problem.sessions.items()), key=lambda s: (s.start, s.activity)))
    milestones = {mid: axis.local(starts[job]) for job, mid in problem.milestones.items()}
    return TrainingPlan(
        status=solved.status.value, start=axis.start, cleared=axis.local(solved.finish_units),
        bound=axis.local(cleared_bound(problem, solved)), sessions=sessions,
        milestones=milestones,
        critical=tuple(_chain_json(problem, starts, links)),
        facility_days=_facility_days(problem, starts), training=problem.training,
        wall_s=solved.wall_s)


def cleared_bound(problem: TrainingProblem, solved: ProjectSchedule) -> int:
    """Return a proven earliest cleared time: the solver's bound or the trainees' hours
    (``period_energy_bound``), moved to the first morning the milestone may sit on."""
    bound = max(solved.lower_bound_units, period_energy_bound(problem.project))
    job = next((j for j in problem.project.jobs if j.id == problem.cleared_job), None)
    for low, high in (job.starts if job else ()):
        if high >= bound:
            return min(max(low, bound), solved.finish_units)
    return min(bound, solved.finish_units)


def _last_job(problem: TrainingProblem, starts) -> str:
    return max(problem.sessions.values(),
               key=lambda s: starts[s.job] + s.duration_units).job


def _chain_json(problem: TrainingProblem, starts, chain: list[Link]) -> list[dict]:
    found = []
    for link in chain:
        session: Session | None = problem.sessions.get(link.job)
        entry = {"job": link.job, "why": link_sentence(problem, starts, link),
                 "reason": link.reason, "resource": link.resource, "after": link.by}
        if session is not None:
            entry.update(activity=session.activity, number=session.number,
                         people=list(session.people), facility=session.facility,
                         start=problem.axis.local(starts[link.job]).isoformat(),
                         end=problem.axis.local(starts[link.job]
                                                + session.duration_units).isoformat())
        else:
            entry.update(milestone=problem.milestones[link.job],
                         start=problem.axis.local(starts[link.job]).isoformat())
        found.append(entry)
    return found


def _facility_days(problem: TrainingProblem, starts) -> int:
    return len({(s.facility, starts[job] // UNITS_PER_DAY)
                for job, s in problem.sessions.items()})


def _unplannable(problem: TrainingProblem, reasons: list[str],
                 solved: ProjectSchedule | None = None) -> TrainingPlan:
    status = ProjectStatus.INFEASIBLE.value if solved is None else solved.status.value
    return TrainingPlan(status=status, start=problem.axis.start, cleared=None, bound=None,
                        sessions=(), milestones={}, reasons=tuple(reasons),
                        training=problem.training,
                        wall_s=solved.wall_s if solved is not None else 0.0)
