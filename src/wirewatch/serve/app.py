"""The FastAPI application: JSON API under ``/api`` and server-rendered pages.

Each request borrows an open store from a pool (:mod:`.pool`) and hands it back when done: a
store serves one request at a time, so SQLite's one-thread-per-connection rule holds, and one
that failed is closed instead of lent again. The people listing and the row counts are cached
until the database changes. Templates are Jinja with autoescape on (every value from an article
is escaped when rendered), loaded once: editing a template needs a restart. Errors are
JSON (``{"error": ..., "status": ...}``) under ``/api`` and an HTML page elsewhere; a bad
parameter is a 400, never a 500.
"""

# No "from __future__ import annotations": FastAPI reads the endpoint annotations at run time,
# and they name StoreDep, which is local to create_app.
import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any

import anyio.to_thread
from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException

from wirewatch.config import Settings
from wirewatch.errors import StoreError
from wirewatch.query import (
    MAX_LIMIT,
    QUOTE_KINDS,
    QUOTE_TYPES,
    QueryError,
    article_view,
    make_filter,
    quote_type,
    search,
    timeline,
)
from wirewatch.query.check import VERDICTS
from wirewatch.query.check import check as check_quote
from wirewatch.query.statements import list_statements, make_statement_filter, statement_view
from wirewatch.serve import schemas as s
from wirewatch.serve.caching import CachingHeaders
from wirewatch.serve.pool import ChangeWatch, ListingCache, StorePool, open_reader
from wirewatch.store import PersonRow, Store, open_store
from wirewatch.watch.web import add_watch_routes

logger = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Most items returned.")]
Offset = Annotated[int, Query(ge=0, description="Items skipped (pagination).")]
Text = Annotated[str | None, Query(max_length=500)]


_OPENING_QUOTES = frozenset("\"“‘'«„")


def quoted(text: str) -> str:
    """A quotation in quotation marks, unless it keeps its own (the escaping is Jinja's)."""
    return text if text[:1] in _OPENING_QUOTES else f"“{text}”"


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(HERE / "templates")),
        autoescape=select_autoescape(enabled_extensions=("html",), default=True, default_for_string=True),
        # No stat() of every template file on every render.
        auto_reload=False,
    )
    env.filters["quoted"] = quoted
    return env


