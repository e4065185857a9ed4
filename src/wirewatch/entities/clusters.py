"""The people and organisations of one article as clusters of names, before any mention is read.

The recogniser's people and organisations (:func:`wirewatch.entities.people.find_people`) become
:class:`ResolvedEntity` clusters:

* a surname the small model tagged as an organisation ("Mr Straw", "Moore") joins the one
  person of that surname;
* a person's short form or spelling one edit away joins the one fuller name it fits
  ("Orlow" -> "Pavel Orlov"), and an organisation's acronym, leading words, abbreviation or
  nickname joins its full name (:mod:`.aliases`); a form that fits two clusters joins neither;
* an acronym the article spells out elsewhere ("NIESR") takes the spelled-out name;
* a person's gender comes from what the text shows: a title or a gendered role word at their
  mentions, else a common given name.

The canonical name is the fullest form: most words, then longest.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

from wirewatch.entities import aliases
from wirewatch.entities.lexicon import FEMALE_NAMES, FEMALE_WORDS, MALE_NAMES, MALE_WORDS, NICKNAMES, ORG_KINDS
from wirewatch.entities.people import ROLE_WORDS, TITLES, PeopleTable, clean_name, entity_id, normalise_name

Gender = Literal["m", "f"]
EntityKind = Literal["person", "organization"]

# what a name may be followed by that only says what kind of body it is ("Associated Press news agency")
DESCRIPTOR_NOUNS = frozenset(
    "agency company firm giant group chain carrier airline retailer maker manufacturer producer newspaper "
    "paper magazine broadcaster channel website network station label band".split()
)
TITLE_BEFORE_RE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Sir|Lord|Lady|Dame|Prof)\.?\s+$")
TITLE_INSIDE_RE = re.compile(r"(?:Mr|Mrs|Ms|Miss|Dr|Sir)\.?\s")
NAME_JOINERS = frozenset({"of", "&"})


def _titled(text: str, start: int, end: int) -> bool:
    """Whether a title stands before the mention or opens it ("Mr Straw")."""
    return bool(TITLE_BEFORE_RE.search(text[max(0, start - 6) : start]) or TITLE_INSIDE_RE.match(text[start:end]))


@dataclass
class ResolvedEntity:
    """One person or organisation of the article: mutable while the article is read."""

    kind: EntityKind
    names: list[str]
    mentions: list[tuple[int, int]] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    gender: Gender | None = None

    # (how many names it was chosen from, the name): names are only ever added
    _canonical: tuple[int, str] = field(default=(0, ""), init=False, repr=False, compare=False)

    @property
    def name(self) -> str:
        """The fullest name the article gives: most words, then not an acronym, then longest."""
        # names are only ever added, so the choice holds until the list grows
        if self._canonical[0] != len(self.names):
            best = max(self.names, key=lambda n: (len(aliases.name_words(n)), not aliases.is_acronym(n), len(n)))
            self._canonical = (len(self.names), best)
        return self._canonical[1]

    @property
    def aliases(self) -> tuple[str, ...]:
        """The other names the article gives, once each, in the order first met."""
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

    # the role the people finder judged nearest the fullest mention, when it judged one
    best_role: str | None = None

    @property
    def role(self) -> str | None:
        if self.best_role is not None:
            return self.best_role
        # else the longest role is usually the fullest description the article gives
        return max(self.roles, key=len) if self.roles else None

    def absorb(self, other: ResolvedEntity) -> None:
        self.names.extend(other.names)
        self.mentions.extend(other.mentions)
        self.roles.extend(other.roles)
        self.gender = self.gender or other.gender
        self.best_role = self.best_role or other.best_role


def org_name(name: str) -> str:
    """An organisation's proper name: no leading article, no descriptor words after it
    ("the Associated Press news agency" -> "Associated Press")."""
    words = name.split()
    while words and words[0].casefold() == "the":
        words = words[1:]
    # the words after the name say what kind of body it is, when they end in such a word
    # ("news agency"); otherwise they are part of it ("the Commons education select committee")
    tail = len(words)
    while tail > 1 and words[tail - 1][:1].islower():
        tail -= 1
    possessive = any(w.endswith(("'s", "’s")) for w in words)  # "Poland's infrastructure ministry"
    described = bool(words) and words[-1].casefold() in DESCRIPTOR_NOUNS
    if described and words[0][:1].isupper() and tail < len(words) and not possessive:
        words = words[:tail]
    # "Opera 8.0": a product's version number is no part of its maker's name
    return re.sub(r"\s+v?\d+(?:\.\d+)+$", "", " ".join(words)).strip(" ,.;:()")


def gender_of_words(words: Sequence[str]) -> Gender | None:
    low = {w.casefold() for w in words}
    male, female = bool(low & MALE_WORDS), bool(low & FEMALE_WORDS)
    if male != female:
        return "m" if male else "f"
    return None


def gender_of_name(name: str) -> Gender | None:
    words = name.split()
    first = words[0].casefold() if words else ""
    if first in MALE_NAMES:
        return "m"
    if first in FEMALE_NAMES:
        return "f"
    return None


def person_gender(text: str, person: ResolvedEntity) -> Gender | None:
    """What the text shows: titles and gendered words at the mentions and in the roles, else
    the given name."""
    votes: list[Gender] = []
    for s, e in person.mentions:
        g = gender_of_words(text[max(0, s - 6) : e].split()[:2])
        if g:
            votes.append(g)
    for role in person.roles:
        g = gender_of_words(role.split())
        if g:
            votes.append(g)
    if not votes:
        return gender_of_name(person.name)
    m, f = votes.count("m"), votes.count("f")
    return None if m == f else "m" if m > f else "f"


def _size(c: ResolvedEntity) -> tuple[int, int]:
    return len(aliases.name_words(c.name)), len(c.name)


def merge_forms(
    clusters: list[ResolvedEntity],
    same: Callable[[str, str], bool],
    merged: dict[int, ResolvedEntity] | None = None,
    prefer_dominant: bool = False,
) -> None:
    """Fold each shorter name into the one fuller cluster it is a form of; a form that fits
    two different clusters stays apart, unless ``prefer_dominant`` and one of them is named
    far more often. ``merged`` records, by ``id()``, where each folded cluster went."""
    changed = True
    while changed:
        changed = False
        for short in sorted(clusters, key=_size):
            fuller = [c for c in clusters if c is not short and _size(c) >= _size(short) and same(short.name, c.name)]
            keys = {normalise_name(c.name) for c in fuller}
            if len(keys) > 1 and prefer_dominant:
                # "the Bank" beside "Bank of England" (named six times) and "Bank of Scotland" (once)
                fuller.sort(key=lambda c: len(c.mentions), reverse=True)
                if len(fuller[0].mentions) >= 2 * len(fuller[1].mentions) + 1:
                    fuller, keys = fuller[:1], {normalise_name(fuller[0].name)}
            if fuller and len(keys) == 1:
                fuller[0].absorb(short)
                if merged is not None:
                    merged[id(short)] = fuller[0]
                clusters.remove(short)
                changed = True
                break


def orgs_that_are_people(
    text: str,
    people: list[ResolvedEntity],
    orgs: list[ResolvedEntity],
    merged: dict[int, ResolvedEntity] | None = None,
) -> list[ResolvedEntity]:
    """The organisations left once those that are a person's name ("Mr Straw", "Pavel Orlov"
    tagged as an organisation) join that person."""
    kept: list[ResolvedEntity] = []
    for org in orgs:
        words = aliases.name_words(org.name)
        titled = any(_titled(text, s, e) for s, e in org.mentions)
        hits: list[ResolvedEntity] = []
        joined = " and " in org.name or " & " in org.name  # "Blair and Brown" is two people, or a firm
        if words and not aliases.is_acronym(org.name) and not joined:
            if titled or len(words) >= 2:
                hits = [
                    p
                    for p in people
                    if aliases.person_variant(org.name, p.name) or aliases.person_variant(p.name, org.name)
                ]
            else:  # an untitled single word joins only a person of exactly that surname
                hits = [p for p in people if aliases.name_words(p.name)[-1:] == words]
        if not hits and titled and len(words) <= 3 and not joined:
            # "Mr Cable" among an organisation's mentions: it is a person nobody else named
            person = ResolvedEntity("person", [n for n in _written_names(text, org.mentions) if " " in n] or [org.name])
            people.append(person)
            hits = [person]
        if len(hits) == 1:
            hits[0].mentions.extend(org.mentions)
            # "Pavel Orlov" tagged as an organisation: its full form is one of the person's names
            hits[0].names.extend(n for n in org.names if not TITLE_INSIDE_RE.match(n))
            if merged is not None:
                merged[id(org)] = hits[0]
        else:
            kept.append(org)
    return kept


def _expand_acronyms(text: str, orgs: list[ResolvedEntity]) -> None:
    for org in orgs:
        if aliases.is_acronym(org.name) and not any(
            o is not org and aliases.acronym_of(org.name, o.name) for o in orgs
        ):
            full = aliases.expansion_in_text(org.name, text)
            if full is not None:
                org.names.append(full)


def _peerage(text: str, person: ResolvedEntity) -> None:
    """A peer known by title keeps it ("Lord Falconer", "Lady Hale"), as the article writes it."""
    if len(aliases.name_words(person.name)) != 1:
        return
    for s, e in person.mentions:
        m = re.search(r"\b(Lord|Lady)\s+$", text[max(0, s - 6) : s])
        if m:
            person.names.append(f"{m.group(1)} {clean_name(text[s:e])}")
            return
        m = re.match(r"(Lord|Lady)\s+(\S.*)$", text[s:e])
        if m:
            person.names.append(f"{m.group(1)} {clean_name(m.group(2))}")
            return


def _nicknamed(text: str, person: ResolvedEntity) -> None:
    """'Jimmy "the Whirlwind" White' for a person known as "White": the given name before a
    quoted nickname is theirs."""
    if len(aliases.name_words(person.name)) != 1:
        return
    surname = re.escape(person.name)
    quoted = r"[\"“][^\"“”]{2,30}[\"”]"
    m = re.search(rf"\b([A-Z][a-z]+) {quoted} ({surname})\b", text)
    if m and (m.group(1).casefold() in MALE_NAMES or m.group(1).casefold() in FEMALE_NAMES):
        person.names.append(f"{m.group(1)} {m.group(2)}")


# capitalised words (or "of", "&" and one) after a name; spaces only: a title line ends a name
NAME_RUN_RE = re.compile(r"(?:[ ]+(?:of[ ]+|&[ ]+)?[A-Z][\w&'’-]*){1,3}")


def _name_runs(text: str, name: str) -> Iterator[tuple[int, int]]:
    """Where ``name`` stands followed by a :data:`NAME_RUN_RE` run, as ``re.finditer`` of the two
    joined finds them, without compiling a pattern per name (a thousand per hundred articles)."""
    at = text.find(name)
    while at >= 0:
        run = NAME_RUN_RE.match(text, at + len(name))
        if run is None:
            at = text.find(name, at + 1)
            continue
        yield at, run.end()
        at = text.find(name, run.end())


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what a regular expression's word character matches


def whole_occurrences(text: str, name: str) -> Iterator[tuple[int, int]]:
    """Where ``name`` stands as whole words (no word character, apostrophe or hyphen before, no
    word character or hyphen after), as ``re.finditer`` of the lookbehind, the escaped name and
    the lookahead finds them, without compiling a pattern per name."""
    at = text.find(name)
    while at >= 0:
        end = at + len(name)
        before = text[at - 1] if at else ""
        after = text[end] if end < len(text) else ""
        if (before and (_word_char(before) or before in "'’-")) or (after and (_word_char(after) or after == "-")):
            at = text.find(name, at + 1)
            continue
        yield at, end
        at = text.find(name, end if end > at else at + 1)


def fuller_org_name(text: str, org: ResolvedEntity) -> None:
    """ "Lockheed Martin" where the recogniser tagged only "Lockheed": the capitalised words that
    follow the name somewhere in the article, inside one sentence, are part of it."""
    name = org.name
    if aliases.is_acronym(name) or len(name) < 3:
        return
    best = name
    size = len(name.split())
    for start, end in _name_runs(text, name):
        before = text[max(0, start - 30) : start].split()
        if before and before[-1][:1].isupper() and not before[-1].endswith((".", ":")):
            continue  # "Bank of Scotland" inside "Royal Bank of Scotland" is another name
        if start == 0 or text[start - 1] in ".!?":
            continue
        words = text[start:end].split()
        kept, rest = words[:size], words[size:]
        for n, w in enumerate(rest):
            low = w.casefold().strip("'’")
            # a given name with a surname after it is a person: "Labour Gordon Brown", not
            # "Lockheed Martin and ..."; capitals, role words and titles start a person too
            person_next = (low in MALE_NAMES or low in FEMALE_NAMES) and n + 1 < len(rest)
            if w.isupper() or person_next or low in ROLE_WORDS or low in TITLES:
                break
            if w.endswith(("'s", "’s")) or low in {x.casefold() for x in kept}:
                break  # "BBC's", a word of the name again
            kept.append(w)
        while kept and kept[-1].casefold() in NAME_JOINERS:
            kept.pop()
        candidate = " ".join(kept)
        if len(candidate) > len(best):
            best = candidate
    if best != name:
        org.names.append(best)


def _written_names(text: str, mentions: Sequence[tuple[int, int]]) -> list[str]:
    out = []
    for s, e in mentions:
        name = clean_name(text[s:e])
        if name and "\n" not in name and not any(ch.isdigit() for ch in name):
            out.append(name)
    return out


def nickname_expansion(text: str, name: str) -> str:
    """ "Tories" -> "Conservative Party" or "Conservatives", whichever fuller form the article
    writes; the nickname itself when it writes none."""
    meant = NICKNAMES.get(" ".join(aliases.name_words(name)))
    if meant is None:
        return name
    stem = " ".join(w.capitalize() for w in meant.split()).rstrip("s")
    for pattern in (rf"\b{stem}s? Party\b", rf"\b{stem}s\b"):
        m = re.search(pattern, text)
        if m:
            return m.group(0)
    return name


def build_clusters(text: str, table: PeopleTable) -> tuple[list[ResolvedEntity], list[ResolvedEntity]]:
    """The article's people and organisations, each a cluster of the names it goes by."""
    # every form a cluster's mentions write counts as one of its names: the recogniser's
    # cluster keeps only the first ("Cable" before "Vince Cable")
    people = [
        ResolvedEntity(
            "person", [c.name, *_written_names(text, c.mentions)], list(c.mentions), list(c.roles), best_role=c.role
        )
        for c in table.people
    ]
    orgs = [ResolvedEntity("organization", [org_name(c.name) or c.name], list(c.mentions)) for c in table.organizations]
    orgs = orgs_that_are_people(text, people, orgs)
    orgs.extend(_orgs_in_roles(text, people, orgs))
    merge_forms(people, aliases.person_variant)
    for p in people:
        _peerage(text, p)
        _nicknamed(text, p)
    _expand_acronyms(text, orgs)
    for org in orgs:
        fuller_org_name(text, org)
        full = nickname_expansion(text, org.name)
        if full != org.name:
            org.names.append(full)
    merge_forms(orgs, aliases.org_short_form, prefer_dominant=True)
    people = _people_that_are_orgs(text, people, orgs)
    for p in people:
        p.gender = person_gender(text, p)
    _complete_mentions(text, [*people, *orgs])
    return people, orgs


