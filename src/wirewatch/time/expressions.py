"""Parse a time expression, as written, into a :class:`TimeExpr` that does not yet know the date.

Splitting *what the words say* (this module) from *which calendar day they mean* (``resolve.py``)
keeps the grammar testable without an anchor and lets one parse serve any anchor and tense.

The grammar is a small set of anchored regular expressions for the forms news copy uses again and
again (weekdays, month-day, yesterday/today/tomorrow, "last week", "two days ago", years). It is
deliberately conservative: anything it does not recognise returns ``None`` and the resolver falls
back to dateparser, while things that *look* like dates but are not (durations, ages, frequencies,
the modal verb "may", a protest "march") are classified as ``not_date`` so the caller can drop them.

This module also holds :data:`FIND_PATTERNS`, the regular expressions that find the time
expressions spaCy's NER misses in running text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "FIND_PATTERNS",
    "YEAR_RANGE",
    "MONTHS",
    "WEEKDAYS",
    "ExprKind",
    "Modifier",
    "TimeExpr",
    "Unit",
    "parse_expression",
]

ExprKind = Literal[
    "offset",  # a count of units from the anchor: today, last week, two days ago
    "weekday",  # Friday, last Friday, next Tuesday
    "weekend",  # the weekend, last weekend
    "date",  # a month and day, perhaps a year: Dec. 10, 10 December 2016, 2016-12-10
    "month",  # a month, perhaps a year: March, last March, March 2015
    "year",  # an explicit year: 2015, in 2015
    "narrative",  # relative to the story's own time line: the previous day, the next day
    "vague",  # a time expression with no calendar value: the 1990s, recent weeks, Christmas
    "ref",  # TimeML's vague points: now (PRESENT_REF), the past (PAST_REF), the future (FUTURE_REF)
    "season",  # last summer, the winter of 2012: TimeML's YYYY-SP/SU/FA/WI
    "century",  # the 20th century: TimeML's two-digit century "19"
    "not_date",  # looks like one but is not: three years, 61-year-old, annual, "may"
]
Unit = Literal["day", "week", "month", "year"]
Modifier = Literal["last", "next", "this"]


@dataclass(frozen=True)
class TimeExpr:
    """What a time expression says, independent of any anchor date.

    ``offset`` counts ``unit`` s from the anchor (kind ``offset``) or days from the story's last
    date (kind ``narrative``). ``weekday`` is 0 for Monday (``date.weekday()``). ``year`` is set
    only when the text states it.
    """

    kind: ExprKind
    unit: Unit | None = None
    offset: int = 0
    weekday: int | None = None
    month: int | None = None
    day: int | None = None
    year: int | None = None
    modifier: Modifier | None = None
    label: str | None = None
    """``PRESENT_REF``/``PAST_REF``/``FUTURE_REF`` (kind ``ref``), ``SP``/``SU``/``FA``/``WI``
    (kind ``season``), or the two-digit century (kind ``century``: "19" for the 20th century)."""


WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}

MONTHS: dict[str, int] = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

_NUMBERS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}

# ---------------------------------------------------------------------------------------------
# Building blocks. Parsing runs on a lower-cased copy; case only matters for "May" and "March",
# which are checked on the original text before anything else.
# ---------------------------------------------------------------------------------------------
_WD = "|".join(WEEKDAYS)
# Abbreviations need the optional dot *inside* the alternative so "dec." and "dec" both match.
_MON = "|".join(sorted(MONTHS, key=len, reverse=True))
_MON_RE = rf"(?P<mon>{_MON})\.?"
_DAY_RE = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR_RE = r"(?P<year>(?:1[89]|20)\d\d)"
_NUM = r"(?P<num>\d+|" + "|".join(_NUMBERS) + r")"
_UNITS = r"(?P<unit>day|week|month|year)s?"
_TOD = r"(?:\s+(?:morning|afternoon|evening|night|at\s+noon|at\s+midnight|at\s+\d.*))?"

_LEADING_PREP = re.compile(
    r"^(?:on|in|since|by|until|till|from|during|at|as\s+of|before|after|through|throughout|over|for)\s+"
)
# "earlier this month" means "this month" at month resolution; the qualifier narrows the period
# but never moves it, so it is dropped before matching.
_QUALIFIER = re.compile(
    r"^(?:(?:earlier|later|early|late|mid|the\s+(?:end|beginning|start|middle)\s+of|end|start)"
    r"(?:\s+|-))+(?:in\s+)?"
)

_HEDGE = re.compile(r"^(?:just|about|almost|nearly|roughly|around|approximately|only|some|barely)\s+(?=\S)")
_AGE = re.compile(r"\d+\s*-?\s*years?\s*-?\s*old|\bag(?:ed?|es)\s+\d+|\bthe\s+age\s+of\b|\d+-year-olds?")
_FREQUENCY = re.compile(
    r"^(?:annual(?:ly)?|yearly|daily|weekly|monthly|quarterly|biannual|nightly|hourly|"
    r"(?:every|each)\s+\w+(?:\s+\w+)?|once\s+a\s+\w+|twice\s+a\s+\w+)$"
)
_NUM_WORD = r"(?:\d+|" + "|".join(_NUMBERS) + r"|another|several|few|many|some|a\s+few|a\s+couple\s+of|couple\s+of)"
_UNIT_WORD = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|months?|years?|decades?|centur(?:y|ies))"
# Pure durations: a count of units ("three years", "for 10 days", "the past three years",
# "a two-day visit") or a period that ends now ("the past year"). They say how long, not when.
_DURATION = re.compile(
    rf"^(?:(?:for|over|within|in|during|throughout|after|of)\s+)?(?:the\s+)?"
    rf"(?:(?:past|last|next|coming|previous|first|final|following|recent)\s+)?"
    rf"{_NUM_WORD}(?:\s+|-)(?:more\s+)?{_UNIT_WORD}(?:\s+long|['’]s?)?$"
    rf"|^(?:(?:for|over|within|in|during|throughout|after|of)\s+)?"
    rf"(?:seconds|minutes|hours|days|nights|weeks|months|years|decades|centuries)$"
)
_PERIOD_ENDING_NOW = re.compile(
    rf"^(?:(?:in|over|during|for|within)\s+)?the\s+(?:past|last|next|coming|previous)\s+{_UNIT_WORD}$"
)

_UNIT_NAMES: dict[str, Unit] = {"day": "day", "week": "week", "month": "month", "year": "year"}
_OFFSET_WORDS: dict[str, tuple[Unit, int]] = {
    "today": ("day", 0),
    "tonight": ("day", 0),
    "this morning": ("day", 0),
    "this afternoon": ("day", 0),
    "this evening": ("day", 0),
    "yesterday": ("day", -1),
    # A morning paper's "last night" is the evening before its date.
    "last night": ("day", -1),
    "the day before yesterday": ("day", -2),
    "tomorrow": ("day", 1),
    "the day after tomorrow": ("day", 2),
}
_NARRATIVE_WORDS: dict[str, int] = {
    "the previous day": -1,
    "the day before": -1,
    "the day earlier": -1,
    "a day earlier": -1,
    "the next day": 1,
    "the following day": 1,
    "the day after": 1,
    "a day later": 1,
    "the same day": 0,
    "that day": 0,
    "that same day": 0,
}
_MODIFIERS: dict[str, Modifier] = {
    "last": "last",
    "past": "last",
    "previous": "last",
    "next": "next",
    "coming": "next",
    "this": "this",
}

_RE_OFFSET_REL = re.compile(r"^(?:this\s+past|this|last|past|next|coming)\s+(?P<unit>week|month|year)$")
_RE_AGO = re.compile(rf"^{_NUM}\s+{_UNITS}\s+ago$")
_RE_FROM_NOW = re.compile(rf"^{_NUM}\s+{_UNITS}\s+(?:from\s+now|from\s+today|hence)$")
# "over the past year" is a period ending now (a duration), but "reported in the last week" and a
# bare "the past week" name the week before this one, as "last week" does.
_RE_THE_LAST_UNIT = re.compile(r"^the\s+(?P<mod>last|past|previous|next|coming)\s+(?P<unit>week|month|year)$")
_DURATION_PREP = re.compile(r"^(?:for|over|within|during|throughout)\s+")
_REFS: dict[str, str] = {
    "now": "PRESENT_REF",
    "right now": "PRESENT_REF",
    "currently": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
    "present": "PRESENT_REF",
    "the moment": "PRESENT_REF",
    "the present": "PRESENT_REF",
    "the present time": "PRESENT_REF",
    "the past": "PAST_REF",
    "the time": "PAST_REF",
    "the future": "FUTURE_REF",
    "the near future": "FUTURE_REF",
}
_SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_RE_SEASON = re.compile(
    r"^(?:(?P<mod>this|last|past|next|coming|the)\s+)?(?P<season>spring|summer|autumn|fall|winter)"
    rf"(?:,?\s+(?:of\s+)?{_YEAR_RE})?$"
)
_ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21,
}  # fmt: skip
_RE_CENTURY = re.compile(
    r"^(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?P<n>\d{1,2}(?:st|nd|rd|th)|" + "|".join(_ORDINALS) + r")[\s-]+century$"
)
_RE_WEEKDAY = re.compile(rf"^(?:(?P<mod>last|past|next|coming|this)\s+)?(?P<wd>{_WD}){_TOD}$")
_RE_WEEKEND = re.compile(r"^(?:(?P<mod>the|this|last|past|next|coming|that)\s+)?weekend$")
_RE_MONTH_DAY = re.compile(rf"^(?:(?:{_WD}),?\s+)?{_MON_RE}\s*{_DAY_RE}(?:,?\s+{_YEAR_RE})?{_TOD}$")
_RE_DAY_MONTH = re.compile(
    rf"^(?:(?:{_WD}),?\s+)?(?:the\s+)?{_DAY_RE}\s+(?:of\s+)?{_MON_RE}(?:,?\s+{_YEAR_RE})?{_TOD}$"
)
_RE_ISO = re.compile(r"^(?P<year>\d{4})-(?P<mon>\d\d)-(?P<day>\d\d)$")
_RE_MONTH = re.compile(rf"^(?:(?P<mod>last|past|next|coming|this)\s+)?{_MON_RE}(?:,?\s+(?:of\s+)?{_YEAR_RE})?$")
_RE_YEAR = re.compile(rf"^(?:the\s+year\s+|the\s+(?:spring|summer|autumn|fall|winter)\s+of\s+)?{_YEAR_RE}$")
_RE_VAGUE = re.compile(
    r"^(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?:(?:1[89]|20)\d0s|\d0s|"
    r"(?:nineteen|twenty)\w*ies)$"
    r"|^(?:in\s+)?recent\s+(?:days|weeks|months|years|decades)$"
    r"|^(?:this|last|next|the)\s+(?:spring|summer|autumn|fall|winter)$"
    r"|^\w+\s+(?:days?|weeks?|months?|years?)\s+(?:later|earlier|before|after)$"
)

# Words that are a month or weekday only when capitalised. Lower-case "may" is the modal verb
# and lower-case "march" the noun or verb; spaCy's NER tags both as DATE now and then.
_CASE_SENSITIVE = re.compile(r"^(?:(?:in|on|since|until|during|early|late|mid|last|next|this)[\s-]+)?(may|march)$")


def _clean(expr: str) -> str:
    """Lower-case, unify spaces and dashes, drop trailing punctuation and a possessive."""
    s = expr.replace("\u00a0", " ").replace("\u2013", "-").replace("\u2014", "-").replace("\u2019", "'")
    s = re.sub(r"\s+", " ", s).strip().lower()
    s = re.sub(r"'s$", "", s)
    s = s.rstrip(",;:!?")
    # "this fiscal year" is "this year" at year resolution; a hedge ("just six years ago",
    # "about a month ago") does not move the date.
    s = re.sub(r"\b(?:fiscal|financial|calendar)\s+(?=year)", "", s)
    s = _HEDGE.sub("", s)
    # A sentence-final full stop is not part of the expression, but the dot of "Dec." is.
    if s.endswith(".") and not re.search(rf"\b(?:{_MON})\.$", s):
        s = s[:-1]
    return s.strip()


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[word]


def _int_or_none(value: str | None) -> int | None:
    return int(value) if value else None


def _month_day(m: re.Match[str]) -> TimeExpr | None:
    month = MONTHS.get(m.group("mon"), 0) if not m.group("mon").isdigit() else int(m.group("mon"))
    day = int(m.group("day"))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return TimeExpr("date", month=month, day=day, year=_int_or_none(m.group("year")))


def parse_expression(expr: str) -> TimeExpr | None:
    """What ``expr`` says about time, or ``None`` when the grammar does not know the form.

    >>> parse_expression("on Friday")
    TimeExpr(kind='weekday', unit=None, offset=0, weekday=4, month=None, day=None, year=None, modifier=None)
    >>> parse_expression("for three years").kind
    'not_date'
    """
    raw = re.sub(r"\s+", " ", expr.strip())
    cs = _CASE_SENSITIVE.match(raw.lower())
    if cs and not raw[cs.start(1) : cs.end(1)][0].isupper():
        return TimeExpr("not_date")

    s = _clean(expr)
    if not s:
        return None
    if _AGE.search(s) or _FREQUENCY.match(s):
        return TimeExpr("not_date")
    # Fixed phrases come first: "the next day" is a point on the story's time line, not the
    # period "the next week", and "the day before yesterday" is not "yesterday".
    if _DURATION_PREP.match(s) and _PERIOD_ENDING_NOW.match(s):
        return TimeExpr("not_date")  # "over the past year": how long, not when
    s = _LEADING_PREP.sub("", s)
    if s in _REFS:
        return TimeExpr("ref", label=_REFS[s])
    if m := _RE_THE_LAST_UNIT.match(s):
        sign = 1 if m.group("mod") in ("next", "coming") else -1
        return TimeExpr("offset", unit=_UNIT_NAMES[m.group("unit")], offset=sign)
    if s in _NARRATIVE_WORDS:
        return TimeExpr("narrative", unit="day", offset=_NARRATIVE_WORDS[s])
    if _DURATION.match(s) or _PERIOD_ENDING_NOW.match(s):
        return TimeExpr("not_date")
    s = _QUALIFIER.sub("", s)
    for phrase in (s, re.sub(rf"{_TOD}$", "", s)):
        if phrase in _OFFSET_WORDS:
            unit, offset = _OFFSET_WORDS[phrase]
            return TimeExpr("offset", unit=unit, offset=offset)

    if m := _RE_OFFSET_REL.match(s):
        word = s.split()[0]
        offset = {"this": 0, "last": -1, "past": -1, "next": 1, "coming": 1}[word]
        if s.startswith("this past"):
            offset = -1
        return TimeExpr("offset", unit=_UNIT_NAMES[m.group("unit")], offset=offset)
    if m := _RE_AGO.match(s):
        return TimeExpr("offset", unit=_UNIT_NAMES[m.group("unit")], offset=-_number(m.group("num")))
    if m := _RE_FROM_NOW.match(s):
        return TimeExpr("offset", unit=_UNIT_NAMES[m.group("unit")], offset=_number(m.group("num")))
    if m := _RE_SEASON.match(s):
        return TimeExpr(
            "season",
            label=_SEASONS[m.group("season")],
            year=_int_or_none(m.group("year")),
            modifier=_MODIFIERS.get(m.group("mod") or ""),
        )
    if m := _RE_CENTURY.match(s):
        n = m.group("n")
        number = _ORDINALS[n] if n in _ORDINALS else int(re.sub(r"\D", "", n))
        return TimeExpr("century", label=f"{number - 1:02d}")
    if m := _RE_WEEKDAY.match(s):
        mod = _MODIFIERS.get(m.group("mod") or "")
        return TimeExpr("weekday", weekday=WEEKDAYS[m.group("wd")], modifier=mod)
    if m := _RE_WEEKEND.match(s):
        word = m.group("mod") or ""
        return TimeExpr("weekend", modifier=_MODIFIERS.get(word))
    for pattern in (_RE_MONTH_DAY, _RE_DAY_MONTH, _RE_ISO):
        if m := pattern.match(s):
            return _month_day(m)
    if m := _RE_MONTH.match(s):
        return TimeExpr(
            "month",
            month=MONTHS[m.group("mon")],
            year=_int_or_none(m.group("year")),
            modifier=_MODIFIERS.get(m.group("mod") or ""),
        )
    if m := _RE_YEAR.match(s):
        return TimeExpr("year", year=int(m.group("year")))
    if _RE_VAGUE.match(s):
        return TimeExpr("vague")
    return None


# ---------------------------------------------------------------------------------------------
# Finding expressions in running text (what spaCy's NER misses). Each pattern's group ``x`` is the
# expression; text outside it is context that must be present ("in" before a bare month). Month
# and weekday names must be capitalised (or all capitals, for headlines) so that "may" the modal
# and "march" the noun never match.
# ---------------------------------------------------------------------------------------------
def _names(words: list[str]) -> str:
    return "|".join(alt for w in words for alt in (w.capitalize(), w.upper()))


_F_WD = _names(list(WEEKDAYS))
_FULL_MONTHS = [w for w in MONTHS if len(w) > 3 or w == "may"]
_ABBR_MONTHS = [w for w in MONTHS if len(w) <= 4 and w not in ("may", "june", "july")]
_F_MON = rf"(?:(?:{_names(_FULL_MONTHS)})\b|(?:{_names(_ABBR_MONTHS)})\.)"
_F_DAY = r"[0-3]?\d(?:st|nd|rd|th)?\b"
_F_YEAR = r"(?:1[89]|20)\d\d\b"
_F_TOD = r"(?:\s+(?i:morning|afternoon|evening|night))?"
_F_MONTH_DAY = rf"{_F_MON}\s*{_F_DAY}(?:,?\s+{_F_YEAR})?"
_F_DAY_MONTH = rf"\b{_F_DAY}\s+(?:of\s+)?{_F_MON}(?:,?\s+{_F_YEAR})?"
_F_NUM = r"(?:\d+|" + "|".join(_NUMBERS) + r")"

FIND_PATTERNS: tuple[re.Pattern[str], ...] = (
    # Friday, last Friday, Friday morning, Friday, December 9, 2016
    re.compile(
        rf"\b(?P<x>(?:(?i:last|next|this|coming|past)\s+)?(?:{_F_WD})\b{_F_TOD}"
        rf"(?:,?\s+(?:{_F_MONTH_DAY}|{_F_DAY_MONTH}))?)"
    ),
    # December 10, Dec. 10, Sept. 11, 10 December 2016
    re.compile(rf"\b(?P<x>{_F_MONTH_DAY}|{_F_DAY_MONTH})"),
    # A month alone needs a year, a modifier or a preposition to count: "in May", "last March",
    # "March 2015"; never "May said" or "a March rally" at the start of a sentence.
    re.compile(
        rf"(?:\b(?P<pre>(?i:in|since|until|through|during|before|after))\s+)?"
        rf"(?P<x>(?P<mod>(?i:early|mid|late|last|next|this|earlier|later)[\s-]+(?:(?i:in|this|last)\s+)?)?"
        rf"{_F_MON}(?P<year>,?\s+(?:of\s+)?{_F_YEAR})?)(?!['’]s|\s*[0-3]?\d\b)"
    ),
    # yesterday, today, last night, earlier this month, next week, two days ago, the previous day
    re.compile(
        r"(?i:\b(?P<x>the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)"
        r"|(?:(?:earlier|later)\s+)?(?:today|tonight|yesterday|tomorrow)"
        r"(?:\s+(?:morning|afternoon|evening|night))?"
        r"|last\s+night|this\s+(?:morning|afternoon|evening)"
        r"|(?:(?:earlier|later|early|late)\s+)?(?:this|last|next)\s+(?:week|weekend|month|year)"
        rf"|{_F_NUM}\s+(?:days?|weeks?|months?|years?)\s+ago"
        r"|the\s+(?:previous|following|next|same)\s+day"
        r"|(?<=over\s)the\s+weekend|(?<=at\s)the\s+weekend)\b)"
    ),
    # in 2015, since 1991, by 2030 (a bare number is too often a count to trust without a cue)
    re.compile(
        rf"\b(?i:in|since|until|by|during|before|after|through|of)\s+"
        rf"(?P<x>(?:(?i:early|mid|late)[\s-]+)?{_F_YEAR})(?![-–/.,]?\d)"
    ),
    # the 1990s
    re.compile(r"\b(?P<x>(?i:the)\s+(?:(?i:early|mid|late)[\s-]+)?(?:1[89]|20)\d0s)\b"),
    # 2016-12-10
    re.compile(r"\b(?P<x>\d{4}-[01]\d-[0-3]\d)\b"),
    # now, currently: TimeML's PRESENT_REF ("now-defunct" is an adjective, not a time)
    re.compile(r"\b(?P<x>(?i:now|currently|nowadays))\b(?!-)"),
    # in the past, in the future (not "in the past two years", a duration found elsewhere)
    re.compile(
        r"\b(?i:in|from|of)\s+(?P<x>(?i:the)\s+(?:near\s+)?(?:past|future))\b"
        r"(?![\s-]+(?:\d|few|several|couple|many|two|three|four|five|six|seven|eight|nine|ten|twelve|"
        r"decades?|centur|days?|weeks?|months?|years?|hours?|minutes?))"
    ),
    # at the time (of writing, of the crash: a point the story already named)
    re.compile(r"\b(?P<x>(?i:at)\s+the\s+time)\b(?!\s+(?:when|that|it|to|being)\b)"),
)
# A span of years: "2009-2010", "1957-58" (TimeML annotates each year on its own).
YEAR_RANGE = re.compile(r"(?P<a>(?:1[89]|20)\d\d)\s*[-–/]\s*(?P<b>\d\d(?:\d\d)?)")
