"""Watching the wires: follow feeds continuously, grow the archive, alert on what matters.

The modules follow the work:

- :mod:`.sources`: what is watched (URLs, OPML, lists, feed files) and the entries a feed lists
  (RSS, Atom, sitemaps);
- :mod:`.fetch`: HTTP with timeouts, a size limit and a user agent, conditional GETs, and the
  per-host back-off that honours ``Retry-After``;
- :mod:`.poller`: one poll after another: due feeds fetched at once, new entries' pages fetched
  and ingested through the pipeline, each article stored with its side writes;
- :mod:`.db`: the watcher's tables (feeds, handled entries, alerts, outbox), on a connection of
  their own;
- :mod:`.alerts`: saved searches, matched as each record is stored;
- :mod:`.deliver`: the outbox delivered to standard output, files and webhooks, with retries and
  a dead-letter file;
- :mod:`.commands`: ``wirewatch watch`` and ``wirewatch alert``; :mod:`.web`: the status page
  and API.
"""

from wirewatch.watch.db import WatchDb
from wirewatch.watch.poller import Progress, Watcher, WatchOptions

__all__ = ["Progress", "WatchDb", "WatchOptions", "Watcher"]
