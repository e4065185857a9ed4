"""The DDL of every migration as the stores shipped it before the schema was described once
(:mod:`wirewatch.store.schema`), frozen: databases made by it exist, and must still open and
migrate. Never edit these; they are history (version: (name, script))."""

from __future__ import annotations

_SQLITE_V1 = """
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

_SQLITE_V2 = """
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

_SQLITE_V3 = """
-- Each is a leading part of another index (quotes_person; UNIQUE (article_id, ord)), which serves
-- the same lookups: one index less to update per quote.
DROP INDEX quotes_speaker_key;
DROP INDEX quotes_article;
"""

_SQLITE_V4 = """
-- What kind of attribution each quote is. Records stored before types were told apart count as
-- statements, as the extractor then reported mostly those.
ALTER TABLE quotes ADD COLUMN type TEXT NOT NULL DEFAULT 'statement';
-- A person's page counts statements by default: the covering index covers the type too.
DROP INDEX quotes_person;
CREATE INDEX quotes_person ON quotes(speaker_key, speaker_type, date, speaker_role, speaker_name, article_id, type);
"""

_SQLITE_V5 = """
-- Statements: reports of the same words by one speaker grouped, and the key index they are found by.
CREATE TABLE statements (
    id INTEGER PRIMARY KEY,
    speaker_type TEXT NOT NULL,
    speaker_key TEXT NOT NULL,
    speaker_name TEXT,
    text TEXT NOT NULL,
    complete INTEGER NOT NULL,
    words INTEGER NOT NULL,
    report_count INTEGER NOT NULL,
    article_count INTEGER NOT NULL,
    first_date TEXT,
    last_date TEXT
);
CREATE INDEX statements_speaker ON statements (speaker_type, speaker_key);
CREATE INDEX statements_reported ON statements (report_count, id);
CREATE INDEX statements_first ON statements (first_date);
CREATE TABLE statement_reports (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    statement_id INTEGER NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
    date TEXT,
    PRIMARY KEY (article_id, ord)
);
CREATE INDEX statement_reports_statement ON statement_reports (statement_id, date);
CREATE TABLE statement_keys (
    hash INTEGER NOT NULL,
    statement_id INTEGER NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
    PRIMARY KEY (hash, statement_id)
) WITHOUT ROWID;
"""

_SQLITE_V6 = """
CREATE INDEX articles_url ON articles (url);
CREATE INDEX copies_url ON copies (url);
"""

SQLITE: dict[int, tuple[str, str]] = {
    1: ("initial schema: articles, quotes, entities, events, fts", _SQLITE_V1),
    2: ("people across articles, merges, copies, LSH bands, quote mentions", _SQLITE_V2),
    3: ("indexes for a million quotes: redundant ones dropped", _SQLITE_V3),
    4: ("quote types: statement, belief, intention", _SQLITE_V4),
    5: ("statements: one statement, many reports", _SQLITE_V5),
    6: ("articles and copies by the address they were read from", _SQLITE_V6),
}

_POSTGRESQL_V1 = """
CREATE TABLE articles (
    pk          BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    source_path TEXT,
    format      TEXT,
    url         TEXT,
    published   TEXT,
    language    TEXT,
    headline    TEXT,
    text        TEXT NOT NULL,
    record_json TEXT NOT NULL,
    added_at    TEXT NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))
);
CREATE INDEX articles_published ON articles(published);

CREATE TABLE quotes (
    pk              BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
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
    confidence      DOUBLE PRECISION,
    text_fold       TEXT NOT NULL DEFAULT '',
    speaker_fold    TEXT NOT NULL DEFAULT '',
    text_tsv        tsvector GENERATED ALWAYS AS (to_tsvector('simple', text_fold)) STORED,
    speaker_tsv     tsvector GENERATED ALWAYS AS (to_tsvector('simple', speaker_fold)) STORED,
    UNIQUE (article_id, ord)
);
CREATE INDEX quotes_speaker_key ON quotes(speaker_key);
CREATE INDEX quotes_kind ON quotes(kind);
CREATE INDEX quotes_date ON quotes(date);
CREATE INDEX quotes_text_tsv ON quotes USING GIN (text_tsv);
CREATE INDEX quotes_speaker_tsv ON quotes USING GIN (speaker_tsv);

CREATE TABLE entities (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    entity_id  TEXT NOT NULL,
    type       TEXT,
    name       TEXT,
    name_key   TEXT,
    role       TEXT,
    lat        DOUBLE PRECISION,
    lon        DOUBLE PRECISION,
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
"""

