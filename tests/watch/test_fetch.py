from __future__ import annotations

import time
from email.utils import formatdate

import pytest

from wirewatch.watch.fetch import FetchOptions, HostGate, Http, retry_after_seconds

from .wires import Wires


@pytest.mark.parametrize(
    ("value", "expected"),
    [("120", 120.0), (" 5 ", 5.0), (None, None), ("", None), ("soon", None), ("-3", None)],
)
def test_retry_after_seconds(value: str | None, expected: float | None) -> None:
    assert retry_after_seconds(value) == expected


def test_retry_after_as_an_http_date() -> None:
    now = 1_700_000_000.0
    assert retry_after_seconds(formatdate(now + 90, usegmt=True), now=now) == pytest.approx(90, abs=1)
    assert retry_after_seconds(formatdate(now - 90, usegmt=True), now=now) == 0.0


def test_host_gate_honours_retry_after_and_doubles_otherwise() -> None:
    gate = HostGate()
    assert gate.is_open("a", 0)
    assert gate.failed("a", 10, 100, retry_after=30) == 130
    assert not gate.is_open("a", 129) and gate.is_open("a", 130) and gate.is_open("b", 100)
    assert gate.failed("b", 10, 100, None) == 110
    assert gate.failed("b", 10, 200, None) == 220  # second failure in a row: 20 s
    gate.succeeded("b")
    assert gate.failed("b", 10, 300, None) == 310


@pytest.fixture
def http() -> Http:
    return Http(FetchOptions(timeout=1.0, max_bytes=50_000, user_agent="wirewatch-test/1"))


def test_conditional_get_gets_304_with_the_etag(wires: Wires, http: Http) -> None:
    url = wires.add_feed("a", entries=2)
    first = http.get(url)
    assert first.ok and b"<rss" in first.body and first.etag == '"a-2"' and first.last_modified
    again = http.get(url, etag=first.etag, last_modified=first.last_modified)
    assert again.not_modified and not again.body and wires.feeds["a"].not_modified == 1
    wires.grow("a")
    assert http.get(url, etag=first.etag).ok


@pytest.mark.parametrize("mode", ["429", "503"])
def test_throttled_answers_carry_retry_after(wires: Wires, http: Http, mode: str) -> None:
    url = wires.add_feed("t", entries=1, mode=mode, retry_after="7")
    got = http.get(url)
    assert got.status == int(mode) and got.retry_after == 7.0 and not got.ok and got.error == f"HTTP {mode}"


@pytest.mark.parametrize(
    ("mode", "why"), [("slow", "timed out"), ("truncated", "RemoteProtocolError"), ("500", "HTTP 500")]
)
def test_bad_answers_are_errors_never_exceptions(wires: Wires, http: Http, mode: str, why: str) -> None:
    got = http.get(wires.add_feed("b", entries=3, mode=mode))
    assert not got.ok and got.error is not None and why in got.error


def test_size_limit_and_redirects(wires: Wires) -> None:
    small = Http(FetchOptions(timeout=1.0, max_bytes=500))
    got = small.get(f"{wires.base}/pages/1")
    assert not got.ok and "size limit" in (got.error or "")
    moved = Http(FetchOptions()).get(f"{wires.base}/moved/4")
    assert moved.ok and moved.final_url == f"{wires.base}/pages/4" and b"<article>" in moved.body
    assert not Http(FetchOptions()).get("ftp://example.org/x").ok


def test_user_agent_is_sent(wires: Wires) -> None:
    import http.server

    seen: list[str] = []
    original = http.server.BaseHTTPRequestHandler.handle_one_request

    def spy(self: http.server.BaseHTTPRequestHandler) -> None:
        original(self)
        if getattr(self, "headers", None) is not None:
            seen.append(self.headers.get("User-Agent", ""))

    http.server.BaseHTTPRequestHandler.handle_one_request = spy  # type: ignore[method-assign]
    try:
        Http(FetchOptions(user_agent="wirewatch-test/1")).get(f"{wires.base}/pages/1")
    finally:
        # the server thread records the header after its answer is sent: wait for it
        deadline = time.monotonic() + 5
        while not seen and time.monotonic() < deadline:
            time.sleep(0.01)
        http.server.BaseHTTPRequestHandler.handle_one_request = original  # type: ignore[method-assign]
    assert "wirewatch-test/1" in seen
