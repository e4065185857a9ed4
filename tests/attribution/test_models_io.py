"""The learned models' loader refuses, with a ModelError that says what to do, every way a model
can drift from the code: a missing, corrupt, hand-edited or headerless file, a stale features
version, another spaCy pipeline. Each case works on a temporary copy of a shipped artefact."""

from __future__ import annotations

import json
import logging
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from wirewatch.attribution.candidates import candidates
from wirewatch.attribution.features import FEATURES_VERSION, paragraph_features
from wirewatch.attribution.models_io import (
    MODEL_FILES,
    check_pipeline,
    compare_pipeline,
    file_sha256,
    pipeline_identity,
    read_model,
    shipped_model,
    weights_digest,
)
from wirewatch.config import Settings
from wirewatch.errors import ModelError
from wirewatch.parse import load_model, parse_paragraphs
from wirewatch.quotemarks import find_quote_spans
from wirewatch.structure import analyse_structure

from ..gates import eval_path

ROOT = Path(__file__).resolve().parents[2]


def shipped_json(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resources.files("wirewatch").joinpath(f"data/{name}").read_text("utf-8"))
    return data


def write(tmp_path: Path, data: dict[str, Any], name: str = "model.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", MODEL_FILES)
def test_the_shipped_models_load_and_match_the_running_parser(name: str) -> None:
    model = shipped_model(name)
    assert model.header.features_version == FEATURES_VERSION
    assert model.weights
    running = pipeline_identity(load_model(Settings.load().spacy_model).meta)
    assert (model.header.spacy_name, model.header.spacy_version) == running
    check_pipeline(load_model(Settings.load().spacy_model).meta)


def test_a_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match=r"is missing; retrain with: python scripts/train_attribution.py"):
        read_model(tmp_path / "frame_model.json")


def test_a_truncated_file_raises(tmp_path: Path) -> None:
    raw = resources.files("wirewatch").joinpath("data/frame_model.json").read_text("utf-8")
    path = tmp_path / "frame_model.json"
    path.write_text(raw[: len(raw) // 2], encoding="utf-8")
    with pytest.raises(ModelError, match=r"is corrupt \(not JSON"):
        read_model(path)


def test_an_edited_weight_raises(tmp_path: Path) -> None:
    data = shipped_json("frame_model.json")
    data["weights"]["bias"] += 1.0
    with pytest.raises(ModelError, match="weights do not match the header's weights_sha256"):
        read_model(write(tmp_path, data))


def test_a_model_without_header_raises(tmp_path: Path) -> None:
    data = shipped_json("source_model.json")
    del data["header"]
    with pytest.raises(ModelError, match="has no header"):
        read_model(write(tmp_path, data))


def test_a_model_without_weights_raises(tmp_path: Path) -> None:
    data = shipped_json("source_model.json")
    del data["weights"]
    with pytest.raises(ModelError, match="has no weights"):
        read_model(write(tmp_path, data))


def test_a_stale_features_version_raises(tmp_path: Path) -> None:
    data = shipped_json("frame_model.json")
    data["header"]["features_version"] = FEATURES_VERSION - 1
    with pytest.raises(ModelError, match=f"trained on features_version {FEATURES_VERSION - 1}, but the code's"):
        read_model(write(tmp_path, data))


def test_another_spacy_pipeline_raises() -> None:
    model = shipped_model("frame_model.json")
    name, version = model.header.spacy_name, model.header.spacy_version
    with pytest.raises(ModelError, match=f"trained on spaCy pipeline {name} {version}, but en_core_web_md"):
        compare_pipeline(model, "en_core_web_md", version, "frame_model.json")
    with pytest.raises(ModelError, match="trained on spaCy pipeline"):
        check_pipeline({"lang": "en", "name": "core_web_trf", "version": version})


def test_another_minor_version_raises() -> None:
    model = shipped_model("frame_model.json")
    major, minor, _ = model.header.spacy_version.split(".")
    other = f"{major}.{int(minor) + 1}.0"
    with pytest.raises(ModelError, match=f"but version {other} is installed: install {model.header.spacy_name}=="):
        compare_pipeline(model, model.header.spacy_name, other, "frame_model.json")


def test_a_patch_version_only_warns(caplog: pytest.LogCaptureFixture) -> None:
    model = shipped_model("source_model.json")
    major, minor, patch = model.header.spacy_version.split(".")
    other = f"{major}.{minor}.{int(patch) + 1}"
    warning = compare_pipeline(model, model.header.spacy_name, other, "source_model.json")
    assert warning is not None and "a patch release" in warning
    lang, _, name = model.header.spacy_name.partition("_")
    with caplog.at_level(logging.WARNING, logger="wirewatch.attribution.models_io"):
        check_pipeline({"lang": lang, "name": name, "version": other})
    assert sum("a patch release" in r.getMessage() for r in caplog.records) == len(MODEL_FILES)


def test_the_weights_digest_is_the_headers() -> None:
    for name in MODEL_FILES:
        data = shipped_json(name)
        assert weights_digest(data["weights"]) == data["header"]["weights_sha256"]


def test_every_feature_the_code_makes_is_one_the_model_knows() -> None:
    """A renamed or new feature template would weigh zero: every template (the part before "=")
    the candidate features use on the sample articles has weights in the shipped model. When this
    fails, bump FEATURES_VERSION and retrain."""
    settings = Settings.load()
    known = {f.split("=", 1)[0] for f in shipped_model("frame_model.json").weights}
    made: set[str] = set()
    for path in sorted((ROOT / "samples").glob("*.txt")):
        text = path.read_text("utf-8")
        structure = analyse_structure(text, None, settings)
        for para in parse_paragraphs(text, structure.paragraphs, settings.spacy_model):
            marks = find_quote_spans(text, para.offset, para.offset + len(para.doc.text))
            cands = candidates(para, text, marks, None)
            made |= {f.split("=", 1)[0] for feats in paragraph_features(cands, para.kind) for f in feats}
    assert len(made) > 15
    assert made <= known, f"features the model never saw: {sorted(made - known)}"


@pytest.mark.gate
def test_the_models_were_trained_on_the_training_data_present() -> None:
    train = eval_path("polnear", "train.jsonl")
    digest = file_sha256(train)
    for name in MODEL_FILES:
        head = shipped_model(name).header
        assert head.data_file == "polnear/train.jsonl"
        assert head.data_sha256 == digest, f"{name} was trained on other data; retrain (scripts/train_attribution.py)"
