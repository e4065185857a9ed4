"""Table tests for resolve_expression and parse_expression: one row per rule, negative cases too.

The anchor is mostly Friday 2016-12-09, so weekday arithmetic is easy to check on a calendar:
Mon 5, Tue 6, Wed 7, Thu 8, **Fri 9**, Sat 10, Sun 11, Mon 12, Tue 13 December 2016.
"""

from __future__ import annotations

from datetime import date

import pytest

from wirewatch.time import Tense, parse_expression, resolve_expression

FRI = date(2016, 12, 9)
MON = date(2016, 12, 12)
NEW_YEAR = date(2017, 1, 3)
MIDYEAR = date(2016, 6, 15)

Row = tuple[str, date | None, Tense | None, str | None, bool]

ROWS: list[Row] = [
    # Weekdays, past tense: the latest such day on or before the anchor (the anchor itself counts).
    ("on Friday", FRI, "past", "2016-12-09", False),
    ("Friday", FRI, "past", "2016-12-09", False),
    ("on Tuesday", FRI, "past", "2016-12-06", False),
    ("Saturday", FRI, "past", "2016-12-03", False),
    ("Sunday morning", FRI, "past", "2016-12-04", False),
    ("on Thursday night", MON, "past", "2016-12-08", False),
    # Weekdays, future tense: strictly after the anchor.
    ("on Friday", FRI, "future", "2016-12-16", False),
    ("Saturday", FRI, "future", "2016-12-10", False),
    ("on Tuesday", FRI, "future", "2016-12-13", False),
    # Weekdays, present: the one within three days either side; no tense at all is a guess.
    ("Tuesday", FRI, "present", "2016-12-06", False),
    ("Monday", FRI, "present", "2016-12-12", False),
    ("Monday", FRI, None, "2016-12-12", True),
    ("Wednesday", FRI, None, "2016-12-07", True),
    ("Friday", FRI, None, "2016-12-09", False),
    # Weekdays with a modifier: direction is stated, tense does not matter.
    ("last Friday", FRI, None, "2016-12-02", False),
    ("last Friday", MON, "past", "2016-12-09", False),
    ("next Tuesday", FRI, None, "2016-12-13", False),
    ("next Friday", FRI, "future", "2016-12-16", False),
    ("this Sunday", FRI, "future", "2016-12-11", False),
    # Month-day: the anchor's year, or the year either side when that is nearer.
    ("December 10", FRI, "future", "2016-12-10", False),
    ("Dec. 10", FRI, None, "2016-12-10", False),
    ("10 December", FRI, None, "2016-12-10", False),
    ("the 10th of December", FRI, None, "2016-12-10", False),
    ("Sept. 11", FRI, None, "2016-09-11", False),
    ("December 28", NEW_YEAR, None, "2016-12-28", False),
    ("Jan. 2", date(2016, 12, 30), None, "2017-01-02", False),
    ("on December 25", date(2016, 8, 1), None, "2016-12-25", True),  # far from the anchor: a guess
    ("on December 25", MIDYEAR, None, "2015-12-25", True),  # 173 days back beats 193 ahead
    ("Friday, December 9, 2016", FRI, None, "2016-12-09", False),
    # An explicit year wins over any anchor.
    ("December 28, 2014", NEW_YEAR, None, "2014-12-28", False),
    ("10 December 2016", date(2020, 5, 1), None, "2016-12-10", False),
    ("2016-12-10", FRI, None, "2016-12-10", False),
    # Days counted from the anchor.
    ("yesterday", FRI, None, "2016-12-08", False),
    ("today", FRI, None, "2016-12-09", False),
    ("tomorrow", FRI, None, "2016-12-10", False),
    ("yesterday afternoon", FRI, "past", "2016-12-08", False),
    ("last night", FRI, None, "2016-12-08", False),
    ("two days ago", FRI, None, "2016-12-07", False),
    ("the day before yesterday", FRI, None, "2016-12-07", False),
    # Weeks (ISO week numbers: 2016-12-09 is in week 49).
    ("this week", FRI, None, "2016-W49", False),
    ("last week", FRI, None, "2016-W48", False),
    ("earlier this week", FRI, None, "2016-W49", False),
    ("next week", FRI, None, "2016-W50", False),
    ("last week", NEW_YEAR, None, "2016-W52", False),
    # Months.
    ("earlier this month", FRI, None, "2016-12", False),
    ("last month", FRI, None, "2016-11", False),
    ("last month", NEW_YEAR, None, "2016-12", False),
    ("next month", FRI, None, "2017-01", False),
    ("March", FRI, "past", "2016-03", False),
    ("in March", FRI, "future", "2017-03", False),
    ("May", FRI, None, "2017-05", True),  # no tense and five months off: a guess
    ("January", FRI, None, "2017-01", False),
    ("in December", FRI, "future", "2016-12", False),
    ("last March", FRI, None, "2016-03", False),
    ("mid-December", FRI, None, "2016-12", False),
    ("March 2015", FRI, None, "2015-03", False),
    # Years.
    ("this year", FRI, None, "2016", False),
    ("next year", FRI, None, "2017", False),
    ("late last year", FRI, None, "2015", False),
    ("in 2015", FRI, None, "2015", False),
    ("the summer of 2015", FRI, None, "2015-SU", False),
    ("this fiscal year", FRI, None, "2016", False),
    ("just six years ago", FRI, "past", "2010", False),
    ("eight years from now", FRI, None, "2024", False),
    # "the last week" is last week; "over the past year" is a period ending now (a duration).
    ("the last week", FRI, "past", "2016-W48", False),
    ("the next month", FRI, None, "2017-01", False),
    ("over the past year", FRI, None, None, False),
    # Seasons (TimeML's YYYY-SU), centuries ("19") and the vague points of TimeML.
    ("last summer", FRI, None, "2016-SU", False),
    ("last summer", MIDYEAR, None, "2015-SU", False),
    ("next summer", FRI, None, "2017-SU", False),
    ("last winter", FRI, None, "2015-WI", False),
    ("the 20th century", FRI, None, "19", False),
    ("the nineteenth century", FRI, None, "18", False),
    ("now", FRI, None, "PRESENT_REF", False),
    ("currently", None, None, "PRESENT_REF", False),
    ("in the past", FRI, None, "PAST_REF", False),
    ("at the time", FRI, None, "PAST_REF", False),
    ("in the future", FRI, None, "FUTURE_REF", False),
    # The story's own time line, with nothing but the anchor to count from: a guess.
    ("the previous day", FRI, "past", "2016-12-08", True),
    # Time expressions with no calendar value.
    ("the 1990s", FRI, None, None, False),
    ("recent weeks", FRI, None, None, False),
    # Not dates at all: durations, ages, frequencies, the modal verb and the noun.
    ("three years", FRI, None, None, False),
    ("for 10 days", FRI, "past", None, False),
    ("the past three years", FRI, None, None, False),
    ("a two-day visit", FRI, None, None, False),
    ("61-year-old", FRI, None, None, False),
    ("61 years old", FRI, None, None, False),
    ("ages 6 months", FRI, None, None, False),
    ("annual", FRI, None, None, False),
    ("may", FRI, None, None, False),
    ("march", FRI, None, None, False),
    ("", FRI, None, None, False),
]


