"""The entity stage on real parses of invented articles: who each source phrase stands for.

Each case is an article written for this test, the words of one of its quotes, and the speaker
(canonical name) and ``resolved_by`` a careful reader gives it. Negative cases leave the speaker
unnamed.
"""

from __future__ import annotations

import pytest

import wirewatch
from wirewatch.models import Quote

HEAD = "Harbour talks go on\n\n"


def quote_with(text: str, words: str) -> Quote:
    record = wirewatch.extract(HEAD + text, published="2021-03-05")
    hits = [q for q in record.quotes if words in q.text]
    assert hits, f"no quote containing {words!r}: {[q.text for q in record.quotes]}"
    return hits[0]


CASES = [
    # a description the article leaves one candidate for
    (
        "Ambassador Pavel Orlov said the talks were useful. Later the diplomat added that a second "
        "round was planned for the spring.",
        "a second round was planned",
        "Pavel Orlov",
        "description",
    ),
    # spokespeople speak for their body
    (
        "The Treasury published its forecast on Monday. A Treasury spokesperson said the figures "
        "showed the public finances were on track.",
        "the public finances were on track",
        "Treasury",
        "spokesperson",
    ),
    (
        "Dancers gathered for the auditions. A spokesman for the Northern Ballet Company said that "
        "competition for places had been fierce this year.",
        "competition for places had been fierce",
        "Northern Ballet Company",
        "spokesperson",
    ),
    # an acronym the article spells out
    (
        "The National Institute of Transport Research (NITR) published a study on Monday. NITR said "
        "that congestion had fallen for the first time in a decade.",
        "congestion had fallen",
        "National Institute of Transport Research",
        "alias",
    ),
    # "the company" is the company under discussion
    (
        "Shares in Nordvik Group rose sharply on Tuesday. The company said profits had doubled "
        "as freight rates climbed.",
        "profits had doubled",
        "Nordvik Group",
        "description",
    ),
    # a document speaks for whoever issued it
    (
        "The Harbour Authority released its annual report on Friday. The report said that traffic "
        "through the port would grow by a fifth.",
        "traffic through the port would grow",
        "Harbour Authority",
        "document",
    ),
    # a title and a surname the recogniser may miss, joined to the full name
    (
        "Port director Sundar Kalvani opened the new terminal. Mr Kalvani said the berth would take the largest ships.",
        "the berth would take the largest ships",
        "Sundar Kalvani",
        "name",
    ),
    # a pronoun follows the speaker of its gender, not the last name
    (
        "Harbour master Anna Berg met the mayor, John Peters, on Monday.\n\n"
        'Ms Berg said the dredging would start soon. "We expect the first ships by autumn," she said.',
        "We expect the first ships by autumn",
        "Anna Berg",
        "pronoun",
    ),
    # a role nobody is given: the person whose role the article leaves unsaid
    (
        "Martin Hale has defended the cuts to the rail budget. Council leader Jane Ford called the "
        "cuts reckless. Mr Hale visited Leeds on Monday.\n\n"
        "The transport secretary said the savings would pay for new trains.",
        "the savings would pay for new trains",
        "Martin Hale",
        "description",
    ),
    # "the businessman" right after someone's words is that speaker, not a name in the quotation
    (
        'Ian Moss gave the party money last year. Mr Moss said: "The rift hurts us. "Peter Grant is '
        'a fine leader, but he must act." The businessman said he would decide by May.',
        "he would decide by May",
        "Ian Moss",
        "description",
    ),
    # a quotation after a named report goes on with that report, not the direct quote before it
    (
        "Coach Rita Cole has run the club for 30 years. Player Ann Lee left it at 12.\n\n"
        '"It was never fun for me," she said. Ms Cole, who trains the juniors, admitted it was "very '
        'hard" to keep them and said fewer children came each year. "They want screens, not boots. '
        '"It is a shame for the sport."',
        "They want screens, not boots",
        "Rita Cole",
        "name",
    ),
    # the lead's unnamed person is the one the next sentence opens with
    (
        "A party donor has said he will give no more money because of the feud at the top.\n\n"
        "Ewan Clark also attacked the plans for the port. He has given the party £50,000.",
        "he will give no more money",
        "Ewan Clark",
        "description",
    ),
    # a body the article has named, written again where the recogniser misses it
    (
        "Civil rights group Liberty has criticised the new stop and search powers.\n\n"
        "Liberty said black people were six times more likely to be stopped.",
        "six times more likely to be stopped",
        "Liberty",
        "name",
    ),
    # the headline and lead name the company where the recogniser misses it; the description follows
    (
        "Shares in Nordmark Mining fell sharply after the mining group said its losses had deepened "
        "to £51m.\n\nNordmark Mining blamed floods at two pits.",
        "losses had deepened",
        "Nordmark Mining",
        "description",
    ),
    # a body named only inside a person's role is still the body a description means
    (
        "Kinship Care Network executive director Ruth Gale criticised the allowances on Monday.\n\n"
        "The charity said carers were paid less than £100 a week in some areas.",
        "carers were paid less than",
        "Kinship Care Network",
        "description",
    ),
    # the lead's unnamed report or body is the organisation the next sentences name as a subject
    (
        "Ministers will have to raise taxes to meet their borrowing rule, a report suggests.\n\n"
        "The rule limits what may be borrowed. The Institute for Budget Studies says taxes must "
        "rise by £10bn.",
        "will have to raise taxes",
        "Institute for Budget Studies",
        "document",
    ),
    (
        "Voting by post could be made safer by checking signatures, the elections watchdog has said.\n\n"
        "Those checks are rare today. The Electoral Board says most councils lack the staff.",
        "could be made safer",
        "Electoral Board",
        "description",
    ),
    # a body's people speak for it; a product's version number is no part of the maker's name
    (
        "The software company Trondsoft showed Trondsoft 9.0 in Oslo. The browser will be the "
        "fastest on the market, according to its developers.\n\nTrondsoft said downloads had doubled.",
        "fastest on the market",
        "Trondsoft",
        "spokesperson",
    ),
    # a given name before a quoted nickname is the person's
    (
        'Snooker star Jimmy "the Whirlwind" White left school at 15.\n\n"We loved the game," Mr White said.',
        "We loved the game",
        "Jimmy White",
        "name",
    ),
    # the lead's "MPs have warned" is the committee the next sentences name
    (
        "New towns will damage the countryside, MPs have warned.\n\n"
        "The plans were published in May. The Rural Affairs Committee says the homes are not needed.",
        "New towns will damage the countryside",
        "Rural Affairs Committee",
        "description",
    ),
    # of two people as prominent, the role goes to the one the article opens with as its subject
    (
        "Anna Cole has criticised a union leader over the row.\n\n"
        "Union leader Jim Bell spoke of a rift between Ms Cole and Bob Hart. But the chancellor said the union "
        "was trying to block reform. Mr Hart was not at the meeting.",
        "the union was trying to block reform",
        "Anna Cole",
        "description",
    ),
    # "the report" with no issuer named is the body that spoke last
    (
        "Ferry fares are far too high, the Transport Select Committee said on Monday.\n\n"
        "The report said operators had raised prices by a fifth since 2019.",
        "operators had raised prices by a fifth",
        "Transport Select Committee",
        "document",
    ),
    # a newsletter speaks for whoever the article says issued it
    (
        "Mr Hale quoted a Kendal Rowing Club members' newsletter in his complaint.\n\n"
        'The newsletter says: "Members must renew by May."',
        "Members must renew by May",
        "Kendal Rowing Club",
        "document",
    ),
    # "the Tory spokesman" right after a person has spoken is that person, described by their post
    (
        "Shadow minister Ian Hale attacked the leaflet on Monday.\n\n"
        'Mr Hale condemned the leaflet. "Who are they trying to fool?" he asked. The Tory spokesman '
        "also said the leaflet had cost far too much to print.",
        "the leaflet had cost far too much",
        "Ian Hale",
        "description",
    ),
    # "the MPs heard": the words of whoever was speaking to them
    (
        "Chairman Sam Lowe told MPs on Tuesday the register was out of date. There have been cases "
        "of pets put on the register, the MPs heard.",
        "cases of pets put on the register",
        "Sam Lowe",
        "continuation",
    ),
    # "It said" after a sentence about a body's report is that body, not the last body that spoke
    (
        "The Institute for Budget Studies (IBS) said taxes must rise. A Treasury spokesman said "
        "the plans were affordable. Apart from its warning, the IBS report was upbeat about growth. "
        "It said oil prices would have a limited effect on the economy.",
        "oil prices would have a limited effect",
        "Institute for Budget Studies",
        "pronoun",
    ),
    # "Lib Dem officials" speak for the party the article calls the "Lib Dems"
    (
        "The Lib Dems want an inquiry into the visa.\n\n"
        "Lib Dem officials said the inquiry should report before the election.",
        "the inquiry should report before the election",
        "Lib Dems",
        "spokesperson",
    ),
    # a spelling one letter off joins the same person
    (
        "The envoy Pavel Orlov arrived in the capital on Monday. Orlow said the talks had gone well.",
        "the talks had gone well",
        "Pavel Orlov",
        "alias",
    ),
    # a post tied to a named body, which nobody is given, re-describes who just spoke
    (
        "Tory MP Helen Marsh said the levy should be scrapped. The Harbour Gazette editor told "
        "listeners that the town could not afford it.",
        "the town could not afford it",
        "Helen Marsh",
        "description",
    ),
    # the kind of body before a source's head: the body of that kind under discussion
    (
        "The Green Party met in Leeds on Saturday to choose its candidates. Party sources said the "
        "vote had been close.",
        "the vote had been close",
        "Green Party",
        "spokesperson",
    ),
    # the body named after a source phrase's head
    (
        "The vote is due next week. Sources within the Liberal Party told the BBC the leader would back the bill.",
        "the leader would back the bill",
        "Liberal Party",
        "spokesperson",
    ),
    # a capitalised phrase opening the sentence that the article writes capitalised elsewhere
    (
        "Relations between Number 10 and the Treasury were cool. Number 10 said ministers were focused on governing.",
        "ministers were focused on governing",
        "Number 10",
        "name",
    ),
    # a book speaks for the one author the article gives
    (
        "A new book claims the minister misled colleagues. The claims appear in Harbour Lights, by "
        "former aide Tom Reddy, published on Monday. The book says the cabinet was never told.",
        "the cabinet was never told",
        "Tom Reddy",
        "document",
    ),
]


