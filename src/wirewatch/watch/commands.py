"""The ``wirewatch watch`` and ``wirewatch alert`` commands (registered by :mod:`wirewatch.cli`).

Thin, like the other commands: they build a :class:`~wirewatch.watch.poller.Watcher` or a
:class:`~wirewatch.watch.db.WatchDb` and print. Alerts delivered to standard output are JSON
Lines there; errors go to standard error as ``wirewatch: error: <feed or page>: <reason>``, and
on a terminal a progress line says what the watcher has done so far.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import click

from wirewatch.cli_options import PROG, db_option, library_errors, report_error, settings_for
from wirewatch.errors import InputError
from wirewatch.query import QUOTE_KINDS
from wirewatch.store import open_store
from wirewatch.watch.db import WatchDb
from wirewatch.watch.deliver import DeliveryOptions
from wirewatch.watch.fetch import FetchOptions
from wirewatch.watch.poller import Progress, Watcher, WatchOptions
from wirewatch.watch.sources import expand_sources, is_http

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$")
_UNIT_S = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}


def parse_duration(text: str) -> float:
    """``5m``, ``30s``, ``1h``, ``250ms`` or plain seconds -> seconds."""
    m = _DURATION.match(text)
    if not m:
        raise ValueError(f"{text!r} is not a duration such as 30s, 5m or 1h")
    return float(m.group(1)) * _UNIT_S[m.group(2) or "s"]


class Duration(click.ParamType[float, str]):
    name = "DURATION"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> float:
        if isinstance(value, (int, float)):
            return float(value)
        try:
            seconds = parse_duration(str(value))
        except ValueError as err:
            self.fail(str(err), param, ctx)
        if seconds <= 0:
            self.fail("must be more than 0", param, ctx)
        return seconds


class _ProgressLine:
    """One line on standard error, redrawn in place; silent when it is not a terminal."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self.shown = False

    def show(self, progress: Progress) -> None:
        if self.enabled:
            sys.stderr.write(f"\r\x1b[K{PROG}: {progress.line()}")
            sys.stderr.flush()
            self.shown = True

    def error(self, message: str) -> None:
        if self.shown:
            sys.stderr.write("\r\x1b[K")
        report_error(message)

    def end(self) -> None:
        if self.shown:
            sys.stderr.write("\n")


@click.command()
@click.argument("sources", nargs=-1, required=True, metavar="FEED_OR_FILE...")
@db_option(must_exist=False)
@click.option("--every", type=Duration(), default="5m", show_default=True, help="Time between two polls of a feed.")
@click.option("--once", is_flag=True, help="Poll every feed once, deliver the alerts, and exit (for cron).")
@click.option("--polls", type=click.IntRange(min=1), help="Stop after this many polls (default: run until stopped).")
@click.option("--timeout", type=Duration(), help="Seconds an HTTP request may take (default: setting fetch_timeout).")
@click.option("--max-bytes", type=click.IntRange(min=1), help="Largest answer read (default: max_input_bytes).")
@click.option("--user-agent", metavar="TEXT", help="User-Agent header (default: setting user_agent).")
@click.option("--concurrency", type=click.IntRange(1, 256), default=16, show_default=True, help="Requests at once.")
@click.option("--per-host", type=click.IntRange(1, 64), default=8, show_default=True, help="Requests at once per host.")
@click.option(
    "--dead-letter",
    type=click.Path(dir_okay=False),
    default="wirewatch-dead-letters.jsonl",
    show_default=True,
    help="File the alerts that could not be delivered are appended to.",
)
@click.option("--tries", type=click.IntRange(1, 100), default=4, show_default=True, help="Tries of a webhook delivery.")
@click.option("--retry-delay", type=Duration(), default="1s", show_default=True, help="Wait before a webhook's retry.")
@click.option("--model", metavar="NAME", default=None, help="spaCy model to use (default: setting spacy_model).")
@library_errors
def watch(
    sources: tuple[str, ...],
    db_path: str,
    every: float,
    once: bool,
    polls: int | None,
    timeout: float | None,
    max_bytes: int | None,
    user_agent: str | None,
    concurrency: int,
    per_host: int,
    dead_letter: str,
    tries: int,
    retry_delay: float,
    model: str | None,
) -> None:
    """Follow feeds (RSS, Atom, sitemaps) and ingest each new entry's article, as it appears.

    FEED_OR_FILE is a feed URL or a file: an OPML outline, a text file of feed URLs (one a line)
    or a feed file. Each feed is polled --every (conditionally: an unchanged feed costs a 304);
    a host that answers 429 or 503 is left alone for its Retry-After. Entries already handled are
    never fetched again, and a kill loses or duplicates nothing: the next start goes on. Alerts
    (`wirewatch alert add`) are matched as articles are stored and delivered once each.
    """
    settings = settings_for(model)
    try:
        feeds = expand_sources(sources)
    except InputError as err:
        raise click.ClickException(str(err)) from err
    if not feeds:
        raise click.ClickException("no feed to watch")
    for feed in feeds:
        if not is_http(feed) and not Path(feed).is_file():
            raise click.ClickException(f"{feed}: not an http(s) URL nor a file")
    options = WatchOptions(
        every=every,
        fetch=FetchOptions(
            timeout=timeout or float(settings.fetch_timeout),
            max_bytes=max_bytes or settings.max_input_bytes,
            user_agent=user_agent or settings.user_agent,
            concurrency=concurrency,
            per_host=per_host,
        ),
        delivery=DeliveryOptions(attempts=tries, retry_delay=retry_delay, dead_letter=dead_letter),
    )
    line = _ProgressLine()
    with (
        open_store(db_path, settings) as store,
        WatchDb(db_path) as db,
        Watcher(store, db, feeds, settings, options, report=line.error, on_progress=line.show) as watcher,
    ):
        try:
            watcher.run(once=once, polls=polls)
        except KeyboardInterrupt:
            pass
        finally:
            line.end()
            click.echo(f"{PROG}: {watcher.progress.line()}", err=True)


