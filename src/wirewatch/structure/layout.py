"""Layout of a plain-text news page: which lines are the article, and what each one is.

:func:`analyse_structure` splits the text into paragraphs (one per non-blank line, or one per
hard-wrapped block) and labels each ``headline``, ``lead``, ``body``, ``subheading`` or
``set_aside``, finds the byline and the dateline, and flags paragraphs that were cut off.
Everything is reported as offsets into the text, which is never changed.

The method is a small set of shape rules, no model:

1. **Paragraphs.** Each non-blank line is a paragraph, except where lines continue one another
   (no blank line between): a line without sentence punctuation followed by a line starting in
   lower case is one sentence; and inside a hard-wrapped block (no line longer than 100
   characters, some line starting in lower case) a line at least 70% of the block's width that
   ends without sentence punctuation (or is followed by a lower-case line) runs on into the next,
   the classic reflow rule for text wrapped at a fixed width.
2. **Junk.** A line is ``set_aside`` when it matches a lexicon of page furniture ("All news",
   "Share", "Read more", "Advertisement", "Related:", "Photo: ...", cookie and copyright
   notices), is a breadcrumb ("Home > World > Europe"), a bare timestamp, a URL, or holds no
   letters at all.
3. **Body start.** The first paragraph opening with a dateline starts the body (looked for only
   until two long or three short prose paragraphs have passed); without one, the first paragraph
   that reads as prose (ends with sentence punctuation and has 8+ words, or has 30+ words),
   except a Title Case first line ("Visa Program Up for Renewal.").
4. **Headline.** The first non-junk line before the body with 3-25 words, an upper-case start and
   no final full stop; failing that, the first such line whatever its ending. Bylines ("By Jane
   Smith, Reuters", "Jane Smith | AP") above the body are ``set_aside`` and reported as the
   byline. Other lines of 5+ words between the headline and the body are the ``lead``
   (standfirst); everything above the headline is ``set_aside``.
5. **After the body starts.** Paragraphs after the last prose-like one are trailing furniture
   (related-story headlines, share bars) and ``set_aside``; so are short lines after a marker
   such as "Related stories". A short line (up to 8 words, no final punctuation except "?")
   between body paragraphs is a ``subheading``, unless a colon above introduces it as a list item.
6. **Truncation.** A body paragraph of 12+ words that ends without sentence punctuation, on a
   lower-case alphabetic word, with no reporting verb ("said", "told", ...) among its last five
   words, was cut off by the scraper: "... for the so-called Syrian armed oppositio" is flagged,
   "... but the talks are difficult now, Peskov said" is not. A cut inside a capitalised word
   ("... the region of Emilia-Romag") cannot be told from a missing full stop and is not flagged.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date

from wirewatch.config import Settings
from wirewatch.models import Dateline, Paragraph, ParagraphKind, Span, Structure
from wirewatch.structure.byline import find_byline
from wirewatch.structure.byline import is_byline_line as _is_byline
from wirewatch.structure.dateline import DatelineResult, find_dateline
from wirewatch.structure.titles import same_headline, title_key
from wirewatch.wordcount import count_words

logger = logging.getLogger(__name__)

__all__ = ["analyse_structure"]


def _lexicon(spec: str, sep: str | None = None) -> frozenset[str]:
    """A word list written as one string (easier to read and extend than a literal of quotes)."""
    return frozenset(w.strip() for w in spec.split(sep) if w.strip())


# ----------------------------------------------------------------------------------------------
# Lexicons. Lower case; matched against the line with digits, punctuation and symbols removed.

_JUNK_EXACT = _lexicon(
    """
    all news|news|latest news|top news|top stories|breaking news|more news|home|homepage|menu|search
    |share|share this|share this article|share on facebook|share on twitter|share on x|tweet|email
    |e-mail|print|copy link|link copied|whatsapp|facebook|twitter|linkedin|telegram|reddit|x
    |read more|read also|also read|see also|more|show more|load more|continue reading|read full story
    |subscribe|subscribe now|sign in|sign up|log in|login|register|my account|newsletter|newsletters
    |advertisement|advertising|ad|sponsored|sponsored content|promoted|partner content
    |follow us|follow|related|related stories|related articles|related news|related content
    |related topics|more on this topic|more on this story|more stories|you may also like
    |you might also like|recommended|recommended for you|most read|most popular|most viewed|trending
    |editors picks|next article|previous article|next|previous|back to top|skip to content
    |skip to main content|close|open|comments|comment|leave a comment|view comments|min read
    |listen|listen to this article|loading|video|photo|photos|gallery|watch|tags|topics|live
    |accept|accept all|reject all|manage cookies|cookie settings|privacy policy|terms of use|contact us
    |about us|world|politics|business|economy|sport|sports|opinion|culture|science|tech|technology
    |health|lifestyle|entertainment|military|society|abstract|full text|correction appended
    """,
    "|",
)
#: Breadcrumb roots: "Home > ..." / "News | ..." start a navigation trail.
_NAV_ROOTS = frozenset({"home", "homepage", "news", "all news", "main", "start"})
_JUNK_PREFIXES = (
    "related:", "read more:", "read also:", "also read:", "see also:", "more:", "photo:", "photos:",
    "photo by", "photograph:", "image:", "images:", "picture:", "video:", "watch:", "source:",
    "credit:", "caption:", "tags:", "topics:", "filed under", "follow us", "follow tass",
    "subscribe to", "sign up for", "sign up to", "share on", "share this", "copyright", "©", "(c)",
    "click here", "reporting by", "additional reporting", "editing by", "writing by", "compiled by",
    "(reporting by", "(editing by", "(writing by", "(additional reporting", "(photo", "[photo",
    "we use cookies", "this website uses cookies", "this site uses cookies", "by continuing to",
    "by using this", "advertisement", "all rights reserved", "you can unsubscribe", "get the latest",
    "download the app", "more from", "more in", "more news from", "explore more", "sponsored by",
    "http://", "https://", "www.",
)  # fmt: skip
_JUNK_CONTAINS = ("all rights reserved", "privacy policy", "terms of use", "terms of service")
# A line that is a "cookie" notice names cookies and a reason or an action.
_COOKIE_WORDS = ("accept", "consent", "policy", "settings", "we use", "uses cookies", "browsing")

#: Lines after which the rest of the page is other stories until prose starts again.
_TAIL_MARKERS = frozenset(
    {
        "related", "related stories", "related articles", "related news", "related content",
        "related topics", "more on this topic", "more on this story", "more stories", "more news",
        "you may also like", "you might also like", "recommended", "recommended for you",
        "most read", "most popular", "most viewed", "trending", "top stories", "latest news",
        "read more", "read also", "also read", "see also", "editors picks", "more from",
    }
)  # fmt: skip

# Verb forms only: plural nouns that double as verbs ("claims", "reports", "notes") are left out,
# since "... to file their claims at the" is a cut sentence, not an attribution.
_REPORTING_VERBS = _lexicon(
    """said says say added adds told tells noted stressed emphasized emphasised emphasizes
    emphasises explained explains stated warned warns claimed insisted insists argued argues asked
    replied answered reported announced confirmed confirms wrote writes tweeted posted continued
    concluded recalled underlined underscored acknowledged admitted denied suggested according
    commented remarked observed declared maintained"""
)

_DATE_WORDS = _lexicon(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday mon tue tues wed thu thur thurs fri sat sun am pm a m p gmt utc msk est edt
    cet cest bst pst pdt cst cdt et updated published posted last modified first on at h min mins
    ago hour hours minute minutes day days yesterday today st nd rd th"""
)

