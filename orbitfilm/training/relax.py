"""Why that date: relax each bottleneck on the critical chain, re-solve, and say what it gains.

Each link of the chain that sets the cleared date names what held it: a facility full, a
facility's sessions for the day taken, a trainee's hours used up, an aircraft flying only in
its campaign weeks, the spacing between sessions, the number of sessions. For each, one
change to the programme that loosens it (one more place, one more campaign week, one more
hour a day...) is planned again, in parallel, with the plan found as a hint: the hint stays
valid in every relaxed programme, so a relaxed plan is never later than the plan itself.

So that a gain is the change's and not the solver's luck, every relaxed plan is searched
the same repeatable way (CP-SAT's deterministic time, one worker, the same hint), and when
the plan itself is not proven optimal it is searched again that way too, unchanged: the
gain is measured against that control. A gain is ``proven`` when both ends are optimal.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Callable

from ..deadline import TRAINING_DETERMINISTIC_SHARE, stage_seconds
from ..production.training import Period, Training
from ..schedule.project import ProjectSchedule
from ..schedule.project.critical import Link
from ..schedule.project.solve import solve_project
from .build import TrainingProblem, build_training_problem
from .calendar import UNITS_PER_DAY

# At most this many changes are tried: each gets a share of the time left.
MAX_CHANGES = 8


@dataclass(frozen=True)
class Bottleneck:
    """A change to the programme, and the cleared date it would give."""

    change: str
    cleared: datetime | None
    gain_days: int
    proven: bool = False    # the relaxed plan and the one it is measured against are optimal

    def to_json(self) -> dict:
        return {"change": self.change,
                "cleared": self.cleared.isoformat() if self.cleared else None,
                "gain_days": self.gain_days, "proven": self.proven}


@dataclass(frozen=True)
class Change:
    """One way to loosen a bottleneck: a sentence and the programme it gives.

    ``key`` names the bottleneck (``windows:il-76mdk``), so that it is tried once.
    """

    sentence: str
    apply: Callable[[Training], Training]
    key: str = ""

    def __post_init__(self):
        if not self.key:
            object.__setattr__(self, "key", self.sentence)


def relax_bottlenecks(problem: TrainingProblem, solved: ProjectSchedule, chain: list[Link], *,
                      time_limit_s: float, workers: int = 2,
                      deterministic: bool = False) -> list:
    """Return a ``Bottleneck`` per change tried, the biggest gain first.

    ``time_limit_s`` is wall seconds, or with ``deterministic`` already CP-SAT's
    deterministic seconds; either way each change is searched in deterministic time.
    """
    changes = candidate_changes(problem, solved.starts, chain)[:MAX_CHANGES]
    if not changes or time_limit_s <= 0:
        return []
    control = None if solved.finish_optimal else Change("as planned", lambda t: t, "control")
    tried = ([control] if control else []) + changes
    rounds = -(-len(tried) // max(1, workers))
    each_s = (time_limit_s / rounds if deterministic else
              stage_seconds(time_limit_s / rounds, True, TRAINING_DETERMINISTIC_SHARE))
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        results = list(pool.map(lambda c: _resolve(problem, solved, c, each_s), tried))
    base, base_proven = solved.finish_units, solved.finish_optimal
    if control is not None and results[0] is not None and results[0].finish_units is not None:
        base, base_proven = min(base, results[0].finish_units), results[0].finish_optimal
        results = results[1:]
    elif control is not None:
        results = results[1:]
    found = []
    for change, result in zip(changes, results):
        finish = base if result is None or result.finish_units is None else min(
            result.finish_units, base)
        gain = (problem.axis.local(base).date() - problem.axis.local(finish).date()).days
        proven = bool(base_proven and result is not None and result.finish_optimal)
        found.append(Bottleneck(change.sentence, problem.axis.local(finish), gain, proven))
    return sorted(found, key=lambda b: -b.gain_days)


def _resolve(problem: TrainingProblem, solved: ProjectSchedule, change: Change,
             deterministic_s: float) -> ProjectSchedule | None:
    """Plan the changed programme the repeatable way, from the plan found."""
    relaxed = build_training_problem(change.apply(problem.training))
    if relaxed.axis.origin != problem.axis.origin:
        return None
    hint = {job: start for job, start in solved.starts.items()
            if job in {j.id for j in relaxed.project.jobs}}
    return solve_project(relaxed.project, time_limit_s=deterministic_s, workers=1, hint=hint,
                         deterministic=True)


def candidate_changes(problem: TrainingProblem, starts, chain: list[Link]) -> list[Change]:
    """Return one change per distinct bottleneck on the chain, the latest links first.

    A bottleneck met at several links (the same facility's windows, the same person's
    hours) is tried once, at the link nearest the cleared date.
    """
    found: dict[str, Change] = {}
    for link in reversed(chain):
        for change in _changes_for(problem, starts, link):
            found.setdefault(change.key, change)
    return list(found.values())


def _changes_for(problem: TrainingProblem, starts, link: Link) -> list[Change]:
    changes = []
    if link.resource:
        changes += _resource_change(problem.training, link.resource)
    session = problem.sessions.get(link.job)
    if session is None:
        return changes
    activity = next(a for a in problem.training.activities if a.id == session.activity)
    facility = problem.training.facility(session.facility)
    if link.reason == "calendar" and facility.windows:
        changes.append(_extra_window(problem, facility.id, link.blocked_at))
    if link.reason == "lag" and activity.min_gap_days and link.by in problem.sessions \
            and problem.sessions[link.by].activity == activity.id:
        changes.append(_activity_change(activity.id, "min_gap_days", activity.min_gap_days - 1,
                                        f"{activity.name or activity.id} "
                                        f"{activity.min_gap_days - 1} days apart instead of "
                                        f"{activity.min_gap_days}"))
    if activity.sessions > 1 and link.reason == "lag":
        changes.append(_activity_change(activity.id, "sessions", activity.sessions - 1,
                                        f"{activity.sessions - 1} sessions of "
                                        f"{activity.name or activity.id} instead of "
                                        f"{activity.sessions}"))
    return changes


def _resource_change(training: Training, resource: str) -> list[Change]:
    kind, _, key = resource.partition(":")
    if kind == "facility":
        facility = training.facility(key)
        return [_facility_change(key, "capacity", facility.capacity + 1,
                                 f"{facility.name or key} takes {facility.capacity + 1} "
                                 f"{facility.counts} at once instead of {facility.capacity}")]
    if kind == "facility-day":
        facility = training.facility(key)
        count = facility.sessions_per_day
        return [_facility_change(key, "sessions_per_day", count + 1,
                                 f"{facility.name or key} holds {count + 1} sessions a day "
                                 f"instead of {count}")]
    if kind in ("hours-day", "hours-week", "person"):
        field, step = ("weekly_h", 4) if kind == "hours-week" else ("daily_h", 1)
        unit = "week" if kind == "hours-week" else "day"
        hours = getattr(training.trainee(key), field) or getattr(training, field)
        # Trainees who share their sessions are held together: loosen one, or all.
        return [_trainee_change(key, field, hours + step,
                                f"{key} trains {hours + step:g} h a {unit} instead of "
                                f"{hours:g}"),
                _everyone_change(field, step, f"every trainee trains {step:g} h more a {unit}")]
    return []


def _everyone_change(field: str, step: float, sentence: str) -> Change:
    def apply(training: Training) -> Training:
        people = [p.model_copy(update={field: (getattr(p, field) or getattr(training, field))
                                       + step}) for p in training.people]
        return training.model_copy(update={"people": people})
    return Change(sentence, apply, f"everyone:{field}")


def _extra_window(problem: TrainingProblem, facility_id: str, blocked_at: int) -> Change:
    """Return one more week of a facility's windows, from the Monday of the week the session
    could first have flown."""
    day = problem.axis.date_of(blocked_at // UNITS_PER_DAY)
    monday = day - timedelta(days=day.weekday())
    period = Period(start=monday, end=monday + timedelta(days=6), reason="relaxed")
    facility = problem.training.facility(facility_id)
    sentence = (f"one more {facility.name or facility_id} week from {monday} "
                f"(it works only in its windows)")

    def apply(training: Training) -> Training:
        return _replace_facility(training, facility_id,
                                 windows=[*training.facility(facility_id).windows, period])
    return Change(sentence, apply, f"windows:{facility_id}")


def _facility_change(facility_id: str, field: str, value, sentence: str) -> Change:
    return Change(sentence, lambda t: _replace_facility(t, facility_id, **{field: value}))


def _trainee_change(person: str, field: str, value, sentence: str) -> Change:
    def apply(training: Training) -> Training:
        people = [p.model_copy(update={field: value}) if p.id == person else p
                  for p in training.people]
        return training.model_copy(update={"people": people})
    return Change(sentence, apply)


def _activity_change(activity_id: str, field: str, value, sentence: str) -> Change:
    def apply(training: Training) -> Training:
        activities = [a.model_copy(update={field: value}) if a.id == activity_id else a
                      for a in training.activities]
        return training.model_copy(update={"activities": activities})
    return Change(sentence, apply)


def _replace_facility(training: Training, facility_id: str, **changes) -> Training:
    facilities = [f.model_copy(update=changes) if f.id == facility_id else f
                  for f in training.facilities]
    return training.model_copy(update={"facilities": facilities})
