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
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from wirewatch.entities.gazetteer import gazetteer
from wirewatch.entities.person_names import NameMention, person_mentions
from wirewatch.entities.roles import Role, roles_at
from wirewatch.names import name_key
from wirewatch.parse import ParsedParagraph

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
    sheriff prosecutor inspector superintendent marshal detective chairperson trustee dean constable
    rector bishop archbishop cardinal rabbi imam pastor priest master negotiator commissioner
    president-elect spokesperson economist scientist researcher doctor surgeon
    """.split()
)
# words that open a headline or sentence before a name, capitalised only for that
ROLE_PREFIXES = ("co-", "vice-", "deputy-", "ex-")


def is_role_word(low: str) -> bool:
    """A role word, also with a prefix that makes another role of it ("co-chairman")."""
    return low in ROLE_WORDS or low.startswith(ROLE_PREFIXES) and low.split("-", 1)[1] in ROLE_WORDS


# The post a person holds, which the recogniser sometimes takes into an organisation's name ("the
# Conservative Party Co-Chairman", "The Spectator editor"): never the last word of one.
PERSON_POSTS = frozenset(
    """
    spokesman spokeswoman spokesperson chairman chairwoman chairperson editor leader director
    secretary president ambassador envoy founder correspondent reporter commissioner
    """.split()
)

SENTENCE_OPENERS = frozenset("latest new former top leading rival embattled troubled struggling".split())
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})


def _is_post(low: str) -> bool:
    return low in PERSON_POSTS or low.startswith(ROLE_PREFIXES) and low.split("-", 1)[1] in PERSON_POSTS


@lru_cache(maxsize=65536)
def normalise_name(name: str) -> str:
    """Case-, accent- and punctuation-insensitive key for matching names: the one key of
    :func:`wirewatch.names.name_key`, which the store matches people across articles by too."""
    return name_key(name) or ""


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
    # where each role stands (article offset) and whether it has a head noun ("Tory" alone has not)
    role_at: dict[str, tuple[int, bool]] = field(default_factory=dict)
    # where the fullest name is first written, for the role "nearest their fullest mention"
    name_at: int | None = None

    @property
    def id(self) -> str:
        return entity_id(self.kind, self.name)

    @property
    def role(self) -> str | None:
        """The role worded nearest the fullest mention; a role with a head noun before a party
        or nationality word alone; the longer of two equally near."""
        if not self.roles:
            return None
        at = self.name_at if self.name_at is not None else 0

        def rank(role: str) -> tuple[bool, int, int]:
            where, strong = self.role_at.get(role, (at, True))
            return (not strong, abs(where - at), -len(role))

        return min(self.roles, key=rank)


@dataclass
class PeopleTable:
    """People and organisations the recogniser names in one article, each with its mentions.

    Who a mention stands for is the entity stage's question (:mod:`wirewatch.entities.resolve`),
    which builds its own index from these clusters.
    """

    people: list[PersonCluster] = field(default_factory=list)
    organizations: list[PersonCluster] = field(default_factory=list)


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


@dataclass
class _Pending:
    """A person mention waiting for the full names its cluster may join."""

    mention: NameMention
    start: int
    end: int
    roles: list[tuple[Role, int]]


def _roles_of(para: ParsedParagraph, m: NameMention) -> list[tuple[Role, int]]:
    """Roles at this mention, each with where it stands in the article."""
    return [(r, para.offset + r.start) for r in roles_at(para.doc, m.start, m.end, m.root)]


def find_people(parsed: Sequence[ParsedParagraph]) -> PeopleTable:
    """People and organisations with roles, merged within the article.

    People come from :func:`~wirewatch.entities.person_names.person_mentions` (names cut to the
    name itself, weak mentions set aside), roles from :func:`~wirewatch.entities.roles.roles_at`.
    A one-word name waits until every full name is known, and a weak mention counts only when it
    joins a person named plainly.
    """
    table = PeopleTable()
    places = gazetteer()
    role_spans: list[tuple[int, int]] = []  # where the role words before a name stand
    pending_short: list[_Pending] = []
    weak: list[_Pending] = []
    mentions: list[tuple[PersonCluster, int, int]] = []
    for para in parsed:
        doc = para.doc
        people = person_mentions(doc, places)
        in_person = {i for m in people for i in range(m.start, m.end)}
        for ent in doc.ents:
            if ent.label_ != "ORG" or in_person & set(range(ent.start, ent.end)):
                continue
            if (
                len(ent) > 1
                and ent[0].is_sent_start
                and (ent[0].pos_ in {"ADJ", "ADV", "VERB", "DET"} or ent[0].lower_ in SENTENCE_OPENERS)
            ):
                ent = ent[1:]  # "Latest Opera browser ...": the sentence's first word, capitalised as such
            while len(ent) > 1 and _is_post(ent[-1].lower_):
                ent = ent[:-1]  # "the Conservative Party Co-Chairman": the party, and a person's post
            if _is_post(ent[-1].lower_) or all(is_role_word(t.lower_) for t in ent):
                continue  # "Co-Chairman", "Prime Minister": a post, no organisation
            name = clean_name(ent.text)
            if name and any(ch.isalpha() for ch in name):
                org = _cluster_for(name, table.organizations, "organization")
                mentions.append((org, para.start_of(ent), para.end_of(ent)))
        for m in people:
            start = para.offset + m.root.doc[m.start].idx
            last = doc[m.end - 1]
            item = _Pending(m, start, para.offset + last.idx + len(last.text), _roles_of(para, m))
            if m.weak:
                weak.append(item)
            elif len(m.name.split()) == 1 and _merge_target(m.name, table.people) is None:
                pending_short.append(item)
            else:
                mentions.append((_person(item, table.people, role_spans), item.start, item.end))
    for item in pending_short:
        mentions.append((_person(item, table.people, role_spans), item.start, item.end))
    # a name written as a work's title once is that title wherever it stands without a role
    works = {normalise_name(w.mention.name) for w in weak if w.mention.work}
    if works:
        for person in table.people:
            if normalise_name(person.name) in works and not person.roles:
                mentions = [m for m in mentions if m[0] is not person]
        table.people = [p for p in table.people if not (normalise_name(p.name) in works and not p.roles)]
    for item in weak:
        target = _merge_target(item.mention.name, table.people)
        if target is not None:
            _add_roles(target, item, role_spans)
            mentions.append((target, item.start, item.end))

    def in_role(m: tuple[int, int]) -> bool:
        return any(r0 <= m[0] and m[1] <= r1 for r0, r1 in role_spans)

    for cluster, start, end in sorted(mentions, key=lambda m: m[1]):
        # "State" in "Secretary of State John Kerry" is part of a role, not an organisation named
        if cluster.kind == "organization" and in_role((start, end)):
            continue
        cluster.mentions.append((start, end))
    table.organizations = [o for o in table.organizations if o.mentions]
    for person in table.people:
        # a party or nationality word alone gives way to a role with a head noun
        if any(strong for _, strong in person.role_at.values()):
            person.roles = [r for r in person.roles if person.role_at.get(r, (0, True))[1]]
        best = person.role
        if best is not None:
            person.roles.remove(best)
            person.roles.insert(0, best)
    return table


def _person(item: _Pending, people: list[PersonCluster], role_spans: list[tuple[int, int]]) -> PersonCluster:
    target = _cluster_for(item.mention.name, people, "person")
    if normalise_name(target.name) == normalise_name(item.mention.name) and target.name_at is None:
        target.name_at = item.start
    _add_roles(target, item, role_spans)
    return target


def _add_roles(target: PersonCluster, item: _Pending, role_spans: list[tuple[int, int]]) -> None:
    for role, at in item.roles:
        if role.text not in target.roles:
            target.roles.append(role.text)
            target.role_at[role.text] = (at, role.strong)
        if at < item.start:
            role_spans.append((at, item.start))
