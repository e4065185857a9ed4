"""Entity resolution for one article: who each name, description and pronoun stands for.

The stage runs after the people finder and before speakers are chosen. It works on mentions:

1. **Clusters.** The people and organisations the recogniser tagged become clusters. A surname
   the small model tagged as an organisation ("Mr Straw") joins the person; a spelling one
   edit away joins the fuller name when nothing else competes; an organisation's acronym,
   leading words, abbreviation or nickname joins its full name (:mod:`.aliases`). Each cluster
   keeps its canonical name (the fullest form the article gives), its aliases, its roles and,
   for people, a gender when the text shows one (a title, a gendered role word, a given name).
2. **Mentions.** :meth:`ArticleEntities.resolve` says who a source phrase stands for, and how
   (the ``resolved_by`` of the record): a name in the phrase; a spokesperson, officials or
   sources of a named body ("a Treasury spokeswoman"); a document and whoever issued it ("the
   Bank's minutes", "the report"); a description the article leaves one candidate for ("the
   company", "the home secretary", "the diplomat"); a pronoun, by gender and number, continuing
   the last speaker or the last entity that fits. The caller keeps the :class:`Discourse`: who
   spoke last, which a pronoun or a continuing paragraph leans on.

No coreference package ships usable weights offline, so every rule here is one a reader would
name; none looks at words of any particular article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from wirewatch.entities import aliases
from wirewatch.entities.lexicon import (
    DESCRIPTION_FILLER,
    DOCUMENT_NOUNS,
    FEMALE_NAMES,
    FEMALE_WORDS,
    HYPERNYMS,
    MALE_NAMES,
    MALE_WORDS,
    ORG_NOUNS,
    RELATION_NOUNS,
    SPOKES_NOUNS,
)
from wirewatch.entities.people import PeopleTable, clean_name, entity_id, normalise_name
from wirewatch.models import ResolvedBy, Span
from wirewatch.parse import ParsedParagraph

if TYPE_CHECKING:
    from spacy.tokens import Token

Gender = Literal["m", "f"]
EntityKind = Literal["person", "organization"]

PRONOUN_WINDOW_CHARS = 2500
DESCRIPTION_WINDOW_CHARS = 6000
TITLE_BEFORE_RE = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Miss|Dr|Sir|Lord|Lady|Dame|Prof)\.?\s+)$")
# bodies a definite description names by itself ("the government said")
SELF_NAMING_BODIES = frozenset({"government", "police", "army", "military", "cabinet", "opposition"})
# a person's own people who speak for them ("Mr Smith's team")
OWN_PEOPLE = frozenset({"team", "camp", "office", "spokesman", "spokeswoman", "spokesperson"})
PERSONAL_PRONOUNS: dict[str, Gender | None] = {"he": "m", "she": "f", "him": "m", "her": "f"}


@dataclass
class ResolvedEntity:
    """One person or organisation of the article: mutable while the article is read."""

    kind: EntityKind
    names: list[str]
    mentions: list[tuple[int, int]] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    gender: Gender | None = None

    @property
    def name(self) -> str:
        """The fullest name the article gives: most words, then longest."""
        return max(self.names, key=lambda n: (len(aliases.name_words(n)), not aliases.is_acronym(n), len(n)))

    @property
    def aliases(self) -> tuple[str, ...]:
        canonical = normalise_name(self.name)
        seen: dict[str, str] = {}
        for n in self.names:
            key = normalise_name(n)
            if key != canonical and key not in seen:
                seen[key] = n
        return tuple(seen.values())

    @property
    def id(self) -> str:
        return entity_id(self.kind, self.name)

    @property
    def role(self) -> str | None:
        return max(self.roles, key=len) if self.roles else None

    def absorb(self, other: ResolvedEntity) -> None:
        self.names.extend(other.names)
        self.mentions.extend(other.mentions)
        self.roles.extend(other.roles)
        self.gender = self.gender or other.gender


@dataclass(frozen=True)
class Resolution:
    """Who a mention stands for and how that was found."""

    entity: ResolvedEntity
    how: ResolvedBy
    gender: Gender | None = None  # the gender the mention itself shows ("spokeswoman")


@dataclass
class Discourse:
    """Who spoke last, kept by the caller as it walks the article's attributions in order."""

    last: tuple[int, Resolution] | None = None

    def note(self, at: int, resolution: Resolution | None) -> None:
        if resolution is not None:
            self.last = (at, resolution)


