"""The value types every table of a production file shares: ids, instants, spans, ``Strict``.

Instants are held as UTC datetimes, as a person writes them; the models read them as POSIX
seconds through their ``*_s`` accessors.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from ..times import DAILY_PATTERN

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"


def utc_datetime(value):
    """Return an aware UTC datetime from a TOML datetime, date or ISO 8601 string."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        text = value.strip().replace("Z", "+00:00").replace("z", "+00:00")
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            raise ValueError(f"not an ISO 8601 time: {value!r} (e.g. 2021-10-05T12:22:31Z)") \
                from None
    else:
        raise ValueError(f"expected an ISO 8601 time such as 2021-10-05T12:22:31Z, got {value!r}")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def _check_daily(text: str) -> str:
    if not DAILY_PATTERN.match(text):
        raise ValueError(f"expected a daily time range HH:MM-HH:MM (GMT), got {text!r}")
    return text


def _check_clock(text: str) -> str:
    if not re.match(r"^\s*([01]?\d|2[0-3]):[0-5]\d\s*$", text):
        raise ValueError(f"expected a time of day HH:MM (GMT), got {text!r}")
    return text


Id = Annotated[str, Field(pattern=ID_PATTERN, description="letters, digits, '_', '.', '-'")]
Instant = Annotated[datetime, BeforeValidator(utc_datetime),
                    Field(description="ISO 8601 UTC, e.g. 2021-10-05T12:22:31Z")]
DailySpan = Annotated[str, AfterValidator(_check_daily),
                      Field(description="a daily time range in GMT, e.g. '09:00-10:30'")]
ClockTime = Annotated[str, AfterValidator(_check_clock), Field(description="HH:MM GMT")]
Minutes = Annotated[float, Field(ge=0)]
PositiveMinutes = Annotated[float, Field(gt=0)]
ElementKey = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
                                   description="a breakdown category, e.g. props")]


def slug(text: str) -> str:
    """Return an id made of a name: lower case, runs of other characters as one '-'."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def seconds(moment: datetime | None) -> float | None:
    """Return POSIX seconds of an instant, or ``None``."""
    return None if moment is None else moment.timestamp()


class Strict(BaseModel):
    """A model that refuses unknown keys, so a misspelt field is an error, not a silence."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False)
