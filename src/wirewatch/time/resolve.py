"""Find the time expressions in a parsed article and resolve them against the article's date.

Method. Candidates are spaCy's DATE entities (and the TIME entities that name a day, such as
"last night"), united with regular-expression finds for forms the small model misses ("on
Friday", "earlier this month", "Dec. 10"). Each span is widened to take in a leading "on" and a
following time of day ("Sunday morning" means Sunday), then parsed by
:func:`wirewatch.time.expressions.parse_expression`. The value is computed here, from the anchor
(the article's date) and the tense of the clause the expression sits in, because a bare weekday in
news copy means different days in "said on Friday" and "will meet on Friday". Forms the grammar
does not know go to dateparser, which is slow (milliseconds a call), so every resolution is cached.

Values are ISO 8601: ``YYYY-MM-DD`` (day), ``YYYY-MM`` (month), ``YYYY`` (year), ``YYYY-Www``
(ISO week), ``--MM-DD`` (a month-day with no year to give it); where ISO 8601 has no form,
TimeML's: ``YYYY-SU`` (a season: SP, SU, FA, WI), ``19`` (the 20th century), ``PRESENT_REF``
("now", "currently"), ``PAST_REF`` ("in the past", "at the time"), ``FUTURE_REF`` ("in the
future"). :func:`is_calendar_value` tells the values that can date a statement or an event.
``inferred`` is true when a value rests on a guess beyond the anchor: a year chosen for a date far
from the anchor, a weekday's direction with no tense to go by, a day counted from the story's
time line ("the previous day"), or any value computed from an anchor that was itself inferred.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Literal

from spacy.tokens import Doc, Span, Token

from wirewatch.models import DateMention
from wirewatch.parse import doc_text
from wirewatch.time.expressions import FIND_PATTERNS, MONTHS, WEEKDAYS, YEAR_RANGE, TimeExpr, parse_expression

__all__ = ["Tense", "clause_tense", "find_dates", "is_calendar_value", "resolve_expression", "statement_date"]

log = logging.getLogger(__name__)

Tense = Literal["past", "present", "future"]

# A date more than this many days from the anchor is "far": its year was a guess worth flagging.
_FAR_DAYS = 92
# Weekday window for a bare weekday with no past/future cue: news copy means this week's day.
_WEEKDAY_WINDOW = 3

# (value, inferred, used_anchor): used_anchor says the value was computed from the anchor, so that
# an inferred anchor can mark it inferred too.
_Resolution = tuple[str | None, bool, bool]
_NONE: _Resolution = (None, False, False)
_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")

_MONTH_OR_WEEKDAY = re.compile(
    r"\b(?:" + "|".join(list(MONTHS) + list(WEEKDAYS)) + r")\b|\d{4}|\d+[/.-]\d+", re.IGNORECASE
)


# ---------------------------------------------------------------------------------------------
# Calendar helpers
# ---------------------------------------------------------------------------------------------
def _iso_week(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def _month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _shift_months(d: date, months: int) -> tuple[int, int]:
    index = d.year * 12 + (d.month - 1) + months
    return index // 12, index % 12 + 1


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _weekday_date(anchor: date, weekday: int, modifier: str | None, tense: Tense | None) -> tuple[date, bool]:
    """The day a weekday name means, and whether its direction was a guess.

    News convention: "said on Friday" in Friday's paper is that very Friday, so past tense looks
    back from the anchor *inclusive*; "will meet on Friday" looks strictly forward. With no tense
    cue the nearest such day within three days either side is taken (exactly one weekday fits
    that seven-day window); with ``tense=None`` that choice is flagged as a guess, while a parsed
    present tense ("talks take place on Friday") counts as evidence.
    """
    back = (anchor.weekday() - weekday) % 7  # days back to the latest such day, 0 if today
    forward = (weekday - anchor.weekday()) % 7  # days forward to the next such day, 0 if today
    if modifier == "last":
        return anchor - timedelta(days=back or 7), False
    if modifier == "next":
        return anchor + timedelta(days=forward or 7), False
    if modifier == "this":
        return (anchor - timedelta(days=back), False) if tense == "past" else (anchor + timedelta(days=forward), False)
    if tense == "past":
        return anchor - timedelta(days=back), False
    if tense == "future":
        return anchor + timedelta(days=forward or 7), False
    if back <= _WEEKDAY_WINDOW:
        return anchor - timedelta(days=back), tense is None and back != 0
    return anchor + timedelta(days=forward), tense is None


def _nearest_year(anchor: date, month: int, day: int) -> date | None:
    """The month-day in the anchor's year, or a year either side when that is nearer the anchor.

    Nearest-of-three is the "more than six months away, move a year toward the anchor" rule;
    a tie goes to the past because news reports more than it announces.
    """
    candidates = [d for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (d := _safe_date(y, month, day))]
    if not candidates:
        return None
    return min(candidates, key=lambda d: (abs((d - anchor).days), d > anchor))


def _month_year(anchor: date, month: int, modifier: str | None, tense: Tense | None) -> tuple[int, bool]:
    """The year of a bare month name ("in March"), and whether it was a guess."""
    here = anchor.month
    if modifier == "last":
        return (anchor.year if month < here else anchor.year - 1), False
    if modifier == "next":
        return (anchor.year if month > here else anchor.year + 1), False
    if modifier == "this":
        return anchor.year, False
    if tense == "past":
        return (anchor.year if month <= here else anchor.year - 1), False
    if tense == "future":
        return (anchor.year if month >= here else anchor.year + 1), False
    # No tense: the nearest such month (ties to the past); more than a quarter away is a guess.
    options = [
        (abs(y * 12 + month - (anchor.year * 12 + here)), y) for y in (anchor.year - 1, anchor.year, anchor.year + 1)
    ]
    distance, year = min(options)
    return year, distance > 3


# The month each season starts in (northern hemisphere, as TimeML reads them); a winter belongs to
# the year its December is in.
_SEASON_START: dict[str, int] = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def _season_year(anchor: date, season: str, modifier: str | None, tense: Tense | None) -> tuple[int, bool]:
    """The year of "last summer", "this winter", "next spring" or a bare season read on ``anchor``.

    The season in progress (or just begun) is "this"; "last" is the latest one that has ended,
    "next" the first one still to start. A bare season follows the tense (past looks back), and
    without a tense it is this year's, flagged as a guess.
    """
    start = _SEASON_START[season]
    # Months since this year's season started (negative: it has not started yet this year).
    index = anchor.year * 12 + anchor.month - 1
    this_start = (anchor.year - (1 if season == "WI" and anchor.month < 3 else 0)) * 12 + start - 1
    since = index - this_start
    current_year = this_start // 12
    in_progress = 0 <= since < 3
    if modifier == "this":
        return current_year, False
    if modifier == "last" or (modifier is None and tense == "past"):
        ended = since >= 3
        if modifier is None and in_progress:
            return current_year, False
        return (current_year if ended else current_year - 1), False
    if modifier == "next" or (modifier is None and tense == "future"):
        return (current_year if since < 0 else current_year + 1), False
    return current_year, True


# ---------------------------------------------------------------------------------------------
# Resolution
# ---------------------------------------------------------------------------------------------
def _resolve_parsed(expr: TimeExpr, anchor: date | None, tense: Tense | None, base: date | None) -> _Resolution:
    """Give ``expr`` a calendar value. ``base`` is the story's current day for narrative forms."""
    kind = expr.kind
    if kind in ("not_date", "vague"):
        return _NONE
    if kind == "year":
        return (f"{expr.year:04d}", False, False) if expr.year else _NONE
    if kind in ("ref", "century"):
        return expr.label, False, False
    if kind == "season" and expr.year is not None:
        return f"{expr.year:04d}-{expr.label}", False, False
    if kind == "date" and expr.year is not None and expr.month and expr.day:
        d = _safe_date(expr.year, expr.month, expr.day)
        return (d.isoformat(), False, False) if d else _NONE
    if kind == "month" and expr.year is not None and expr.month:
        return _month_value(expr.year, expr.month), False, False

    if anchor is None:
        # Without an anchor only what the text itself states can be given; a month-day keeps its
        # month and day in the ISO 8601 year-less form rather than a silent guess at the year.
        if kind == "date" and expr.month and expr.day:
            return f"--{expr.month:02d}-{expr.day:02d}", False, False
        if kind == "narrative" and base is not None:
            return (base + timedelta(days=expr.offset)).isoformat(), True, False
        return _NONE

    if kind == "offset":
        if expr.unit == "day":
            return (anchor + timedelta(days=expr.offset)).isoformat(), False, True
        if expr.unit == "week":
            return _iso_week(anchor + timedelta(weeks=expr.offset)), False, True
        if expr.unit == "month":
            return _month_value(*_shift_months(anchor, expr.offset)), False, True
        return f"{anchor.year + expr.offset:04d}", False, True
    if kind == "weekday" and expr.weekday is not None:
        day, guessed = _weekday_date(anchor, expr.weekday, expr.modifier, tense)
        return day.isoformat(), guessed, True
    if kind == "weekend":
        if expr.modifier in ("last", "next") or tense == "past":
            saturday = _weekday_date(anchor, 5, expr.modifier, "past")[0]
        elif anchor.weekday() >= 5:
            saturday = anchor - timedelta(days=anchor.weekday() - 5)  # said during the weekend itself
        else:
            saturday = anchor + timedelta(days=5 - anchor.weekday())
        return _iso_week(saturday), tense is None and expr.modifier is None, True
    if kind == "date" and expr.month and expr.day:
        d = _nearest_year(anchor, expr.month, expr.day)
        if d is None:
            return _NONE
        return d.isoformat(), abs((d - anchor).days) > _FAR_DAYS, True
    if kind == "month" and expr.month:
        year, guessed = _month_year(anchor, expr.month, expr.modifier, tense)
        return _month_value(year, expr.month), guessed, True
    if kind == "season" and expr.label:
        year, guessed = _season_year(anchor, expr.label, expr.modifier, tense)
        return f"{year:04d}-{expr.label}", guessed, True
    if kind == "narrative":
        start = base or anchor
        return (start + timedelta(days=expr.offset)).isoformat(), True, base is None
    return _NONE


