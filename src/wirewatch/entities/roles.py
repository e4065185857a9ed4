"""The roles an article gives the people it names, read from the dependency parse.

Method (spaCy tokens, one paragraph's ``Doc``): a role is a noun phrase whose head is a word that
names what someone does or is (:data:`ROLE_NOUNS`), taken as worded with its premodifiers and its
prepositional phrase, without a leading article. It is found in four places around a name:

* before it, inside the same noun phrase: "Lib Dem home affairs spokesman Mark Oaten",
  "Chancellor of the Exchequer Gordon Brown", "Labour's Chief Secretary to the Treasury";
* in an appositive after it: "Ross Walker, UK economist at a bank," or "Kurt Barnard, president of
  the group"; also "Mike Hobday, from the league," (where someone is from stands for a role);
* in an appositive before it: "The new chairman of the Bar Council, Guy Mansfield";
* as a predicate nominal: "Anna Berg is the chairwoman of the board", "Anna Berg, who was chair of
  the board,".

A party or nationality word alone ("Democrat John Kerry", "Tory Liam Fox") is a role too, but a
weak one: a role with a real head noun given elsewhere in the article is preferred.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from wirewatch.parse import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Head nouns of roles, grouped by what they mean. General English, singular; plurals and
# hyphenated compounds ("co-chairman", "president-elect") are matched through their last part.
_ROLE_GROUPS = {
    "government and politics": """
        president premier minister secretary chancellor leader chairman chairwoman chair
        chairperson spokesman spokeswoman spokesperson mp mep msp mla senator congressman
        congresswoman representative governor mayor councillor councilor peer whip backbencher
        frontbencher candidate nominee challenger incumbent campaigner activist treasurer
        commissioner ambassador envoy diplomat consul negotiator adviser advisor aide official
        delegate deputy monarch king queen prince princess emperor sultan emir sheikh president-elect
        lawmaker legislator politician statesman speaker cabinet ombudsman regulator""",
    "heads and staff of organisations": """
        chief head boss supremo director executive ceo cfo coo founder co-founder owner partner
        manager administrator coordinator co-ordinator organiser organizer officer member trustee
        governor principal registrar clerk employee worker staffer volunteer representative
        superintendent inspector controller auditor""",
    "business and finance": """
        economist analyst strategist consultant trader banker broker investor accountant
        entrepreneur tycoon magnate industrialist financier shareholder publisher proprietor
        retailer developer""",
    "law, police and the military": """
        judge justice magistrate lawyer attorney barrister solicitor prosecutor counsel advocate
        constable policeman policewoman detective sergeant sheriff marshal agent investigator
        general commander colonel captain lieutenant major admiral brigadier marshal soldier
        marine pilot guardsman""",
    "media, arts and entertainment": """
        journalist reporter correspondent editor columnist commentator presenter broadcaster
        anchor host producer director actor actress star singer songwriter musician rapper
        artist drummer guitarist bassist pianist violinist composer conductor dancer
        choreographer comedian writer author novelist poet playwright screenwriter designer
        photographer painter sculptor model chef frontman frontwoman vocalist player dj critic""",
    "science, learning and health": """
        professor lecturer researcher scientist expert academic historian teacher headteacher
        headmaster headmistress tutor dean rector student pupil doctor surgeon physician nurse
        psychologist psychiatrist engineer inventor pharmacist vet""",
    "sport": """
        coach trainer referee umpire captain striker goalkeeper midfielder defender champion
        athlete boxer cyclist golfer jockey runner sprinter swimmer skipper""",
    "religion": "bishop archbishop cardinal pope priest rabbi imam vicar pastor cleric reverend",
    "people described by what happened to them or what they do": """
        hostage victim survivor witness resident neighbour neighbor donor nanny fan supporter
        critic opponent rival veteran prisoner detainee suspect defendant claimant plaintiff
        farmer owner landlord tenant father mother widow widower""",
}
ROLE_NOUNS = frozenset(w for words in _ROLE_GROUPS.values() for w in words.split())

# Party and nationality words that name an affiliation; alone they make only a weak role
AFFILIATION_WORDS = frozenset(
    """
    tory tories conservative labour liberal lib dem dems democrat democrats republican republicans socialist
    nationalist unionist green independent communist
    welshman welshwoman scots scotsman scotswoman englishman englishwoman irishman irishwoman
    frenchman frenchwoman dutchman briton brit american british english scottish welsh irish
    french german russian chinese japanese indian italian spanish portuguese dutch polish
    ukrainian israeli palestinian iraqi iranian syrian afghan pakistani canadian australian
    mexican brazilian african european asian arab
    """.split()
)

# Words that only soften or time a role, never its head
_ROLE_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "its", "his", "her", "their"})
_AFFILIATION_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_TITLES_BETWEEN = frozenset({"sir", "dame", "mr", "mrs", "ms", "dr", "prof", "professor"})
_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis"})
_STOP_PUNCT = frozenset(',;:()[]"“”‘«»—–')


def is_role_noun(tok: Token) -> bool:
    """Whether ``tok`` names a role: "spokesman", "Chancellor", "co-chairman", "analysts"; also
    "man" or "woman" with an organisation in front ("a former FBI man")."""
    plural = tok.text[:-1].casefold() if tok.text.endswith("s") and tok.text[:-1].isupper() else ""  # "MPs"
    for word in (tok.text.casefold(), tok.lemma_.casefold(), plural):
        if word in ROLE_NOUNS or word.rsplit("-", 1)[-1] in ROLE_NOUNS:
            return True
    if tok.lemma_.casefold() in {"man", "woman"}:
        return any(c.dep_ == "compound" and c.ent_type_ in {"ORG", "NORP"} for c in tok.children)
    return False


def _glued(doc: Doc, i: int) -> tuple[int, int]:
    """The first and last token of the hyphenated word around ``doc[i]`` ("President-elect")."""
    first = last = i
    while first > 0 and not doc[first - 1].whitespace_ and doc[first - 1].text not in _STOP_PUNCT:
        first -= 1
    while last + 1 < len(doc) and not doc[last].whitespace_ and doc[last + 1].text not in _STOP_PUNCT:
        last += 1
    return first, last


def _is_role_word(doc: Doc, i: int) -> bool:
    """A role noun, also as the last part of a hyphenated word or before "-elect"."""
    first, last = _glued(doc, i)
    word = doc_text(doc)[doc[first].idx : doc[last].idx + len(doc[last].text)].casefold()
    parts = word.split("-")
    if word in ROLE_NOUNS or is_role_noun(doc[i]):
        return True
    return len(parts) > 1 and parts[-1] in {"elect", "designate"} and parts[0] in ROLE_NOUNS


def is_affiliation(tok: Token) -> bool:
    """A party or nationality word: "Tory", "Democrat", "Welshman"."""
    return tok.text.casefold() in AFFILIATION_WORDS or tok.ent_type_ == "NORP"


@dataclass(frozen=True)
class Role:
    """A role as worded: ``text`` starts at ``start`` (character offset in the paragraph)."""

    text: str
    start: int
    strong: bool = True  # False for a party or nationality word alone


def _phrase(doc: Doc, first: int, last: int) -> tuple[str, int] | None:
    """The text of tokens ``first..last`` without a leading article or trailing punctuation."""
    # a word glued on by a hyphen belongs to the phrase: "co-chairman", "ex-home secretary"
    first = _glued(doc, first)[0]
    while first <= last and (
        doc[first].text.casefold() in _ROLE_DETERMINERS
        or doc[first].is_punct
        or doc[first].pos_ == "ADV"
        or doc[first].tag_ in {"JJR", "RBR"}
    ):
        first += 1
    while last >= first and (doc[last].is_punct or doc[last].text in {"'s", "’s"}):
        last -= 1
    if first > last or doc[last].pos_ in {"ADP", "ADV", "CCONJ", "SCONJ", "DET", "PART", "AUX", "VERB"}:
        return None  # "dancers like", "chancellor and": not a role phrase
    if any(doc[i].text in {"-", "–"} and doc[i - 1].whitespace_ for i in range(first + 1, last + 1)):
        return None  # a spaced dash ends the phrase
    start = doc[first].idx
    return doc_text(doc)[start : doc[last].idx + len(doc[last].text)], start


def _cut_clauses(doc: Doc, head: Token, first: int, last: int) -> int:
    """The last token of ``head``'s phrase before a relative clause or a comma-bounded aside."""
    for t in doc[first : last + 1]:
        if t.i > head.i and (t.dep_ in _CLAUSE_DEPS or t.text in _STOP_PUNCT):
            return t.i - 1
    return last