#: Words a Title Case headline leaves in lower case.
_TITLE_MINOR_WORDS = _lexicon(
    """a an the and but or nor for so yet as at by in of off on per to up via vs with from into
    onto over than amid"""
)

# A full stop, "!" or "?" followed by a space and a capital: a second sentence begins.
_INNER_SENTENCE_END_RE = re.compile(r"[.!?][\"”’']?\s+[A-Z]")
# with the full stops and question marks of Chinese and Japanese, Arabic and the Indic scripts
_CJK_FULL_STOPS = ("。", "！", "？")
_SENTENCE_END = (".", "!", "?", '"', "”", "'", "’", ")", ":", "…", "»", "。", "！", "？", "」", "』", "؟", "।")
_BREAK_RE = re.compile(r"\r\n|[\n\r\u2028\u2029\x85\x0b\x0c]")
_LINE_RE = re.compile(r"[^\n\r\u2028\u2029\x85\x0b\x0c]+")
_WORD_RE = re.compile(r"[^\W_](?:[\w'’.\-]*\w)?")
_LETTERS_RE = re.compile(r"[^\W\d_]")
_BREADCRUMB_SPLIT = re.compile(r"\s*[>»›|•·]\s*")
_NORMALISE_RE = re.compile(r"[^a-z\s\-]+")
_WRAP_MAX_WIDTH = 100  # wider lines are one-line paragraphs, not hard-wrapped text
_WRAP_MIN_FILL = 0.7  # a wrapped line fills at least this share of the block's width
_DATELINE_WINDOW = 15  # datelines open the story: look only among the first paragraphs
_SUBHEADING_MAX_WORDS = 8
_TRUNCATED_MIN_WORDS = 12
_HEADLINE_WORDS = (3, 25)
#: How many paragraphs from the top a known title (metadata) is looked for in.
_TITLE_WINDOW = 6


