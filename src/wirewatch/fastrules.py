"""spaCy's ``attribute_ruler`` and rule ``lemmatizer``, made cheap, with the same values.

The attribute ruler runs a :class:`~spacy.matcher.Matcher` of ~180 patterns over every doc and
sets each match through a new ``Span``; the lemmatizer visits every token in Python. Every one
of the ruler's patterns here is one or two tokens, each token tested on its ``LOWER``, ``TAG``,
``DEP`` and ``IS_SPACE`` alone, so which token-tests a token passes is a function of those four
values: it is the AND of four bit masks over the tests, one per value (the tests that pass on
that value of that slot, worked out once per value and kept), so the work and the memory grow
with the distinct words, not with their distinct (word, tag, dependency) triples. A match then
gives its pattern's attributes to its target token, later patterns over earlier ones, as the
ruler's sorted matches do. The lemma of a token the ruler gave none is
what the lemmatizer's ``rule_lemmatize`` gives its (``ORTH``, ``POS``, ``MORPH``), worked out in
the same steps but with a set for each part of speech's lemma index (spaCy searches a list of
57,000 nouns for every candidate form), and kept per triple (spaCy keeps only some). The values
are written back with ``Doc.from_array``.

:func:`install` puts the component in place of the two, only when the pipeline's ruler patterns
are of the shapes handled here and its lemmatizer is the rule one that does not overwrite; else
the pipeline is left as it is. ``tests/test_fastrules.py`` checks that every token attribute is
the same as spaCy's on PolNeAR train.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

import numpy as np
from spacy import about
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.errors import Warnings
from spacy.language import Language
from spacy.strings import get_string_id

if TYPE_CHECKING:
    from spacy.tokens import Doc

NAME = "wirewatch_rules"
_ATTRS = {"LOWER": 0, "TAG": 1, "DEP": 2, "IS_SPACE": 3}
_SET = (POS, MORPH, LEMMA, TAG, DEP)

Slot = Callable[[int], bool]
"""A token-test's check on one of the four values (LOWER, TAG, DEP, IS_SPACE)."""


class Unsupported(ValueError):
    """A ruler pattern of a shape this component does not handle."""


def _not_in(values: frozenset[int]) -> Slot:
    def check(value: int) -> bool:
        return value not in values

    return check


def _regex(rx: re.Pattern[str], strings: Any) -> Slot:
    def check(value: int) -> bool:
        return bool(rx.search(strings[value]))

    return check


def _checks(token_pattern: dict[str, Any]) -> list[tuple[int, frozenset[int] | re.Pattern[str] | Slot]]:
    """A token-test as (slot, check) pairs, one per attribute it tests: the values that pass
    (equality and ``IN``), a ``LOWER`` regex, or a ``NOT_IN`` predicate."""
    checks: list[tuple[int, frozenset[int] | re.Pattern[str] | Slot]] = []
    for attr, want in token_pattern.items():
        if attr not in _ATTRS:
            raise Unsupported(f"attribute {attr}")
        slot = _ATTRS[attr]
        if attr == "IS_SPACE":
            if not isinstance(want, bool):
                raise Unsupported(f"IS_SPACE {want!r}")
            checks.append((slot, frozenset({int(want)})))
            continue
        if isinstance(want, str):
            checks.append((slot, frozenset({get_string_id(want)})))
            continue
        if not isinstance(want, dict) or len(want) != 1:
            raise Unsupported(f"{attr} {want!r}")
        ((op, arg),) = want.items()
        if op == "IN":
            checks.append((slot, frozenset(get_string_id(v) for v in arg)))
        elif op == "NOT_IN":
            checks.append((slot, _not_in(frozenset(get_string_id(v) for v in arg))))
        elif op == "REGEX" and attr == "LOWER":
            checks.append((slot, re.compile(arg)))
        else:
            raise Unsupported(f"{attr} {op}")
    return checks