_POSTGRESQL_V2 = """
ALTER TABLE articles ADD COLUMN agency TEXT;
ALTER TABLE articles ADD COLUMN place TEXT;
CREATE INDEX articles_agency ON articles(agency);
ALTER TABLE quotes ADD COLUMN speaker_type TEXT;
-- Covers what a person's page reads (counts, months, roles, names) without touching the rows.
CREATE INDEX quotes_person ON quotes(speaker_key, speaker_type, date, speaker_role, speaker_name, article_id);
CREATE INDEX quotes_article ON quotes(article_id);

CREATE TABLE persons (
    id   BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    type TEXT NOT NULL,
    name TEXT NOT NULL
);
CREATE TABLE person_aliases (
    type      TEXT NOT NULL,
    key       TEXT NOT NULL,
    name      TEXT NOT NULL,
    match_key TEXT NOT NULL,
    words     INTEGER NOT NULL,
    person_id BIGINT NOT NULL REFERENCES persons(id),
    PRIMARY KEY (type, key)
);
CREATE INDEX person_aliases_person ON person_aliases(person_id);
CREATE INDEX person_aliases_match ON person_aliases(type, match_key);
CREATE TABLE merges (
    id          BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    type        TEXT NOT NULL,
    from_person BIGINT NOT NULL REFERENCES persons(id),
    into_person BIGINT NOT NULL REFERENCES persons(id),
    keys_json   TEXT NOT NULL,
    reason      TEXT NOT NULL,
    automatic   INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    undone_at   TEXT
);

CREATE TABLE copies (
    pk          BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    copy_id     TEXT NOT NULL,
    source_path TEXT NOT NULL,
    url         TEXT,
    kind        TEXT NOT NULL,
    similarity  DOUBLE PRECISION NOT NULL,
    added_at    TEXT NOT NULL,
    UNIQUE (article_id, source_path)
);
CREATE TABLE article_signatures (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    sig        BYTEA NOT NULL
);
CREATE TABLE lsh_bands (
    band       INTEGER NOT NULL,
    hash       BIGINT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (band, hash, article_id)
);

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

_POSTGRESQL_V3 = """
-- Each is a leading part of another index (quotes_person; UNIQUE (article_id, ord)), which serves
-- the same lookups: one index less to update per quote.
DROP INDEX quotes_speaker_key;
DROP INDEX quotes_article;
-- A person's quotes in date order straight from the index (a timeline page reads 50 entries, not
-- every quote of a much-quoted person), still covering what a person's page counts. pk is a key
-- column here because PostgreSQL, unlike SQLite, does not append the row id to an index.
DROP INDEX quotes_person;
CREATE INDEX quotes_person ON quotes (speaker_key, speaker_type, date, pk)
    INCLUDE (speaker_role, speaker_name, article_id);
-- Newest first is DESC NULLS LAST, which an ascending index read backwards (NULLS FIRST) is not:
-- without these the first page of quotes or articles sorted the whole table.
CREATE INDEX quotes_newest ON quotes (date DESC NULLS LAST, pk DESC);
DROP INDEX articles_published;
CREATE INDEX articles_newest ON articles (published DESC NULLS LAST, pk DESC);
"""

_POSTGRESQL_V4 = """
-- What kind of attribution each quote is. Records stored before types were told apart count as
-- statements, as the extractor then reported mostly those.
ALTER TABLE quotes ADD COLUMN type TEXT NOT NULL DEFAULT 'statement';
-- A person's page counts statements by default: the covering index covers the type too.
DROP INDEX quotes_person;
CREATE INDEX quotes_person ON quotes (speaker_key, speaker_type, date, pk)
    INCLUDE (speaker_role, speaker_name, article_id, type);
"""

_POSTGRESQL_V5 = """
-- Statements: reports of the same words by one speaker grouped, and the key index they are found by.
CREATE TABLE statements (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    speaker_type TEXT NOT NULL,
    speaker_key TEXT NOT NULL,
    speaker_name TEXT,
    text TEXT NOT NULL,
    complete INTEGER NOT NULL,
    words INTEGER NOT NULL,
    report_count INTEGER NOT NULL,
    article_count INTEGER NOT NULL,
    first_date TEXT,
    last_date TEXT
);
CREATE INDEX statements_speaker ON statements (speaker_type, speaker_key);
CREATE INDEX statements_reported ON statements (report_count, id);
CREATE INDEX statements_first ON statements (first_date);
CREATE TABLE statement_reports (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    statement_id BIGINT NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
    date TEXT,
    PRIMARY KEY (article_id, ord)
);
CREATE INDEX statement_reports_statement ON statement_reports (statement_id, date);
CREATE TABLE statement_keys (
    hash BIGINT NOT NULL,
    statement_id BIGINT NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
    PRIMARY KEY (hash, statement_id)
);
"""

_POSTGRESQL_V6 = """
CREATE INDEX articles_url ON articles (url);
CREATE INDEX copies_url ON copies (url);
"""

POSTGRESQL: dict[int, tuple[str, str]] = {
    1: ("initial schema: articles, quotes, entities, events, tsvector search", _POSTGRESQL_V1),
    2: ("people across articles, merges, copies, LSH bands, quote mentions", _POSTGRESQL_V2),
    3: ("indexes for a million quotes: redundant ones dropped, newest first, person pages", _POSTGRESQL_V3),
    4: ("quote types: statement, belief, intention", _POSTGRESQL_V4),
    5: ("statements: one statement, many reports", _POSTGRESQL_V5),
    6: ("articles and copies by the address they were read from", _POSTGRESQL_V6),
}
