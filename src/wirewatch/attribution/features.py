"""Sparse binary features of cue candidates for the learned cue classifier
(``frames.FrameModel``).

This is the contract with scripts/train_attribution.py: the script fits the model on these
features and the extractor scores with them, so any change here changes what the stored
weights in ``data/frame_model.json`` mean and calls for retraining.

``FEATURES_VERSION`` is written into every model the script trains, and ``models_io`` refuses a
model whose version is not this one. Bump it in the commit that renames, adds or changes the
meaning of a feature here or in ``sources.option_features``/``none_features`` (the source
chooser's), and ship the retrained models with it.
"""

from __future__ import annotations

from collections.abc import Sequence

from wirewatch.attribution.candidates import Candidate
from wirewatch.attribution.cues import SPEECH_VERBS
from wirewatch.attribution.subjects import RELATIVE_PRONOUNS

# the version of the features of both learned models; see the module's docstring
FEATURES_VERSION = 1


def _bucket(n: int) -> str:
    return "1" if n <= 1 else "2-3" if n <= 3 else "4-8" if n <= 8 else "9-20" if n <= 20 else "21+"


def paragraph_features(cands: Sequence[Candidate], para_kind: str) -> list[list[str]]:
    """Features of every candidate of one paragraph, with what encloses it and what it encloses.

    PolNeAR marks only the outermost attribution, so a verb inside another candidate's content
    ("X said that Y claimed ...") is seldom a cue itself, and a weak verb whose object holds a
    reporting verb ("seized on Trump's claim that ...") is seldom one either: both are features.
    """
    out = []
    for cand in cands:
        outer = next((o for o in cands if o is not cand and any(a <= cand.at < b for a, b in o.pieces)), None)
        inner = next((o for o in cands if o is not cand and any(a <= o.at < b for a, b in cand.pieces)), None)
        out.append(candidate_features(cand, para_kind, outer, inner))
    return out


def candidate_features(
    cand: Candidate, para_kind: str, outer: Candidate | None = None, inner: Candidate | None = None
) -> list[str]:
    """Sparse binary features of a candidate for the learned cue classifier.

    Shared by scripts/train_attribution.py and the extractor, so both see one definition. The
    (lemma, frame) pair carries most of the signal; the rest says what a pair table cannot:
    whether the content is quoted, what kind of subject there is, how the verb sits in the clause.
    """
    verb, lemma, frame = cand.verb, cand.lemma, cand.frame
    q = "none" if cand.quoted <= 0 else "title" if cand.titles else "all" if cand.quoted >= 0.9 else "part"
    subj = cand.subject
    if subj is None:
        s = "none"
    elif subj.lower_ in RELATIVE_PRONOUNS:
        s = "rel"
    elif subj.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}:
        s = "ent"
    else:
        s = subj.pos_
    words = _bucket(sum(e - b for b, e in cand.pieces) // 6)  # about six characters a word
    speech = "speech" if lemma in SPEECH_VERBS else "other"
    feats = [
        "bias",
        f"lf={lemma}|{frame}",
        f"l={lemma}",
        f"f={frame}",
        f"fq={frame}|{q}",
        f"lq={lemma}|{q}",
        f"subj={s}",
        f"fs={frame}|{s}",
        f"ls={lemma}|{s}",
        f"tag={verb.tag_}",
        f"dep={verb.dep_}",
        f"ft={frame}|{verb.tag_}",
        f"ld={lemma}|{verb.dep_}",
        f"fd={frame}|{verb.dep_}",
        f"len={words}",
        f"flen={frame}|{words}",
        f"sp={speech}|{frame}",
        f"pk={para_kind}",
    ]
    if verb.dep_ in {"xcomp", "ccomp", "advcl", "conj", "relcl", "acl"}:
        feats.append(f"hd={verb.dep_}|{verb.head.lemma_.lower()}")  # "refused to say", "expected to"
    if any(c.dep_ == "neg" for c in verb.children):
        feats.append("neg")
    if subj is not None and subj.pos_ == "PRON":
        feats.append(f"sw={subj.lower_}")
    if outer is not None:
        o_speech = "speech" if outer.lemma in SPEECH_VERBS else "other"
        feats += ["in", f"in={o_speech}|{outer.frame}", f"inf={frame}|{o_speech}"]
    if inner is not None:
        i_speech = "speech" if inner.lemma in SPEECH_VERBS else "other"
        feats += ["has", f"has={i_speech}|{inner.frame}", f"hasf={frame}|{i_speech}|{inner.frame}"]
    return feats