@pytest.mark.parametrize(("text", "words", "speaker", "how"), CASES, ids=[c[3] + ":" + c[2] for c in CASES])
def test_speaker_resolved(text: str, words: str, speaker: str, how: str) -> None:
    q = quote_with(text, words)
    assert (q.speaker.name, q.speaker.resolved_by) == (speaker, how)
    assert q.speaker.entity is not None
    # the mention stays as written, with offsets into the record's text
    assert q.speaker.mention is not None and q.speaker.start is not None


NEGATIVE = [
    # an unnamed source with no named body stays unnamed
    ("Prices rose again in March. Analysts said the rise would not last.", "the rise would not last"),
    ("The terminal reopened on Monday. A spokesman said the delays were over.", "the delays were over"),
    # an unnamed person later in the article is not the next one named
    (
        "Ewan Clark opened the port on Monday. Later a party donor said the feud would hurt them. Rob Hill agreed.",
        "the feud would hurt them",
    ),
    # two people as prominent and neither given the role: the words do not say which
    (
        "Talks were held in London on Monday between Tom Reed and Sam Holt. The chancellor said the "
        "budget would balance.",
        "the budget would balance",
    ),
    # a bare office nobody is given is no re-description of the last speaker
    (
        "Tory MP Helen Marsh and Labour MP Tom Reed spoke on Monday. Ms Marsh said the levy should go. "
        "The prime minister said it would stay.",
        "it would stay",
    ),
    # the kind of thing a document is about names no issuer ("business plans")
    ("Ministers met on Monday. Initial business plans said the scheme would pay for itself.", "the scheme would pay"),
]


