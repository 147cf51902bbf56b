"""The stripboard baseline: scenes in priority order, each at its earliest fit.

This is what planning by hand on a stripboard gives: take the most important scene whose
predecessors are placed, put it at the first moment its window, its cast, the camera unit
(with the kit's move from its neighbours), its location and the daily film limits allow,
and never move it again. A scene that does not fit whole and may be split goes in pieces,
each as long as its window allows. The CP-SAT schedule is measured against this, and the
greedy schedule is handed to CP-SAT as a first solution to improve on.
"""

from __future__ import annotations

import bisect
import heapq
from collections import defaultdict

from .problem import Option, Placement, Problem, Task, Window, film_minutes


class Board:
    """What is already placed: busy stretches per unit, person and location; minutes per day."""

    def __init__(self, problem: Problem):
        self.problem = problem
        self.unit: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        self.person: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self.location: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self.minutes: dict[tuple[str, int], int] = defaultdict(int)
        self.weekly: dict[tuple[str, int], int] = defaultdict(int)
        for (person, day), minutes in problem.used_min.items():  # a re-plan's, shot before
            self.minutes[(person, day)] += minutes
            self.weekly[(person, problem.week_of(day))] += minutes

    # -- the earliest start at or after ``start`` that clashes with nothing ------------------
    def push(self, task: Task, unit: str, start: int, length: int) -> int:
        """Return the first shoot start >= ``start`` free of every clash (maybe the same)."""
        while True:
            later = max(self._unit_push(task, unit, start, length),
                        self._people_push(task, unit, start, length),
                        self._location_push(task, start, length))
            if later == start:
                return start
            start = later

    def _unit_push(self, task: Task, unit: str, start: int, length: int) -> int:
        busy = self.unit[unit]
        begin, end = start - task.setup_min, start + length
        index = bisect.bisect_left(busy, (begin, -1, ""))
        if index > 0:
            before = busy[index - 1]
            ready = before[1] + self.problem.move_min(before[2], task.location)
            if ready > begin:
                return ready + task.setup_min
        if index < len(busy):
            after = busy[index]
            if end + self.problem.move_min(task.location, after[2]) > after[0]:
                return after[1] + self.problem.move_min(after[2], task.location) + task.setup_min
        return start

    def _people_push(self, task: Task, unit: str, start: int, length: int) -> int:
        crew = set(self.problem.unit_people.get(unit, ()))
        latest = start
        for person in set(task.cast) | crew:
            begin = start - task.setup_min if person in crew else start
            clash = _overlap(self.person[person], begin, start + length)
            if clash is not None:
                latest = max(latest, clash + (start - begin))
        return latest

    def _location_push(self, task: Task, start: int, length: int) -> int:
        if len(self.problem.unit_people) <= 1:
            return start
        clash = _overlap(self.location[task.location], start - task.setup_min, start + length)
        return start if clash is None else clash + task.setup_min

    def within_limits(self, task: Task, unit: str, day: int, length: int) -> bool:
        """Return whether a piece keeps everyone within their daily and weekly film limits."""
        daily, weekly = self.problem.daily_limit_min, self.problem.weekly_limit_min
        week = self.problem.week_of(day)
        for person, minutes in film_minutes(self.problem, task, unit, length).items():
            if person in daily and self.minutes[(person, day)] + minutes > daily[person]:
                return False
            if person in weekly and self.weekly[(person, week)] + minutes > weekly[person]:
                return False
        return True

    def _count(self, task: Task, unit: str, day: int, length: int, sign: int) -> None:
        week = self.problem.week_of(day)
        for person, minutes in film_minutes(self.problem, task, unit, length).items():
            self.minutes[(person, day)] += sign * minutes
            self.weekly[(person, week)] += sign * minutes

    # -- placing -------------------------------------------------------------------------------
    def place(self, task: Task, unit: str, window: Window, start: int, length: int) -> Placement:
        crew = set(self.problem.unit_people.get(unit, ()))
        begin, end = start - task.setup_min, start + length
        bisect.insort(self.unit[unit], (begin, end, task.location))
        for person in set(task.cast) | crew:
            bisect.insort(self.person[person], (begin if person in crew else start, end))
        bisect.insort(self.location[task.location], (begin, end))
        self._count(task, unit, window.day, length, +1)
        return Placement(task.id, unit, begin, start, end)

    def remove(self, placement: Placement, task: Task, day: int) -> None:
        crew = set(self.problem.unit_people.get(placement.unit, ()))
        self.unit[placement.unit].remove((placement.start_min, placement.end_min, task.location))
        for person in set(task.cast) | crew:
            begin = placement.start_min if person in crew else placement.shoot_start_min
            self.person[person].remove((begin, placement.end_min))
        self.location[task.location].remove((placement.start_min, placement.end_min))
        self._count(task, placement.unit, day, placement.shoot_min, -1)


