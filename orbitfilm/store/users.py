"""Accounts of the office's server: users, their roles in productions, their passwords.

A password is kept only as its argon2id hash (``pwdlib``), is at least ``MIN_PASSWORD``
characters and is not one of the 30,000 most common passwords (the list ``zxcvbn`` ships).
A user has one role a production, or one in every production (``production`` None); cast
and crew accounts name the person they are.
"""

from __future__ import annotations

from datetime import datetime, timezone
from functools import lru_cache

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..errors import InputError
from .audit import record
from .productions import parsed_production
from .tables import MembershipRow, ProductionRow, SessionRow, UserRow

ROLES = ("producer", "first_ad", "director", "mission_planner", "cast")
MIN_PASSWORD = 8


@lru_cache(maxsize=1)
def _hasher():
    from pwdlib import PasswordHash
    from pwdlib.hashers.argon2 import Argon2Hasher
    return PasswordHash((Argon2Hasher(),))


@lru_cache(maxsize=1)
def _common() -> frozenset[str]:
    from zxcvbn.frequency_lists import FREQUENCY_LISTS
    return frozenset(FREQUENCY_LISTS["passwords"])


def check_password(password: str) -> None:
    """Refuse a password too short or too common (one line, nothing of it repeated)."""
    if len(password) < MIN_PASSWORD:
        raise InputError(f"the password is shorter than {MIN_PASSWORD} characters",
                         field="password")
    if password.lower() in _common():
        raise InputError("the password is one of the 30,000 most common: choose another",
                         field="password")


def hash_password(password: str) -> str:
    check_password(password)
    return _hasher().hash(password)


# A hash to verify against when the user does not exist: the answer takes as long.
@lru_cache(maxsize=1)
def _decoy() -> str:
    return _hasher().hash("decoy password never used")


def authenticate(session: Session, username: str, password: str) -> UserRow | None:
    """Return the user whose password this is, or None (as slowly for an unknown name)."""
    user = session.scalar(select(UserRow).where(UserRow.username == username))
    if user is None:
        _hasher().verify(password, _decoy())
        return None
    return user if _hasher().verify(password, user.password_hash) else None


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _user(session: Session, username: str) -> UserRow:
    user = session.scalar(select(UserRow).where(UserRow.username == username))
    if user is None:
        raise InputError(f"no user {username!r}", field="NAME")
    return user


def add_user(session: Session, username: str, password: str, role: str,
             production_id: int | None, person: str | None, who: str) -> int:
    """Add a user with a role (in one production, or in all); return its id. The person, for
    cast and crew, must be the production's."""
    if role not in ROLES:
        raise InputError(f"no role {role!r} (they are: {', '.join(ROLES)})", field="--role")
    if not username or len(username) > 100 or not username.isprintable():
        raise InputError("a user name is 1 to 100 printable characters", field="NAME")
    if session.scalar(select(UserRow).where(UserRow.username == username)) is not None:
        raise InputError(f"there is a user {username!r} already", field="NAME")
    if production_id is not None and session.get(ProductionRow, production_id) is None:
        raise InputError(f"no production {production_id} in the store", field="--production")
    if person is not None:
        _check_person(session, production_id, person)
    if role == "cast" and (person is None or production_id is None):
        raise InputError("a cast or crew account names its production and its person",
                         field="--person")
    now = _now()
    user = UserRow(username=username, password_hash=hash_password(password), created=now,
                   password_changed=now)
    session.add(user)
    session.flush()
    session.add(MembershipRow(user_id=user.id, production_id=production_id, role=role,
                              person=person))
    record(session, who, "user add", production_id, {"user": username, "role": role,
                                                    "person": person})
    return user.id


def _check_person(session: Session, production_id: int | None, person: str) -> None:
    if production_id is None:
        raise InputError("--person needs --production", field="--person")
    people = {p.id for p in parsed_production(session, production_id).people}
    if person not in people:
        raise InputError(f"no person {person!r} in production {production_id}",
                         field="--person")


def list_users(session: Session) -> list[dict]:
    """Return every user with their roles (no hash, ever)."""
    found = []
    for user in session.scalars(select(UserRow).order_by(UserRow.id)):
        roles = session.scalars(select(MembershipRow).where(MembershipRow.user_id == user.id)
                                .order_by(MembershipRow.id))
        found.append({"id": user.id, "username": user.username,
                      "roles": [{"production": m.production_id, "role": m.role,
                                 "person": m.person} for m in roles]})
    return found


def set_password(session: Session, username: str, password: str, who: str) -> None:
    """Change a user's password and end every session of theirs."""
    user = _user(session, username)
    user.password_hash = hash_password(password)
    user.password_changed = _now()
    session.execute(delete(SessionRow).where(SessionRow.user_id == user.id))
    record(session, who, "user passwd", None, {"user": username})


def remove_user(session: Session, username: str, who: str) -> None:
    """Remove a user, their roles and their sessions."""
    user = _user(session, username)
    session.execute(delete(SessionRow).where(SessionRow.user_id == user.id))
    session.execute(delete(MembershipRow).where(MembershipRow.user_id == user.id))
    session.delete(user)
    record(session, who, "user remove", None, {"user": username})


def memberships(session: Session, user_id: int) -> list[MembershipRow]:
    return list(session.scalars(select(MembershipRow).where(MembershipRow.user_id == user_id)))