def _org_name(name: str) -> str:
    """An organisation's proper name: no leading article, no descriptor words after it."""
    words = name.split()
    while words and words[0].casefold() == "the":
        words = words[1:]
    # "Associated Press news agency" -> "Associated Press": lower-case words after the proper name
    while len(words) > 1 and words[-1][:1].islower() and words[-1].casefold() not in {"party"}:
        words = words[:-1]
    return " ".join(words)


def _gender_of_name(name: str) -> Gender | None:
    first = name.split()[0].casefold() if name.split() else ""
    if first in MALE_NAMES:
        return "m"
    if first in FEMALE_NAMES:
        return "f"
    return None


def _gender_of_words(words: Sequence[str]) -> Gender | None:
    low = {w.casefold() for w in words}
    male, female = bool(low & MALE_WORDS), bool(low & FEMALE_WORDS)
    if male != female:
        return "m" if male else "f"
    return None


class ArticleEntities:
    """The people and organisations of one article, and who its mentions stand for."""

    def __init__(self, text: str, parsed: Sequence[ParsedParagraph], people: PeopleTable) -> None:
        self.text = text
        self.parsed = list(parsed)
        self._doc_offset = {id(para.doc): para.offset for para in self.parsed}
        self.people: list[ResolvedEntity] = []
        self.organizations: list[ResolvedEntity] = []
        self._build(people)

    # -- clusters ---------------------------------------------------------------------------

    def _build(self, table: PeopleTable) -> None:
        for c in table.people:
            self.people.append(ResolvedEntity("person", [c.name], list(c.mentions), list(c.roles)))
        for c in table.organizations:
            self.organizations.append(ResolvedEntity("organization", [_org_name(c.name) or c.name], list(c.mentions)))
        self._orgs_that_are_people()
        self._merge(self.people, aliases.person_variant)
        self._expand_acronyms()
        self._merge(self.organizations, aliases.org_short_form)
        for p in self.people:
            p.gender = self._gender(p)
        self._index()

    def _orgs_that_are_people(self) -> None:
        """A surname the recogniser tagged as an organisation ("Mr Straw") is the person."""
        kept: list[ResolvedEntity] = []
        for org in self.organizations:
            words = aliases.name_words(org.name)
            titled = any(TITLE_BEFORE_RE.search(self.text[max(0, s - 6) : s]) for s, _ in org.mentions)
            raw_titled = any(
                re.match(r"(?:Mr|Mrs|Ms|Miss|Dr|Sir)\.?\s", self.text[s:e]) for s, e in org.mentions
            )
            target = None
            if words and (titled or raw_titled or len(words) >= 2):
                hits = [p for p in self.people if aliases.person_variant(org.name, p.name)]
                target = hits[0] if len(hits) == 1 else None
            if target is not None:
                target.mentions.extend(org.mentions)
            else:
                kept.append(org)
        self.organizations = kept

    @staticmethod
    def _merge(clusters: list[ResolvedEntity], same: object) -> None:
        """Fold each shorter name into the one fuller cluster it is a form of."""
        match = same  # a callable (short, full) -> bool
        assert callable(match)
        changed = True
        while changed:
            changed = False
            order = sorted(clusters, key=lambda c: (len(aliases.name_words(c.name)), len(c.name)))
            for short in order:
                fuller = [
                    c
                    for c in clusters
                    if c is not short
                    and (len(aliases.name_words(c.name)), len(c.name)) >= (len(aliases.name_words(short.name)), len(short.name))
                    and match(short.name, c.name)
                ]
                if len(fuller) == 1 or (fuller and all(normalise_name(f.name) == normalise_name(fuller[0].name) for f in fuller)):
                    fuller[0].absorb(short)
                    clusters.remove(short)
                    changed = True
                    break

    def _expand_acronyms(self) -> None:
        """An acronym the article spells out elsewhere takes the spelled-out name."""
        for org in self.organizations:
            if aliases.is_acronym(org.name) and not any(
                o is not org and aliases.acronym_of(org.name, o.name) for o in self.organizations
            ):
                full = aliases.expansion_in_text(org.name, self.text)
                if full is not None:
                    org.names.append(full)

    def _gender(self, person: ResolvedEntity) -> Gender | None:
        votes: list[Gender] = []
        for s, e in person.mentions:
            g = _gender_of_words(self.text[max(0, s - 6) : e].split()[:2])
            if g:
                votes.append(g)
        for role in person.roles:
            g = _gender_of_words(role.split())
            if g:
                votes.append(g)
        if not votes:
            g = _gender_of_name(person.name)
            return g
        return max(("m", "f"), key=votes.count) if votes.count("m") != votes.count("f") else None

    def _index(self) -> None:
        self.timeline = sorted(
            ((s, e, c) for c in [*self.people, *self.organizations] for s, e in c.mentions), key=lambda m: m[0]
        )

    def add_organization(self, name: str, start: int, end: int) -> ResolvedEntity:
        """The organisation a name stands for, made when the article has none by that name yet."""
        name = _org_name(name)
        for org in self.organizations:
            if aliases.org_short_form(name, org.name) or aliases.org_short_form(org.name, name):
                if len(aliases.name_words(name)) > len(aliases.name_words(org.name)):
                    org.names.append(name)
                elif name not in org.names:
                    org.names.append(name)
                org.mentions.append((start, end))
                self._index()
                return org
        org = ResolvedEntity("organization", [name], [(start, end)])
        self.organizations.append(org)
        self._index()
        return org

    # -- mentions ---------------------------------------------------------------------------

    def _tokens(self, start: int, end: int) -> list[Token]:
        for para in self.parsed:
            off = para.offset
            if off <= start < off + len(para.doc.text):
                return [t for t in para.doc if start <= off + t.idx < end]
        return []

    def _at(self, tok: Token) -> int:
        """Article offset of a token."""
        return self._doc_offset[id(tok.doc)] + int(tok.idx)

    def _end(self, tok: Token) -> int:
        return self._at(tok) + len(tok.text)

    def named_at(self, start: int, end: int, head: tuple[int, int] | None = None) -> ResolvedEntity | None:
        """The person or organisation named inside [start, end), preferring people; with
        ``head``, only a name covering the phrase's head word counts."""
        found: ResolvedEntity | None = None
        for s, e, c in self.timeline:
            if head is not None and not (s < head[1] and head[0] < e):
                continue
            if s >= start and e <= end:
                if c.kind == "person":
                    return c
                found = found or c
        return found

    def _how_named(self, entity: ResolvedEntity, start: int, end: int) -> ResolvedBy:
        written = clean_name(self.text[start:end])
        own = normalise_name(entity.name)
        return "name" if own and own in normalise_name(written) else "alias"

    def resolve(
        self, mention: Span, head: tuple[int, int] | None, discourse: Discourse, antecedent: Span | None = None
    ) -> Resolution | None:
        """Who the source phrase ``mention`` stands for, or None for an unnamed source."""
        ref = antecedent or mention
        low = ref.text.casefold().strip()
        if low in PERSONAL_PRONOUNS:
            return self._personal_pronoun(ref.start, PERSONAL_PRONOUNS[low], discourse)
        if low in {"it", "its"}:
            return self._it(ref.start, discourse)
        if low in {"they", "them"}:
            return self._they(ref.start, discourse)
        if low in {"i", "we", "you", "who", "which", "that"}:
            return None
        tokens = self._tokens(ref.start, ref.end)
        head_tok = self._head_token(tokens, head)
        head_word = head_tok.lemma_.casefold() if head_tok is not None else low.split()[-1] if low else ""
        head_text = head_tok.text.casefold() if head_tok is not None else head_word
        named = self.named_at(ref.start, ref.end, head)
        if named is not None:
            return Resolution(named, self._how_named(named, ref.start, ref.end))
        gender = _gender_of_words([head_text])
        if head_text in SPOKES_NOUNS or head_word in SPOKES_NOUNS:
            owner = self._owner(ref, tokens, head_tok, discourse)
            if owner is not None:
                return Resolution(owner, "spokesperson" if owner.kind == "organization" or head_text in SPOKES_NOUNS else "name", gender)
            return None
        if head_word in DOCUMENT_NOUNS:
            issuer = self._owner(ref, tokens, head_tok, discourse)
            if issuer is None:
                issuer = self._issuer_of_earlier(head_word, ref.start)
            return Resolution(issuer, "document") if issuer is not None else None
        inside = self.named_at(ref.start, ref.end)
        if inside is not None and inside.kind == "person" and head_word not in RELATION_NOUNS | ORG_NOUNS:
            return Resolution(inside, "name")  # "Shadow spokesman for sport Hugh Robertson"
        if head_word in ORG_NOUNS and head_tok is not None and head_tok.tag_ not in {"NNS", "NNPS"}:
            if inside is not None and inside.kind == "person" and head_word in OWN_PEOPLE:
                return Resolution(inside, "spokesperson")
            org = self._org_description(ref, tokens, head_word)
            return Resolution(org, "description") if org is not None else None
        appositive = self._appositive_person(ref.end)
        if appositive is not None:
            return Resolution(appositive, "name")
        proper = self._proper_phrase(ref, tokens)
        if proper is not None:
            return Resolution(self.add_organization(proper, ref.start, ref.end), "name")
        if tokens and tokens[0].lower_ in {"the", "this", "that"}:
            person = self._person_description(ref, tokens, head_word)
            if person is not None:
                return Resolution(person, "description", gender)
        return None

    def _head_token(self, tokens: Sequence[Token], head: tuple[int, int] | None) -> Token | None:
        """The phrase's head word: the one the extractor marked, else the one whose syntactic
        head lies outside the phrase."""
        if not tokens:
            return None
        if head is not None:
            for t in tokens:
                if self._at(t) == head[0]:
                    return t
        ids = {t.i for t in tokens}
        roots = [t for t in tokens if (t.head.i not in ids or t.head.i == t.i) and not t.is_punct]
        return roots[-1] if roots else tokens[-1]

    def _owner(
        self, ref: Span, tokens: Sequence[Token], head_tok: Token | None, discourse: Discourse
    ) -> ResolvedEntity | None:
        """The body or person a spokesperson, official or document belongs to."""
        inside = self.named_at(ref.start, ref.end)
        if inside is not None:
            return inside
        # "A Treasury spokesperson", "Lib Dem officials": a proper modifier names the body
        mods = [t for t in tokens if t.pos_ == "PROPN" or (t.ent_type_ in {"ORG", "NORP", "GPE"} and t.text[:1].isupper())]
        if head_tok is not None:
            mods = [t for t in mods if t.i < head_tok.i or any(a.lower_ in {"for", "of", "within", "at", "from", "by"} for a in t.ancestors)]
        if mods:
            first, last = mods[0], mods[-1]
            start, end = self._at(first), self._end(last)
            name = self.text[start:end]
            name = re.sub(r"['’]s$", "", name)
            return self.add_organization(name, start, end)
        # "The band's spokesman", "the company's minutes": a possessive description
        poss = [t for t in tokens if t.dep_ == "poss" and t.lower_ not in {"its", "their", "his", "her"}]
        if poss and head_tok is not None:
            word = poss[0].lemma_.casefold()
            if word in ORG_NOUNS:
                return self._org_description(ref, tokens, word)
        if poss and poss[0].lower_ in {"its", "their"}:
            return self._it(ref.start, discourse)
        return None

    def _issuer_of_earlier(self, head_word: str, at: int) -> ResolvedEntity | None:
        """A bare "the report" speaks for whoever issued the last report the article named."""
        for para in reversed(self.parsed):
            if para.offset >= at:
                continue
            for tok in reversed(list(para.doc)):
                if para.offset + tok.idx >= at or tok.lemma_.casefold() != head_word:
                    continue
                s = para.offset + tok.left_edge.idx
                e = para.offset + tok.right_edge.idx + len(tok.right_edge.text)
                named = self.named_at(s, e)
                if named is not None:
                    return named
        return None

    def _org_description(self, ref: Span, tokens: Sequence[Token], head_word: str) -> ResolvedEntity | None:
        """ "The company", "the mining group", "the select committee": the organisation meant."""
        if tokens and tokens[0].lower_ in {"a", "an", "another", "one"}:
            return None
        words = {t.lower_ for t in tokens if not t.is_punct} - DESCRIPTION_FILLER
        before = [(s, c) for s, _, c in self.timeline if c.kind == "organization" and s < ref.start]
        if not before and head_word in SELF_NAMING_BODIES:
            return self.add_organization(head_word, ref.start, ref.end)
        # an organisation whose name shares the description's words ("the assembly government")
        sharing = [c for _, c in before if len(words & set(aliases.name_words(c.name))) >= 1 and head_word in " ".join(aliases.name_words(c.name))]
        if sharing:
            return sharing[-1]
        if head_word in SELF_NAMING_BODIES:
            return self.add_organization(head_word, ref.start, ref.end)
        near = [c for s, c in before if ref.start - s <= DESCRIPTION_WINDOW_CHARS]
        return near[-1] if near else None

    def _person_description(self, ref: Span, tokens: Sequence[Token], head_word: str) -> ResolvedEntity | None:
        """ "The home secretary", "the diplomat": the one person whose role fits."""
        words = {t.lower_ for t in tokens if not t.is_punct} - DESCRIPTION_FILLER
        heads = HYPERNYMS.get(head_word, frozenset()) | {head_word}
        scored: list[tuple[int, int, ResolvedEntity]] = []
        for p in self.people:
            role_words = {w for r in p.roles for w in normalise_name(r).split()}
            if not role_words & heads:
                continue
            overlap = len(words & role_words)
            first = min((s for s, _ in p.mentions), default=0)
            last_before = max((s for s, _ in p.mentions if s < ref.start), default=-1)
            scored.append((overlap, last_before if last_before >= 0 else -first, p))
        if not scored:
            return None
        best = max(o for o, _, _ in scored)
        top = [x for x in scored if x[0] == best]
        return max(top, key=lambda x: x[1])[2]

    def _appositive_person(self, end: int) -> ResolvedEntity | None:
        """A person named right after the mention, set off by a comma (", Lars Dahl")."""
        return next((c for s, _, c in self.timeline if c.kind == "person" and 1 <= s - end <= 2), None)

    def _proper_phrase(self, ref: Span, tokens: Sequence[Token]) -> str | None:
        """A source phrase that is a proper name the recogniser missed ("The Tories")."""
        words = [t for t in tokens if not t.is_punct]
        while words and words[0].lower_ == "the":
            words = words[1:]
        if not words or not words[0].text[:1].isupper():
            return None
        if not all(t.text[:1].isupper() or t.lower_ in {"of", "and", "for", "party"} for t in words):
            return None
        if any(t.lower_ in MALE_WORDS | FEMALE_WORDS for t in words):
            return None
        if len(words) == 1 and words[0].pos_ not in {"PROPN", "NOUN"}:
            return None
        return self.text[self._at(words[0]) : self._end(words[-1])]

    # -- pronouns ---------------------------------------------------------------------------

    def _fits(self, res: Resolution, gender: Gender | None) -> bool:
        g = res.gender or (res.entity.gender if res.entity.kind == "person" else None)
        if res.entity.kind == "organization" and res.gender is None:
            return False
        return gender is None or g is None or g == gender

    def _personal_pronoun(self, at: int, gender: Gender | None, discourse: Discourse) -> Resolution | None:
        last = discourse.last
        if last is not None and at - last[0] <= PRONOUN_WINDOW_CHARS and self._fits(last[1], gender):
            # a person named after the last speaker, close before the pronoun, takes over
            later = [
                (s, c)
                for s, _, c in self.timeline
                if last[0] < s < at and c.kind == "person" and c is not last[1].entity and at - s <= 300
                and (gender is None or c.gender in (None, gender))
            ]
            if later and later[-1][1].gender == gender:
                return Resolution(later[-1][1], "pronoun")
            return Resolution(last[1].entity, "pronoun", last[1].gender)
        before = [
            c
            for s, _, c in self.timeline
            if s < at and c.kind == "person" and at - s <= PRONOUN_WINDOW_CHARS and (gender is None or c.gender in (None, gender))
        ]
        if not before:
            return None
        exact = [c for c in before if c.gender == gender]
        return Resolution((exact or before)[-1], "pronoun")

    def _it(self, at: int, discourse: Discourse) -> Resolution | None:
        last = discourse.last
        if last is not None and at - last[0] <= PRONOUN_WINDOW_CHARS and last[1].entity.kind == "organization" and last[1].gender is None:
            return Resolution(last[1].entity, "pronoun")
        before = [c for s, _, c in self.timeline if s < at and c.kind == "organization" and at - s <= PRONOUN_WINDOW_CHARS]
        return Resolution(before[-1], "pronoun") if before else None

    def _they(self, at: int, discourse: Discourse) -> Resolution | None:
        last = discourse.last
        if last is not None and at - last[0] <= PRONOUN_WINDOW_CHARS and last[1].entity.kind == "organization":
            return Resolution(last[1].entity, "pronoun")
        return None

