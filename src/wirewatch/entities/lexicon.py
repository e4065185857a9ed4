"""Word lists the entity stage reads descriptions with, grouped by what the words mean.

These are general English news vocabulary, not words of any one article: the head nouns that
describe an organisation ("the company", "the watchdog"), a document ("the report", "the
minutes"), someone who speaks for a body ("a spokeswoman", "officials"), kinds of people that
stand for several roles ("the diplomat" for an ambassador), and the words and given names that
tell a person's gender, which pronoun resolution needs.
"""

from __future__ import annotations

# "the company", "the mining group", "the global sports giant": an organisation described
ORG_NOUNS = frozenset(
    """
    company firm group giant business corporation conglomerate multinational maker manufacturer
    producer supplier retailer chain carrier airline operator bank lender insurer broker exchange
    fund utility network broadcaster channel newspaper paper magazine publication publisher agency
    charity organisation organization association federation foundation institute institution
    society union league club team band party alliance coalition movement campaign body watchdog
    regulator authority council commission committee board panel trust ministry department office
    government administration cabinet parliament assembly court tribunal service force
    army police university college school hospital academy museum studio label brand website site
    consortium partnership cooperative co-operative
    """.split()
)

# "the report", "the minutes": a document speaks for whoever issued it
DOCUMENT_NOUNS = frozenset(
    """
    report statement minutes study survey book article letter paper review document analysis
    figures results accounts forecast forecasts submission memo memorandum briefing release
    editorial column blog post research audit inquiry guidance plan proposal newsletter leaflet
    pamphlet manifesto handbook brochure poster posters advert adverts advertisement text
    """.split()
)

# "a Treasury spokesperson", "officials of the ministry": they speak for the body they serve
SPOKES_NOUNS = frozenset(
    """
    spokesman spokeswoman spokesperson spokespeople spokesmen spokeswomen official officials
    source sources representative representatives insider insiders aide aides staff staffer
    """.split()
)

# Head nouns after which a name in the same phrase is somebody else ("a friend of John Smith")
RELATION_NOUNS = frozenset(
    """
    friend friends wife husband son daughter brother sister mother father parent parents widow
    widower partner girlfriend boyfriend colleague colleagues ally allies rival rivals critic
    critics lawyer lawyers attorney attorneys supporter supporters family relative relatives
    neighbour neighbor biographer fan fans opponent opponents
    """.split()
)

# A description's head and the role words it stands for ("the diplomat" -> an ambassador)
HYPERNYMS: dict[str, frozenset[str]] = {
    "diplomat": frozenset({"ambassador", "envoy", "consul", "diplomat", "minister"}),
    "envoy": frozenset({"ambassador", "envoy"}),
    "politician": frozenset({"mp", "senator", "minister", "leader", "spokesman", "spokeswoman", "secretary", "mayor"}),
    "lawmaker": frozenset({"mp", "senator", "congressman", "congresswoman", "representative", "legislator"}),
    "mp": frozenset({"mp", "member"}),
    "official": frozenset(
        {"official", "minister", "secretary", "director", "commissioner", "spokesman", "spokeswoman"}
    ),
    "executive": frozenset({"executive", "chief", "ceo", "chairman", "chairwoman", "president", "director"}),
    "boss": frozenset({"executive", "chief", "ceo", "chairman", "chairwoman", "head", "director", "boss", "manager"}),
    "star": frozenset({"actor", "actress", "singer", "star", "player", "musician", "rapper", "comedian"}),
    "singer": frozenset({"singer", "vocalist", "frontman", "rapper"}),
    "musician": frozenset({"musician", "singer", "guitarist", "drummer", "player", "rapper", "pianist"}),
    "actor": frozenset({"actor", "actress", "star"}),
    "player": frozenset({"player", "striker", "midfielder", "defender", "goalkeeper", "captain"}),
    "economist": frozenset({"economist", "analyst"}),
    "analyst": frozenset({"analyst", "economist", "strategist"}),
    "leader": frozenset({"leader", "president", "chairman", "chairwoman", "head", "chief"}),
    "minister": frozenset({"minister", "secretary"}),
    "chief": frozenset({"chief", "executive", "head", "director", "commissioner"}),
}

# Words of a description that say nothing about who it is
DESCRIPTION_FILLER = frozenset(
    """
    the a an this that these those its his her their our new former then current top senior
    veteran outgoing incoming acting longtime long-time
    """.split()
)

MALE_WORDS = frozenset(
    """
    mr mr. sir lord he him his himself man men spokesman chairman congressman businessman
    king prince duke earl baron father son brother husband widower boyfriend uncle nephew
    actor frontman sportsman statesman nobleman grandfather
    """.split()
)
FEMALE_WORDS = frozenset(
    """
    mrs mrs. ms ms. miss lady dame baroness she her hers herself woman women spokeswoman
    chairwoman congresswoman businesswoman queen princess duchess countess mother daughter
    sister wife widow girlfriend aunt niece actress grandmother
    """.split()
)

