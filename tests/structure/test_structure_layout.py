"""Table tests for :func:`wirewatch.structure.analyse_structure` on plain-text pages written for
these tests: paragraph kinds, bylines, truncation, wrapped text, and the offset contract."""

# ruff: noqa: E501  -- the sample pages keep one paragraph per line, as scraped pages do; wrapping
# them would change what is being tested.

from __future__ import annotations

import re
from datetime import date

import pytest

from wirewatch.config import Settings
from wirewatch.models import Structure
from wirewatch.structure import analyse_structure

SETTINGS = Settings()

# A scraped wire page, one paragraph per line with blank lines between (the usual TASS shape).
WIRE_PAGE = """\
Home > World > Europe
All news
Share

Finland says border crossings will stay closed through winter

Helsinki cites a rise in unauthorised crossings over the past month

By Anna Virtanen, Reuters

HELSINKI, November 14 (Reuters) - Finland will keep its eastern border crossings shut until the spring, the interior minister said on Tuesday.

"We cannot reopen the crossings while the pressure continues," Interior Minister Mari Rantanen told reporters in Helsinki. "The decision was not easy."

Advertisement

The government first closed the crossings last year after hundreds of people arrived at the frontier within weeks.

Talks with Brussels

Officials are discussing with the European Commission how the closure fits with asylum rules, a spokesman for the ministry said

Critics, including several rights groups, say that the closure leaves asylum seekers with no safe way to reach the country and to file their claims at the

What happens next?

The ministry will review the decision in March, Rantanen said.

Related stories
Finland extends border closure amid migrant surge
Estonia weighs similar steps on its eastern frontier
© 2023 Example Wire. All rights reserved.
"""

# One paragraph per line, no blank lines, a bare dateline, a caption and a cookie notice.
AP_PAGE = """\
We use cookies to improve your experience. Accept
Storm leaves thousands without power across the Gulf Coast
Jane Smith | AP
NEW ORLEANS (AP) — A powerful storm knocked out power to more than 200,000 homes on Thursday.
Photo: A lineman works on a downed cable in Metairie, Louisiana.
"Crews will work around the clock," said Mayor John Carter. "It will take days."
* * *
Forecasters expect calmer weather by the weekend.
"""

# Hard-wrapped at about 70 columns, paragraphs separated by blank lines.
WRAPPED = """\
Council approves new tram line after two years of debate

By Maria Lopez

MADRID — The city council approved the construction of a new tram line
on Wednesday, ending two years of debate over its cost and its route
through the old town.

"This is a good day for the city," the mayor told reporters after the
vote. "The tram will be running before the next election."

Opponents said the project was too expensive and would disrupt traffic
for years.
"""

# No dateline at all: the body starts at the first prose paragraph.
NO_DATELINE = """\
Menu
Scientists find ice deposits near the lunar south pole
Researchers said on Monday that new radar data point to large ice deposits in shadowed craters.
The findings will guide the choice of landing sites for future missions, they said.
"""

SAMPLES = {"wire": WIRE_PAGE, "ap": AP_PAGE, "wrapped": WRAPPED, "no_dateline": NO_DATELINE}


def _kind_of(text: str, structure: Structure, line_start: str) -> tuple[str, bool]:
    """Kind and truncated flag of the paragraph that starts with ``line_start``."""
    for p in structure.paragraphs:
        if text[p.start : p.end].startswith(line_start):
            return p.kind, p.truncated
    raise AssertionError(f"no paragraph starts with {line_start!r}")


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_paragraphs_cover_every_line_and_offsets_hold(name: str) -> None:
    text = SAMPLES[name]
    s = analyse_structure(text, date(2023, 11, 14), SETTINGS)
    covered = [(p.start, p.end) for p in s.paragraphs]
    assert covered == sorted(covered)
    for (_, end), (start, _) in zip(covered, covered[1:], strict=False):
        assert end < start
    for p in s.paragraphs:
        chunk = text[p.start : p.end]
        assert chunk and chunk == chunk.strip()
    for m in re.finditer(r"[^\n]+", text):
        if m.group(0).strip():
            assert any(start <= m.start() + 1 and m.end() - 1 <= end for start, end in covered), m.group(0)
    for span in (s.headline, s.byline, s.dateline):
        if span is not None:
            assert text[span.start : span.end] == span.text


