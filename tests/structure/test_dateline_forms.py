"""Table test of the wire datelines of each agency and their variants (every line invented).

Each row: the paragraph, the dateline's text, its place, agency and date (with the publication
date 2024-03-05 given, so a dateline without a year takes 2024).
"""

from __future__ import annotations

from datetime import date

import pytest

from wirewatch.structure import parse_dateline
from wirewatch.structure.dateline import dateline_region

PUBLISHED = date(2024, 3, 5)

ROWS = [
    # TASS: the plain form, the town with its region, no full stop after the date, ITAR-TASS
    ("MOSCOW, March 3. /TASS/. The ministry said", "MOSCOW, March 3. /TASS/.", "Moscow", "TASS", "2024-03-03"),
    ("NOVO-OGARYOVO /Moscow Region/, March 3. /TASS/. He met",
     "NOVO-OGARYOVO /Moscow Region/, March 3. /TASS/.", "Novo-Ogaryovo", "TASS", "2024-03-03"),
    ("ZHELEZNOGORSK /Kursk Region/, February 28. /TASS/. Drones",
     "ZHELEZNOGORSK /Kursk Region/, February 28. /TASS/.", "Zheleznogorsk", "TASS", "2024-02-28"),
    ("YEISK /Krasnodar Territory/, March 1. /TASS/. A ship", "YEISK /Krasnodar Territory/, March 1. /TASS/.",
     "Yeisk", "TASS", "2024-03-01"),
    ("Sochi /Krasnodar Territory/, March 2. /TASS/. Talks", "Sochi /Krasnodar Territory/, March 2. /TASS/.",
     "Sochi", "TASS", "2024-03-02"),
    ("MINSK, March 4 /TASS/ Belarus said", "MINSK, March 4 /TASS/", "Minsk", "TASS", "2024-03-04"),
    ("KALININGRAD, Feb 29 /ITAR-TASS/. Port traffic", "KALININGRAD, Feb 29 /ITAR-TASS/.", "Kaliningrad", "TASS",
     "2024-02-29"),
    ("UNITED NATIONS, March 1. /TASS/. The council", "UNITED NATIONS, March 1. /TASS/.", "United Nations", "TASS",
     "2024-03-01"),
    # Interfax and Interfax-Ukraine: a full stop or a comma after the place
    ("MOSCOW. March 4 (Interfax) - Gas output", "MOSCOW. March 4 (Interfax) -", "Moscow", "Interfax", "2024-03-04"),
    ("ST. PETERSBURG, March 4 (Interfax) - The port", "ST. PETERSBURG, March 4 (Interfax) -", "St. Petersburg",
     "Interfax", "2024-03-04"),
    ("KYIV. March 2 (Interfax-Ukraine) – The parliament", "KYIV. March 2 (Interfax-Ukraine) –", "Kyiv",
     "Interfax-Ukraine", "2024-03-02"),
    # RIA Novosti and Sputnik: in brackets, or after the dash
    ("MOSCOW, March 3 (RIA Novosti) - The court", "MOSCOW, March 3 (RIA Novosti) -", "Moscow", "RIA Novosti",
     "2024-03-03"),
    ("MOSCOW, March 3 - RIA Novosti. The court", "MOSCOW, March 3 - RIA Novosti.", "Moscow", "RIA Novosti",
     "2024-03-03"),
    ("SIMFEROPOL, March 1 – RIA Novosti. Ferries", "SIMFEROPOL, March 1 – RIA Novosti.", "Simferopol", "RIA Novosti",
     "2024-03-01"),
    ("MOSCOW (Sputnik) - The ministry", "MOSCOW (Sputnik) -", "Moscow", "Sputnik", "2024-03-05"),
    # Reuters: with and without a date, two cities, a service, the agency alone
    ("LONDON (Reuters) - Prices fell", "LONDON (Reuters) -", "London", "Reuters", "2024-03-05"),
    ("LONDON, March 4 (Reuters) - Prices fell", "LONDON, March 4 (Reuters) -", "London", "Reuters", "2024-03-04"),
    ("WASHINGTON/LONDON (Reuters) - Officials", "WASHINGTON/LONDON (Reuters) -", "Washington/London", "Reuters",
     "2024-03-05"),
    ("NEW YORK (Reuters Health) - Adults who", "NEW YORK (Reuters Health) -", "New York", "Reuters", "2024-03-05"),
    ("(Reuters) - The company said", "(Reuters) -", None, "Reuters", "2024-03-05"),
    # AP: a state abbreviation, the old plain-text dash, the full name
    ("HAYWARD, Calif. (AP) — A man", "HAYWARD, Calif. (AP) —", "Hayward", "AP", "2024-03-05"),
    ("BATON ROUGE, La. (AP) — Lawmakers", "BATON ROUGE, La. (AP) —", "Baton Rouge", "AP", "2024-03-05"),
    ("WASHINGTON (AP) _ The Senate", "WASHINGTON (AP) _", "Washington", "AP", "2024-03-05"),
    ("DENVER (The Associated Press) — Snow", "DENVER (The Associated Press) —", "Denver", "AP", "2024-03-05"),
    # AFP: capitals or title case, with a date
    ("PARIS (AFP) - Farmers", "PARIS (AFP) -", "Paris", "AFP", "2024-03-05"),
    ("Dakar (AFP) - Voters", "Dakar (AFP) -", "Dakar", "AFP", "2024-03-05"),
    ("GENEVA, March 4 (AFP) - The agency", "GENEVA, March 4 (AFP) -", "Geneva", "AFP", "2024-03-04"),
    # dpa: title case, a slash place, a regional service
    ("Berlin (dpa) - The coalition", "Berlin (dpa) -", "Berlin", "dpa", "2024-03-05"),
    ("Frankfurt am Main (dpa) - Shares", "Frankfurt am Main (dpa) -", "Frankfurt am Main", "dpa", "2024-03-05"),
    ("Düsseldorf (dpa/lnw) - Police", "Düsseldorf (dpa/lnw) -", "Düsseldorf", "dpa", "2024-03-05"),
    # Xinhua: the double dash, a date before the month
    ("BEIJING, March 4 (Xinhua) -- China's", "BEIJING, March 4 (Xinhua) --", "Beijing", "Xinhua", "2024-03-04"),
    ("ADDIS ABABA, 3 March (Xinhua) -- The bloc", "ADDIS ABABA, 3 March (Xinhua) --", "Addis Ababa", "Xinhua",
     "2024-03-03"),
    # UPI: with a place, or the date alone
    ("WASHINGTON, March 4 (UPI) -- The Pentagon", "WASHINGTON, March 4 (UPI) --", "Washington", "UPI", "2024-03-04"),
    ("March 4 (UPI) -- A storm", "March 4 (UPI) --", None, "UPI", "2024-03-04"),
]  # fmt: skip


