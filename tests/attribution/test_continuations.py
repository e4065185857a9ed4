"""Quotations in stretches: paragraphs of one quotation run together ('"A. "B."'), and a
quotation carried over from the paragraph before. Sentences written for these tests."""

from __future__ import annotations

import wirewatch
from wirewatch.models import Quote

HEAD = "Ferry service cut\n\n"


def quotes_of(body: str) -> tuple[str, tuple[Quote, ...]]:
    record = wirewatch.extract(HEAD + body, published="2021-03-05")
    return record.text, record.quotes


def holding(text: str, quotes: tuple[Quote, ...], words: str) -> list[Quote]:
    """The quotes one of whose pieces holds the words."""
    return [q for q in quotes if any(words in text[s:e] for s, e in q.pieces)]


def test_reopened_stretches_are_pieces_of_the_quote_they_continue() -> None:
    body = (
        'Ferry operator chief Anna Holt said: "The crossing has lost money for three winters running. '
        '"Our crews and our passengers deserve a timetable that can be kept all year." '
        'She added: "We will review the decision in the spring."'
    )
    text, quotes = quotes_of(body)
    [first] = holding(text, quotes, "lost money for three winters")
    assert holding(text, quotes, "deserve a timetable that can be kept") == [first]
    assert first.cue is not None and first.cue.text == "said" and first.kind == "direct"
    assert first.speaker.name == "Anna Holt" and len(first.pieces) == 2
    [added] = holding(text, quotes, "review the decision in the spring")
    assert added is not first and added.cue is not None and added.cue.text == "added"


def test_a_stretch_ending_a_sentence_is_no_content_of_the_clause_after_it() -> None:
    # '"A. "B." Mr X agreed': the last stretch belongs to the quotation, not to "agreed"
    body = (
        'Harbour master Tom Reed said: "The winter timetable was never going to work for the island. '
        '"The boats are too old and the crews are too few." '
        "Councillor Jane Moss agreed and said the council would meet the operator next week."
    )
    text, quotes = quotes_of(body)
    [reed] = holding(text, quotes, "boats are too old")
    assert reed.speaker.name == "Tom Reed" and reed.cue is not None and reed.cue.text == "said"
    assert holding(text, quotes, "never going to work for the island") == [reed]
    [moss] = holding(text, quotes, "the council would meet the operator")
    assert moss.speaker.name == "Jane Moss"


def test_a_stretch_ending_in_a_comma_keeps_its_tag() -> None:
    body = '"The crossing is safe. "The boats are old but sound," said Tom Reed, the harbour master.'
    text, quotes = quotes_of(body)
    [reed] = holding(text, quotes, "old but sound")
    assert reed.speaker.name == "Tom Reed" and reed.cue is not None and reed.cue.text == "said"
    assert holding(text, quotes, "The crossing is safe") == [reed]


def test_a_quotation_left_open_goes_on_in_the_next_paragraph_whatever_follows_it() -> None:
    # the paragraph opening the quotation's next stretch also reports someone else afterwards
    body = (
        'Union official Lena Marsh told the BBC: "Crews have been asking for new boats for years.\n\n'
        '"Nobody in the ministry has listened to them. "Now the winter service is gone." '
        "Transport minister Paul Crane said the ministry had offered a new contract in January."
    )
    text, quotes = quotes_of(body)
    [marsh] = holding(text, quotes, "asking for new boats")
    assert marsh.speaker.name == "Lena Marsh"
    assert holding(text, quotes, "Nobody in the ministry has listened") == [marsh]
    assert holding(text, quotes, "the winter service is gone") == [marsh]
    [crane] = holding(text, quotes, "offered a new contract")
    assert crane.speaker.name == "Paul Crane"


def test_a_paragraph_opening_with_quotation_after_the_speakers_report_goes_on_with_them() -> None:
    # the previous paragraph reports Crane; this one opens with more of his words, then moves on
    body = (
        "Harbour spokesman Paul Crane said the timetable would be restored, adding that the boats "
        "were being repaired.\n\n"
        '"The crews have worked through the night and the first ferry will sail on Monday." '
        "Even before the repairs began, the council was being urged to buy a new boat."
    )
    text, quotes = quotes_of(body)
    [crane] = holding(text, quotes, "the timetable would be restored")
    assert holding(text, quotes, "first ferry will sail on Monday") == [crane]
    assert crane.speaker.name == "Paul Crane"


def test_a_transcript_label_opening_the_quotation_is_a_new_speaker() -> None:
    body = (
        'The interview went as follows:\n\n"HOST: Will the ferry sail on Monday?\n\n'
        '"CRANE: The first ferry will sail on Monday, and the second on Tuesday.'
    )
    text, quotes = quotes_of(body)
    [answer] = holding(text, quotes, "the second on Tuesday")
    assert holding(text, quotes, "Will the ferry sail on Monday") != [answer]
