"""The plain data a solver sees: scenes as tasks with candidate windows on a minute grid.

Nothing here knows about the orbit or the production file: ``windows.build_problem`` turns a
flight (a production with its environment) into a ``Problem``, and every solver (CP-SAT,
the greedy stripboard) reads only this. Times are whole minutes from ``Problem.origin_s``
(the docking rounded down to a minute, ``grid``), so that a 30-day mission is 43,200 grid
points.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..times import DAY_S, MINUTE_S

# At most this many pieces of one splittable scene: each piece needs its own set-up, so a
# scene cut finer than this costs more crew time than any window shape could save.
MAX_PIECES = 4


@dataclass(frozen=True)
class Weights:
    """The cost of one unit of each objective term, smallest total is best; 0 leaves it out.

    Each field is named as its term is (``Result.terms``, ``penalties``): ``left_out`` per
    scene left out, times its priority + 1, more than any other term can save; then each
    person-minute on film, each kit move, each minute from docking to the end of the last
    shot, and the soft wishes (each scene off its preferred days, each extra day a sequence
    is spread over, each scene shot in the reserve days kept for re-shoots). A re-plan adds
    the stability terms (0 otherwise): each published scene not kept at its time, each moved
    to another day, and each change to today's or tomorrow's call sheet.
    """

    left_out: int = 100_000
    crew_minutes: int = 10
    moves: int = 30
    finish_minutes: int = 1
    first_shot_minutes: int = 0
    preferred_day: int = 200
    sequence_days: int = 100
    reserve_day: int = 5_000
    moved_scene: int = 0
    moved_day: int = 0
    call_sheet_soon: int = 0

    def names(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


@dataclass(frozen=True)
class SolveOptions:
    """How long and how to search.

    ``time_limit_s`` is wall-clock seconds, or with ``deterministic`` CP-SAT's deterministic
    seconds, and then nothing in any phase (explanations included) looks at the clock: the
    same seed and number of workers give the same schedule on any machine. The thresholds
    choose the model's shape by size: up to ``circuit_pieces`` pieces a camera unit, kit
    moves are an exact circuit; beyond ``block_pieces`` pieces in all, the search works in
    blocks of one module per free stretch (``blocks``).
    """

    time_limit_s: float = 60.0
    workers: int = 2
    seed: int = 0
    catch_interrupt: bool = False
    deterministic: bool = False
    log: bool = False
    explain_budget_s: float = 30.0
    greedy_hint: bool = True
    circuit_pieces: int = 16
    block_pieces: int = 150


@dataclass(frozen=True)
class Window:
    """A stretch of the grid where a piece may be shot: ``[start_min, end_min]``.

    ``setup_from_min`` is where the camera unit's free time around it begins: set-up may
    start there at the earliest. ``day`` is the GMT day (days since 1970) holding the window.
    """

    start_min: int
    end_min: int
    setup_from_min: int
    day: int

    def earliest_shoot_min(self, setup_min: int) -> int:
        return max(self.start_min, self.setup_from_min + setup_min)


@dataclass(frozen=True)
class Option:
    """The windows a scene has when one camera unit shoots it."""

    unit: str
    windows: tuple[Window, ...]


@dataclass(frozen=True)
class Task:
    """One orbital scene as the solver sees it (lengths in whole minutes)."""

    id: str
    priority: int
    shoot_min: int
    setup_min: int
    min_piece_min: int
    max_pieces: int
    location: str
    cast: tuple[str, ...]
    options: tuple[Option, ...]
    after: tuple[str, ...] = ()
    preferred_days: tuple[int, ...] = ()
    sequence: str | None = None
    reason: str | None = None

    @property
    def has_windows(self) -> bool:
        return any(option.windows for option in self.options)


@dataclass(frozen=True)
class Problem:
    """Everything the solvers need: tasks, units, people's limits, moves and weights."""

    origin_s: float
    horizon_min: int
    tasks: tuple[Task, ...]
    unit_people: dict[str, tuple[str, ...]]
    daily_limit_min: dict[str, int]
    moves_min: dict[tuple[str, str], int]
    weights: Weights = field(default_factory=Weights)
    # Each unit's free stretches on the grid: only a bound on how early it can finish.
    unit_free_min: dict[str, tuple[tuple[int, int], ...]] = field(default_factory=dict)
    weekly_limit_min: dict[str, int] = field(default_factory=dict)
    # Pieces that end after this minute are shot in the reserve days (a named penalty).
    reserve_from_min: int | None = None
    # A re-plan's: each published scene's first shoot start and GMT day, the days whose call
    # sheets are out (today, tomorrow), and the film minutes already worked by (person, day).
    published: dict[str, tuple[int, int]] = field(default_factory=dict)
    soon_days: tuple[int, ...] = ()
    used_min: dict[tuple[str, int], int] = field(default_factory=dict)

    def task(self, task_id: str) -> Task:
        return self._by_id()[task_id]

    def _by_id(self) -> dict[str, Task]:
        return {task.id: task for task in self.tasks}

    def move_min(self, from_location: str, to_location: str) -> int:
        if from_location == to_location:
            return 0
        return self.moves_min.get((from_location, to_location), 0)

    def seconds(self, minute: int) -> float:
        """Return the POSIX instant of a grid minute."""
        return self.origin_s + minute * MINUTE_S

    def day_of(self, minute: int) -> int:
        return int((self.origin_s + minute * MINUTE_S) // DAY_S)

    def week_of(self, day: int) -> int:
        """Return the week of the stay a GMT day falls in (week 0 holds the docking day)."""
        return (day - int(self.origin_s // DAY_S)) // 7

    def used_day_min(self, person: str, day: int) -> int:
        """Return the film minutes a person has already worked on a GMT day (a re-plan's)."""
        return self.used_min.get((person, day), 0)

    def used_week_min(self, person: str, week: int) -> int:
        """Return the film minutes a person has already worked in a week of the stay."""
        return sum(minutes for (who, day), minutes in self.used_min.items()
                   if who == person and self.week_of(day) == week)

    def limited_people(self) -> set[str]:
        """Return the people with a daily or weekly limit of film work."""
        return set(self.daily_limit_min) | set(self.weekly_limit_min)

    def subset(self, task_ids) -> "Problem":
        """Return the problem restricted to some tasks (precedence to others dropped)."""
        keep = set(task_ids)
        tasks = tuple(replace(t, after=tuple(a for a in t.after if a in keep))
                      for t in self.tasks if t.id in keep)
        return replace(self, tasks=tasks)

    def until(self, end_min: int) -> "Problem":
        """Return the problem with only the windows that open by ``end_min``."""
        tasks = tuple(replace(task, options=tuple(
            replace(option, windows=tuple(w for w in option.windows if w.start_min <= end_min))
            for option in task.options)) for task in self.tasks)
        return replace(self, tasks=tasks)

    def from_minute(self, now_min: int) -> "Problem":
        """Return the problem with nothing before ``now_min``, set-up included: windows
        clipped, those left too short for a piece dropped."""
        tasks = tuple(replace(task, options=tuple(
            replace(option, windows=tuple(clipped for w in option.windows
                                          if (clipped := _clip(task, w, now_min))))
            for option in task.options)) for task in self.tasks)
        return replace(self, tasks=tasks)

    def ancestors(self, task_id: str) -> list[str]:
        """Return every task that must be shot before this one, nearest first."""
        by_id, found, queue = self._by_id(), [], list(self.task(task_id).after)
        while queue:
            other = queue.pop(0)
            if other in by_id and other not in found:
                found.append(other)
                queue.extend(by_id[other].after)
        return found


def _clip(task: Task, window: Window, now_min: int) -> Window | None:
    """Return a window with nothing before ``now_min``, or None when no piece fits in it."""
    if window.start_min >= now_min and window.setup_from_min >= now_min:
        return window
    clipped = replace(window, start_min=max(window.start_min, now_min),
                      setup_from_min=max(window.setup_from_min, now_min))
    shortest = task.shoot_min if task.max_pieces == 1 else task.min_piece_min
    if clipped.earliest_shoot_min(task.setup_min) + shortest > clipped.end_min:
        return None
    return clipped


@dataclass(frozen=True)
class Placement:
    """One piece of a scene on the grid: set-up from ``start_min``, shooting from
    ``shoot_start_min`` to ``end_min``, by camera unit ``unit``."""

    task_id: str
    unit: str
    start_min: int
    shoot_start_min: int
    end_min: int

    @property
    def shoot_min(self) -> int:
        return self.end_min - self.shoot_start_min


def film_minutes(problem: Problem, task: Task, unit: str, shoot_min: int) -> dict[str, int]:
    """Return each person's minutes of film work in a piece: the cast while it shoots, the
    camera unit through set-up and shooting (someone in both counts once, as the unit)."""
    crew = problem.unit_people.get(unit, ())
    minutes = {person: shoot_min for person in task.cast}
    minutes.update({person: task.setup_min + shoot_min for person in crew})
    return minutes


def crew_minutes(problem: Problem, placement: Placement) -> int:
    """Return the person-minutes one piece takes (``film_minutes`` summed)."""
    task = problem.task(placement.task_id)
    return sum(film_minutes(problem, task, placement.unit, placement.shoot_min).values())


def unit_sequence(placements: list[Placement]) -> dict[str, list[Placement]]:
    """Return each unit's pieces in the order it shoots them."""
    by_unit: dict[str, list[Placement]] = {}
    for placement in sorted(placements, key=lambda p: (p.start_min, p.task_id)):
        by_unit.setdefault(placement.unit, []).append(placement)
    return by_unit


def count_moves(problem: Problem, placements: list[Placement]) -> int:
    """Return how many times a camera unit carries its kit to another module."""
    moves = 0
    for sequence in unit_sequence(placements).values():
        locations = [problem.task(p.task_id).location for p in sequence]
        moves += sum(a != b for a, b in zip(locations, locations[1:]))
    return moves


def evaluate(problem: Problem, placements: list[Placement]) -> dict[str, int]:
    """Return each objective term's cost for a set of placements (the same sum CP-SAT minimises).

    Solver-independent: the greedy baseline and the tests price schedules with it.
    """
    weights = problem.weights
    shot = {p.task_id for p in placements}
    terms = {
        "left_out": weights.left_out * sum(t.priority + 1 for t in problem.tasks
                                           if t.id not in shot and t.has_windows),
        "crew_minutes": weights.crew_minutes * sum(crew_minutes(problem, p) for p in placements),
        "moves": weights.moves * count_moves(problem, placements),
        "finish_minutes": weights.finish_minutes * max((p.end_min for p in placements),
                                                       default=0),
        "first_shot_minutes": weights.first_shot_minutes * min(
            (p.shoot_start_min for p in placements), default=problem.horizon_min),
    }
    for penalty in penalties(problem, placements):
        terms[penalty.name] = terms.get(penalty.name, 0) + penalty.cost
    weight = weights.names()
    return {name: cost for name, cost in terms.items() if cost or weight.get(name, 0)}


@dataclass(frozen=True)
class Penalty:
    """A soft wish given up, by name: which scenes, and what it cost in the objective."""

    name: str
    scenes: tuple[str, ...]
    cost: int
    detail: str


def penalties(problem: Problem, placements: list[Placement]) -> list[Penalty]:
    """Return the soft wishes a set of placements gives up, one ``Penalty`` per wish."""
    days: dict[str, set[int]] = {}
    for placement in placements:
        days.setdefault(placement.task_id, set()).add(problem.day_of(placement.shoot_start_min))
    found = []
    weights = problem.weights
    for task in problem.tasks:
        missed = days.get(task.id, set()) - set(task.preferred_days)
        if weights.preferred_day and task.preferred_days and missed:
            found.append(Penalty("preferred_day", (task.id,), weights.preferred_day,
                                 f"scene {task.id} is shot on a day it does not prefer"))
    found += sequence_penalties(problem, days)
    found += reserve_penalties(problem, placements)
    found += stability_penalties(problem, placements)
    return found


def first_pieces(placements: list[Placement]) -> dict[str, Placement]:
    """Return each scene's first piece (its call: when its first shot starts)."""
    first: dict[str, Placement] = {}
    for placement in sorted(placements, key=lambda p: p.shoot_start_min):
        first.setdefault(placement.task_id, placement)
    return first


def stability_penalties(problem: Problem, placements: list[Placement]) -> list[Penalty]:
    """Return a re-plan's changes to the published schedule, one penalty per change.

    A published scene whose first piece does not start when it did is ``moved_scene`` (left
    out too); on another GMT day also ``moved_day``; either on a day whose call sheet is out
    (``soon_days``), or any scene newly placed on such a day, ``call_sheet_soon``.
    """
    weights, first = problem.weights, first_pieces(placements)
    soon, found = set(problem.soon_days), []
    for task in problem.tasks:
        placed, published = first.get(task.id), problem.published.get(task.id)
        day = problem.day_of(placed.shoot_start_min) if placed else None
        if published is not None:
            kept = placed is not None and placed.shoot_start_min == published[0]
            if weights.moved_scene and not kept:
                found.append(Penalty("moved_scene", (task.id,), weights.moved_scene,
                                     f"scene {task.id} no longer starts when published"))
            if weights.moved_day and day != published[1]:
                found.append(Penalty("moved_day", (task.id,), weights.moved_day,
                                     f"scene {task.id} moves off its published day"))
            changed = not kept if published[1] in soon else day in soon
        else:
            changed = day in soon
        if weights.call_sheet_soon and changed:
            found.append(Penalty("call_sheet_soon", (task.id,), weights.call_sheet_soon,
                                 f"scene {task.id} changes today's or tomorrow's call sheet"))
    return found


def reserve_penalties(problem: Problem, placements: list[Placement]) -> list[Penalty]:
    """Return one penalty per scene shot (in part) in the reserve days before undocking."""
    weight, start = problem.weights.reserve_day, problem.reserve_from_min
    if not weight or start is None:
        return []
    late = dict.fromkeys(p.task_id for p in sorted(placements, key=lambda p: p.start_min)
                         if p.end_min > start)
    return [Penalty("reserve_day", (task_id,), weight,
                    f"scene {task_id} is shot in the days kept for re-shoots") for task_id in late]


def sequence_penalties(problem: Problem, days: dict[str, set[int]]) -> list[Penalty]:
    """Return one penalty per scene sequence shot over more than one day (each extra day)."""
    weight = problem.weights.sequence_days
    groups: dict[str, list[str]] = {}
    for task in problem.tasks:
        if task.sequence:
            groups.setdefault(task.sequence, []).append(task.id)
    found = []
    for name, members in groups.items():
        used = set().union(*(days.get(m, set()) for m in members))
        if weight and len(members) > 1 and len(used) > 1:
            found.append(Penalty("sequence_days", tuple(members), weight * (len(used) - 1),
                                 f"sequence {name} is shot over {len(used)} days"))
    return found
