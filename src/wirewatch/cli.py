"""The ``wirewatch`` command line: a thin layer over the library.

Each command builds library objects (:class:`Settings`, :func:`iter_inputs`, :func:`open_store`)
and prints. Data goes to standard output (JSON Lines or one line per hit); progress, warnings and
per-input errors go to standard error as ``wirewatch: error: <path>: <reason>``, and a batch goes
on after each bad input. The exit status is non-zero only if no input could be read at all.
Library errors (:class:`WirewatchError`) become :class:`click.ClickException`.

Commands that only read the database (``quotes``, ``people``, ``timeline``, ``check``,
``statements``, ``merges``, ``copies``, ``export``, ``serve``) open it read-only and never
migrate it: on a database with an older schema they stop and say to run ``wirewatch migrate``
first. ``ingest``, ``merge``, ``unmerge`` and ``migrate`` write, and apply any pending migration
when they open it.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TextIO

import click
from tqdm import tqdm

from wirewatch import query
from wirewatch.batch import Reporter, run_ingest
from wirewatch.batch.jobs import default_jobs, extract_stream
from wirewatch.cli_options import (
    PROG,
    F,
    db_option,
    input_options,
    library_errors,
    quote_type_option,
    report_error,
    settings_for,
    warn_document,
)
from wirewatch.cli_statements import check, statements
from wirewatch.config import Settings
from wirewatch.errors import InputError
from wirewatch.export import FORMATS, WHATS, write_export
from wirewatch.ingest import iter_inputs
from wirewatch.models import RawDocument
from wirewatch.query import MAX_LIMIT
from wirewatch.store import QuoteHit, Store, is_url, open_store

QUOTE_KINDS = ("direct", "indirect", "mixed")
_OPENING_QUOTES = frozenset("\"“‘'«„")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="wirewatch", prog_name=PROG)
@click.option("-v", "--verbose", count=True, help="Log progress (-v) or debugging detail (-vv) to stderr.")
def cli(verbose: int) -> None:
    """wirewatch: who said what, to whom, when and where, read from raw news."""
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format=f"{PROG}: %(levelname)s: %(name)s: %(message)s")


def _jobs_option(what: str) -> Callable[[F], F]:
    return click.option(
        "--jobs",
        "-j",
        type=click.IntRange(min=1),
        default=None,
        help=f"Worker processes that {what} (default: one per core of this machine); 1 runs in this process.",
    )


@cli.command()
@input_options
@_jobs_option("extract the articles")
@library_errors
def extract(paths: tuple[str, ...], published: date | None, model: str | None, jobs: int | None) -> None:
    """Print one JSON record (docs/schema.md) per article in PATH... ('-' reads standard input).

    PATH may be a file, a folder (walked for article files) or a glob pattern. The records come
    in input order, the same whatever ``--jobs``.
    """
    settings = settings_for(model)
    produced = failed = 0
    items = iter_inputs(paths, settings, published=published)
    for item, outcome in extract_stream(items, settings, jobs or default_jobs()):
        if isinstance(item, RawDocument):
            warn_document(item)
        if isinstance(outcome, InputError):
            report_error(outcome)
            failed += 1
            continue
        click.echo(outcome)
        produced += 1
    if produced == 0:
        sys.exit(1)


def _scheduler_address(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not value.startswith("tcp://"):
        raise click.BadParameter(f"{value!r} is not a scheduler address of the form tcp://HOST:PORT")
    return value


class _IngestReporter(Reporter):
    """Per-input lines on stderr (above the progress bar when there is one)."""

    def __init__(self, bar: tqdm[Any]) -> None:
        self.bar = bar

    def error(self, message: str) -> None:
        report_error(message, bar=self.bar)

    def warning(self, path: str, message: str) -> None:
        self.bar.write(f"{PROG}: warning: {path}: {message}", file=sys.stderr)

    def advance(self, inputs: int = 1) -> None:
        self.bar.update(inputs)


@cli.command()
@input_options
@db_option(must_exist=False)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Dask workers: more than 1 starts a Dask cluster on this machine (127.0.0.1 only); 1 runs on --jobs.",
)
@click.option(
    "--scheduler",
    metavar="tcp://HOST:PORT",
    callback=_scheduler_address,
    help="Run on the workers of an existing Dask cluster instead of starting one.",
)
@click.option(
    "--resume/--no-resume",
    default=True,
    show_default=True,
    help="Skip inputs an earlier run finished and that have not changed since (the database's ledger).",
)
@_jobs_option("read and extract the inputs when --workers is 1 and no --scheduler is given")
@library_errors
def ingest(
    paths: tuple[str, ...],
    published: date | None,
    model: str | None,
    db_path: str,
    workers: int,
    scheduler: str | None,
    resume: bool,
    jobs: int | None,
) -> None:
    """Extract every article in PATH... and store it in the database (safe to re-run).

    An article already in the database (same id) is skipped without re-extracting it, and an
    input finished by an earlier run (interrupted or not) is not read again unless it changed.
    Prints "stored N, already had M, errors K" to standard error at the end.
    """
    settings = settings_for(model)
    # disable=None: the bar is drawn only when stderr is a terminal, silent in pipes and tests.
    bar_opts: dict[str, Any] = {"unit": "file", "disable": None, "file": sys.stderr, "desc": PROG}
    with tqdm(**bar_opts) as bar:

        def set_total(n: int) -> None:
            bar.total = n
            bar.refresh()

        summary = run_ingest(
            paths,
            db_path,
            settings,
            published=published,
            workers=workers,
            scheduler=scheduler,
            resume=resume,
            reporter=_IngestReporter(bar),
            on_inputs=set_total,
            jobs=jobs or default_jobs(),
        )
    if summary.skipped_inputs:
        click.echo(
            f"skipped {summary.skipped_inputs} inputs finished by an earlier run (--no-resume reads them again)",
            err=True,
        )
    click.echo(summary.line(), err=True)
    if summary.read == 0:
        sys.exit(1)


def _format_hit(hit: QuoteHit) -> str:
    who = hit.speaker_name or hit.speaker_mention or "unknown speaker"
    if hit.speaker_role:
        who += f" ({hit.speaker_role})"
    parts = [p for p in (hit.cue, hit.type, hit.date or hit.published, hit.headline or hit.source_path) if p]
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
@quote_type_option(
    "all",
    "Only attributions of this type: statement (said, wrote), belief (thinks, expects), intention (wants, plans),"
    " act (signed a deal).",
)
@click.option("--org", "organization", metavar="NAME", help="Only articles naming this organisation.")
@click.option("--place", metavar="NAME", help="Only articles naming this place.")
@click.option("--agency", metavar="NAME", help="Only articles whose dateline names this agency (TASS, Reuters).")
@click.option("--from", "date_from", metavar="YYYY-MM-DD", help="Only quotes made on or after this date.")
@click.option("--to", "date_to", metavar="YYYY-MM-DD", help="Only quotes made on or before this date.")
@click.option("--limit", type=click.IntRange(min=1, max=MAX_LIMIT), default=50, show_default=True, help="Most hits.")
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True, help="Hits skipped.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per hit (JSON Lines).")
@library_errors
def quotes(
    db_path: str,
    speaker: str | None,
    text: str | None,
    kind: str | None,
    type_: str,
    organization: str | None,
    place: str | None,
    agency: str | None,
    date_from: str | None,
    date_to: str | None,
    limit: int,
    offset: int,
    as_json: bool,
) -> None:
    """Search the stored quotes: speaker (role): “quote” — cue, type, date, headline, [start:end]."""
    f = query.make_filter(
        text=text,
        speaker=speaker,
        kind=kind,
        type=type_,
        organization=organization,
        place=place,
        agency=agency,
        date_from=date_from,
        date_to=date_to,
    )
    with open_store(db_path, readonly=True) as store:
        hits = query.search(store, f, limit=limit, offset=offset).items
    for hit in hits:
        click.echo(json.dumps(hit.to_dict(), ensure_ascii=False) if as_json else _format_hit(hit))


@cli.command()
@db_option(must_exist=True)
@click.option("--limit", type=click.IntRange(min=1), default=100, show_default=True, help="Most rows shown.")
@click.option("--orgs", is_flag=True, help="List organisations instead of people.")
@quote_type_option(
    "statement", "Count the quotes of this attribution type; `all` counts beliefs, intentions and acts too."
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per person (JSON Lines).")
@library_errors
def people(db_path: str, limit: int, orgs: bool, type_: str, as_json: bool) -> None:
    """List the people in the database, merged across articles and spellings, most quoted first.

    Other spellings merged into a person are listed after it; `--json` gives each person's id
    (for `timeline`, `merge`); `merges` lists what was merged and why. Quotes counted are
    statements unless `--type` says otherwise.
    """
    with open_store(db_path, readonly=True) as store:
        rows = store.people(limit=limit, type="organization" if orgs else "person", quote_type=query.quote_type(type_))
    for row in rows:
        if as_json:
            click.echo(json.dumps(row.to_dict(), ensure_ascii=False))
            continue
        roles = f" ({'; '.join(row.roles)})" if row.roles else ""
        q = "quote" if row.quote_count == 1 else "quotes"
        a = "article" if row.article_count == 1 else "articles"
        also = [n for n in row.names if n != row.name]
        aka = f" [also: {'; '.join(also)}]" if also else ""
        click.echo(f"{row.name}{roles} — {row.quote_count} {q} in {row.article_count} {a}{aka}")


def _person_id(store: Store, who: str, type_: str = "person") -> int:
    pid = store.find_person(who, type_)
    if pid is None:
        raise click.ClickException(f"no {type_} named {who!r} (try `wirewatch people`)")
    return pid


@cli.command()
@db_option(must_exist=True)
@click.argument("who", metavar="PERSON")
@click.option("--limit", type=click.IntRange(min=1, max=MAX_LIMIT), default=50, show_default=True, help="Most quotes.")
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True, help="Quotes skipped.")
@quote_type_option(
    "statement", "Count and show the quotes of this attribution type; `all` includes beliefs, intentions and acts."
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object: person, months, quotes, mentions.")
@library_errors
def timeline(db_path: str, who: str, limit: int, offset: int, type_: str, as_json: bool) -> None:
    """A person's roles, quotes per month and quotes, oldest first (PERSON: any spelling or an id).

    Statements only unless `--type` says otherwise."""
    with open_store(db_path, readonly=True) as store:
        t = query.timeline(store, _person_id(store, who), limit=limit, offset=offset, type=query.quote_type(type_))
    if t is None:
        raise click.ClickException(f"no person {who!r}")
    if as_json:
        click.echo(
            json.dumps(
                {
                    "person": t.person.to_dict(),
                    "months": [m.to_dict() for m in t.months],
                    "quotes": [h.to_dict() for h in t.quotes.items],
                    "mentions": [c.to_dict() for c in t.mentions],
                },
                ensure_ascii=False,
            )
        )
        return
    p = t.person.person
    click.echo(f"{p.name} — {p.quote_count} quotes in {p.article_count} articles, {t.person.first} to {t.person.last}")
    for r in t.person.roles:
        click.echo(f"  role: {r.role} ({r.first} to {r.last}, {r.count}x)")
    for m in t.months:
        click.echo(f"  {m.month or 'undated'}  {'#' * min(m.count, 60)} {m.count}")
    for c in t.mentions:
        click.echo(f"  quoted about: {c.mentioned} ({c.count})")
    for hit in t.quotes.items:
        click.echo(_format_hit(hit))


@cli.command()
@db_option(must_exist=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per merge (JSON Lines).")
@library_errors
def merges(db_path: str, as_json: bool) -> None:
    """List every merge of one person into another, newest first (undo with `unmerge`)."""
    with open_store(db_path, readonly=True) as store:
        rows = store.merges()
    for m in rows:
        if as_json:
            click.echo(json.dumps(m.to_dict(), ensure_ascii=False))
            continue
        how = "auto" if m.automatic else "by hand"
        undone = f" — undone {m.undone_at}" if m.undone_at else ""
        click.echo(f"#{m.id} {'; '.join(m.keys)} -> {m.into_name} [{m.into_person}] ({how}: {m.reason}){undone}")


@cli.command()
@db_option(must_exist=True)
@click.argument("merge_id", metavar="ID", type=int)
@library_errors
def unmerge(db_path: str, merge_id: int) -> None:
    """Undo merge ID (see `merges`): its names become their own person again."""
    with open_store(db_path) as store:
        m = store.undo_merge(merge_id)
    click.echo(f"undid #{m.id}: {'; '.join(m.keys)} split from {m.into_name}")


@cli.command()
@db_option(must_exist=True)
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="INTO")
@click.option("--type", "type_", type=click.Choice(["person", "organization"]), default="person", show_default=True)
@library_errors
def merge(db_path: str, source: str, target: str, type_: str) -> None:
    """Merge person FROM into person INTO (names or ids); recorded, and undone with `unmerge`."""
    with open_store(db_path) as store:
        m = store.merge_people(_person_id(store, source, type_), _person_id(store, target, type_))
    click.echo(f"merge #{m.id}: {'; '.join(m.keys)} -> {m.into_name}")


@cli.command()
@db_option(must_exist=True)
@click.option("--article", metavar="ID", help="Only copies of this article.")
@click.option("--limit", type=click.IntRange(min=1), default=100, show_default=True, help="Most rows shown.")
@library_errors
def copies(db_path: str, article: str | None, limit: int) -> None:
    """List republished copies linked to stored articles (exact and near duplicates)."""
    with open_store(db_path, readonly=True) as store:
        rows = store.copies(article, limit=limit)
    for c in rows:
        click.echo(f"{c.source_path} -> {c.article_id} ({c.kind}, {c.similarity:.2f})")


@cli.command()
@db_option(must_exist=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@click.option("--what", type=click.Choice(WHATS), default="quotes", show_default=True, help="What to export.")
@click.option("--out", type=click.Path(dir_okay=False, writable=True), help="File to write (default: stdout).")
@library_errors
def export(db_path: str, fmt: str, what: str, out: str | None) -> None:
    """Export quotes, articles, people or statements as JSON Lines, CSV or Parquet."""
    if fmt == "parquet" and out is None:
        raise click.ClickException("Parquet is binary: give a file with --out")
    with open_store(db_path, readonly=True) as store:
        target: Path | TextIO = Path(out) if out else sys.stdout
        n = write_export(store, what, fmt, target)  # type: ignore[arg-type]  # click.Choice checked both
    click.echo(f"exported {n} {what}", err=True)


@cli.command()
@db_option(must_exist=True)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (only this machine by default).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Server processes (uvicorn workers); about one per CPU core for the most requests per second.",
)
@library_errors
def serve(db_path: str, host: str, port: int, workers: int) -> None:
    """Serve the web pages and the HTTP API (OpenAPI at /docs) for the database."""
    import os

    import uvicorn

    from wirewatch.serve import create_app
    from wirewatch.serve.app import SERVE_DB_ENV

    # Built here even with several workers: a missing or broken database fails now, with its message.
    app = create_app(db_path)
    where = db_path if not is_url(db_path) else "PostgreSQL"
    click.echo(f"serving {where} on http://{host}:{port}/ ({workers} worker(s))", err=True)
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    # Each worker process imports the app factory and builds its own app (its own connections).
    os.environ[SERVE_DB_ENV] = db_path
    uvicorn.run(
        "wirewatch.serve.app:app_from_env", factory=True, workers=workers, host=host, port=port, log_level="warning"
    )


@cli.command()
@db_option(must_exist=False)
@library_errors
def migrate(db_path: str) -> None:
    """Create the database, or bring its schema up to this wirewatch's (read commands never do).

    Writing commands (`ingest`, `merge`, `unmerge`) migrate too; this one only migrates. Prints
    the schema version to standard error.
    """
    with open_store(db_path) as store:
        versions = store.schema_versions()
    click.echo(f"schema at version {max(versions)}", err=True)


@cli.command()
@click.option("--model", metavar="NAME", default=None, help="Show the settings as if --model were given.")
def settings(model: str | None) -> None:
    """List every setting with its current value and help text."""
    current = settings_for(model)
    for name, help_text in Settings.help().items():
        click.echo(f"{name} = {getattr(current, name)!r}")
        click.echo(f"    {help_text} (env WIREWATCH_{name.upper()})")


from wirewatch.watch.commands import alert, watch  # noqa: E402  # the commands of wirewatch.watch

cli.add_command(check)
cli.add_command(statements)
cli.add_command(watch)
cli.add_command(alert)


def main() -> None:
    """Console-script entry point (``wirewatch = wirewatch.cli:main``)."""
    cli(prog_name=PROG)


if __name__ == "__main__":  # pragma: no cover
    main()
