"""What a content span holds, measured on offsets: the share of its letters inside quotation marks."""

from __future__ import annotations

import random

import pytest

from wirewatch.attribution.content import quote_kind
from wirewatch.quotemarks import QuoteSpan


@pytest.mark.parametrize("seed", range(30))
def test_quote_kind_counts_the_letters_inside_quotation_marks(seed: int) -> None:
    rng = random.Random(seed)
    text = "".join(rng.choice("ab ,.") for _ in range(80))
    quotes = []
    for _ in range(rng.randrange(4)):
        a = rng.randrange(70)
        quotes.append(QuoteSpan(a, a + rng.randrange(2, 30)))
    pieces = [(s, s + rng.randrange(1, 40)) for s in sorted(rng.sample(range(40), 2))]
    pieces = [(s, min(e, len(text))) for s, e in pieces]
    letters = [i for s, e in pieces for i in range(s, e) if text[i].isalnum()]
    inside = [i for i in letters if any(q.start < i < q.end for q in quotes)]
    expected = "indirect" if not letters or not inside else "direct" if len(inside) / len(letters) >= 0.9 else "mixed"
    assert quote_kind(text, pieces, quotes) == expected
