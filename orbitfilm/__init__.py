"""orbitfilm: plan the shooting of a film aboard a crewed space station."""

__version__ = "0.1.0"
