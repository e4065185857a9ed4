"""When two names in one article name the same person or organisation.

The article's own usage decides, never an outside list of who is who:

* a person's short form is their surname or first name ("Peskov" for "Dmitry Peskov"), or a
  spelling one edit away when nothing else competes ("Orlow" for "Orlov");
* an organisation's short form is its acronym ("NIESR" for "National Institute of Economic and
  Social Research", "GE" for "General Electric"), its leading words ("Lockheed" for "Lockheed
  Martin", "the Bank" for "the Bank of England"), word-by-word abbreviations ("Lib Dems" for
  "Liberal Democrats"), a plural of its first word ("the Conservatives" for "the Conservative
  Party") or a nickname news English uses for it ("the Tories").
"""

from __future__ import annotations

import re
from functools import lru_cache

from wirewatch.entities.lexicon import NAME_JOINERS, NICKNAMES
from wirewatch.entities.people import normalise_name
from wirewatch.names import edit_distance_at_most_one

# an apostrophe inside a name, also the "O' Neill" typed with a space after it
INNER_APOSTROPHE_RE = re.compile(r"(?<=\w)['’](?=\w)|(?<=\bO)['’] (?=[A-Z])")
# words a company's name may end with that its acronym leaves out ("General Motors Corporation": GM)
CORPORATE_SUFFIXES = frozenset({"corporation", "corp", "inc", "company", "co", "group", "plc", "ltd", "llc", "limited"})
ACRONYM_RE = re.compile(r"^[A-Z][A-Z&]{1,7}s?$")
# a run of capitalised words, joined by the small words names use ("Bank of England")
PROPER_RUN_RE = re.compile(r"\b[A-Z][\w'’&-]*(?:\s+(?:(?:of|and|for|the|&|de|in|on)\s+)*[A-Z][\w'’&-]*)*")


@lru_cache(maxsize=65536)
def _name_words(name: str) -> tuple[str, ...]:
    # an apostrophe inside a name joins it ("O'Leary" is one word, not "O" and "Leary")
    words = normalise_name(INNER_APOSTROPHE_RE.sub("", name)).split()
    return tuple(words[1:] if words[:1] == ["the"] and len(words) > 1 else words)


def name_words(name: str) -> list[str]:
    """The normalised words of a name, without a leading "the"."""
    return list(_name_words(name))


def initials(name: str) -> str:
    """Initials of a name's capitalised words: "National Institute of Economic ..." -> "NIESR"."""
    out = []
    for word in re.split(r"[\s-]+", name.strip()):
        if not word or word.casefold() in NAME_JOINERS:
            continue
        if word[:1].isupper():
            out.append(word[0])
    return "".join(out)


def is_acronym(name: str) -> bool:
    return bool(ACRONYM_RE.match(name.strip()))


def acronym_of(short: str, full: str) -> bool:
    """Whether ``short`` (all capitals) is the initials of ``full``."""
    short = short.strip()
    if not is_acronym(short):
        return False
    letters = short.rstrip("s").replace("&", "").upper()
    if len(full.split()) < 2:
        return False
    words = full.split()
    while len(words) > 2 and words[-1].casefold().strip(".") in CORPORATE_SUFFIXES:
        words = words[:-1]
    return any(len(i) >= 2 and letters == i.upper() for i in {initials(full), initials(" ".join(words))})


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


def org_short_form(short: str, full: str) -> bool:
    """Whether the organisation name ``short`` is a short form of the longer name ``full``."""
    s, f = name_words(short), name_words(full)
    if not s or not f:
        return False
    if s == f or acronym_of(short, full) or _nickname_of(s, f):
        return True
    if len(s) == len(f) and [_singular(w) for w in s] == [_singular(w) for w in f]:
        return True  # "Lib Dem" -> "Lib Dems"
    if len(s) >= len(f):
        return False
    if f[: len(s)] == s and s[0] not in NAME_JOINERS:
        return True  # "Lockheed" -> "Lockheed Martin"; "Department for Education" -> "... and Skills"
    content = [w for w in f if w not in NAME_JOINERS]
    if 2 <= len(s) <= len(content) and all(c.startswith(w) for w, c in zip(s, content, strict=False)):
        return True  # "Lib Dems" -> "Liberal Democrats"
    return len(s) == 1 and s[0] != f[0] and _singular(s[0]) == _singular(f[0])  # "Conservatives"


def _nickname_of(short: list[str], full: list[str]) -> bool:
    meant = NICKNAMES.get(" ".join(short))
    if meant is None:
        return False
    want = meant.split()
    return [_singular(w) for w in full[: len(want)]] == [_singular(w) for w in want]


def person_variant(short: str, full: str) -> bool:
    """Whether the person name ``short`` is a short form or a one-edit spelling of ``full``."""
    s, f = name_words(short), name_words(full)
    if not s or not f or len(s) > len(f):
        return False
    if s == f:
        return True
    if len(s) == 1:
        return s[0] == f[-1] or (len(s[0]) >= 5 and len(f[-1]) >= 5 and edit_distance_at_most_one(s[0], f[-1]))
    if len(s) == len(f):
        # one of the two names may be spelt one letter off, never both ("Dmitri Peskov")
        first = s[0] == f[0] or (s[0][:1] == f[0][:1] and (len(s[0]) <= 2 or len(f[0]) <= 2))
        near_first = len(s[0]) >= 4 and edit_distance_at_most_one(s[0], f[0])
        near_last = len(s[-1]) >= 5 and edit_distance_at_most_one(s[-1], f[-1])
        return (first and near_last) or (near_first and s[-1] == f[-1])
    return s[-1] == f[-1] and s[0][:1] == f[0][:1]


def expansion_in_text(acronym: str, text: str) -> str | None:
    """The fuller name an acronym stands for, where the article spells it out."""
    for m in PROPER_RUN_RE.finditer(text):
        run = m.group(0)
        words = run.split()
        while words and words[0].casefold() == "the":
            words = words[1:]
        # a longer run may carry words before the name ("Shares in General Electric")
        for start in range(len(words)):
            candidate = " ".join(words[start:])
            if words[start].casefold() in NAME_JOINERS:
                continue
            if acronym_of(acronym, candidate):
                return candidate.rstrip("'’s") if candidate.endswith(("'s", "’s")) else candidate
    return None