@pytest.mark.parametrize(("text", "words"), NEGATIVE)
def test_unnamed_source_stays_unnamed(text: str, words: str) -> None:
    q = quote_with(text, words)
    assert q.speaker.name is None and q.speaker.mention is not None


def test_organisation_speaker_is_an_entity_with_aliases() -> None:
    text = (
        "The National Institute of Transport Research (NITR) published a study on Monday. NITR said "
        "that congestion had fallen for the first time in a decade."
    )
    record = wirewatch.extract(HEAD + text, published="2021-03-05")
    orgs = {e.name: e for e in record.entities if e.type == "organization"}
    assert "National Institute of Transport Research" in orgs
    assert "NITR" in orgs["National Institute of Transport Research"].aliases
    q = quote_with(text, "congestion had fallen")
    assert q.speaker.entity == orgs["National Institute of Transport Research"].id


def test_role_description_gives_the_person_that_role() -> None:
    text = (
        "Martin Hale has defended the cuts to the rail budget. Mr Hale visited Leeds on Monday.\n\n"
        "The transport secretary said the savings would pay for new trains."
    )
    record = wirewatch.extract(HEAD + text, published="2021-03-05")
    people = {e.name: e.role for e in record.entities if e.type == "person"}
    assert people.get("Martin Hale") == "transport secretary"


