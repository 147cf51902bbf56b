"""Signing in and out: a server-side session in an HttpOnly cookie, its CSRF token in the
answer's body."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from sqlalchemy.engine import Engine

from ...store.db import transaction
from ...store.sessions import (end_session, record_failure, start_session,
                               too_many_failures)
from ...store.users import authenticate, memberships
from ..deps import (SECURE_SESSION_COOKIE, SESSION_COOKIE, Caller, checked_csrf, session_token,
                    signed_in, store)
from ..models import LoginIn, LoginOut

router = APIRouter(tags=["sessions"])


def _address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@router.post("/login", response_model=LoginOut)
def login(given: LoginIn, request: Request, response: Response,
          engine: Engine = Depends(store)) -> LoginOut:
    """Sign in: a new session (any the browser held before is ended)."""
    username, csrf = sign_in(engine, request, response, given.username, given.password)
    return LoginOut(username=username, csrf_token=csrf)


def sign_in(engine: Engine, request: Request, response: Response, username: str,
            password: str) -> tuple[str, str]:
    """Check a user's password (the rate limit first), start their session and set its
    cookie on ``response``; return (user name, CSRF token), or 429 / 401 (the API's and
    the sign-in page's)."""
    address = _address(request)
    with transaction(engine) as session:
        refused = too_many_failures(session, username, address)
        user = None if refused else authenticate(session, username, password)
        if user is None and not refused:
            record_failure(session, username, address)
        if user is not None:
            end_session(session, session_token(request))
            token, csrf = start_session(session, user.id)
    if refused:
        raise HTTPException(429, "too many failed sign-ins: try again later")
    if user is None:
        raise HTTPException(401, "wrong user name or password")
    secure = request.url.scheme == "https"
    response.set_cookie(SECURE_SESSION_COOKIE if secure else SESSION_COOKIE, token,
                        httponly=True, samesite="lax", secure=secure, path="/")
    return user.username, csrf


def sign_out(engine: Engine, request: Request, response: Response) -> None:
    """End the browser's session and clear its cookie."""
    with transaction(engine) as session:
        end_session(session, session_token(request))
    for name in (SESSION_COOKIE, SECURE_SESSION_COOKIE):
        response.delete_cookie(name, path="/", secure=name.startswith("__Host-"),
                               httponly=True, samesite="lax")


@router.post("/logout")
def logout(request: Request, response: Response, caller: Caller = Depends(checked_csrf),
           engine: Engine = Depends(store)) -> dict:
    sign_out(engine, request, response)
    return {"signed_out": caller.username}


@router.get("/me")
def me(caller: Caller = Depends(signed_in), engine: Engine = Depends(store)) -> dict:
    """Who is signed in, and their roles."""
    with transaction(engine) as session:
        roles = [{"production": m.production_id, "role": m.role, "person": m.person}
                 for m in memberships(session, caller.user_id)]
    return {"username": caller.username, "roles": roles}
