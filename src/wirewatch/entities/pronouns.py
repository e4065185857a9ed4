"""Who a pronoun stands for, and the record of who spoke that pronouns lean on.

"he" and "she" continue the last speaker when the gender fits (a spokeswoman for a body makes
"she" that body), unless a person of that gender was named since as the subject of a main
clause outside quotation marks ("... Lavrov. He said"); otherwise the last person of that
gender named. "it" is the last body that spoke, else the last organisation named; "they" is the
last body that spoke. The caller keeps the :class:`Discourse` as it walks the article's
attributions in order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from wirewatch.entities.clusters import Gender, ResolvedEntity
from wirewatch.models import ResolvedBy

if TYPE_CHECKING:
    from spacy.tokens import Token

PRONOUN_WINDOW_CHARS = 2500
# a pronoun's last speaker gives way to a person of the right gender named this close before it
TAKEOVER_CHARS = 300
PERSONAL_PRONOUNS: dict[str, Gender] = {"he": "m", "she": "f", "him": "m", "her": "f", "his": "m"}


class MentionIndex(Protocol):
    """What pronoun resolution reads of the article: its mentions in order and its tokens."""

    timeline: list[tuple[int, int, ResolvedEntity]]

    def tokens_at(self, start: int, end: int) -> Sequence[Token]: ...

    def quoted(self, at: int) -> bool: ...


@dataclass(frozen=True)
class Resolution:
    """Who a mention stands for and how that was found."""

    entity: ResolvedEntity
    how: ResolvedBy
    gender: Gender | None = None  # the gender the mention itself shows ("spokeswoman")


@dataclass
class Discourse:
    """Who spoke, in order: kept by the caller as it walks the article's attributions."""

    history: list[tuple[int, Resolution]] = field(default_factory=list)
    # the issuer of the last document of each kind ("report", "minutes")
    documents: dict[str, ResolvedEntity] = field(default_factory=dict)

    @property
    def last(self) -> tuple[int, Resolution] | None:
        return self.history[-1] if self.history else None

    def note(self, at: int, resolution: Resolution | None) -> None:
        if resolution is not None:
            self.history.append((at, resolution))


def fits(res: Resolution, gender: Gender) -> bool:
    """Whether who spoke last can be a pronoun of this gender."""
    if res.entity.kind == "organization":
        return res.gender == gender  # "a spokeswoman for the union ... she said"
    g = res.gender or res.entity.gender
    return g is None or g == gender


def personal_pronoun(
    index: MentionIndex, at: int, gender: Gender, discourse: Discourse, content: Sequence[tuple[int, int]] = ()
) -> Resolution | None:
    """ "he", "she": the last speaker when the gender fits, unless a person of that gender was
    named as a subject since; else the last person of that gender named. Never a person the
    words attributed name ("he still trusted Mr Blair" is not Mr Blair's): ``content`` is their
    spans."""
    named_inside = {
        id(c) for s, _, c in index.timeline if c.kind == "person" and any(lo <= s < hi for lo, hi in content)
    }
    last = discourse.last
    if (
        last is not None
        and at - last[0] <= PRONOUN_WINDOW_CHARS
        and fits(last[1], gender)
        and id(last[1].entity) not in named_inside
    ):
        # a person of that gender named after the last speaker, close before the pronoun,
        # takes over ("... Lavrov. He said")
        later = [
            c
            for s, _, c in index.timeline
            if last[0] < s < at
            and at - s <= TAKEOVER_CHARS
            and c.kind == "person"
            and c is not last[1].entity
            and is_subject(index, s)
        ]
        if later and later[-1].gender == gender:
            return Resolution(later[-1], "pronoun")
        return Resolution(last[1].entity, "pronoun", last[1].gender)
    before = [
        c
        for s, _, c in index.timeline
        if s < at
        and c.kind == "person"
        and at - s <= PRONOUN_WINDOW_CHARS
        and c.gender in (None, gender)
        and id(c) not in named_inside
    ]
    if not before:
        return None
    exact = [c for c in before if c.gender == gender]
    return Resolution((exact or before)[-1], "pronoun")


def is_subject(index: MentionIndex, at: int) -> bool:
    """Whether the name at this offset is a clause's subject ("... Lavrov. He said")."""
    toks = index.tokens_at(at, at + 1)
    if not toks:
        return False
    tok = toks[0]
    while tok.dep_ in {"compound", "flat", "amod", "det", "appos"} and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ not in {"nsubj", "nsubjpass"} or tok.head.dep_ not in {"ROOT", "conj"}:
        return False  # "for which Tony Blair apologised" introduces nobody
    # a name inside a quotation is the speaker's words, not a new subject of the report
    return not index.quoted(at)


def it_pronoun(index: MentionIndex, at: int, discourse: Discourse) -> Resolution | None:
    """ "it": the last body or document that spoke, else the last organisation named."""
    for s, res in reversed(discourse.history):
        if at - s > PRONOUN_WINDOW_CHARS:
            break
        if res.entity.kind == "organization" and res.gender is None:
            return Resolution(res.entity, "pronoun")  # the last body that spoke
        if res.how == "document":
            return Resolution(res.entity, "document")  # "His letter quotes ... And it quotes"
    before = [c for s, _, c in index.timeline if s < at and c.kind == "organization" and at - s <= PRONOUN_WINDOW_CHARS]
    return Resolution(before[-1], "pronoun") if before else None


def they_pronoun(index: MentionIndex, at: int, discourse: Discourse) -> Resolution | None:
    """ "they": the last body that spoke; a plural of people is left unnamed."""
    last = discourse.last
    if last is not None and at - last[0] <= PRONOUN_WINDOW_CHARS and last[1].entity.kind == "organization":
        return Resolution(last[1].entity, "pronoun")
    return None
