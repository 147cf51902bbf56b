"""The race: who shoots first in orbit, and how sure (Monte Carlo over what can slip)."""

from .engine import Baseline, RaceResult, RiskDraw, simulate
from .loader import load_race, parse_race
from .model import Race, race_json_schema
from .slip import SlipModel, fit_slip_models, load_launch_record

__all__ = ["Baseline", "Race", "RaceResult", "RiskDraw", "SlipModel", "fit_slip_models",
           "load_launch_record", "load_race", "parse_race", "race_json_schema", "simulate"]
