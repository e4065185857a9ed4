"""Bylines: who wrote the article, from a line of the text or from the page's metadata.

:func:`split_authors` turns what a page or a line says ("By Jane Smith and John Doe, Reuters",
"Victor Tangermann; Futurism", "Staff Reporter") into the writers' names: the "By" and the "and"
go, and so do the names that are not people (the site, a news agency, a desk or a role).
:func:`find_byline` picks the byline of an article: a byline line near the top, whose span is
reported; failing that, the metadata's authors alone, with no offsets (the page states them but
the text does not).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from wirewatch.models import Byline
from wirewatch.structure.dateline import AGENCIES

__all__ = ["byline_from_metadata", "find_byline", "is_byline_line", "split_authors"]

# "and", "&", ";", "," and "/" separate writers; " with " too ("By A, with B").
# The other languages' "and" only in lower case: "Bruce Y Lee" keeps his initial.
_SPLIT_RE = re.compile(r"\s*(?:;|,|/|\||&|\b(?i:and|with)\b|\bund\b|\bet\b|\by\b|\s[-–—]\s)\s*")
# "By" in any case; the other languages' words only in lower case, as bylines write them, so that
# a name ("Di Maio", "Von Trapp") keeps its first word.
_BY_PREFIX_RE = re.compile(r"^(?:(?i:by|written by|words by|story by)|von|par|por|di|door|av|af)[:\s]+")
_WORD_RE = re.compile(r"[^\W\d_][\w'’.\-]*")
_LABEL_BY_RE = re.compile(r"^[A-Z][\w ]{0,30}?\s(?i:by)\s+(?=[A-Z])")
# Words that make a name a desk, a role or an organisation, not a writer.
_NOT_PERSON_WORDS = frozenset(
    """admin administrator staff team desk bureau newsroom editor editors editorial reporter reporters
    correspondent correspondents writer writers contributor contributors news agency agencies press
    media service services wire wires online digital group network magazine times post journal daily
    herald tribune guardian gazette radio tv television channel international associated office
    webmaster web guest author authors unknown anonymous none null redaktion redacción rédaction
    sponsored partner content com org net business sport sports science politics analysis
    at-large""".split()
)
_BY_RE = re.compile(r"(?:by|written by|words by|story by)\s+(?P<rest>\S.*)\Z", re.IGNORECASE)
_NAME_THEN_AGENCY_RE = re.compile(
    r"(?P<name>[A-Z][\w.'’\-]+(?:\s+[A-Z][\w.'’\-]+){1,3})\s*(?:\||,|—|–|-)\s*(?P<who>.+)\Z"
)
_LINE_WORD_RE = re.compile(r"[^\W_](?:[\w'’.\-]*\w)?")
_BYLINE_WORDS = frozenset(
    """and in for of the de da van von der al el bin staff writer writers reporter reporters
    correspondent correspondents editor editors contributor contributing news agency
    service""".split()
)
_MAX_NAME_WORDS = 5
_PARTICLES = frozenset("von van der den de da del di la le bin al el ibn dos du".split())


def split_authors(raw: str | None, site: str | None = None, *, min_words: int = 1) -> tuple[str, ...]:
    """The writers' names in ``raw``, in order, without "By", "and", sites, agencies or roles.

    ``min_words`` is 1 for metadata, where a page may name a writer by first name only ("Josh"),
    and 2 for a line of the text, where one capitalised word is as likely a place or a desk.
    """
    if not raw:
        return ()
    text = " ".join(raw.split())
    text = _BY_PREFIX_RE.sub("", text)
    site_keys = _site_keys(site)
    out: list[str] = []
    for piece in _SPLIT_RE.split(text):
        name = _BY_PREFIX_RE.sub("", piece.strip(" .:-–—()[]\"'"))
        name = _LABEL_BY_RE.sub("", name)  # "Analysis by Chris Cillizza", "Photos by ..."
        name = _strip_site(name, site_keys)
        if name.isupper() and " " in name:
            name = name.title()  # "STEVE PEOPLES" as some pages shout it
        if name and _is_person_name(name, site_keys, min_words) and name not in out:
            out.append(name)
    if len(out) > 1:
        # Beside full names, a lone word is the publisher or a desk ("Victor Tangermann; Futurism").
        out = [n for n in out if " " in n] or out[:1]
    return tuple(out)


def byline_from_metadata(author: str | None, site: str | None) -> Byline | None:
    """A byline the page states only in its metadata: the authors, no span in the text."""
    authors = split_authors(author, site)
    if not authors:
        return None
    return Byline(text=", ".join(authors), start=None, end=None, authors=authors)


def find_byline(
    text: str,
    lines: Sequence[tuple[int, int]],
    is_byline_line: Sequence[bool],
    author: str | None,
    site: str | None,
) -> Byline | None:
    """The article's byline.

    ``lines`` are the spans of the paragraphs above the body and ``is_byline_line`` says which of
    them read as a byline by shape ("By Jane Smith", "Jane Smith | AP"). A line that names the
    metadata's author is a byline too, whatever its shape, when it is short. The first such line
    gives the span; its names are the authors (the metadata's when the line names none of its
    own). Without a line, the metadata alone gives the authors and null offsets.
    """
    meta_authors = split_authors(author, site)
    for (start, end), shaped in zip(lines, is_byline_line, strict=True):
        line = text[start:end]
        names = split_authors(line, site, min_words=2) if shaped else ()
        if not shaped and not _names_a_known_author(line, meta_authors):
            continue
        if not names:
            names = tuple(a for a in meta_authors if a.casefold() in line.casefold()) or meta_authors
        if names:
            return Byline(text=line, start=start, end=end, authors=names)
    if meta_authors:
        return Byline(text=", ".join(meta_authors), start=None, end=None, authors=meta_authors)
    return None


def is_byline_line(line: str) -> bool:
    """A byline: "By Jane Smith", "By Jane Smith and John Doe, Reuters", "Jane Smith | AP"."""
    if len(line) > 120:
        return False
    m = _BY_RE.match(line)
    if m:
        words = _LINE_WORD_RE.findall(m.group("rest"))
        if not words or len(words) > 12 or not words[0][:1].isupper():
            return False
        return all(w[:1].isupper() or w.lower() in _BYLINE_WORDS for w in words)
    m = _NAME_THEN_AGENCY_RE.match(line)
    if m:
        who = " ".join(m.group("who").lower().split())
        return who in AGENCIES or all(w in _BYLINE_WORDS for w in _LINE_WORD_RE.findall(who))
    return False


def _names_a_known_author(line: str, authors: Sequence[str]) -> bool:
    """A short line (up to 12 words) holding one of the metadata's author names."""
    if not authors or len(_WORD_RE.findall(line)) > 12:
        return False
    folded = line.casefold()
    return any(a.casefold() in folded for a in authors)


