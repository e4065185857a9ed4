"""Readers that turn inputs into :class:`wirewatch.models.RawDocument` values.

Only plain text (optionally gzipped) for now; HTML, feed, WARC and JSONL readers will sit beside
:mod:`wirewatch.ingest.files` and yield the same types.
"""

from __future__ import annotations

from wirewatch.ingest.files import STDIN, STDIN_NAME, decode_bytes, expand_paths, iter_inputs, read_input

__all__ = ["STDIN", "STDIN_NAME", "decode_bytes", "expand_paths", "iter_inputs", "read_input"]
