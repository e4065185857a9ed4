"""Quotation-mark spans: straight and curly marks, apostrophes, unclosed quotes."""

from __future__ import annotations

import pytest

import wirewatch
from wirewatch.attribution.content import quote_kind
from wirewatch.quotemarks import find_quote_spans, find_single_quote_spans


def inner_texts(text: str) -> list[str]:
    return [text[slice(*q.inner(text))] for q in find_quote_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We are ready," he said.', ["We are ready,"]),
        ("\u201cWe are ready,\u201d he said.", ["We are ready,"]),
        ('"One," she said, "and two."', ["One,", "and two."]),
        ("Other countries' aircraft were grounded.", []),
        ("Russia\u2019s jets and the pilots\u2019 union.", []),
        ("He said nothing.", []),
        ('"This quote never closes and runs on', ["This quote never closes and runs on"]),
        ("\u00abNous sommes pr\u00eats\u00bb, a-t-il dit.", ["Nous sommes pr\u00eats"]),
        ('The so-called "reform" failed.', ["reform"]),
        # consecutive quoted sentences, each opened and none closed but the last
        (
            'He said: "The plan is dead. "We start again in May." Then he left.',
            ["The plan is dead.", "We start again in May."],
        ),
        ('She called it "a mess" and "a disgrace".', ["a mess", "a disgrace"]),
        ('"Are we done? "No," she said.', ["Are we done?", "No,"]),
    ],
)
def test_quote_spans(text: str, expected: list[str]) -> None:
    assert inner_texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected", "continues"),
    [
        # paragraphs of one quotation run together: each reopening mark starts a new stretch
        (
            'Ms Holt said: "The ferry is late. "The crews are tired." She left.',
            ["The ferry is late.", "The crews are tired."],
            [False, True],
        ),
        (
            '"One. "Two? "Three!" he said.',
            ["One.", "Two?", "Three!"],
            [False, True, True],
        ),
        # an inner quotation ends the sentence before the mark
        ('She said: "It is a \'crisis\'. "We act now."', ["It is a 'crisis'.", "We act now."], [False, True]),
        # a mark with a space after it, or one after a word, still closes
        ('"It can happen, " he said. "Yes."', ["It can happen,", "Yes."], [False, False]),
        ('Jim "the Rocket " Hale won.', ["the Rocket"], [False]),
        # no sentence end before the mark: an ordinary closing mark and a new quotation
        ('"We are ready" "to go," he said.', ["We are ready", "to go,"], [False, False]),
    ],
)
def test_reopened_quotation_stretches(text: str, expected: list[str], continues: list[bool]) -> None:
    spans = find_quote_spans(text)
    assert [text[slice(*q.inner(text))] for q in spans] == expected
    assert [q.continues for q in spans] == continues
    # a stretch that the next one continues has no closing mark of its own
    assert all(q.open_ended for q, nxt in zip(spans[:-1], spans[1:], strict=True) if nxt.continues)


def test_spans_stay_inside_paragraph_bounds() -> None:
    text = 'First "alpha beta" line.\n"Second paragraph opens and never closes\nThird.'
    first_end = text.index("\n")
    spans = find_quote_spans(text, 0, first_end)
    assert [text[s.start : s.end] for s in spans] == ['"alpha beta"']
    second = find_quote_spans(text, first_end + 1, text.index("\n", first_end + 1))
    assert len(second) == 1 and second[0].open_ended


def test_double_apostrophe_is_a_quotation_mark() -> None:
    text = "He said, ''We are ready,'' and left. The pilots' union's view differs."
    assert inner_texts(text) == ["We are ready,"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mayor Calls Harbour Plan \u2018A Reckless Gamble\u2019", ["A Reckless Gamble"]),
        ("The port\u2019s budget and the pilots\u2019 union.", []),
        ("Union Says Talks Are \u2018Over\u2019 as Port\u2019s Deadline Passes", ["Over"]),
        ("Guide says \u2018it\u2019s time\u2019 to go", ["it\u2019s time"]),
    ],
)
def test_single_quote_spans(text: str, expected: list[str]) -> None:
    assert [text[slice(*q.inner(text))] for q in find_single_quote_spans(text)] == expected


def test_single_quotes_make_a_headline_mixed() -> None:
    # PolNeAR counts curly single quotes as quotation marks when it derives the kind
    text = "Mayor Calls Harbour Plan \u2018A Reckless Gamble\u2019"
    content = (text.index("Harbour"), len(text))
    assert quote_kind(text, [content], find_quote_spans(text)) == "indirect"
    assert quote_kind(text, [content], find_single_quote_spans(text)) == "mixed"


def test_double_apostrophe_closing_over_a_nested_quotation() -> None:
    # the quotation's own quote ends with it: the closing mark is the last two apostrophes
    text = "''She kept asking me, 'What did the harbour master mean?''' Mr. Holm said."
    (span,) = find_quote_spans(text)
    assert text[span.end :].startswith(" Mr. Holm")
    record = wirewatch.extract("Harbour plan approved\n\n" + text, published="2021-03-05")
    assert [q.speaker.mention for q in record.quotes] == ["Mr. Holm"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # archives mix the styles within one quotation: the other style's mark after a word closes it
        (
            '\u201cThe pier will not last," she said. "We need the money now,\u201d he said.',
            ["The pier will not last,", "We need the money now,"],
        ),
        # ... but a mark of the other style that opens a word starts a quotation inside this one
        ('\u201cThey called it "a dead end" in May,\u201d she said.', ['They called it "a dead end" in May,']),
        (
            '"They called it \u201ca dead end\u201d in May," she said.',
            ["They called it \u201ca dead end\u201d in May,"],
        ),
    ],
)
def test_mixed_quotation_marks(text: str, expected: list[str]) -> None:
    assert [text[slice(*q.inner(text))] for q in find_quote_spans(text)] == expected
    assert not any(q.open_ended for q in find_quote_spans(text))


def test_a_mixed_closing_mark_lets_the_cue_after_it_speak() -> None:
    text = 'Harbour plan approved\n\n\u201cThe pier will not last the winter," Ms. Ortega remarked on Friday.'
    record = wirewatch.extract(text, published="2021-03-05")
    assert [(q.speaker.mention, q.cue.text if q.cue else None) for q in record.quotes] == [("Ms. Ortega", "remarked")]
