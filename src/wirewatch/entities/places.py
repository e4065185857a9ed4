"""Places named in an article, resolved to coordinates with the offline gazetteer.

Candidates are spaCy's GPE/LOC entities, plus capitalised words spaCy labelled otherwise (or not
at all) that the gazetteer knows as a country or a sizeable city ("Aleppo" is often tagged NORP
by the small model). Every place is disambiguated in context: the countries of the dateline and
of the unambiguous places in the same article are preferred.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from wirewatch.entities.gazetteer import Gazetteer, Place
from wirewatch.entities.people import clean_name
from wirewatch.parse import ParsedParagraph

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


def _resolve(gazetteer: Gazetteer, name: str, context: set[str]) -> Place | None:
    """Context decides between places of similar weight, never for a far smaller namesake.

    "Geneva" in a story that also names the US stays the Swiss city: the context pick (a small
    US town) has under a fifth of the population of the plain pick. "Georgia" with US context
    becomes the state, whose weight is comparable to the country's.
    """
    plain = gazetteer.lookup(name)
    if plain is None or not context:
        return plain
    in_context = gazetteer.lookup(name, context_countries=context)
    if in_context is None or in_context == plain:
        return plain
    if plain.country in context:
        return plain
    if in_context.population * 5 < plain.population:
        return plain
    return in_context


def find_places(
    parsed: Sequence[ParsedParagraph],
    gazetteer: Gazetteer,
    dateline_place: tuple[str, int, int] | None = None,
) -> PlaceTable:
    """Every place mention with its gazetteer entry, disambiguated by the article's countries."""
    raw: list[tuple[str, int, int, bool]] = []  # (name, start, end, tagged as place by NER)
    if dateline_place is not None:
        raw.append((dateline_place[0], dateline_place[1], dateline_place[2], True))
    for para in parsed:
        tagged: set[int] = set()
        for ent in para.doc.ents:
            if ent.label_ in NOT_PLACE_LABELS:
                for t in ent:
                    tagged.add(t.i)
                continue
            words = _strip_direction(clean_name(ent.text).split())
            name = " ".join(words)
            if not name:
                continue
            raw.append((name, para.start_of(ent), para.end_of(ent), ent.label_ in {"GPE", "LOC"}))
            for t in ent:
                tagged.add(t.i)
        for tok in para.doc:
            if tok.i in tagged or tok.pos_ != "PROPN" or not tok.text[:1].isupper() or tok.is_sent_start:
                continue
            raw.append((tok.text, para.start_of(tok), para.end_of(tok), False))
    # context: countries of unambiguous, NER-tagged places
    context: set[str] = set()
    for name, _, _, tagged_place in raw:
        cands = gazetteer.candidates(name)
        if tagged_place and len({c.country for c in cands}) == 1 and cands[0].country:
            context.add(cands[0].country)
    table = PlaceTable()
    for name, start, end, tagged_place in raw:
        place = _resolve(gazetteer, name, context)
        if place is None:
            continue
        if not tagged_place and place.kind == "city" and place.population < MIN_POPULATION_UNTAGGED:
            continue
        table.add(place, start, end)
    return table
