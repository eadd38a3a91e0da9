"""The workbench's gate: every request needs the token, the right Host and, to write, our Origin.

* The token is random per run and printed in the URL (``/?token=...``); the first request with it
  sets an HttpOnly, SameSite=Strict cookie and redirects to the same page without the token, so it
  does not linger in the address bar or the history.
* ``Host`` must be ``127.0.0.1:PORT`` or ``localhost:PORT``: a page on another site that rebinds
  its DNS name to 127.0.0.1 sends its own name as Host and is refused.
* A request that carries an ``Origin`` must come from the workbench itself, and writes (any method
  but GET and HEAD) must carry one and send JSON, so no other site can post to the workbench.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, urlencode

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

SAFE_METHODS = {"GET", "HEAD"}
HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        b"connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
    (b"x-frame-options", b"DENY"),
]


def new_token() -> str:
    return secrets.token_urlsafe(32)


def cookie_name(port: int) -> str:
    """Cookies do not tell ports apart, so two workbenches on one machine use two names."""
    return f"egovcode-token-{port}"


class Gate:
    """ASGI middleware that admits only requests with the token, our Host and our Origin."""

    def __init__(
        self,
        app: ASGIApp,
        token: str,
        port: int,
        refuse: Callable[[str, int], tuple[bytes, str]],
    ) -> None:
        self.app = app
        self.token = token
        self.port = port
        self.hosts = {f"127.0.0.1:{port}", f"localhost:{port}"}
        if port == 80:  # a browser leaves the default port out of Host and Origin
            self.hosts |= {"127.0.0.1", "localhost"}
        self.origins = {f"http://{h}" for h in self.hosts}
        self.refuse = refuse

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            if scope["type"] == "lifespan":
                await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        method = scope["method"]
        if headers.get("host", "") not in self.hosts:
            await self._deny(send, "bad_host", 400)
            return
        origin = headers.get("origin")
        if (origin is not None and origin not in self.origins) or (
            method not in SAFE_METHODS and origin is None
        ):
            await self._deny(send, "bad_origin", 403)
            return
        if method not in SAFE_METHODS and not headers.get("content-type", "").startswith(
            "application/json"
        ):
            await self._deny(send, "bad_origin", 415)
            return
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        given = next((v for k, v in query if k == "token"), None)
        if given is not None and method == "GET" and self._good(given):
            rest = urlencode([(k, v) for k, v in query if k != "token"]).encode("ascii")
            path = scope.get("raw_path") or scope["path"].encode("utf-8")
            await self._admit(send, path + (b"?" + rest if rest else b""))
            return
        if not self._good(self._cookie(headers) or headers.get("x-egovcode-token", "")):
            await self._deny(send, "forbidden", 403)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + HEADERS
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _good(self, candidate: str) -> bool:
        return bool(candidate) and secrets.compare_digest(
            candidate.encode("utf-8"), self.token.encode("utf-8")
        )

    def _cookie(self, headers: dict[str, str]) -> str:
        jar: SimpleCookie = SimpleCookie()
        try:
            jar.load(headers.get("cookie", ""))
        except Exception:  # a malformed cookie header is simply no token
            return ""
        morsel = jar.get(cookie_name(self.port))
        return morsel.value if morsel is not None else ""

    async def _admit(self, send: Send, location: bytes) -> None:
        cookie = (
            f"{cookie_name(self.port)}={self.token}; Path=/; HttpOnly; SameSite=Strict"
        ).encode("latin-1")
        await send(
            {
                "type": "http.response.start",
                "status": 303,
                "headers": [(b"location", location), (b"set-cookie", cookie), *HEADERS],
            }
        )
        await send({"type": "http.response.body", "body": b""})

    async def _deny(self, send: Send, reason: str, status: int) -> None:
        body, content_type = self.refuse(reason, status)
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", content_type.encode("latin-1")),
                    (b"content-length", str(len(body)).encode("latin-1")),
                    *HEADERS,
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