class FastRules:
    """The attribute ruler and the lemmatizer of a pipeline, as one cheap component."""

    def __init__(self, ruler: Any, lemmatizer: Any) -> None:
        if getattr(lemmatizer, "mode", None) != "rule" or getattr(lemmatizer, "overwrite", True):
            raise Unsupported("lemmatizer is not the rule one without overwrite")
        self.lemmatizer = lemmatizer
        strings = ruler.vocab.strings
        self.strings = strings
        # Which token-tests a token passes, as a bit mask over the tests, is the AND of one mask
        # per value: for each of the four slots, the tests that pass on that value (a test with
        # no check on the slot passes on every value). Per slot: the tests free of it, the tests
        # each value passes by equality or IN, and the rest (NOT_IN, REGEX) as predicates.
        self._free = [0, 0, 0, 0]
        self._exact: list[dict[int, int]] = [{}, {}, {}, {}]
        self._other: list[list[tuple[int, Slot]]] = [[], [], [], []]
        self._masks: list[dict[int, int]] = [{}, {}, {}, {}]
        singles: dict[int, int] = {}  # test -> attr_id of a one-token pattern
        multi: list[tuple[int, list[int], int]] = []  # (attr_id, tests, target offset)
        tid = 0
        for attr_id, entry in enumerate(ruler.patterns):
            index = ruler.indices[attr_id]
            for pattern in entry["patterns"]:
                ids = []
                for token_pattern in pattern:
                    bit = 1 << tid
                    tested = set()
                    for slot, check in _checks(token_pattern):
                        tested.add(slot)
                        if isinstance(check, frozenset):
                            for value in check:
                                self._exact[slot][value] = self._exact[slot].get(value, 0) | bit
                        elif isinstance(check, re.Pattern):
                            self._other[slot].append((bit, _regex(check, strings)))
                        else:
                            self._other[slot].append((bit, check))
                    for slot in range(4):
                        if slot not in tested:
                            self._free[slot] |= bit
                    ids.append(tid)
                    tid += 1
                target = index if index >= 0 else len(pattern) + index
                if not 0 <= target < len(pattern):
                    raise Unsupported(f"index {index} of a {len(pattern)}-token pattern")
                if len(pattern) == 1:
                    singles[ids[0]] = attr_id
                else:
                    multi.append((attr_id, ids, target))
        self.singles = singles
        self.multi = multi
        self.first_tests = 0
        for _, ids, _ in multi:
            self.first_tests |= 1 << ids[0]
        self._info: dict[int, tuple[tuple[int, ...], bool]] = {}
        self.attrs: list[dict[int, int]] = [dict(a) for a in ruler.attrs]
        for a in self.attrs:
            if set(a) - set(_SET):
                raise Unsupported(f"attributes {sorted(a)}")
        self._resolved: dict[tuple[int, ...], tuple[int | None, ...]] = {}
        self._lemmas: dict[tuple[int, int, int], int] = {}
        # spaCy 3.8's rule_lemmatize, redone below with sets; another version: its own method
        self._index: dict[str, frozenset[str]] | None = {} if about.__version__.startswith("3.8.") else None
        lookups = lemmatizer.lookups
        self._tables = tuple(lookups.get_table(t, {}) for t in ("lemma_index", "lemma_exc", "lemma_rules"))

    def _lemmatize(self, token: Any) -> str:
        """The first of ``Lemmatizer.rule_lemmatize``'s forms, in the same steps (spaCy 3.8), with
        each part of speech's lemma index a set instead of a list searched from the start."""
        if self._index is None:
            return str(self.lemmatizer.lemmatize(token)[0])
        string = token.text
        univ_pos = token.pos_.lower()
        if univ_pos in ("", "eol", "space"):
            if univ_pos == "":
                warnings.warn(Warnings.W108, stacklevel=2)
            return str(string.lower())
        if self.lemmatizer.is_base_form(token):
            return str(string.lower())
        index_table, exc_table, rules_table = self._tables
        if not any((index_table.get(univ_pos), exc_table.get(univ_pos), rules_table.get(univ_pos))):
            return str(string) if univ_pos == "propn" else str(string.lower())
        index = self._index.get(univ_pos)
        if index is None:
            index = self._index[univ_pos] = frozenset(index_table.get(univ_pos, {}))
        exceptions = exc_table.get(univ_pos, {})
        rules = rules_table.get(univ_pos, {})
        orig = string
        string = string.lower()
        forms: list[str] = []
        oov_forms: list[str] = []
        for old, new in rules:
            if string.endswith(old):
                form = string[: len(string) - len(old)] + new
                if not form:
                    pass
                elif form in index or not form.isalpha():
                    if form in index:
                        forms.insert(0, form)
                    else:
                        forms.append(form)
                else:
                    oov_forms.append(form)
        forms = list(dict.fromkeys(forms))
        for form in exceptions.get(string, []):
            if form not in forms:
                forms.insert(0, form)
        if not forms:
            forms.extend(oov_forms)
        if not forms:
            forms.append(orig)
        return str(forms[0])

    def _mask(self, slot: int, value: int) -> int:
        """The tests that pass on ``value`` in ``slot``, as a bit mask (kept per value)."""
        mask = self._free[slot] | self._exact[slot].get(value, 0)
        for bit, check in self._other[slot]:
            if check(value):
                mask |= bit
        self._masks[slot][value] = mask
        return mask

    def _of(self, passed: int) -> tuple[tuple[int, ...], bool]:
        """The one-token patterns a token passing ``passed`` matches (their attr_ids), and
        whether it passes the first test of a longer pattern (kept per mask)."""
        found = self._info.get(passed)
        if found is None:
            ids = tuple(sorted(a for t, a in self.singles.items() if passed >> t & 1))
            found = self._info[passed] = (ids, bool(passed & self.first_tests))
        return found

    def _resolve(self, attr_ids: tuple[int, ...]) -> tuple[int | None, ...]:
        """(POS, MORPH, LEMMA, TAG, DEP) set by these patterns in ascending order (None: untouched)."""
        out = self._resolved.get(attr_ids)
        if out is None:
            merged: dict[int, int] = {}
            for a in sorted(attr_ids):
                merged.update(self.attrs[a])
            out = self._resolved[attr_ids] = tuple(merged.get(attr) for attr in _SET)
        return out

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        keys = doc.to_array([LOWER, TAG, DEP, IS_SPACE]).tolist()
        m0, m1, m2, m3 = self._masks
        mask = self._mask
        passed: list[int] = []
        for k0, k1, k2, k3 in keys:
            a = m0.get(k0)
            b = m1.get(k1)
            c = m2.get(k2)
            d = m3.get(k3)
            passed.append(
                (mask(0, k0) if a is None else a)
                & (mask(1, k1) if b is None else b)
                & (mask(2, k2) if c is None else c)
                & (mask(3, k3) if d is None else d)
            )
        info = [self._of(p) for p in passed]
        applied: list[tuple[int, ...]] = [ids for ids, _ in info]
        if self.multi:
            for i, (_, first) in enumerate(info):
                if not first:
                    continue
                for attr_id, ids, target in self.multi:
                    if i + len(ids) <= n and all(passed[i + j] >> ids[j] & 1 for j in range(len(ids))):
                        applied[i + target] = (*applied[i + target], attr_id)
        arr = doc.to_array([POS, MORPH, LEMMA, TAG, DEP])
        tag_dep: list[tuple[int, int | None, int | None]] = []
        for i, found in enumerate(applied):
            if not found:
                continue
            pos, morph, lemma, tag, dep = self._resolve(found)
            if pos is not None:
                arr[i, 0] = pos
            if morph is not None:
                arr[i, 1] = morph
            if lemma is not None:
                arr[i, 2] = lemma
            if tag is not None or dep is not None:
                tag_dep.append((i, tag, dep))
        doc.from_array([POS, MORPH], cast(Any, arr[:, :2]))
        for i, tag, dep in tag_dep:  # rare (a space token); as the ruler sets them
            token = doc[i]
            if tag is not None:
                token.tag = tag
            if dep is not None:
                token.dep = dep
        # the lemmatizer: every token the ruler gave no lemma
        orths = doc.to_array([ORTH]).tolist()
        lemmas = arr[:, 2]
        cache = self._lemmas
        for i in np.flatnonzero(lemmas == 0).tolist():
            key = (orths[i], int(arr[i, 0]), int(arr[i, 1]))
            lemma = cache.get(key)
            if lemma is None:
                lemma = cache[key] = self.strings.add(self._lemmatize(doc[i]))
            lemmas[i] = lemma
        doc.from_array([LEMMA], cast(Any, lemmas.reshape(-1, 1)))
        return doc


@Language.factory(NAME)
def _make(nlp: Language, name: str) -> FastRules:
    return FastRules(nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer"))


def install(nlp: Language) -> bool:
    """Run :class:`FastRules` in place of the pipeline's ``attribute_ruler`` and ``lemmatizer``
    (both kept, disabled); False, and nothing changed, when the pipeline is not one it handles."""
    names = nlp.pipe_names
    if "attribute_ruler" not in names or "lemmatizer" not in names:
        return False
    if names.index("lemmatizer") != names.index("attribute_ruler") + 1:
        return False
    try:
        nlp.add_pipe(NAME, after="lemmatizer")
    except Unsupported:
        return False
    nlp.disable_pipe("attribute_ruler")
    nlp.disable_pipe("lemmatizer")
    return True
