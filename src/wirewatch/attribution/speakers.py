"""Who a source mention is: a named person, an organisation, or an unnamed source.

No coreference package ships usable weights offline, so this is a small resolver of our own:

* a mention that contains a person's name resolves to that person (``name``);
* one that contains an organisation resolves to it ("the Kremlin expects");
* a personal pronoun ("he replied") resolves to the speaker of the latest attribution within
  the last few paragraphs, else to the person named last before it (``coreference``);
* a description ("the spokesman", "the senator") resolves to the latest person whose role
  contains its head noun (``coreference``);
* anything else stays unnamed: ``name`` null, the mention kept ("earlier reports", "sources").
"""

from __future__ import annotations

from collections.abc import Sequence

from wirewatch.attribution.extract import RawAttribution
from wirewatch.entities.people import PeopleTable, PersonCluster
from wirewatch.models import Speaker

PRONOUNS = frozenset({"he", "she", "i", "we", "they"})
DESCRIPTION_SKIP = frozenset({"the", "a", "an", "this", "that", "former", "new", "top", "senior"})
COREF_WINDOW_CHARS = 2500


def _description_head(mention: str) -> str | None:
    words = [w.casefold().strip(".,") for w in mention.split()]
    if not words or words[0] not in {"the", "this", "that"}:
        return None
    content = [w for w in words if w not in DESCRIPTION_SKIP]
    return content[-1] if content else None


def resolve_speakers(attributions: Sequence[RawAttribution], people: PeopleTable) -> list[Speaker]:
    """One Speaker per attribution, in the same order."""
    speakers: list[Speaker] = []
    last_person: tuple[int, PersonCluster] | None = None  # (offset, who) of the latest resolved speaker
    for attr in attributions:
        sp = attr.speaker
        if sp is None:
            speakers.append(Speaker(mention=None, start=None, end=None))
            continue
        base = Speaker(mention=sp.text, start=sp.start, end=sp.end)
        ref = attr.antecedent or sp
        named = people.at(ref.start, ref.end, attr.speaker_head)
        if named is not None:
            speakers.append(_with(base, named, "name"))
            if named.kind == "person":
                last_person = (sp.start, named)
            continue
        low = ref.text.casefold().strip()
        if low in PRONOUNS:
            if low in {"i", "we"}:
                speakers.append(base)
                continue
            target = _pronoun_target(sp.start, last_person, people, plural=(low == "they"))
            if target is not None:
                speakers.append(_with(base, target, "coreference"))
                last_person = (sp.start, target)
            else:
                speakers.append(base)
            continue
        appositive = _appositive_name(ref.end, people)
        if appositive is not None:
            # "said the company's chief executive, Lars Dahl": the name right after the description
            speakers.append(_with(base, appositive, "name"))
            last_person = (sp.start, appositive)
            continue
        head = _description_head(ref.text)
        if head is not None:
            target = _description_target(sp.start, head, people)
            if target is not None:
                speakers.append(_with(base, target, "coreference"))
                last_person = (sp.start, target)
                continue
        speakers.append(base)
    return speakers


def _with(base: Speaker, who: PersonCluster, how: str) -> Speaker:
    return Speaker(
        mention=base.mention,
        start=base.start,
        end=base.end,
        name=who.name,
        entity=who.id,
        role=who.role,
        resolved_by=how,  # type: ignore[arg-type]  # one of the ResolvedBy literals
    )


def _pronoun_target(
    at: int, last_speaker: tuple[int, PersonCluster] | None, people: PeopleTable, plural: bool
) -> PersonCluster | None:
    if plural:
        return None  # "they" rarely names one person; leave it unnamed rather than guess
    if last_speaker is not None and at - last_speaker[0] <= COREF_WINDOW_CHARS:
        # the most recent person named after the last speaker takes over ("... Lavrov. He said")
        later = [c for s, _, c in people.timeline if last_speaker[0] < s < at and c.kind == "person"]
        if later and later[-1] is not last_speaker[1] and _named_as_subject_recently(later[-1], at, people):
            return later[-1]
        return last_speaker[1]
    before = [c for s, _, c in people.timeline if s < at and c.kind == "person" and at - s <= COREF_WINDOW_CHARS]
    return before[-1] if before else None


def _named_as_subject_recently(who: PersonCluster, at: int, people: PeopleTable) -> bool:
    """Whether ``who`` was named in the last ~300 characters before ``at`` (same or previous sentence)."""
    return any(c is who and 0 < at - s <= 300 for s, _, c in people.timeline)


def _appositive_name(end: int, people: PeopleTable) -> PersonCluster | None:
    """A person named right after the mention, set off by a comma (", Lars Dahl")."""
    return next((c for s, _, c in people.timeline if c.kind == "person" and 1 <= s - end <= 2), None)


def _description_target(at: int, head: str, people: PeopleTable) -> PersonCluster | None:
    candidates = [
        c
        for s, _, c in people.timeline
        if s < at and c.kind == "person" and c.role and head in c.role.casefold().split()
    ]
    return candidates[-1] if candidates else None
