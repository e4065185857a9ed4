"""People's and organisations' names, folded and matched one way everywhere.

Within an article (the entity stage's clusters, :mod:`wirewatch.entities`) and across articles
(the store's people, :mod:`wirewatch.store`) a name is compared through the same two steps:

* **folding** (:func:`fold`, :func:`name_key`): case and diacritics removed, every run of
  punctuation a single space, so ``"Sergéi LAVROV"``, ``"Sergei Lavrov"`` and
  ``"sergei-lavrov"`` are one key;
* **matching** (:func:`same_given_name`, :func:`same_person_name`): two people's names are one
  person's when the surnames agree and the given names are equal, one is the other's initial,
  or they are transliterations of each other (same first letter, both of four letters or more,
  at most two edits: Dmitry/Dmitri, Sergei/Sergey). "David Smith" and "Daniel Smith" are two.

The entity stage adds its own short forms on top (a surname alone, a spelling one letter off
where nothing else competes: :func:`wirewatch.entities.aliases.person_variant`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_FOLD_SPLIT = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """Case and diacritics removed (``"Sergéi"`` -> ``"sergei"``); punctuation kept."""
    if text.isascii():  # nothing to decompose: the common case, and much faster
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def fold_words(text: str | None) -> list[str]:
    """The words of ``text``, folded: what both stores index and what a search is made of."""
    if not text:
        return []
    return [w for w in _FOLD_SPLIT.split(fold(text)) if w]


@lru_cache(maxsize=65536)
def name_key(name: str | None) -> str | None:
    """A name folded for matching: ``"Sergéi LAVROV"`` and ``"Sergei Lavrov"`` give
    ``"sergei lavrov"``; None when it holds no word."""
    key = " ".join(fold_words(name))
    return key or None


def edit_distance(a: str, b: str, cap: int = 3) -> int:
    """Levenshtein distance, stopped early once it exceeds ``cap``."""
    if abs(len(a) - len(b)) > cap:
        return cap + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > cap:
            return cap + 1
        prev = cur
    return prev[-1]


def edit_distance_at_most_one(a: str, b: str) -> bool:
    """Whether ``a`` becomes ``b`` by one insertion, deletion, substitution or swap of two
    neighbouring letters ("Montieth" for "Monteith"), or is ``b``."""
    if a == b:
        return True
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]:
            return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]


def same_given_name(a: str, b: str) -> bool:
    """Whether two folded first names can be one person's: equal, one an initial of the other,
    or a transliteration variant (same first letter, both 4+ letters, at most 2 edits)."""
    if a == b:
        return True
    if not a or not b or a[0] != b[0]:
        return False
    if len(a) == 1 or len(b) == 1:
        return True
    return len(a) >= 4 and len(b) >= 4 and edit_distance(a, b, 2) <= 2


def match_key(kind: str, key: str) -> str:
    """The part of a name key that must agree for two names to be one: a person's last name,
    an organisation's key without a leading article (``the kremlin`` -> ``kremlin``)."""
    words = key.split()
    if kind == "person":
        return words[-1]
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def same_person_name(kind: str, a: str, b: str) -> bool:
    """Whether name keys ``a`` and ``b`` (both with 2+ words for people) name one entity."""
    if kind != "person":
        return match_key(kind, a) == match_key(kind, b)
    wa, wb = a.split(), b.split()
    if len(wa) < 2 or len(wb) < 2 or wa[-1] != wb[-1]:
        return False
    return same_given_name(wa[0], wb[0])