_PREFER: dict[Tense | None, str] = {
    "past": "past",
    "future": "future",
    "present": "current_period",
    None: "current_period",
}


def _dateparser_fallback(expr: str, anchor: date | None, tense: Tense | None) -> _Resolution:
    """Ask dateparser about a form the grammar does not know; only date-looking text is sent.

    dateparser reads almost anything as a date ("10" becomes the 10th of this month), so it gets
    only expressions with a month, weekday, four-digit year or a numeric date in them. Languages
    are fixed to English so it never runs language detection (which could fetch a model).
    Its values are marked inferred unless the text states a year, since the reading is a guess.
    """
    if not _MONTH_OR_WEEKDAY.search(expr):
        return _NONE
    has_year = re.search(r"\b(?:1[89]|20)\d\d\b", expr) is not None
    if anchor is None and not has_year:
        return _NONE
    from dateparser.date import DateDataParser  # slow import; only paid when needed

    base = anchor or date(2000, 1, 1)  # with no anchor only stated years are kept
    parser = DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": datetime(base.year, base.month, base.day),
            "PREFER_DATES_FROM": _PREFER[tense],
            "PREFER_DAY_OF_MONTH": "first",
            "RETURN_TIME_AS_PERIOD": False,
        },
    )
    try:
        data = parser.get_date_data(expr)
    except (ValueError, OverflowError, TypeError) as exc:  # dateparser raises on odd input
        log.debug("dateparser failed on %r: %s", expr, exc)
        return _NONE
    found = data.date_obj
    if found is None:
        return _NONE
    period = data.period or "day"
    value: str
    if period == "year":
        value = f"{found.year:04d}"
    elif period == "month":
        value = _month_value(found.year, found.month)
    elif period == "week":
        value = _iso_week(found.date())
    else:
        value = found.date().isoformat()
    return value, not has_year, anchor is not None


