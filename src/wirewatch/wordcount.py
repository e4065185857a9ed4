"""Counting words in any script, for the length tests of the HTML reader and the structure stage.

``\\w+`` runs are words, except in scripts written without spaces between words: there a run of
Chinese characters or Japanese kana counts a word per two characters (the mean length of a
Chinese word; Japanese mixes one- and multi-character words around it), and a Thai, Lao, Khmer
or Burmese run a word per five characters.
"""

from __future__ import annotations

import re
from itertools import islice

__all__ = ["count_words"]

_WORD_RE = re.compile(r"\w+")
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_SOUTHEAST_ASIAN_RE = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]+")


def count_words(text: str, limit: int | None = None) -> int:
    """Words in ``text`` (see the module docstring); counting stops at ``limit``.

    >>> count_words("Der Hafen bekommt eine neue Fähre")
    6
    >>> count_words("上海港迎来新渡轮")
    4
    """
    total = 0
    for match in islice(_WORD_RE.finditer(text), limit):
        run = match.group(0)
        cjk = sum(len(m) for m in _CJK_RE.findall(run))
        sea = sum(len(m) for m in _SOUTHEAST_ASIAN_RE.findall(run))
        total += (1 if len(run) > cjk + sea else 0) + -(-cjk // 2) + -(-sea // 5)
        if limit is not None and total >= limit:
            return limit
    return total
