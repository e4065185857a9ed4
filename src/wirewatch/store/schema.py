"""The SQLite schema of the store, as an ordered list of migrations.

A migration is applied once, inside one transaction together with its row in
``schema_migrations``, so a database is never left half-migrated. New versions are appended;
an applied migration is never edited.

Layout (version 1, then 2; version 3 only changes indexes; version 4 adds ``quotes.type``)::

    articles          one row per article; record_json is the SCHEMA.md record, verbatim
    quotes            one row per quote, flattened for filtering; FK -> articles(id)
    entities          people, organisations and places per article
    events            meetings, visits ... per article
    quotes_fts        FTS5 over quote text + speaker (external content: quotes)
    articles_fts      FTS5 over headline + text (external content: articles)

    -- version 2: people across articles, near-duplicates, co-mentions
    persons           one row per merged person or organisation (type)
    person_aliases    name key -> person; a merge re-points aliases, undo points them back
    merges            every merge (automatic or by hand), with undone_at once undone
    copies            republished copies of a stored article (exact or near), with their source
    article_signatures  the MinHash signature of each article body
    lsh_bands         (band, hash) -> article: the LSH index, in the database so it survives restarts
    quote_mentions    people named inside a quote's own words (who is quoted about whom)
    store_meta        key/value facts about the store (the LSH layout)

    -- version 4: quotes.type, the attribution type (statement, belief, intention); rows stored
    -- before it are statements

The FTS tables are external-content tables kept in sync by triggers, so every write to the base
tables updates the index inside the same transaction. Both base tables carry an explicit
``INTEGER PRIMARY KEY`` because FTS5 ties rows by rowid and VACUUM may renumber implicit rowids.
``*_key`` columns hold names folded by :func:`wirewatch.store.sqlite.name_key` (case and
diacritics removed) for matching and for merging people across articles.
"""

from __future__ import annotations

from typing import NamedTuple


class Migration(NamedTuple):
    version: int
    name: str
    sql: str
    backfill: bool = False
    """Whether the store must index the articles already stored after running ``sql`` (in the
    same transaction): a new derived table is filled from each article's stored record."""


_V1 = """
CREATE TABLE articles (
    pk          INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    source_path TEXT,
    format      TEXT,
    url         TEXT,
    published   TEXT,
    language    TEXT,
    headline    TEXT,
    text        TEXT NOT NULL,
    record_json TEXT NOT NULL,
    added_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX articles_published ON articles(published);

CREATE TABLE quotes (
    pk              INTEGER PRIMARY KEY,
    id              TEXT,
    article_id      TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    ord             INTEGER NOT NULL,
    start           INTEGER,
    "end"           INTEGER,
    kind            TEXT,
    text            TEXT NOT NULL,
    speaker_name    TEXT,
    speaker_mention TEXT,
    speaker_role    TEXT,
    speaker_entity  TEXT,
    speaker_key     TEXT,
    mention_key     TEXT,
    cue             TEXT,
    addressee       TEXT,
    date            TEXT,
    confidence      REAL,
    UNIQUE (article_id, ord)
);
CREATE INDEX quotes_speaker_key ON quotes(speaker_key);
CREATE INDEX quotes_kind ON quotes(kind);
CREATE INDEX quotes_date ON quotes(date);

CREATE TABLE entities (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    entity_id  TEXT NOT NULL,
    type       TEXT,
    name       TEXT,
    name_key   TEXT,
    role       TEXT,
    lat        REAL,
    lon        REAL,
    country    TEXT,
    PRIMARY KEY (article_id, entity_id)
);
CREATE INDEX entities_name_key ON entities(type, name_key);

CREATE TABLE events (
    article_id        TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    ord               INTEGER NOT NULL,
    kind              TEXT,
    text              TEXT,
    start             INTEGER,
    "end"             INTEGER,
    date              TEXT,
    date_inferred     INTEGER,
    place             TEXT,
    participants_json TEXT,
    topic             TEXT,
    PRIMARY KEY (article_id, ord)
);

CREATE VIRTUAL TABLE quotes_fts USING fts5(
    text, speaker_name, speaker_mention, speaker_role,
    content='quotes', content_rowid='pk',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER quotes_ai AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, text, speaker_name, speaker_mention, speaker_role)
    VALUES (new.pk, new.text, new.speaker_name, new.speaker_mention, new.speaker_role);
END;
CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker_name, speaker_mention, speaker_role)
    VALUES ('delete', old.pk, old.text, old.speaker_name, old.speaker_mention, old.speaker_role);
END;
CREATE TRIGGER quotes_au AFTER UPDATE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker_name, speaker_mention, speaker_role)
    VALUES ('delete', old.pk, old.text, old.speaker_name, old.speaker_mention, old.speaker_role);
    INSERT INTO quotes_fts(rowid, text, speaker_name, speaker_mention, speaker_role)
    VALUES (new.pk, new.text, new.speaker_name, new.speaker_mention, new.speaker_role);
END;

CREATE VIRTUAL TABLE articles_fts USING fts5(
    headline, text,
    content='articles', content_rowid='pk',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, headline, text) VALUES (new.pk, new.headline, new.text);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, headline, text)
    VALUES ('delete', old.pk, old.headline, old.text);
END;
CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, headline, text)
    VALUES ('delete', old.pk, old.headline, old.text);
    INSERT INTO articles_fts(rowid, headline, text) VALUES (new.pk, new.headline, new.text);
END;
"""

