"""wirewatch: who said what, to whom, when and where, read from raw news.

>>> import wirewatch
>>> record = wirewatch.extract(text, published="2016-12-09")   # doctest: +SKIP
>>> record.quotes[0].speaker.name                              # doctest: +SKIP
"""

from __future__ import annotations

from wirewatch.gcpause import paused

with paused():  # spaCy and the stages make many objects and no garbage (wirewatch.gcpause)
    from wirewatch.config import Settings
    from wirewatch.errors import InputError, WirewatchError
    from wirewatch.models import Article, Quote
    from wirewatch.pipeline import extract, extract_document

__all__ = ["Article", "InputError", "Quote", "Settings", "WirewatchError", "extract", "extract_document"]
__version__ = "0.1.0"
