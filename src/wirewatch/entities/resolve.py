"""Entity resolution for one article: who each name, description and pronoun stands for.

The stage runs after the people finder and before speakers are chosen. It works on mentions:

1. **Clusters** (:mod:`.clusters`): the people and organisations the recogniser tagged, each
   with its canonical name (the fullest form the article gives), aliases, roles and gender.
2. **Mentions.** :meth:`ArticleEntities.resolve` says who a source phrase stands for, and how
   (the ``resolved_by`` of the record): a name in the phrase; a spokesperson, officials or
   sources of a named body ("a Treasury spokeswoman"); a document and whoever issued it ("the
   Bank's minutes", "the report"); a description the article leaves one candidate for ("the
   company", "the home secretary", "the diplomat"); a pronoun, by gender and number, continuing
   the last speaker or the last entity that fits (:mod:`.pronouns`). The caller keeps the
   :class:`Discourse`: who spoke last, which a pronoun leans on.

No coreference package ships usable weights offline, so every rule here is one a reader would
name; none looks at words of any particular article.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from wirewatch.entities import aliases
from wirewatch.entities.clusters import (
    Gender,
    ResolvedEntity,
    build_clusters,
    fuller_org_name,
    gender_of_name,
    gender_of_words,
    merge_forms,
    nickname_expansion,
    org_name,
    orgs_that_are_people,
)
from wirewatch.entities.lexicon import (
    DESCRIPTION_FILLER,
    DOCUMENT_NOUNS,
    FEMALE_NAMES,
    FEMALE_WORDS,
    HYPERNYMS,
    MALE_NAMES,
    MALE_WORDS,
    ORG_NAME_WORDS,
    ORG_NOUNS,
    RELATION_NOUNS,
    ROLE_ABBREVIATIONS,
    ROLE_QUALIFIERS,
    SPOKES_NOUNS,
)
from wirewatch.entities.people import ROLE_WORDS, TITLES, PeopleTable, clean_name, normalise_name
from wirewatch.entities.phrases import capital_country, org_kind, org_kind_fits, person_head, person_noun, proper_runs
from wirewatch.entities.places import PlaceTable
from wirewatch.entities.pronouns import (
    PERSONAL_PRONOUNS,
    PRONOUN_WINDOW_CHARS,
    TAKEOVER_CHARS,
    Discourse,
    Resolution,
    is_subject,
    it_pronoun,
    personal_pronoun,
    they_pronoun,
)
from wirewatch.models import ResolvedBy, Span
from wirewatch.parse import ParsedParagraph
from wirewatch.quotemarks import find_quote_spans

if TYPE_CHECKING:
    from spacy.tokens import Token


__all__ = ["ArticleEntities", "Discourse", "Resolution", "ResolvedEntity"]

DESCRIPTION_WINDOW_CHARS = 6000
# members of a legislature, whom the lead names for the committee that spoke ("MPs have warned")
LEGISLATORS = frozenset("mps peers senators lawmakers legislators councillors assembly members".split())
# how far after the opening sentence its unnamed source may be named ("a report suggests")
LEAD_REACH_CHARS = 600
# bodies a definite description names by itself ("the government said")
SELF_NAMING_BODIES = frozenset({"government", "police", "army", "military", "cabinet", "opposition"})
# a person's own people who speak for them ("Mr Smith's team")
OWN_PEOPLE = frozenset({"team", "camp", "office"})
SPEAKER_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "lord", "lady", "dame", "prof", "professor"})
KEPT_TITLES = frozenset({"lord", "lady"})  # a peer known only by title keeps it ("Lord Falconer")
ROLE_PREFIXES = ("co-", "vice-", "deputy-", "ex-")


def is_role_word(low: str) -> bool:
    """A role word, also with a prefix that makes another role of it ("co-chairman")."""
    return low in ROLE_WORDS or low.startswith(ROLE_PREFIXES) and low.split("-", 1)[1] in ROLE_WORDS


NOT_NAME_ENTS = frozenset({"GPE", "NORP", "ORG", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "DATE"})


class ArticleEntities:
    """The people and organisations of one article, and who its mentions stand for."""

    def __init__(
        self, text: str, parsed: Sequence[ParsedParagraph], people: PeopleTable, places: PlaceTable | None = None
    ) -> None:
        self.text = text
        self.places = places or PlaceTable()
        self.parsed = list(parsed)
        self._doc_offset = {id(para.doc): para.offset for para in self.parsed}
        # each paragraph's article span and its tokens' article offsets, made once: spaCy builds
        # ``Doc.text`` anew on every call
        self._spans = [(para.offset, para.offset + len(para.doc.text), para) for para in self.parsed]
        self._starts: dict[int, list[int]] = {}  # filled per paragraph when first asked
        self.people, self.organizations = build_clusters(text, people)
        self.timeline: list[tuple[int, int, ResolvedEntity]] = []
        self._described: set[int] = set()  # people a description of who they are has named
        self._quote_spans: list[tuple[int, int]] | None = None  # made when first asked
        self._index()

    def _index(self) -> None:
        self.timeline = sorted(
            ((s, e, c) for c in [*self.people, *self.organizations] for s, e in c.mentions), key=lambda m: m[0]
        )

    def finish(self) -> dict[int, ResolvedEntity]:
        """Fold the names met while resolving ("Mr Katwala" before "Sundar Katwala") into the
        clusters they are forms of; returns where each folded cluster went, by ``id()``."""
        merged: dict[int, ResolvedEntity] = {}
        merge_forms(self.people, aliases.person_variant, merged)
        self.organizations = orgs_that_are_people(self.text, self.people, self.organizations, merged)
        merge_forms(self.organizations, aliases.org_short_form, merged, prefer_dominant=True)
        self._index()
        return merged

    def current(self, entity: ResolvedEntity, merged: dict[int, ResolvedEntity]) -> ResolvedEntity:
        """The cluster an entity ended up in after :meth:`finish`."""
        while id(entity) in merged:
            entity = merged[id(entity)]
        return entity

    def add_organization(self, name: str, start: int, end: int) -> ResolvedEntity:
        """The organisation a name stands for, made when the article has none by that name yet."""
        name = nickname_expansion(self.text, org_name(name))
        words = aliases.name_words(name)
        if 2 <= len(words) <= 3 and not aliases.is_acronym(name) and not set(words) & ORG_NAME_WORDS:
            # "Sundar Katwala" where the article has a person "Katwala": that person's full name
            people = [p for p in self.people if aliases.person_variant(p.name, name)]
            if len({normalise_name(p.name) for p in people}) == 1:
                people[0].names.append(name)
                people[0].mentions.append((start, end))
                self._index()
                return people[0]
        fits = [
            o
            for o in self.organizations
            if aliases.org_short_form(name, o.name) or aliases.org_short_form(o.name, name)
        ]
        if fits:
            # the one named most often, then the one named first: the article's subject
            # ("the Bank" -> Bank of England, not the Royal Bank of Scotland an economist works for)
            org = max(fits, key=lambda o: (len(o.mentions), -min((m[0] for m in o.mentions), default=0)))
            org.names.append(name)
            org.mentions.append((start, end))
            self._index()
            return org
        org = ResolvedEntity("organization", [name], [(start, end)])
        fuller_org_name(self.text, org)
        self.organizations.append(org)
        self._index()
        return org

    def add_person(self, name: str, start: int, end: int, gender: Gender | None) -> ResolvedEntity:
        """The person a name stands for, made when the article has none by that name yet."""
        hits = [p for p in self.people if aliases.person_variant(name, p.name)]
        if len({normalise_name(p.name) for p in hits}) == 1:
            person = hits[0]
            person.names.append(name)
        else:
            person = ResolvedEntity("person", [name], gender=gender or gender_of_name(name))
            self.people.append(person)
        person.mentions.append((start, end))
        self._index()
        return person

    # -- offsets ----------------------------------------------------------------------------

    def tokens_at(self, start: int, end: int) -> list[Token]:
        """The tokens that start inside [start, end) of the article text."""
        for lo, hi, para in self._spans:
            if lo <= start < hi:
                starts = self._starts.get(id(para.doc))
                if starts is None:
                    starts = self._starts[id(para.doc)] = [lo + t.idx for t in para.doc]
                first, last = bisect_left(starts, start), bisect_left(starts, end)
                return [para.doc[i] for i in range(first, last)]
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

    def how_named(self, entity: ResolvedEntity, start: int, end: int) -> ResolvedBy:
        """ "name" when the mention writes the canonical name, or a person's surname; "alias"
        for another form (an acronym, a short form, a variant spelling)."""
        written = normalise_name(clean_name(self.text[start:end])).split()
        own = normalise_name(entity.name).split()
        if own and " ".join(own) in " ".join(written):
            return "name"
        return "name" if entity.kind == "person" and own[-1:] and own[-1] in written else "alias"

    # -- the mention ------------------------------------------------------------------------

    def resolve(
        self, mention: Span, head: tuple[int, int] | None, discourse: Discourse, antecedent: Span | None = None
    ) -> Resolution | None:
        """Who the source phrase ``mention`` stands for, or None for an unnamed source."""
        ref = antecedent or mention
        low = ref.text.casefold().strip()
        if low in PERSONAL_PRONOUNS:
            return personal_pronoun(self, ref.start, PERSONAL_PRONOUNS[low], discourse)
        if low in {"it", "its"}:
            before = self._body_subject_before(ref.start, discourse)
            if before is not None and (discourse.last is None or before[0] > discourse.last[0]):
                # "... the NIESR report was optimistic. It said": the body or document the
                # sentence before was about, named since the last speaker
                return Resolution(before[1], "pronoun")
            return it_pronoun(self, ref.start, discourse)
        if low in {"they", "them"}:
            return they_pronoun(self, ref.start, discourse)
        tokens = [t for t in self.tokens_at(ref.start, ref.end) if not t.is_space]
        if tokens and low in {"who", "which", "that"} and antecedent is None:
            # "the Conservatives, who said": the noun the relative clause hangs on
            clause = tokens[0].head
            if clause.dep_ == "relcl" and clause.head.i < tokens[0].i:
                noun = clause.head
                left = noun.left_edge
                return self.resolve(
                    Span(self.text[self._at(left) : self._end(noun)], self._at(left), self._end(noun)),
                    (self._at(noun), self._end(noun)),
                    discourse,
                )
        if not tokens or low in {"i", "we", "you", "who", "which", "that", "me", "us"}:
            return None
        if low in ROLE_ABBREVIATIONS or low.removeprefix("the ") in ROLE_ABBREVIATIONS:
            head_word = low.split()[-1]
            person = self._person_description(ref, tokens, head_word)
            if person is None and tokens[0].lower_ == "the":
                person = self._role_holder(ref, tokens, discourse)
            return Resolution(person, "description") if person is not None else None
        head_tok = self._head_token(tokens, head)
        head_word = head_tok.lemma_.casefold() if head_tok is not None else ""
        head_text = head_tok.text.casefold() if head_tok is not None else ""
        gender = gender_of_words([head_text])
        capital = self._capital(ref, tokens)
        if capital is not None:
            return Resolution(capital, "alias")
        if low.removeprefix("the ") in LEGISLATORS:
            # the lead's "MPs have warned", then "the Environmental Audit Committee said": the
            # committee speaks for them
            committee = self._body_named_next(ref, "government", "committee")
            if committee is not None:
                return Resolution(committee, "description")
        named = self.named_at(ref.start, ref.end, head)
        if named is not None:
            if named.kind == "person":
                self._fuller_name(named, tokens)
            else:
                self._fuller_org_name(named, tokens)
            return Resolution(named, self.how_named(named, ref.start, ref.end))
        titled = self._titled_person(tokens)
        if titled is not None:
            return Resolution(titled, "name")
        known = self._known_name(ref)
        if known is not None:
            return Resolution(known, "name")  # "Labour said" opening a sentence, tagged a common noun
        appositive = self._appositive_person(ref.end)
        if appositive is not None and head_word not in RELATION_NOUNS and head_text not in RELATION_NOUNS:
            return Resolution(appositive, "name")  # "GE's chief executive Jeff Immelt"
        if head_text in SPOKES_NOUNS or head_word in SPOKES_NOUNS:
            if tokens[0].lower_ in {"the", "this"}:
                # "the Tory spokesman": first, a person the article gives that role
                person = self._person_description(ref, tokens, head_text)
                if person is not None:
                    return Resolution(person, "description", gender)
                last = discourse.last
                if (
                    last is not None
                    and last[1].entity.kind == "person"
                    and last[1].how != "spokesperson"
                    and head_tok is not None
                    and head_tok.tag_ == "NN"
                    and 0 < ref.start - last[0] <= TAKEOVER_CHARS * 2
                    and not self._subject_since(last[0], ref.start)
                ):
                    # "Mr Ancram condemned it ... he asked. The Tory spokesman also criticised":
                    # the person who has just spoken, described by the post they hold
                    return Resolution(last[1].entity, "description", gender)
            owner = self._owner(tokens, discourse)
            if owner is None and tokens[0].lower_ in {"the", "this"}:
                # "the spokesman" again: the one who spoke for a body last
                earlier = [r for _, r in discourse.history if r.how == "spokesperson"]
                return earlier[-1] if earlier else None
            return Resolution(owner, "spokesperson", gender) if owner is not None else None
        if (
            head_tok is not None
            and head_tok.tag_ == "NNS"
            and person_noun(head_word)
            and any(t.dep_ == "poss" for t in tokens)
        ):
            # "its authors", "the company's developers": the people of a body speak for it
            owner = self._owner(tokens, discourse)
            if owner is not None:
                return Resolution(owner, "spokesperson")
        if head_word in DOCUMENT_NOUNS or head_text in DOCUMENT_NOUNS:
            return self._document(ref, tokens, head_tok, head_text, discourse)
        inside = self.named_at(ref.start, ref.end)
        if inside is not None and inside.kind == "person" and not {head_word, head_text} & (RELATION_NOUNS | ORG_NOUNS):
            return Resolution(inside, "name")  # "Shadow spokesman for sport Hugh Robertson"
        if inside is not None and inside.kind == "person" and head_word in OWN_PEOPLE:
            return Resolution(inside, "spokesperson")  # "Mr Elgindy's team"
        if head_word in ORG_NOUNS and head_tok is not None and head_tok.tag_ not in {"NNS", "NNPS"}:
            org = self._org_description(ref, tokens, head_word, discourse)
            return Resolution(org, "description") if org is not None else None
        proper = self._proper_phrase(ref, tokens)
        if proper is not None:
            return proper
        if tokens[0].lower_ in {"the", "this", "that"} or tokens[0].dep_ == "poss":
            person = self._person_description(ref, tokens, head_word)
            if person is None and person_head(head_tok):
                # "the 52-year-old", "the businessman": who spoke just before, else the person
                # last named as a subject
                person = self._described_person(ref, discourse)
            elif person is None and self._office(head_tok):
                # "the prime minister" where no one is given that role: a person whose role the
                # article leaves unsaid
                person = self._role_holder(ref, tokens, discourse)
            if person is not None:
                return Resolution(person, "description", gender)
        elif tokens[0].lower_ in {"a", "an"} and (self._office(head_tok) or person_head(head_tok)):
            # the lead's "a Labour donor has said ...", then "Duncan Bannatyne also ...": the
            # person the next sentence names
            person = self._named_next(ref)
            if person is not None:
                return Resolution(person, "description", gender)
        return None

    def _named_next(self, ref: Span) -> ResolvedEntity | None:
        """In the body's opening sentence, the person the next sentence opens with as its
        subject ("A union leader has said ... Jonathan Baume, of the FDA, spoke of ...")."""
        first_end = self._first_body_sentence_end()
        if ref.start > first_end:
            return None
        after = [
            c
            for s, _, c in self.timeline
            if c.kind == "person" and first_end <= s <= first_end + TAKEOVER_CHARS and not self.quoted(s)
        ]
        return after[0] if after and self._opens_sentence(after[0], first_end) else None

    def _body_named_next(self, ref: Span, kind: str | None, word: str | None = None) -> ResolvedEntity | None:
        """In the body's opening sentence, the organisation of that kind the sentences right
        after it name as a subject ("..., the UK elections watchdog has said. ... The Electoral
        Commission says ...")."""
        first_end = self._first_body_sentence_end()
        if ref.start > first_end:
            return None
        after = [
            c
            for s, _, c in self.timeline
            if c.kind == "organization"
            and first_end <= s <= first_end + LEAD_REACH_CHARS
            and org_kind_fits(kind, c.name)
            and (word is None or word in aliases.name_words(c.name))
            and is_subject(self, s)
            and not self.quoted(s)
        ]
        return after[0] if after else None

    def _opens_sentence(self, person: ResolvedEntity, at: int) -> bool:
        """Whether the person's first mention after ``at`` is the subject of its sentence."""
        starts = sorted(s for s, _ in person.mentions if s >= at)
        return bool(starts) and is_subject(self, starts[0])

    def _in_headline(self, at: int) -> bool:
        return any(lo <= at < hi and para.kind == "headline" for lo, hi, para in self._spans)

    def _known_name(self, ref: Span) -> ResolvedEntity | None:
        """The organisation whose name the phrase writes exactly, capitalised as the article
        writes it elsewhere, when the recogniser missed it here."""
        written = re.sub(r"^(?:the|The)\s+", "", ref.text.strip())
        if not written[:1].isupper():
            return None
        hits = [o for o in self.organizations if written in o.names]
        if len(hits) != 1:
            return None
        hits[0].mentions.append((ref.end - len(written), ref.end))
        self._index()
        return hits[0]

    def _head_token(self, tokens: Sequence[Token], head: tuple[int, int] | None) -> Token | None:
        """The phrase's head word: the one the extractor marked, else the one whose syntactic
        head lies outside the phrase."""
        if head is not None:
            for t in tokens:
                if self._at(t) == head[0]:
                    return t
        ids = {t.i for t in tokens}
        roots = [t for t in tokens if (t.head.i not in ids or t.head.i == t.i) and not t.is_punct]
        return roots[-1] if roots else tokens[-1]

    def _fuller_name(self, person: ResolvedEntity, tokens: Sequence[Token]) -> None:
        """ "Pranab Mukherjee" where the recogniser tagged only "Mukherjee": the given name
        standing before the tagged name in the same phrase joins the person's names."""
        spans = [(s, e) for s, e in person.mentions if any(s == self._at(t) for t in tokens)]
        if not spans:
            return
        s, e = spans[0]
        first = next(t for t in tokens if self._at(t) == s)
        added: list[Token] = []
        i = first.i - 1
        while i >= 0 and first.doc[i] in tokens:
            t = first.doc[i]
            low = t.lower_
            if not (t.pos_ == "PROPN" and t.text[:1].isupper()) or low in ROLE_WORDS or low.rstrip(".") in TITLES:
                break
            if t.text.isupper() or low in ORG_NAME_WORDS or t.tag_ == "NNPS":  # "MP Boris Johnson", "BBC's"
                break
            if t.ent_type_ in NOT_NAME_ENTS:
                break
            given = low in MALE_NAMES or low in FEMALE_NAMES or len(t.text.rstrip(".")) == 1
            if not given and (e - s > len(first.text) or added):
                break  # a full name grows only by given names: "Backbencher Stephen Pound" is not one
            added.insert(0, t)
            i -= 1
        before = first.doc[added[0].i - 1] if added and added[0].i > 0 else None
        if before is not None and before.pos_ in {"CCONJ", "ADP"}:
            return  # "Minister for Children, Young People and Families Margaret Hodge": a title
        if added:
            person.names.append(self.text[self._at(added[0]) : e])

    def _fuller_org_name(self, org: ResolvedEntity, tokens: Sequence[Token]) -> None:
        """ "Department for Education and Skills" where the recogniser tagged only "Department
        for Education": the whole run of proper words in the phrase is the name."""
        if org.kind != "organization":
            return
        for run in proper_runs(tokens):
            text = org_name(self.text[self._at(run[0]) : self._end(run[-1])])
            if text != org.name and aliases.org_short_form(org.name, text):
                org.names.append(text)

    def _titled_person(self, tokens: Sequence[Token]) -> ResolvedEntity | None:
        """ "Mr Katwala", "Lord Falconer": a title and a name, which the recogniser may miss."""
        words = [t for t in tokens if t.lower_ not in {"the", "a"}]
        if len(words) < 2 or words[0].lower_.rstrip(".") not in SPEAKER_TITLES:
            return None
        rest = words[1:]
        if not all(t.text[:1].isupper() and t.pos_ in {"PROPN", "NOUN", "ADJ"} for t in rest):
            return None
        title = words[0].lower_.rstrip(".")
        start = self._at(words[0] if title in KEPT_TITLES else rest[0])
        name = self.text[start : self._end(rest[-1])]
        return self.add_person(name, self._at(rest[0]), self._end(rest[-1]), gender_of_words([title]))

    def _appositive_person(self, end: int) -> ResolvedEntity | None:
        """A person named right after the mention, set off by a comma or a space (", Lars Dahl")."""
        return next((c for s, _, c in self.timeline if c.kind == "person" and 1 <= s - end <= 2), None)

    def _owner(self, tokens: Sequence[Token], discourse: Discourse) -> ResolvedEntity | None:
        """The body or person a spokesperson, official or document belongs to."""
        start, end = self._at(tokens[0]), self._end(tokens[-1])
        inside = self.named_at(start, end)
        if inside is not None:
            self._fuller_org_name(inside, tokens)
            return inside
        # "A Treasury spokesperson", "Lib Dem officials", "a spokesman for the Ballet": the proper
        # words before the head, or in a phrase after it, name the body
        runs = proper_runs(tokens)
        if runs:
            run = runs[0]
            start = self._at(run[0])
            text = re.sub(r"['’]s?$", "", self.text[start : self._end(run[-1])])
            after = [t for t in tokens if t.i > run[-1].i]
            if after and after[0].lower_ in {"'s", "’s"}:
                # "a spokesman for Poland's infrastructure ministry": the body, not the country
                body = [t for t in after[1:] if t.text[:1].islower() and t.lower_ not in DESCRIPTION_FILLER]
                if body and body[-1].lemma_.casefold() in ORG_NOUNS:
                    text = self.text[start : self._end(body[-1])]
            return self.add_organization(text, start, start + len(text))
        # "The band's spokesman", "the company's minutes": a possessive description
        poss = [t for t in tokens if t.dep_ == "poss"]
        if poss:
            word = poss[0].lower_
            if word in PERSONAL_PRONOUNS:  # "his spokesman": the person he speaks for
                found = personal_pronoun(self, start, PERSONAL_PRONOUNS[word], discourse)
                return found.entity if found is not None else None
            if word in {"its", "their"}:
                found = it_pronoun(self, start, discourse)
                return found.entity if found is not None else None
            if poss[0].lemma_.casefold() in ORG_NOUNS:
                return self._org_description(Span("", start, end), tokens, poss[0].lemma_.casefold(), discourse)
        return None

    def _document(
        self, ref: Span, tokens: Sequence[Token], head_tok: Token | None, head_text: str, discourse: Discourse
    ) -> Resolution | None:
        """A report, statement, minutes or book speaks for whoever the article says issued it."""
        kind = head_tok.lemma_.casefold() if head_tok is not None else head_text
        issuer = self._owner(tokens, discourse)
        if issuer is None and tokens[0].lower_ in {"the", "this", "its"}:
            issuer = discourse.documents.get(kind) or self._issuer_of_earlier(kind, ref.start)
        if issuer is None and tokens[0].lower_ not in {"a", "an", "one", "another"}:
            # "... by the Bank's rate-setting body, minutes have shown": the body just named
            sent = tokens[0].sent
            lo, hi = self._at(sent[0]), self._end(sent[-1])
            same = [c for s, _, c in self.timeline if c.kind == "organization" and lo <= s < hi and s != ref.start]
            issuer = same[-1] if same else None
        if issuer is None:
            issuer = self._body_named_next(ref, None)  # the lead's "a report suggests"
        if issuer is None and tokens[0].lower_ in {"the", "this"}:
            # "the report" with no issuer named: the body whose findings the article is reporting,
            # the organisation that spoke last
            spoke = [
                r.entity
                for s, r in discourse.history
                if r.entity.kind == "organization" and r.gender is None and ref.start - s <= DESCRIPTION_WINDOW_CHARS
            ]
            issuer = spoke[-1] if spoke else None
        if issuer is None:
            return None
        discourse.documents[kind] = issuer
        return Resolution(issuer, "document")

    def _issuer_of_earlier(self, kind: str, at: int) -> ResolvedEntity | None:
        """A bare "the report" speaks for whoever issued the last report the article named."""
        for para in reversed(self.parsed):
            if para.offset >= at:
                continue
            for tok in reversed(list(para.doc)):
                if para.offset + tok.idx >= at or tok.lemma_.casefold() != kind:
                    continue
                named = self.named_at(self._at(tok.left_edge), self._end(tok.right_edge))
                if named is None and tok.dep_ in {"dobj", "nsubjpass"}:
                    # "The Authority released its annual report": who released it
                    subject = next((c for c in tok.head.children if c.dep_ in {"nsubj", "agent"}), None)
                    if subject is not None:
                        named = self.named_at(self._at(subject.left_edge), self._end(subject.right_edge))
                if named is not None:
                    return named
        return None

    def _org_description(
        self, ref: Span, tokens: Sequence[Token], head_word: str, discourse: Discourse
    ) -> ResolvedEntity | None:
        """ "The company", "the mining group", "the select committee": the organisation meant."""
        if tokens[0].lower_ in {"a", "an", "another", "one", "any", "every"}:
            return self._body_named_next(ref, org_kind(head_word))
        words = {t.lower_ for t in tokens if not t.is_punct} - DESCRIPTION_FILLER
        content = [t for t in tokens if t.lower_ not in DESCRIPTION_FILLER and not t.is_punct]
        if (
            content
            and content[0].pos_ == "PROPN"
            and content[0].ent_type_ not in {"GPE", "NORP", "LOC"}
            and content[-1].lemma_.casefold() == head_word
            and not any(t.dep_ == "poss" or t.lower_ in {"'s", "’s"} for t in content)
        ):
            # "the Labour party", "the Commons education select committee": a name
            return self.add_organization(self.text[self._at(content[0]) : self._end(content[-1])], ref.start, ref.end)
        kind = org_kind(head_word)
        before = [
            (s, c)
            for s, _, c in self.timeline
            if c.kind == "organization" and s < ref.start and org_kind_fits(kind, c.name)
        ]
        # an organisation whose name holds the description's head ("the assembly government")
        sharing = [
            c for _, c in before if head_word in aliases.name_words(c.name) and words & set(aliases.name_words(c.name))
        ]
        if sharing:
            return sharing[-1]
        if head_word in SELF_NAMING_BODIES:
            return self.add_organization(head_word, ref.start, ref.end)
        spoke = [
            r.entity
            for s, r in discourse.history
            if r.entity.kind == "organization" and ref.start - s <= DESCRIPTION_WINDOW_CHARS
        ]
        near = [c for s, c in before if ref.start - s <= DESCRIPTION_WINDOW_CHARS]
        if spoke and near and spoke[-1] in near[-3:]:
            return spoke[-1]
        return near[-1] if near else self._body_named_next(ref, kind)

    def _person_description(self, ref: Span, tokens: Sequence[Token], head_word: str) -> ResolvedEntity | None:
        """ "The home secretary", "the diplomat": the person whose role the words describe."""
        words = [t.lower_ for t in tokens if not t.is_punct and t.dep_ != "poss" and t.lower_ not in {"'s", "’s"}]
        words = [w for w in words if w not in DESCRIPTION_FILLER]
        expanded = ROLE_ABBREVIATIONS.get(head_word)
        if expanded is not None:
            words = [*words[:-1], *expanded.split()]
            head_word = expanded.split()[-1]
        if not words:
            return None
        heads = HYPERNYMS.get(head_word, frozenset()) | {head_word}
        qualified = set(words) & ROLE_QUALIFIERS
        best: tuple[int, int, ResolvedEntity] | None = None
        for p in self.people:
            for role in p.roles:
                role_words = normalise_name(role).replace("-", " ").split()
                if not set(role_words) & heads:
                    continue
                # a qualifier the description lacks makes another role ("shadow chancellor")
                if (set(role_words) & ROLE_QUALIFIERS) - qualified:
                    continue
                missing = [w for w in words[:-1] if w not in role_words and w not in heads]
                if missing:
                    continue
                last = max((s for s, _ in p.mentions if s < ref.start), default=-1)
                score = (len(set(words) & set(role_words)), last)
                if best is None or score > best[:2]:
                    best = (score[0], score[1], p)
        return best[2] if best is not None else None

    def _office(self, head: Token | None) -> bool:
        """Whether a description's head is a role word of one person ("the chancellor")."""
        return head is not None and head.tag_ not in {"NNS", "NNPS"} and is_role_word(head.lower_)

    def quoted(self, at: int) -> bool:
        """Whether this offset lies inside a quotation (a name there is the speaker's words)."""
        if self._quote_spans is None:
            self._quote_spans = [
                (q.start, q.end) for lo, hi, _ in self._spans for q in find_quote_spans(self.text, lo, hi)
            ]
        return any(s < at < e for s, e in self._quote_spans)

    def _body_subject_before(self, at: int, discourse: Discourse) -> tuple[int, ResolvedEntity] | None:
        """The organisation, or a document's issuer, that is the subject of the sentence before
        ``at`` (outside quotation marks), with where that subject stands."""
        toks = self.tokens_at(at, at + 1)
        if not toks:
            return None
        sent = toks[0].sent
        doc = sent.doc
        if sent.start > 0:
            prev = doc[sent.start - 1].sent
        else:
            earlier = [p for p in self.parsed if p.offset < self._doc_offset[id(doc)] and p.kind != "headline"]
            if not earlier:
                return None
            prev = list(earlier[-1].doc.sents)[-1]
        subject = next((t for t in prev if t.dep_ in {"nsubj", "nsubjpass"} and t.head.dep_ == "ROOT"), None)
        if subject is None or subject.pos_ == "PRON" or self.quoted(self._at(subject)):
            return None
        phrase = [t for t in subject.subtree if t.i <= subject.i]
        start, end = self._at(phrase[0]), self._end(subject)
        lemma = subject.lemma_.casefold()
        if lemma in DOCUMENT_NOUNS:
            issuer = self._owner(phrase, discourse)
            return (start, issuer) if issuer is not None else None
        named = self.named_at(start, end, (self._at(subject), end))
        return (start, named) if named is not None and named.kind == "organization" else None

    def _subject_since(self, start: int, end: int) -> bool:
        """Whether a person is named as a subject outside quotation marks in (start, end)."""
        return any(
            c.kind == "person" and start < s < end and is_subject(self, s) and not self.quoted(s)
            for s, _, c in self.timeline
        )

    def _described_person(self, ref: Span, discourse: Discourse) -> ResolvedEntity | None:
        """ "The businessman" right after someone's words is that speaker; else the person last
        named as the subject of a clause outside quotation marks."""
        near = [
            (s, c)
            for s, _, c in self.timeline
            if c.kind == "person" and 0 < ref.start - s <= 1000 and is_subject(self, s) and not self.quoted(s)
        ]
        last = discourse.last
        person: ResolvedEntity | None = near[-1][1] if near else None
        if (
            last is not None
            and last[1].entity.kind == "person"
            and 0 < ref.start - last[0] <= PRONOUN_WINDOW_CHARS
            and not any(s > last[0] for s, _ in near)
        ):
            person = last[1].entity  # nobody else named as a subject since they spoke
        if person is not None:
            self._described.add(id(person))  # "the businessman" is nobody's office
        return person

    def _role_holder(self, ref: Span, tokens: Sequence[Token], discourse: Discourse) -> ResolvedEntity | None:
        """The person a role description means when the article gives no one that role: of the
        people named so far whose role it leaves unsaid, the one it names most (the article's
        subject: "Gordon Brown ... Mr Brown ... the chancellor said"); in the opening sentence,
        before anyone is named, the first person named after it. The role joins theirs, so the
        next "the chancellor" finds them by role."""
        counts: Counter[int] = Counter()
        last: dict[int, int] = {}
        by_id: dict[int, ResolvedEntity] = {}
        for s, _, c in self.timeline:
            if (
                c.kind != "person"
                or c.roles
                or id(c) in self._described
                or not 0 < ref.start - s <= DESCRIPTION_WINDOW_CHARS
                or self.quoted(s)
            ):
                continue
            counts[id(c)] += 1
            last[id(c)] = s
            by_id[id(c)] = c
        # "Katwala" and "Sundar Katwala" met before the clusters are folded are one person
        for short in sorted(by_id, key=lambda k: len(by_id[k].name)):
            full = [k for k in by_id if k != short and aliases.person_variant(by_id[short].name, by_id[k].name)]
            if len(full) == 1 and short in counts:
                counts[full[0]] += counts.pop(short)
                last[full[0]] = max(last[full[0]], last.pop(short))
        if counts:
            lead = self._lead_subject()
            # the one named most; of two as prominent, the one the article opens with as its subject
            ranked = sorted(counts, key=lambda k: (counts[k], k == lead), reverse=True)
            if len(ranked) > 1 and (counts[ranked[0]], ranked[0] == lead) == (counts[ranked[1]], ranked[1] == lead):
                return None  # two people as prominent: the words alone do not say which
            person = by_id[ranked[0]]
        else:
            named = self._named_next(ref)
            if named is None:
                return None
            person = named
        words = [t for t in tokens if t.lower_ not in {"the", "this", "that"}]
        if words:
            person.roles.append(self.text[self._at(words[0]) : self._end(words[-1])])
        return person

    def _lead_subject(self) -> int | None:
        """``id()`` of the person the body's opening sentence has as its subject, if any."""
        first_end = self._first_body_sentence_end()
        for s, _, c in self.timeline:
            if s >= first_end:
                break
            if c.kind == "person" and not self._in_headline(s) and is_subject(self, s):
                return id(c)
        return None

    def _first_body_sentence_end(self) -> int:
        """Where the body's first sentence ends (the headline paragraph aside)."""
        for para in self.parsed:
            if para.kind == "headline":
                continue
            for sent in para.doc.sents:
                return para.offset + sent.end_char
        return 0

    def _capital(self, ref: Span, tokens: Sequence[Token]) -> ResolvedEntity | None:
        """ "Washington said", "Moscow warned": a capital speaks for its country's government,
        named as the article names the country ("US", "Russia")."""
        words = [t for t in tokens if not t.is_punct and t.lower_ != "the"]
        if not words:
            return None
        start, end = self._at(words[0]), self._end(words[-1])
        cluster = self.places.at(start, end)
        if cluster is None or cluster.place.kind != "city" or not cluster.place.country:
            return None
        if not any(s == start and e == end for s, e in cluster.mentions):
            return None
        code = cluster.place.country
        country = capital_country(cluster.place.name, code)
        if country is None:
            return None
        written = [c for c in self.places.places if c.place.kind == "country" and c.place.country == code]
        if written:
            counts = Counter(self.text[s:e] for s, e in written[0].mentions)
            country = counts.most_common(1)[0][0]
        return self.add_organization(country, start, end)

    def _proper_phrase(self, ref: Span, tokens: Sequence[Token]) -> Resolution | None:
        """A source phrase that is a proper name the recogniser missed ("The Tories", "Sundar
        Katwala"): a person or an organisation by the shape of its words."""
        words = [t for t in tokens if not t.is_punct]
        cut = [i for i, t in enumerate(words) if t.lower_ in {"'s", "’s"}]
        if cut:
            words = words[cut[-1] + 1 :]  # "The Fabian Society's Sundar Katwala"
        while words and words[0].lower_ == "the":
            words = words[1:]

        def proper(t: Token) -> bool:
            # capitalised inside a sentence, or tagged a name: "Labour said" with "Labour" a noun
            return t.text[:1].isupper() and (t.pos_ == "PROPN" or t.ent_type_ in {"ORG", "NORP"} or t.i != t.sent.start)

        if not words or not all(proper(t) or t.lower_ in {"of", "and", "for"} or t.like_num for t in words[1:]):
            return None
        if not proper(words[0]):
            return None  # "Number 10" has a number inside, never first
        roles = [i for i, t in enumerate(words) if t.lower_ in ROLE_WORDS]
        role_text = None
        if roles and roles[-1] < len(words) - 2:
            # "Suffolk Chief Constable Alastair McWhirter": the name after the role words
            role_text = self.text[self._at(words[0]) : self._end(words[roles[-1]])]
            words = words[roles[-1] + 1 :]
            # "Chief Constable Alastair McWhirter": a capitalised role word the list lacks
            while len(words) > 2 and words[0].lower_ not in MALE_NAMES | FEMALE_NAMES:
                words = words[1:]
            if not all(t.text[:1].isupper() and t.pos_ == "PROPN" for t in words):
                return None  # "Minister for Children": a title, not a name
        if any(t.lower_ in MALE_WORDS | FEMALE_WORDS or is_role_word(t.lower_) for t in words):
            return None
        start, end = self._at(words[0]), self._end(words[-1])
        if role_text is not None and 2 <= len(words) <= 3 and not any(t.ent_type_ in NOT_NAME_ENTS for t in words):
            person = self.add_person(self.text[start:end], start, end, None)
            person.roles.append(role_text)
            return Resolution(person, "name")
        text = self.text[start:end]
        surname = [p for p in self.people if aliases.person_variant(text, p.name)]
        if len(words) == 1 and len({normalise_name(p.name) for p in surname}) == 1:
            surname[0].mentions.append((start, end))
            self._index()
            return Resolution(surname[0], "name")
        org_like = any(t.ent_type_ in NOT_NAME_ENTS for t in words) or any(
            t.lemma_.casefold() in ORG_NOUNS | ORG_NAME_WORDS or t.lower_ in ORG_NAME_WORDS for t in words
        )
        known_org = nickname_expansion(self.text, text) != text or any(
            aliases.org_short_form(text, o.name) or aliases.org_short_form(o.name, text) for o in self.organizations
        )
        if aliases.is_acronym(text) or org_like or known_org or not 1 <= len(words) <= 3:
            return Resolution(self.add_organization(text, start, end), "name")
        return Resolution(self.add_person(text, start, end, None), "name")
