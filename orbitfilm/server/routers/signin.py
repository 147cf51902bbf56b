"""The sign-in page and signing out from a page. The sign-in form carries a CSRF token of
its own (a cookie and a hidden field that must match: there is no session yet), beside the
guard's same-origin check."""

from __future__ import annotations

import secrets
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse
from sqlalchemy.engine import Engine

from ..deps import (CSRF_FIELD, FORM_REFUSAL, form_csrf, read_form, same_token, signed_in,
                    store)
from ..templating import page
from .auth import sign_in, sign_out

router = APIRouter(include_in_schema=False)

LOGIN_COOKIE = "orbitfilm_login"


def _next(target: str) -> str:
    """Return where to go after signing in: a path of this site only."""
    # "//host" and "/\\host" are other sites to a browser.
    return target if target.startswith("/") and target[1:2] not in ("/", "\\") else "/"


def login_url(path: str) -> str:
    return f"/login?next={quote(path, safe='/')}"


def _form(request: Request, next_path: str, status: int = 200, error: str = "",
          username: str = ""):
    token = secrets.token_urlsafe(32)
    response = page(request, "login.html", status, login_csrf=token, next=_next(next_path),
                    error=error, username=username, csrf=None)
    response.set_cookie(LOGIN_COOKIE, token, httponly=True, samesite="strict", path="/login",
                        secure=request.url.scheme == "https")
    return response


@router.get("/login")
def login_page(request: Request, next: str = "/"):
    return _form(request, next)


@router.post("/login")
async def login_form(request: Request, engine: Engine = Depends(store)):
    form = await read_form(request)
    expected = request.cookies.get(LOGIN_COOKIE, "")
    try:
        same_token(form.one(CSRF_FIELD), expected, "the sign-in form expired: try again")
    except HTTPException as error:
        return _form(request, form.one("next"), 403, error.detail)
    response = RedirectResponse(_next(form.one("next")), status_code=303)
    try:
        await run_in_threadpool(sign_in, engine, request, response, form.one("username"),
                                form.fields.get("password", [""])[0])
    except HTTPException as error:
        return _form(request, form.one("next"), error.status_code, error.detail,
                     form.one("username"))
    response.delete_cookie(LOGIN_COOKIE, path="/login")
    return response


@router.post("/logout")
async def logout_form(request: Request, engine: Engine = Depends(store)):
    """Sign out from a page (the form's CSRF token must be the session's)."""
    form = await read_form(request)
    caller = await run_in_threadpool(signed_in, request, engine)
    same_token(form_csrf(form, request), caller.csrf, FORM_REFUSAL)
    response = RedirectResponse("/login", status_code=303)
    await run_in_threadpool(sign_out, engine, request, response)
    return response
