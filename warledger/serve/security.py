"""The server's guards: tokens on writes (and on reads when set), body-size limits, and headers that keep
untrusted report text inert (a strict Content-Security-Policy: no inline script, nothing off-site)."""
from __future__ import annotations

from typing import Any, Awaitable, Callable, Optional

from fastapi import HTTPException, Request

from warledger.serve.settings import Settings

ASGIApp = Callable[[dict[str, Any], Callable[[], Awaitable[dict[str, Any]]], Callable[[dict[str, Any]], Awaitable[None]]],
                   Awaitable[None]]


def csp(settings: Settings) -> str:
    img = "'self' data:" + (f" {settings.tile_origin}" if settings.tile_origin else "")
    return ("default-src 'none'; script-src 'self'; style-src 'self'; img-src " + img + "; connect-src 'self'; "
            "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'")


def bearer(request: Request) -> Optional[str]:
    header = request.headers.get("authorization") or ""
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


TOKEN_COOKIE = "wl_token"   # the workbench's token box sets it when reading needs a token (read_auth)


def read_token(request: Request) -> Optional[str]:
    """A reader's token: the bearer header, else the cookie the workbench's token box sets.  The cookie
    counts for reads only (pages, lists, exports a link downloads); every write needs the header, so a
    page elsewhere cannot make the browser write with it."""
    return bearer(request) or (request.cookies.get(TOKEN_COOKIE) or "").strip() or None


def require_reader(request: Request) -> str:
    """The name behind the reader's token (header or cookie), or 401."""
    name = request.app.state.ledger.token_name(read_token(request) or "")
    if name is None:
        raise HTTPException(status_code=401, detail="reading this ledger needs a valid token: send 'Authorization: "
                            "Bearer TOKEN', or enter it in the workbench's Token box (create one with: warledger "
                            "token create NAME)", headers={"WWW-Authenticate": "Bearer"})
    return str(name)


def require_token(request: Request) -> str:
    """The name behind the request's bearer token (the audit's "who"), or 401."""
    ledger = request.app.state.ledger
    name = ledger.token_name(bearer(request) or "")
    if name is None:
        raise HTTPException(status_code=401, detail="this needs a valid token: send 'Authorization: Bearer TOKEN' "
                            "(create one with: warledger token create NAME)",
                            headers={"WWW-Authenticate": "Bearer"})
    return str(name)


async def reader(request: Request) -> Optional[str]:
    """Reads are public unless the server was started with read_auth; then they need a token too.

    Async, so that an anonymous read (no token to look up) does not queue for the thread pool once here and
    again for its endpoint: under 50 concurrent readers each extra trip through that queue added to the
    slowest requests' wait (bench-serve).  A token is still looked up in the database in the pool."""
    from starlette.concurrency import run_in_threadpool

    settings: Settings = request.app.state.settings
    if settings.read_auth:
        return await run_in_threadpool(require_reader, request)
    token = read_token(request)
    return await run_in_threadpool(request.app.state.ledger.token_name, token) if token else None


class GuardMiddleware:
    """Pure ASGI: refuse bodies over the limit (by Content-Length and by counting a streamed body) and add
    security headers to every response."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings
        self.headers = [
            (b"content-security-policy", csp(settings).encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"),
            (b"x-frame-options", b"DENY"),
            (b"cross-origin-opener-policy", b"same-origin"),
        ]

    async def __call__(self, scope: dict[str, Any], receive: Callable[[], Awaitable[dict[str, Any]]],
                       send: Callable[[dict[str, Any]], Awaitable[None]]) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.settings.max_body
        for name, value in scope.get("headers") or []:
            if name == b"content-length" and value.isdigit() and int(value) > limit:
                await _too_large(send, limit)
                return
        seen = 0

        async def counted_receive() -> dict[str, Any]:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body") or b"")
                if seen > limit:
                    raise BodyTooLarge()
            return message

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                message = dict(message)
                message["headers"] = list(message.get("headers") or []) + self.headers
            await send(message)

        try:
            await self.app(scope, counted_receive, send_with_headers)
        except BodyTooLarge:
            await _too_large(send, limit)


class BodyTooLarge(Exception):
    pass


async def _too_large(send: Callable[[dict[str, Any]], Awaitable[None]], limit: int) -> None:
    body = (b'{"detail": "request body larger than %d bytes: send fewer reports per request"}' % limit)
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