@dataclass(frozen=True)
class _Unit:
    """One paragraph being classified: its span and stripped text."""

    start: int
    end: int
    text: str

    @property
    def words(self) -> list[str]:
        return _WORD_RE.findall(self.text)


def analyse_structure(
    text: str,
    published: date | None,
    settings: Settings,
    title: str | None = None,
    *,
    author: str | None = None,
    site: str | None = None,
    extracted: bool = False,
) -> Structure:
    """Split plain-text ``text`` into labelled paragraphs and find headline, byline and dateline.

    ``published`` fixes the year of a dateline that states none. ``title`` is a headline known
    from the source's metadata (an HTML page's title, a feed entry's): the paragraph near the top
    that reads the same is the headline, whatever its shape, and the body starts after it; when
    no paragraph matches, the shape rules decide as without it. ``settings`` is accepted for the
    stage signature; no setting changes this stage yet. The text is never modified: every part
    is a span over it.

    ``author`` and ``site`` are what the page's metadata says (the byline's names when the text
    has no byline line; the site is never taken for an author). ``extracted`` says an extractor
    (the HTML reader) has already cut the page down to its main text: then only strong evidence
    sets a paragraph aside (furniture the lexicon names, a byline, a timestamp, the lines under
    a "Related stories" marker), never its place on the page, since the reader has already
    dropped what surrounds the article and what it kept is the article's own.
    """
    del settings  # the uniform stage signature; nothing here is tunable yet
    units = _paragraph_units(text)
    n = len(units)
    junk = [_is_junk(u.text) or _is_timestamp(u.text) for u in units]
    title_index = _title_paragraph(units, title)
    if title_index is not None:
        junk[title_index] = False  # a known title is never furniture, whatever the lexicon says
    kinds: list[ParagraphKind] = ["set_aside"] * n
    truncated = [False] * n
    warnings: list[str] = []

    # 1. The dateline marks where the story proper begins.
    body_start, dateline_found = _find_dateline_paragraph(text, units, junk, published)
    lead_with_dateline: int | None = None
    if body_start is not None and dateline_found is not None:
        # A standfirst that carries its own dateline: the next paragraph also opens with one.
        nxt = _next_index(junk, body_start)
        if nxt is not None and len(units[body_start].words) <= 40:
            again = find_dateline(text, units[nxt].start, published)
            if again is not None:
                lead_with_dateline, body_start, dateline_found = body_start, nxt, again
    if body_start is None:
        first_real = next((i for i in range(n) if not junk[i]), None)
        body_start = next(
            (
                i
                for i in range(n)
                if not junk[i]
                and _is_prose(units[i].text)
                # A Title Case first line with a full stop is still a headline, not prose; so is a
                # short one-sentence first line above longer prose (feeds and exports often end
                # every title with a full stop).
                and not (i == first_real and (_is_title_case(units[i].text) or _is_title_sentence(units, junk, i)))
            ),
            None,
        )

    if title_index is not None and (body_start is None or body_start <= title_index):
        # The metadata title opens the text: the body is what follows it, never the title itself.
        body_start = _next_index(junk, title_index)
        if body_start is not None and dateline_found is None:
            dateline_found = find_dateline(text, units[body_start].start, published)

    # 2. Headline, byline and lead above the body.
    limit = body_start if body_start is not None else n
    candidates = [i for i in range(limit) if not junk[i] and i != lead_with_dateline and not _is_byline(units[i].text)]
    # Strict shape first; failing that, the first line above the body even with a final full
    # stop (some feeds append one to every title).
    headline_index = title_index
    if headline_index is None:
        headline_index = next((i for i in candidates if _looks_like_headline(units[i].text)), None)
    if headline_index is None:
        headline_index = next((i for i in candidates if _looks_like_headline(units[i].text, loose=True)), None)
    top = [i for i in range(limit) if not junk[i] and i != headline_index]
    byline = find_byline(
        text, [(units[i].start, units[i].end) for i in top], [_is_byline(units[i].text) for i in top], author, site
    )
    for i in range(limit):
        u = units[i]
        if junk[i] or (byline is not None and byline.start == u.start):
            continue  # a byline line stays set aside: it names the writers, it is not the story
        if i == headline_index:
            kinds[i] = "headline"
        elif i == lead_with_dateline or (headline_index is not None and i > headline_index and len(u.words) >= 5):
            kinds[i] = "lead"
        elif extracted:
            kinds[i] = "body"  # a short line the reader kept above the story: a kicker, a caption
    if body_start is None:
        # No prose at all: whatever follows the headline (or the first real line) is the body.
        first = headline_index + 1 if headline_index is not None else 0
        body_start = next((i for i in range(first, n) if not junk[i] and kinds[i] != "lead"), n)
        for i in range(body_start, n):
            if kinds[i] == "lead":
                kinds[i] = "set_aside"

    # 3. The body, its subheadings, and the furniture after it.
    _classify_body(units, junk, body_start, kinds, truncated, extracted)

    headline = None
    if headline_index is not None:
        u = units[headline_index]
        headline = Span(u.text, u.start, u.end)
    dateline: Dateline | None = None
    if dateline_found is not None:
        dateline = dateline_found.dateline
        warnings.extend(dateline_found.warnings)
    paragraphs = tuple(Paragraph(u.start, u.end, kinds[i], truncated[i]) for i, u in enumerate(units))
    return Structure(
        headline=headline,
        byline=byline,
        dateline=dateline,
        paragraphs=paragraphs,
        warnings=tuple(warnings),
    )