KIND_WORDS = frozenset(w for words in ORG_KINDS.values() for w in words)


def _orgs_in_roles(text: str, people: Sequence[ResolvedEntity], orgs: Sequence[ResolvedEntity]) -> list[ResolvedEntity]:
    """The body a role names before its role words ("Fostering Network executive director"):
    capitalised words that end in a kind of body, which the recogniser left untagged."""
    known = {normalise_name(n) for o in orgs for n in o.names}
    found: dict[str, ResolvedEntity] = {}
    for person in people:
        for role in person.roles:
            words = role.split()
            run: list[str] = []
            for w in words:
                if not w[:1].isupper() or w.casefold() in ROLE_WORDS:
                    break
                run.append(w)
            if len(run) < 2 or run[-1].casefold() not in KIND_WORDS or len(run) == len(words):
                continue
            name = " ".join(run)
            if normalise_name(name) in known or name in found:
                continue
            at = text.find(name)
            found[name] = ResolvedEntity("organization", [name], [(at, at + len(name))] if at >= 0 else [])
    return list(found.values())


def _complete_mentions(text: str, clusters: Sequence[ResolvedEntity]) -> None:
    """Every place the text writes a cluster's name of two or more words counts as a mention:
    the small model misses some ("UK Coal plunges" in a headline, "Shares in UK Coal")."""
    taken = sorted(m for c in clusters for m in c.mentions)
    # every cluster's names, longest first, so "BBC Sport Personality" claims its words before
    # "BBC Sport" can (and the outcome never hangs on the order of a set)
    names = sorted(
        {(n, i) for i, c in enumerate(clusters) for n in c.names if len(n.split()) >= 2},
        key=lambda item: (-len(item[0]), item[0], item[1]),
    )
    for name, i in names:
        for s, e in whole_occurrences(text, name):
            if any(ts < e and s < te for ts, te in taken):
                continue
            clusters[i].mentions.append((s, e))
            taken.append((s, e))


def _people_that_are_orgs(text: str, people: list[ResolvedEntity], orgs: list[ResolvedEntity]) -> list[ResolvedEntity]:
    """A "person" whose name is a short form of an organisation's ("Lib Dems" beside "Liberal
    Democrats"), with no given name and no title, is that organisation."""
    kept: list[ResolvedEntity] = []
    for person in people:
        titled = any(_titled(text, s, e) for s, e in person.mentions)
        fits = [
            o
            for o in orgs
            if aliases.org_short_form(person.name, o.name) and normalise_name(person.name) != normalise_name(o.name)
        ]
        if not titled and gender_of_name(person.name) is None and len(fits) == 1:
            fits[0].absorb(ResolvedEntity("organization", person.names, person.mentions))
        else:
            kept.append(person)
    return kept
