"""The article's mentions, indexed: where each person and organisation is named, and the
offsets, quotation spans and opening sentence that resolution reads.

:class:`ArticleMentions` holds the clusters (:mod:`.clusters`) and the parse; the description
rules (:mod:`.descriptions`) and the mention reader (:mod:`.resolve`) build on it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from typing import TYPE_CHECKING

from wirewatch.entities import aliases
from wirewatch.entities.clusters import (
    Gender,
    ResolvedEntity,
    build_clusters,
    fuller_org_name,
    gender_of_name,
    merge_forms,
    nickname_expansion,
    org_name,
    orgs_that_are_people,
)
from wirewatch.entities.lexicon import ORG_NAME_WORDS
from wirewatch.entities.people import PeopleTable, clean_name, normalise_name
from wirewatch.entities.phrases import proper_runs
from wirewatch.entities.places import PlaceTable
from wirewatch.entities.pronouns import is_subject
from wirewatch.models import ResolvedBy
from wirewatch.parse import ParsedParagraph, doc_text
from wirewatch.quotemarks import find_quote_spans

if TYPE_CHECKING:
    from spacy.tokens import Token


class ArticleMentions:
    """The people and organisations of one article, where the text names them, and its parse."""

    def __init__(
        self, text: str, parsed: Sequence[ParsedParagraph], people: PeopleTable, places: PlaceTable | None = None
    ) -> None:
        self.text = text
        self.places = places or PlaceTable()
        self.parsed = list(parsed)
        self._doc_offset = {id(para.doc): para.offset for para in self.parsed}
        # each paragraph's article span and its tokens' article offsets, made once: spaCy builds
        # ``Doc.text`` anew on every call
        self._spans = [(para.offset, para.offset + len(doc_text(para.doc)), para) for para in self.parsed]
        self._starts: dict[int, list[int]] = {}  # filled per paragraph when first asked
        self.people, self.organizations = build_clusters(text, people)
        self.timeline: list[tuple[int, int, ResolvedEntity]] = []
        self._described: set[int] = set()  # people a description of who they are has named
        self._quote_spans: list[tuple[int, int]] | None = None  # made when first asked
        self._lead_end: int | None = None  # where the body's first sentence ends, when first asked
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
        if len(name.split()) > 1 and re.search(rf"\b{re.escape(name)}s\b", self.text):
            org.names.append(name + "s")  # "Lib Dem officials" where the party is the "Lib Dems"
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

    def quoted(self, at: int) -> bool:
        """Whether this offset lies inside a quotation (a name there is the speaker's words)."""
        if self._quote_spans is None:
            self._quote_spans = [
                (q.start, q.end) for lo, hi, _ in self._spans for q in find_quote_spans(self.text, lo, hi)
            ]
        return any(s < at < e for s, e in self._quote_spans)

    def _subject_since(self, start: int, end: int, speaker: ResolvedEntity) -> bool:
        """Whether a person other than ``speaker`` is named as a subject outside quotation marks
        in (start, end) (the speaker's own name is no new subject: "Tory Liam Fox" holds "Liam
        Fox" past where the mention starts)."""
        return any(
            c.kind == "person" and c is not speaker and start < s < end and is_subject(self, s)
            for s, _, c in self.timeline
        )

    def _in_headline(self, at: int) -> bool:
        return any(lo <= at < hi and para.kind == "headline" for lo, hi, para in self._spans)

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
        """Where the body's first sentence ends (the headline paragraph aside); found once."""
        if self._lead_end is None:
            self._lead_end = 0
            body = next((para for para in self.parsed if para.kind != "headline"), None)
            sent = next(iter(body.doc.sents), None) if body is not None else None
            if body is not None and sent is not None:
                self._lead_end = body.offset + sent.end_char
        return self._lead_end

    def _opens_sentence(self, person: ResolvedEntity, at: int) -> bool:
        """Whether the person's first mention after ``at`` is the subject of its sentence."""
        starts = sorted(s for s, _ in person.mentions if s >= at)
        return bool(starts) and is_subject(self, starts[0])

    def _fuller_org_name(self, org: ResolvedEntity, tokens: Sequence[Token]) -> None:
        """ "Department for Education and Skills" where the recogniser tagged only "Department
        for Education": the whole run of proper words in the phrase is the name."""
        if org.kind != "organization":
            return
        for run in proper_runs(tokens):
            text = org_name(self.text[self._at(run[0]) : self._end(run[-1])])
            if text != org.name and aliases.org_short_form(org.name, text):
                org.names.append(text)