@lru_cache(maxsize=8192)
def _resolve_cached(expr: str, anchor: date | None, tense: Tense | None, base: date | None) -> _Resolution:
    parsed = parse_expression(expr)
    if parsed is None:
        return _dateparser_fallback(expr, anchor, tense)
    return _resolve_parsed(parsed, anchor, tense, base)


def resolve_expression(expr: str, anchor: date | None, *, tense: Tense | None = None) -> tuple[str | None, bool]:
    """The ISO value of the time expression ``expr`` read on ``anchor``, and whether it was inferred.

    ``tense`` is the tense of the clause the expression governs ("said on Friday" is past); it
    decides which way a bare weekday or month looks. Durations ("three years"), ages
    ("61-year-old") and the modal "may" give ``(None, False)``.

    >>> resolve_expression("on Friday", date(2016, 12, 9), tense="past")
    ('2016-12-09', False)
    >>> resolve_expression("last week", date(2016, 12, 9))
    ('2016-W48', False)
    """
    value, inferred, _ = _resolve_cached(expr, anchor, tense, None)
    return value, inferred


# ---------------------------------------------------------------------------------------------
# Reading the parse: tense and clause attachment
# ---------------------------------------------------------------------------------------------
_FUTURE_AUX = {"will", "shall", "'ll", "wo"}


