"""The shared query layer: checked filters, pages and highlighted article text."""

from __future__ import annotations

import html

import pytest

from wirewatch.query import QueryError, Segment, highlight, make_filter, search
from wirewatch.store import Store

from ..store.test_sqlite import KREMLIN, kremlin_record, port_record


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": "quoted"}, "kind"),
        ({"date_from": "2024-13-01"}, "calendar date"),
        ({"date_to": "yesterday"}, "YYYY-MM-DD"),
        ({"date_from": "2024-05-02", "date_to": "2024-05-01"}, "after"),
        ({"text": "x" * 501}, "longer than"),
        ({"speaker": "a\x00b"}, "NUL"),
    ],
)
def test_bad_filters_are_query_errors(kwargs: dict[str, str], message: str) -> None:
    with pytest.raises(QueryError, match=message):
        make_filter(**kwargs)


def test_empty_strings_mean_no_filter() -> None:
    f = make_filter(text=" ", speaker="", kind="", date_from="")
    assert (f.text, f.speaker, f.kind, f.date_from) == (None, None, None, None)


def test_pages(empty_store: Store) -> None:
    empty_store.add_article(kremlin_record())
    empty_store.add_article(port_record())
    first = search(empty_store, make_filter(), limit=2)
    assert len(first.items) == 2 and first.has_more
    last = search(empty_store, make_filter(), limit=2, offset=4)
    assert len(last.items) == 1 and not last.has_more
    with pytest.raises(QueryError):
        search(empty_store, make_filter(), limit=0)
    with pytest.raises(QueryError):
        search(empty_store, make_filter(), order="sideways")


def test_highlight_covers_the_text_once_with_nested_marks() -> None:
    record = kremlin_record()
    record["dates"] = [{"text": "March 14", "start": KREMLIN.index("March 14"), "end": KREMLIN.index("March 14") + 8}]
    segments = highlight(record)
    assert "".join(s.text for s in segments) == KREMLIN
    assert all(isinstance(s, Segment) for s in segments)
    quote = next(s for s in segments if "quote" in s.marks)
    assert quote.text == "The worst outcome would be silence" and "Dmitry Peskov" in (quote.title or "")
    assert any(s.marks == ("speaker",) and s.text in "Dmitry Peskov" for s in segments)
    assert any("date" in s.marks for s in segments)


def test_highlight_ignores_bad_offsets_and_keeps_markup_as_text() -> None:
    text = "<b>Head</b>\n\n<script>alert(1)</script> said nobody.\n"
    record = {"text": text, "quotes": [{"start": 13, "end": 38, "pieces": [[13, 38], [99, 5]], "speaker": {}}]}
    segments = highlight(record)
    assert "".join(s.text for s in segments) == text
    assert html.escape(segments[0].text) != segments[0].text  # escaping is the template's job
