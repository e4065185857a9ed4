"""The HTTP API (``/api/...``, OpenAPI at ``/docs``) and the web pages, in one FastAPI app."""

from __future__ import annotations

from wirewatch.serve.app import create_app

__all__ = ["create_app"]