@click.group()
def alert() -> None:
    """Saved searches: each new quote that matches is delivered once per alert."""


@alert.command("add")
@click.argument("name")
@db_option(must_exist=False)
@click.option("--speaker", metavar="NAME", help="Speaker's name, last name or the words that name them.")
@click.option("--search", metavar="TEXT", help="Words that must all occur in the quote.")
@click.option("--kind", type=click.Choice(QUOTE_KINDS), help="Only quotes of this kind.")
@click.option(
    "--to",
    "target",
    default="-",
    show_default=True,
    metavar="-|FILE|URL",
    help="Where each match goes: '-' (JSON Lines on the watcher's standard output), a file, or a webhook URL.",
)
@library_errors
def alert_add(name: str, db_path: str, speaker: str | None, search: str | None, kind: str | None, target: str) -> None:
    """Save an alert NAME: new quotes by --speaker, with --search words, of --kind."""
    if not (speaker or search or kind):
        raise click.UsageError("give at least one of --speaker, --search, --kind")
    if target != "-" and not is_http(target):
        target = str(Path(target).resolve())
    open_store(db_path).close()  # the articles table the outbox refers to
    with WatchDb(db_path) as db:
        db.add_alert(name, speaker, search, kind, target)
    click.echo(f"alert {name!r} added", err=True)


@alert.command("list")
@db_option(must_exist=False)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per alert (JSON Lines).")
@library_errors
def alert_list(db_path: str, as_json: bool) -> None:
    """List the alerts."""
    with WatchDb(db_path, create=False) as db:
        alerts = db.alerts() if db.exists() else []
    for a in alerts:
        if as_json:
            click.echo(json.dumps(a.to_dict(), ensure_ascii=False))
            continue
        what = ", ".join(f"{k} {v!r}" for k, v in (("speaker", a.speaker), ("search", a.search), ("kind", a.kind)) if v)
        click.echo(f"{a.name}: {what} -> {a.target}")


@alert.command("remove")
@click.argument("name")
@db_option(must_exist=True)
@library_errors
def alert_remove(name: str, db_path: str) -> None:
    """Remove the alert NAME (and its deliveries not yet made)."""
    with WatchDb(db_path, create=False) as db:
        removed = db.exists() and db.remove_alert(name)
    if not removed:
        raise click.ClickException(f"no alert named {name!r}")
    click.echo(f"alert {name!r} removed", err=True)
