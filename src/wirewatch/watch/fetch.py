"""HTTP for the watcher: conditional GETs of feeds, GETs of linked pages, POSTs to webhooks.

Every request has a timeout, a size limit on what it reads (streamed, so an endless body is
cut off) and the user agent. A feed GET sends the validators of the last answer (``If-None-Match``
with the ETag, ``If-Modified-Since`` with the Last-Modified), so an unchanged feed costs a 304
and no body. Redirects are followed (at most :data:`MAX_REDIRECTS`); the final URL is kept.

:class:`HostGate` is the per-host back-off: a 429 or 503 closes the host until its
``Retry-After`` (seconds or an HTTP date) or, without one, for a time that doubles with each
consecutive refusal. No request is sent to a closed host (other failures hold back only the
feed that failed: :mod:`.poller`). Nothing here raises for a bad
answer: :class:`Fetched` says what happened.
"""

from __future__ import annotations

import email.utils
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

MAX_REDIRECTS = 5
MAX_BACKOFF_S = 6 * 3600.0


@dataclass(frozen=True)
class FetchOptions:
    """How the watcher talks HTTP."""

    timeout: float = 10.0
    max_bytes: int = 20_000_000
    user_agent: str = "wirewatch/0.1"
    concurrency: int = 16
    """Requests in flight at once, over all hosts."""
    per_host: int = 8
    """Requests in flight at once to one host."""


@dataclass(frozen=True)
class Fetched:
    """The outcome of one GET: ``status`` 0 when no answer came (``error`` says why)."""

    url: str
    status: int
    body: bytes = b""
    final_url: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    retry_after: float | None = None
    """Seconds the server asked us to wait (429/503 ``Retry-After``)."""
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and 200 <= self.status < 300

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def host_of(url: str) -> str:
    return urlsplit(url).netloc.lower()


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """``Retry-After`` as seconds from now: a number of seconds or an HTTP date; None if absent
    or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class HostGate:
    """Which hosts may be asked now (thread-safe); times are ``time.time()`` seconds."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._until: dict[str, float] = {}
        self._failures: dict[str, int] = {}

    def open_at(self, host: str) -> float:
        with self._lock:
            return self._until.get(host, 0.0)

    def is_open(self, host: str, now: float) -> bool:
        return self.open_at(host) <= now

    def close_until(self, host: str, until: float) -> None:
        with self._lock:
            self._until[host] = max(self._until.get(host, 0.0), until)

    def failed(self, host: str, base: float, now: float, retry_after: float | None) -> float:
        """Note a failure; returns when the host opens again."""
        with self._lock:
            n = self._failures[host] = self._failures.get(host, 0) + 1
            wait = retry_after if retry_after is not None else min(base * 2 ** (n - 1), MAX_BACKOFF_S)
            until = max(self._until.get(host, 0.0), now + wait)
            self._until[host] = until
            return until

    def succeeded(self, host: str) -> None:
        with self._lock:
            self._failures.pop(host, None)


class Http:
    """One connection pool shared by the watcher's threads."""

    def __init__(self, options: FetchOptions, transport: httpx.BaseTransport | None = None) -> None:
        self.options = options
        self._client = httpx.Client(
            timeout=httpx.Timeout(options.timeout),
            headers={"User-Agent": options.user_agent},
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
            limits=httpx.Limits(max_connections=options.concurrency, max_keepalive_connections=options.concurrency),
            transport=transport,
        )
        self._host_lock = threading.Lock()
        self._host_slots: dict[str, threading.BoundedSemaphore] = {}

    def close(self) -> None:
        self._client.close()

    def _slot(self, host: str) -> threading.BoundedSemaphore:
        with self._host_lock:
            slot = self._host_slots.get(host)
            if slot is None:
                slot = self._host_slots[host] = threading.BoundedSemaphore(self.options.per_host)
            return slot

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET ``url`` (conditionally when validators are given); never raises."""
        if urlsplit(url).scheme not in ("http", "https"):
            return Fetched(url, 0, error="not an http(s) URL")
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        limit = self.options.max_bytes
        try:
            with self._slot(host_of(url)), self._client.stream("GET", url, headers=headers) as response:
                status = response.status_code
                etag, modified = response.headers.get("ETag"), response.headers.get("Last-Modified")
                final = str(response.url)
                if status == 304:
                    return Fetched(url, status, final_url=final, etag=etag, last_modified=modified)
                if status >= 400:
                    wait = retry_after_seconds(response.headers.get("Retry-After")) if status in (429, 503) else None
                    return Fetched(url, status, final_url=final, retry_after=wait, error=f"HTTP {status}")
                declared = response.headers.get("Content-Length")
                if declared and declared.isdigit() and int(declared) > limit:
                    return Fetched(url, status, error=f"answer is over the size limit of {limit} bytes")
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > limit:
                        return Fetched(url, status, error=f"answer is over the size limit of {limit} bytes")
                    chunks.append(chunk)
        except httpx.TimeoutException as err:
            return Fetched(url, 0, error=f"timed out after {self.options.timeout:g} s ({type(err).__name__})")
        except httpx.HTTPError as err:
            return Fetched(url, 0, error=f"{type(err).__name__}: {err}")
        return Fetched(url, status, b"".join(chunks), final_url=final, etag=etag, last_modified=modified)

    def post_json(self, url: str, body: bytes, headers: Mapping[str, str]) -> str | None:
        """POST ``body``; None on a 2xx answer, else why not (never raises)."""
        try:
            response = self._client.post(
                url, content=body, headers={"Content-Type": "application/json", **headers}, follow_redirects=False
            )
        except httpx.HTTPError as err:
            return f"{type(err).__name__}: {err}"
        if 200 <= response.status_code < 300:
            return None
        return f"HTTP {response.status_code}"
