"""Layouts that carry attribution: bulleted lists a source introduces, and "She went on:" before a quotation."""

from __future__ import annotations

import wirewatch

ARTICLE = (
    "Committee attacks ferry fares\n\n"
    "Ferry fares are far too high, the Transport Select Committee said on Monday.\n\n"
    "Points raised in the report included:\n\n"
    " - Operators should publish their fares a year ahead.\n\n"
    " - The government should consider a cap on peak-time prices.\n\n"
    " - Harbour fees must be cut for island residents.\n\n"
    "Operators said they would study the report."
)


def test_each_item_of_an_introduced_list_is_the_sources() -> None:
    record = wirewatch.extract(ARTICLE, published="2024-05-02")
    items = [q for q in record.quotes if q.text.startswith(("Operators should", "The government should", "Harbour"))]
    assert [q.text for q in items] == [
        "Operators should publish their fares a year ahead.",
        "The government should consider a cap on peak-time prices.",
        "Harbour fees must be cut for island residents.",
    ]
    # the report speaks for the committee that issued it, and the item's own clause
    # ("The government should consider") is no attribution of the government's
    assert {q.speaker.name for q in items} == {"Transport Select Committee"}
    assert all(q.speaker.mention == "the report" for q in items)


def test_dashes_without_an_introducing_clause_are_no_list() -> None:
    text = "Ferry news\n\nThe ferry left at noon.\n\n - Operators should publish their fares a year ahead.\n"
    record = wirewatch.extract(text, published="2024-05-02")
    assert not any(q.text.startswith("Operators should") for q in record.quotes)


def test_went_on_gives_the_quotation_after_the_colon_to_its_subject() -> None:
    text = (
        "Ferry fares row\n\n"
        'He said: "For example, one crossing in three runs empty. "We are already losing money on the '
        'winter routes." Ms Anna Berg, MP for the islands, believes the ferries are something we should '
        'protect. She said her plan means "we would not have so-called experts deciding." She went on: '
        '"What I would like to see is a board which actually looks at the fares and publishes them."'
    )
    record = wirewatch.extract(text, published="2024-05-02")
    quote = next(q for q in record.quotes if "What I would like" in q.text)
    assert quote.speaker.mention == "She" and quote.speaker.name == "Anna Berg"
    assert quote.cue is not None and quote.cue.text == "went on"
