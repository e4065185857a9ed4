"""A local news site for the watcher's tests and bench: feeds that gain entries, article pages,
and every bad answer a real site gives (304, 429/503 with Retry-After, slow, truncated,
malformed, redirects), plus a webhook that can be told to fail. 127.0.0.1 only.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

_WORDS = (
    "harbour bridge tunnel railway school hospital library market station garden "
    "river valley island harvest museum theatre factory airport stadium ferry"
).split()
_PEOPLE = [("Jane Hart", "Hart", "minister"), ("Omar Diallo", "Diallo", "mayor"), ("Li Wen", "Wen", "governor")]


def words_for(n: int) -> str:
    """``n`` spelt in a fixed vocabulary (so texts differ without new words)."""
    out = []
    n += 1
    while n:
        n, d = divmod(n, len(_WORDS))
        out.append(_WORDS[d])
    return " ".join(out)


_FILLER = [
    "Critics said the plan for the {t} was too costly and asked for a new review of the budget.",
    "Residents welcomed the news and said they had waited for the {t} for a decade.",
    "The council will meet again next month to discuss the contracts for the {t}.",
    "Engineers expect the first phase of the {t} to take about eighteen months.",
    "Local businesses hope the {t} will bring more visitors to the old town centre.",
    "Opposition councillors asked who would pay for the upkeep of the {t} in later years.",
    "A group of teachers wrote an open letter in support of the {t} last week.",
    "Farmers from the valley raised concerns about traffic during the building work.",
    "The regional office said the money would come from a national fund for towns.",
    "Several architects had competed for the design, which was chosen in the autumn.",
    "Environmental groups asked for a study of the wetlands near the site of the {t}.",
    "The chamber of commerce called the decision a turning point for the district.",
    "Parents said safety on the roads near the {t} should come first.",
    "The previous attempt to build the {t} collapsed when the main contractor went bankrupt.",
    "Officials said tenders would be published in the spring and judged by an independent panel.",
    "Trade unions welcomed the promise of local jobs during the construction of the {t}.",
]


def article_html(n: int, title: str | None = None) -> str:
    """A short news article page with attributed quotes, its wording chosen by ``n``."""
    import random

    rng = random.Random(n)
    name, last, role = _PEOPLE[n % len(_PEOPLE)]
    thing = words_for(n)
    title = title or f"Plans for the {thing} approved"
    filler = " ".join(x.format(t=thing) for x in rng.sample(_FILLER, 5))
    body = (
        f"<p>LONDON, May 2 (Reuters) - The {role} {name} said on Tuesday that work on the {thing} "
        f"would start next spring after years of delay.</p>"
        f"<p>\u201cWe will open the {thing} before the winter, and the whole town will use it,\u201d "
        f"{last} told reporters at the town hall.</p>"
        f"<p>{filler}</p>"
    )
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{escape(title)}</title>"
        f"<meta property='og:title' content='{escape(title)}'></head>"
        f"<body><article><h1>{escape(title)}</h1>{body}</article></body></html>"
    )


@dataclass
class Feed:
    """One feed: its entries (page numbers), how it answers, and what it was asked."""

    entries: list[int] = field(default_factory=list)
    mode: str = "ok"
    """ok, 429, 503, slow, truncated, malformed, redirect, 500."""
    retry_after: str = "1"
    etag: bool = True
    sitemap: bool = False
    requests: int = 0
    not_modified: int = 0
    grow_by: int = 0
    """Entries added after each full answer (a feed that gains entries between polls)."""


class Wires:
    """The site's state; handlers read and change it under :attr:`lock`."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.feeds: dict[str, Feed] = {}
        self.pages_served: dict[int, int] = {}
        self.page_mode: dict[int, str] = {}
        self.next_page = 0
        self.webhook_fail = 0
        """Answer the next this many webhook POSTs with a 500."""
        self.webhook_bodies: list[dict[str, Any]] = []
        self.webhook_keys: list[str] = []
        self.base = ""

    def add_feed(self, name: str, entries: int = 0, **kw: Any) -> str:
        with self.lock:
            feed = self.feeds[name] = Feed(**kw)
            for _ in range(entries):
                feed.entries.append(self._new_page())
        return f"{self.base}/feeds/{name}"

    def grow(self, name: str, n: int = 1) -> None:
        with self.lock:
            for _ in range(n):
                self.feeds[name].entries.append(self._new_page())

    def _new_page(self) -> int:
        self.next_page += 1
        return self.next_page

    def feed_body(self, feed: Feed) -> bytes:
        if feed.sitemap:
            urls = "".join(f"<url><loc>{self.base}/pages/{n}</loc></url>" for n in feed.entries)
            return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'.encode()
        items = "".join(
            f"<item><title>Plans for the {words_for(n)} approved</title><link>{self.base}/pages/{n}</link>"
            f"<guid>page-{n}</guid><description>A teaser.</description></item>"
            for n in reversed(feed.entries)
        )
        return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wires</title>{items}</channel></rss>'.encode()


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def _send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        if "Content-Length" not in (headers or {}):
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802  # the http.server name
        wires = self.server.wires
        parts = self.path.split("?", 1)[0].strip("/").split("/")
        if parts[0] == "feeds" and len(parts) == 2 and parts[1] in wires.feeds:
            self._feed(wires, parts[1])
        elif parts[0] == "pages" and len(parts) == 2 and parts[1].isdigit():
            self._page(wires, int(parts[1]))
        elif parts[0] == "moved" and len(parts) == 2:
            self._send(301, headers={"Location": f"/pages/{parts[1]}"})
        else:
            self._send(404, b"not here")

    def _feed(self, wires: Wires, name: str) -> None:
        with wires.lock:
            feed = wires.feeds[name]
            feed.requests += 1
            mode = feed.mode
            body = wires.feed_body(feed)
            tag = f'"{name}-{len(feed.entries)}"'
            if mode == "ok" and feed.etag and self.headers.get("If-None-Match") == tag:
                feed.not_modified += 1
                mode = "304"
            elif mode == "ok" and feed.grow_by:
                for _ in range(feed.grow_by):
                    feed.entries.append(wires._new_page())
        ctype = {"Content-Type": "application/rss+xml"}
        if mode == "304":
            self._send(304, headers={"ETag": tag, "Content-Length": "0"})
        elif mode in ("429", "503"):
            self._send(int(mode), b"slow down", {"Retry-After": feed.retry_after})
        elif mode == "500":
            self._send(500, b"broken")
        elif mode == "slow":
            time.sleep(3)
            self._send(200, body, ctype)
        elif mode == "truncated":
            self._send(200, body[: len(body) // 2], {**ctype, "Content-Length": str(len(body))})
            self.close_connection = True
        elif mode == "malformed":
            self._send(200, b"<?xml version='1.0'?><rss><channel><item><title>oops</titl", ctype)
        elif mode == "redirect":
            self._send(302, headers={"Location": f"/feeds/{name}-target"})
        else:
            headers = {**ctype, "ETag": tag} if feed.etag else ctype
            headers["Last-Modified"] = formatdate(usegmt=True)
            self._send(200, body, headers)

    def _page(self, wires: Wires, n: int) -> None:
        with wires.lock:
            wires.pages_served[n] = wires.pages_served.get(n, 0) + 1
            mode = wires.page_mode.get(n, "ok")
        if mode == "500":
            self._send(500, b"broken")
        elif mode == "redirect":
            self._send(302, headers={"Location": f"/pages/{n + 100000}"})
        else:
            self._send(200, article_html(n % 100000).encode(), {"Content-Type": "text/html; charset=utf-8"})

    def do_POST(self) -> None:  # noqa: N802
        wires = self.server.wires
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        with wires.lock:
            if wires.webhook_fail > 0:
                wires.webhook_fail -= 1
                fail = True
            else:
                fail = False
                wires.webhook_bodies.append(json.loads(body))
                wires.webhook_keys.append(self.headers.get("Idempotency-Key", ""))
        self._send(500 if fail else 200, b"no" if fail else b"ok")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256  # many feeds asked at once
    wires: Wires


@contextmanager
def serve_wires() -> Iterator[Wires]:
    """A :class:`Wires` site on a free port of 127.0.0.1, for the ``with`` block."""
    server = _Server(("127.0.0.1", 0), _Handler)
    wires = Wires()
    server.wires = wires
    wires.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield wires
    finally:
        server.shutdown()
        server.server_close()
