"""Which spaCy entities name people, and where each name starts and ends.

Method: start from the recogniser's PERSON entities and correct what the small model gets wrong.

* **Boundaries.** A name loses the words the recogniser glued to it: titles ("Mr", "Sir"; a peer
  keeps "Lord" or "Lady"), role and affiliation words in front ("Spokeswoman Anna Petrova",
  "Tory Liam Fox"), a place ending a role in front ("Ambassador to Lisbon Pavel Orlov"),
  possessives ("’s Jan Novak", "Novak's"), letters after the name ("MP", "QC") and anything after
  a spaced dash. A number right after a one-word name is part of it (a stage name: "Andre 3000").
* **More people.** A proper name the recogniser tagged otherwise, or not at all, is a person when a
  personal title stands before it ("Lord Campbell-Savours"), when it ends with letters only a
  person carries ("Guy Mansfield QC"), or when two or more capitalised words follow a role word
  in one run of proper nouns ("Suffolk Chief Constable Alastair McWhirter"). "Lords A, B and C"
  names several peers.
* **Weak mentions.** Some PERSON entities are usually not people: a modifier of a common noun
  ("Lib Dem spokesman", "No Doubt singer", "Fahrenheit 9/11 director"), a name after an article
  ("told the Guardian", "fired a Javelin"), a plural ("Lib Dems"), an adjective ("Welsh"), a party
  or nationality word, a title in quotation marks or after a word for a work ("hit Hey Ya"), and
  a name the gazetteer knows as a place. A weak mention counts only when it is the name of a
  person the article names plainly elsewhere ("the Blair government" after "Tony Blair").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from wirewatch.entities.lexicon import FEMALE_NAMES, MALE_NAMES, ORG_NOUNS
from wirewatch.entities.roles import is_affiliation, is_role_noun, roles_at
from wirewatch.parse import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from wirewatch.entities.gazetteer import Gazetteer

# Titles dropped from a name (the guidelines keep a peer's title: "Lord Falconer")
DROPPED_TITLES = frozenset(
    "mr mrs ms miss mx dr prof professor sir dame rev revd reverend fr sen rep gov gen lt col sgt capt cllr".split()
)
PEER_TITLES = frozenset({"lord", "lady", "baroness", "baron", "viscount", "earl", "duke", "duchess"})
PERSON_TITLES = DROPPED_TITLES | PEER_TITLES
# Letters after a name: offices and honours only a person holds
NAME_SUFFIXES = frozenset("mp mep msp mla qc kc obe cbe mbe kbe frs phd".split())
# Words for a creative work or a product: the name after one is its title ("hit Hey Ya")
WORK_NOUNS = frozenset(
    """
    hit album single song track record film movie documentary series sitcom show programme program
    drama musical opera play book novel magazine newspaper game brand model missile rifle
    """.split()
)
_QUOTES = frozenset("'\"‘’“”")
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})


@dataclass(frozen=True)
class NameMention:
    """A person's name at tokens ``doc[start:end]``; ``root`` heads it in the parse."""

    name: str
    start: int
    end: int
    root: Token
    weak: bool = False
    # the name is written as the title of a work here ("hit Hey Ya", "the film 'Ray'"), so the
    # same words elsewhere in the article are that title too, not a person
    work: bool = False


def _low(tok: Token) -> str:
    return tok.text.casefold().rstrip(".")


def _root(doc: Doc, start: int, end: int) -> Token:
    span = doc[start:end]
    return span.root


def _text(doc: Doc, start: int, end: int) -> str:
    return doc_text(doc)[doc[start].idx : doc[end - 1].idx + len(doc[end - 1].text)]


