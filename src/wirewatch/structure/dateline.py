"""Wire-service datelines: ``MOSCOW, December 9. /TASS/.``, ``LONDON (Reuters) -`` and kin.

A dateline opens the first paragraph of a wire story and names where (and often when, and
through which agency) the story was filed. :func:`parse_dateline` recognises it at a given
offset and returns its span and parts; the text itself is never changed.

Styles recognised (place in capitals or title case, region and date optional)::

    MOSCOW, December 9. /TASS/.          slash style (TASS, ITAR-TASS)
    NOVO-OGARYOVO /Moscow Region/, March 3. /TASS/.   TASS, a town with its region
    MOSCOW. Nov 14 (Interfax) -          a full stop after the place (Interfax)
    MOSCOW, March 3 - RIA Novosti.       agency after the dash (RIA Novosti, Sputnik)
    Dec. 7 (UPI) --                      date and agency, no place (UPI)
    NEW YORK (Reuters Health) -          an agency's service named after it
    LONDON, March 3 (Reuters) -          parenthesised agency, then a dash
    Frankfurt/Main (dpa) -               title-case place is accepted only with an agency
    (Bloomberg) --                       agency alone
    KYIV, Ukraine —                      bare: an all-caps place followed by a dash
    LEEDS, England, Nov. 21 (Wire Service) -   an agency not in AGENCIES: needs place, date, dash

The year of a dateline that states none is taken from the publication date when one is given;
otherwise it is inferred from a weekday named in the text (marked ``date_inferred`` and explained
in a warning), or left out (``--MM-DD``).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, timedelta

from wirewatch.models import Dateline

logger = logging.getLogger(__name__)

__all__ = ["AGENCIES", "DatelineResult", "find_dateline", "parse_dateline"]

#: Agency names as written (lower case) -> the canonical name reported in ``Dateline.agency``.
AGENCIES: dict[str, str] = {
    "reuters": "Reuters",
    "ap": "AP",
    "associated press": "AP",
    "the associated press": "AP",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "dpa": "dpa",
    "tass": "TASS",
    "itar-tass": "TASS",
    "xinhua": "Xinhua",
    "upi": "UPI",
    "interfax": "Interfax",
    "interfax-ukraine": "Interfax-Ukraine",
    "bloomberg": "Bloomberg",
    "cnn": "CNN",
    "ria novosti": "RIA Novosti",
    "ria": "RIA Novosti",
    "sputnik": "Sputnik",
    "anadolu": "Anadolu",
    "anadolu agency": "Anadolu",
    "aa": "Anadolu",
    "efe": "EFE",
    "ansa": "ANSA",
    "kyodo": "Kyodo",
    "yonhap": "Yonhap",
    "pti": "PTI",
    "ians": "IANS",
    "bernama": "Bernama",
    "ukrinform": "Ukrinform",
    "irna": "IRNA",
    "wafa": "WAFA",
    "pap": "PAP",
    "ctk": "CTK",
    "apa": "APA",
    "kuna": "KUNA",
    "wam": "WAM",
    "spa": "SPA",
    "mena": "MENA",
    "bna": "BNA",
}

_MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Longest alternatives first so that "ITAR-TASS" wins over "TASS" and "RIA Novosti" over "RIA".
# Agency and month names match in any case; places do not (see _CAPS_PLACE and _TITLE_PLACE).
_AGENCY_RE = (
    "(?i:" + "|".join(re.escape(name).replace(r"\ ", r"\s+") for name in sorted(AGENCIES, key=len, reverse=True)) + ")"
)
_MONTH_RE = "(?i:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + ")"

_DATE = rf"""
    (?:
        (?P<month1>{_MONTH_RE})\.?\s+(?P<day1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year1>(?:19|20)\d\d))?
      | (?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month2>{_MONTH_RE})\.?(?:,?\s+(?P<year2>(?:19|20)\d\d))?
    )(?![A-Za-z])
