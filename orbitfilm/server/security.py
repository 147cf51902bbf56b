"""What every response and every change passes through: the security headers, the body
limit, the same-origin check (an ASGI middleware, in front of the routes)."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

MAX_BODY_BYTES = 1_000_000
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}

# Nothing from another origin: scripts and styles are the server's own files.
HEADERS = [
    (b"content-security-policy",
     b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
     b"connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
     b"frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    # same-origin, not no-referrer: with no-referrer a browser's form posts carry
    # "Origin: null", which the same-origin check must refuse; no other site ever sees a
    # page's address (a person's link holds their token).
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class Guard:
    """Refuse a change from another site (``Origin`` or ``Sec-Fetch-Site``) and a body over
    ``MAX_BODY_BYTES`` (declared or streamed); add the security headers to every answer."""

    def __init__(self, app, max_body: int = MAX_BODY_BYTES):
        self.app, self.max_body = app, max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if scope["method"] not in SAFE_METHODS and not _same_origin(scope, headers):
            return await _refuse(send, 403, "a change from another site is refused")
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_body:
            return await _refuse(send, 413, f"the body is over {self.max_body} bytes")
        received = 0

        async def counted():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise BodyTooLarge()
            return message

        async def headed(message):
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + HEADERS
            await send(message)

        try:
            await self.app(scope, counted, headed)
        except BodyTooLarge:
            await _refuse(send, 413, f"the body is over {self.max_body} bytes")


class BodyTooLarge(Exception):
    pass


def _same_origin(scope, headers: dict[str, str]) -> bool:
    """Return whether a change comes from this server's own pages (or no browser at all)."""
    if headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
        return False
    origin = headers.get("origin")
    if origin is None:
        return True
    host = headers.get("host", "")
    parts = urlsplit(origin)
    return parts.netloc == host and parts.scheme in ("http", "https")


async def _refuse(send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())] + HEADERS})
    await send({"type": "http.response.body", "body": body})
