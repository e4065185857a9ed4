"""The JSON Schema shipped with the package (``wirewatch/data/article.schema.json``, described
in docs/schema.md) holds for every record: the records of the shipped samples (the ones the
golden files check).

The shipped schema lets later fields through, as the contract allows; here every object is
also checked strictly, so a field added to a record without adding it to the schema fails.
"""

from __future__ import annotations

import copy
import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import wirewatch
from wirewatch.models import SCHEMA_VERSION

from .test_golden import PUBLISHED, SAMPLES


def _schema() -> dict[str, Any]:
    text = resources.files("wirewatch").joinpath("data/article.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _strict(node: Any) -> Any:
    """The schema with ``additionalProperties: false`` on every object it describes."""
    if isinstance(node, dict):
        out = {k: _strict(v) for k, v in node.items()}
        if "properties" in out:
            out["additionalProperties"] = False
        return out
    if isinstance(node, list):
        return [_strict(v) for v in node]
    return node


SCHEMA = _schema()
VALIDATORS = [jsonschema.Draft202012Validator(SCHEMA), jsonschema.Draft202012Validator(_strict(SCHEMA))]


def _errors(record: dict[str, Any]) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for v in VALIDATORS for e in v.iter_errors(record)]


def test_the_schema_is_a_valid_json_schema_for_this_version() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["title"] == SCHEMA_VERSION
    assert SCHEMA["properties"]["schema"] == {"const": SCHEMA_VERSION}


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_every_sample_record_is_valid(sample: Path) -> None:
    rec = wirewatch.extract(sample.read_text(encoding="utf-8"), published=PUBLISHED, path=sample.name).to_dict()
    assert rec["quotes"]  # the samples exercise the nested parts, not only the top level
    assert _errors(rec) == []
    # what the store keeps and the API returns is the record as JSON
    assert _errors(json.loads(json.dumps(rec, ensure_ascii=False))) == []


def test_the_schema_rejects_what_the_contract_forbids() -> None:
    rec = wirewatch.extract(SAMPLES[0].read_text(encoding="utf-8"), published=PUBLISHED, path="x.txt").to_dict()
    assert _errors(rec) == []
    bad = copy.deepcopy(rec)
    del bad["quotes"]
    assert any("'quotes' is a required property" in e for e in _errors(bad))
    bad = copy.deepcopy(rec)
    bad["quotes"][0]["kind"] = "rumour"
    assert any(e.startswith("quotes/0/kind:") for e in _errors(bad))
    bad = copy.deepcopy(rec)
    bad["quotes"][0]["start"] = -1
    assert any(e.startswith("quotes/0/start:") for e in _errors(bad))
    added = dict(rec, sentiment=0.5)  # a later field: the shipped schema lets it through
    assert list(VALIDATORS[0].iter_errors(added)) == []
    assert list(VALIDATORS[1].iter_errors(added))
