"""The SQLite store on real files: idempotent writes, search, FTS safety, people, migrations."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

import wirewatch
from wirewatch.errors import StoreError
from wirewatch.store import SqliteStore, evidence, fts_query, name_key
from wirewatch.store.schema import LATEST_VERSION

from .builders import Q, build_record

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

KREMLIN = (
    "Kremlin comments on talks\n\n"
    "MOSCOW, March 14. /TASS/. Talks will go on next week. "
    '"The worst outcome would be silence," Dmitry Peskov told reporters. '
    "Peskov added that no date had been set.\n"
    "The meeting was described as useful by Sergéi Lavróv.\n"
)
PORT = (
    "Port strike goes on\n\n"
    "GDANSK (Reuters) - "
    '"We are against being told by press release," union chairwoman Marta Zielinska said. '
    "A spokesman said the ministry was ready to mediate.\n"
)


def kremlin_record() -> dict[str, Any]:
    return build_record(
        KREMLIN,
        [
            Q("The worst outcome would be silence", "Dmitry Peskov", role="Kremlin spokesman", cue="told"),
            Q(
                "no date had been set",
                "Dmitry Peskov",
                mention="Peskov",
                role="Kremlin spokesman",
                kind="indirect",
                cue="added",
            ),
            Q("The meeting was described as useful", "Sergéi Lavróv", role="foreign minister", kind="mixed"),
        ],
        headline="Kremlin comments on talks",
        published="2024-03-14",
        entities=[
            {"id": "p1", "type": "person", "name": "Dmitry Peskov", "role": "Kremlin spokesman"},
            {"id": "o1", "type": "organization", "name": "TASS"},
        ],
        events=[{"kind": "meeting", "text": "Talks", "start": 0, "end": 5, "participants": ["a", "b"]}],
    )


def port_record() -> dict[str, Any]:
    return build_record(
        PORT,
        [
            Q("We are against being told by press release", "Marta Zielinska", role="union chairwoman"),
            Q(
                "the ministry was ready to mediate",
                None,
                mention="A spokesman",
                kind="indirect",
            ),
        ],
        headline="Port strike goes on",
        published="2024-05-02",
    )


@pytest.fixture
def store(tmp_path: Path) -> SqliteStore:
    s = SqliteStore(tmp_path / "news.db")
    assert s.add_article(kremlin_record())
    assert s.add_article(port_record())
    return s


def test_add_twice_keeps_one_copy(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "n.db") as s:
        rec = kremlin_record()
        assert s.add_article(rec) is True
        assert s.add_article(rec) is False
        assert s.stats()["articles"] == 1
        assert s.stats()["quotes"] == 3
        assert s.has_article(rec["id"])
        assert not s.has_article("0" * 16)


def test_get_article_round_trips_the_record(store: SqliteStore) -> None:
    rec = kremlin_record()
    assert store.get_article(rec["id"]) == rec
    assert store.get_article("missing") is None


def test_reopen_keeps_data_and_does_not_remigrate(tmp_path: Path) -> None:
    path = tmp_path / "n.db"
    with SqliteStore(path) as s:
        s.add_article(kremlin_record())
    with SqliteStore(path) as s:
        assert s.stats()["articles"] == 1
        assert s.schema_versions() == list(range(1, LATEST_VERSION + 1))
        assert s.search_quotes(speaker="Peskov")
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT version, name, applied_at FROM schema_migrations").fetchall()
    assert [r[0] for r in rows] == list(range(1, LATEST_VERSION + 1)) and rows[0][2]
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_database_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "n.db"
    SqliteStore(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_migrations(version, name) VALUES (999, 'future')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        SqliteStore(path)


def test_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "n.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match=str(path)):
        SqliteStore(path)


def test_malformed_record_is_rejected_and_nothing_half_written(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "n.db") as s:
        with pytest.raises(StoreError):
            s.add_article({"text": "no id"})
        bad = kremlin_record()
        bad["quotes"].append("not a quote dict")  # fails after the article row was inserted
        with pytest.raises(StoreError):
            s.add_article(bad)
        assert s.stats() == {**s.stats(), "articles": 0, "quotes": 0, "entities": 0, "events": 0}
        assert s.add_article(kremlin_record())  # the rollback left the id free


def test_search_by_text(store: SqliteStore) -> None:
    hits = store.search_quotes(text="worst silence")
    assert [h.text for h in hits] == ["The worst outcome would be silence"]
    hit = hits[0]
    assert hit.speaker_name == "Dmitry Peskov"
    assert hit.headline == "Kremlin comments on talks"
    assert hit.source_path == "built.txt"
    assert hit.start is not None and hit.end is not None
    assert KREMLIN[hit.start : hit.end] == hit.text
    assert hit.text in hit.evidence and "told reporters" in hit.evidence
    assert "Talks will go on" not in hit.evidence  # the previous sentence is not evidence


def test_search_by_text_is_case_and_diacritics_insensitive(store: SqliteStore) -> None:
    assert len(store.search_quotes(text="MEETING")) == 1
    assert store.search_quotes(text="nothing like this") == []


@pytest.mark.parametrize(
    "nasty",
    ['"unbalanced', "AND OR (", "NEAR(", "*", "col:x", 'worst"" OR \'', "''", "^", "-", ")", "\\"],
)
def test_nasty_search_strings_never_raise(store: SqliteStore, nasty: str) -> None:
    assert isinstance(store.search_quotes(text=nasty), list)
    assert isinstance(store.search_quotes(speaker=nasty), list)


def test_fts_words_inside_syntax_are_still_searched(store: SqliteStore) -> None:
    assert len(store.search_quotes(text='"worst (silence*')) == 1
    # Operators are plain words: AND must itself occur in the quote.
    assert store.search_quotes(text="worst AND silence") == []


@pytest.mark.parametrize("who", ["Peskov", "peskov", "Dmitry Peskov", "DMITRY PESKOV"])
def test_search_by_speaker_last_or_full_name(store: SqliteStore, who: str) -> None:
    hits = store.search_quotes(speaker=who)
    assert len(hits) == 2
    assert {h.kind for h in hits} == {"direct", "indirect"}


def test_speaker_match_is_whole_word_and_diacritics_insensitive(store: SqliteStore) -> None:
    assert store.search_quotes(speaker="Pesk") == []
    assert [h.speaker_name for h in store.search_quotes(speaker="lavrov")] == ["Sergéi Lavróv"]


def test_speaker_search_matches_the_mention(store: SqliteStore) -> None:
    hits = store.search_quotes(speaker="spokesman")
    assert [h.speaker_mention for h in hits] == ["A spokesman"]
    assert hits[0].speaker_name is None


def test_speaker_search_escapes_like_wildcards(store: SqliteStore) -> None:
    assert store.search_quotes(speaker="%") == []
    assert store.search_quotes(speaker="_") == []


def test_search_by_kind_and_combined_filters(store: SqliteStore) -> None:
    assert {h.text for h in store.search_quotes(kind="indirect")} == {
        "no date had been set",
        "the ministry was ready to mediate",
    }
    assert [h.kind for h in store.search_quotes(kind="mixed")] == ["mixed"]
    assert [h.text for h in store.search_quotes(speaker="Peskov", kind="indirect", text="date")] == [
        "no date had been set"
    ]
    assert store.search_quotes(speaker="Zielinska", kind="indirect") == []


def test_limit_offset_and_newest_first(store: SqliteStore) -> None:
    everything = store.search_quotes()
    assert len(everything) == 5
    assert everything[0].published == "2024-05-02"
    assert [h.text for h in store.search_quotes(limit=2, offset=1)] == [h.text for h in everything[1:3]]


def test_quote_hit_serialises(store: SqliteStore) -> None:
    hit = store.search_quotes(speaker="Zielinska")[0]
    d = json.loads(json.dumps(hit.to_dict()))
    assert d["speaker_role"] == "union chairwoman" and d["cue"] == "said"


def test_people_merge_across_articles_and_spellings(tmp_path: Path) -> None:
    text2 = "Another day\n\nSergei LAVROV said the talks had ended. Nothing else happened.\n"
    with SqliteStore(tmp_path / "n.db") as s:
        s.add_article(kremlin_record())
        s.add_article(port_record())
        s.add_article(build_record(text2, [Q("the talks had ended", "Sergei LAVROV", kind="indirect")]))
        people = {p.key: p for p in s.people()}
    assert "tass" not in people  # an organisation entity is not a person
    lavrov = people["sergei lavrov"]
    assert lavrov.quote_count == 2 and lavrov.article_count == 2
    assert set(lavrov.names) == {"Sergéi Lavróv", "Sergei LAVROV"}
    assert lavrov.roles == ("foreign minister",)
    peskov = people["dmitry peskov"]
    assert (peskov.quote_count, peskov.article_count, peskov.roles) == (2, 1, ("Kremlin spokesman",))
    assert people["marta zielinska"].quote_count == 1


def test_people_are_most_quoted_first_and_limited(store: SqliteStore) -> None:
    rows = store.people(limit=1)
    assert len(rows) == 1 and rows[0].name == "Dmitry Peskov"


def test_quote_speaker_resolving_to_organisation_is_not_a_person(tmp_path: Path) -> None:
    text = "Head\n\nThe Kremlin said the talks were useful.\n"
    rec = build_record(
        text,
        [Q("the talks were useful", "The Kremlin", kind="indirect", entity="o1")],
        entities=[{"id": "o1", "type": "organization", "name": "The Kremlin"}],
    )
    with SqliteStore(tmp_path / "n.db") as s:
        s.add_article(rec)
        assert s.people() == []
        assert len(s.search_quotes(speaker="kremlin")) == 1


def test_stats(store: SqliteStore) -> None:
    assert store.stats() == {
        "articles": 2,
        "quotes": 5,
        "entities": 2,
        "events": 1,
        "people": 3,
        "copies": 0,
        "merges": 0,
        "schema_version": LATEST_VERSION,
    }


def test_fts_indexes_stay_in_sync(store: SqliteStore, tmp_path: Path) -> None:
    store.close()
    conn = sqlite3.connect(tmp_path / "news.db")
    # FTS5 integrity-check compares the external-content index with its base table.
    conn.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('integrity-check')")
    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
    n = conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH '\"Zielinska\"'")
    assert n.fetchone()[0] == 1
    conn.close()


def test_records_from_the_real_pipeline(tmp_path: Path) -> None:
    paths = sorted(SAMPLES.glob("*.txt"))
    assert paths
    with SqliteStore(tmp_path / "n.db") as s:
        for p in paths:
            rec = wirewatch.extract(p.read_text(encoding="utf-8"), "2024-03-14", path=str(p)).to_dict()
            assert s.add_article(rec)
            assert not s.add_article(rec)
            assert s.get_article(rec["id"]) == rec
        stats = s.stats()
        assert stats["articles"] == len(paths)
        # Whatever the pipeline finds, every stored quote points back into its text.
        for hit in s.search_quotes(limit=1000):
            record = s.get_article(hit.article_id)
            assert record is not None and hit.start is not None and hit.end is not None
            assert 0 <= hit.start <= hit.end <= len(record["text"])
            assert hit.evidence


@pytest.mark.parametrize(
    ("name", "key"),
    [("Sergéi LAVRÓV", "sergei lavrov"), ("O'Brien-Smith", "o brien smith"), ("", None), ("  .", None)],
)
def test_name_key(name: str, key: str | None) -> None:
    assert name_key(name) == key


def test_fts_query_quotes_every_word() -> None:
    assert fts_query('say "hi" OR') == '"say" "hi" "OR"'
    assert fts_query("((( ***") is None


def test_evidence_is_the_sentence_around_the_quote() -> None:
    text = 'First sentence. "We will win," he said. Next one.\nOther line.'
    start = text.index("We will")
    end = text.index(",")
    assert evidence(text, start, end) == '"We will win," he said.'
    q = "Next one"
    assert evidence(text, text.index(q), text.index(q) + len(q)) == "Next one."


def test_version_1_database_is_migrated_and_backfilled(tmp_path: Path) -> None:
    """A database written before version 2 gains people, merges, signatures on open."""
    from .old_ddl import SQLITE as OLD_DDL

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT)")
    conn.executescript(OLD_DDL[1][1])  # version 1, as it shipped
    conn.execute("INSERT INTO schema_migrations VALUES (1, 'initial', '2024-01-01T00:00:00Z')")
    rec = kremlin_record()
    conn.execute(
        "INSERT INTO articles (id, source_path, text, record_json, published) VALUES (?, ?, ?, ?, ?)",
        (rec["id"], "old.txt", rec["text"], json.dumps(rec), rec["published"]),
    )
    for i, q in enumerate(rec["quotes"]):
        conn.execute(
            "INSERT INTO quotes (article_id, ord, text, speaker_name, speaker_key, date) VALUES (?, ?, ?, ?, ?, ?)",
            (rec["id"], i, q["text"], q["speaker"]["name"], name_key(q["speaker"]["name"]), q["date"]),
        )
    conn.close()
    with SqliteStore(path) as s:
        assert s.schema_versions() == list(range(1, LATEST_VERSION + 1))
        assert {p.name for p in s.people()} == {"Dmitry Peskov", "Sergéi Lavróv"}
        near = dict(kremlin_record(), id="0" * 16, source={"path": "again.txt", "format": "text", "url": None})
        assert s.add_record(near).status == "near_duplicate"


def test_readonly_open_of_a_file_name_with_uri_characters(tmp_path: Path) -> None:
    path = tmp_path / "we?ird#name.db"
    with SqliteStore(path) as store:
        store.add_article(wirewatch.extract("Port news\n\nThe mayor said the port would reopen.").to_dict())
    with SqliteStore(path, readonly=True) as store:
        assert store.stats()["articles"] == 1
