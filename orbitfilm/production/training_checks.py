"""What a training programme means, checked: references, cycles, sessions that fit.

Each check returns ``Mistake``s at key paths under ``training``; the loader turns them into
``FILE:LINE: message (training.activities[3].after[0])`` lines. The checks that need the
calendars (can a trainee free from August make an exam fixed in September?) are the
planner's (``orbitfilm.training``), which names the person, the activity and the date.
"""

from __future__ import annotations

import difflib
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .mistakes import Mistake
from .training import WHO_WORDS, Activity, Training, hours_span_min

ROOT = ("training",)


def check_training(training: Training, people: dict[str, object]) -> list[Mistake]:
    """Return every mistake of meaning in a training programme.

    ``people`` maps the production's person ids to their records (trainees may name them).
    """
    mistakes = []
    for check in (_unique_ids, _time_zone, _calendars, _trainees, _crews, _activities,
                  _prerequisites, _cycles, _milestones):
        mistakes += check(training, people)
    return mistakes


def who_of(training: Training, activity: Activity) -> list[str]:
    """Return the ids of the trainees an activity names, in the programme's order."""
    crews = {crew.id: crew.people for crew in training.crews}
    wanted = activity.who if isinstance(activity.who, list) else [activity.who]
    found = []
    for word in wanted:
        for trainee in training.people:
            if _named(word, trainee, crews):
                found.append(trainee.id)
    return list(dict.fromkeys(found))


def _named(word: str, trainee, crews: dict) -> bool:
    if word == "everyone" or word == trainee.id:
        return True
    if word == "participants":
        return trainee.participant
    if word in crews:
        return trainee.id in crews[word]
    return word.lower() in (role.lower() for role in trainee.roles)


def _unique_ids(training: Training, people) -> list[Mistake]:
    mistakes = []
    seen: dict[str, str] = {}
    sections = (("people", training.people), ("crews", training.crews),
                ("facilities", training.facilities), ("activities", training.activities),
                ("milestones", training.milestones))
    for name, items in sections:
        shared = name in ("activities", "milestones")
        for index, item in enumerate(items):
            key = (("activity or milestone" if shared else name), item.id)
            if key in seen:
                mistakes.append(Mistake(f"{item.id!r} is defined twice in training.{name}",
                                        (*ROOT, name, index, "id")))
            seen[key] = name
    return mistakes


