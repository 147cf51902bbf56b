"""Search for the cheapest scene order: the pure-Python twin of the compiled core.

Both run the same method on the reduced problem that :mod:`.talent` hands them (integer
durations ``d``, integer rates ``c``, one actor bit mask per scene ``A``):

- f(Q), the least cost of shooting the scenes Q still to shoot, is
  ``min over s in Q of d[s] * c(A[s] | P(Q)) + f(Q - s)``, where P(Q) are the actors already
  called who still have a scene in Q: they are paid during s whatever s is.
- Bounded dynamic programming (Garcia de la Banda, Stuckey & Chu 2011): ``bdp(Q, U)`` returns
  f(Q) if it is below U, else a lower bound of at least U; the memo keeps both kinds.
- Lower bound: every scene's own actors, plus the least waiting of the actors P(Q) by Smith's
  rule on scenes split among them in proportion to their rates (the same paper).
- A scene that needs exactly the actors on location is shot next and alone: moving it to the
  front makes nobody's stay longer and costs it no more than anywhere else.
- The first upper bound comes from a greedy order improved by moving single scenes.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass


@dataclass
class SearchOutcome:
    """What a search found: the order of the reduced scenes and how far it got."""

    cost: int
    order: list[int]
    proven: bool
    nodes: int
    states: int


def _rate_sum(mask: int, rates: list[int]) -> int:
    total = 0
    while mask:
        low = mask & -mask
        total += rates[low.bit_length() - 1]
        mask ^= low
    return total


def _bits(mask: int) -> list[int]:
    return [i for i in range(mask.bit_length()) if mask >> i & 1]


class _Search:
    """One run of the bounded dynamic program; see the module docstring."""

    def __init__(self, d: list[int], c: list[int], A: list[int], deadline: float | None):
        self.d, self.c, self.A = d, c, A
        self.n = len(d)
        self.own = [d[s] * _rate_sum(A[s], c) for s in range(self.n)]
        self.memo: dict[int, tuple[int, int | None]] = {}  # Q -> (value, best child or None)
        self.deadline = deadline
        self.nodes = 0
        self.aborted = False
        self.best_cost = math.inf
        self.best_order: list[int] = []
        self.path: list[int] = []
        self.path_cost = 0

    def actors(self, Q: int) -> int:
        union = 0
        for s in _bits(Q):
            union |= self.A[s]
        return union

    def lower_bound(self, Q: int, P: int, own_q: int) -> int:
        """Bound f(Q) below: own costs plus Smith's bound on the waiting of actors P."""
        if not P or not Q:
            return own_q
        ratio, credit = {}, 0.0
        for s in _bits(Q):
            shared = _bits(self.A[s] & P)
            total = float(sum(self.c[a] for a in shared))
            if total <= 0.0:
                continue
            squares = float(sum(self.c[a] ** 2 for a in shared))
            for a in shared:
                ratio[a] = ratio.get(a, 0.0) + self.d[s] / total
            credit += self.d[s] * (total + squares / total) / 2.0
        elapsed = paid = 0.0
        for a in sorted(_bits(P), key=lambda a: ratio.get(a, 0.0)):
            elapsed += ratio.get(a, 0.0) * self.c[a]
            paid += self.c[a] * elapsed
        waiting = paid - credit
        return own_q + (math.ceil(waiting - 1e-7 * (1.0 + paid)) if waiting > 0 else 0)

    def order_cost(self, order: list[int]) -> int:
        first, last, start = {}, {}, [0]
        for i, s in enumerate(order):
            start.append(start[-1] + self.d[s])
            for a in _bits(self.A[s]):
                first.setdefault(a, i)
                last[a] = i
        return sum(self.c[a] * (start[last[a] + 1] - start[first[a]]) for a in first)

    def heuristic(self) -> None:
        """Set the first upper bound: greedy by cost + bound, then single-scene moves."""
        Q, done, own_q, order = (1 << self.n) - 1, 0, sum(self.own), []
        for _ in range(self.n):
            P = done & self.actors(Q)

            def estimate(s):
                R = Q & ~(1 << s)
                return (self.d[s] * _rate_sum(self.A[s] | P, self.c)
                        + self.lower_bound(R, (done | self.A[s]) & self.actors(R),
                                           own_q - self.own[s]))
            pick = min(_bits(Q), key=estimate)
            order.append(pick)
            Q &= ~(1 << pick)
            done |= self.A[pick]
            own_q -= self.own[pick]
        cost, improved = self.order_cost(order), True
        while improved:
            improved = False
            for i in range(self.n):
                rest = order[:i] + order[i + 1:]
                for j in range(self.n):
                    trial = rest[:j] + [order[i]] + rest[j:]
                    value = self.order_cost(trial)
                    if value < cost:
                        cost, order, improved = value, trial, True
                        break
        self.best_cost, self.best_order = cost, order

    def children(self, Q: int, done: int, own_q: int) -> list[tuple[int, int, int]]:
        """Return ``(estimate, cost now, scene)`` of each child, cheapest estimate first."""
        P = done & self.actors(Q)
        kids = []
        for s in _bits(Q):
            R = Q & ~(1 << s)
            cost = self.d[s] * _rate_sum(self.A[s] | P, self.c)
            entry = self.memo.get(R)
            if entry is not None and entry[1] is not None:
                rest = entry[0]
            else:
                rest = self.lower_bound(R, (done | self.A[s]) & self.actors(R),
                                        own_q - self.own[s]) if R else 0
                if entry is not None:
                    rest = max(rest, entry[0])
            kid = (cost + rest, cost, s)
            if P and self.A[s] == P:
                return [kid]
            kids.append(kid)
        return sorted(kids)

    def bdp(self, Q: int, done: int, own_q: int, U: int) -> int:
        """Return f(Q) if it is below U, else a lower bound of at least U."""
        if not Q:
            return 0
        known = 0
        entry = self.memo.get(Q)
        if entry is not None:
            known = entry[0]
            if entry[1] is not None or known >= U:
                return known
        self.nodes += 1
        if self.deadline is not None and self.nodes % 256 == 0 and time.monotonic() > self.deadline:
            self.aborted = True
        if self.aborted:
            return U
        best, best_child, failed = math.inf, None, math.inf
        for estimate, cost, s in self.children(Q, done, own_q):
            bound = min(best, U)
            if estimate >= bound:
                failed = min(failed, estimate)
                break
            self.path.append(s)
            self.path_cost += cost
            value = cost + self.bdp(Q & ~(1 << s), done | self.A[s], own_q - self.own[s],
                                    bound - cost)
            self.path.pop()
            self.path_cost -= cost
            if self.aborted:
                return U
            if value < bound:
                best, best_child = value, s
            else:
                failed = min(failed, value)
        if best < U:
            self.memo[Q] = (best, best_child)
            self.record(Q, best)
            return best
        bound_value = max(failed, known)
        self.memo[Q] = (bound_value, None)
        return bound_value

    def record(self, Q: int, value: int) -> None:
        """Keep the order through Q if it beats the best so far."""
        if self.path_cost + value >= self.best_cost:
            return
        order = list(self.path)
        while Q:
            s = self.memo[Q][1]
            order.append(s)
            Q &= ~(1 << s)
        self.best_cost, self.best_order = self.path_cost + value, order