def _overlap(busy: list[tuple[int, int]], begin: int, end: int) -> int | None:
    """Return the end of the last busy stretch overlapping ``[begin, end)``, or None."""
    index = bisect.bisect_left(busy, (end, end))
    latest = None
    while index > 0 and busy[index - 1][1] > begin:
        if busy[index - 1][0] < end:
            latest = max(latest or 0, busy[index - 1][1])
        index -= 1
    return latest


def earliest_fit(board: Board, task: Task, option: Option, length: int,
                 not_before: int) -> tuple[Window, int] | None:
    """Return the first window and shoot start where a piece of ``length`` fits."""
    for window in option.windows:
        first = max(window.earliest_shoot_min(task.setup_min), not_before)
        if first + length > window.end_min or \
                not board.within_limits(task, option.unit, window.day, length):
            continue
        start = board.push(task, option.unit, first, length)
        if start + length <= window.end_min:
            return window, start
    return None


def place_whole(board: Board, task: Task, not_before: int) -> list[Placement]:
    """Place a scene in one piece at its earliest fit over every unit; [] if none."""
    fits = [(fit[1], option, fit[0]) for option in task.options
            if (fit := earliest_fit(board, task, option, task.shoot_min, not_before))]
    if not fits:
        return []
    start, option, window = min(fits, key=lambda f: f[0])
    return [board.place(task, option.unit, window, start, task.shoot_min)]


def place_pieces(board: Board, task: Task, not_before: int) -> list[Placement]:
    """Place a splittable scene in pieces, each as long as its window allows; [] if it won't go."""
    placed: list[tuple[Placement, int]] = []
    remaining, cursor = task.shoot_min, not_before
    while remaining and len(placed) < task.max_pieces:
        found = _longest_piece(board, task, remaining, cursor, last=len(placed) == task.max_pieces - 1)
        if found is None:
            break
        placement, day = found
        placed.append((placement, day))
        remaining -= placement.shoot_min
        cursor = placement.end_min
    if remaining:
        for placement, day in placed:
            board.remove(placement, task, day)
        return []
    return [placement for placement, _ in placed]


def _longest_piece(board: Board, task: Task, remaining: int, cursor: int, last: bool):
    """Return the earliest piece of the longest length that fits, and its day."""
    lengths = [remaining] if last else _piece_lengths(task, remaining)
    for length in lengths:
        fits = [(fit[1], option, fit[0]) for option in task.options
                if (fit := earliest_fit(board, task, option, length, cursor))]
        if fits:
            start, option, window = min(fits, key=lambda f: f[0])
            return board.place(task, option.unit, window, start, length), window.day
    return None


def _piece_lengths(task: Task, remaining: int) -> list[int]:
    """Return piece lengths to try, longest first, none leaving a stub shorter than a piece."""
    lengths = [length for length in range(remaining, task.min_piece_min - 1, -5)
               if remaining - length == 0 or remaining - length >= task.min_piece_min]
    return lengths or [remaining]