_V2 = """
ALTER TABLE articles ADD COLUMN agency TEXT;
ALTER TABLE articles ADD COLUMN place TEXT;
CREATE INDEX articles_agency ON articles(agency);
ALTER TABLE quotes ADD COLUMN speaker_type TEXT;
-- Covers what a person's page reads (counts, months, roles, names) without touching the rows.
CREATE INDEX quotes_person ON quotes(speaker_key, speaker_type, date, speaker_role, speaker_name, article_id);
CREATE INDEX quotes_article ON quotes(article_id);

CREATE TABLE persons (
    id   INTEGER PRIMARY KEY,
    type TEXT NOT NULL,
    name TEXT NOT NULL
);
CREATE TABLE person_aliases (
    type      TEXT NOT NULL,
    key       TEXT NOT NULL,
    name      TEXT NOT NULL,
    match_key TEXT NOT NULL,
    words     INTEGER NOT NULL,
    person_id INTEGER NOT NULL REFERENCES persons(id),
    PRIMARY KEY (type, key)
);
CREATE INDEX person_aliases_person ON person_aliases(person_id);
CREATE INDEX person_aliases_match ON person_aliases(type, match_key);
CREATE TABLE merges (
    id          INTEGER PRIMARY KEY,
    type        TEXT NOT NULL,
    from_person INTEGER NOT NULL REFERENCES persons(id),
    into_person INTEGER NOT NULL REFERENCES persons(id),
    keys_json   TEXT NOT NULL,
    reason      TEXT NOT NULL,
    automatic   INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    undone_at   TEXT
);

CREATE TABLE copies (
    pk          INTEGER PRIMARY KEY,
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    copy_id     TEXT NOT NULL,
    source_path TEXT NOT NULL,
    url         TEXT,
    kind        TEXT NOT NULL,
    similarity  REAL NOT NULL,
    added_at    TEXT NOT NULL,
    UNIQUE (article_id, source_path)
);
CREATE TABLE article_signatures (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    sig        BLOB NOT NULL
);
CREATE TABLE lsh_bands (
    band       INTEGER NOT NULL,
    hash       INTEGER NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (band, hash, article_id)
) WITHOUT ROWID;

CREATE TABLE quote_mentions (
    article_id     TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    ord            INTEGER NOT NULL,
    speaker_type   TEXT NOT NULL,
    speaker_key    TEXT NOT NULL,
    mentioned_key  TEXT NOT NULL,
    mentioned_name TEXT NOT NULL,
    PRIMARY KEY (article_id, ord, mentioned_key)
);
CREATE INDEX quote_mentions_speaker ON quote_mentions(speaker_key);

CREATE TABLE store_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

_V3 = """
-- Each is a leading part of another index (quotes_person; UNIQUE (article_id, ord)), which serves
-- the same lookups: one index less to update per quote.
DROP INDEX quotes_speaker_key;
DROP INDEX quotes_article;
"""

_V4 = """
-- What kind of attribution each quote is. Records stored before types were told apart count as
-- statements, as the extractor then reported mostly those.
ALTER TABLE quotes ADD COLUMN type TEXT NOT NULL DEFAULT 'statement';
-- A person's page counts statements by default: the covering index covers the type too.
DROP INDEX quotes_person;
CREATE INDEX quotes_person ON quotes(speaker_key, speaker_type, date, speaker_role, speaker_name, article_id, type);
"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema: articles, quotes, entities, events, fts", _V1),
    Migration(2, "people across articles, merges, copies, LSH bands, quote mentions", _V2, backfill=True),
    Migration(3, "indexes for a million quotes: redundant ones dropped", _V3),
    Migration(4, "quote types: statement, belief, intention", _V4),
)
"""Every migration, oldest first. Versions are consecutive integers starting at 1."""

LATEST_VERSION = MIGRATIONS[-1].version