def _anchor(end: int, root: Token) -> Token:
    """The head of the name's phrase: letters after the name head it ("Paul Boateng MP")."""
    head = root.head
    if head.i == end and head.text.isupper() and head.pos_ == "PROPN":
        return head
    return root


def role_before(doc: Doc, start: int, end: int, root: Token) -> Role | None:
    """Role words in front of the name ``doc[start:end]`` inside its noun phrase."""
    return _role_in_phrase(doc, start, end, root) or _role_reaching(doc, start)


def _in_title_list(doc: Doc, i: int) -> bool:
    """A comma inside a capitalised list of a title: "Minister for Children, Young People and
    Families"."""
    if doc[i].text != "," or i == 0 or i + 1 >= len(doc):
        return False
    return doc[i - 1].is_title and doc[i + 1].is_title and doc[i + 1].ent_type_ != "PERSON"


def _role_reaching(doc: Doc, start: int) -> Role | None:
    """A role noun whose phrase runs up to the name, however the parser hung the name on it:
    "Chairman of the Audit Committee Peter Ainsworth", "Ambassador to Lisbon Pavel Orlov"."""
    for i in range(start - 1, max(-1, start - 14), -1):
        tok = doc[i]
        if _in_title_list(doc, i):
            continue
        if tok.text in _STOP_PUNCT or tok.pos_ in {"VERB", "AUX"} or tok.ent_type_ == "PERSON":
            return None
        if is_role_noun(tok) and tok.ent_type_ != "ORG" and tok.right_edge.i >= start - 1:
            first = tok.left_edge.i
            if any(doc[j].text in _STOP_PUNCT and not _in_title_list(doc, j) for j in range(first, i)):
                first = i
            found = _phrase(doc, first, start - 1)
            return Role(*found) if found else None
    return None


