"""Random numbers keyed by what they belong to: common random numbers across variants.

Every random source of a scenario chunk draws from its own stream, named by what it belongs
to — a production's slip (``"slip", "challenge"``), a risk of a production, a kind of station
event, the pad's order — and seeded from the chunk's ``SeedSequence`` and the name. A variant
of the race (a what-if, a risk removed) therefore draws the same numbers wherever it is the
same, whatever it adds or leaves out, and the difference it makes is measured scenario by
scenario: the standard error of a difference of two correlated estimates is much smaller
than that of two independent ones.
"""

from __future__ import annotations

import hashlib

import numpy as np


class Streams:
    """The named random streams of one chunk of scenarios."""

    def __init__(self, seed: np.random.SeedSequence):
        self.seed = seed

    def rng(self, *name) -> np.random.Generator:
        """Return a generator for the source ``name`` (the same numbers for the same name
        and chunk, on every run and machine)."""
        digest = hashlib.blake2b(repr(name).encode("utf-8"), digest_size=8).digest()
        words = (int.from_bytes(digest[:4], "little"), int.from_bytes(digest[4:], "little"))
        return np.random.default_rng(np.random.SeedSequence(
            self.seed.entropy, spawn_key=(*self.seed.spawn_key, *words),
            pool_size=self.seed.pool_size))
