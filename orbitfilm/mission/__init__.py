"""The flight stage: the production's one doorway into the orbit engine.

``prepare_flight`` settles the mission (the launch finder gives the docking when the file
does not) and computes the environment over the stay once; ``check_file`` is the whole check
of a production file, the orbit included.
"""

from .availability import Availability
from .checks import CheckReport, check_file, window_mistakes
from .flight import Flight, prepare_flight

__all__ = ["Availability", "CheckReport", "Flight", "check_file", "prepare_flight",
           "window_mistakes"]