def _not_name_start(doc: Doc, start: int, end: int, gazetteer: Gazetteer) -> bool:
    """Whether the first token of ``doc[start:end]`` is glued to the name, not part of it."""
    tok, low, left = doc[start], _low(doc[start]), end - start
    if tok.is_punct or tok.pos_ in {"DET", "ADP"} or tok.text in _POSSESSIVE:
        return True
    if left > 1 and (low in DROPPED_TITLES or (is_role_noun(tok) or is_affiliation(tok)) and low not in PEER_TITLES):
        return True
    given = MALE_NAMES | FEMALE_NAMES
    if left > 2 and low not in given and _low(doc[start + 1]) in given and not doc[start + 1].is_sent_start:
        return True  # the end of a title in front: "Minister for Transport, Roads and Ports Helen Carr"
    # a place ending a role in front: "Ambassador to Lisbon Pavel Orlov"
    return (
        left > 2
        and start > 0
        and (doc[start - 1].pos_ == "ADP" or is_role_noun(doc[start - 1]))
        and low not in given
        and gazetteer.is_place_name(tok.text)
    )


def name_bounds(doc: Doc, start: int, end: int, gazetteer: Gazetteer) -> tuple[int, int]:
    """The tokens of a recognised name that are the name itself (empty when none are)."""
    # cut at a spaced dash or other punctuation inside ("Alan Milburn - the man ...")
    for i in range(start + 1, end):
        tok = doc[i]
        if tok.is_punct and tok.text not in {".", "-", "'", "’"} or (tok.text in {"-", "–"} and doc[i - 1].whitespace_):
            end = i
            break
        if tok.pos_ == "DET" or tok.text in _POSSESSIVE and not _o_apostrophe(doc, i):
            end = i
            break
    while start < end and _not_name_start(doc, start, end, gazetteer):
        start += 1
    # the recogniser may leave a given name out: "President George W Bush" tagged "W Bush"
    while (
        start > 0
        and (doc[start - 1].text.casefold() in MALE_NAMES | FEMALE_NAMES or len(doc[start - 1].text.rstrip(".")) == 1)
        and doc[start - 1].is_title
        and not doc[start - 1].ent_type_
        and doc[start - 1].head.i in range(start, end)
        and not (
            _low(doc[start - 1]) in PERSON_TITLES or is_role_noun(doc[start - 1]) or is_affiliation(doc[start - 1])
        )
    ):
        start -= 1
    # a peer known by title keeps it: "Lord Goldsmith"
    if start > 0 and end - start == 1 and _low(doc[start - 1]) in PEER_TITLES and doc[start - 1].is_title:
        start -= 1
    while end > start:
        tok = doc[end - 1]
        if tok.is_punct or tok.text in _POSSESSIVE or (end - start > 1 and _low(tok) in NAME_SUFFIXES):
            end -= 1
        else:
            break
    # a stage name's number: "Andre 3000"
    if end - start == 1 and end < len(doc) and doc[end].like_num and doc[end].head.i == end - 1:
        end += 1
    return start, end


def _role_follows(doc: Doc, start: int, end: int) -> bool:
    """ "Lib Dem constitutional affairs committee chairman": a role noun after the name, in the
    same run of modifiers, makes the name an affiliation."""
    if end - start > 1 and end < len(doc) and _low(doc[end]) in NAME_SUFFIXES:
        return False  # "Peter Ainsworth MP"
    for tok in doc[end : end + 6]:
        if tok.pos_ not in {"NOUN", "ADJ", "PROPN"} or tok.ent_type_ == "PERSON":
            return False
        if is_role_noun(tok):
            return True
    return False


def _is_weak(doc: Doc, start: int, end: int, root: Token, gazetteer: Gazetteer) -> bool:
    toks = doc[start:end]
    before = doc[start - 1] if start > 0 else None
    if before is not None and _low(before) in PERSON_TITLES:
        return False
    if root.dep_ in {"compound", "amod", "nmod"} and root.head.i >= end and root.head.pos_ == "NOUN":
        return True
    if _role_follows(doc, start, end):
        return True
    if before is not None and before.pos_ == "DET" and before.text.casefold() in {"the", "a", "an"}:
        return True
    given = toks[0].text.casefold() in MALE_NAMES | FEMALE_NAMES
    if toks[-1].tag_ in {"NNPS", "NNS"} and not given or (len(toks) == 1 and toks[0].pos_ == "ADJ"):
        return True
    if all(is_affiliation(t) or is_role_noun(t) for t in toks):
        return True
    if _is_work(doc, start, end):
        return True
    return gazetteer.is_place_name(_text(doc, start, end))


