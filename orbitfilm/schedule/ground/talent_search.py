"""Search for the cheapest scene order: the pure-Python twin of the compiled core.

Both run the same method on the reduced problem that :mod:`.talent` hands them (integer
durations ``d``, integer rates ``c``, one actor bit mask per scene ``A``):

- Scenes are placed at the front or at the back of the middle still to order (Garcia de la
  Banda, Stuckey & Chu 2011). A state is the middle Q with kB / kE, the actors of Q already
  called at the front / back; its value counts only what the actors of Q are paid during Q.
  Placing scene s at the front costs ``d[s] * c(A[s] | kB)``, plus, for an actor whose last
  scene in Q it was while called at both ends, the rest of the middle at once (and the mirror
  image at the back).
- Bounded dynamic programming (the same paper): ``bdp(state, U)`` returns the value if it is
  below U, else a lower bound of at least U; the memo keeps both kinds.
- Lower bound: every scene's own actors, the actors called at both ends (paid for all of Q),
  plus the least waiting of the actors called at one end by Smith's rule on scenes split among
  them in proportion to their rates (the same paper).
- At each state the search tries the end that leaves fewer children under U (on a tie, the
  end whose cheapest child has the higher estimate); ``both_ends=1`` alternates the ends and
  ``both_ends=0`` orders from the front only.
- A scene whose actors are all called at one end already, and which needs every actor called
  at that end only, is placed next at that end, alone: nobody's stay gets longer and it costs
  no more than anywhere else.
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

    def __init__(self, d: list[int], c: list[int], A: list[int], deadline: float | None,
                 both_ends: int = 2):
        self.d, self.c, self.A = d, c, A
        self.n = len(d)
        self.both_ends = both_ends
        self.own = [d[s] * _rate_sum(A[s], c) for s in range(self.n)]
        # (Q, kB, kE) -> (value, best (scene, side) or None for a lower bound)
        self.memo: dict[tuple[int, int, int], tuple[int, tuple[int, int] | None]] = {}
        self.deadline = deadline
        self.nodes = 0
        self.aborted = False
        self.best_cost = math.inf
        self.best_order: list[int] = []
        self.path: list[tuple[int, int]] = []
        self.path_cost = 0

    def actors(self, Q: int) -> int:
        union = 0
        for s in _bits(Q):
            union |= self.A[s]
        return union

    def smith_waiting(self, Q: int, P: int) -> float:
        """Least waiting of actors P on location from one end of Q (Smith's rule)."""
        if not P:
            return 0.0
        ratio, credit = {}, 0.0
        for s in _bits(Q):
            shared = _bits(self.A[s] & P)
            if not shared:
                continue
            total = squares = 0.0
            for a in shared:
                rate = float(self.c[a])
                total += rate
                squares += rate * rate
            if total <= 0.0:
                continue
            for a in shared:
                ratio[a] = ratio.get(a, 0.0) + self.d[s] / total
            credit += self.d[s] * (total + squares / total) / 2.0
        elapsed = paid = 0.0
        for a in sorted(_bits(P), key=lambda a: ratio.get(a, 0.0)):
            elapsed += ratio.get(a, 0.0) * self.c[a]
            paid += self.c[a] * elapsed
        return paid - credit

    def lower_bound(self, Q: int, kb: int, ke: int, own_q: int, d_q: int) -> int:
        """Bound the middle Q below: own costs, actors called at both ends, Smith's bound."""
        both = kb & ke
        fixed = 0
        if both:
            fixed = _rate_sum(both, self.c) * d_q
            for s in _bits(Q):
                fixed -= self.d[s] * _rate_sum(both & self.A[s], self.c)
        waiting = self.smith_waiting(Q, kb & ~ke) + self.smith_waiting(Q, ke & ~kb)
        extra = math.ceil(waiting - 1e-7 * (1.0 + waiting)) if waiting > 0.0 else 0
        return own_q + fixed + extra

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
        Q, done, order = (1 << self.n) - 1, 0, []
        own_q, d_q = sum(self.own), sum(self.d)
        for _ in range(self.n):
            P = done & self.actors(Q)

            def estimate(s):
                R = Q & ~(1 << s)
                return (self.d[s] * _rate_sum(self.A[s] | P, self.c)
                        + self.lower_bound(R, (done | self.A[s]) & self.actors(R), 0,
                                           own_q - self.own[s], d_q - self.d[s]))
            pick = min(_bits(Q), key=estimate)
            order.append(pick)
            Q &= ~(1 << pick)
            done |= self.A[pick]
            own_q -= self.own[pick]
            d_q -= self.d[pick]
        cost, improved = self.order_cost(order), True
        while improved:
            improved = False
            for i in range(self.n):
                for j in range(self.n):
                    if j == i:
                        continue
                    rest = order[:i] + order[i + 1:]
                    trial = rest[:j] + [order[i]] + rest[j:]
                    value = self.order_cost(trial)
                    if value < cost:
                        cost, order, improved = value, trial, True
        self.best_cost, self.best_order = cost, order

    def make_child(self, Q, kb, ke, aQ, aR, own_q, d_q, s, side):
        """Place scene s at the front (side 0) or back (side 1) of the middle Q."""
        kb2 = kb if side else (kb | self.A[s]) & aQ
        ke2 = (ke | self.A[s]) & aQ if side else ke
        d_r = d_q - self.d[s]
        cost = (self.d[s] * _rate_sum(self.A[s] | (ke if side else kb), self.c)
                + _rate_sum(kb2 & ke2 & ~aR, self.c) * d_r)
        return [0, cost, Q & ~(1 << s), kb2 & aR, ke2 & aR, own_q - self.own[s], d_r, s, side]

    def forced_side(self, s: int, kb: int, ke: int) -> int:
        a = self.A[s]
        front, back = kb & ~ke, ke & ~kb
        if not a & ~kb and not front & ~a and front:
            return 0
        if self.both_ends and not a & ~ke and not back & ~a and back:
            return 1
        return -1

    def side_children(self, Q, kb, ke, aQ, prefix, suffix, scenes, own_q, d_q, side):
        kids = []
        for i, s in enumerate(scenes):
            kid = self.make_child(Q, kb, ke, aQ, prefix[i] | suffix[i + 1], own_q, d_q, s, side)
            R, kb_r, ke_r = kid[2], kid[3], kid[4]
            entry = self.memo.get((R, kb_r, ke_r)) if R else None
            rest = 0
            if entry is not None and entry[1] is not None:
                rest = entry[0]
            elif R:
                rest = self.lower_bound(R, kb_r, ke_r, kid[5], kid[6])
                if entry is not None:
                    rest = max(rest, entry[0])
            kid[0] = kid[1] + rest
            kids.append(kid)
        kids.sort(key=lambda k: k[0])
        return kids

    def children(self, Q, kb, ke, own_q, d_q, U):
        """The children to try, cheapest estimate first (see the compiled core)."""
        scenes = _bits(Q)
        k = len(scenes)
        prefix, suffix = [0] * (k + 1), [0] * (k + 1)
        for i, s in enumerate(scenes):
            prefix[i + 1] = prefix[i] | self.A[s]
        for i in range(k - 1, -1, -1):
            suffix[i] = suffix[i + 1] | self.A[scenes[i]]
        aQ = prefix[k]
        for i, s in enumerate(scenes):
            forced = self.forced_side(s, kb, ke)
            if forced >= 0:
                return self.side_children(Q, kb, ke, aQ, prefix[i:i + 2], suffix[i:i + 2],
                                          [s], own_q, d_q, forced)
        if self.both_ends != 2:
            side = (self.n - k) & 1 if self.both_ends else 0
            return self.side_children(Q, kb, ke, aQ, prefix, suffix, scenes, own_q, d_q, side)
        front = self.side_children(Q, kb, ke, aQ, prefix, suffix, scenes, own_q, d_q, 0)
        back = self.side_children(Q, kb, ke, aQ, prefix, suffix, scenes, own_q, d_q, 1)
        viable_back = sum(kid[0] < U for kid in back)
        viable_front = sum(kid[0] < U for kid in front)
        if viable_back < viable_front or (viable_back == viable_front
                                          and back[0][0] > front[0][0]):
            return back
        return front

    def bdp(self, Q: int, kb: int, ke: int, own_q: int, d_q: int, U: int) -> int:
        """Return the value of the middle Q if it is below U, else a bound of at least U."""
        if not Q:
            return 0
        known = 0
        entry = self.memo.get((Q, kb, ke))
        if entry is not None:
            known = entry[0]
            if entry[1] is not None or known >= U:
                return known
        self.nodes += 1
        if self.deadline is not None and self.nodes % 256 == 0 and time.monotonic() > self.deadline:
            self.aborted = True
        if self.aborted:
            return U
        best, best_info, failed = math.inf, None, math.inf
        for est, cost, R, kb_r, ke_r, own_r, d_r, s, side in self.children(Q, kb, ke, own_q,
                                                                           d_q, U):
            bound = min(best, U)
            if est >= bound:
                failed = min(failed, est)
                break
            self.path.append((s, side))
            self.path_cost += cost
            value = cost + self.bdp(R, kb_r, ke_r, own_r, d_r, bound - cost)
            self.path.pop()
            self.path_cost -= cost
            if self.aborted:
                return U
            if value < bound:
                best, best_info = value, (s, side)
            else:
                failed = min(failed, value)
        if best < U:
            self.memo[(Q, kb, ke)] = (best, best_info)
            self.record(Q, kb, ke, best)
            return best
        bound_value = max(failed, known)
        self.memo[(Q, kb, ke)] = (bound_value, None)
        return bound_value

    def record(self, Q: int, kb: int, ke: int, value: int) -> None:
        """Keep the order through the middle Q if it beats the best so far."""
        if self.path_cost + value >= self.best_cost:
            return
        front = [s for s, side in self.path if not side]
        back = [s for s, side in self.path if side]
        while Q:
            s, side = self.memo[(Q, kb, ke)][1]
            kid = self.make_child(Q, kb, ke, self.actors(Q), self.actors(Q & ~(1 << s)), 0, 0,
                                  s, side)
            (back if side else front).append(s)
            Q, kb, ke = kid[2], kid[3], kid[4]
        self.best_cost, self.best_order = self.path_cost + value, front + back[::-1]


def search_python(d: list[int], c: list[int], A: list[int],
                  time_limit_s: float | None = None, *, both_ends: int = 2) -> SearchOutcome:
    """Find the cheapest order of the reduced scenes in pure Python (small instances)."""
    deadline = None if time_limit_s is None else time.monotonic() + time_limit_s
    search = _Search(list(d), list(c), list(A), deadline, int(both_ends))
    if not d:
        return SearchOutcome(0, [], True, 0, 0)
    search.heuristic()
    value = search.bdp((1 << len(d)) - 1, 0, 0, sum(search.own), sum(search.d),
                       int(search.best_cost) + 1)
    proven = not search.aborted and value == search.best_cost
    return SearchOutcome(int(search.best_cost), search.best_order, proven, search.nodes,
                         len(search.memo))


def search_compiled(d, c, A, time_limit_s=None, *, both_ends: int = 2,
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
