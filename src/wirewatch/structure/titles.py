"""Whether a line of the text is the page's title: the test that keeps the headline to one line.

A page's ``<title>`` or ``og:title`` often carries the site's name ("Pier reopens - Example News",
"LinkNaija | Nigeria's news: Pier reopens") while the body's own heading does not; the two are
the same headline all the same, and the record must show it once.
"""

from __future__ import annotations

import re

__all__ = ["same_headline", "title_key"]

_KEY_RE = re.compile(r"[^\w\s]+")
# What joins a title to the site's name: " - ", " | ", " – ", " — ", " :: ", " · ".
_SEPARATOR_RE = re.compile(r"\s+(?:[-|–—·•»]|::)\s+|:\s+")
_MIN_WORDS = 3


def title_key(line: str) -> str:
    """Lower case, letters, digits and single spaces only."""
    return " ".join(_KEY_RE.sub(" ", line.casefold()).split())


def same_headline(title: str | None, line: str) -> bool:
    """Whether ``line`` is ``title``, perhaps with or without the site's name before or after it.

    Equal once case, punctuation and spacing are ignored; or one is the other plus a part joined
    by a title separator (the site name), the shorter keeping at least three words so that a
    short line ("Photos") never matches a long title.
    """
    if not title:
        return False
    a, b = title_key(title), title_key(line)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_raw = (line, title) if len(b) < len(a) else (title, line)
    short_key = title_key(short)
    if len(short_key.split()) < _MIN_WORDS:
        return False
    parts = [title_key(p) for p in _SEPARATOR_RE.split(long_raw)]
    # The short one is the long one with its first or last parts (the site) cut off.
    return any(" ".join(parts[i:j]) == short_key for i in range(len(parts)) for j in range(i + 1, len(parts) + 1))