def _title_paragraph(units: list[_Unit], title: str | None) -> int | None:
    """Index of the paragraph among the first few that reads as ``title`` (case, punctuation and
    spaces aside; letters of any script count, so a Russian or Arabic title is found too)."""
    if not title or not title.strip():
        return None
    wanted = title_key(title)
    if not wanted:
        return None
    window = units[:_TITLE_WINDOW]
    for i, u in enumerate(window):
        if title_key(u.text) == wanted:
            return i
    # The same headline with or without the site's name ("Pier reopens - Example News").
    return next((i for i, u in enumerate(window) if same_headline(title, u.text)), None)


def _find_dateline_paragraph(
    text: str, units: list[_Unit], junk: list[bool], published: date | None
) -> tuple[int | None, DatelineResult | None]:
    """The first paragraph near the top that opens with a dateline, and the dateline.

    The search stops once the story is plainly under way (two prose paragraphs of 25+ words, or
    three shorter ones: a headline, a standfirst or an abstract may read as sentences), since a
    dateline never comes after the body has begun.
    """
    prose_seen = long_seen = 0
    for i in range(min(len(units), _DATELINE_WINDOW)):
        if junk[i]:
            continue
        found = find_dateline(text, units[i].start, published)
        if found is not None:
            return i, found
        if _is_prose(units[i].text):
            prose_seen += 1
            long_seen += len(units[i].words) >= 25
            if prose_seen >= 3 or long_seen >= 2:
                break
    return None, None


def _classify_body(
    units: list[_Unit],
    junk: list[bool],
    body_start: int,
    kinds: list[ParagraphKind],
    truncated: list[bool],
    extracted: bool = False,
) -> None:
    """Label paragraphs from ``body_start`` on (in place): body, subheading or set_aside.

    On ``extracted`` text the rule that drops everything after the last prose-like paragraph is
    off: the reader has cut the page's tail already, and what it kept (a list, a table, a tweet,
    a closing credit) is the article's.
    """
    n = len(units)
    if body_start >= n:
        return
    bodyish = [not junk[i] and _is_bodyish(units[i].text) for i in range(n)]
    # Whatever follows the last prose-like paragraph is page furniture, not article.
    last_body = n if extracted else max((i for i in range(body_start, n) if bodyish[i]), default=body_start)
    after_marker = False
    for i in range(body_start, n):
        u = units[i]
        if junk[i]:
            kinds[i] = "set_aside"
            if _normalise(u.text) in _TAIL_MARKERS:
                after_marker = True
            continue
        if i == body_start or bodyish[i]:
            if after_marker and not _is_prose(u.text):
                kinds[i] = "set_aside"
                continue
            after_marker = False
            kinds[i] = "body"
            truncated[i] = _is_cut(u.text)
        elif i > last_body or after_marker:
            kinds[i] = "set_aside"
        elif _is_subheading(u.text) and not _introduces_list(units, junk, i):
            kinds[i] = "subheading"
        else:
            kinds[i] = "body"