def test_a_post_is_no_part_of_an_organisation_name() -> None:
    # the recogniser can take "Co-Chairman" into the party's name; the party is the organisation
    text = (
        "Rail fares rose again on Monday, angering commuters. Tory Liam Fox said his party offered a clear "
        'choice. The Conservative Party Co-Chairman said Labour had "done nothing for eight years".'
    )
    record = wirewatch.extract(HEAD + text, published="2021-03-05")
    names = {e.name for e in record.entities}
    assert not any(n.casefold().endswith("co-chairman") for n in names), names


def test_a_name_with_the_is_a_body_not_a_person() -> None:
    text = "The Lib Dems say they will look at the plans before the vote on Monday."
    record = wirewatch.extract(HEAD + text, published="2021-03-05")
    q = quote_with(text, "they will look at the plans")
    assert q.speaker.name == "Lib Dems"
    assert {e.type for e in record.entities if e.name == "Lib Dems"} == {"organization"}


def test_a_pronoun_is_nobody_its_words_name() -> None:
    # "he still trusted Mr Blair": whoever "he" is, not Mr Blair
    text = (
        "Gordon Brown flew to Ghana on Monday, a day after Tony Blair spoke in London. He insisted he "
        "still trusted Mr Blair, despite claims to the contrary in a new book."
    )
    q = quote_with(text, "still trusted Mr Blair")
    assert q.speaker.name == "Gordon Brown"


def test_a_long_title_before_a_name_gives_the_name() -> None:
    # the parse can take only the title's first words as the source; the name after the rest counts
    text = (
        "Fares vary from town to town. Minister for Children, Young People and Families Helen Carr "
        "said new plans will make fares as fair as possible."
    )
    q = quote_with(text, "new plans will make fares")
    assert q.speaker.name == "Helen Carr"


def test_the_end_of_a_title_is_no_part_of_the_name() -> None:
    text = "Minister for Transport, Roads and Ports Helen Carr said new plans will make fares fair."
    q = quote_with(text, "new plans will make fares")
    assert q.speaker.name == "Helen Carr"


def test_a_work_speaks_for_its_author() -> None:
    text = (
        "Harbour Lights, by Anna Berg, says the port was run badly for years. It claims the mayor "
        "knew of the losses as early as 2019."
    )
    first = quote_with(text, "the port was run badly")
    second = quote_with(text, "the mayor knew of the losses")
    assert (first.speaker.name, first.speaker.resolved_by) == ("Anna Berg", "document")
    assert second.speaker.name == "Anna Berg"


def test_a_post_after_a_work_gives_the_person() -> None:
    text = "Pocket Guide to Harbour Towns 2021 author Lena Fisk said at least 40 of the ports had closed."
    q = quote_with(text, "at least 40 of the ports")
    assert q.speaker.name == "Lena Fisk"


def test_a_claim_cited_in_passing_is_no_turn_of_speech() -> None:
    # "he hit back at Mr Hale's claim that ...": the next "he said" is still the one hitting back
    text = (
        "Ivan Dorn, spokesman for the No campaign, said the Yes side was rattled. And he hit back at "
        'Mr Hale\'s claim that an assembly would improve roads. "It can push paper around," he said.'
    )
    q = quote_with(text, "It can push paper around")
    assert q.speaker.name == "Ivan Dorn"
