"""The structure stage: plain news text -> headline, byline, dateline and labelled paragraphs.

>>> from wirewatch.structure import analyse_structure, parse_dateline
>>> parse_dateline("MOSCOW, December 9. /TASS/. Text.", 0, None).place
'Moscow'

Both functions are pure: they read the text and report spans over it, never changing it.
"""

from __future__ import annotations

from wirewatch.structure.dateline import parse_dateline
from wirewatch.structure.layout import analyse_structure

__all__ = ["analyse_structure", "parse_dateline"]