# (sample, start of a line, expected kind, expected truncated)
KINDS = [
    ("wire", "Home > World > Europe", "set_aside", False),
    ("wire", "All news", "set_aside", False),
    ("wire", "Share", "set_aside", False),
    ("wire", "Finland says border crossings", "headline", False),
    ("wire", "Helsinki cites a rise", "lead", False),
    ("wire", "By Anna Virtanen", "set_aside", False),
    ("wire", "HELSINKI, November 14", "body", False),
    ("wire", '"We cannot reopen', "body", False),
    ("wire", "Advertisement", "set_aside", False),
    ("wire", "Talks with Brussels", "subheading", False),
    ("wire", "Officials are discussing", "body", False),  # ends "... said": not cut
    ("wire", "Critics, including", "body", True),  # ends "... at the": cut
    ("wire", "What happens next?", "subheading", False),
    ("wire", "The ministry will review", "body", False),
    ("wire", "Related stories", "set_aside", False),
    ("wire", "Finland extends border closure", "set_aside", False),
    ("wire", "Estonia weighs", "set_aside", False),
    ("wire", "© 2023", "set_aside", False),
    ("ap", "We use cookies", "set_aside", False),
    ("ap", "Storm leaves thousands", "headline", False),
    ("ap", "Jane Smith | AP", "set_aside", False),
    ("ap", "NEW ORLEANS (AP)", "body", False),
    ("ap", "Photo: A lineman", "set_aside", False),
    ("ap", "* * *", "set_aside", False),
    ("ap", "Forecasters expect", "body", False),
    ("wrapped", "Council approves", "headline", False),
    ("wrapped", "By Maria Lopez", "set_aside", False),
    ("wrapped", "MADRID — The city council", "body", False),
    ("wrapped", "Opponents said", "body", False),
    ("no_dateline", "Menu", "set_aside", False),
    ("no_dateline", "Scientists find ice", "headline", False),
    ("no_dateline", "Researchers said", "body", False),
    ("no_dateline", "The findings", "body", False),
]


@pytest.mark.parametrize(("name", "line", "kind", "truncated"), KINDS)
def test_paragraph_kinds(name: str, line: str, kind: str, truncated: bool) -> None:
    text = SAMPLES[name]
    s = analyse_structure(text, date(2023, 11, 14), SETTINGS)
    assert _kind_of(text, s, line) == (kind, truncated)


@pytest.mark.parametrize(
    ("name", "headline", "byline", "dateline"),
    [
        ("wire", "Finland says border crossings will stay closed through winter", "By Anna Virtanen, Reuters",
         "HELSINKI, November 14 (Reuters) -"),
        ("ap", "Storm leaves thousands without power across the Gulf Coast", "Jane Smith | AP",
         "NEW ORLEANS (AP) —"),
        ("wrapped", "Council approves new tram line after two years of debate", "By Maria Lopez", "MADRID —"),
        ("no_dateline", "Scientists find ice deposits near the lunar south pole", None, None),
    ],
)  # fmt: skip
def test_headline_byline_dateline(name: str, headline: str, byline: str | None, dateline: str | None) -> None:
    s = analyse_structure(SAMPLES[name], date(2023, 11, 14), SETTINGS)
    assert s.headline is not None and s.headline.text == headline
    assert (s.byline.text if s.byline else None) == byline
    assert (s.dateline.text if s.dateline else None) == dateline


def test_wrapped_lines_join_into_one_paragraph() -> None:
    s = analyse_structure(WRAPPED, None, SETTINGS)
    texts = [WRAPPED[p.start : p.end] for p in s.paragraphs if p.kind == "body"]
    assert len(texts) == 3
    assert texts[0].startswith("MADRID") and texts[0].endswith("through the old town.")
    assert texts[1].endswith('before the next election."')


def test_one_line_per_paragraph_is_not_joined() -> None:
    s = analyse_structure(AP_PAGE, None, SETTINGS)
    assert len(s.paragraphs) == len([ln for ln in AP_PAGE.splitlines() if ln.strip()])


# A page template: a paragraph under test between two body paragraphs.
TEMPLATE = (
    "Parliament passes budget after all-night session\n\n"
    "ROME (AFP) - Italy's parliament approved the budget early on Saturday after a long debate.\n\n"
    "{line}\n\n"
    "The opposition said it would challenge parts of the law in court.\n"
)

