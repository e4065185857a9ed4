"""Checking a quotation as it circulates: did the speaker say it, in these words, and who
reported it first?

:func:`check` finds the closest stored statements through the store's key index
(:meth:`~wirewatch.store.Store.statement_candidates`), aligns the quotation's folded words with
every wording each candidate was reported in (:func:`wirewatch.store.wording.align`), ranks them
and gives a verdict on the best:

``exact``
    the same words as a stored report (case, punctuation and quotation marks aside);
``trimmed``
    words of a stored report left out (an ellipsis or none), nothing added, no negation lost;
``altered``
    words added or changed (or a "not" dropped, which turns the meaning);
``misattributed``
    the words match a statement, but ``speaker`` is not its speaker;
``not found``
    no statement shares enough of the words.

A statement is a source when the words both give (in order) are nearly all of the quotation
(an excerpt, trimmed, perhaps with a word changed), or most of the quotation *and* most of the
statement (the statement reworded, or given with words around it). An unrelated sentence that
merely shares a phrase with a longer statement gives part of the quotation and little of the
statement.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from wirewatch.errors import QueryError
from wirewatch.names import name_key
from wirewatch.query import MAX_TEXT
from wirewatch.store import QuoteHit, Store
from wirewatch.store.base import StatementRow
from wirewatch.store.wording import Alignment, Piece, align, shown_words, words

Verdict = Literal["exact", "trimmed", "altered", "misattributed", "not found"]
VERDICTS: tuple[Verdict, ...] = ("exact", "trimmed", "altered", "misattributed", "not found")

MIN_COVERAGE = 0.6
"""The share of the quotation's words a statement must give, in order, to be its source; and,
unless it gives :data:`EXCERPT_COVERAGE` of them, the share of the statement's words the
quotation must give."""
EXCERPT_COVERAGE = 0.75
"""The share of the quotation's words that makes it an excerpt of a statement, however little
of the statement it gives."""
CANDIDATES = 10


@dataclass(frozen=True)
class Match:
    """One stored statement as a source of the quotation."""

    statement: StatementRow
    wording: str
    """The stored report the quotation is closest to."""
    alignment: Alignment
    """The quotation's words (ours) against that report's (theirs)."""
    score: float
    speaker_matches: bool | None
    """Whether the speaker given matches the statement's; None when none was given."""

    def to_dict(self) -> dict[str, object]:
        return {
            "statement": self.statement.to_dict(),
            "wording": self.wording,
            "score": round(self.score, 4),
            "coverage": round(self.alignment.coverage, 4),
            "speaker_matches": self.speaker_matches,
            "diff": [p.to_dict() for p in self.alignment.pieces],
        }


@dataclass(frozen=True)
class CheckResult:
    """What :func:`check` found."""

    text: str
    speaker: str | None
    verdict: Verdict
    reason: str
    matches: tuple[Match, ...]
    """The closest statements, best first (the best one is what the verdict is about)."""
    first: QuoteHit | None
    """The best statement's first report (earliest date): article, source, date, evidence."""

    @property
    def best(self) -> Match | None:
        return self.matches[0] if self.matches and self.verdict != "not found" else None

    @property
    def diff(self) -> tuple[Piece, ...]:
        return self.best.alignment.pieces if self.best else ()

    def to_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "speaker": self.speaker,
            "verdict": self.verdict,
            "reason": self.reason,
            "best": self.best.to_dict() if self.best else None,
            "matches": [m.to_dict() for m in self.matches],
            "first": self.first.to_dict() if self.first else None,
        }


def speaker_matches(store: Store, given: str, statement: StatementRow) -> bool:
    """Whether ``given`` names the statement's speaker: the same folded name, one name's words
    all within the other's ("Peskov", "Dmitry Peskov"), or a spelling merged into its person."""
    key = name_key(given)
    if key is None:
        return False
    theirs = statement.speaker_key
    if not theirs:
        return False
    if key == theirs or set(key.split()) <= set(theirs.split()) or set(theirs.split()) <= set(key.split()):
        return True
    if statement.person_id is None:
        return False
    return store.find_person(given, statement.speaker_type) == statement.person_id


