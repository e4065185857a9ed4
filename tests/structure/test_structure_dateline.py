"""Table tests for :func:`wirewatch.structure.parse_dateline`: each agency style, bare datelines,
sentences that must not be read as datelines, and the year rules."""

from __future__ import annotations

from datetime import date

import pytest

from wirewatch.structure import parse_dateline
from wirewatch.structure.dateline import find_dateline

PUBLISHED = date(2016, 12, 9)

# (paragraph, expected dateline text, place, agency, date with PUBLISHED given)
POSITIVE = [
    # TASS
    ("MOSCOW, December 9. /TASS/. The Kremlin said on Friday", "MOSCOW, December 9. /TASS/.", "Moscow",
     "TASS", "2016-12-09"),
    ("ST. PETERSBURG, November 30. /TASS/. A new bridge opened", "ST. PETERSBURG, November 30. /TASS/.",
     "St. Petersburg", "TASS", "2016-11-30"),
    ("VLADIVOSTOK, Sept. 4 /ITAR-TASS/. Delegates arrived", "VLADIVOSTOK, Sept. 4 /ITAR-TASS/.",
     "Vladivostok", "TASS", "2016-09-04"),
    # Reuters
    ("WASHINGTON (Reuters) - The Senate voted", "WASHINGTON (Reuters) -", "Washington", "Reuters",
     "2016-12-09"),
    ("LONDON, March 3 (Reuters) - British retail sales fell", "LONDON, March 3 (Reuters) -", "London",
     "Reuters", "2016-03-03"),
    ("KYIV, Ukraine, Dec 8 (Reuters) - Officials said", "KYIV, Ukraine, Dec 8 (Reuters) -", "Kyiv",
     "Reuters", "2016-12-08"),
    # AP
    ("BEIRUT (AP) — Israeli jets struck", "BEIRUT (AP) —", "Beirut", "AP", "2016-12-09"),
    ("NEW YORK (AP) — Stocks rose", "NEW YORK (AP) —", "New York", "AP", "2016-12-09"),
    ("RIO DE JANEIRO, Dec. 1, 2015 (AP) — Rain fell", "RIO DE JANEIRO, Dec. 1, 2015 (AP) —",
     "Rio de Janeiro", "AP", "2015-12-01"),
    # AFP
    ("PARIS (AFP) - France will", "PARIS (AFP) -", "Paris", "AFP", "2016-12-09"),
    ("Paris (AFP) - France will", "Paris (AFP) -", "Paris", "AFP", "2016-12-09"),
    # dpa
    ("Frankfurt/Main (dpa) - Shares in", "Frankfurt/Main (dpa) -", "Frankfurt/Main", "dpa", "2016-12-09"),
    ("BERLIN (dpa) - The German government", "BERLIN (dpa) -", "Berlin", "dpa", "2016-12-09"),
    # UPI
    ("WASHINGTON, Dec. 7 (UPI) -- The Pentagon", "WASHINGTON, Dec. 7 (UPI) --", "Washington", "UPI",
     "2016-12-07"),
    ("SEOUL (UPI) -- North Korea", "SEOUL (UPI) --", "Seoul", "UPI", "2016-12-09"),
    # Xinhua
    ("BEIJING, Jan. 5 (Xinhua) -- China's exports", "BEIJING, Jan. 5 (Xinhua) --", "Beijing", "Xinhua",
     "2016-01-05"),
    ("NAIROBI, Dec. 9 (Xinhua) -- Kenya's", "NAIROBI, Dec. 9 (Xinhua) --", "Nairobi", "Xinhua", "2016-12-09"),
    # Interfax
    ("MOSCOW, 9 December (Interfax) - Gas exports", "MOSCOW, 9 December (Interfax) -", "Moscow",
     "Interfax", "2016-12-09"),
    ("MINSK (Interfax) - Belarus", "MINSK (Interfax) -", "Minsk", "Interfax", "2016-12-09"),
    # Bloomberg
    ("(Bloomberg) -- Oil rose for a third day", "(Bloomberg) --", None, "Bloomberg", "2016-12-09"),
    ("TOKYO (Bloomberg) -- The yen", "TOKYO (Bloomberg) --", "Tokyo", "Bloomberg", "2016-12-09"),
    # CNN
    ("WASHINGTON (CNN) — The White House", "WASHINGTON (CNN) —", "Washington", "CNN", "2016-12-09"),
    ("(CNN) — A powerful storm", "(CNN) —", None, "CNN", "2016-12-09"),
    # RIA Novosti
    ("MOSCOW, Dec. 9 (RIA Novosti) - Russia's", "MOSCOW, Dec. 9 (RIA Novosti) -", "Moscow", "RIA Novosti",
     "2016-12-09"),
    ("KAZAN (RIA Novosti) - A court", "KAZAN (RIA Novosti) -", "Kazan", "RIA Novosti", "2016-12-09"),
    # Anadolu
    ("ANKARA (AA) - Turkish officials", "ANKARA (AA) -", "Ankara", "Anadolu", "2016-12-09"),
    ("ISTANBUL (Anadolu Agency) - Prices", "ISTANBUL (Anadolu Agency) -", "Istanbul", "Anadolu",
     "2016-12-09"),
    # bare
    ("MADRID — Spain's prime minister", "MADRID —", "Madrid", None, "2016-12-09"),
    ("KYIV, Ukraine — Russian drones", "KYIV, Ukraine —", "Kyiv", None, "2016-12-09"),
    ("DAR ES SALAAM, Tanzania – Heavy rain", "DAR ES SALAAM, Tanzania –", "Dar es Salaam", None,
     "2016-12-09"),
    # agency names as the wires write them, normalised
    ("MOSCOW, December 9 /ITAR-TASS/. Talks", "MOSCOW, December 9 /ITAR-TASS/.", "Moscow", "TASS", "2016-12-09"),
    ("WASHINGTON (The Associated Press) — A bill", "WASHINGTON (The Associated Press) —", "Washington", "AP",
     "2016-12-09"),
    ("PARIS (Agence France-Presse) - Strikes", "PARIS (Agence France-Presse) -", "Paris", "AFP", "2016-12-09"),
    ("Frankfurt/Main (DPA) - Shares", "Frankfurt/Main (DPA) -", "Frankfurt/Main", "dpa", "2016-12-09"),
    ("LONDON (REUTERS) - Shares", "LONDON (REUTERS) -", "London", "Reuters", "2016-12-09"),
    # an agency the table does not know: only after a place and a date, before a dash
    ("LEEDS, England, Nov. 21 (Wire Service) - The council", "LEEDS, England, Nov. 21 (Wire Service) -", "Leeds",
     "Wire Service", "2016-11-21"),
    ("Leeds, Nov. 21 (Yorkshire Post) — The council", "Leeds, Nov. 21 (Yorkshire Post) —", "Leeds",
     "Yorkshire Post", "2016-11-21"),
    ("GRAYPORT, Nov. 21 (Wire Service) - The harbour", "GRAYPORT, Nov. 21 (Wire Service) -", "Grayport",
     "Wire Service", "2016-11-21"),
]  # fmt: skip

