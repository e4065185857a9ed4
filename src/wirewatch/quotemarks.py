"""Quotation-mark spans: where direct speech starts and ends.

Pairs opening and closing double quotation marks (straight ``"`` and curly ``“ ”``, guillemets
``« »``, low ``„``) within a paragraph. Single quotes are never top-level quote marks here, because
in English news ``'`` and ``’`` are mostly apostrophes ("countries' aircraft", "Russia’s").

News convention: a quotation that runs over several paragraphs opens each paragraph with a mark
and closes only at its end, so an unclosed mark runs to the end of its paragraph and is flagged
``open_ended``.
"""

from __future__ import annotations

from dataclasses import dataclass

OPENERS = {"\u201c": "\u201d", "\u201e": "\u201d", "\u00ab": "\u00bb"}
CLOSERS = {"\u201d", "\u00bb"}
STRAIGHT = '"'
# Some archives (the NYT's among them) type a double quotation mark as two apostrophes.
DOUBLE_APOSTROPHE = "''"


@dataclass(frozen=True)
class QuoteSpan:
    """Characters from the opening mark to the closing mark, both included."""

    start: int
    end: int
    open_ended: bool = False
    mark: int = 1  # width of each mark: 2 for the typewriter double apostrophe ''like this''
    # opened by a mark that reopens a quotation left unclosed before it ('... portfolio. "Our ...'):
    # more of that quotation
    continues: bool = False

    def inner(self, text: str) -> tuple[int, int]:
        """The span without the marks and surrounding whitespace."""
        s, e = self.start + self.mark, self.end - (0 if self.open_ended else self.mark)
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        return s, e


def _straight_is_opener(text: str, i: int, lo: int) -> bool:
    """A straight mark opens when it follows a space/start/bracket/dash, closes otherwise."""
    prev = text[i - 1] if i > lo else " "
    return prev.isspace() or prev in "([{—–-:;/" or i == lo


def _reopens(text: str, i: int, lo: int, hi: int) -> bool:
    """Whether the straight mark at ``i``, inside an open straight quotation, opens a new stretch.

    It does when it stands between a sentence's end and a word: '... portfolio. "Our ...'. A mark
    after a word ('growth."'), or with a space after it ('happen, " he said'), closes.
    """
    if i + 1 >= hi or not (text[i + 1].isalnum() or text[i + 1] in "'\u2018["):
        return False
    j = i
    while j > lo and text[j - 1].isspace():
        j -= 1
    if j == i:
        return False  # no space before the mark
    while j > lo and text[j - 1] in "'\u2019)]":
        j -= 1  # "... 'performance' themselves. ": an inner quotation or a bracket ends the sentence
    return j > lo and text[j - 1] in ".?!\u2026"


def _mixed_mark(text: str, i: int, lo: int, hi: int, closer: str | None) -> str | None:
    """Whether ``text[i]`` is a mark of the other style than the open quotation's ("open", "close").

    Archives mix straight and curly marks in one quotation ('“I won’t," she said'); a mark of the
    other style that opens a word starts a quotation inside this one, and one after a word ends
    whichever is open.
    """
    ch = text[i]
    if closer == STRAIGHT and ch in OPENERS:
        return "open"
    if closer == STRAIGHT and ch in CLOSERS:
        return None if i + 1 < hi and text[i + 1].isalnum() else "close"
    if closer is not None and closer != STRAIGHT and closer != DOUBLE_APOSTROPHE and ch == STRAIGHT:
        return "open" if _straight_is_opener(text, i, lo) else "close"
    return None