@pytest.mark.parametrize(("para", "text", "place", "agency", "iso"), ROWS)
def test_wire_dateline_forms(para: str, text: str, place: str | None, agency: str, iso: str) -> None:
    dl = parse_dateline(para, 0, PUBLISHED)
    assert dl is not None, para
    assert (dl.text, dl.place, dl.agency, dl.date) == (text, place, agency, iso)
    assert para[dl.start : dl.end] == dl.text


NOT_DATELINES = [
    "The talks - Reuters. reported nothing",
    "Officials said (Reuters reported) that",
    "In March 4 (UPI) was mentioned",
    "March 4 was a Monday, the paper said",
    "Moscow said on Monday that talks would go on",
]


@pytest.mark.parametrize("para", NOT_DATELINES)
def test_sentences_are_not_datelines(para: str) -> None:
    assert parse_dateline(para, 0, PUBLISHED) is None


def test_row_count() -> None:
    assert len(ROWS) >= 30


REGIONS = [
    ("NOVO-OGARYOVO /Moscow Region/, March 3. /TASS/. He met", "Moscow Region"),
    ("YEISK /Krasnodar Territory/, March 1. /TASS/. A ship", "Krasnodar Territory"),
    ("PARIS, Texas (Reuters) - A storm", "Texas"),
    ("LEEDS, England, Nov. 21 (Wire Service) - The council", "England"),
    ("BEND, Ore. (AP) — Crews", "Ore"),
    # no region
    ("MOSCOW, March 3. /TASS/. The ministry said", None),
    ("LONDON (Reuters) - Shares fell", None),
]


@pytest.mark.parametrize(("para", "region"), REGIONS)
def test_dateline_region(para: str, region: str | None) -> None:
    text = "Headline\n\n" + para
    dl = parse_dateline(text, len("Headline\n\n"), PUBLISHED)
    assert dl is not None
    found = dateline_region(dl)
    if region is None:
        assert found is None
    else:
        assert found is not None and found[0] == region and text[found[1] : found[2]] == region