def _is_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass")


def _governing_verb(token: Token) -> Token | None:
    """The first verb up the head chain from ``token`` (the token itself if it is one)."""
    seen = 0
    while not _is_verb(token):
        if token.head is token or seen > 50:  # the root, or a malformed parse
            return None
        token = token.head
        seen += 1
    return token


def clause_tense(token: Token) -> Tense:
    """The tense of the clause ``token`` sits in, read from its governing verb.

    "will"/"shall" (or "going to") make it future; a past form (VBD/VBN) or a past auxiliary
    ("had", "was", "did") make it past; anything else is present. A bare infinitive ("plans to
    meet") takes no tense of its own and is read as present, i.e. no direction.
    """
    verb = _governing_verb(token)
    if verb is None:
        return "present"
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _FUTURE_AUX for a in auxes):
        return "future"
    if verb.head.lower_ == "going" and any(a.tag_ == "TO" for a in auxes):
        return "future"  # "is going to announce"
    if any(a.tag_ == "TO" for a in auxes):
        return "present"
    if verb.tag_ in ("VBD", "VBN") or any(a.tag_ in ("VBD", "VBN") for a in auxes):
        return "past"
    return "present"


# ---------------------------------------------------------------------------------------------
# Finding mentions
# ---------------------------------------------------------------------------------------------
_TIME_OF_DAY = re.compile(r"\s+(?:morning|afternoon|evening|night)\b", re.IGNORECASE)
_ON_BEFORE = re.compile(r"\b[Oo]n\s+$")
_OTHER_ENTITY_LABELS = {
    "PERSON",
    "ORG",
    "GPE",
    "LOC",
    "FAC",
    "WORK_OF_ART",
    "EVENT",
    "PRODUCT",
    "LAW",
    "NORP",
}
_BARE_AMBIGUOUS_MONTH = {"may", "march"}


# A NER DATE with none of these words is not a calendar expression ("early in the season",
# "the 65"): a time expression names a unit, a calendar name, a number or a "now".
_CALENDAR_WORD = re.compile(
    r"\d|\b(?:" + "|".join(list(MONTHS) + list(WEEKDAYS)) + r")\b|"
    r"\b(?:day|night|week|weekend|month|year|decade|centur|spring|summer|autumn|fall|winter|"
    r"today|tonight|tomorrow|yesterday|now|currently|nowadays|present|past|future|time|"
    r"morning|afternoon|evening|christmas|easter|ramadan|eve|\w+ies|\w+ieth)",
    re.IGNORECASE,
)
_HEDGE_WORDS = {"just", "about", "almost", "nearly", "roughly", "around", "approximately", "only", "barely"}
_DURATION_PREPS = {"for", "over", "within", "during", "throughout"}