def _found(al: Alignment) -> bool:
    """Whether the aligned statement is a source of the quotation, not a sentence that happens
    to share some of its words."""
    if al.same:
        return True
    need = min(4, al.ours_len)
    if al.matched < need or al.coverage < MIN_COVERAGE or al.longest < min(3, al.ours_len):
        return False
    if al.coverage >= EXCERPT_COVERAGE:
        return True  # an excerpt, at most a word in four not the statement's
    # Between 60% and 75% of the quotation, coverage alone cannot tell "the statement reworded"
    # from "another sentence sharing a phrase with a longer one" ("World number one Lindsay
    # Davenport and ..."). The statement's side tells them apart: a reworded report, or one
    # giving the statement with words around it, still gives most of the statement's words;
    # a shared phrase is a small part of it.
    return al.matched >= MIN_COVERAGE * al.theirs_len


def _words_verdict(al: Alignment) -> tuple[Verdict, str]:
    if al.same:
        return "exact", "the same words as a stored report"
    if al.added == 0 and not al.dropped_negation:
        return "trimmed", f"{al.dropped} word(s) of the stored report left out, none added"
    if al.added == 0:
        return "altered", "a negation of the stored report left out"
    return "altered", f"{al.added} word(s) added or changed, {al.dropped} left out"


def check(store: Store, text: str, *, speaker: str | None = None, limit: int = 5) -> CheckResult:
    """Check ``text`` (a quotation as circulated) against the store; ``speaker`` is the name it
    circulates under, if any."""
    text = (text or "").strip()
    if not text:
        raise QueryError("text: give the quotation to check")
    if len(text) > MAX_TEXT * 4:
        raise QueryError(f"text: longer than {MAX_TEXT * 4} characters")
    if "\x00" in text or (speaker and "\x00" in speaker):
        raise QueryError("text: contains a NUL character")
    speaker = speaker.strip() if speaker and speaker.strip() else None
    ours, ours_shown = words(text), shown_words(text)
    if not ours:
        raise QueryError("text: holds no words")
    matches: list[Match] = []
    for cand in store.statement_candidates(text, limit=CANDIDATES):
        best: tuple[float, str, Alignment] | None = None
        for wording in cand.texts:
            theirs = words(wording)
            if not theirs:
                continue
            al = align(ours, theirs, ours_shown, shown_words(wording))
            # Most of our words found, then the fewest of theirs left over.
            score = al.coverage + 0.1 * (al.matched / len(theirs))
            if best is None or score > best[0]:
                best = (score, wording, al)
        if best is None:
            continue
        agrees = speaker_matches(store, speaker, cand.statement) if speaker is not None else None
        matches.append(Match(cand.statement, best[1], best[2], best[0], agrees))
    # A statement that is a source comes before one that is not (a near miss with more chance
    # words in common must not hide the source behind it); then the most of the quotation's
    # words given; then an exact copy of a report, the surest sign of where the words come
    # from (a speaker quoting someone else's words is reported saying them, inside more).
    # Among the rest, the speaker given's own statement is the source: that someone else is
    # also reported saying these words, in a statement the quotation trims less, does not make
    # them misattributed. Then the fewest of the statement's words left over, the most reported.
    matches.sort(
        key=lambda m: (
            not _found(m.alignment),
            -round(m.alignment.coverage, 6),
            not m.alignment.same,
            m.speaker_matches is False,
            -round(m.score, 6),
            -m.statement.report_count,
            m.statement.id,
        )
    )
    matches = matches[: max(1, int(limit))]
    if not matches or not _found(matches[0].alignment):
        return CheckResult(text, speaker, "not found", "no stored statement gives these words", tuple(matches), None)
    top = matches[0]
    verdict, reason = _words_verdict(top.alignment)
    if top.speaker_matches is False:
        stored = top.statement.speaker_name or "an unnamed speaker"
        verdict, reason = "misattributed", f"the words are {stored}'s ({verdict}), not {speaker}'s"
    reports = store.statement_reports(top.statement.id, limit=1)
    return CheckResult(text, speaker, verdict, reason, tuple(matches), reports[0] if reports else None)
