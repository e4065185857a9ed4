"""What a content span holds: how much of it is quoted, whether its quotations are only
names, whether it stands for no content at all, and the quote kind that follows.

These look at character offsets and quotation spans only, never at the parse, so the
candidate generator, the layout patterns and the final assembly share one measure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from wirewatch.models import QuoteKind
from wirewatch.quotemarks import QuoteSpan

# characters allowed between a quotation and the clause that attributes it
GAP_RE = re.compile(r"^[\s,:;—–-]*$")
# lower-case words a title may hold: "Meet the Press", "Keeping Up with the Kardashians"
TITLE_SMALL = frozenset("a an the of and or in on at to for with by from de la".split())
EMPTY_OBJECTS = frozenset(
    "nothing something anything everything it this that so yes no little much more less all one".split()
)


def empty_object(text: str, pieces: Sequence[tuple[int, int]]) -> bool:
    words = [w.strip(".,;:!?\"'“”‘’").casefold() for s, e in pieces for w in text[s:e].split()]
    return not words or (len(words) == 1 and words[0] in EMPTY_OBJECTS)


def overlapping_quotes(quotes: Sequence[QuoteSpan], start: int, end: int) -> list[QuoteSpan]:
    return [q for q in quotes if q.start < end and q.end > start]


def adjacent_quote(text: str, quotes: Sequence[QuoteSpan], clause_start: int, clause_end: int) -> QuoteSpan | None:
    """A quotation right before the attributing clause, or right after it.

    A stretch that continues a quotation ('"A. "B." Mr X agreed') and ends a sentence is done
    before the clause starts: the tag of a quotation in stretches follows a comma or a question
    mark ('"A. "B," he said').
    """
    before = [
        q
        for q in quotes
        if q.end <= clause_start
        and GAP_RE.match(text[q.end : clause_start])
        and not (q.continues and _ends_sentence(text, q))
    ]
    if before:
        return before[-1]
    after = [q for q in quotes if q.start >= clause_end and GAP_RE.match(text[clause_end : q.start])]
    if after:
        return after[0]
    return None


def _ends_sentence(text: str, q: QuoteSpan) -> bool:
    """Whether the quotation's words end in a full stop ('"We are ready."')."""
    s, e = q.inner(text)
    return e > s and text[e - 1] == "."


def quote_kind(text: str, pieces: Sequence[tuple[int, int]], quotes: Sequence[QuoteSpan]) -> QuoteKind:
    """direct when >= 90% of the content's letters lie inside quotation marks, indirect at 0."""
    # the quotations' insides (between the marks), merged where they nest ('"... ‘Yes’ ..."')
    inner: list[list[int]] = []
    for a, b in sorted((q.start + 1, q.end) for q in quotes):
        if inner and a <= inner[-1][1]:
            inner[-1][1] = max(inner[-1][1], b)
        else:
            inner.append([a, b])
    total = inside = 0
    for s, e in pieces:
        total += sum(map(str.isalnum, text[s:e]))
        for a, b in inner:
            lo, hi = max(s, a), min(e, b)
            if lo < hi:
                inside += sum(map(str.isalnum, text[lo:hi]))
    if total == 0 or inside == 0:
        return "indirect"
    return "direct" if inside / total >= 0.9 else "mixed"


def quoted_share(pieces: Sequence[tuple[int, int]], quotes: Sequence[QuoteSpan]) -> float:
    """Share of the pieces' characters that lie inside quotation spans (which never overlap)."""
    total = sum(e - s for s, e in pieces)
    if total <= 0:
        return 0.0
    inside = sum(max(0, min(e, q.end) - max(s, q.start)) for s, e in pieces for q in quotes)
    return min(1.0, inside / total)


def titles_only(text: str, pieces: Sequence[tuple[int, int]], quotes: Sequence[QuoteSpan]) -> bool:
    """Whether every quotation in the content is a short capitalised name ("Meet the Press").

    A quoted title is a name, not quoted speech: "appeared on “Fox and Friends”" is no quote.
    """
    inside = [q for q in quotes if any(q.start < e and q.end > s for s, e in pieces)]
    if not inside:
        return False
    for q in inside:
        words = [w.strip(".,;:!?'’") for w in text[slice(*q.inner(text))].split()]
        words = [w for w in words if w]
        if not words or len(words) > 6 or not all(w[0].isupper() or w.casefold() in TITLE_SMALL for w in words):
            return False
    return True


def whole_words(text: str, pieces: Sequence[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Pieces widened to whole words: the parse may split "e-mails" or "re-registration" at the
    hyphen and start the content at "mails"; the reader's content holds the whole word."""
    out = []
    for start, end in pieces:
        while start > 0 and (
            text[start - 1].isalnum() or (text[start - 1] in "-‐" and start > 1 and text[start - 2].isalnum())
        ):
            start -= 1
        out.append((start, end))
    return tuple(out)
