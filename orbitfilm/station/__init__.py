"""The station's traffic: ports, visiting vehicles, people aboard; the check and the slots.

    traffic = load_traffic("iss-2021.toml")            # or bundled_traffic()
    check = check_traffic(traffic)                     # violations, people aboard, ports
    fit = propose_visit(traffic, visit_id="rival", vehicle="crew-dragon", crew=3,
                        arrive_s=..., depart_s=...)    # does one more visit fit, and why not
    slots = find_slots(traffic, vehicle="crew-dragon", crew=3, stay_days=10,
                       start_s=..., end_s=...)         # when it could come, per port
"""

from .loader import bundled_traffic, load_traffic, parse_traffic
from .rules import TrafficCheck, Violation, VisitFit, check_traffic, fit_visit
from .schema import traffic_json_schema
from .slots import Slots, find_slots, propose_visit
from .traffic import VEHICLE_KINDS, Move, Port, Station, Traffic, Visit, make_visit

__all__ = ["VEHICLE_KINDS", "Move", "Port", "Slots", "Station", "Traffic", "TrafficCheck",
           "Violation", "Visit", "VisitFit", "bundled_traffic", "check_traffic", "find_slots",
           "fit_visit", "load_traffic", "make_visit", "parse_traffic", "propose_visit",
           "traffic_json_schema"]
