"""HTTP caching headers: static files are cached for a day, every other GET answer is revalidated.

Pages and API answers change when the database does, so they carry ``Cache-Control: no-cache``
and an ``ETag`` hashed from the body: a client that sends the tag back in ``If-None-Match`` gets
an empty 304 when nothing changed. The tag depends on the body alone, so it is the same from every
worker process and after a restart.
"""

from __future__ import annotations

import hashlib
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

STATIC_PREFIX = "/static/"
STATIC_MAX_AGE = 86_400


def _etag(body: bytes) -> bytes:
    return b'W/"' + hashlib.blake2b(body, digest_size=12).hexdigest().encode() + b'"'


class CachingHeaders:
    """ASGI middleware adding ``Cache-Control``/``ETag`` and answering ``If-None-Match``."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        if path.startswith(STATIC_PREFIX):
            await self.app(scope, receive, self._static(send))
            return
        wanted = next((v for k, v in scope["headers"] if k == b"if-none-match"), None)
        start: dict[str, Any] | None = None

        async def send_wrapper(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = dict(message)  # held back until the body is known
                return
            if start is None or message["type"] != "http.response.body":
                await send(message)
                return
            held, start = start, None
            if message.get("more_body", False) or held["status"] != 200:
                # Streamed, or not a success: passed on as it is.
                await send(held)
                await send(message)
                return
            tag = _etag(message.get("body", b""))
            headers = [(k, v) for k, v in held.get("headers", []) if k not in (b"etag", b"cache-control")]
            headers += [(b"etag", tag), (b"cache-control", b"no-cache")]
            if wanted is not None and tag in (t.strip() for t in wanted.split(b",")):
                headers = [(k, v) for k, v in headers if k not in (b"content-length", b"content-type")]
                await send({"type": "http.response.start", "status": 304, "headers": headers})
                await send({"type": "http.response.body", "body": b""})
                return
            await send({**held, "headers": headers})
            await send(message)

        await self.app(scope, receive, send_wrapper)

    @staticmethod
    def _static(send: Send) -> Send:
        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 200:
                headers = [(k, v) for k, v in message.get("headers", []) if k != b"cache-control"]
                headers.append((b"cache-control", f"public, max-age={STATIC_MAX_AGE}".encode()))
                message = {**message, "headers": headers}
            await send(message)

        return send_wrapper
