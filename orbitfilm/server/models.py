"""What goes in and out of the API, as pydantic models (the OpenAPI document shows them)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LoginIn(Strict):
    username: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=1000)


class LoginOut(BaseModel):
    username: str
    csrf_token: str


class LogEntryIn(Strict):
    """One shoot-log entry, as ``orbitfilm log`` takes it (times ISO 8601 UTC)."""

    kind: Literal["shot", "lost", "event", "duty", "ill", "mission"]
    scene: str | None = None
    start: str | None = None
    end: str | None = None
    reason: str | None = Field(None, max_length=1000)
    people: list[str] = Field(default_factory=list, max_length=100)
    modules: list[str] = Field(default_factory=list, max_length=100)
    person: str | None = None
    name: str | None = Field(None, max_length=300)
    take: int | None = Field(None, ge=1)
    note: str = Field("", max_length=1000)
    docking: str | None = None
    hatch_open: str | None = None
    undocking: str | None = None
    supersedes: int | None = None


class ReplanIn(Strict):
    now: str | None = Field(None, description="ISO 8601 UTC; the present when left out")
    time_limit_s: float = Field(20.0, gt=0, le=600)
    moves: dict[str, str] = Field({}, description="scene id -> the GMT date to shoot it on")
    locks: list[str] = Field([], description="scene ids kept at their published times")


class JobOut(BaseModel):
    id: int
    production: int
    kind: str
    status: str
    events: list[dict]
    result: dict | None