def create_app(db: str, settings: Settings | None = None) -> FastAPI:
    """The app serving the store at ``db`` (a SQLite path or a ``postgresql://`` URL)."""
    # Open once now: a missing, broken or not yet migrated database fails at start-up, not on the
    # first request. The server only reads, so it never migrates (`wirewatch migrate` does).
    open_store(db, settings, readonly=True).close()
    pool = StorePool(lambda: open_reader(db, settings))
    watch = ChangeWatch(db)
    cache = ListingCache(watch)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        pool.close()
        watch.close()

    app = FastAPI(
        title="wirewatch",
        summary="Who said what, to whom, when and where, with the evidence.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.add_middleware(CachingHeaders)
    templates = Jinja2Templates(env=_environment())
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    async def get_store() -> AsyncIterator[Store]:
        # Async, so borrowing costs no hop to a worker thread; only opening a new store does I/O.
        store = pool.take_idle()
        if store is None:
            store = await anyio.to_thread.run_sync(pool.open)
        try:
            yield store
        except (HTTPException, QueryError, RequestValidationError):
            pool.release(store)  # the request was wrong, not the store
            raise
        except BaseException:
            pool.release(store, healthy=False)
            raise
        pool.release(store)

    StoreDep = Annotated[Store, Depends(get_store)]

    def people(store: Store, limit: int, offset: int, type: str, qtype: str | None) -> list[PersonRow]:
        return cache.get(
            ("people", limit, offset, type, qtype),
            lambda: store.people(limit=limit, offset=offset, type=type, quote_type=qtype),
        )

    def quote_type_arg(value: str | None) -> str | None:
        """People pages and counts: statements unless ``quote_type`` says otherwise (``all``: every type)."""
        return quote_type(value, default="statement")

    def stats(store: Store) -> dict[str, int]:
        return cache.get(("stats",), store.stats)

    def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        context = {"kinds": QUOTE_KINDS, "quote_types": QUOTE_TYPES, **context}
        return templates.TemplateResponse(request, name, context, status_code=status)

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api") or request.url.path in ("/openapi.json",)

    def error(request: Request, status: int, message: str) -> Response:
        if wants_json(request):
            return JSONResponse({"error": message, "status": status}, status_code=status)
        return page(request, "error.html", status=status, status_code=status, message=message)

    @app.exception_handler(QueryError)
    async def _query_error(request: Request, exc: QueryError) -> Response:
        return error(request, 400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for e in exc.errors():
            where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "path"))
            parts.append(f"{where}: {e.get('msg', 'invalid')}")
        return error(request, 400, "; ".join(parts) or "invalid request")

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, exc: HTTPException) -> Response:
        return error(request, exc.status_code, str(exc.detail))

    @app.exception_handler(StoreError)
    async def _store_error(request: Request, exc: StoreError) -> Response:
        logger.error("store error on %s: %s", request.url.path, exc)
        return error(request, 503, "the database could not answer; see the server log")

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception) -> Response:
        logger.exception("internal error on %s", request.url.path)
        return error(request, 500, "internal error; see the server log")

    responses: dict[int | str, dict[str, Any]] = {400: {"model": s.ErrorOut}, 404: {"model": s.ErrorOut}}

    # -- API -------------------------------------------------------------------------------------

    @app.get("/api/quotes", response_model=s.QuotePage, responses=responses, tags=["quotes"])
    def api_quotes(
        store: StoreDep,
        q: Text = None,
        speaker: Text = None,
        person: int | None = None,
        kind: str | None = None,
        quote_type: str | None = None,
        organization: Text = None,
        place: Text = None,
        agency: Text = None,
        date_from: Annotated[str | None, Query(alias="from")] = None,
        date_to: Annotated[str | None, Query(alias="to")] = None,
        article: Text = None,
        order: str | None = None,
        limit: Limit = 20,
        offset: Offset = 0,
    ) -> s.QuotePage:
        """Search quotes: all words of ``q`` in the quote, by speaker, person, kind, attribution type
        (``quote_type``: statement, belief, intention, act; every type when not given), organisation,
        place, agency and date range (``from``/``to``, YYYY-MM-DD)."""
        f = make_filter(
            text=q,
            speaker=speaker,
            person=person,
            kind=kind,
            type=quote_type,
            organization=organization,
            place=place,
            agency=agency,
            date_from=date_from,
            date_to=date_to,
            article=article,
        )
        result = search(store, f, limit=limit, offset=offset, order=order)
        return s.QuotePage(
            items=[s.QuoteOut.model_validate(h.to_dict()) for h in result.items],
            limit=result.limit,
            offset=result.offset,
            has_more=result.has_more,
        )

    @app.get("/api/people", response_model=list[s.PersonOut], responses=responses, tags=["people"])
    def api_people(
        store: StoreDep,
        type: str = "person",
        quote_type: str | None = None,
        limit: Limit = 100,
        offset: Offset = 0,
    ) -> list[s.PersonOut]:
        """People (``type=organization``: organisations), merged across articles, most quoted first;
        quotes counted are statements unless ``quote_type`` says otherwise (``all``: every type)."""
        if type not in ("person", "organization"):
            raise QueryError("type must be person or organization")
        rows = people(store, limit, offset, type, quote_type_arg(quote_type))
        return [s.PersonOut.model_validate(p.to_dict()) for p in rows]

    @app.get("/api/people/{person_id}", response_model=s.TimelineOut, responses=responses, tags=["people"])
    def api_person(
        store: StoreDep, person_id: int, quote_type: str | None = None, limit: Limit = 50, offset: Offset = 0
    ) -> s.TimelineOut:
        """One person: spellings, roles over time, quotes per month, quotes (oldest first), whom they
        mention; statements unless ``quote_type`` says otherwise (``all``: every type)."""
        t = timeline(store, person_id, limit=limit, offset=offset, type=quote_type_arg(quote_type))
        if t is None:
            raise HTTPException(404, f"no person with id {person_id}")
        return s.TimelineOut(
            person=s.PersonDetailOut.model_validate(t.person.to_dict()),
            months=[s.MonthOut.model_validate(m.to_dict()) for m in t.months],
            quotes=s.QuotePage(
                items=[s.QuoteOut.model_validate(h.to_dict()) for h in t.quotes.items],
                limit=t.quotes.limit,
                offset=t.quotes.offset,
                has_more=t.quotes.has_more,
            ),
            mentions=[s.CoMentionOut.model_validate(c.to_dict()) for c in t.mentions],
        )

    @app.get("/api/co-mentions", response_model=list[s.CoMentionOut], responses=responses, tags=["people"])
    def api_co_mentions(store: StoreDep, person: int | None = None, limit: Limit = 50) -> list[s.CoMentionOut]:
        """Who is quoted about whom: speaker -> person named inside the quote, most often first."""
        return [s.CoMentionOut.model_validate(c.to_dict()) for c in store.co_mentions(person, limit=limit)]

    @app.get("/api/articles", response_model=list[s.ArticleRowOut], responses=responses, tags=["articles"])
    def api_articles(store: StoreDep, limit: Limit = 50, offset: Offset = 0) -> list[s.ArticleRowOut]:
        """Stored articles, newest first."""
        return [s.ArticleRowOut.model_validate(a.to_dict()) for a in store.articles(limit=limit, offset=offset)]

    @app.get("/api/articles/{article_id}", response_model=s.ArticleOut, responses=responses, tags=["articles"])
    def api_article(store: StoreDep, article_id: str) -> s.ArticleOut:
        """The stored record (docs/schema.md) and the copies of it seen elsewhere."""
        record = store.get_article(article_id)
        if record is None:
            raise HTTPException(404, f"no article with id {article_id}")
        copies = [s.CopyOut.model_validate(c.to_dict()) for c in store.copies(article_id)]
        return s.ArticleOut(record=record, copies=copies)

    @app.get("/api/events", response_model=list[s.EventOut], responses=responses, tags=["events"])
    def api_events(store: StoreDep, limit: Limit = 50, offset: Offset = 0) -> list[s.EventOut]:
        """Events (meetings, visits, ...), newest first."""
        return [s.EventOut.model_validate(e.to_dict()) for e in store.events(limit=limit, offset=offset)]

    @app.get("/api/merges", response_model=list[s.MergeOut], responses=responses, tags=["people"])
    def api_merges(store: StoreDep) -> list[s.MergeOut]:
        """Every merge of one person into another, newest first (undo with ``wirewatch unmerge``)."""
        return [s.MergeOut.model_validate(m.to_dict()) for m in store.merges()]

    @app.get("/api/stats", response_model=s.StatsOut, tags=["articles"])
    def api_stats(store: StoreDep) -> s.StatsOut:
        """Row counts."""
        return s.StatsOut(counts=stats(store))

    @app.get("/api/check", response_model=s.CheckOut, responses=responses, tags=["statements"])
    def api_check(
        store: StoreDep,
        text: Annotated[str, Query(min_length=1, max_length=2000, description="The quotation as circulated.")],
        speaker: Text = None,
    ) -> s.CheckOut:
        """Check a quotation: verdict (one of exact, trimmed, altered, misattributed, not found), the
        closest statements ranked, the best one's word diff and its first report."""
        return s.CheckOut.model_validate(check_quote(store, text, speaker=speaker).to_dict())

    @app.get("/api/statements", response_model=s.StatementPage, responses=responses, tags=["statements"])
    def api_statements(
        store: StoreDep,
        speaker: Text = None,
        q: Text = None,
        date_from: Annotated[str | None, Query(alias="from")] = None,
        date_to: Annotated[str | None, Query(alias="to")] = None,
        min_reports: Annotated[int, Query(ge=1)] = 1,
        limit: Limit = 20,
        offset: Offset = 0,
    ) -> s.StatementPage:
        """Statements (the same words by one speaker across articles), most reported first."""
        f = make_statement_filter(
            speaker=speaker, text=q, date_from=date_from, date_to=date_to, min_reports=min_reports
        )
        result = list_statements(store, f, limit=limit, offset=offset)
        return s.StatementPage(
            items=[s.StatementOut.model_validate(r.to_dict()) for r in result.items],
            limit=result.limit,
            offset=result.offset,
            has_more=result.has_more,
        )

    @app.get(
        "/api/statements/{statement_id}", response_model=s.StatementDetailOut, responses=responses, tags=["statements"]
    )
    def api_statement(store: StoreDep, statement_id: int) -> s.StatementDetailOut:
        """One statement and its reports in time order, each with its words against the canonical text."""
        view = statement_view(store, statement_id)
        if view is None:
            raise HTTPException(404, f"no statement with id {statement_id}")
        return s.StatementDetailOut.model_validate(view.to_dict())

    # -- pages -----------------------------------------------------------------------------------

    @app.get("/check", response_class=HTMLResponse, include_in_schema=False)
    def check_page(
        request: Request,
        store: StoreDep,
        text: Annotated[str | None, Query(max_length=2000)] = None,
        speaker: Text = None,
    ) -> HTMLResponse:
        result = check_quote(store, text, speaker=speaker) if text and text.strip() else None
        form = {"text": text or "", "speaker": speaker or ""}
        return page(request, "check.html", form=form, result=result, verdicts=VERDICTS)

    @app.get("/statements", response_class=HTMLResponse, include_in_schema=False)
    def statements_page(
        request: Request,
        store: StoreDep,
        speaker: Text = None,
        q: Text = None,
        date_from: Annotated[str | None, Query(alias="from")] = None,
        date_to: Annotated[str | None, Query(alias="to")] = None,
        min_reports: Annotated[int, Query(ge=1)] = 1,
        offset: Offset = 0,
    ) -> HTMLResponse:
        f = make_statement_filter(
            speaker=speaker, text=q, date_from=date_from, date_to=date_to, min_reports=min_reports
        )
        result = list_statements(store, f, limit=20, offset=offset)
        views = [v for v in (statement_view(store, r.id, limit=50) for r in result.items) if v is not None]
        form = {
            "speaker": speaker or "",
            "q": q or "",
            "from": date_from or "",
            "to": date_to or "",
            "min_reports": min_reports,
        }
        return page(request, "statements.html", form=form, result=result, views=views)

    @app.get("/statement/{statement_id}", response_class=HTMLResponse, include_in_schema=False)
    def statement_page(request: Request, store: StoreDep, statement_id: int) -> HTMLResponse:
        view = statement_view(store, statement_id)
        if view is None:
            raise HTTPException(404, f"no statement with id {statement_id}")
        return page(request, "statement.html", view=view)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(
        request: Request,
        store: StoreDep,
        q: Text = None,
        speaker: Text = None,
        kind: str | None = None,
        quote_type: str | None = None,
        organization: Text = None,
        place: Text = None,
        agency: Text = None,
        date_from: Annotated[str | None, Query(alias="from")] = None,
        date_to: Annotated[str | None, Query(alias="to")] = None,
        offset: Offset = 0,
    ) -> HTMLResponse:
        form = {
            "q": q or "",
            "speaker": speaker or "",
            "kind": kind or "",
            "quote_type": quote_type or "",
            "organization": organization or "",
            "place": place or "",
            "agency": agency or "",
            "from": date_from or "",
            "to": date_to or "",
        }
        f = make_filter(
            text=q,
            speaker=speaker,
            kind=kind,
            type=quote_type,
            organization=organization,
            place=place,
            agency=agency,
            date_from=date_from,
            date_to=date_to,
        )
        searched = any(v for v in form.values())
        result = search(store, f, limit=20, offset=offset) if searched else None
        return page(request, "search.html", form=form, result=result, stats=stats(store))

    @app.get("/people", response_class=HTMLResponse, include_in_schema=False)
    def people_page(
        request: Request, store: StoreDep, type: str = "person", quote_type: str | None = None, offset: Offset = 0
    ) -> HTMLResponse:
        if type not in ("person", "organization"):
            raise QueryError("type must be person or organization")
        qtype = quote_type_arg(quote_type)
        rows = people(store, 101, offset, type, qtype)
        return page(
            request,
            "people.html",
            rows=rows[:100],
            has_more=len(rows) > 100,
            offset=offset,
            type=type,
            quote_type=qtype or "all",
        )

    @app.get("/person/{person_id}", response_class=HTMLResponse, include_in_schema=False)
    def person_page(
        request: Request, store: StoreDep, person_id: int, quote_type: str | None = None, offset: Offset = 0
    ) -> HTMLResponse:
        qtype = quote_type_arg(quote_type)
        t = timeline(store, person_id, limit=50, offset=offset, type=qtype)
        if t is None:
            raise HTTPException(404, f"no person with id {person_id}")
        peak = max((m.count for m in t.months), default=1)
        return page(request, "person.html", t=t, peak=peak, quote_type=qtype or "all")

    @app.get("/article/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, store: StoreDep, article_id: str) -> HTMLResponse:
        view = article_view(store, article_id)
        if view is None:
            raise HTTPException(404, f"no article with id {article_id}")
        return page(request, "article.html", view=view, r=view.record, copies=store.copies(article_id))

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events_page(request: Request, store: StoreDep, offset: Offset = 0) -> HTMLResponse:
        rows = store.events(limit=51, offset=offset)
        return page(request, "events.html", rows=rows[:50], has_more=len(rows) > 50, offset=offset)

    @app.get("/merges", response_class=HTMLResponse, include_in_schema=False)
    def merges_page(request: Request, store: StoreDep) -> HTMLResponse:
        return page(request, "merges.html", rows=store.merges())

    add_watch_routes(app, db, page)  # /watch and /api/watch: the feed watcher's status
    return app


SERVE_DB_ENV = "WIREWATCH_SERVE_DB"
"""Names the database for :func:`app_from_env` (set by ``wirewatch serve --workers N``)."""


def app_from_env() -> FastAPI:
    """The app for one of several uvicorn worker processes: each builds its own, for the
    database named in ``WIREWATCH_SERVE_DB``."""
    db = os.environ.get(SERVE_DB_ENV)
    if not db:
        raise RuntimeError(f"{SERVE_DB_ENV} is not set")
    return create_app(db)
