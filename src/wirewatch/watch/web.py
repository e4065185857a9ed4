"""The watcher's status in the web UI (``/watch``) and the API (``/api/watch``): each feed's
last poll, last new item, errors and next poll, the alerts, and the latest deliveries.

Read through a :class:`~wirewatch.watch.db.WatchDb` opened per request, which never creates
the tables: a database that was never watched shows an empty status. Pages are rendered by the
app's own templates (autoescaped), so every value from a feed is escaped.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse

from wirewatch.watch.db import Delivery, WatchDb

RECENT = 20


def _delivery(d: Delivery) -> dict[str, Any]:
    try:
        body = json.loads(d.payload)
    except ValueError:
        body = {}
    state = "delivered" if d.delivered_at else "dead-lettered" if d.dead_at else "pending"
    return {
        "id": d.id,
        "alert": d.alert,
        "target": d.target,
        "state": state,
        "attempts": d.attempts,
        "created_at": d.created_at,
        "delivered_at": d.delivered_at,
        "dead_at": d.dead_at,
        "last_error": d.last_error,
        "quote": body.get("quote"),
        "speaker": body.get("speaker") or body.get("speaker_mention"),
        "article_id": body.get("article_id"),
        "headline": body.get("headline"),
    }


def watch_status(db: str, recent: int = RECENT) -> dict[str, Any]:
    """The status as plain data (what ``/api/watch`` returns)."""
    with WatchDb(db, create=False) as w:
        if not w.exists():
            return {"watched": False, "feeds": [], "alerts": [], "recent": [], "outbox": {}}
        return {
            "watched": True,
            "feeds": [f.to_dict() for f in w.feeds()],
            "alerts": [a.to_dict() for a in w.alerts()],
            "recent": [_delivery(d) for d in w.recent(recent)],
            "outbox": w.outbox_counts(),
        }


def add_watch_routes(app: FastAPI, db: str, page: Callable[..., HTMLResponse]) -> None:
    """Add ``/api/watch`` and ``/watch`` to ``app``; ``page(request, template, **context)``
    renders one of the app's templates."""

    @app.get("/api/watch", tags=["watch"])
    def api_watch() -> dict[str, Any]:
        """Each watched feed's state (last poll, last new item, errors, next poll), the alerts,
        the outbox counts and the latest deliveries."""
        return watch_status(db)

    @app.get("/watch", response_class=HTMLResponse, include_in_schema=False)
    def watch_page(request: Request) -> HTMLResponse:
        return page(request, "watch.html", watch=watch_status(db))
