"""People and organisations named in an article, with the roles the text gives them.

Method: spaCy's PERSON and ORG entities, cleaned of titles and possessives; a short name
("Peskov") is merged into the full name that ends (or starts) with it ("Dmitry Peskov"); a role
is read from the words standing before the name inside its noun phrase ("Russian presidential
spokesman Dmitry Peskov", "US Secretary of State John Kerry") or from an appositive after it
("Dmitry Peskov, the Kremlin's spokesman,").
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from wirewatch.parse import ParsedParagraph

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

TITLES = frozenset(
    "mr mr. mrs mrs. ms ms. dr dr. sen sen. rep rep. gov gov. gen gen. lt lt. col col. prof prof. "
    "sir dame lord lady president senator governor minister".split()
)
# Words that can stand in a role before a name. Lower-case role words must come from this list;
# capitalised words (Secretary, Minister, Foreign) are taken by shape.
ROLE_WORDS = frozenset(
    """
    spokesman spokeswoman spokesperson president vice secretary minister prime foreign defense
    defence interior finance deputy chief executive officer director head leader chairman
    chairwoman chair senator sen. representative rep. congressman congresswoman governor mayor
    ambassador envoy general commander adviser advisor aide official analyst economist expert
    professor lawyer attorney judge justice candidate nominee campaign manager chancellor king
    queen prince princess pope premier presidential press state military security national
    senior former acting top foreign-policy founder owner ceo cfo coach player author writer
    journalist reporter editor correspondent strategist pollster activist lawmaker member
    speaker leader whip majority minority democratic republican party assistant counsel
    commissioner administrator agent officer sergeant captain lieutenant colonel admiral
    sheriff prosecutor inspector superintendent marshal detective chairperson trustee dean
    rector bishop archbishop cardinal rabbi imam pastor priest master negotiator commissioner
    president-elect spokesperson economist scientist researcher doctor surgeon
    """.split()
)
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})


@lru_cache(maxsize=65536)
def normalise_name(name: str) -> str:
    """Case-, accent- and spacing-insensitive key for matching names.

    Cached: merging compares each new mention with every cluster's name, so the same few names
    are normalised over and over.
    """
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w\s-]", " ", folded.casefold()).split())


def entity_id(kind: str, name: str) -> str:
    """Stable id from kind and normalised name, so the same person gets the same id everywhere."""
    return hashlib.sha1(f"{kind}:{normalise_name(name)}".encode()).hexdigest()[:12]


def clean_name(text: str) -> str:
    """Strip possessives, leading articles and titles: "Mr. Peskov's" -> "Peskov"."""
    text = re.sub(r"['’]s?$", "", text.strip())
    words = text.split()
    while words and words[0].casefold() in {"the", "a", "an"}:
        words = words[1:]
    while len(words) > 1 and words[0].casefold().rstrip(".") + "." in TITLES | {w + "." for w in TITLES}:
        words = words[1:]
    return " ".join(words).strip(" ,.;:")


@dataclass
class PersonCluster:
    """Mutable while the article is read; frozen into an Entity at the end."""

    name: str
    mentions: list[tuple[int, int]] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    kind: str = "person"

    @property
    def id(self) -> str:
        return entity_id(self.kind, self.name)

    @property
    def role(self) -> str | None:
        # the longest role is usually the fullest description the article gives
        return max(self.roles, key=len) if self.roles else None


def _role_before(ent: SpacySpan) -> tuple[str, int] | None:
    """Role words directly before a PERSON entity inside the same noun phrase."""
    doc = ent.doc
    i = ent.start - 1
    words: list[Token] = []
    while i >= 0:
        tok = doc[i]
        low = tok.text.casefold()
        if tok.is_punct and tok.text not in {"-", "."}:
            break
        if tok.pos_ in {"DET", "VERB", "AUX", "PRON", "CCONJ", "SCONJ", "NUM"} or tok.ent_type_ == "PERSON":
            break
        if tok.text == "'s" or tok.text == "’s":
            words.insert(0, tok)
            i -= 1
            continue
        if low == "of" and words and (i - 1 >= 0 and doc[i - 1].text[:1].isupper()):
            words.insert(0, tok)
            i -= 1
            continue
        if tok.pos_ == "ADP":
            break
        capital = tok.text[:1].isupper()
        if (
            low in ROLE_WORDS
            or (capital and tok.pos_ in {"PROPN", "NOUN", "ADJ"})
            or (tok.ent_type_ in {"NORP", "GPE", "ORG"})
        ):
            words.insert(0, tok)
            i -= 1
            continue
        if tok.pos_ == "ADJ" and words:
            words.insert(0, tok)
            i -= 1
            continue
        break
    # a role needs a head word that names a function, not only a nationality
    while words and words[0].text.casefold() == "of":
        words = words[1:]
    if not words or not any(w.text.casefold() in ROLE_WORDS for w in words):
        return None
    start = words[0].idx
    end = words[-1].idx + len(words[-1].text)
    return doc.text[start:end], start


def _role_appositive(ent: SpacySpan) -> str | None:
    """ "Dmitry Peskov, the Kremlin spokesman," -> "the Kremlin spokesman" (without the article)."""
    root = ent.root
    for child in root.children:
        if child.dep_ == "appos" and child.i > root.i and child.pos_ == "NOUN":
            toks = [t for t in child.subtree if t.dep_ not in {"relcl", "punct"} and not t.is_punct]
            toks = [t for t in toks if t.i < child.i + 1 or t.head == child]
            if not toks:
                continue
            text = ent.doc.text[toks[0].idx : toks[-1].idx + len(toks[-1].text)]
            text = re.sub(r"^(the|a|an)\s+", "", text, flags=re.I)
            # an appositive common noun after a name describes the person ("the harbour master")
            if text and len(text.split()) <= 12:
                return text
    return None


@dataclass
class PeopleTable:
    """People and organisations of one article, with an index from character offset to cluster."""

    people: list[PersonCluster] = field(default_factory=list)
    organizations: list[PersonCluster] = field(default_factory=list)
    by_offset: dict[int, PersonCluster] = field(default_factory=dict)
    # (start, end, cluster) of every person mention in text order, for coreference
    timeline: list[tuple[int, int, PersonCluster]] = field(default_factory=list)

    def at(self, start: int, end: int, head: tuple[int, int] | None = None) -> PersonCluster | None:
        """The person or organisation mentioned inside [start, end), preferring people.

        With ``head``, only a mention covering the phrase's head word counts: in "a spokeswoman
        for the union" the union is not the speaker.
        """
        found: PersonCluster | None = None
        for s, e, cluster in self.timeline:
            if head is not None and not (s < head[1] and head[0] < e):
                continue
            if s >= start and e <= end:
                if cluster.kind == "person":
                    return cluster
                found = found or cluster
        return found


def _merge_target(name: str, clusters: Sequence[PersonCluster]) -> PersonCluster | None:
    key = normalise_name(name).split()
    if not key:
        return None
    for c in clusters:
        if normalise_name(c.name) == " ".join(key):
            return c
    if len(key) == 1:
        # a short name joins the full name that ends with it (surname), else starts with it
        for pos in (-1, 0):
            hits = [c for c in clusters if len(c.name.split()) > 1 and normalise_name(c.name).split()[pos] == key[0]]
            if hits:
                return max(hits, key=lambda c: len(c.mentions))
    else:
        # "Dmitri Peskov" vs "Dmitry Peskov": same surname and same initial
        for c in clusters:
            other = normalise_name(c.name).split()
            if len(other) > 1 and other[-1] == key[-1] and other[0][:1] == key[0][:1]:
                return c
    return None


def _cluster_for(name: str, clusters: list[PersonCluster], kind: str) -> PersonCluster:
    """The cluster ``name`` belongs to, made if there is none yet."""
    target = _merge_target(name, clusters)
    if target is None:
        target = PersonCluster(name=name, kind=kind)
        clusters.append(target)
    elif kind == "organization" and len(name) > len(target.name):
        target.name = name  # "Kremlin" then "the Kremlin press service": keep the fuller name
    return target


def _roles_of(ent: SpacySpan) -> list[tuple[str, int | None]]:
    """Roles the text gives a person at this mention, with where the role before the name starts."""
    found: list[tuple[str, int | None]] = []
    before = _role_before(ent)
    if before:
        found.append((before[0], before[1]))
    appos = _role_appositive(ent)
    if appos:
        found.append((appos, None))
    return found


def find_people(parsed: Sequence[ParsedParagraph]) -> PeopleTable:
    """People and organisations with roles, merged within the article."""
    table = PeopleTable()
    role_spans: list[tuple[int, int]] = []  # where the role words before a name stand
    # a surname seen before its full name ("Peskov ... Dmitry Peskov") waits for the full names
    pending_short: list[tuple[str, int, int, list[tuple[str, int | None]], int]] = []
    mentions: list[tuple[PersonCluster, int, int]] = []
    for para in parsed:
        for ent in para.doc.ents:
            if ent.label_ not in {"PERSON", "ORG"}:
                continue
            name = clean_name(ent.text)
            if not name or not any(ch.isalpha() for ch in name):
                continue
            start, end = para.start_of(ent), para.end_of(ent)
            if ent.label_ == "ORG":
                mentions.append((_cluster_for(name, table.organizations, "organization"), start, end))
                continue
            roles = _roles_of(ent)
            if len(name.split()) == 1 and _merge_target(name, table.people) is None:
                pending_short.append((name, start, end, roles, para.offset))
                continue
            target = _cluster_for(name, table.people, "person")
            mentions.append((target, start, end))
            _add_roles(target, roles, para.offset, start, role_spans)
    for name, start, end, roles, offset in pending_short:
        target = _cluster_for(name, table.people, "person")
        mentions.append((target, start, end))
        _add_roles(target, roles, offset, start, role_spans)

    def in_role(m: tuple[int, int]) -> bool:
        return any(r0 <= m[0] and m[1] <= r1 for r0, r1 in role_spans)

    for cluster, start, end in sorted(mentions, key=lambda m: m[1]):
        # "State" in "Secretary of State John Kerry" is part of a role, not an organisation named
        if cluster.kind == "organization" and in_role((start, end)):
            continue
        cluster.mentions.append((start, end))
        table.timeline.append((start, end, cluster))
    table.organizations = [o for o in table.organizations if o.mentions]
    table.by_offset = {s: c for s, _, c in table.timeline}
    return table


def _add_roles(
    target: PersonCluster,
    roles: list[tuple[str, int | None]],
    offset: int,
    name_start: int,
    role_spans: list[tuple[int, int]],
) -> None:
    for text, at in roles:
        target.roles.append(text)
        if at is not None:
            role_spans.append((offset + at, name_start))
