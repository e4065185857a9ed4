"""Descriptions and documents: who "the chancellor", "the company", "a report" or "its
developers" stands for when the phrase names no one.

A description joins the entity that holds that role or kind when the article leaves one
candidate; a spokesperson, officials or a document speak for whoever they belong to; the
lead's unnamed source is the one the next sentences name (:class:`Descriptions`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from wirewatch.entities import aliases
from wirewatch.entities.clusters import ResolvedEntity
from wirewatch.entities.lexicon import (
    DESCRIPTION_FILLER,
    DOCUMENT_NOUNS,
    HYPERNYMS,
    ORG_NOUNS,
    ROLE_ABBREVIATIONS,
    ROLE_QUALIFIERS,
    SPOKES_NOUNS,
)
from wirewatch.entities.people import normalise_name
from wirewatch.entities.phrases import org_kind, org_kind_fits, proper_runs
from wirewatch.entities.pronouns import (
    PERSONAL_PRONOUNS,
    PRONOUN_WINDOW_CHARS,
    TAKEOVER_CHARS,
    Discourse,
    Resolution,
    is_subject,
    it_pronoun,
    personal_pronoun,
)
from wirewatch.models import Span

if TYPE_CHECKING:
    from spacy.tokens import Token
from wirewatch.entities.mentions import ArticleMentions
from wirewatch.entities.people import is_role_word

DESCRIPTION_WINDOW_CHARS = 6000
# how far after the opening sentence its unnamed source may be named ("a report suggests")
LEAD_REACH_CHARS = 600
# bodies a definite description names by itself ("the government said")
# works whose words are their author's ("the new book claims")
AUTHORED_WORKS = frozenset({"book", "memoir", "memoirs", "biography", "autobiography", "novel", "diary", "diaries"})
# what comes before an author's name: ", by" or "book by", then up to four words of their post
AUTHOR_BEFORE = re.compile(
    r"(?:, by|\b(?:book|memoirs?|biography|autobiography|novel|diar(?:y|ies)) by)(?: [\w'’-]+){0,4} $"
)
AUTHOR_REACH_CHARS = 80
SELF_NAMING_BODIES = frozenset({"government", "police", "army", "military", "cabinet", "opposition"})


class Descriptions(ArticleMentions):
    """The rules for phrases that describe someone rather than name them."""

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
            and is_subject(self, s)  # a subject inside a quotation is no subject of the report
        ]
        return after[0] if after else None

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

    def _described_person(self, ref: Span, discourse: Discourse) -> ResolvedEntity | None:
        """ "The businessman" right after someone's words is that speaker; else the person last
        named as the subject of a clause outside quotation marks."""
        near = [
            (s, c)
            for s, _, c in self.timeline
            if c.kind == "person" and 0 < ref.start - s <= 1000 and is_subject(self, s)
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
        # "party sources", "a company spokesman": the body of that kind under discussion
        kinds = [
            t
            for t in tokens[:-1]
            if t.dep_ in {"compound", "amod", "nmod"}
            and t.lemma_.casefold() in ORG_NOUNS
            and t.lemma_.casefold() not in SELF_NAMING_BODIES
            and t.head.i == tokens[-1].i
        ]
        if kinds and tokens[-1].lower_ in SPOKES_NOUNS:
            word = kinds[0].lemma_.casefold()
            return self._org_description(Span("", start, end), [kinds[0]], word, discourse)
        return None

    def _owner_after(self, head: Token, discourse: Discourse) -> ResolvedEntity | None:
        """The body a phrase after a spokesperson's or source's head names, when the source
        phrase stops at the head ("Sources within the Conservative Party told the BBC")."""
        for prep in head.rights:
            if prep.dep_ != "prep" or prep.lower_ not in {"for", "within", "at", "inside", "from", "of"}:
                continue
            obj = next((t for t in prep.children if t.dep_ == "pobj"), None)
            if obj is None:
                continue
            phrase = [t for t in obj.subtree if t.i <= obj.i]
            start, end = self._at(phrase[0]), self._end(obj)
            named = self.named_at(start, end, (self._at(obj), end))
            if named is not None:
                return named
            if obj.pos_ == "PROPN":
                return self._owner(phrase, discourse)
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
        if issuer is None and kind in AUTHORED_WORKS:
            issuer = self._sole_author()  # "a new book says ... Brown's Britain, by Robert Peston"
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

    def _sole_author(self) -> ResolvedEntity | None:
        """The one person the article gives as the author of a work (", by Sunday Telegraph
        journalist Robert Peston", "a book by Jan Novak"), or None when it gives none or several."""
        authors = {
            id(c): c
            for s, _, c in self.timeline
            if c.kind == "person" and AUTHOR_BEFORE.search(self.text, max(0, s - AUTHOR_REACH_CHARS), s)
        }
        return next(iter(authors.values())) if len(authors) == 1 else None

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
