"""Attribution types: invented sentences through ``wirewatch.extract``, and the word-level rules."""

from __future__ import annotations

import pytest

import wirewatch
from wirewatch.attribution.types import CueShape, attribution_type

SETTINGS = wirewatch.Settings.load(language_check=False)


def types_of(sentence: str) -> list[tuple[str, str]]:
    rec = wirewatch.extract(f"Headline here\n\n{sentence}", settings=SETTINGS)
    return [(q.cue.text if q.cue else "", q.type) for q in rec.quotes]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The minister said the talks would go on.", [("said", "statement")]),
        ("The union warned that the strike would spread.", [("warned", "statement")]),
        ("A statement from the ministry said the plant was safe.", [("said", "statement")]),
        ("Analysts expect prices to rise.", [("expect", "belief")]),
        ("He sees growth slowing next year.", [("sees", "belief")]),
        ("The company plans to cut 500 jobs.", [("plans", "intention")]),
        ("The union hopes the talks will resume.", [("hopes", "intention")]),
        ("The mayor wants the council to act.", [("wants", "intention")]),
        # negation changes no type
        ("The mayor does not want the council to act.", [("want", "intention")]),
        ("The minister did not say the talks would end.", [("say", "statement")]),
        ("The group posted an 18% jump in quarterly sales.", [("posted", "act")]),
        ("The company released a new version of its software.", [("released", "act")]),
        ("The minister issued a statement on the crash.", [("issued", "statement")]),
        ("Downing Street unveiled plans to cut the number of quangos.", [("unveiled", "statement")]),
    ],
)
def test_types_through_extract(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert types_of(sentence) == expected


@pytest.mark.parametrize(
    ("shape", "expected"),
    [
        (CueShape("say", "said"), "statement"),
        (CueShape("accord", "according to"), "statement"),
        (CueShape("frobnicate", "frobnicated"), "statement"),  # unknown: the cue model judged it
        (CueShape("hop", "hopes"), "intention"),  # a wrong lemma: the written word decides
        (CueShape("expect", "is expected"), "belief"),
        (CueShape("consider", "considering", weighing=True), "intention"),
        (CueShape("consider", "considers"), "belief"),
        (CueShape("be", "is", predicate="confident"), "belief"),
        (CueShape("be", "is", predicate="hopeful"), "intention"),
        (CueShape("be", "was", predicate="adamant"), "statement"),
        (CueShape("claim", "claim"), "statement"),
        (CueShape("belief", "belief"), "belief"),
        (CueShape("plan", "plan"), "intention"),
        (CueShape("convict", "convicted"), None),
        (CueShape("convict", "convicted", quoted=True), "statement"),
        (CueShape("sentence", "sentenced"), None),
        (CueShape("rule", "ruled"), "belief"),
        (CueShape("rule", "ruled", quoted=True), "statement"),
        (CueShape("vote", "voted"), "intention"),
        (CueShape("vow", "vowed"), "statement"),
        # a stance on a thing is a belief; with a clause or quoted words, a statement
        (CueShape("defend", "defended", weighing=True), "belief"),
        (CueShape("reject", "rejected", weighing=True), "belief"),
        (CueShape("defend", "defended", weighing=True, clause=True), "statement"),
        (CueShape("dismiss", "dismissed", weighing=True, quoted=True), "statement"),
        # an act on a thing is no attribution; with a clause it reports what was said
        (CueShape("table", "tabled", weighing=True), None),
        (CueShape("organise", "organised", weighing=True), None),
        (CueShape("table", "tabled", weighing=True, clause=True), "statement"),
        (CueShape("promise", "promised"), "statement"),
        # a verb of no saying with only a thing for content is an act; a communication noun as the
        # object, a clause or quoted words make it a statement
        (CueShape("unveil", "unveiled", weighing=True, object_lemma="poster"), "act"),
        (CueShape("sign", "signed", weighing=True, object_lemma="deal"), "act"),
        (CueShape("issue", "issued", weighing=True, object_lemma="statement"), "statement"),
        (CueShape("publish", "published", weighing=True, object_lemma="figures"), "statement"),
        (CueShape("unveil", "unveiled", weighing=True, clause=True), "statement"),
        (CueShape("unveil", "unveiled", weighing=True, object_lemma="plan", quoted=True), "statement"),
        (CueShape("announce", "announced", weighing=True, object_lemma="plan"), "statement"),
        (CueShape("attack", "attacked", weighing=True, object_lemma="government"), "statement"),
    ],
)
def test_attribution_type(shape: CueShape, expected: str | None) -> None:
    assert attribution_type(shape) == expected


def test_verdict_is_dropped() -> None:
    assert types_of("The jury convicted the former mayor of fraud.") == []
