"""The race file: productions racing to shoot first, and the risks that can delay them."""

from __future__ import annotations

import json
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Delay(Strict):
    """A three-point estimate of a delay in days."""

    dist: Literal["triangular", "pert", "uniform"] = "triangular"
    low: float = Field(ge=0)
    mode: float | None = Field(None, ge=0, description="most likely (not for uniform)")
    high: float = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self):
        mode = self.low if self.mode is None else self.mode
        if not self.low <= mode <= self.high:
            raise ValueError("needs low <= mode <= high")
        return self


class Entry(Strict):
    """One production in the race."""

    id: str
    production: str = Field(description="a production file beside the race file, or a "
                                         "bundled example's name")
    target_launch: date | None = Field(None, description="the launch date announced "
                                                         "(default: the production's)")
    announced: date | None = Field(None, description="when it was announced "
                                                     "(default: the race's as_of)")
    date_known: bool = Field(True, description="false: the production's launch date was "
                             "not known as of the race; its launch comes from its training "
                             "and the station's traffic, for a stay of stay_days")
    stay_days: float = Field(10.0, gt=0, description="with date_known = false: days docked")


class Risk(Strict):
    """A risk event: with ``probability`` it delays one stage of one production, or of every
    production flying one vehicle at once (a fleet-wide shock: a Soyuz grounded after an
    anomaly, as after the MS-22 coolant leak of December 2022)."""

    production: str | None = Field(None, description="the production it delays")
    vehicle: str | None = Field(None, description="or: every production on this vehicle "
                                                  "(e.g. soyuz-ms), with one draw")
    name: str
    probability: float = Field(ge=0, le=1)
    delay_days: Delay
    delays: Literal["training_start", "cleared", "launch", "shoot"] = "cleared"
    backup: bool = Field(False, description="true: the event takes one participant out (a "
                         "failed medical); a production that trains a backup crew flies it "
                         "and is delayed only if the backup is taken out too (the same "
                         "probability, drawn apart)")

    @model_validator(mode="after")
    def _one_target(self):
        if (self.production is None) == (self.vehicle is None):
            raise ValueError("give one of production or vehicle")
        return self


class StationEvent(Strict):
    """A kind of event aboard the station that stops the shoot for a while (the crew sent to
    the safe haven from debris, modules closed for a leak hunt), for every production."""

    name: str
    per_year: float = Field(ge=0, description="how often it happens aboard, a year")
    lost_hours: Delay = Field(description="shoot time one event costs, hours")


class Race(Strict):
    """A race file."""

    title: str = ""
    as_of: date
    race_to: Literal["first_shot", "wrap"] = "first_shot"
    productions: list[Entry] = Field(min_length=1)
    risks: list[Risk] = []
    station_events: list[StationEvent] = []


def race_json_schema() -> dict:
    """Return the JSON Schema of race files."""
    return Race.model_json_schema()


def race_json_schema_text() -> str:
    return json.dumps(race_json_schema(), indent=2) + "\n"