NEGATIVE = [
    "The Kremlin (Reuters) said on Friday it would not comment.",
    "In Paris (AFP) - no, this is a sentence.",
    "According to earlier reports - the ministry was unaware.",
    "US — a two-letter place needs an agency.",
    "Moscow said on Friday that talks would go on.",
    "NATO officials met in Brussels.",
    '"It goes without saying," he replied.',
    "MOSCOW said nothing — and no dash follows the place.",
    "(Reuters photo) A caption is not a dateline.",
    "",
    # unknown words in parentheses are no agency without place, date and dash
    "LEEDS (Wire Service) - no date, unknown agency.",
    "Leeds, Nov. 21 (Wire Service) said the council met.",
    "PARIS, March 3 (Monday) - a weekday is no agency.",
    "LONDON, March 3 (Updated) - an update note is no agency.",
    "The council, Nov. 21 (Wire Service) - a sentence opening.",
    "He said on Nov. 21 (Wire Service) - not a place.",
    "THE END, Nov. 21 (Wire Service) - shouted words are no place.",
]


@pytest.mark.parametrize(("para", "span", "place", "agency", "iso"), POSITIVE)
def test_dateline_styles(para: str, span: str, place: str | None, agency: str | None, iso: str) -> None:
    prefix = "Headline of the day\n\n"
    text = prefix + para + "\n"
    found = parse_dateline(text, len(prefix), PUBLISHED)
    assert found is not None
    assert found.text == span
    assert text[found.start : found.end] == found.text
    assert found.start == len(prefix)
    assert (found.place, found.agency, found.date, found.date_inferred) == (place, agency, iso, False)


