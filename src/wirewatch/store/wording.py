"""How two reports of someone's words compare: the pure part of statements and quote checking.

A report's words are its text folded (:func:`wirewatch.names.fold_words`: case, diacritics,
punctuation and quotation marks gone), so ``“We will win.”`` and ``we will WIN`` are the same
words. Two reports are compared by aligning their word lists (:class:`difflib.SequenceMatcher`,
no junk heuristic): what is equal, what one has that the other lacks, and what was changed.

Candidates are found through *keys* (:func:`text_keys`): the hash of the whole folded text (an
exact match) and of every run of :data:`SHINGLE` words, which the stores index
(``statement_keys``). A report that quotes part of another, trims it or changes a word or two
still shares most of its runs with it; an unrelated sentence shares few or none.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from wirewatch.names import fold_words

SHINGLE = 3
"""Words per indexed run."""
MIN_NEAR_WORDS = 4
"""Fewer shared words than this are never a near match (short quotes group only when exact)."""
_ELLIPSIS = re.compile(r"\.\s*\.\s*\.|…|\[\s*\.\.\.\s*\]")
_NEGATIONS = frozenset({"not", "no", "never", "t", "nor", "neither", "nothing", "none", "without"})
"""Words whose loss turns a trim into a change of meaning (``don't`` folds to ``don t``)."""

Op = Literal["equal", "added", "dropped", "changed"]


def words(text: str | None) -> list[str]:
    """The folded words of a report."""
    return fold_words(text)


_WORDISH = re.compile(r"[^\W_]+")


def shown_words(text: str | None) -> list[str]:
    """The words of a report as written (case and accents kept), one for each of
    :func:`words`, for showing an alignment."""
    out: list[str] = []
    for m in _WORDISH.finditer(text or ""):
        out.extend(m.group() for _ in fold_words(m.group()))
    return out


def normal(text: str | None) -> str:
    """The words of a report joined by single spaces: equal for exact copies."""
    return " ".join(words(text))


def is_complete(text: str | None) -> bool:
    """Whether a report gives the words whole: it has no ellipsis marking a cut."""
    return not _ELLIPSIS.search(text or "")


def _hash(value: str) -> int:
    """A signed 64-bit hash (fits a BIGINT in both stores)."""
    return int.from_bytes(hashlib.blake2b(value.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


def exact_key(tokens: Sequence[str]) -> int:
    """The key of the whole folded text."""
    return _hash("=" + " ".join(tokens))


def shingle_keys(tokens: Sequence[str]) -> list[int]:
    """The keys of every run of :data:`SHINGLE` words (the whole text when shorter), in order,
    each once."""
    if len(tokens) < SHINGLE:
        return [_hash(" ".join(tokens))] if tokens else []
    seen: dict[int, None] = {}
    for i in range(len(tokens) - SHINGLE + 1):
        seen.setdefault(_hash(" ".join(tokens[i : i + SHINGLE])), None)
    return list(seen)


def text_keys(tokens: Sequence[str]) -> list[int]:
    """Every key a report is indexed under: its exact key, then its shingles."""
    return [exact_key(tokens), *shingle_keys(tokens)] if tokens else []


@dataclass(frozen=True)
class Piece:
    """One stretch of an alignment: ``ours`` are the words of the text being checked (or the
    later report), ``theirs`` those of the stored one."""

    op: Op
    ours: tuple[str, ...]
    theirs: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        return {"op": self.op, "ours": list(self.ours), "theirs": list(self.theirs)}


@dataclass(frozen=True)
class Alignment:
    """Two word lists aligned: ``ours`` against ``theirs``."""

    pieces: tuple[Piece, ...]
    ours_len: int
    theirs_len: int

    @property
    def matched(self) -> int:
        return sum(len(p.ours) for p in self.pieces if p.op == "equal")

    @property
    def added(self) -> int:
        """Words of ours not in theirs (inserted, or replacing others)."""
        return sum(len(p.ours) for p in self.pieces if p.op in ("added", "changed"))

    @property
    def dropped(self) -> int:
        """Words of theirs left out of ours (not replaced)."""
        return sum(len(p.theirs) for p in self.pieces if p.op == "dropped")

    @property
    def changed(self) -> int:
        """Stretches where ours has other words than theirs (inserted or replacing)."""
        return sum(1 for p in self.pieces if p.op in ("added", "changed"))

    @property
    def longest(self) -> int:
        """The longest run of words both share."""
        return max((len(p.ours) for p in self.pieces if p.op == "equal"), default=0)

    @property
    def coverage(self) -> float:
        """The share of our words found in theirs."""
        return self.matched / self.ours_len if self.ours_len else 0.0

    @property
    def dropped_negation(self) -> bool:
        return any(w.casefold() in _NEGATIONS for p in self.pieces if p.op == "dropped" for w in p.theirs)

    @property
    def same(self) -> bool:
        return self.ours_len == self.theirs_len == self.matched


_OPS: dict[str, Op] = {"equal": "equal", "insert": "added", "delete": "dropped", "replace": "changed"}


def align(
    ours: Sequence[str],
    theirs: Sequence[str],
    ours_shown: Sequence[str] | None = None,
    theirs_shown: Sequence[str] | None = None,
) -> Alignment:
    """Align two folded word lists; the pieces hold the ``*_shown`` words (as written, one per
    folded word) where given, else the folded ones."""
    a = ours_shown if ours_shown is not None and len(ours_shown) == len(ours) else ours
    b = theirs_shown if theirs_shown is not None and len(theirs_shown) == len(theirs) else theirs
    sm = difflib.SequenceMatcher(None, list(theirs), list(ours), autojunk=False)
    pieces = [Piece(_OPS[tag], tuple(a[j1:j2]), tuple(b[i1:i2])) for tag, i1, i2, j1, j2 in sm.get_opcodes()]
    return Alignment(tuple(pieces), len(ours), len(theirs))


def _other_allowed(short: int) -> int:
    """How many words of the shorter report may differ from the longer's."""
    if short < 8:
        return 0
    if short < 12:
        return 1
    return max(2, round(0.1 * short))


def same_statement(a: Sequence[str], b: Sequence[str]) -> Alignment | None:
    """The alignment of two reports by one speaker if they give the same statement, else None.

    Exact after folding; or *near*: one quotes part of the other (the shorter one's words are
    a run of the longer's, a trim), or changes a word or two. Precisely: at least
    :data:`MIN_NEAR_WORDS` words shared, at least 80% of the shorter report's words found in the
    longer in order, few other words (none below eight words, one below twelve, then two or
    10%), no number changed, no negation added or lost, and a shared run of at least half the shorter report (or eight
    words), so that a few common words scattered across two different sentences never join
    them.
    """
    al = align(a, b)
    if al.same:
        return al
    short = min(len(a), len(b))
    m = al.matched
    if m < MIN_NEAR_WORDS or m < 0.8 * short:
        return None
    # Other words in the shorter one: a report that only trims the other has none. A short
    # quote with one word changed is another sentence more often than a misquote.
    other = short - m
    if other > _other_allowed(short):
        return None
    if any(p.op != "equal" and any(w.isdigit() for w in (*p.ours, *p.theirs)) for p in al.pieces if p.op != "dropped"):
        return None  # another number is another statement
    if any(w.casefold() in _NEGATIONS for p in al.pieces if p.op != "equal" for w in (*p.ours, *p.theirs)):
        return None  # a "not" added or lost says the opposite
    if al.longest < min(8, (short + 1) // 2):
        return None
    return al
