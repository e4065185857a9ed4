"""Bulleted lists a source introduces: each item is an attribution of that source."""

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
