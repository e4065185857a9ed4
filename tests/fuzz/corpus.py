"""Malformed inputs, generated (never committed): one builder per kind of trouble.

Each builder returns ``(file name, bytes)``; the fixed corpus is every builder once, and the
mutation test feeds the well-formed :data:`VALID` samples truncated or with bytes flipped.
"""

from __future__ import annotations

import bz2
import gzip
import io
import json
import random
import zipfile

from wirewatch.batch.synthetic import story

STORY = story(1)


def _gz(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


def _warc(html: str) -> bytes:
    payload = ("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html).encode()
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:12345678-1234-1234-1234-123456789012>\r\n"
        "WARC-Target-URI: http://example.invalid/story\r\nWARC-Date: 2024-03-14T00:00:00Z\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(payload)}\r\n\r\n"
    ).encode()
    return head + payload + b"\r\n\r\n"


def _html(body: str) -> str:
    paras = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return f"<html><head><title>Story</title></head><body><article>{paras}</article></body></html>"


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


FEED = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
    "<item><title>One</title><link>http://example.invalid/1</link>"
    f"<description><![CDATA[{STORY}]]></description></item></channel></rss>"
)

VALID: dict[str, bytes] = {
    "story.txt": STORY.encode(),
    "story.txt.gz": _gz(STORY.encode()),
    "story.html": _html(STORY).encode(),
    "crawl.warc": _warc(_html(STORY)),
    "crawl.warc.gz": _gz(_warc(_html(STORY))),
    "feed.xml": FEED.encode(),
    "wire.jsonl": (
        json.dumps({"text": STORY}) + "\n" + json.dumps({"title": "x", "html": _html(STORY)}) + "\n"
    ).encode(),
    "pack.zip": _zip({"a.txt": STORY.encode(), "b.html": _html(STORY).encode()}),
    "story.txt.bz2": bz2.compress(STORY.encode()),
}
"""Well-formed inputs of every format, to be broken by the mutation test."""


def fixed_corpus() -> list[tuple[str, bytes]]:
    """One input per kind of trouble the readers and the pipeline must survive."""
    rng = random.Random(7)
    deep = "<div>" * 5000 + STORY + "</div>" * 5000
    return [
        ("random.bin", bytes(rng.randrange(256) for _ in range(4096))),
        ("random.txt", bytes(rng.randrange(256) for _ in range(4096))),
        ("empty.txt", b""),
        ("blank.txt", b" \n\t\r\n"),
        ("truncated.txt.gz", _gz(STORY.encode())[:40]),
        ("truncated.warc.gz", _gz(_warc(_html(STORY)))[:200]),
        ("truncated.warc", _warc(_html(STORY))[:150]),
        ("bad-length.warc", _warc(_html(STORY)).replace(b"Content-Length: ", b"Content-Length: 9")),
        ("gzip-bomb-ish.txt.gz", _gz(b"a " * 5_000_000)),
        ("nested.html", _html(deep).encode()),
        ("nested-unclosed.html", ("<div><p><b><i>" * 3000 + STORY).encode()),
        ("one-mb-line.txt", b"word " * 210_000),
        ("one-mb-line.jsonl", json.dumps({"text": "w " * 600_000}).encode()),
        ("rtl.txt", ("\u202e" + STORY.replace(" ", " \u200f") + "\u202c").encode()),
        ("combining.txt", "".join(c + "\u0301\u0308" for c in STORY).encode()),
        ("surrogates-escaped.txt", STORY.encode() + b"\xed\xa0\x80 \xff\xfe lone bytes"),
        ("surrogates.jsonl", b'{"text": "He said \\ud800 it, and \\udc80 again, on Friday in Geneva."}\n'),
        ("nul.txt", STORY.encode().replace(b" ", b"\x00", 20)),
        ("nul-middle.txt", STORY.encode() + b"\x00" + STORY.encode()),
        ("unclosed-quotes.txt", ("He said \u201cthis never closes. " * 200 + '"and neither does this').encode()),
        ("quotes-only.txt", ('"' * 5000).encode()),
        ("utf16.txt", STORY.encode("utf-16")),
        ("broken-utf16.txt", b"\xff\xfe" + b"\x00\xd8" * 10),
        ("bom-only.txt", b"\xef\xbb\xbf"),
        ("bad.zip", b"PK\x03\x04" + bytes(100)),
        ("zip-of-junk.zip", _zip({"x.bin": bytes(range(256)) * 4, "y.txt": b"\x00\x01"})),
        ("bad.jsonl", b'{"text": "unterminated\n{not json}\n[1,2,3]\n"text only"\n'),
        ("bad-feed.xml", b'<?xml version="1.0"?><rss><channel><item><title>x' * 50),
        (
            "entity-bomb.xml",
            b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
            b"<rss><channel><item><description>&b;&b;</description></item></channel></rss>",
        ),
        ("control-chars.txt", bytes(range(1, 32)) * 100),
        ("crlf-only.txt", b"\r\n" * 1000 + STORY.encode().replace(b"\n", b"\r")),
    ]
