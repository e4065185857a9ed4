"""Quotation-mark spans: straight and curly marks, apostrophes, unclosed quotes."""

from __future__ import annotations

import pytest

from wirewatch.attribution.quotemarks import find_quote_spans


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
    ],
)
def test_quote_spans(text: str, expected: list[str]) -> None:
    assert inner_texts(text) == expected


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
