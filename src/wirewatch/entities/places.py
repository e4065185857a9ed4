"""Places named in an article, resolved to coordinates with the offline gazetteer.

Candidates are spaCy's GPE/LOC entities, plus capitalised words spaCy labelled otherwise (or not
at all) that the gazetteer knows as a country or a sizeable city ("Aleppo" is often tagged NORP
by the small model). Every place is disambiguated in context: the countries of the dateline and
of the unambiguous places in the same article are preferred. The gazetteer knows towns of 1,000
people; one under :data:`~wirewatch.entities.gazetteer.SMALL_TOWN` is kept only in a story whose
dateline, regions or other places put it in that town's country, so that the many villages named
like words ("Baltic", Connecticut, in a story about the Baltic Sea) do not turn up as places.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from wirewatch.entities.gazetteer import BIG_REGION, REGION_WORDS, SMALL_TOWN, WATER_WORDS, Gazetteer, Place
from wirewatch.entities.people import clean_name
from wirewatch.parse import ParsedParagraph, doc_text

if TYPE_CHECKING:
    from spacy.tokens import Token

# untagged capitalised words only count as places when the place is big enough to be news
MIN_POPULATION_UNTAGGED = 100_000
NOT_PLACE_LABELS = {
    "PERSON",
    "DATE",
    "TIME",
    "MONEY",
    "PERCENT",
    "QUANTITY",
    "CARDINAL",
    "ORDINAL",
    "WORK_OF_ART",
}


@dataclass
class PlaceCluster:
    place: Place
    mentions: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class PlaceTable:
    places: list[PlaceCluster] = field(default_factory=list)

    def at(self, start: int, end: int) -> PlaceCluster | None:
        for c in self.places:
            if any(s >= start and e <= end for s, e in c.mentions):
                return c
        return None

    def add(self, place: Place, start: int, end: int) -> None:
        for c in self.places:
            if c.place.geonameid == place.geonameid and c.place.name == place.name:
                c.mentions.append((start, end))
                return
        self.places.append(PlaceCluster(place, [(start, end)]))


def _strip_direction(words: list[str]) -> list[str]:
    """ "eastern Aleppo" -> "Aleppo": a compass word before a name is not part of the name."""
    while (
        words
        and words[0].casefold()
        in {"eastern", "western", "northern", "southern", "central", "east", "west", "north", "south"}
        and len(words) > 1
    ):
        words = words[1:]
    return words


# Nationality adjectives that name a country as context ("on the Spanish coast", "Syrian
# officials"). The small model tags them NORP; only common news demonyms are listed.
DEMONYMS: dict[str, str] = {
    "american": "US", "british": "GB", "english": "GB", "scottish": "GB", "welsh": "GB", "french": "FR",
    "german": "DE", "spanish": "ES", "italian": "IT", "russian": "RU", "chinese": "CN", "japanese": "JP",
    "indian": "IN", "pakistani": "PK", "syrian": "SY", "iraqi": "IQ", "iranian": "IR", "turkish": "TR",
    "israeli": "IL", "palestinian": "PS", "lebanese": "LB", "egyptian": "EG", "libyan": "LY",
    "saudi": "SA", "jordanian": "JO", "afghan": "AF", "ukrainian": "UA", "polish": "PL", "greek": "GR",
    "canadian": "CA", "mexican": "MX", "brazilian": "BR", "argentine": "AR", "chilean": "CL",
    "venezuelan": "VE", "colombian": "CO", "australian": "AU", "irish": "IE", "dutch": "NL",
    "belgian": "BE", "swiss": "CH", "swedish": "SE", "norwegian": "NO", "nigerian": "NG",
    "kenyan": "KE", "korean": "KR", "vietnamese": "VN", "indonesian": "ID", "filipino": "PH",
    "jamaican": "JM", "cuban": "CU", "nicaraguan": "NI", "portuguese": "PT", "austrian": "AT",
}  # fmt: skip

# "Paris, Texas", "Cambridge, Massachusetts", "Tripoli in northern Lebanon", "Naples on the
# Florida coast": a region or country right after a name says which namesake is meant.
_LOCAL_REGION = re.compile(
    r"(?:,\s*|\s+in\s+(?:(?:northern|southern|eastern|western|central)\s+)?|\s+on\s+the\s+)"
    r"(?P<region>(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})"
)


# A region word written right after a tagged name, capitalised as part of the name.
_REGION_WORD = re.compile(r"\s+(?P<word>" + "|".join(w.capitalize() for w in sorted(REGION_WORDS)) + r")\b")

# A water word written right after a tagged name: "English Channel", where the small model tags
# "English" alone (as a LANGUAGE).
_WATER_WORD = re.compile(r"\s+(?P<word>" + "|".join(w.capitalize() for w in sorted(WATER_WORDS)) + r")\b")

_PLACE_PREPS = {"in", "at", "to", "from", "into", "across", "through", "around", "near", "outside", "inside"}
_PLACE_VERBS = {
    "hit", "visit", "reach", "leave", "enter", "strike", "flood", "tour", "evacuate",
    "shell", "bomb", "capture", "recapture", "liberate",
}  # fmt: skip


_PLACE_NOUNS = {"town", "village", "city", "settlement", "hamlet", "region", "province", "port", "district", "suburb"}


def _in_place_slot(tok: Token) -> bool:
    """Whether a word sits where places go: "in Valencia", "hit Hamilton", "the town of Yeysk"
    (not "Valencia said")."""
    if tok.dep_ == "pobj" and tok.head.lower_ in _PLACE_PREPS:
        return True
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_ in _PLACE_NOUNS:
        return True  # "the village of Tetkino", "the town of Bad Aibling"
    if tok.dep_ == "conj":
        return _in_place_slot(tok.head)
    return tok.dep_ == "dobj" and tok.head.lemma_ in _PLACE_VERBS


def _local_region(gazetteer: Gazetteer, text: str, end: int) -> Place | None:
    """A region or country written right after a place name, if the gazetteer knows it as one."""
    m = _LOCAL_REGION.match(text, end)
    if m is None:
        return None
    words = m.group("region").split()
    # try the longest run of capitalised words first: "New Hampshire" before "New"
    for n in range(len(words), 0, -1):
        place = gazetteer.lookup(" ".join(words[:n]).rstrip(".,"))
        if place is not None and place.kind in ("admin1", "country"):
            return place
    return None


def _resolve(
    gazetteer: Gazetteer,
    name: str,
    context: set[str],
    strong: Place | None = None,
) -> Place | None:
    """The place ``name`` means, weighing three kinds of evidence.

    * ``strong``: a region written next to the name ("Paris, Texas") or the dateline's place.
      Its country wins outright and nearer namesakes are preferred, whatever their size: the text
      has said where it is.
    * ``context``: the countries of the other places the article names. It decides between places
      of similar weight, never for a far smaller namesake: "Geneva" in a story that also names the
      US stays the Swiss city (the US pick has under a fifth of its population), while "Georgia"
      with US context becomes the state, whose weight is comparable to the country's.
    """
    plain = gazetteer.lookup(name)
    if plain is None:
        return None
    if strong is not None and strong.country is not None:
        local = gazetteer.lookup(name, context_countries={strong.country}, near=strong)
        if local is not None and local.country == strong.country:
            return local
    if not context:
        return plain
    in_context = gazetteer.lookup(name, context_countries=context)
    if in_context is None or in_context == plain:
        return plain
    if plain.country in context:
        return plain
    if in_context.population * 5 < plain.population:
        return plain
    return in_context


def _lacks_evidence(place: Place, context: set[str], tagged: bool, slot: bool) -> bool:
    """Whether a minor place lacks what the text must say for it to be meant.

    A village (under :data:`SMALL_TOWN`) needs its country among the article's (``context``) and
    a mention where places go (``slot``: "in Sudzha", "Jones, Oklahoma", a dateline): "the
    Baltic" in a story about Poland is not Baltic, Connecticut, nor the "Dow Jones" average Jones,
    Oklahoma. A region of under :data:`BIG_REGION` that the recogniser did not tag as a place
    needs its country: "the Falcon" (a Ford) is not Venezuela's Falcón state. A district or
    county needs its country or a place slot.
    """
    if place.kind == "city" and place.population < SMALL_TOWN:
        return place.country not in context or not slot
    if place.kind == "admin1" and not tagged and place.population < BIG_REGION:
        return place.country not in context
    if place.kind == "admin2":
        return place.country not in context and not slot
    if place.kind == "water":  # "Bosporus" untagged and out of a place slot is no evidence
        return not tagged and not any(w in WATER_WORDS for w in place.name.casefold().split())
    return False


def find_places(
    parsed: Sequence[ParsedParagraph],
    gazetteer: Gazetteer,
    dateline_place: tuple[str, int, int] | None = None,
    dateline_region: tuple[str, int, int] | None = None,
) -> PlaceTable:
    """Every place mention with its gazetteer entry, disambiguated in context.

    Evidence, strongest first: a region written next to the name ("Moscow, Idaho", or in the
    dateline: ``ZHELEZNOGORSK /Kursk Region/``, ``dateline_region``); the dateline's place (a
    story datelined VANCOUVER means Victoria, British Columbia); the countries of the article's
    other places and nationality words ("Syrian officials"). Person names are never places: a
    word that is part of a person's name anywhere in the article ("Kerry", "Lincoln", "May") is
    left out unless a region is written next to it ("Lincoln, Nebraska"), and so is a place name
    inside an organisation's name ("The Washington Post").
    """
    # (name, start, end, tagged as place by NER, region written next to it, where places go)
    raw: list[tuple[str, int, int, bool, Place | None, bool]] = []
    person_words: set[str] = set()
    dateline: Place | None = None
    # "NOVO-OGARYOVO /Moscow Region/": the region written in the dateline says where its town is,
    # and is a place of the story itself (it has coordinates where the town is too small to have)
    region_place = gazetteer.lookup(dateline_region[0]) if dateline_region is not None else None
    if region_place is not None and region_place.kind not in ("admin1", "country"):
        region_place = None
    if dateline_place is not None:
        dateline = _resolve(gazetteer, dateline_place[0], set(), region_place)
        raw.append((dateline_place[0], dateline_place[1], dateline_place[2], True, region_place, True))
    if dateline_region is not None and region_place is not None:
        raw.append((dateline_region[0], dateline_region[1], dateline_region[2], True, None, True))
    context: set[str] = set()
    for para in parsed:
        for ent in para.doc.ents:
            if ent.label_ == "PERSON" and len(ent) > 1:
                # full names only: the small model tags many a lone city "PERSON" ("Valencia")
                person_words.update(t.text for t in ent if t.text[:1].isupper())
            elif ent.label_ == "NORP" and ent.text.casefold() in DEMONYMS:
                context.add(DEMONYMS[ent.text.casefold()])
    for para in parsed:
        text = doc_text(para.doc)
        tagged: set[int] = set()
        for ent in para.doc.ents:
            # a "person" or "organisation" where places go: a lone word ("in Valencia"), or a
            # longer name the gazetteer knows ("around Chasiv Yar", "the town of Bad Aibling";
            # "to Donald Trump", "in The Washington Post" are no places)
            lone_person = (
                ent.label_ in ("PERSON", "ORG")
                and _in_place_slot(ent.root)
                and (len(ent) == 1 or gazetteer.lookup(ent.text) is not None)
            )
            # "the Krasnodar Territory" tagged ORG is a region all the same
            region_org = ent.label_ == "ORG" and ent[-1].lower_ in REGION_WORDS
            if not lone_person and (
                ent.label_ in NOT_PLACE_LABELS or ent.label_ == "ORG" and len(ent) > 1 and not region_org
            ):
                # a multi-word organisation ("Bank of America") names no place; a one-word ORG is
                # often a city the small model mislabels ("Moscow said")
                tagged.update(t.i for t in ent)
                continue
            words = _strip_direction(clean_name(ent.text).split())
            name = " ".join(words)
            if not name:
                continue
            start, end = para.start_of(ent), para.end_of(ent)
            after = _REGION_WORD.match(text, ent.end_char)
            if after is not None and words[-1].casefold() not in REGION_WORDS:
                # "Kursk Region" where the recogniser tagged only "Kursk": the region is meant
                name, end = f"{name} {after.group('word')}", end + len(after.group(0))
            water = _WATER_WORD.match(text, ent.end_char)
            if water is not None and words[-1].casefold() not in WATER_WORDS:
                longer = f"{name} {water.group('word')}"
                known = gazetteer.lookup(longer)
                if known is not None and known.kind == "water":
                    name, end = longer, end + len(water.group(0))
            region = _local_region(gazetteer, text, ent.end_char)
            # a name where places go ("a substation in Zheleznogorsk") counts as tagged whatever
            # label the small model gave it (PRODUCT, ORG)
            as_place = ent.label_ in {"GPE", "LOC"} or region_org or _in_place_slot(ent.root)
            raw.append((name, start, end, as_place, region, _in_place_slot(ent.root)))
            tagged.update(t.i for t in ent)
        for tok in para.doc:
            if tok.i in tagged or tok.pos_ != "PROPN" or not tok.text[:1].isupper() or tok.is_sent_start:
                continue
            if any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.children):
                continue  # the last word of a longer name ("the Dow Jones") is not a name itself
            region = _local_region(gazetteer, text, tok.idx + len(tok.text))
            slot = _in_place_slot(tok)
            raw.append((tok.text, para.start_of(tok), para.end_of(tok), slot, region, slot))
    # context: countries of unambiguous NER-tagged places, of countries and regions, of the dateline
    for name, _, _, tagged_place, region, _ in raw:
        cands = gazetteer.candidates(name)
        if region is not None and region.country:
            context.add(region.country)
        if not tagged_place or not cands:
            continue
        top = gazetteer.lookup(name)
        if top is not None and top.kind == "city" and top.population < SMALL_TOWN:
            continue  # a village's name is no evidence of its country: it needs evidence itself
        if len({c.country for c in cands}) == 1 and cands[0].country:
            context.add(cands[0].country)
        elif top is not None and top.kind in ("country", "admin1") and top.country:
            # "Texas" (the state, though towns share the name) is evidence; "Georgia" (a country
            # and a state) is not, until something else says which
            rivals = {c.country for c in cands if c.kind in ("country", "admin1") and c.country != top.country}
            if not rivals:
                context.add(top.country)
    if dateline is not None and dateline.country:
        context.add(dateline.country)
    table = PlaceTable()
    for name, start, end, tagged_place, region, slot in raw:
        place = _resolve(gazetteer, name, context, region or dateline)
        if place is None:
            continue
        # "Kerry said", "Lincoln wrote": a person, not a town; but a country the recogniser tags
        # as one stays a country when a name elsewhere holds it ("Garuda Indonesia")
        tagged_country = tagged_place and place.kind == "country"
        if region is None and " " not in name and name in person_words and not tagged_country:
            continue
        if not tagged_place and place.kind == "city" and place.population < MIN_POPULATION_UNTAGGED:
            continue
        if _lacks_evidence(place, context, tagged_place, slot or region is not None):
            continue
        table.add(place, start, end)
    return table