def _candidate_spans(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of possible time expressions: NER finds united with regex finds."""
    spans: list[tuple[int, int]] = []
    for ent in doc.ents:
        if ent.label_ == "DATE" or (ent.label_ == "TIME" and parse_expression(ent.text) is not None):
            if re.fullmatch(r"\d{1,2}", ent.text) or not _CALENDAR_WORD.search(ent.text):
                continue  # an age or a count the small model took for a date ("aged 89")
            spans.append(_trim(ent))
    text = doc_text(doc)
    blocked = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in _OTHER_ENTITY_LABELS]
    for pattern in FIND_PATTERNS:
        for m in pattern.finditer(text):
            groups = m.groupdict()
            if "pre" in groups and not (groups["pre"] or groups["mod"] or groups["year"]):
                continue  # a bare month name with no cue that it is one
            start, end = m.start("x"), m.end("x")
            if any(s < end and start < e for s, e in blocked):
                continue  # "USA Today", "Theresa May"
            spans.append((start, end))
    return _merge(spans)


def _trim(ent: Span) -> tuple[int, int]:
    """The entity without trailing punctuation or possessive, a leading hedge ("just six years
    ago": TimeML leaves "just" out) or a leading count cut off by a comma ("40, eight years
    from now", where the model ran an age into the date)."""
    tokens = list(ent)
    while tokens and (tokens[-1].is_punct or tokens[-1].tag_ == "POS"):
        tokens.pop()
    comma = next((i for i, t in enumerate(tokens) if t.text == ","), None)
    if comma is not None and comma > 0 and all(t.like_num for t in tokens[:comma]):
        tokens = tokens[comma + 1 :]
    while len(tokens) > 1 and tokens[0].lower_ in _HEDGE_WORDS:
        tokens.pop(0)
    if not tokens:
        return ent.start_char, ent.end_char
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Unite overlapping spans, so "Friday" (NER) and "Friday morning" (regex) become one."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if start >= end:
            continue
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _widen(text: str, start: int, end: int, parsed: TimeExpr | None) -> tuple[int, int]:
    """Take in a following time of day for a day expression, and a leading "on"."""
    is_day = parsed is not None and parsed.kind in ("weekday", "offset", "date") and parsed.unit in (None, "day")
    if is_day and (m := _TIME_OF_DAY.match(text, end)):
        end = m.end()
    if m := _ON_BEFORE.search(text, max(0, start - 4), start):
        start = m.start()
    return start, end


def _word_before(text: str, start: int) -> str:
    m = re.search(r"(\w+)\s+$", text[max(0, start - 20) : start])
    return m.group(1).lower() if m else ""


def _after_duration_prep(text: str, start: int) -> bool:
    return _word_before(text, start) in _DURATION_PREPS


def _split_ranges(text: str, spans: Iterable[tuple[int, int]]) -> Iterator[tuple[int, int, str | None]]:
    """Each span, with a span of years ("2009-2010", "1957-58") cut into its two years.

    The third item is the value the text states for a cut-out year (the second year of
    "1957-58" takes its century from the first), else ``None``: resolve as usual.
    """
    for start, end in spans:
        m = YEAR_RANGE.fullmatch(text, start, end)
        if m is None:
            yield start, end, None
            continue
        first, second = m.group("a"), m.group("b")
        full = second if len(second) == 4 else first[:2] + second
        if int(full) <= int(first):
            yield start, end, None  # not a forward span of years ("2016-12" is a month)
            continue
        yield m.start("a"), m.end("a"), first
        yield m.start("b"), m.end("b"), full


def _is_false_month(span: Span, parsed: TimeExpr) -> bool:
    """A lone "May"/"March" that the parse says is a verb, or that opens a sentence with no cue."""
    if parsed.kind != "month" or parsed.year is not None or parsed.modifier is not None:
        return False
    words = [t for t in span if t.lower_ in _BARE_AMBIGUOUS_MONTH]
    if not words:
        return False
    word = words[0]
    if word.tag_ in ("MD", "VB", "VBP", "VBZ") or word.pos_ in ("AUX", "VERB"):
        return True
    first = span[0]
    return bool(first.is_sent_start) and first.lower_ in _BARE_AMBIGUOUS_MONTH


def find_dates(doc: Doc, anchor: date | None, *, anchor_inferred: bool = False) -> tuple[DateMention, ...]:
    """Every time expression in ``doc``, resolved against ``anchor`` (the article's date).

    Offsets are ``doc`` character offsets. A mention's text includes a leading "on" ("on Friday").
    Durations, ages, frequencies and the modal "may" are left out. With ``anchor`` ``None`` only
    stated years give values (a month-day gives ``--MM-DD``). With ``anchor_inferred`` every value
    computed from the anchor is marked inferred.
    """
    text = doc_text(doc)
    mentions: list[DateMention] = []
    # The story's time line for "the next day": the last valued mention, if it names a day. After
    # "in May 2009" a following "the next day" cannot be told, and must not fall back on the anchor.
    story_day: date | None = None
    story_coarse = False
    for start, end, stated in _split_ranges(text, _candidate_spans(doc)):
        if stated is not None:
            # one year of a span of years: the text states it, no anchor needed
            mentions.append(DateMention(text=text[start:end], start=start, end=end, value=stated))
            story_day, story_coarse = None, True
            continue
        parsed = parse_expression(text[start:end])
        if parsed is not None and parsed.kind == "not_date":
            continue
        if parsed is not None and parsed.kind == "offset" and _after_duration_prep(text, start):
            with_prep = parse_expression(f"{_word_before(text, start)} {text[start:end]}")
            if with_prep is not None and with_prep.kind == "not_date":
                continue  # "over the past year": a period ending now, not last year
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        if parsed is not None and _is_false_month(span, parsed):
            continue
        start, end = _widen(text, start, end, parsed)
        tense = clause_tense(span.root)
        narrative = parsed is not None and parsed.kind == "narrative"
        if narrative and story_coarse:
            value, inferred, used_anchor = None, False, False
        else:
            base = story_day if narrative else None
            value, inferred, used_anchor = _resolve_cached(text[start:end], anchor, tense, base)
        if used_anchor and anchor_inferred:
            inferred = True
        if is_calendar_value(value):
            # "now" or "the 20th century" is no point on the story's time line; a date is
            day_level = _ISO_DAY.fullmatch(value or "") is not None
            story_day = date.fromisoformat(value or "") if day_level else None
            story_coarse = not day_level
        mentions.append(DateMention(text=text[start:end], start=start, end=end, value=value, inferred=inferred))
    return tuple(mentions)


_CALENDAR_VALUE = re.compile(r"\d{4}(?:-\d\d(?:-\d\d)?|-W\d\d|-(?:SP|SU|FA|WI))?")


def is_calendar_value(value: str | None) -> bool:
    """Whether ``value`` places a mention on the calendar: a year, season, month, ISO week or day.

    ``PRESENT_REF``, a century ("19") and a year-less ``--MM-DD`` do not: they cannot date a
    statement or an event.
    """
    return value is not None and _CALENDAR_VALUE.fullmatch(value) is not None


def _attached_to(doc: Doc, mention: DateMention, cue: Token) -> bool:
    """Whether the mention hangs off the cue verb's clause (no other verb in between)."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    token = span.root
    for _ in range(50):
        if token.i == cue.i:
            return True
        if _is_verb(token) and token.i != cue.i:
            return False
        if token.head is token:
            return False
        token = token.head
    return False


def statement_date(doc: Doc, cue_token_index: int, dates: Sequence[DateMention], anchor: date | None) -> str | None:
    """The date a statement was made: a date attached to the cue's clause, else the anchor.

    "told the media on Friday" dates the statement to that Friday; "said the talks will take
    place on Friday" does not ("Friday" belongs to "take place"). A day-level value is preferred
    over a coarser one ("last week"); among equals the mention nearest the cue wins.
    """
    cue = doc[cue_token_index]
    attached = [m for m in dates if is_calendar_value(m.value) and _attached_to(doc, m, cue)]
    if attached:
        best = min(attached, key=lambda m: (not _ISO_DAY.fullmatch(m.value or ""), abs(m.start - cue.idx)))
        return best.value
    return anchor.isoformat() if anchor else None
