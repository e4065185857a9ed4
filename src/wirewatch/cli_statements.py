"""The ``check`` and ``statements`` commands (registered on :data:`wirewatch.cli.cli`)."""

from __future__ import annotations

import json

import click

from wirewatch.cli_options import db_option, library_errors
from wirewatch.query import MAX_LIMIT
from wirewatch.query.check import check as check_quote
from wirewatch.query.statements import list_statements, make_statement_filter, statement_view
from wirewatch.store import QuoteHit, open_store
from wirewatch.store.wording import Piece


def diff_text(pieces: tuple[Piece, ...]) -> str:
    """The words as circulated, marked against the stored ones the way ``wdiff`` does:
    ``[-left out-]``, ``{+added+}``, a change as both."""
    out: list[str] = []
    for p in pieces:
        if p.op == "equal":
            out.append(" ".join(p.ours))
        if p.op in ("dropped", "changed"):
            out.append("[-" + " ".join(p.theirs) + "-]")
        if p.op in ("added", "changed"):
            out.append("{+" + " ".join(p.ours) + "+}")
    return " ".join(out)


def _source(hit: QuoteHit) -> str:
    where = f" [{hit.start}:{hit.end}]" if hit.start is not None else ""
    name = hit.headline or hit.source_path or hit.article_id
    when = hit.date or hit.published or "undated"
    return f"{when}, {name} ({hit.source_path}){where} /article/{hit.article_id}#q{hit.start}"


@click.command()
@db_option(must_exist=True)
@click.argument("text", metavar="TEXT")
@click.option("--speaker", metavar="NAME", help="The name the quotation circulates under.")
@click.option("--limit", type=click.IntRange(min=1, max=20), default=5, show_default=True, help="Candidates shown.")
@click.option(
    "--json", "as_json", is_flag=True, help="One JSON object: verdict, best match with its diff, first report."
)
@library_errors
def check(db_path: str, text: str, speaker: str | None, limit: int, as_json: bool) -> None:
    """Check a quotation as it circulates: exact, trimmed, altered, misattributed or not found.

    Prints the verdict, the closest stored statement with the words as circulated marked against
    the stored ones ([-left out-] {+added+}), its speaker (and whether it is --speaker), the first
    report with a link to its evidence, and the other candidates.
    """
    with open_store(db_path, readonly=True) as store:
        result = check_quote(store, text, speaker=speaker, limit=limit)
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
        return
    click.echo(f"verdict: {result.verdict} — {result.reason}")
    best = result.best
    if best is None:
        # nothing stored is a source of these words; the nearest statements still show what is
        for m in result.matches:
            who = m.statement.speaker_name or "unnamed"
            click.echo(f"  closest {m.score:.2f} #{m.statement.id} {who}: “{m.statement.text}”")
        return
    st = best.statement
    agrees = (
        ""
        if best.speaker_matches is None
        else (" (matches --speaker)" if best.speaker_matches else f" (not {speaker})")
    )
    click.echo(f"statement #{st.id}: {st.report_count} report(s) in {st.article_count} article(s)")
    click.echo(f"speaker: {st.speaker_name or 'unnamed'}{agrees}")
    click.echo(f"stored:  “{best.wording}”")
    click.echo(f"words:   {diff_text(best.alignment.pieces)}")
    if result.first is not None:
        click.echo(f"first reported: {_source(result.first)}")
    for m in result.matches[1:]:
        click.echo(
            f"  also {m.score:.2f} #{m.statement.id} {m.statement.speaker_name or 'unnamed'}: “{m.statement.text}”"
        )


@click.command()
@db_option(must_exist=True)
@click.option("--speaker", metavar="NAME", help="Only statements of this person (any spelling).")
@click.option("--search", "text", metavar="TEXT", help="Words that must all occur in one of its reports.")
@click.option("--from", "date_from", metavar="YYYY-MM-DD", help="Only statements reported on or after this date.")
@click.option("--to", "date_to", metavar="YYYY-MM-DD", help="Only statements reported on or before this date.")
@click.option("--min-reports", type=click.IntRange(min=1), default=1, show_default=True, help="Fewest reports.")
@click.option("--limit", type=click.IntRange(min=1, max=MAX_LIMIT), default=20, show_default=True, help="Most shown.")
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True, help="Statements skipped.")
@click.option("--reports", "show_reports", is_flag=True, help="Print each statement's chain of reports too.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per statement, with its reports (JSON Lines).")
@library_errors
def statements(
    db_path: str,
    speaker: str | None,
    text: str | None,
    date_from: str | None,
    date_to: str | None,
    min_reports: int,
    limit: int,
    offset: int,
    show_reports: bool,
    as_json: bool,
) -> None:
    """List statements (the same words by one speaker across articles), most reported first."""
    f = make_statement_filter(speaker=speaker, text=text, date_from=date_from, date_to=date_to, min_reports=min_reports)
    with open_store(db_path, readonly=True) as store:
        rows = list_statements(store, f, limit=limit, offset=offset).items
        views = [statement_view(store, r.id) for r in rows] if (as_json or show_reports) else []
    if as_json:
        for v in views:
            if v is not None:
                click.echo(json.dumps(v.to_dict(), ensure_ascii=False))
        return
    for i, row in enumerate(rows):
        dates = row.first_date if row.first_date == row.last_date else f"{row.first_date} to {row.last_date}"
        click.echo(f"#{row.id} {row.speaker_name or 'unnamed'}: “{row.text}” — {row.report_count} report(s), {dates}")
        view = views[i] if views else None
        for rep in view.reports if view is not None else ():
            words = "same words" if rep.same else diff_text(rep.diff)
            click.echo(f"    {_source(rep.hit)}: {words}")
