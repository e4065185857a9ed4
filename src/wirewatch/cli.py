"""The ``wirewatch`` command line: a thin layer over the library.

Each command builds library objects (:class:`Settings`, :func:`iter_inputs`, :class:`SqliteStore`)
and prints. Data goes to standard output (JSON Lines or one line per hit); progress, warnings and
per-input errors go to standard error as ``wirewatch: error: <path>: <reason>``, and a batch goes
on after each bad input. The exit status is non-zero only if no input could be read at all.
Library errors (:class:`WirewatchError`) become :class:`click.ClickException`.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import logging
import sys
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

import click
from tqdm import tqdm

from wirewatch.config import Settings
from wirewatch.errors import InputError, ModelError, WirewatchError
from wirewatch.ingest import expand_paths, iter_inputs, read_input
from wirewatch.models import RawDocument
from wirewatch.pipeline import document_id, extract_document
from wirewatch.store import QuoteHit, SqliteStore

logger = logging.getLogger(__name__)

F = TypeVar("F", bound=Callable[..., Any])

PROG = "wirewatch"
QUOTE_KINDS = ("direct", "indirect", "mixed")
_OPENING_QUOTES = frozenset("\"“‘'«„")


# -- shared options ----------------------------------------------------------------------------


def _parse_published(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def input_options(func: F) -> F:
    """Options shared by the commands that read articles: PATH..., --published, --model."""
    func = click.argument("paths", nargs=-1, required=True, metavar="PATH...")(func)
    func = click.option(
        "--published",
        metavar="YYYY-MM-DD",
        callback=_parse_published,
        help="Publication date of the inputs; anchors relative dates ('on Friday') and the year.",
    )(func)
    func = click.option(
        "--model",
        metavar="NAME",
        default=None,
        help="spaCy model to use (default: setting spacy_model, env WIREWATCH_SPACY_MODEL).",
    )(func)
    return func


def db_option(*, must_exist: bool) -> Callable[[F], F]:
    """The ``--db`` option; reading commands refuse a missing file instead of creating one."""
    return click.option(
        "--db",
        "db_path",
        required=True,
        envvar="WIREWATCH_DB",
        show_envvar=True,
        type=click.Path(dir_okay=False, exists=must_exist),
        help="SQLite database file.",
    )


def library_errors(func: F) -> F:
    """Turn a :class:`WirewatchError` escaping a command into a one-line usage-free error."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except WirewatchError as err:
            raise click.ClickException(str(err)) from err

    return wrapper  # type: ignore[return-value]  # functools.wraps keeps the signature


def _settings(model: str | None) -> Settings:
    try:
        return Settings.load(spacy_model=model) if model else Settings.load()
    except (TypeError, ValueError) as err:
        # A malformed WIREWATCH_* environment variable (e.g. a non-integer size).
        raise click.ClickException(f"bad setting in the environment: {err}") from err


def _error(err: InputError | str, *, bar: tqdm[Any] | None = None) -> None:
    line = f"{PROG}: error: {err}"
    if bar is not None:
        bar.write(line, file=sys.stderr)
    else:
        click.echo(line, err=True)


def _warn_document(doc: RawDocument, bar: tqdm[Any] | None = None) -> None:
    for warning in doc.warnings:
        line = f"{PROG}: warning: {doc.path}: {warning}"
        if bar is not None:
            bar.write(line, file=sys.stderr)
        else:
            click.echo(line, err=True)


def _with_published(doc: RawDocument, published: date | None) -> RawDocument:
    return dataclasses.replace(doc, published=published) if published is not None else doc


def _extract(doc: RawDocument, settings: Settings) -> dict[str, Any]:
    """Run the pipeline on one document. A missing model is fatal for the whole batch."""
    try:
        return extract_document(doc, settings).to_dict()
    except ModelError:
        raise
    except Exception as err:
        # One article that trips the pipeline must not sink the batch (STYLE.md); the traceback
        # goes to the log for whoever fixes the stage.
        logger.debug("pipeline failed on %s", doc.path, exc_info=True)
        raise InputError(doc.path, f"extraction failed: {type(err).__name__}: {err}") from err


# -- commands ----------------------------------------------------------------------------------


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="wirewatch", prog_name=PROG)
@click.option("-v", "--verbose", count=True, help="Log progress (-v) or debugging detail (-vv) to stderr.")
def cli(verbose: int) -> None:
    """wirewatch: who said what, to whom, when and where, read from raw news."""
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format=f"{PROG}: %(levelname)s: %(name)s: %(message)s")


@cli.command()
@input_options
@library_errors
def extract(paths: tuple[str, ...], published: date | None, model: str | None) -> None:
    """Print one JSON record (SCHEMA.md) per article in PATH... ('-' reads standard input).

    PATH may be a file, a folder (walked for article files) or a glob pattern.
    """
    settings = _settings(model)
    produced = failed = 0
    for item in iter_inputs(paths, settings, published=published):
        if isinstance(item, InputError):
            _error(item)
            failed += 1
            continue
        _warn_document(item)
        try:
            record = _extract(item, settings)
        except InputError as err:
            _error(err)
            failed += 1
            continue
        click.echo(json.dumps(record, ensure_ascii=False))
        produced += 1
    if produced == 0:
        sys.exit(1)


