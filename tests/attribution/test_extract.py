"""Attribution on real parses of sentences written for these tests: a table with negative cases."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

import wirewatch
from wirewatch.attribution.candidates import Candidate, candidates
from wirewatch.attribution.features import paragraph_features
from wirewatch.attribution.frames import frame_model
from wirewatch.attribution.thresholds import CUE_THRESHOLD, PART_QUOTED_CUE_THRESHOLD, QUOTED_CUE_THRESHOLD, threshold
from wirewatch.config import Settings
from wirewatch.models import Article
from wirewatch.parse import load_model, parse_paragraphs
from wirewatch.quotemarks import find_quote_spans
from wirewatch.structure import analyse_structure


def quotes_of(text: str) -> list[dict[str, Any]]:
    record: Article = wirewatch.extract(text, published="2021-03-05")
    out = []
    for q in record.quotes:
        out.append(
            {
                "kind": q.kind,
                "text": q.text,
                "pieces": len(q.pieces),
                "speaker": q.speaker.name,
                "mention": q.speaker.mention,
                "cue": q.cue.text if q.cue else None,
                "addressee": q.addressee.text if q.addressee else None,
                "resolved_by": q.speaker.resolved_by,
            }
        )
        for s, e in q.pieces:
            assert record.text[s:e] in q.text  # every piece is evidence in the text
    return out


HEAD = "Harbour plan approved\n\n"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            '"We will not back down," Senator Maria Lopez told reporters on Tuesday.',
            [{"kind": "direct", "speaker": "Maria Lopez", "cue": "told", "addressee": "reporters"}],
        ),
        (
            "The port authority said the new terminal would open in the spring.",
            [{"kind": "indirect", "mention": "The port authority", "cue": "said"}],
        ),
        (
            "Fishing crews said other countries' trawlers had been seen near the reef.",
            [{"kind": "indirect", "mention": "Fishing crews", "cue": "said"}],
        ),
        (
            "According to the harbour office, cargo volumes rose by four percent last year.",
            [{"kind": "indirect", "mention": "the harbour office", "cue": "According to"}],
        ),
        (
            # the "by" phrase names who made the survey: it stays in the source phrase
            "According to a survey by the harbour office, cargo volumes rose by four percent last year.",
            [{"kind": "indirect", "mention": "a survey by the harbour office", "cue": "According to"}],
        ),
        (
            'Mayor Tom Reed said the vote was "a victory for common sense" and thanked the council.',
            [{"kind": "mixed", "speaker": "Tom Reed", "cue": "said"}],
        ),
        (
            '"The plan is sound. The money is there. We start in May," said Tom Reed, the mayor.',
            [{"kind": "direct", "speaker": "Tom Reed", "cue": "said", "pieces": 1}],
        ),
        (
            # a mixed first piece, the cue, then a quotation: one record, as annotators see it
            'Both parties "saw the port as a lifeline for the town," said Anna Berg, a harbour economist. '
            '"In that sense, the vote was easy."',
            [{"kind": "mixed", "speaker": "Anna Berg", "cue": "said", "pieces": 2}],
        ),
        (
            # object control: the one who admits is the object of "forced", not the audit
            "The audit forced the director to admit that the accounts had been wrong for years.",
            [{"kind": "indirect", "mention": "the director", "cue": "admit"}],
        ),
        (
            # ... but the object of "used" is a means: the one who demands is the subject
            "The union used the hearing to demand that the pier be rebuilt before winter.",
            [{"kind": "indirect", "mention": "The union", "cue": "demand"}],
        ),
        (
            # the subject reaches the cue through the adjective: "was quick to deny"
            "The minister was quick to deny that the port would close next year.",
            [{"kind": "indirect", "mention": "The minister", "cue": "deny"}],
        ),
        (
            'The harbour master dismissed the complaints as "absurd" on Monday.',
            [{"kind": "mixed", "mention": "The harbour master", "cue": "dismissed"}],
        ),
        (
            # the parse gives "said" a second subject inside the quotation; the source is outside
            "“The harbour is in crisis mode. Full crisis mode,” said Lena Marsh, a Bergen-based union leader.",
            [{"kind": "direct", "mention": "Lena Marsh", "cue": "said"}],
        ),
        (
            # the parse hangs the closing mark on the name: the mention is the name alone
            "“There is a big gap between the agency and the crews,” Jones, a union adviser, said on Thursday.",
            [{"kind": "direct", "mention": "Jones", "cue": "said"}],
        ),
        (
            # an inserted clause whose subject the parse hangs on the verb as a modifier
            "That plan, many argue, could ruin the harbour for a generation.",
            [{"kind": "indirect", "mention": "many", "cue": "argue"}],
        ),
        (
            # "appear" here is no raising verb: the subject reaches "saying" through "and began"
            "The mayor appeared on local radio on Monday and began by saying the port would stay open.",
            [{"kind": "indirect", "mention": "The mayor", "cue": "saying"}],
        ),
        (
            # a weak verb's object is a person whose relative clause holds the report
            "The bishop praised the fisherman Olaf Berg, who has publicly vowed to stop fishing near the reef.",
            [{"kind": "indirect", "mention": "who", "cue": "vowed"}],
        ),
        (
            # "according to" quoted inside another's report is part of what the reporter said
            "The captain told the radio that “the boat sank at dawn, according to the coast guard.”",
            [{"kind": "direct", "mention": "The captain", "cue": "told"}],
        ),
        (
            # the question is the asker's, not a claim of the one asked
            "Asked by reporters whether he believed the harbour was safe, the mayor smiled.",
            [{"kind": "indirect", "mention": "reporters", "cue": "Asked"}],
        ),
        (
            # an extraposed "it" reached through the climb from "wonder" to "is": no source
            "It is hard not to wonder whether the harbour fees will double again next year.",
            [{"kind": "indirect", "mention": None, "cue": "wonder"}],
        ),
        (
            # "when asked": the asker goes unnamed; the mayor only answers
            "“Not this year,” the mayor said on Monday when asked whether the pier would reopen before the summer.",
            [
                {"kind": "direct", "mention": "the mayor", "cue": "said"},
                {"kind": "indirect", "mention": None, "cue": "asked"},
            ],
        ),
        (
            # an inverted subject after the quotation, parsed as the object of "added"
            "“The ferry will keep running all winter,” added another harbour official.",
            [{"kind": "direct", "mention": "another harbour official", "cue": "added"}],
        ),
        (
            # ... or as the subject of a clause after the cue
            "“We have never seen the harbour this empty,” said the woman, who like many in the town did not want "
            "to be named.",
            [{"mention": "the woman", "cue": "said"}],
        ),
        (
            # the parse hangs the name on "the Gazette" as an appositive; the name is the source
            'In a statement to the Gazette, her chief harbour adviser, Lars Holm, said: "The ferry stays."',
            [{"kind": "direct", "mention": "Lars Holm", "cue": "said"}],
        ),
        (
            # a participle right after the noun it describes: the noun is the source
            "The council received hundreds of letters from residents saying that the ferry should stay.",
            [{"kind": "indirect", "mention": "residents", "cue": "saying"}],
        ),
        (
            # "say" has two subjects in the parse: the relative pronoun and the one who says it
            "The port lost money after the new tariff, which they say left the harbour empty.",
            [{"kind": "indirect", "mention": "they", "cue": "say"}],
        ),
        (
            # an inverted cue inserted after the content's subject: the name after it is the source
            "Any honest reading of the harbour accounts, said Lars Holm, an expert on ports at the university, "
            "would show a loss.",
            [{"kind": "indirect", "mention": "Lars Holm", "cue": "said"}],
        ),
        (
            # a bare quotation paragraph continues the named speaker, not the relative clause after the
            # name: one attribution in two pieces, as annotators mark it
            "“The harbour will not close this winter, whatever the council decides,” said Berg, who thinks often "
            "about the old docks.\n\n“We have kept it open through worse storms than this one.”",
            [
                {"kind": "direct", "mention": "Berg", "cue": "said", "pieces": 2},
                {"kind": "indirect", "mention": "who", "cue": "thinks"},
            ],
        ),
        (
            # a quotation's tag the parse garbles ("read" tagged as a noun): its words still name the source
            "“If the mayor wants to lead, she should come to the harbour,” the editorial read.",
            [{"kind": "direct", "mention": "the editorial", "cue": "read"}],
        ),
        (
            '"Better watch the tides before you sail," tweeted another.',
            [{"kind": "direct", "mention": "another", "cue": "tweeted"}],
        ),
        (
            # a title in quotation marks is no quotation: neither its "tag" nor the phrase after it
            "“Harbour Hour,” the host wrote of the show.",
            [{"kind": "indirect", "mention": "the host", "cue": "wrote", "text": "the show"}],
        ),
        (
            # an inverted cue inside a quotation: the parse gives the name to the clause around it
            '"The risk," said Ed Lamb, an economist at the port authority, "is that the ships go elsewhere."',
            [{"kind": "direct", "speaker": "Ed Lamb", "cue": "said", "pieces": 2}],
        ),
        (
            # a quotation after a report in the same paragraph goes on with it: one attribution in pieces
            'The mayor said the dredging would start in the spring. "We expect the first ships by autumn."',
            [{"kind": "mixed", "mention": "The mayor", "cue": "said", "pieces": 2}],
        ),
        (
            # a surname that is also a word, taken for an adverb: with no other subject, it is the source
            "Asked about the harbour fees, Early said the ferry would keep running all winter.",
            [{"kind": "indirect", "mention": "Early", "cue": "said"}],
        ),
        (
            # a second finite verb left unattached ("dep") shares the first one's subject
            "The mayor paused, then revealed why the ferry had stopped running.",
            [{"kind": "indirect", "mention": "The mayor", "cue": "revealed"}],
        ),
        (
            # the name right before the verb, hung under the fronted phrase's place: it is the source
            "In a letter - written last month at her office in Oslo - Berg argued that the fees were too high.",
            [{"kind": "indirect", "mention": "Berg", "cue": "argued"}],
        ),
        (
            # ... and so for a verb whose tense is on an auxiliary ("have said")
            "In addition to Mr. Dahl, two members of the council from Bergen, Ingrid Berg and Lars Holm, have said "
            "they will not back the plan.",
            [{"kind": "indirect", "mention": "Ingrid Berg and Lars Holm", "cue": "said"}],
        ),
        (
            # the parse hangs the next sentence's opening marks on this clause: the content stops
            # before them, so the quotation keeps its own cue
            "Mr. Vale paused, as if arguing with his own notes. ''I really mean this,'' he said.",
            [{"kind": "direct", "mention": "he", "cue": "said", "text": "''I really mean this,''"}],
        ),
        (
            # the parse hangs the "that" clause on the listener as if it described the meeting
            "He told a meeting of harbour pilots that few people understood the tides better than they did.",
            [{"kind": "indirect", "mention": "He", "cue": "told", "addressee": "a meeting of harbour pilots"}],
        ),
        (
            # "on Twitter" says where it was said, the quotation beside the cue what
            '"We need a far bigger harbour - and we need it NOW!" Tom Vale said on Twitter.',
            [{"kind": "direct", "mention": "Tom Vale", "cue": "said"}],
        ),
        (
            # an inverted verb of saying after a comma reports the clause before it, quoted or not
            "In nearby Tromso, the old plant is hanging on, but it is under pressure from cheap imports, "
            "said the company's chief executive, Lars Dahl.",
            [{"kind": "indirect", "speaker": "Lars Dahl", "cue": "said"}],
        ),
    ],
)
def test_attribution_table(body: str, expected: list[dict[str, Any]]) -> None:
    got = quotes_of(HEAD + body)
    assert len(got) == len(expected), got
    for g, e in zip(got, expected, strict=True):
        for key, value in e.items():
            assert g[key] == value, (key, g)


@pytest.mark.parametrize(
    "body",
    [
        "He said nothing.",
        "Other countries' aircraft were grounded at the base.",
        "The council met on Monday and repaired the harbour wall.",
        'The so-called "reform" failed in parliament.',
    ],
)
def test_no_quote(body: str) -> None:
    assert quotes_of(HEAD + body) == []


def test_newsroom_label_is_no_headline_source() -> None:
    # "Breaking: X say ...": the label before the colon names no one; the verb's subject speaks
    got = quotes_of("Breaking: Harbour workers say the port will close in May\n\nThe vote is on Monday.")
    assert [(g["mention"], g["cue"]) for g in got] == [("Harbour workers", "say")], got


def test_split_quote_and_pronoun() -> None:
    body = (
        "Harbour master Anna Berg spoke after the council session.\n\n"
        '"The dredging starts next month," she said. "We expect the first ships by autumn."'
    )
    got = quotes_of(HEAD + body)
    assert len(got) == 1
    q = got[0]
    assert q["kind"] == "direct" and q["pieces"] == 2
    assert q["speaker"] == "Anna Berg" and q["resolved_by"] == "pronoun" and q["mention"] == "she"


def test_description_resolves_to_person_with_role() -> None:
    body = (
        "Jan Kowalski, the company spokesman, confirmed the closure on Monday.\n\n"
        "The spokesman said the plant would reopen once repairs were finished."
    )
    got = quotes_of(HEAD + body)
    late = [g for g in got if g["mention"] == "The spokesman"]
    assert late and late[0]["speaker"] == "Jan Kowalski"


def test_unclosed_quote_never_crashes() -> None:
    body = 'Officials said "this will never be allowed and the talks are'
    got = quotes_of(HEAD + body)
    assert all(g["cue"] == "said" for g in got)


def test_weak_outer_cue_yields_to_sure_inner_cue() -> None:
    """A verb that is only a weak cue ("remembers") gives way to a sure one inside its content."""
    got = quotes_of(HEAD + "The council remembers that the engineer insisted the bridge was unsafe.")
    assert [(g["mention"], g["cue"]) for g in got] == [("the engineer", "insisted")]


def test_nested_and_quoted_candidates_get_their_features() -> None:
    """The classifier sees what encloses a candidate and whether its content is quoted."""
    record = wirewatch.extract(
        HEAD + 'The mayor said that critics claimed the plan was "reckless".', published="2021-03-05"
    )
    assert [q.cue.text for q in record.quotes if q.cue] == ["said"]  # outermost only
    text = record.text
    structure = analyse_structure(text, None, Settings.load())
    para = [
        p for p in parse_paragraphs(text, structure.paragraphs, Settings.load().spacy_model) if "mayor" in p.doc.text
    ][0]
    cands = candidates(para, text, find_quote_spans(text, para.offset, para.offset + len(para.doc.text)))
    feats = dict(zip((c.lemma for c in cands), paragraph_features(cands, para.kind), strict=True))
    assert "lf=say|ccomp" in feats["say"] and "has" in feats["say"] and "in" not in feats["say"]
    assert "in" in feats["claim"] and "fq=ccomp|part" in feats["claim"]


def test_shipped_model_scores_reporting_verbs_high() -> None:
    """The shipped weights are a sane model: "X said that ..." passes, "X bought Y" does not."""
    model = frame_model()
    assert model is not None
    said = ["bias", "lf=say|ccomp", "l=say", "f=ccomp", "subj=ent", "fs=ccomp|ent", "sp=speech|ccomp"]
    bought = ["bias", "lf=buy|dobj", "l=buy", "f=dobj", "subj=ent", "fs=dobj|ent", "sp=other|dobj"]
    assert model.probability(said) > 0.8
    assert model.probability(bought) < CUE_THRESHOLD


def test_partly_quoted_content_lowers_the_bar_less_than_a_whole_quotation() -> None:
    doc = load_model(Settings.load().spacy_model)("The mayor praised the plan.")
    plain = Candidate(doc[2], "praise", "dobj", ((20, 28),), doc[1])
    assert threshold(plain) == CUE_THRESHOLD
    assert threshold(replace(plain, quoted=1.0)) == QUOTED_CUE_THRESHOLD
    assert threshold(replace(plain, quoted=0.5)) == PART_QUOTED_CUE_THRESHOLD > QUOTED_CUE_THRESHOLD
    assert threshold(replace(plain, quoted=1.0, titles=True)) == CUE_THRESHOLD  # a quoted name is no quotation
