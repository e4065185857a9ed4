"""Entity resolution for one article: who each name, description and pronoun stands for.

The stage runs after the people finder and before speakers are chosen. It works on mentions:

1. **Clusters** (:mod:`.clusters`): the people and organisations the recogniser tagged, each
   with its canonical name (the fullest form the article gives), aliases, roles and gender,
   indexed by where the text names them (:mod:`.mentions`).
2. **Mentions.** :meth:`ArticleEntities.resolve` says who a source phrase stands for, and how
   (the ``resolved_by`` of the record): a name in the phrase; a spokesperson, officials or
   sources of a named body ("a Treasury spokeswoman"); a document and whoever issued it ("the
   Bank's minutes", "the report"); a description the article leaves one candidate for ("the
   company", "the home secretary", "the diplomat"); a pronoun, by gender and number, continuing
   the last speaker or the last entity that fits (:mod:`.pronouns`). The description and
   document rules live in :mod:`.descriptions`; this module reads names. The caller keeps the
   :class:`Discourse`: who spoke last, which a pronoun leans on.

No coreference package ships usable weights offline, so every rule here is one a reader would
name; none looks at words of any particular article.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from wirewatch.entities import aliases
from wirewatch.entities.clusters import ResolvedEntity, gender_of_words, nickname_expansion
from wirewatch.entities.lexicon import (
    DOCUMENT_NOUNS,
    FEMALE_NAMES,
    FEMALE_WORDS,
    MALE_NAMES,
    MALE_WORDS,
    ORG_NAME_WORDS,
    ORG_NOUNS,
    RELATION_NOUNS,
    ROLE_ABBREVIATIONS,
    SPOKES_NOUNS,
)
from wirewatch.entities.people import ROLE_WORDS, TITLES, normalise_name
from wirewatch.entities.phrases import capital_country, person_head, person_noun
from wirewatch.entities.pronouns import (
    PERSONAL_PRONOUNS,
    TAKEOVER_CHARS,
    Discourse,
    Resolution,
    it_pronoun,
    personal_pronoun,
    they_pronoun,
)
from wirewatch.models import Span

if TYPE_CHECKING:
    from spacy.tokens import Token
from wirewatch.entities.descriptions import Descriptions
from wirewatch.entities.people import is_role_word

# members of a legislature, whom the lead names for the committee that spoke ("MPs have warned")
LEGISLATORS = frozenset("mps peers senators lawmakers legislators councillors assembly members".split())
# a person's own people who speak for them ("Mr Smith's team")
OWN_PEOPLE = frozenset({"team", "camp", "office"})
SPEAKER_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "lord", "lady", "dame", "prof", "professor"})
KEPT_TITLES = frozenset({"lord", "lady"})  # a peer known only by title keeps it ("Lord Falconer")
NOT_NAME_ENTS = frozenset({"GPE", "NORP", "ORG", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "DATE"})

__all__ = ["ArticleEntities", "Discourse", "Resolution", "ResolvedEntity"]


# a work's author after its title: "Brown's Britain, by Robert Peston, says"
AUTHOR_AFTER = re.compile(r",? by ")
# the rest of a phrase ending in a post before a name: " to British Quangos 2005 author "
POST_TAIL = re.compile(r"(?: (?:and|of|for|the|to|on|in|\d+|[A-Z][\w'-]*))* ([a-z][\w-]*) ")
# what may stand between a title the parse cut short and the name it goes with: more title words
TITLE_TAIL_CHARS = 80
TITLE_TAIL = re.compile(r"(?:,? (?:and|of|for|the|[A-Z][\w'-]*))+ ")


class ArticleEntities(Descriptions):
    """The people and organisations of one article, and who its mentions stand for."""

    def resolve(
        self,
        mention: Span,
        head: tuple[int, int] | None,
        discourse: Discourse,
        antecedent: Span | None = None,
        content: Sequence[tuple[int, int]] = (),
    ) -> Resolution | None:
        """Who the source phrase ``mention`` stands for, or None for an unnamed source;
        ``content`` is the spans of what it is said to have said."""
        ref = antecedent or mention
        low = ref.text.casefold().strip()
        if low in PERSONAL_PRONOUNS:
            return personal_pronoun(self, ref.start, PERSONAL_PRONOUNS[low], discourse, content)
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
        author = self._author_after(ref.end)
        if author is not None:
            # "Brown's Britain, by Robert Peston, says": a work speaks for its author
            discourse.documents["book"] = author
            return Resolution(author, "document")
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
        holder = self._post_holder_after(ref.end)
        if holder is not None:
            # "Essential Guide to British Quangos 2005 author Dan Lewis said", the parse taking
            # only the first words as the source: the person whose post the words name
            return Resolution(holder, "name")
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
                speaker = self._speaker_by_post(ref, head_tok, discourse)
                if speaker is not None:
                    # "Mr Ancram condemned it ... he asked. The Tory spokesman also criticised":
                    # the person who has just spoken, described by the post they hold
                    return Resolution(speaker, "description", gender)
            owner = self._owner(tokens, discourse)
            if owner is None and head_tok is not None:
                owner = self._owner_after(head_tok, discourse)
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
                if person is None and self._affiliated_post(tokens, head_tok):
                    # "Mr Johnson said ... 'I don't see why,' the Spectator editor told": a post
                    # tied to a named body, which nobody is given, re-describes who just spoke
                    person = self._speaker_by_post(ref, head_tok, discourse)
            if person is not None:
                return Resolution(person, "description", gender)
        elif tokens[0].lower_ in {"a", "an"} and (self._office(head_tok) or person_head(head_tok)):
            # the lead's "a Labour donor has said ...", then "Duncan Bannatyne also ...": the
            # person the next sentence names
            person = self._named_next(ref)
            if person is not None:
                return Resolution(person, "description", gender)
        return None

    def _speaker_by_post(self, ref: Span, head: Token | None, discourse: Discourse) -> ResolvedEntity | None:
        """The person who has just spoken, when a description by a post ("the Tory spokesman",
        "the party co-chairman") opens the next statement and nobody else is named as a subject
        between them."""
        last = discourse.last
        if (
            last is not None
            and last[1].entity.kind == "person"
            and last[1].how != "spokesperson"
            and head is not None
            and head.tag_ in {"NN", "NNP"}
            and 0 < ref.start - last[0] <= TAKEOVER_CHARS * 2
            and not self._subject_since(last[0], ref.start, last[1].entity)
        ):
            return last[1].entity
        return None

    @staticmethod
    def _affiliated_post(tokens: Sequence[Token], head: Token | None) -> bool:
        """Whether a description names a post of a named body ("the Spectator editor", "the
        Conservative Party co-chairman"): a proper word before its head. A bare office ("the
        prime minister") is a post of its own that someone else may hold."""
        return head is not None and any(t.pos_ == "PROPN" and t.i < head.i for t in tokens)

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

    def _author_after(self, end: int) -> ResolvedEntity | None:
        """The person of a ", by NAME" right after the mention: the author of the work it names."""
        match = AUTHOR_AFTER.match(self.text, end)
        if match is None:
            return None
        return next(
            (c for s, _, c in self.timeline if c.kind == "person" and s == match.end()),
            None,
        )

    def _post_holder_after(self, end: int) -> ResolvedEntity | None:
        """A person named after the rest of a phrase that ends in their post ("... 2005 author
        Dan Lewis"), when the mention is the phrase's first words only."""
        for s, _, c in self.timeline:
            if s <= end or c.kind != "person":
                continue
            if s - end > TITLE_TAIL_CHARS:
                break
            gap = POST_TAIL.fullmatch(self.text[end:s])
            return c if gap is not None and is_role_word(gap.group(1).casefold()) else None
        return None

    def _appositive_person(self, end: int) -> ResolvedEntity | None:
        """A person named right after the mention, set off by a comma or a space (", Lars Dahl"),
        or after the rest of a title the parse cut short ("Minister for Children, Young People
        and Families Margaret Hodge": the mention "Minister for Children", then the name)."""
        for s, _, c in self.timeline:
            if c.kind != "person" or s <= end:
                continue
            if s - end <= 2 or (s - end <= TITLE_TAIL_CHARS and TITLE_TAIL.fullmatch(self.text[end:s])):
                return c
            if s - end > TITLE_TAIL_CHARS:
                break
        return None

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

    def _capitalised_inside(self, phrase: str) -> bool:
        """Whether the article writes ``phrase`` capitalised inside a sentence too ("between
        Number 10 and the Treasury"): a sentence's first word is then a name, not a noun."""
        return re.search(r"[a-z,;] " + re.escape(phrase) + r"\b", self.text) is not None

    def _proper_phrase(self, ref: Span, tokens: Sequence[Token]) -> Resolution | None:
        """A source phrase that is a proper name the recogniser missed ("The Tories", "Sundar
        Katwala"): a person or an organisation by the shape of its words."""
        words = [t for t in tokens if not t.is_punct]
        cut = [i for i, t in enumerate(words) if t.lower_ in {"'s", "’s"}]
        if cut:
            words = words[cut[-1] + 1 :]  # "The Fabian Society's Sundar Katwala"
        definite = bool(words) and words[0].lower_ == "the"
        while words and words[0].lower_ == "the":
            words = words[1:]

        def proper(t: Token) -> bool:
            # capitalised inside a sentence, or tagged a name: "Labour said" with "Labour" a noun
            return t.text[:1].isupper() and (t.pos_ == "PROPN" or t.ent_type_ in {"ORG", "NORP"} or t.i != t.sent.start)

        if not words or not all(proper(t) or t.lower_ in {"of", "and", "for"} or t.like_num for t in words[1:]):
            return None
        phrase = self.text[self._at(words[0]) : self._end(words[-1])]
        if not proper(words[0]) and not (words[0].text[:1].isupper() and self._capitalised_inside(phrase)):
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
        # "The Lib Dems say": a name with "the" is a body's, never a person's
        if aliases.is_acronym(text) or org_like or known_org or definite or not 1 <= len(words) <= 3:
            return Resolution(self.add_organization(text, start, end), "name")
        return Resolution(self.add_person(text, start, end, None), "name")