def _is_work(doc: Doc, start: int, end: int) -> bool:
    """The name stands as a work's title: in quotation marks or after "hit", "album", "film"."""
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    if before is not None and _low(before) in PERSON_TITLES:
        return False
    if before is not None and after is not None and before.text in _QUOTES and after.text in _QUOTES:
        return True
    return before is not None and before.text.casefold() in WORK_NOUNS


def _make(doc: Doc, start: int, end: int, gazetteer: Gazetteer, weak: bool | None = None) -> NameMention | None:
    start, end = name_bounds(doc, start, end, gazetteer)
    if start >= end:
        return None
    name = _text(doc, start, end)
    if not any(ch.isalpha() for ch in name) or all(_low(t) in PERSON_TITLES for t in doc[start:end]):
        return None
    root = _root(doc, start, end)
    if weak is None:
        weak = _is_weak(doc, start, end, root, gazetteer)
    return NameMention(name, start, end, root, weak, work=weak and _is_work(doc, start, end))


def _peers(doc: Doc, start: int, end: int) -> list[NameMention]:
    """ "Lords Bingham, Steyn and Hope" -> Lord Bingham, Lord Steyn, Lord Hope."""
    if end - start < 2 or doc[start].text not in {"Lords", "Ladies"}:
        return []
    title = doc[start].text[:-1] if doc[start].text == "Lords" else "Lady"
    first = doc[start + 1]
    found = [NameMention(f"{title} {first.text}", first.i, first.i + 1, first)]
    for tok in first.subtree:
        if tok.dep_ == "conj" and tok.pos_ == "PROPN" and tok.text[:1].isupper():
            found.append(NameMention(f"{title} {tok.text}", tok.i, tok.i + 1, tok))
    return found


def _titled(doc: Doc, i: int) -> tuple[int, int] | None:
    """A run of capitalised proper nouns after a personal title at ``doc[i]``."""
    end = i + 1
    while (
        end < len(doc)
        and doc[end].pos_ == "PROPN"
        and doc[end].text[:1].isupper()
        or (end < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_)
    ):
        end += 1
    return (i, end) if end > i + 1 else None