@cli.command()
@input_options
@db_option(must_exist=False)
@library_errors
def ingest(paths: tuple[str, ...], published: date | None, model: str | None, db_path: str) -> None:
    """Extract every article in PATH... and store it in the database (safe to re-run).

    An article already in the database (same id) is skipped without re-extracting it.
    Prints "stored N, already had M, errors K" to standard error at the end.
    """
    settings = _settings(model)
    # Expanding first (names only, no text) gives the progress bar a total.
    items = list(expand_paths(paths, settings))
    stored = had = errors = read = 0
    # disable=None: the bar is drawn only when stderr is a terminal, silent in pipes and tests.
    bar_opts: dict[str, Any] = {"unit": "file", "disable": None, "file": sys.stderr, "desc": PROG}
    with SqliteStore(db_path) as store, tqdm(total=len(items), **bar_opts) as bar:
        for item in items:
            bar.update(1)
            doc = item if isinstance(item, InputError) else read_input(item, settings)
            if isinstance(doc, InputError):
                _error(doc, bar=bar)
                errors += 1
                continue
            read += 1
            doc = _with_published(doc, published)
            _warn_document(doc, bar)
            # Cheap pre-check: the id comes from the structure stage alone, so re-runs skip spaCy.
            if store.has_article(document_id(doc, settings)):
                had += 1
                continue
            try:
                record = _extract(doc, settings)
            except InputError as err:
                _error(err, bar=bar)
                errors += 1
                continue
            if store.add_article(record):
                stored += 1
            else:
                had += 1
    click.echo(f"stored {stored}, already had {had}, errors {errors}", err=True)
    if read == 0:
        sys.exit(1)


def _format_hit(hit: QuoteHit) -> str:
    who = hit.speaker_name or hit.speaker_mention or "unknown speaker"
    if hit.speaker_role:
        who += f" ({hit.speaker_role})"
    parts = [p for p in (hit.cue, hit.date or hit.published, hit.headline or hit.source_path) if p]
    where = f"[{hit.start}:{hit.end}]" if hit.start is not None else ""
    tail = ", ".join(parts + ([where] if where else []))
    # Direct quotes may keep their own quotation marks in the record; do not double them.
    quoted = hit.text if hit.text[:1] in _OPENING_QUOTES else f"“{hit.text}”"
    return f"{who}: {quoted}" + (f" — {tail}" if tail else "")


@cli.command()
@db_option(must_exist=True)
@click.option("--speaker", metavar="NAME", help="Speaker's name, last name or the words that name them.")
@click.option("--search", "text", metavar="TEXT", help="Words that must all occur in the quote.")
@click.option("--kind", type=click.Choice(QUOTE_KINDS), help="Only quotes of this kind.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="Most hits shown.")
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True, help="Hits skipped.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per hit (JSON Lines).")
@library_errors
def quotes(
    db_path: str,
    speaker: str | None,
    text: str | None,
    kind: str | None,
    limit: int,
    offset: int,
    as_json: bool,
) -> None:
    """Search the stored quotes: speaker (role): “quote” — cue, date, headline, [start:end]."""
    with SqliteStore(db_path) as store:
        hits = store.search_quotes(text=text, speaker=speaker, kind=kind, limit=limit, offset=offset)
    for hit in hits:
        click.echo(json.dumps(hit.to_dict(), ensure_ascii=False) if as_json else _format_hit(hit))


@cli.command()
@db_option(must_exist=True)
@click.option("--limit", type=click.IntRange(min=1), default=100, show_default=True, help="Most rows shown.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per person (JSON Lines).")
@library_errors
def people(db_path: str, limit: int, as_json: bool) -> None:
    """List the people in the database, merged across articles, most quoted first."""
    with SqliteStore(db_path) as store:
        rows = store.people(limit=limit)
    for row in rows:
        if as_json:
            click.echo(json.dumps(row.to_dict(), ensure_ascii=False))
            continue
        roles = f" ({'; '.join(row.roles)})" if row.roles else ""
        q = "quote" if row.quote_count == 1 else "quotes"
        a = "article" if row.article_count == 1 else "articles"
        click.echo(f"{row.name}{roles} — {row.quote_count} {q} in {row.article_count} {a}")


@cli.command()
@click.option("--model", metavar="NAME", default=None, help="Show the settings as if --model were given.")
def settings(model: str | None) -> None:
    """List every setting with its current value and help text."""
    current = _settings(model)
    for name, help_text in Settings.help().items():
        click.echo(f"{name} = {getattr(current, name)!r}")
        click.echo(f"    {help_text} (env WIREWATCH_{name.upper()})")


def main() -> None:
    """Console-script entry point (``wirewatch = wirewatch.cli:main``)."""
    cli(prog_name=PROG)


if __name__ == "__main__":  # pragma: no cover
    main()
