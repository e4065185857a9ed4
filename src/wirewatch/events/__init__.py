"""Events: meetings, talks, visits, agreements, votes, elections, attacks, announcements.

Method (rules on the dependency parse, one pass per paragraph):

* **Trigger**: a verb or noun from the lexicon below ("meet", "talks", "visit", "ceasefire").
  A light verb carrying an event noun ("held talks", "signed an agreement", "struck a deal",
  "called a vote") is not an event of its own: the noun is, and the verb lends it its subject,
  date and place. "hold", "strike" and "sign" alone are too vague ("hold shares", "strike
  workers") and trigger nothing.
* **Participants**: for a verb, its subject with every conjunct ("experts and diplomats"), or
  the subject of the verb it is the complement of ("agreed to meet"); for a noun, a possessive
  ("Kerry's visit"), "between X and Y", "with X", "by X", the subject of its light verb or of the
  verb it is the object of, or a nationality/name compound ("US-Russia talks").
* **Place** and **date**: a place mention inside a locative phrase ("in Geneva", "at the
  palace", "to Moscow" for a visit) and a date mention attached to the trigger's clause, i.e.
  reached from the trigger (or its light verb) up the head chain without crossing another verb,
  so "said on Friday that talks will resume in Geneva on December 10" gives the talks December 10
  and not Friday.
* **Topic**: the object of a purpose verb ("to discuss the situation in eastern Aleppo") or an
  "on/about/over X" phrase.

Noise. MEANTIME (bench/events.py) shows that a bare event noun with nothing to anchor it ("an
agreement on settling the crisis", "the deal") is usually generic or a back-reference, so a noun
event is kept only with a participant, a place or a date; a verb event is kept only with a
participant (or a place or a date) and never when negated or hypothetical with no anchor.

The evidence span is the trigger's clause (the subtree of the trigger or of its light verb).

Modules: :mod:`.triggers` (the lexicon), :mod:`.participants`, :mod:`.circumstances` (place,
date, topic) and :mod:`.detect` (the pass over an article).
"""

from __future__ import annotations

from wirewatch.events.detect import FoundEvent, detect_events, find_events
from wirewatch.events.triggers import NOUN_TRIGGERS, VERB_TRIGGERS

__all__ = ["NOUN_TRIGGERS", "VERB_TRIGGERS", "FoundEvent", "detect_events", "find_events"]
