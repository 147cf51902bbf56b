"""The dependencies every route declares: the store, the signed-in user, their access to a
production, the CSRF token of a change."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from urllib.parse import parse_qs

from fastapi import Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy.engine import Engine

from ..store.db import transaction
from ..store.sessions import find_session
from .access import allowed, role_in

SESSION_COOKIE = "orbitfilm_session"
SECURE_SESSION_COOKIE = "__Host-orbitfilm_session"
CSRF_HEADER = "X-CSRF-Token"


async def store(request: Request) -> Engine:
    """Return the store's engine (one a server, made at start-up; async: nothing blocks, so
    no thread is taken for it)."""
    return request.app.state.engine


def session_token(request: Request) -> str | None:
    return request.cookies.get(SECURE_SESSION_COOKIE) or request.cookies.get(SESSION_COOKIE)


@dataclass(frozen=True)
class Caller:
    """Who makes a request: the user, and their session's CSRF token."""

    user_id: int
    username: str
    csrf: str


@dataclass(frozen=True)
class Member:
    """A caller with their role in the production the request names."""

    caller: Caller
    production_id: int
    role: str
    person: str | None


def _caller(session, request: Request) -> Caller:
    found = find_session(session, session_token(request))
    if found is None:
        raise HTTPException(401, "sign in first")
    row, user = found
    return Caller(user.id, user.username, row.csrf_token)


def signed_in(request: Request, engine: Engine = Depends(store)) -> Caller:
    """Return the caller of a live session, or 401."""
    with transaction(engine) as session:
        return _caller(session, request)


def checked_csrf(request: Request, caller: Caller = Depends(signed_in)) -> Caller:
    """Return the caller of a change whose CSRF token is their session's, or 403."""
    _csrf(request, caller)
    return caller


def _csrf(request: Request, caller: Caller) -> None:
    same_token(request.headers.get(CSRF_HEADER, ""), caller.csrf,
               f"a change needs the session's {CSRF_HEADER} header")


def same_token(given: str, expected: str, refusal: str) -> None:
    """Refuse (403, ``refusal``) unless ``given`` is the expected CSRF token (compared in
    constant time)."""
    if not expected or not hmac.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(403, refusal)


def member_of(engine: Engine, caller: Caller, production_id: int, action: str) -> Member:
    """Return the caller's membership when their role allows ``action`` in the production:
    no role there is 404 (the production is not theirs to know of), a role without the
    action 403."""
    with transaction(engine) as session:
        return _member(session, caller, production_id, action)


def _member(session, caller: Caller, production_id: int, action: str) -> Member:
    membership = role_in(session, caller.user_id, production_id)
    if membership is None:
        raise HTTPException(404, f"no production {production_id}")
    if not allowed(membership.role, action):
        raise HTTPException(403, f"a {membership.role} may not do this")
    return Member(caller, production_id, membership.role, membership.person)


def may(action: str, *, change: bool = False):
    """Return a dependency: the caller, with a role in ``{id}`` allowing ``action`` (and,
    for a change, the CSRF token)."""
    def dependency(id: int, request: Request, engine: Engine = Depends(store)) -> Member:
        with transaction(engine) as session:      # the session and the role: one read
            caller = _caller(session, request)
            if change:
                _csrf(request, caller)
            return _member(session, caller, id, action)
    return dependency


# -- the pages' forms ---------------------------------------------------------------------------

FORM_TYPE = "application/x-www-form-urlencoded"
CSRF_FIELD = "csrf_token"
FORM_REFUSAL = "the form's CSRF token is not this session's"


@dataclass(frozen=True)
class Form:
    """A submitted form's fields (each name's values, in order)."""

    fields: dict[str, list[str]]

    def one(self, name: str, default: str = "") -> str:
        return (self.fields.get(name) or [default])[0].strip()

    def all(self, name: str) -> list[str]:
        return [value.strip() for value in self.fields.get(name, []) if value.strip()]


async def read_form(request: Request) -> Form:
    """Return the request's form (URL-encoded: the pages send nothing else), or 415."""
    if request.headers.get("content-type", "").split(";")[0].strip() != FORM_TYPE:
        raise HTTPException(415, f"a form is sent as {FORM_TYPE}")
    body = (await request.body()).decode("utf-8", errors="replace")
    return Form(parse_qs(body, keep_blank_values=True, max_num_fields=5000))


def form_csrf(form: Form, request: Request) -> str:
    """Return the CSRF token a form carries (its hidden field, or htmx's header)."""
    return form.one(CSRF_FIELD) or request.headers.get(CSRF_HEADER, "")


def form_may(action: str):
    """Return a dependency for a page's form: (the member, the form), when the form carries
    the session's CSRF token and the caller's role in ``{id}`` allows ``action``."""
    def checked(engine: Engine, request: Request, id: int, given: str) -> Member:
        with transaction(engine) as session:
            caller = _caller(session, request)
            same_token(given, caller.csrf, FORM_REFUSAL)
            return _member(session, caller, id, action)

    async def dependency(id: int, request: Request,
                         engine: Engine = Depends(store)) -> tuple[Member, Form]:
        form = await read_form(request)
        member = await run_in_threadpool(checked, engine, request, id, form_csrf(form, request))
        return member, form
    return dependency