# (middle line, expected kind, expected truncated)
MIDDLE_LINES = [
    ("The vote came after the government won a confidence motion on Friday night, officials said",
     "body", False),
    ("The finance minister defended the spending plan, which includes new support for families, he told reporters",
     "body", False),
    ("Among the measures is a tax cut for workers on low and middle incomes that will cost the state more than",
     "body", True),
    ("Lawmakers also approved funds for the reconstruction of areas hit by floods under a progr",
     "body", True),
    # A cut inside a capitalised word looks like a missing full stop: documented as not flagged.
    ("Lawmakers also approved funds for the reconstruction of areas hit by floods in Emilia-Romag",
     "body", False),
    ("The session ended in the early hours in the chamber of deputies in central Rome, near the Pantheon",
     "body", False),  # ends on a capitalised name: a missing full stop, not a cut
    ("The budget now goes to the president for signature.", "body", False),
    ("Spending plans", "subheading", False),
    ("Who gains from the cuts?", "subheading", False),
    ("Advertisement", "set_aside", False),
    ("Read more", "set_aside", False),
    ("Related: Italy's debt hits new record", "set_aside", False),
    ("Follow us on Telegram", "set_aside", False),
    ("Photo: Lawmakers vote in the chamber", "set_aside", False),
    ("© 2024 Example News. All rights reserved.", "set_aside", False),
    ("December 9, 2016, 14:32 UTC", "set_aside", False),
    ("----------", "set_aside", False),
    ("Reporting by Marco Rossi; Editing by Ann Lee", "set_aside", False),
]  # fmt: skip


@pytest.mark.parametrize(("line", "kind", "truncated"), MIDDLE_LINES)
def test_middle_line_kinds(line: str, kind: str, truncated: bool) -> None:
    text = TEMPLATE.format(line=line)
    s = analyse_structure(text, date(2024, 12, 28), SETTINGS)
    assert _kind_of(text, s, line) == (kind, truncated)
    assert [p.kind for p in s.paragraphs].count("body") >= 2


@pytest.mark.parametrize(
    ("line", "is_byline"),
    [
        ("By Jane Smith", True),
        ("By Jane Smith and John Doe, Reuters", True),
        ("BY ANNA PETROVA, Staff Writer", True),
        ("Jane Smith | AP", True),
        ("Jane Smith, Reuters", True),
        ("By the end of the week prices had doubled", False),
        ("Vladimir Putin, Xi Jinping meet in Beijing", False),
    ],
)
def test_byline(line: str, is_byline: bool) -> None:
    text = f"Prices rise across the euro zone\n\n{line}\n\nBRUSSELS (Reuters) - Prices rose in May, data showed.\n"
    s = analyse_structure(text, date(2024, 6, 1), SETTINGS)
    assert (s.byline is not None and s.byline.text == line) is is_byline


def test_short_line_at_the_end_is_not_a_subheading() -> None:
    text = TEMPLATE.format(line="The budget now goes to the president for signature.") + "\nTop stories\nMore\n"
    s = analyse_structure(text, None, SETTINGS)
    assert [p.kind for p in s.paragraphs][-2:] == ["set_aside", "set_aside"]
    assert "subheading" not in [p.kind for p in s.paragraphs]


def test_no_headline_when_the_text_opens_with_the_dateline() -> None:
    text = "LONDON (Reuters) - Britain's economy grew in the third quarter, official data showed.\n"
    s = analyse_structure(text, date(2024, 11, 15), SETTINGS)
    assert s.headline is None
    assert [p.kind for p in s.paragraphs] == ["body"]
    assert s.dateline is not None and s.dateline.date == "2024-11-15"


def test_year_inference_warning_reaches_the_structure() -> None:
    text = "Talks resume\n\nGENEVA, December 9 (AFP) - Diplomats met on Friday to resume talks.\n"
    with_date = analyse_structure(text, date(2016, 12, 9), SETTINGS)
    assert with_date.dateline is not None and with_date.dateline.date == "2016-12-09"
    assert with_date.warnings == ()
    without = analyse_structure(text, None, SETTINGS)
    assert without.dateline is not None and without.dateline.date_inferred
    assert without.dateline.date == "2022-12-09"
    assert any("weekday Friday" in w for w in without.warnings)
    no_weekday = analyse_structure(text.replace(" on Friday", ""), None, SETTINGS)
    assert no_weekday.dateline is not None and no_weekday.dateline.date == "--12-09"
    assert no_weekday.warnings == ("dateline has no year and no publication date was given",)


@pytest.mark.parametrize("text", ["", "\n\n  \n", "Share\n", "Just one line of text without much to say"])
def test_degenerate_inputs(text: str) -> None:
    s = analyse_structure(text, None, SETTINGS)
    assert len(s.paragraphs) == len([ln for ln in text.splitlines() if ln.strip()])