# Common English given names; a first name says a person's gender when the text does not.
MALE_NAMES = frozenset(
    """
    aaron adam adrian alan alastair albert alex alexander alfred alistair andrew andy angus
    anthony antonio arnold arthur barry ben benjamin bernard bill billy bob boris brad bradley
    brian bruce carl carlos charles charlie chris christopher colin craig dale dan daniel danny
    darren dave david dean dennis derek desmond dick dmitry dominic don donald douglas duncan
    ed eddie edward eric ernest eugene frank fred frederick gareth gary gavin geoff geoffrey
    george gerald gerry gordon graham greg gregory guy harold harry henry howard hugh iain ian
    igor ivan jack jacques james jamie jason jeff jeffrey jeremy jerry jim jimmy joe john jon
    jonathan jose joseph josh juan julian justin keith ken kenneth kevin kurt larry lars lee leo
    leonard lewis liam louis luke malcolm marc marco mark martin matt matthew max michael mick
    mike mikhail nathan neil nicholas nick nigel noel norman oliver omar oscar owen patrick paul
    pavel peter phil philip pierre ralph ray raymond richard rick robert robin rod rodney roger
    ronald rory ross roy russell ryan sam samuel scott sean sebastian sergei sergey simon stanley
    stephen steve steven stuart ted terry thomas tim timothy tom tommy tony trevor vince vincent
    vladimir walter wayne william yury yuri
    """.split()
)
FEMALE_NAMES = frozenset(
    """
    abigail ada agnes alice alison amanda amy andrea angela angelina ann anna anne annie
    antoinette barbara betty beverley brenda bridget carol caroline carolyn catherine charlotte
    cheryl christine claire clare claudia daisy dawn deborah debbie diana diane donna dorothy
    edith eleanor elena elizabeth ellen emily emma erica eve evelyn fiona frances gail gemma
    georgina gillian gwen hannah harriet hazel heather helen helena hilary holly irene isabel
    jackie jacqueline jane janet janice jean jennifer jenny jessica jill jo joan joanna joanne
    josephine joyce judith judy julia julie karen kate katherine kathleen kathryn kathy katie
    kay kelly kim kimberly laura lauren linda lisa liz louise lucy lynn lynne madeleine maggie
    margaret maria marie marina marion martha mary maureen melanie melissa michelle monica nancy
    natalia natalie natasha nicola nicole nina olga pamela patricia patsy paula pauline penny
    rachel rebecca rita rose rosemary ruth sally samantha sandra sara sarah sharon sheila shirley
    sophie stephanie sue susan suzanne tanya teresa theresa tina tracey tracy valerie vanessa
    victoria virginia wendy yvonne zoe
    """.split()
)

# Party and body nicknames English news uses for a fuller name ("the Tories")
NICKNAMES: dict[str, str] = {
    "tory": "conservative",
    "tories": "conservative",
    "lib dem": "liberal democrat",
    "lib dems": "liberal democrats",
    "libdems": "liberal democrats",
    "dems": "democrats",
    "gop": "republican",
}

# Words that join the words of a name without being initials of it
NAME_JOINERS = frozenset({"of", "and", "for", "the", "&", "in", "on", "de", "du", "la", "le", "von", "van", "at"})

# Capitalised words that make a proper phrase an organisation's name rather than a person's
ORG_NAME_WORDS = frozenset(
    """
    inc ltd plc corp co llc group holdings international national royal british american
    european united federal state city county association society council committee commission
    institute foundation trust fund party union league federation bank office department
    ministry agency authority service services board centre center network news times post
    press journal university college school hospital academy club team band
    """.split()
)

# Role abbreviations news English writes for a description ("the PM")
# "mp" stands for itself: it is listed so that "the MP" is read as a role, like "the PM"
ROLE_ABBREVIATIONS: dict[str, str] = {"pm": "prime minister", "ceo": "chief executive", "mp": "mp"}

# Words before a role that make it another role ("shadow chancellor" is not the chancellor)
ROLE_QUALIFIERS = frozenset(
    {"shadow", "former", "ex", "deputy", "vice", "assistant", "junior", "acting", "late", "ex-"}
)

# Kinds of organisation: a description of one kind ("the charity") never means an organisation
# whose name says it is of another ("the Government")
ORG_KINDS: dict[str, frozenset[str]] = {
    "business": frozenset(
        "company firm giant business corporation conglomerate multinational maker manufacturer producer "
        "supplier retailer chain carrier airline operator bank lender insurer broker utility consortium".split()
    ),
    "government": frozenset(
        "government ministry department office cabinet administration parliament assembly council authority "
        "commission committee board watchdog regulator executive court tribunal".split()
    ),
    "civil": frozenset(
        "charity organisation organization association union society foundation trust campaign movement "
        "league federation network institute institution".split()
    ),
    "party": frozenset("party coalition alliance".split()),
    "media": frozenset("newspaper paper magazine broadcaster channel publication publisher website".split()),
    "music": frozenset("band label".split()),
    "sport": frozenset("team club side".split()),
}
