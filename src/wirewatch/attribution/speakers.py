"""The speaker of each attribution, as the entity stage resolves its source phrase.

Attribution finds the source phrase as written ("he", "a Treasury spokeswoman", "the
company"); who that is, is the entity stage's answer (:mod:`wirewatch.entities.resolve`). This
module only walks the attributions in text order, so a pronoun leans on the speaker before it,
and writes the answer into a :class:`~wirewatch.models.Speaker`: ``mention`` as written with its
offsets, ``name`` the entity's canonical name, ``resolved_by`` how it was found.
"""

from __future__ import annotations

from collections.abc import Sequence

from wirewatch.attribution.raw import RawAttribution
from wirewatch.entities.resolve import ArticleEntities, Discourse, Resolution, ResolvedEntity
from wirewatch.models import ResolvedBy, Speaker

# cues whose subject is the audience, not the source ("the committee heard", "MPs were told")
AUDIENCE_CUES = frozenset({"heard", "hears", "was told", "were told", "has heard", "have heard"})
AUDIENCE_WINDOW_CHARS = 600


def resolve_speakers(attributions: Sequence[RawAttribution], entities: ArticleEntities) -> list[Speaker]:
    """One Speaker per attribution, in the same order."""
    discourse = Discourse()
    found: list[Resolution | None] = []
    for attr in attributions:
        sp = attr.speaker
        if sp is None:
            found.append(None)
            continue
        if attr.cue is not None and attr.cue.text.casefold() in AUDIENCE_CUES and discourse.last is not None:
            # "..., the MPs heard": those who heard it; who spoke is whoever was speaking to them
            at, said = discourse.last
            resolution = Resolution(said.entity, "continuation") if sp.start - at <= AUDIENCE_WINDOW_CHARS else None
        else:
            resolution = entities.resolve(sp, attr.speaker_head, discourse, attr.antecedent, attr.pieces)
        if not _cited_in_passing(attr, entities):
            discourse.note(sp.start, resolution)
        found.append(resolution)
    # names met along the way ("Mr Katwala" before "Sundar Katwala") fold into their clusters
    merged = entities.finish()
    speakers: list[Speaker] = []
    for attr, resolution in zip(attributions, found, strict=True):
        sp = attr.speaker
        if sp is None:
            speakers.append(Speaker(mention=None, start=None, end=None))
        elif resolution is None:
            speakers.append(Speaker(mention=sp.text, start=sp.start, end=sp.end))
        else:
            who = entities.current(resolution.entity, merged)
            how = resolution.how
            if how in {"name", "alias"}:
                how = entities.how_named(who, sp.start, sp.end)  # "Orlow" is now Pavel Orlov's alias
            speakers.append(_speaker(sp.text, sp.start, sp.end, who, how))
    return speakers


def _cited_in_passing(attr: RawAttribution, entities: ArticleEntities) -> bool:
    """Whether the attribution is someone's words cited inside another's clause ("he hit back at
    Mr Mallon's claim that ..."): not a turn of speech for a pronoun after it to go on with."""
    sp, cue = attr.speaker, attr.cue
    if sp is None or cue is None or not sp.text.endswith(("'s", "’s")):
        return False
    tokens = entities.tokens_at(cue.start, cue.end)
    return bool(tokens) and tokens[0].pos_ == "NOUN" and tokens[0].dep_ in {"pobj", "dobj"}


def _speaker(mention: str, start: int, end: int, who: ResolvedEntity, how: ResolvedBy) -> Speaker:
    return Speaker(
        mention=mention,
        start=start,
        end=end,
        name=who.name,
        entity=who.id,
        role=who.role if who.kind == "person" else None,
        resolved_by=how,
    )