def _site_keys(site: str | None) -> set[str]:
    if not site:
        return set()
    key = _key(site.lstrip("@"))
    keys = {key, key.removeprefix("the ")}
    # "example.com" and "Example News" both name the site "example".
    first = re.split(r"[\s.]", key)[0]
    if len(first) >= 4:
        keys.add(first)
    return {k for k in keys if k}


def _strip_site(name: str, site_keys: set[str]) -> str:
    """``Finian Cunningham Sputnik International`` -> ``Finian Cunningham`` when the site is Sputnik."""
    words = name.split()
    for cut in range(len(words) - 1, 1, -1):
        tail = _key(" ".join(words[cut:]))
        if tail in site_keys or any(k and tail.startswith(k) for k in site_keys if len(k) >= 4):
            return " ".join(words[:cut])
    return name


def _is_person_name(name: str, site_keys: set[str], min_words: int) -> bool:
    """``min_words`` to five words, capitalised, none a desk or role word, not the site or an agency."""
    key = _key(name)
    if not key or key in AGENCIES or key in site_keys or any(k and k in key for k in site_keys if len(k) >= 4):
        return False
    if "@" in name or "http" in key or "www" in key:
        return False
    words = _WORD_RE.findall(name)
    if words and words[0].lower() == "the":
        return False  # "The Water Coolest": a newsletter or a desk, not a person
    if not min_words <= len(words) <= _MAX_NAME_WORDS or len(words) != len(name.split()):
        return False
    parts = [p for w in words for p in w.lower().strip(".").split("-")]
    if any(p in _NOT_PERSON_WORDS or p in site_keys for p in parts):
        return False
    # Each word starts with a capital ("Sarah E Needleman"; "Ursula von der Leyen" keeps its
    # particles); a lone word in capitals ("KWCHCIK") is a desk or station code, not a name.
    # Scripts without case (Arabic, Chinese, Hebrew, Devanagari) have no capital to show.
    if not all(w[:1].isupper() or not w[:1].islower() or w.lower() in _PARTICLES for w in words):
        return False
    return not (len(words) == 1 and name.isupper())


def _key(value: str) -> str:
    return " ".join(re.sub(r"[^\w\s.]", " ", value.casefold()).split()).strip(". ")