def _qualifies(tok: Token) -> bool:
    """A proper name or party word that can stand in front of a role: "Lib Dem", "Tory"."""
    if tok.is_punct or not tok.text[:1].isupper():
        return False
    return (tok.pos_ == "PROPN" and tok.ent_type_ in _AFFILIATION_ENTS) or is_affiliation(tok)


def _role_in_phrase(doc: Doc, start: int, end: int, root: Token) -> Role | None:
    # the phrase the name heads; climb out of a preposition the parser wrongly put the name in
    # ("Shadow spokesman for sport Hugh Robertson": the name as object of "for")
    # or made it an appositive of the role without a comma ("spokeswoman Theresa May")
    top = _anchor(end, root)
    while top.head.i != top.i and top.head.i < start:  # a Token is made anew on each access: "is" never holds
        head = top.head
        if head.pos_ == "ADP" and head.i < start - 1 and head.head.i < head.i and head.head.pos_ in {"NOUN", "PROPN"}:
            top = head.head
        elif top.dep_ in {"appos", "conj"} and is_role_noun(head) and not any(t.is_punct for t in doc[head.i : start]):
            top = head
        else:
            break
    subtree = {t.i for t in top.subtree}
    first = start
    while first - 1 in subtree:
        tok = doc[first - 1]
        if tok.text in _STOP_PUNCT or tok.dep_ in _CLAUSE_DEPS or tok.pos_ in {"VERB", "AUX"} and tok.dep_ != "amod":
            break
        first -= 1
    last = start - 1
    # a title between role and name belongs to neither ("the UK's top policeman Sir John Stevens")
    while last >= first and doc[last].text.casefold().rstrip(".") in _TITLES_BETWEEN:
        last -= 1
    if last < first:
        return None
    toks = doc[first : last + 1]
    inside = {t.i for t in toks}
    heads = [t for t in toks if t.head.i not in inside]
    if _is_role_word(doc, last) or any(is_role_noun(h) for h in heads):
        first = _glued(doc, first)[0]
        # a name the parser hung elsewhere still qualifies the role: "Lib Dem home affairs spokesman"
        while first > 0 and _qualifies(doc[first - 1]):
            first -= 1
        found = _phrase(doc, first, last)
        return Role(*found) if found else None
    if all(is_affiliation(t) for t in toks if not t.is_punct and t.text.casefold() not in _ROLE_DETERMINERS):
        found = _phrase(doc, first, last)
        return Role(*found, strong=False) if found else None
    return None