def search_python(d: list[int], c: list[int], A: list[int],
                  time_limit_s: float | None = None) -> SearchOutcome:
    """Find the cheapest order of the reduced scenes in pure Python (small instances)."""
    deadline = None if time_limit_s is None else time.monotonic() + time_limit_s
    search = _Search(list(d), list(c), list(A), deadline)
    if not d:
        return SearchOutcome(0, [], True, 0, 0)
    search.heuristic()
    value = search.bdp((1 << len(d)) - 1, 0, sum(search.own), int(search.best_cost) + 1)
    proven = not search.aborted and value == search.best_cost
    return SearchOutcome(int(search.best_cost), search.best_order, proven, search.nodes,
                         len(search.memo))


def search_compiled(d, c, A, time_limit_s=None, *, both_ends: bool = False,
                    max_states: int = 1 << 24) -> SearchOutcome | None:
    """Run the compiled core, or return None where it was not built or cannot hold the case."""
    try:
        from . import _talentcore
    except ImportError:
        return None
    if len(d) > 64 or len(c) > 64:
        return None
    cost, order, proven, nodes, states = _talentcore.solve(
        list(d), list(c), list(A), float(time_limit_s or 0.0), int(max_states), int(both_ends))
    return SearchOutcome(int(cost), list(order), bool(proven), int(nodes), int(states))


def compiled_available() -> bool:
    """Say whether the compiled core was built."""
    try:
        from . import _talentcore  # noqa: F401
    except ImportError:
        return False
    return True