"""
# An all-caps place: "NEW YORK", "ST. PETERSBURG", "FRANKFURT/MAIN", "N'DJAMENA", "PORT-AU-PRINCE".
# Latin-1's accented capitals and small letters count too: "DÜSSELDORF", "Düsseldorf", "Zürich".
_UP = "A-ZÀ-ÖØ-Þ"
_LOW = "a-zß-öø-ÿ"
_CAPS_WORD = rf"[{_UP}][{_UP}.'’\-]*[{_UP}.]"
_CAPS_PLACE = rf"{_CAPS_WORD}(?:(?:\s|/){_CAPS_WORD}){{0,3}}"
# A title-case place: "Paris", "Frankfurt/Main", "Rio de Janeiro", "St. Petersburg".
_TITLE_WORD = rf"[{_UP}][{_LOW}'’.\-]*[{_LOW}.]"
_PARTICLE = r"(?:de|da|do|dos|del|la|le|am|an|es|upon|on|al|el)"
_TITLE_PLACE = rf"{_TITLE_WORD}(?:(?:\s{_PARTICLE})?(?:\s|/|-){_TITLE_WORD}){{0,3}}"
# Region after a comma: "Ukraine", "Calif.", "N.Y.", "UKRAINE", "South Korea" (never a month).
_REGION = rf"(?!(?:{_MONTH_RE})\b)[A-Z][A-Za-z.'’\-]*(?:\s[A-Z][A-Za-z.'’\-]*){{0,2}}"
# ― (horizontal bar) is how some sites type the wire dash; " _ " is the AP's old plain-text dash.
_DASH = r"(?:--|—|―|–|-|_)"

# "(Reuters)", "(dpa/lnw)", "(RIA Novosti, Anna Petrova)", "(Reuters Health)", "(AP Photo)".
_PAREN_AGENCY = rf"\((?P<agency_p>{_AGENCY_RE})(?:\s*[/,][^()\n]{{0,40}}|\s+[A-Z][\w!]*(?:\s[A-Z][\w!]*)?)?\)"
_SLASH_AGENCY = rf"/(?P<agency_s>{_AGENCY_RE})/\.?"
# TASS names the region of a town outside the big cities between slashes:
# "NOVO-OGARYOVO /Moscow Region/, March 3. /TASS/."
_SLASH_REGION = r"\s*/(?P<region_s>[A-Z][\w.'’\- ]{1,40}?)/"

_FLAGS = re.VERBOSE

# Agency-marked datelines. The place may be title case because the agency marker makes the
# match unambiguous.
_WITH_AGENCY = re.compile(
    rf"""
    (?:(?P<place>{_CAPS_PLACE}|{_TITLE_PLACE})
       (?:{_SLASH_REGION})?
       (?:,\s*(?P<region>{_REGION}))?
       (?:[,.]?\s*{_DATE})?
       \.?\s*)?
    (?:{_PAREN_AGENCY}|{_SLASH_AGENCY})
    (?P<dash>\s*{_DASH}(?=\s)|\s*:(?=\s))?
    """,
    _FLAGS,
)
# A date and an agency with no place: "Dec. 7 (UPI) --".
_DATE_AGENCY = re.compile(
    rf"""
    (?P<place>(?!))?{_DATE}\.?\s*
    (?:{_PAREN_AGENCY}|{_SLASH_AGENCY})
    (?P<dash>\s*{_DASH}(?=\s))
    """,
    _FLAGS,
)
# The agency after the dash, as RIA Novosti and Sputnik write it: "MOSCOW, March 3 - RIA Novosti."
_DASH_AGENCY = re.compile(
    rf"""
    (?P<place>{_CAPS_PLACE}|{_TITLE_PLACE})
    (?:,\s*(?P<region>{_REGION}))?
    (?:[,.]?\s*{_DATE})?
    \s*{_DASH}\s*(?P<agency_d>{_AGENCY_RE})\.(?=\s|\Z)
    """,
    _FLAGS,
)
# Bare datelines: an all-caps place, optional region and date, then a dash and a space.
_BARE = re.compile(
    rf"""
    (?P<place>{_CAPS_PLACE})
    (?:,\s*(?P<region>{_REGION}))?
    (?:,?\s*{_DATE})?
    \s*{_DASH}(?=\s)
    """,
    _FLAGS,
)
# An agency the table does not know, in parentheses: accepted only with a place, a date and a
# dash (``LEEDS, England, Nov. 21 (Wire Service) -``), the full wire shape, so that a sentence
# with an aside in brackets is never read as a dateline.
_UNKNOWN_AGENCY = re.compile(
    rf"""
    (?P<place>{_CAPS_PLACE}|{_TITLE_PLACE})
    (?:,\s*(?P<region>{_REGION}))?
    ,?\s*{_DATE}
    \.?\s*\((?P<agency_u>[A-Z][A-Za-z&.'’\-]*(?:\s[A-Z&][A-Za-z&.'’\-]*){{0,3}})\)
    (?P<dash>\s*{_DASH}(?=\s))
    """,
    _FLAGS,
)
#: Words in parentheses after a dateline date that are no agency.
_NOT_AGENCIES = frozenset(
    """update updated corrected correction refiled repeat repeats photo photos video live analysis
    opinion exclusive breaking wrapup factbox timeline graphic graphics recasts adds""".split()
) | frozenset(w.lower() for w in _WEEKDAYS)
_CAPS_PLACE_RE = re.compile(rf"{_CAPS_PLACE}\Z")
_TITLE_PLACE_RE = re.compile(rf"{_TITLE_PLACE}\Z")
_WEEKDAY_RE = re.compile(
    r"(?<![A-Za-z])(?P<before>(?:last|next|previous|coming|this past)\s+)?(?P<day>"
    + "|".join(_WEEKDAYS)
    + r")(?![A-Za-z])"
)
_LOWER_PARTICLES = frozenset({"de", "da", "do", "dos", "del", "la", "le", "am", "an", "es", "upon", "al", "el"})

#: English words that never appear in an all-caps place name of a bare dateline.
_CAPS_STOPWORDS_SPEC = """THE A AN AND OR BUT OF BY TO IN ON AT FOR WITH FROM OUT UP IS ARE WAS WERE
    BE BEEN HAS HAVE HAD HE SHE IT WE THEY I YOU HE'S SHE'S IT'S WE'RE THEY'RE I'M NOT NO YES
    THIS THAT WHAT WHO WHY HOW
    UPDATE UPDATED BREAKING EXCLUSIVE ANALYSIS OPINION EDITORIAL WATCH VIDEO LIVE NOTE CORRECTION"""
_CAPS_STOPWORDS = frozenset(_CAPS_STOPWORDS_SPEC.split())

_ARTICLES = frozenset({"The", "A", "An", "In", "On", "At", "This", "That"})

#: How far a dateline may lie after the publication date before it is taken to be last year's.
_LATE_SLACK = timedelta(days=62)
_FIRST_YEAR = 1990


@dataclass(frozen=True)
class DatelineResult:
    """A dateline and the warnings its reading produced (e.g. an inferred year)."""

    dateline: Dateline
    warnings: tuple[str, ...] = ()


def parse_dateline(text: str, start: int, published: date | None) -> Dateline | None:
    """Return the dateline that opens the paragraph at ``text[start:]``, or ``None``.

    ``text`` is the whole article (a weekday named anywhere in it can fix a missing year);
    ``start`` is the offset where the paragraph begins. Offsets in the result index ``text``.
    """
    found = find_dateline(text, start, published)
    return found.dateline if found else None


def find_dateline(text: str, start: int, published: date | None, today: date | None = None) -> DatelineResult | None:
    """Like :func:`parse_dateline`, also returning the warnings (``today`` is for tests)."""
    line_end = text.find("\n", start)
    line = text[start : len(text) if line_end < 0 else line_end]
    tries = (_WITH_AGENCY, _DASH_AGENCY, _DATE_AGENCY, _BARE)
    match = next((m for m in (r.match(line) for r in tries) if m and _accept(m)), None)
    if match is None:
        match = _UNKNOWN_AGENCY.match(line)
        if match is None or not _accept_unknown(match):
            return None
    span_text = match.group(0).rstrip()
    place = _normalise_place(match.group("place"))
    agency = _agency(match)
    warnings: list[str] = []
    iso: str | None = None
    inferred = False
    month_day = _month_day(match)
    if month_day is not None:
        month, day, year = month_day
        iso, inferred, warnings = _resolve_date(text, month, day, year, published, today)
    elif published is not None:
        # A dateline without a date (Reuters style) was filed on the publication day.
        iso = published.isoformat()
    dateline = Dateline(
        text=span_text,
        start=start,
        end=start + len(span_text),
        place=place,
        date=iso,
        date_inferred=inferred,
        agency=agency,
    )
    return DatelineResult(dateline, tuple(warnings))


def dateline_region(dateline: Dateline) -> tuple[str, int, int] | None:
    """The region a dateline names beside its place, with its offsets in the article:
    "Moscow Region" of ``NOVO-OGARYOVO /Moscow Region/, March 3. /TASS/.``; None when it names
    none."""
    tries = (_WITH_AGENCY, _DASH_AGENCY, _BARE, _UNKNOWN_AGENCY)
    line = dateline.text + " "  # the span ends at its dash, which some forms want a space after
    match = next((m for m in (r.match(line) for r in tries) if m and m.group("place")), None)
    if match is None:
        return None
    for group in ("region_s", "region"):
        if group in match.re.groupindex and match.group(group):
            start, end = match.span(group)
            raw = match.group(group)
            stripped = raw.strip(" .,")
            start += raw.index(stripped)
            return stripped, dateline.start + start, dateline.start + start + len(stripped)
    return None


def _accept(match: re.Match[str]) -> bool:
    """Checks a regex cannot express well: short places need an agency, title case needs one."""
    place = match.group("place")
    groups = match.re.groupindex
    has_agency = any(g in groups and match.group(g) for g in ("agency_p", "agency_s", "agency_d"))
    if place is None:
        return has_agency
    if not has_agency and (
        not _CAPS_PLACE_RE.match(place) or any(w in _CAPS_STOPWORDS for w in re.split(r"[\s/]+", place))
    ):
        # A bare dateline is a shouted place, not a shouted sentence ("HE'S BEEN CALLED OUT —").
        return False
    if _CAPS_PLACE_RE.match(place) and any(c.isalpha() for c in place):
        # A lone capital letter or "I" is no place; two letters ("UN", "US") need an agency.
        letters = sum(c.isalpha() for c in place)
        return letters >= 3 or has_agency
    # A title-case place is an ordinary sentence opening ("The Kremlin (Reuters) said") unless
    # the agency is followed by the dash, or is TASS's slash form.
    closed = any(g in groups and match.group(g) for g in ("agency_s", "agency_d", "dash"))
    first_word = place.split()[0]
    return has_agency and closed and first_word not in _ARTICLES and bool(_TITLE_PLACE_RE.match(place))


def _accept_unknown(match: re.Match[str]) -> bool:
    """An unknown agency after place and date: a real place shape and a name, not an aside."""
    place = match.group("place")
    words = match.group("agency_u").split()
    if any(w.lower().strip(".") in _NOT_AGENCIES for w in words) or match.group("agency_u").lower() in _MONTHS:
        return False
    if _CAPS_PLACE_RE.match(place):
        return (
            not any(w in _CAPS_STOPWORDS for w in re.split(r"[\s/]+", place)) and sum(c.isalpha() for c in place) >= 3
        )
    return place.split()[0] not in _ARTICLES and bool(_TITLE_PLACE_RE.match(place))


def _agency(match: re.Match[str]) -> str | None:
    groups = match.re.groupindex
    raw = None
    if "agency_u" in groups:
        raw = match.group("agency_u")
    elif "agency_d" in groups:
        raw = match.group("agency_d")
    elif "agency_p" in groups:
        raw = match.group("agency_p") or match.group("agency_s")
    if raw is None:
        return None
    return AGENCIES.get(" ".join(raw.lower().split()), raw)


def _normalise_place(raw: str | None) -> str | None:
    """``NEW YORK`` -> ``New York``, ``RIO DE JANEIRO`` -> ``Rio de Janeiro``; title case kept."""
    if raw is None:
        return None
    raw = " ".join(raw.split())
    if raw.endswith(".") and "." not in raw[:-1].rsplit(" ", 1)[-1] and len(raw.rsplit(" ", 1)[-1]) > 4:
        raw = raw[:-1]  # "MOSCOW. Nov 14 (Interfax)": the full stop ends the place, it is no abbreviation
    if any(c.islower() for c in raw):
        return raw
    words = raw.title().split(" ")
    return " ".join(w.lower() if i and w.lower() in _LOWER_PARTICLES else w for i, w in enumerate(words))


def _month_day(match: re.Match[str]) -> tuple[int, int, int | None] | None:
    month_name = match.group("month1") or match.group("month2")
    day_text = match.group("day1") or match.group("day2")
    if not month_name or not day_text:
        return None
    year_text = match.group("year1") or match.group("year2")
    return _MONTHS[month_name.lower()], int(day_text), int(year_text) if year_text else None


def _resolve_date(
    text: str, month: int, day: int, year: int | None, published: date | None, today: date | None
) -> tuple[str | None, bool, list[str]]:
    """ISO date, whether the year was inferred, and warnings, following the year rules."""
    if year is not None:
        return _iso(year, month, day), False, []
    if published is not None:
        candidate = _safe_date(published.year, month, day)
        # A dateline well after the publication date belongs to the year before (Dec 30 / Jan 2).
        if candidate is not None and candidate - published > _LATE_SLACK:
            return _iso(published.year - 1, month, day), False, []
        if candidate is None:  # 29 February in a common year: the nearest leap year before.
            return _iso(_previous_leap(published.year), month, day), False, []
        return candidate.isoformat(), False, []
    if _safe_date(2000, month, day) is None:
        return None, False, [f"dateline date {month:02d}-{day:02d} does not exist"]
    weekday = _named_weekday(text)
    if weekday is not None:
        today = today or date.today()
        target = _WEEKDAYS.index(weekday)
        years = [
            y
            for y in range(_FIRST_YEAR, today.year + 1)
            if (d := _safe_date(y, month, day)) is not None and d <= today and d.weekday() == target
        ]
        if years:
            chosen = years[-1]
            listed = ", ".join(str(y) for y in years)
            warning = f"dateline year inferred from weekday {weekday}: candidates {listed}; chose {chosen}"
            return _iso(chosen, month, day), True, [warning]
    return f"--{month:02d}-{day:02d}", False, ["dateline has no year and no publication date was given"]


def _named_weekday(text: str) -> str | None:
    """The first weekday named in ``text`` as the day itself ("on Friday", not "last Friday")."""
    for m in _WEEKDAY_RE.finditer(text):
        if not m.group("before"):
            return m.group("day")
    return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _iso(year: int, month: int, day: int) -> str | None:
    d = _safe_date(year, month, day)
    return d.isoformat() if d else None


def _previous_leap(year: int) -> int:
    while _safe_date(year, 2, 29) is None:
        year -= 1
    return year
