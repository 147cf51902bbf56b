"""Places orbitfilm knows without being told: the ISS modules and a few ground locations.

A production may use these ids without defining them; defining a location with the same id
in the file replaces the catalogue's entry.
"""

from __future__ import annotations

# Modules of the ISS where a film unit can work, with whether a window gives a view of the
# Earth. Windows: the Cupola's seven (NASA, "Cupola" fact sheet); Zvezda's Service Module
# portholes used for Earth photography (NASA, "Zvezda Service Module"); Destiny's 51 cm
# science window (NASA, "Window Observational Research Facility"); the Soyuz descent and
# orbital modules' portholes (RSC Energia, "Soyuz MS"). The other modules are counted here
# as having no window fit for filming the Earth.
STATION_MODULES: dict[str, dict] = {
    "zvezda": {"name": "Zvezda Service Module", "earth_view": True, "segment": "RS"},
    "zarya": {"name": "Zarya Functional Cargo Block", "earth_view": False, "segment": "RS"},
    "poisk": {"name": "Poisk Mini-Research Module 2", "earth_view": False, "segment": "RS"},
    "rassvet": {"name": "Rassvet Mini-Research Module 1", "earth_view": False, "segment": "RS"},
    "nauka": {"name": "Nauka Multipurpose Laboratory Module", "earth_view": False,
              "segment": "RS"},
    "soyuz": {"name": "the Soyuz spacecraft", "earth_view": True, "segment": "RS"},
    "unity": {"name": "Unity Node 1", "earth_view": False, "segment": "USOS"},
    "destiny": {"name": "Destiny US Laboratory", "earth_view": True, "segment": "USOS"},
    "harmony": {"name": "Harmony Node 2", "earth_view": False, "segment": "USOS"},
    "tranquility": {"name": "Tranquility Node 3", "earth_view": False, "segment": "USOS"},
    "columbus": {"name": "Columbus Laboratory", "earth_view": False, "segment": "USOS"},
    "kibo": {"name": "Kibo Japanese Experiment Module", "earth_view": False, "segment": "USOS"},
    "cupola": {"name": "the Cupola", "earth_view": True, "segment": "USOS"},
    "dragon": {"name": "the Crew Dragon spacecraft", "earth_view": True, "segment": "USOS"},
}

# Ground locations with public coordinates (to about a kilometre: enough for a move cost).
# Star City: Yuri Gagarin Cosmonaut Training Centre, 55.878 N 38.112 E (GCTC site);
# Baikonur: the town of Baikonur, 45.617 N 63.317 E; Mosfilm studios, Moscow,
# 55.7195 N 37.5153 E (Mosfilm, "Contacts"); TsUP, Korolyov, 55.912 N 37.810 E.
GROUND_PLACES: dict[str, dict] = {
    "star-city": {"name": "Star City (Gagarin Cosmonaut Training Centre)", "lat_deg": 55.878,
                  "lon_deg": 38.112},
    "baikonur": {"name": "Baikonur", "lat_deg": 45.617, "lon_deg": 63.317},
    "moscow-studio": {"name": "Mosfilm studios, Moscow", "lat_deg": 55.7195,
                      "lon_deg": 37.5153},
    "mission-control": {"name": "Mission Control Centre TsUP, Korolyov", "lat_deg": 55.912,
                        "lon_deg": 37.810},
}
