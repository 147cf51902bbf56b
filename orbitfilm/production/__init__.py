"""The production: the model, its TOML file, its checks, the Fountain import, the examples."""

from .checks import CheckReport, check_file, check_production, window_problems
from .loader import Problem, load_production, parse_production
from .model import (CrewBlock, CrewDay, Duty, GroundCalendar, GroundStationSpec, Launch,
                    Location, Mission, MovePair, Moves, Person, Production, RegionSpec, Scene,
                    Unit)
from .orbital import production_environment, scene_windows_s

__all__ = [
    "CheckReport", "CrewBlock", "CrewDay", "Duty", "GroundCalendar", "GroundStationSpec",
    "Launch", "Location", "Mission", "MovePair", "Moves", "Person", "Problem", "Production",
    "RegionSpec", "Scene", "Unit", "check_file", "check_production", "load_production",
    "parse_production", "production_environment", "scene_windows_s", "window_problems",
]