def stripboard_order(problem: Problem) -> list[Task]:
    """Return the tasks by priority (highest first, file order next), predecessors first."""
    position = {task.id: index for index, task in enumerate(problem.tasks)}
    waiting = {task.id: {a for a in task.after if a in position} for task in problem.tasks}
    followers = defaultdict(list)
    for task in problem.tasks:
        for other in waiting[task.id]:
            followers[other].append(task.id)
    ready = [(-task.priority, position[task.id]) for task in problem.tasks if not waiting[task.id]]
    heapq.heapify(ready)
    order = []
    while ready:
        _, index = heapq.heappop(ready)
        task = problem.tasks[index]
        order.append(task)
        for follower in followers[task.id]:
            waiting[follower].discard(task.id)
            if not waiting[follower]:
                heapq.heappush(ready, (-problem.tasks[position[follower]].priority,
                                       position[follower]))
    return order


def greedy(problem: Problem) -> list[Placement]:
    """Return the stripboard schedule: each scene at its earliest fit, in priority order."""
    return _fill(Board(problem), [], {})


def repair(problem: Problem, earlier: list[Placement]) -> list[Placement]:
    """Return an earlier schedule repaired: each scene kept where it was when it still fits
    there (its windows, people, unit, limits, and predecessors kept before it), in time
    order; the rest placed as the stripboard places them."""
    board, placements, ends = Board(problem), [], {}
    tasks = {task.id: task for task in problem.tasks}
    by_task: dict[str, list[Placement]] = defaultdict(list)
    for placement in sorted(earlier, key=lambda p: p.shoot_start_min):
        by_task[placement.task_id].append(placement)
    for task_id, pieces in sorted(by_task.items(), key=lambda item: item[1][0].start_min):
        task = tasks.get(task_id)
        if task is None or any(ends.get(other, pieces[0].shoot_start_min + 1)
                               > pieces[0].shoot_start_min for other in task.after):
            continue
        kept = _keep(board, task, pieces)
        if kept:
            placements += kept
            ends[task_id] = max(p.end_min for p in kept)
    return _fill(board, placements, ends)


def _keep(board: Board, task: Task, pieces: list[Placement]) -> list[Placement]:
    """Place a scene's earlier pieces where they were, or nothing when one no longer fits."""
    if len(pieces) > task.max_pieces or sum(p.shoot_min for p in pieces) != task.shoot_min:
        return []
    placed: list[tuple[Placement, int]] = []
    for piece in pieces:
        window = _holder(task, piece)
        fits = window is not None and \
            board.within_limits(task, piece.unit, window.day, piece.shoot_min) and \
            board.push(task, piece.unit, piece.shoot_start_min, piece.shoot_min) \
            == piece.shoot_start_min
        if not fits:
            for placement, day in placed:
                board.remove(placement, task, day)
            return []
        placed.append((board.place(task, piece.unit, window, piece.shoot_start_min,
                                   piece.shoot_min), window.day))
    return [placement for placement, _ in placed]


def _holder(task: Task, piece: Placement) -> Window | None:
    """Return the window of the piece's unit that holds it with its set-up, if any."""
    for option in task.options:
        for window in option.windows if option.unit == piece.unit else ():
            if window.earliest_shoot_min(task.setup_min) <= piece.shoot_start_min and \
                    piece.end_min <= window.end_min:
                return window
    return None


def _fill(board: Board, placements: list[Placement], ends: dict[str, int]) -> list[Placement]:
    """Place every scene not yet placed at its earliest fit, in priority order."""
    for task in stripboard_order(board.problem):
        if task.id in ends or not task.has_windows or \
                any(other not in ends for other in task.after):
            continue
        not_before = max((ends[other] for other in task.after), default=0)
        placed = place_whole(board, task, not_before)
        if not placed and task.max_pieces > 1:
            placed = place_pieces(board, task, not_before)
        if placed:
            placements += placed
            ends[task.id] = max(p.end_min for p in placed)
    return sorted(placements, key=lambda p: (p.start_min, p.task_id))
