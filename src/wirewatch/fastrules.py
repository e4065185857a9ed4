"""spaCy's ``attribute_ruler`` and rule ``lemmatizer``, made cheap, with the same values.

The attribute ruler runs a :class:`~spacy.matcher.Matcher` of ~180 patterns over every doc and
sets each match through a new ``Span``; the lemmatizer visits every token in Python. Every one
of the ruler's patterns here is one or two tokens, each token tested on its ``LOWER``, ``TAG``,
``DEP`` and ``IS_SPACE`` alone, so which token-tests a token passes is a function of those four
values: it is worked out once per distinct four, from an index of the tests by the value they
need, and kept. A match then gives its pattern's attributes to its target token, later patterns
over earlier ones, as the ruler's sorted matches do. The lemma of a token the ruler gave none is
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

Key = tuple[int, int, int, int]
Test = Callable[[Key], bool]


class Unsupported(ValueError):
    """A ruler pattern of a shape this component does not handle."""


def _equal(slot: int, value: int) -> Test:
    def test(k: Key) -> bool:
        return k[slot] == value

    return test


def _member(slot: int, values: frozenset[int], inside: bool) -> Test:
    def test(k: Key) -> bool:
        return (k[slot] in values) is inside

    return test


def _regex(rx: re.Pattern[str], strings: Any) -> Test:
    def test(k: Key) -> bool:
        return bool(rx.search(strings[k[0]]))

    return test


def _all(checks: list[Test]) -> Test:
    def test(k: Key) -> bool:
        return all(c(k) for c in checks)

    return test


def _test(token_pattern: dict[str, Any], strings: Any) -> tuple[Test, list[tuple[int, int]]]:
    """A token-test on (LOWER, TAG, DEP, IS_SPACE), and the (slot, value) pairs it needs one of
    (for the index; empty when it needs none in particular)."""
    checks: list[Test] = []
    needs: list[tuple[int, int]] = []
    for attr, want in token_pattern.items():
        if attr not in _ATTRS:
            raise Unsupported(f"attribute {attr}")
        slot = _ATTRS[attr]
        if attr == "IS_SPACE":
            if not isinstance(want, bool):
                raise Unsupported(f"IS_SPACE {want!r}")
            flag = int(want)
            checks.append(_equal(slot, flag))
            continue
        if isinstance(want, str):
            value = get_string_id(want)
            checks.append(_equal(slot, value))
            if not needs:
                needs = [(slot, value)]
            continue
        if not isinstance(want, dict) or len(want) != 1:
            raise Unsupported(f"{attr} {want!r}")
        ((op, arg),) = want.items()
        if op in ("IN", "NOT_IN"):
            values = frozenset(get_string_id(v) for v in arg)
            if op == "IN":
                checks.append(_member(slot, values, True))
                if not needs:
                    needs = [(slot, v) for v in values]
            else:
                checks.append(_member(slot, values, False))
        elif op == "REGEX" and attr == "LOWER":
            checks.append(_regex(re.compile(arg), strings))
        else:
            raise Unsupported(f"{attr} {op}")
    return _all(checks), needs


class FastRules:
    """The attribute ruler and the lemmatizer of a pipeline, as one cheap component."""

    def __init__(self, ruler: Any, lemmatizer: Any) -> None:
        if getattr(lemmatizer, "mode", None) != "rule" or getattr(lemmatizer, "overwrite", True):
            raise Unsupported("lemmatizer is not the rule one without overwrite")
        self.lemmatizer = lemmatizer
        strings = ruler.vocab.strings
        self.strings = strings
        tests: list[Test] = []
        # per token-test: the patterns (attr_id, position in the pattern, length, target) it is part of
        singles: dict[int, int] = {}  # test -> attr_id of a one-token pattern
        multi: list[tuple[int, list[int], int]] = []  # (attr_id, tests, target offset)
        self.index: list[dict[int, list[int]]] = [{}, {}, {}]
        self.always: list[int] = []
        for attr_id, entry in enumerate(ruler.patterns):
            index = ruler.indices[attr_id]
            for pattern in entry["patterns"]:
                ids = []
                for token_pattern in pattern:
                    test, needs = _test(token_pattern, strings)
                    tid = len(tests)
                    tests.append(test)
                    ids.append(tid)
                    if not needs:
                        self.always.append(tid)
                    for slot, value in needs:
                        if slot < 3:
                            self.index[slot].setdefault(value, []).append(tid)
                        else:  # not reached: IS_SPACE never indexes
                            self.always.append(tid)
                target = index if index >= 0 else len(pattern) + index
                if not 0 <= target < len(pattern):
                    raise Unsupported(f"index {index} of a {len(pattern)}-token pattern")
                if len(pattern) == 1:
                    singles[ids[0]] = attr_id
                else:
                    multi.append((attr_id, ids, target))
        self.tests = tests
        self.singles = singles
        self.multi = multi
        self.first_tests = {ids[0] for _, ids, _ in multi}
        self.attrs: list[dict[int, int]] = [dict(a) for a in ruler.attrs]
        for a in self.attrs:
            if set(a) - set(_SET):
                raise Unsupported(f"attributes {sorted(a)}")
        self._passed: dict[Key, frozenset[int]] = {}
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

    def _passes(self, key: Key) -> frozenset[int]:
        found = self._passed.get(key)
        if found is None:
            cands = {*self.always}
            for slot in (0, 1, 2):
                cands.update(self.index[slot].get(key[slot], ()))
            found = self._passed[key] = frozenset(t for t in cands if self.tests[t](key))
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
        passed = [self._passes(tuple(k)) for k in keys]
        applied: list[list[int]] = [[] for _ in range(n)]
        singles = self.singles
        for i, tids in enumerate(passed):
            for t in tids:
                a = singles.get(t)
                if a is not None:
                    applied[i].append(a)
        if self.multi:
            for i, tids in enumerate(passed):
                if tids.isdisjoint(self.first_tests):
                    continue
                for attr_id, ids, target in self.multi:
                    if i + len(ids) <= n and all(ids[j] in passed[i + j] for j in range(len(ids))):
                        applied[i + target].append(attr_id)
        arr = doc.to_array([POS, MORPH, LEMMA, TAG, DEP])
        tag_dep: list[tuple[int, int | None, int | None]] = []
        for i, ids in enumerate(applied):
            if not ids:
                continue
            pos, morph, lemma, tag, dep = self._resolve(tuple(ids))
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