def find_quote_spans(text: str, start: int = 0, end: int | None = None) -> list[QuoteSpan]:
    """Quotation spans inside ``text[start:end]`` (one paragraph). Never raises on unbalanced marks."""
    end = len(text) if end is None else end
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    closer: str | None = None
    nested = False  # a quotation of the other mark style opened inside the current one
    reopened = False  # the open quotation began at a reopening mark
    i = start
    while i < end:
        ch = text[i]
        if text.startswith(DOUBLE_APOSTROPHE, i) and i + 1 < end:
            if open_at is None and _straight_is_opener(text, i, start):
                open_at, closer = i, DOUBLE_APOSTROPHE
            elif open_at is not None and closer == DOUBLE_APOSTROPHE:
                if text.startswith(DOUBLE_APOSTROPHE + "'", i) and i + 2 < end:
                    # a quotation inside the quotation ends with it (''... 'What now?''' he said):
                    # the first apostrophe closes the inner one, the last two the outer one
                    i += 1
                spans.append(QuoteSpan(open_at, i + 2, mark=2))
                open_at, closer, reopened = None, None, False
            i += 2
            continue
        if open_at is None:
            if ch in CLOSERS and _straight_is_opener(text, i, start) and i + 1 < end and text[i + 1].isalnum():
                # a closing mark typed where an opener belongs (”Quote ...”): still an opener
                open_at, closer = i, ch
            elif ch in OPENERS:
                open_at, closer = i, OPENERS[ch]
            elif ch == STRAIGHT and _straight_is_opener(text, i, start):
                open_at, closer = i, STRAIGHT
        else:
            mixed = _mixed_mark(text, i, start, end, closer)
            if closer == STRAIGHT and ch == STRAIGHT and _reopens(text, i, start, end):
                # '"One sentence. "Another."': news style reopens a quotation at each of its
                # paragraphs, and where the paragraphs were run together the mark after a
                # sentence's end starts the next stretch of the same quotation, left unclosed
                e = i
                while e > open_at + 1 and text[e - 1].isspace():
                    e -= 1
                spans.append(QuoteSpan(open_at, e, open_ended=True, continues=reopened))
                open_at, nested, reopened = i, False, True
            elif mixed == "open":
                nested = True
            elif mixed == "close" and nested:
                nested = False  # the inner quotation's own closing mark
            elif (ch == closer) or (closer != STRAIGHT and ch in CLOSERS) or mixed == "close":
                # a mark of the other style closes too: '“I won’t," she said', '"No,” he said'
                spans.append(QuoteSpan(open_at, i + 1, continues=reopened))
                open_at, closer, nested, reopened = None, None, False, False
            elif closer != STRAIGHT and ch in OPENERS:
                # nested or re-opened curly quote: the earlier one never closed
                spans.append(QuoteSpan(open_at, i, open_ended=True, continues=reopened))
                open_at, closer, reopened = i, OPENERS[ch], True
        i += 1
    if open_at is not None:
        e = end
        while e > open_at + 1 and text[e - 1].isspace():
            e -= 1
        if e > open_at + 1:
            width = 2 if closer == DOUBLE_APOSTROPHE else 1
            spans.append(QuoteSpan(open_at, e, open_ended=True, mark=width, continues=reopened))
    return [s for s in spans if s.end - s.start > 2]


def find_single_quote_spans(text: str, start: int = 0, end: int | None = None) -> list[QuoteSpan]:
    """Curly single-quoted stretches (‘like this’) inside ``text[start:end]``.

    Headlines quote with single marks ("Clinton Calls Plan ‘Crazy’"), so a content made of them is
    quoted speech for its kind. They never open an attribution of their own, since ``’`` is far
    more often an apostrophe: a closer counts only when no letter follows it ("Russia’s" is no
    closing mark), and an opener only at a word start.
    """
    end = len(text) if end is None else end
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    for i in range(start, end):
        ch = text[i]
        if ch == "\u2018" and (i == start or not text[i - 1].isalnum()) and i + 1 < end and not text[i + 1].isspace():
            open_at = i  # a later opener restarts: the earlier one was a stray mark
        elif ch == "\u2019" and open_at is not None and i > open_at + 1:
            if i + 1 < end and text[i + 1].isalpha():
                continue  # "It’s", "Clinton’s": an apostrophe inside a word
            spans.append(QuoteSpan(open_at, i + 1))
            open_at = None
    return spans