def _after_role(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """ "Chief Constable Alastair McWhirter": the name after the last role word of a run."""
    roles = [i for i in range(start, end) if is_role_noun(doc[i])]
    if not roles or end - roles[-1] - 1 < 2:
        return None
    name = doc[roles[-1] + 1 : end]
    if any(is_affiliation(t) or not t.is_alpha or not t.text[:1].isupper() for t in name):
        return None
    return roles[-1] + 1, end


def _looks_like_person(doc: Doc, start: int, end: int, gazetteer: Gazetteer) -> bool:
    """A name tagged as an organisation that the text gives a person's role."""
    start, end = name_bounds(doc, start, end, gazetteer)
    toks = doc[start:end]
    if not 2 <= len(toks) <= 4 or not all(t.is_alpha and t.is_title and t.pos_ == "PROPN" for t in toks):
        return False
    if any(t.text.casefold() in ORG_NOUNS or is_role_noun(t) or is_affiliation(t) or t.tag_ == "NNPS" for t in toks):
        return False
    # the object of a role's preposition is the body served ("spokeswoman for Human Rights
    # Watch"), unless it starts with a given name ("Ambassador to Lisbon Pavel Orlov")
    if toks.root.dep_ == "pobj" and toks[0].text.casefold() not in MALE_NAMES | FEMALE_NAMES:
        return False
    return any(r.strong for r in roles_at(doc, start, end, toks.root))


def _conjoined(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """ "Blair and Brown" tagged as one name: one span per name either side of the "and"."""
    joins = [i for i in range(start + 1, end - 1) if doc[i].lower_ in {"and", "&"}]
    if len(joins) != 1:
        return [(start, end)]
    cut = joins[0]
    return [(start, cut), (cut + 1, end)]


def _o_apostrophe(doc: Doc, i: int) -> bool:
    """Whether ``doc[i]`` is the apostrophe of an "O' Neill" (glued to an "O" before it)."""
    return i > 0 and doc[i - 1].text == "O" and not doc[i - 1].whitespace_ and doc[i].text in {"'", "’"}


def _spaced_o_names(doc: Doc) -> list[tuple[int, int]]:
    """Irish surnames typed with a space after the apostrophe ("Rory O' Neill", "Mr O' Brien"),
    which the tokenizer cuts into "O", "'" and "Neill" and the recogniser then misses or cuts."""
    spans: list[tuple[int, int]] = []
    for k in range(len(doc) - 2):
        o, mark, surname = doc[k], doc[k + 1], doc[k + 2]
        if not (
            o.text == "O"
            and not o.whitespace_
            and mark.text in {"'", "’"}
            and mark.whitespace_
            and surname.is_title
            and surname.is_alpha
        ):
            continue
        start = k
        if k > 0 and doc[k - 1].is_title and _low(doc[k - 1]) in MALE_NAMES | FEMALE_NAMES:
            start = k - 1
        spans.append((start, k + 3))
    return spans


def person_mentions(doc: Doc, gazetteer: Gazetteer) -> list[NameMention]:
    """Every person's name in one paragraph, in text order."""
    found: list[NameMention] = []
    covered: set[int] = set()

    def add(mention: NameMention | None) -> None:
        if mention is not None and not covered & set(range(mention.start, mention.end)):
            found.append(mention)
            covered.update(range(mention.start, mention.end))

    for start, end in _spaced_o_names(doc):
        add(_make(doc, start, end, gazetteer, weak=False))
    for ent in doc.ents:
        before = doc[ent.start - 1] if ent.start > 0 else None
        if ent.label_ == "PERSON":
            peers = _peers(doc, ent.start, ent.end)
            for peer in peers:
                add(peer)
            if not peers:
                for start, end in _conjoined(doc, ent.start, ent.end):
                    add(_make(doc, start, end, gazetteer))
        elif before is not None and _low(before) in PERSON_TITLES and before.text[:1].isupper():
            add(_make(doc, ent.start - 1, ent.end, gazetteer, weak=False))  # "Lord Campbell-Savours"
        elif ent.label_ == "ORG" and len(ent) > 2 and _low(ent[-1]) in NAME_SUFFIXES:
            add(_make(doc, ent.start, ent.end, gazetteer, weak=False))  # "Guy Mansfield QC"
        elif ent.label_ == "ORG" and _looks_like_person(doc, ent.start, ent.end, gazetteer):
            for start, end in _conjoined(doc, ent.start, ent.end):  # "Maeve Sherlock, chief executive"
                add(_make(doc, start, end, gazetteer, weak=False))
    # a name listed beside a person's name is a person's too: "Kanye West and Nelly"
    for m in list(found):
        for tok in [*m.root.conjuncts]:
            if tok.ent_type_ or tok.i in covered or not (tok.pos_ == "PROPN" and tok.is_title):
                continue
            left = min(t.i for t in tok.subtree if t.dep_ == "compound" or t is tok)
            if all(t.pos_ == "PROPN" and (t.is_title or t.like_num) for t in doc[left : tok.i + 1]):
                add(_make(doc, left, tok.i + 1, gazetteer))
    # proper names the recogniser left untagged
    i = 0
    while i < len(doc):
        tok = doc[i]
        if tok.ent_type_ or tok.i in covered or not (tok.pos_ == "PROPN" and tok.text[:1].isupper()):
            i += 1
            continue
        end = i
        while end < len(doc) and doc[end].pos_ == "PROPN" and not doc[end].ent_type_ and end not in covered:
            end += 1
        if _low(tok) in PERSON_TITLES:
            run = _titled(doc, i)
            if run is not None and not any(is_role_noun(t) for t in doc[run[0] + 1 : run[1]]):
                add(_make(doc, run[0], run[1], gazetteer, weak=False))
        else:
            run = _after_role(doc, i, end)
            if run is not None:
                add(_make(doc, run[0], run[1], gazetteer, weak=False))
        i = max(end, i + 1)
    return sorted(found, key=lambda m: m.start)
