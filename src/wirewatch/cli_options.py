"""What the ``wirewatch`` commands share: the input options and their settings, the database
option, the attribution-type option, and how library errors and per-input problems are
reported on standard error (:mod:`wirewatch.cli` defines the commands).
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

import click
from tqdm import tqdm

from wirewatch import query
from wirewatch.config import Settings
from wirewatch.errors import InputError, WirewatchError
from wirewatch.ingest.jsonl import field_mapping
from wirewatch.ingest.sniff import FORMATS as INPUT_FORMATS
from wirewatch.models import RawDocument
from wirewatch.store import is_url

F = TypeVar("F", bound=Callable[..., Any])

PROG = "wirewatch"
# attribution types, and "all" for every type: `quotes` shows every type unless told, `people` and
# `timeline` count and show statements unless told
TYPE_CHOICES = (*query.QUOTE_TYPES, "all")


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
    # Input-format options only change settings, so they reach the library through settings_for
    # (ctx.meta) instead of widening every command's signature.
    func = click.option(
        "--format",
        "input_format",
        type=click.Choice(["auto", *INPUT_FORMATS]),
        expose_value=False,
        callback=_input_setting,
        help="Read every input as this format (default auto: told by content, then file suffix).",
    )(func)
    func = click.option(
        "--field",
        "jsonl_fields",
        metavar="FIELD=KEY[,...]",
        multiple=True,
        expose_value=False,
        callback=_input_setting,
        help="JSON Lines mapping, e.g. --field text=body,title=headline,url=link,date=meta.published,html=raw.",
    )(func)
    func = click.option(
        "--page-store",
        "page_store",
        metavar="DIR|WARC",
        expose_value=False,
        callback=_input_setting,
        help="Saved HTML pages or WARC files in which a feed entry's linked article is looked up by URL.",
    )(func)
    func = click.option(
        "--fetch",
        "fetch",
        is_flag=True,
        default=None,
        expose_value=False,
        callback=_input_setting,
        help="Fetch a feed entry's linked article over HTTP when no saved copy exists (one try each).",
    )(func)
    return func


_INPUT_OVERRIDES = "wirewatch.input_overrides"


def _input_setting(ctx: click.Context, param: click.Parameter, value: Any) -> None:
    """Keep an input option's value as a settings override for :func:`settings_for`."""
    if value in (None, ()):
        return
    if param.name == "jsonl_fields":
        try:
            field_mapping(value)
        except ValueError as err:
            raise click.BadParameter(str(err)) from None
        value = tuple(value)
    ctx.meta.setdefault(_INPUT_OVERRIDES, {})[param.name] = value


class DbParam(click.ParamType[str, Any]):
    """A SQLite file path, or a ``postgresql://`` URL (never checked on disk)."""

    name = "PATH|URL"

    def __init__(self, *, must_exist: bool) -> None:
        self.path = click.Path(dir_okay=False, exists=must_exist)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        if isinstance(value, str) and is_url(value):
            return value
        return str(self.path.convert(value, param, ctx))


def db_option(*, must_exist: bool) -> Callable[[F], F]:
    """The ``--db`` option; reading commands refuse a missing file instead of creating one."""
    return click.option(
        "--db",
        "db_path",
        required=True,
        envvar="WIREWATCH_DB",
        show_envvar=True,
        type=DbParam(must_exist=must_exist),
        help="SQLite database file, or a PostgreSQL URL (postgresql://user@host:5432/dbname).",
    )


def quote_type_option(default: str, help_text: str) -> Callable[[F], F]:
    """``--type statement|belief|intention|act|all``, shared by the commands that read quotes."""
    return click.option(
        "--type", "type_", type=click.Choice(TYPE_CHOICES), default=default, show_default=True, help=help_text
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


def settings_for(model: str | None) -> Settings:
    ctx = click.get_current_context(silent=True)
    overrides: dict[str, Any] = dict(ctx.meta.get(_INPUT_OVERRIDES, {})) if ctx is not None else {}
    if model:
        overrides["spacy_model"] = model
    try:
        return Settings.load(**overrides)
    except (TypeError, ValueError) as err:
        # A malformed WIREWATCH_* environment variable (a SettingsError, also a ValueError).
        raise click.ClickException(f"bad setting in the environment: {err}") from err


def report_error(err: InputError | str, *, bar: tqdm[Any] | None = None) -> None:
    line = f"{PROG}: error: {err}"
    if bar is not None:
        bar.write(line, file=sys.stderr)
    else:
        click.echo(line, err=True)


def warn_document(doc: RawDocument, bar: tqdm[Any] | None = None) -> None:
    for warning in doc.warnings:
        line = f"{PROG}: warning: {doc.path}: {warning}"
        if bar is not None:
            bar.write(line, file=sys.stderr)
        else:
            click.echo(line, err=True)


# -- commands ----------------------------------------------------------------------------------
