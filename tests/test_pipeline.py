"""The stages before the parse, shared by the batch's id check and the full extraction."""

from __future__ import annotations

from wirewatch.config import Settings
from wirewatch.models import RawDocument
from wirewatch.pipeline import extract_document, prepare_document

TEXT = (
    "Harbour works delayed\n\n"
    "GRAYPORT, March 3 (Wire Service) - The harbour master said on Monday the works would take "
    'another month. \ud800 "We need the pier back," she told reporters.\n'
)


def test_the_id_before_the_parse_is_the_record_id_even_with_lone_surrogates() -> None:
    doc = RawDocument(path="surrogate.txt", text=TEXT)
    settings = Settings.load()
    prepared = prepare_document(doc, settings)
    assert "\ud800" not in prepared.doc.text  # mended first, offsets kept
    assert len(prepared.doc.text) == len(TEXT)
    assert extract_document(doc, settings).id == prepared.id
    # A prepared document goes through the same stages without its structure being found again.
    assert extract_document(prepared, settings).to_dict() == extract_document(doc, settings).to_dict()