def test_crlf_offsets() -> None:
    text = "Markets slide on rate fears\r\n\r\nTOKYO (Bloomberg) -- Stocks fell, traders said.\r\n"
    s = analyse_structure(text, date(2024, 1, 5), SETTINGS)
    assert [text[p.start : p.end] for p in s.paragraphs] == [
        "Markets slide on rate fears",
        "TOKYO (Bloomberg) -- Stocks fell, traders said.",
    ]
    assert [p.kind for p in s.paragraphs] == ["headline", "body"]


def test_ragged_line_breaks_inside_a_sentence_are_joined() -> None:
    text = (
        "Mayor defends budget\n\n"
        "The mayor said the plan would\nprotect\nservices for the elderly and\nthe young.\n\n"
        "Council members will vote on Thursday.\n"
    )
    s = analyse_structure(text, None, SETTINGS)
    assert [text[p.start : p.end] for p in s.paragraphs][1] == (
        "The mayor said the plan would\nprotect\nservices for the elderly and\nthe young."
    )


def test_short_lines_after_a_colon_are_list_items_not_subheadings() -> None:
    text = (
        "Union sets out its demands\n\n"
        "The union said its members wanted three things from the talks:\n\n"
        "Higher pay\nShorter shifts\n\n"
        "Talks are due to resume next week, a spokesman said.\n"
    )
    s = analyse_structure(text, None, SETTINGS)
    assert _kind_of(text, s, "Higher pay") == ("body", False)
    assert _kind_of(text, s, "Shorter shifts") == ("body", False)


@pytest.mark.parametrize(
    ("first_line", "is_headline"),
    [
        ("Visa Program Up for Renewal Amid Concerns Over Fraud.", True),  # Title Case with a full stop
        ("Senators Vote to Extend the Program for Another Year.", True),
        ("Senators voted on Friday to extend the program for another year.", False),  # a sentence
    ],
)
def test_title_case_first_line_with_full_stop(first_line: str, is_headline: bool) -> None:
    text = (
        f"{first_line}\n\nThe program, created in 1990, lets investors apply for residence in exchange for funding.\n"
    )
    s = analyse_structure(text, None, SETTINGS)
    assert (s.headline is not None and s.headline.text == first_line) is is_headline


LEDE = (
    "The town council voted on Thursday to approve a budget that raises spending on schools and roads by a "
    "tenth, after two months of debate over how to pay for the repairs the harbour needs before winter."
)


@pytest.mark.parametrize(
    ("first_line", "is_headline"),
    [
        ("Council approves new budget for schools and roads.", True),  # a title with a full stop
        ("Mayor says the harbour repairs cannot wait.", True),
        # Two sentences, or too long for a title: prose.
        ("The vote was close. It ended a long debate.", False),
        ("The council met on Thursday evening in the old town hall to vote on the budget for next year.", False),
    ],
)
def test_short_sentence_above_a_longer_lede_is_the_headline(first_line: str, is_headline: bool) -> None:
    text = f"{first_line}\n\n{LEDE}\n\nThe budget takes effect in January.\n"
    s = analyse_structure(text, None, SETTINGS)
    assert (s.headline is not None and s.headline.text == first_line) is is_headline
    assert _kind_of(text, s, "The town council voted") == ("body", False)


def test_short_first_sentence_above_short_prose_stays_body() -> None:
    # A one-line lede followed by paragraphs no longer than itself is not taken for a title.
    text = "The council approved the budget on Thursday night.\n\nIt passed by nine votes to four, the clerk said.\n"
    s = analyse_structure(text, None, SETTINGS)
    assert s.headline is None


def test_shouted_sentence_is_not_a_dateline() -> None:
    text = (
        "Doctor faces questions over claims\n\n"
        "HE HAS BEEN CALLED OUT BY COLLEAGUES — The television doctor has been criticised for years.\n"
    )
    s = analyse_structure(text, None, SETTINGS)
    assert s.dateline is None


def test_dateline_is_not_looked_for_once_the_body_is_under_way() -> None:
    long = "The opening paragraph runs on for a while, as opening paragraphs of long features often do, " * 2
    text = f"A feature headline here\n\n{long.strip()}\n\n{long.strip()}\n\nLONDON — A later paragraph tells the rest of the story in full.\n"
    s = analyse_structure(text, None, SETTINGS)
    assert s.dateline is None
    assert [p.kind for p in s.paragraphs] == ["headline", "body", "body", "body"]