@pytest.mark.parametrize(("expr", "anchor", "tense", "value", "inferred"), ROWS)
def test_resolve_expression(
    expr: str, anchor: date | None, tense: Tense | None, value: str | None, inferred: bool
) -> None:
    assert resolve_expression(expr, anchor, tense=tense) == (value, inferred)


@pytest.mark.parametrize(
    ("expr", "value"),
    [
        ("December 10", "--12-10"),
        ("Sept. 11", "--09-11"),
        ("December 10, 2016", "2016-12-10"),
        ("March 2015", "2015-03"),
        ("in 2015", "2015"),
        ("on Friday", None),
        ("yesterday", None),
        ("March", None),
        ("last week", None),
    ],
)
def test_without_anchor_only_stated_parts_count(expr: str, value: str | None) -> None:
    assert resolve_expression(expr, None) == (value, False)


@pytest.mark.parametrize(
    ("expr", "kind"),
    [
        ("on Friday", "weekday"),
        ("Dec. 10", "date"),
        ("May", "month"),
        ("may", "not_date"),
        ("in March", "month"),
        ("in march", "not_date"),
        ("for three years", "not_date"),
        ("the following day", "narrative"),
        ("the 1990s", "vague"),
        ("the day after Christmas", None),
    ],
)
def test_parse_expression_kind(expr: str, kind: str | None) -> None:
    parsed = parse_expression(expr)
    assert (parsed.kind if parsed else None) == kind


def test_dateparser_fallback_reads_numeric_dates() -> None:
    # A form the fast grammar does not know goes to dateparser; a stated year is no guess.
    assert resolve_expression("12/10/2016", FRI) == ("2016-12-10", False)


def test_results_are_cached() -> None:
    first = resolve_expression("next Tuesday", FRI)
    assert resolve_expression("next Tuesday", FRI) is not None
    assert first == ("2016-12-13", False)
