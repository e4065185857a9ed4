"""An attribution as the extractor finds it, before its speaker is resolved.

Its own module because the speaker stage (``speakers``) and the pipeline take it as input
without needing anything else of the extractor.
"""

from __future__ import annotations

from dataclasses import dataclass

from wirewatch.models import QuoteKind, Span


@dataclass(frozen=True)
class RawAttribution:
    """An attribution before speaker resolution. Offsets are article offsets."""

    pieces: tuple[tuple[int, int], ...]
    cue: Span | None
    speaker: Span | None
    addressee: Span | None
    paragraph: int
    cue_token: int | None  # token index inside the paragraph doc
    confidence: float
    kind: QuoteKind = "indirect"
    # the head word of the source phrase ("spokeswoman" in "a spokeswoman for the union"):
    # a name counts as the speaker only when it covers this word
    speaker_head: tuple[int, int] | None = None
    # what a relative pronoun stands for: in "an architect, who said", the mention is "who"
    # (as written next to the cue) and the antecedent is "an architect"
    antecedent: Span | None = None

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]