def _appositive_text(doc: Doc, head: Token, exclude: set[int]) -> tuple[str, int] | None:
    toks = [t for t in head.subtree if t.i not in exclude]
    if not toks:
        return None
    first, last = toks[0].i, toks[-1].i
    last = _cut_clauses(doc, head, first, last)
    if any(doc[i].text in _STOP_PUNCT for i in range(first, head.i)):
        return None
    return _phrase(doc, first, last)


def _describes(tok: Token) -> bool:
    """An appositive head that can describe a person: a role noun or a plain common noun."""
    if tok.ent_type_ in {"DATE", "CARDINAL", "TIME", "MONEY", "PERCENT", "QUANTITY", "GPE", "LOC"}:
        return False
    return is_role_noun(tok) or (tok.pos_ == "NOUN" and tok.text[:1].islower())


def role_after(doc: Doc, start: int, end: int, root: Token) -> Role | None:
    """ "Ross Walker, UK economist at a bank," -> "UK economist at a bank"."""
    root = _anchor(end, root)
    end = max(end, root.i + 1)
    # "Mike Hobday, from the league, said": where someone is from, set off by commas, wherever
    # the parser hung the preposition
    if end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ == "from":
        last = doc[end + 1].right_edge.i
        if last + 1 < len(doc) and doc[last + 1].text == "," and last > end + 1:
            found = _phrase(doc, end + 1, last)
            if found:
                return Role(*found)
    for child in root.children:
        if child.i < end:
            continue
        set_off = end < len(doc) and doc[end].text in {",", "(", "-", "–", "—"}
        if child.dep_ == "appos" and _describes(child) and (set_off or is_role_noun(child)):
            found = _appositive_text(doc, child, set())
            if found and len(found[0].split()) <= 16:
                return Role(*found)
        # "Mike Hobday, from the league, said"
        if child.dep_ == "prep" and child.text.casefold() == "from" and child.i == end + 1 and doc[end].text == ",":
            found = _appositive_text(doc, child, set())
            if found:
                return Role(*found)
    return None


def role_appositive_before(doc: Doc, start: int, end: int, root: Token) -> Role | None:
    """ "The new chairman of the Bar Council, Guy Mansfield" -> "new chairman of the Bar Council"."""
    while start > 0 and doc[start - 1].text.casefold().rstrip(".") in _TITLES_BETWEEN:
        start -= 1  # "the chairman of the group, Sir Andrew Green"
    if start < 2 or doc[start - 1].text != ",":
        return None
    if root.dep_ == "appos" and root.head.i < start and _describes(root.head):
        head = root.head
    else:
        # the parser may leave the two unlinked: take the noun phrase that ends at the comma
        tok = doc[start - 2]
        head = tok
        while head.head.i != head.i and head.head.i < start - 1 and head.head.right_edge.i == start - 2:
            head = head.head
        while head.pos_ == "ADP" and head.head.i < head.i:
            head = head.head
        if not is_role_noun(head) or head.left_edge.i > 0 and doc[head.left_edge.i - 1].pos_ in {"ADP", "VERB"}:
            return None
    first = head.left_edge.i
    if any(doc[i].text in _STOP_PUNCT for i in range(first, head.i)):
        return None
    found = _phrase(doc, first, start - 2)
    return Role(*found) if found else None


def role_predicate(doc: Doc, start: int, end: int, root: Token) -> Role | None:
    """ "Anna Berg is the chairwoman of the board", "Anna Berg, who was chair of the board,"."""
    root = _anchor(end, root)
    verbs: list[Token] = []
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":
        verbs.append(root.head)
    verbs += [c for c in root.children if c.dep_ == "relcl" and c.lemma_ == "be"]
    for verb in verbs:
        for child in verb.children:
            if child.dep_ == "attr" and child.i > verb.i and is_role_noun(child):
                found = _appositive_text(doc, child, set())
                if found and len(found[0].split()) <= 16:
                    return Role(*found)
    return None


def roles_at(doc: Doc, start: int, end: int, root: Token) -> list[Role]:
    """Every role the text gives the person named by ``doc[start:end]`` at this mention."""
    found: list[Role] = []
    for finder in (role_before, role_appositive_before, role_after, role_predicate):
        role = finder(doc, start, end, root)
        if role is not None:
            found.append(role)
    return found
