"""The name finders of the clusters stage find what the per-name regular expressions they replace
found (compiling one pattern per name cost about a second per hundred articles)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from wirewatch.entities.clusters import NAME_RUN_RE, _name_runs, whole_occurrences

WORDS = st.sampled_from(["UK", "Coal", "of", "&", "Bank", "Scotland", "uk", "coal's", "-", "'", "’", "_", "Co"])
TEXTS = st.lists(st.tuples(WORDS, st.sampled_from([" ", "  ", "", "-", ". ", "\n"])), max_size=14).map(
    lambda parts: "".join(w + sep for w, sep in parts)
)
NAMES = st.sampled_from(["UK Coal", "Bank of Scotland", "Coal", "UK", "Co", "of"])


@settings(max_examples=400, deadline=None)
@given(TEXTS, NAMES)
def test_whole_occurrences_are_the_regex_matches(text: str, name: str) -> None:
    pattern = r"(?<![\w'’-])" + re.escape(name) + r"(?![\w-])"
    assert list(whole_occurrences(text, name)) == [m.span() for m in re.finditer(pattern, text)]


@settings(max_examples=400, deadline=None)
@given(TEXTS, NAMES)
def test_name_runs_are_the_regex_matches(text: str, name: str) -> None:
    pattern = re.escape(name) + NAME_RUN_RE.pattern
    assert list(_name_runs(text, name)) == [m.span() for m in re.finditer(pattern, text)]