@pytest.mark.parametrize("para", NEGATIVE)
def test_not_a_dateline(para: str) -> None:
    assert parse_dateline(para, 0, PUBLISHED) is None


def test_dateline_looks_only_at_its_own_line() -> None:
    text = "Moscow talks\nMOSCOW (TASS) - x"
    assert parse_dateline(text, 0, PUBLISHED) is None
    assert parse_dateline(text, 13, PUBLISHED) is not None


# (paragraph, published, expected date, inferred, warning fragment or None)
YEAR_RULES = [
    ("LONDON, Dec 9, 2011 (Reuters) - Text.", None, "2011-12-09", False, None),
    ("LONDON, Dec 9, 2011 (Reuters) - Text.", date(2020, 1, 1), "2011-12-09", False, None),
    ("LONDON, Dec 9 (Reuters) - Text.", date(2016, 12, 10), "2016-12-09", False, None),
    # A dateline two months after publication belongs to the year before.
    ("LONDON, Dec 30 (Reuters) - Text.", date(2017, 1, 2), "2016-12-30", False, None),
    ("LONDON, Feb 29 (Reuters) - Text.", date(2017, 3, 1), "2016-02-29", False, None),
    ("LONDON (Reuters) - Text.", date(2016, 12, 9), "2016-12-09", False, None),
    ("LONDON (Reuters) - Text.", None, None, False, None),
    ("LONDON, Dec 9 (Reuters) - Text without a weekday.", None, "--12-09", False, "no year"),
    (
        "MOSCOW, December 9. /TASS/. Peskov told the media on Friday.",
        None,
        "2022-12-09",
        True,
        "dateline year inferred from weekday Friday: candidates 1994, 2005, 2011, 2016, 2022; chose 2022",
    ),
    # "last Friday" is not the day of the dateline; the plain "Tuesday" is.
    (
        "MOSCOW, March 1. /TASS/. Since last Friday, talks went on; on Tuesday they ended.",
        None,
        "2022-03-01",
        True,
        "weekday Tuesday",
    ),
]


@pytest.mark.parametrize(("para", "published", "iso", "inferred", "warning"), YEAR_RULES)
def test_year_rules(para: str, published: date | None, iso: str | None, inferred: bool, warning: str | None) -> None:
    found = find_dateline(para, 0, published, today=date(2026, 11, 25))
    assert found is not None
    assert (found.dateline.date, found.dateline.date_inferred) == (iso, inferred)
    if warning is None:
        assert found.warnings == ()
    else:
        assert len(found.warnings) == 1 and warning in found.warnings[0]


def test_inferred_year_never_in_the_future() -> None:
    # 25 November fell on a Wednesday in 2026 but "today" is earlier: that year is not offered.
    found = find_dateline("PARIS, Nov 25 (AFP) - On Wednesday it rained.", 0, None, today=date(2026, 11, 1))
    assert found is not None
    assert found.dateline.date == "2020-11-25"
