"""The one error tree of wirewatch.

::

    WirewatchError                 every error wirewatch raises on purpose
    ├── InputError                 one input cannot be read; carries the path and the reason
    │   ├── InputNotFound          the path does not exist / a glob matches nothing
    │   ├── EmptyInput             the file holds no text (empty, or only whitespace)
    │   ├── BinaryInput            the bytes are not text (NUL bytes, undecodable)
    │   ├── InputTooLarge          the file exceeds Settings.max_input_bytes
    │   ├── NoArticlesFound        a folder with no readable article files
    │   └── NotAnArticle           an HTML page read but holding no article (an index, a listing)
    ├── SettingsError              a setting (a WIREWATCH_* environment variable) has a bad value
    ├── ModelError                 the spaCy model cannot be loaded, or a learned model is missing or stale
    ├── StoreError                 the database cannot be opened, migrated or written
    └── QueryError                 a search or page request with a value that cannot be used

A batch catches ``InputError`` per input, reports ``str(err)`` as one line on stderr and goes on.
"""

from __future__ import annotations


class WirewatchError(Exception):
    """Base of every error wirewatch raises on purpose."""


class InputError(WirewatchError):
    """One input (file, stdin, record) cannot be read. ``str()`` names the input and the problem."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class InputNotFound(InputError):
    """The path does not exist, or a glob matches nothing."""


class EmptyInput(InputError):
    """The input holds no text."""


class BinaryInput(InputError):
    """The input is binary data, not text."""


class InputTooLarge(InputError):
    """The input is larger than ``Settings.max_input_bytes``."""


class NoArticlesFound(InputError):
    """A folder contains no files that could be articles."""


class NotAnArticle(InputError):
    """The page was read but holds no article: an index, a listing, a page without main text."""


class SettingsError(WirewatchError, ValueError):
    """A setting cannot be used: ``str()`` names the ``WIREWATCH_*`` variable and the values it
    takes. A :class:`ValueError` too, as a malformed setting always was."""


class ModelError(WirewatchError):
    """The spaCy model named in the settings is not installed or cannot be loaded, or a learned
    model in ``wirewatch/data`` is missing, corrupt, or was trained on other features or another
    spaCy pipeline (``attribution.models_io``)."""


class StoreError(WirewatchError):
    """The store cannot be opened, migrated or written."""


class QueryError(WirewatchError):
    """A search or page request with a value that cannot be used (bad date, unknown kind, ...)."""
