"""The SQLite schema of the store, as an ordered list of migrations.

A migration is applied once, inside one transaction together with its row in
``schema_migrations``, so a database is never left half-migrated. New versions are appended;
an applied migration is never edited.

Layout (version 1)::

    articles          one row per article; record_json is the SCHEMA.md record, verbatim
    quotes            one row per quote, flattened for filtering; FK -> articles(id)
    entities          people, organisations and places per article
    events            meetings, visits ... per article
    quotes_fts        FTS5 over quote text + speaker (external content: quotes)
    articles_fts      FTS5 over headline + text (external content: articles)

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

MIGRATIONS: tuple[Migration, ...] = (Migration(1, "initial schema: articles, quotes, entities, events, fts", _V1),)
"""Every migration, oldest first. Versions are consecutive integers starting at 1."""

LATEST_VERSION = MIGRATIONS[-1].version