# ----------------------------------------------------------------------------------------------
# Paragraph splitting


def _paragraph_units(text: str) -> list[_Unit]:
    """Non-blank lines as stripped spans, with hard-wrapped lines joined into paragraphs."""
    lines: list[tuple[int, int]] = []
    blank_before: list[bool] = []
    prev_end = 0
    for m in _LINE_RE.finditer(text):
        raw = m.group(0)
        stripped = raw.strip()
        if not stripped:
            continue
        start = m.start() + (len(raw) - len(raw.lstrip()))
        end = start + len(stripped)
        blank_before.append(len(_BREAK_RE.findall(text, prev_end, start)) >= 2)
        lines.append((start, end))
        prev_end = end
    # Blocks: runs of lines with no blank line between them.
    blocks: list[list[tuple[int, int]]] = []
    for line, blank in zip(lines, blank_before, strict=True):
        if blank or not blocks:
            blocks.append([line])
        else:
            blocks[-1].append(line)
    units: list[_Unit] = []
    for block in blocks:
        for start, end in _join_wrapped(text, block):
            units.append(_Unit(start, end, text[start:end]))
    return units


def _join_wrapped(text: str, block: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join the lines of a block that continue one another into paragraphs.

    Two rules: a line with no sentence punctuation followed by a line that starts in lower case
    is one sentence broken in two (ragged breaks left by HTML conversion); and in a hard-wrapped
    block, a line that fills the block's width runs on into the next.
    """
    if len(block) < 2:
        return block
    width = max(end - start for start, end in block)
    # Wrapped prose shows itself by a line that continues a sentence in lower case; a list of
    # related headlines or navigation links never does.
    hard_wrapped = 50 <= width <= _WRAP_MAX_WIDTH and any(text[start : start + 1].islower() for start, _ in block[1:])
    out: list[tuple[int, int]] = [block[0]]
    prev_start, prev_end = block[0]  # the last physical line of the paragraph being built
    for start, end in block[1:]:
        prev = text[prev_start:prev_end]
        nxt = text[start:end]
        open_sentence = not prev.endswith(_SENTENCE_END)
        continues = (open_sentence and nxt[:1].islower()) or (
            hard_wrapped and len(prev) >= _WRAP_MIN_FILL * width and (open_sentence or nxt[:1].islower())
        )
        # A dateline, a byline or furniture never continues the line above it.
        if continues and (
            _is_junk(prev) or _is_junk(nxt) or _is_byline(nxt) or find_dateline(text, start, None) is not None
        ):
            continues = False
        if continues:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
        prev_start, prev_end = start, end
    return out


def _introduces_list(units: list[_Unit], junk: list[bool], i: int) -> bool:
    """Whether a colon introduces the short lines around ``i`` ("... three things:"): list items."""
    for j in range(i - 1, -1, -1):
        if junk[j]:
            continue
        if units[j].text.endswith(":"):
            return True
        if not _is_subheading(units[j].text):  # items above i are skipped, anything else ends it
            return False
    return False


def _next_index(junk: list[bool], i: int) -> int | None:
    return next((j for j in range(i + 1, len(junk)) if not junk[j]), None)


# ----------------------------------------------------------------------------------------------
# Line shapes


def _normalise(line: str) -> str:
    """Lower case, letters and spaces only: ``"Comments (12)"`` -> ``"comments"``."""
    return " ".join(_NORMALISE_RE.sub(" ", line.lower()).split()).strip("- ")


def _is_junk(line: str) -> bool:
    """Page furniture: navigation, share bars, notices, captions, breadcrumbs, symbol rows."""
    if not _LETTERS_RE.search(line):
        return True
    low = line.lower().strip()
    norm = _normalise(line)
    if norm in _JUNK_EXACT or low.startswith(_JUNK_PREFIXES):
        return True
    if any(phrase in low for phrase in _JUNK_CONTAINS):
        return True
    if "cookie" in low and any(w in low for w in _COOKIE_WORDS):
        return True
    if "@" in line and len(line.split()) == 1:  # a bare e-mail address
        return True
    if line.startswith("|") and line.rstrip().endswith("|"):
        return False  # a table row ("| 1 | Kyle Busch | 5040 |"), as the HTML reader writes tables
    parts = [p for p in _BREADCRUMB_SPLIT.split(line) if p.strip()]
    if len(parts) >= 2 and all(count_words(p) <= 4 for p in parts) and not line.rstrip().endswith(_CJK_FULL_STOPS):
        # "Home > World > Europe", "News | Politics": short segments joined by separators (not a
        # Chinese sentence whose names have a middle dot: "唐纳德·特朗普").
        return len(parts) >= 3 or _normalise(parts[0]) in _NAV_ROOTS or _normalise(parts[0]) in _JUNK_EXACT
    return False


def _is_timestamp(line: str) -> bool:
    """A line that is only a date and time ("December 9, 2016, 14:32 UTC", "Updated 2 hours ago")."""
    # Letters of any script: a Cyrillic or Japanese paragraph with a few digits in it is no timestamp.
    tokens = re.findall(r"[^\W\d_]+|\d+", line)
    if not tokens or len(tokens) > 12:
        return False
    has_date = any(t.isdigit() or t.lower() in _DATE_WORDS for t in tokens)
    return has_date and all(t.isdigit() or t.lower() in _DATE_WORDS for t in tokens)


def _ends_sentence(line: str) -> bool:
    return line.rstrip().endswith(_SENTENCE_END)


def _is_prose(line: str) -> bool:
    """Reads as article prose: a sentence of 8+ words, or a long block of 30+ words."""
    n = len(_WORD_RE.findall(line))
    return (n >= 8 and _ends_sentence(line)) or n >= 30


def _is_bodyish(line: str) -> bool:
    """Body text, even when cut off or ending in an attribution without a full stop."""
    words = _WORD_RE.findall(line)
    if (len(words) >= 6 and _ends_sentence(line)) or len(words) > _HEADLINE_WORDS[1]:
        return True
    return _is_cut(line) or (len(words) >= 8 and _ends_with_reporting_verb(words))


def _ends_with_reporting_verb(words: list[str]) -> bool:
    return any(w.lower() in _REPORTING_VERBS for w in words[-5:])


def _is_cut(line: str) -> bool:
    """A long paragraph that stops mid-sentence or mid-word (see the module docstring, rule 6)."""
    if _ends_sentence(line):
        return False
    words = _WORD_RE.findall(line)
    if len(words) < _TRUNCATED_MIN_WORDS:
        return False
    last = line.rstrip().split()[-1]
    if not (last.isalpha() and last.islower()):
        return False
    return not _ends_with_reporting_verb(words)


def _first_letter_upper(line: str) -> bool:
    m = _LETTERS_RE.search(line)
    return bool(m and m.group(0).isupper())


def _looks_like_headline(line: str, loose: bool = False) -> bool:
    """3-25 words, upper-case start, no final full stop, colon or comma (``loose``: any end)."""
    words = _WORD_RE.findall(line)
    lo, hi = _HEADLINE_WORDS
    if not lo <= len(words) <= hi or len(line) > 250:
        return False
    ending = line.rstrip()
    if not loose and ending.endswith((".", ":", ",", ";")) and not ending.endswith("..."):
        return False
    alpha_words = [w for w in words if _LETTERS_RE.search(w)]
    return len(alpha_words) >= 2 and _first_letter_upper(line)


def _is_title_sentence(units: list[_Unit], junk: list[bool], i: int) -> bool:
    """A first line that is one short sentence (up to 16 words) above a paragraph of prose at least
    twice as long: a title with a full stop, not a one-line lede."""
    line = units[i].text
    words = _WORD_RE.findall(line)
    if not 3 <= len(words) <= 16 or _INNER_SENTENCE_END_RE.search(line.rstrip()[:-1]):
        return False
    nxt = _next_index(junk, i)
    if nxt is None:
        return False
    following = units[nxt].text
    return _is_prose(following) and len(_WORD_RE.findall(following)) >= 2 * len(words)


def _is_title_case(line: str) -> bool:
    """Every word but the short function words is capitalised: "Visa Program Up for Renewal"."""
    words = [w for w in _WORD_RE.findall(line) if w[:1].isalpha()]
    lo, hi = _HEADLINE_WORDS
    if not lo <= len(words) <= hi:
        return False
    return all(w[:1].isupper() or w.lower() in _TITLE_MINOR_WORDS for w in words)


def _is_subheading(line: str) -> bool:
    """A short title between body paragraphs: up to 8 words, no final punctuation but "?"."""
    words = _WORD_RE.findall(line)
    if not 1 <= len(words) <= _SUBHEADING_MAX_WORDS or len(line) > 80:
        return False
    stripped = line.rstrip()
    if stripped.endswith(_SENTENCE_END) and not stripped.endswith("?"):
        return False
    return _first_letter_upper(line)