def _time_zone(training: Training, people) -> list[Mistake]:
    try:
        ZoneInfo(training.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        return [Mistake(f"unknown time zone {training.time_zone!r} (an IANA name such as "
                        f"Europe/Moscow)", (*ROOT, "time_zone"))]
    return []


def _calendars(training: Training, people) -> list[Mistake]:
    # Imported here, not above: it takes 45 ms, and most productions have no training.
    from holidays import list_supported_countries

    known = set(list_supported_countries())
    mistakes = []
    places = [((*ROOT, "calendar"), training.calendar)]
    places += [((*ROOT, "facilities", i, "calendar"), f.calendar)
               for i, f in enumerate(training.facilities)]
    for path, code in places:
        if code is not None and code != "none" and code.upper() not in known:
            mistakes.append(Mistake(f"unknown holiday calendar {code!r}: an ISO country code "
                                    f"such as RU or US, or 'none'", path))
    return mistakes


def _trainees(training: Training, people) -> list[Mistake]:
    mistakes = []
    for index, trainee in enumerate(training.people):
        if trainee.id not in people and trainee.name is None:
            mistakes.append(Mistake(f"trainee {trainee.id!r} is not one of the production's "
                                    f"people: give their name", (*ROOT, "people", index, "id")))
    return mistakes


def _crews(training: Training, people) -> list[Mistake]:
    ids = {t.id for t in training.people}
    mistakes, seen = [], {}
    for index, crew in enumerate(training.crews):
        for number, person in enumerate(crew.people):
            path = (*ROOT, "crews", index, "people", number)
            if person not in ids:
                mistakes.append(Mistake(f"crew {crew.id!r}: {person!r} is not a trainee"
                                        f"{_did_you_mean(person, ids)}", path))
            elif person in seen:
                mistakes.append(Mistake(f"{person!r} is in two crews: {seen[person]!r} and "
                                        f"{crew.id!r}", path))
            seen.setdefault(person, crew.id)
    return mistakes


def _activities(training: Training, people) -> list[Mistake]:
    facilities = {f.id: f for f in training.facilities}
    mistakes = []
    for index, activity in enumerate(training.activities):
        path = (*ROOT, "activities", index)
        facility = facilities.get(activity.facility)
        if facility is None:
            mistakes.append(Mistake(f"activity {activity.id!r}: unknown facility "
                                    f"{activity.facility!r}"
                                    f"{_did_you_mean(activity.facility, facilities)}",
                                    (*path, "facility")))
            continue
        mistakes += _who(training, activity, path)
        mistakes += _fits(training, activity, facility, path)
    return mistakes


def _who(training: Training, activity: Activity, path) -> list[Mistake]:
    trainees = who_of(training, activity)
    if not trainees:
        words = ", ".join([*WHO_WORDS, *(c.id for c in training.crews), "a role", "an id"])
        return [Mistake(f"activity {activity.id!r}: who = {activity.who!r} names no trainee "
                        f"(use {words})", (*path, "who"))]
    if activity.together == "crew":
        crewed = {p for crew in training.crews for p in crew.people}
        alone = [p for p in trainees if p not in crewed]
        if alone:
            return [Mistake(f"activity {activity.id!r} is taken by crews together, but "
                            f"{', '.join(alone)} is in no crew", (*path, "together"))]
    return []


def _group_sizes(training: Training, activity: Activity) -> list[int]:
    trainees = who_of(training, activity)
    if activity.together == "each":
        return [1] * len(trainees)
    if activity.together == "all":
        return [len(trainees)]
    return [len([p for p in crew.people if p in trainees]) for crew in training.crews
            if set(crew.people) & set(trainees)]


def _fits(training: Training, activity: Activity, facility, path) -> list[Mistake]:
    """Return mistakes for sessions no facility day or capacity can hold."""
    start_min, end_min = hours_span_min(facility.hours or training.hours)
    day_h = (end_min - start_min) / 60
    mistakes = []
    if activity.duration_h is not None and activity.duration_h > day_h:
        mistakes.append(Mistake(
            f"activity {activity.id!r}: a session of {activity.duration_h:g} h is longer than "
            f"a working day of {facility.id} ({facility.hours or training.hours}, "
            f"{day_h:g} h)", (*path, "duration_h")))
    session_h = activity.duration_h or day_h
    for person in who_of(training, activity):
        limit_h = training.trainee(person).daily_h or training.daily_h
        if session_h > limit_h:
            mistakes.append(Mistake(
                f"activity {activity.id!r}: a session of {session_h:g} h is more than "
                f"{person}'s {limit_h:g} training hours a day", (*path, "duration_h" if
                                                                 activity.duration_h else
                                                                 "duration_days")))
            break
    if facility.counts == "people":
        largest = max(_group_sizes(training, activity), default=0)
        if largest > facility.capacity:
            mistakes.append(Mistake(
                f"activity {activity.id!r}: a session of {largest} people, but {facility.id} "
                f"holds {facility.capacity} at once", (*path, "together")))
    if activity.earliest and activity.latest and activity.latest < activity.earliest:
        mistakes.append(Mistake(f"activity {activity.id!r}: latest {activity.latest} is "
                                f"before earliest {activity.earliest}", (*path, "latest")))
    return mistakes


def _prerequisites(training: Training, people) -> list[Mistake]:
    known = {a.id for a in training.activities} | {m.id for m in training.milestones}
    mistakes = []
    items = [("activities", training.activities), ("milestones", training.milestones)]
    for section, entries in items:
        for index, entry in enumerate(entries):
            for number, before in enumerate(entry.after):
                if before not in known:
                    mistakes.append(Mistake(f"{entry.id!r} comes after {before!r}, which is no "
                                            f"activity or milestone"
                                            f"{_did_you_mean(before, known)}",
                                            (*ROOT, section, index, "after", number)))
                elif before == entry.id:
                    mistakes.append(Mistake(f"{entry.id!r} cannot come after itself",
                                            (*ROOT, section, index, "after", number)))
    return mistakes


def _cycles(training: Training, people) -> list[Mistake]:
    """Return one mistake per cycle of prerequisites, at the entry that closes it."""
    after = {e.id: [b for b in e.after if b != e.id]
             for e in [*training.activities, *training.milestones]}
    where = {a.id: ("activities", i) for i, a in enumerate(training.activities)}
    where.update({m.id: ("milestones", i) for i, m in enumerate(training.milestones)})
    state, mistakes = {}, []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for before in after.get(node, []):
            if state.get(before) == "open":
                loop = trail[trail.index(before):] + [node, before] if before in trail \
                    else [node, before]
                mistakes.append(Mistake("prerequisites go round in a circle: "
                                        + " -> ".join(reversed(loop)),
                                        (*ROOT, *where[node], "after")))
            elif before in after and before not in state:
                visit(before, trail + [node])
        state[node] = "done"

    for node in after:
        if node not in state:
            visit(node, [])
    return mistakes


def _milestones(training: Training, people) -> list[Mistake]:
    cleared = [i for i, m in enumerate(training.milestones) if m.cleared]
    mistakes = [Mistake("only one milestone can be the one that clears the crew",
                        (*ROOT, "milestones", i, "cleared")) for i in cleared[1:]]
    for index, milestone in enumerate(training.milestones):
        if milestone.date is not None and milestone.date < training.start:
            mistakes.append(Mistake(f"milestone {milestone.id!r} is fixed on {milestone.date}, "
                                    f"before training starts ({training.start})",
                                    (*ROOT, "milestones", index, "date")))
    return mistakes


def _did_you_mean(word: str, choices) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""
