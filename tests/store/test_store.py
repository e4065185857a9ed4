"""Store behaviour, run against every backend (SQLite always; PostgreSQL with WIREWATCH_TEST_PG)."""

from __future__ import annotations

from typing import Any

import pytest

import wirewatch
from wirewatch.errors import StoreError
from wirewatch.store import QuoteFilter, Store, open_store
from wirewatch.store.schema import LATEST_VERSION

from .builders import Q, build_record
from .test_sqlite import KREMLIN, kremlin_record, port_record


def peskov_record(first: str, n: int, published: str, role: str = "Kremlin spokesman") -> dict[str, Any]:
    name = f"{first} Peskov" if first else "Peskov"
    text = f"Story {n}\n\n{name} said the talks number {n} were over. Nobody else spoke about it.\n"
    return build_record(
        text,
        [Q(f"the talks number {n} were over", name, role=role, kind="indirect")],
        published=published,
        path=f"p{n}.txt",
    )


def wire(n: int, path: str, tail: str = "") -> dict[str, Any]:
    body = (
        "Ministers from twelve countries met in Geneva on Tuesday to discuss a new agreement on grain exports "
        "through the Black Sea, officials said after a long day of talks that ran late into the evening. "
        "The draft text would let ships leave three ports under inspection by a joint centre in Istanbul, "
        "and the delegations agreed to meet again next week to settle the remaining questions on insurance. "
    )
    return build_record(f"Grain talks\n\n{body}{tail}\n", [], path=path, published="2024-06-0" + str(n))


@pytest.fixture
def store(empty_store: Store) -> Store:
    assert empty_store.add_article(kremlin_record())
    assert empty_store.add_article(port_record())
    return empty_store


def test_round_trip_and_idempotent_add(store: Store) -> None:
    rec = kremlin_record()
    assert store.get_article(rec["id"]) == rec
    assert store.add_record(rec).status == "duplicate"
    assert store.stats()["articles"] == 2 and store.stats()["quotes"] == 5
    assert store.get_article("missing") is None


def test_migrations_recorded(store_url: str) -> None:
    with open_store(store_url) as s:
        first = s.schema_versions()
    with open_store(store_url) as s:
        assert s.schema_versions() == first == list(range(1, LATEST_VERSION + 1))


def test_search_text_speaker_kind(store: Store) -> None:
    assert [h.text for h in store.search_quotes(text="worst silence")] == ["The worst outcome would be silence"]
    assert len(store.search_quotes(text="MEETING")) == 1
    assert len(store.search_quotes(speaker="Peskov")) == 2
    assert len(store.search_quotes(speaker="dmitry peskov")) == 2
    assert store.search_quotes(speaker="Pesk") == []
    assert [h.speaker_name for h in store.search_quotes(speaker="lavrov")] == ["Sergéi Lavróv"]
    assert [h.speaker_mention for h in store.search_quotes(speaker="spokesman")] == ["A spokesman"]
    assert [h.text for h in store.search_quotes(speaker="Peskov", kind="indirect", text="date")] == [
        "no date had been set"
    ]
    hit = store.search_quotes(text="worst")[0]
    assert hit.start is not None and KREMLIN[hit.start : hit.end] == hit.text
    assert "told reporters" in hit.evidence and hit.person_id is not None


@pytest.mark.parametrize(
    "nasty",
    ['"unbalanced', "AND OR (", "NEAR(", "*", "col:x", "'; DROP TABLE quotes; --", "%", "_", "\\", "<script>", "ü"],
)
def test_nasty_strings_never_raise(store: Store, nasty: str) -> None:
    for f in (
        QuoteFilter(text=nasty),
        QuoteFilter(speaker=nasty),
        QuoteFilter(organization=nasty),
        QuoteFilter(place=nasty),
        QuoteFilter(agency=nasty),
    ):
        assert isinstance(store.search_quotes(f), list)
    assert store.stats()["quotes"] == 5


def test_filters_org_place_agency_dates(empty_store: Store) -> None:
    text = "Head\n\nMOSCOW, May 3. /TASS/. Gazprom said gas flows were stable.\n"
    rec = build_record(
        text,
        [Q("gas flows were stable", "Gazprom", kind="indirect", entity="o1")],
        published="2024-05-03",
        entities=[
            {"id": "o1", "type": "organization", "name": "Gazprom"},
            {"id": "l1", "type": "place", "name": "Moscow"},
        ],
    )
    rec["dateline"] = {
        "text": "MOSCOW, May 3. /TASS/.",
        "start": 6,
        "end": 28,
        "place": "Moscow",
        "date": "2024-05-03",
        "date_inferred": False,
        "agency": "TASS",
    }
    empty_store.add_article(rec)
    empty_store.add_article(port_record())
    hits = empty_store.search_quotes
    assert [h.text for h in hits(QuoteFilter(organization="gazprom"))] == ["gas flows were stable"]
    assert [h.agency for h in hits(QuoteFilter(agency="tass"))] == ["TASS"]
    assert len(hits(QuoteFilter(place="Moscow"))) == 1
    assert len(hits(QuoteFilter(date_from="2024-05-03", date_to="2024-05-03"))) == 1
    assert len(hits(QuoteFilter(date_from="2024-05-01"))) == 3
    assert hits(QuoteFilter(date_to="2024-01-01")) == []
    assert empty_store.people(type="organization")[0].name == "Gazprom"
    assert all(p.name != "Gazprom" for p in empty_store.people())


def test_pagination(store: Store) -> None:
    everything = store.search_quotes()
    assert len(everything) == 5 and everything[0].published == "2024-05-02"
    assert [h.text for h in store.search_quotes(limit=2, offset=1)] == [h.text for h in everything[1:3]]
    oldest = store.search_quotes(order="oldest")
    assert oldest[0].published == "2024-03-14"


def test_people_merge_spellings_and_surname(empty_store: Store) -> None:
    s = empty_store
    s.add_article(peskov_record("", 1, "2016-01-05", role="press secretary"))
    s.add_article(peskov_record("Dmitry", 2, "2016-12-09"))
    s.add_article(peskov_record("Dmitri", 3, "2017-02-01"))
    s.add_article(peskov_record("Natalia", 4, "2017-03-01", role="ballet dancer"))
    people = s.people()
    by_name = {p.name: p for p in people}
    assert set(by_name) == {"Dmitry Peskov", "Natalia Peskov"}
    dmitry = by_name["Dmitry Peskov"]
    assert dmitry.quote_count == 3 and set(dmitry.names) == {"Peskov", "Dmitry Peskov", "Dmitri Peskov"}
    detail = s.person(dmitry.id)
    assert detail is not None and detail.first == "2016-01-05" and detail.last == "2017-02-01"
    assert [(r.role, r.first, r.last) for r in detail.roles] == [
        ("press secretary", "2016-01-05", "2016-01-05"),
        ("Kremlin spokesman", "2016-12-09", "2017-02-01"),
    ]
    assert [b.month for b in s.timeline(dmitry.id)] == ["2016-01", "2016-12", "2017-02"]
    assert [h.date for h in s.search_quotes(QuoteFilter(person=dmitry.id), order="oldest")] == [
        "2016-01-05",
        "2016-12-09",
        "2017-02-01",
    ]
    # Any merged spelling finds every quote of the person.
    assert len(s.search_quotes(speaker="Dmitri Peskov")) == 3
    assert s.find_person("Dmitri Peskov") == dmitry.id
    merges = s.merges()
    assert len(merges) == 2 and all(m.automatic for m in merges)
    assert {m.into_person for m in merges} == {dmitry.id}
    # Undo the Dmitri merge: two people again, and a re-ingest does not merge them back.
    dmitri_merge = next(m for m in merges if "dmitri peskov" in m.keys)
    undone = s.undo_merge(dmitri_merge.id)
    assert undone.undone_at
    names = {p.name for p in s.people()}
    assert {"Dmitry Peskov", "Dmitri Peskov"} <= names
    s.add_article(peskov_record("Dmitri", 5, "2017-04-01"))
    assert {p.name: p.quote_count for p in s.people()}["Dmitri Peskov"] == 2
    with pytest.raises(StoreError, match="already undone"):
        s.undo_merge(dmitri_merge.id)
    with pytest.raises(StoreError, match="no merge"):
        s.undo_merge(999)
    # Merge by hand, then inspect it.
    dmitri_id = s.find_person("Dmitri Peskov")
    assert dmitri_id is not None and dmitri_id != dmitry.id
    row = s.merge_people(dmitri_id, dmitry.id)
    assert not row.automatic and row.into_name == "Dmitry Peskov"
    assert {p.id: p.quote_count for p in s.people()}[dmitry.id] == 4
    with pytest.raises(StoreError):
        s.merge_people(dmitry.id, dmitry.id)


def test_full_name_adopts_earlier_surname(empty_store: Store) -> None:
    empty_store.add_article(peskov_record("", 1, "2016-01-05"))
    assert [p.name for p in empty_store.people()] == ["Peskov"]
    empty_store.add_article(peskov_record("Dmitry", 2, "2016-12-09"))
    assert [(p.name, p.quote_count) for p in empty_store.people()] == [("Dmitry Peskov", 2)]


def test_organisations_merge(empty_store: Store) -> None:
    for n, name in enumerate(["The Kremlin", "Kremlin"]):
        text = f"Head {n}\n\n{name} said talks were useful number {n}.\n"
        empty_store.add_article(
            build_record(
                text,
                [Q(f"talks were useful number {n}", name, kind="indirect", entity="o1")],
                entities=[{"id": "o1", "type": "organization", "name": name}],
            )
        )
    orgs = empty_store.people(type="organization")
    assert len(orgs) == 1 and orgs[0].quote_count == 2


def test_exact_and_near_duplicates_are_linked(store_url: str) -> None:
    with open_store(store_url) as s:
        first = s.add_record(wire(1, "site-a/story.html"))
        assert first.status == "stored"
        again = s.add_record(wire(1, "site-b/copy.html"))
        assert (again.status, again.article_id) == ("duplicate", first.article_id)
        assert s.add_record(wire(1, "site-a/story.html")).status == "duplicate"  # the same file again
        assert s.note_copy(first.article_id, "site-c/x.html") is True
        assert s.note_copy(first.article_id, "site-c/x.html") is False
    # Reopened: the LSH index lives in the database.
    with open_store(store_url) as s:
        near = s.add_record(wire(2, "site-d/reworded.html", tail="Reporting by a staff writer."))
        assert near.status == "near_duplicate" and near.article_id == first.article_id
        assert 0.5 < near.similarity < 1.0
        other = s.add_record(build_record("Other\n\nSomething else entirely happened in Lima today.\n", []))
        assert other.status == "stored"
        copies = s.copies(first.article_id)
        assert {(c.source_path, c.kind) for c in copies} == {
            ("site-b/copy.html", "exact"),
            ("site-c/x.html", "exact"),
            ("site-d/reworded.html", "near"),
        }
        assert s.stats()["articles"] == 2 and s.stats()["copies"] == 3


def test_co_mentions(empty_store: Store) -> None:
    text = "Head\n\nSergei Lavrov said Antony Blinken was wrong. Antony Blinken was not there.\n"
    first, last = text.index("Antony"), text.rindex("Antony")
    rec = build_record(
        text,
        [Q("Antony Blinken was wrong", "Sergei Lavrov", kind="indirect", entity="p1")],
        entities=[
            {"id": "p1", "type": "person", "name": "Sergei Lavrov", "mentions": [[6, 19]]},
            {
                "id": "p2",
                "type": "person",
                "name": "Antony Blinken",
                "mentions": [[first, first + 14], [last, last + 14]],
            },
        ],
    )
    empty_store.add_article(rec)
    lavrov = empty_store.find_person("Lavrov")
    assert lavrov is not None
    co = empty_store.co_mentions(lavrov)
    assert [(c.speaker, c.mentioned, c.count) for c in co] == [("Sergei Lavrov", "Antony Blinken", 1)]
    assert empty_store.co_mentions() == co


def test_events_articles_and_export_rows(store: Store) -> None:
    assert [e.kind for e in store.events()] == ["meeting"]
    assert {a.headline for a in store.articles()} == {"Kremlin comments on talks", "Port strike goes on"}
    assert len(list(store.iter_table("quotes"))) == 5
    assert {r["id"] for r in store.iter_table("articles")} == {kremlin_record()["id"], port_record()["id"]}
    assert len(list(store.iter_table("people"))) == 3
    with pytest.raises(StoreError):
        list(store.iter_table("nope"))


def test_records_from_the_real_pipeline(empty_store: Store) -> None:
    texts = [
        (
            "MOSCOW, December 9. /TASS/. Kremlin spokesman Dmitry Peskov said on Friday that the talks "
            'would continue. "We are ready to meet," Peskov told reporters.\n',
            "2016-12-09",
        ),
        (
            'MOSCOW, December 12. /TASS/. "There is no date yet," Dmitri Peskov, the Kremlin spokesman, '
            "told journalists on Monday.\n",
            "2016-12-12",
        ),
    ]
    for text, published in texts:
        rec = wirewatch.extract(text, published=published).to_dict()
        assert empty_store.add_article(rec)
        assert empty_store.get_article(rec["id"]) == rec
    peskovs = [p for p in empty_store.people() if p.key.endswith("peskov")]
    assert len(peskovs) == 1, empty_store.people()
    hits = empty_store.search_quotes(QuoteFilter(person=peskovs[0].id))
    assert len(hits) >= 2
    for hit in hits:
        record = empty_store.get_article(hit.article_id)
        assert record is not None and hit.start is not None
        assert record["text"][hit.start : hit.end] == hit.text


def test_lsh_layout_change_rebuilds_the_band_table(store_url: str) -> None:
    from wirewatch.config import Settings

    with open_store(store_url, Settings.load(near_duplicate_percent=80)) as s:
        first = s.add_record(wire(1, "site-a/story.html"))
    # A new threshold means another band layout: the bands are rebuilt from the stored records.
    with open_store(store_url, Settings.load(near_duplicate_percent=60)) as s:
        near = s.add_record(wire(2, "site-d/reworded.html", tail="Reporting by a staff writer."))
        assert (near.status, near.article_id) == ("near_duplicate", first.article_id)
    with open_store(store_url, Settings.load(near_duplicate_percent=100)) as s:
        assert s.add_record(wire(3, "site-e/other.html", tail="Another tail entirely.")).status == "stored"


def _batch_story() -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """An article stored beforehand without a signature, then a batch that merges people inside
    itself and repeats or nearly repeats its own articles (and the earlier one)."""
    early = build_record("Early\n\nNothing was said in Oslo about the fisheries deal this week.\n", [], path="e.txt")
    batch = [
        peskov_record("", 1, "2016-01-05"),
        peskov_record("Dmitry", 2, "2016-12-09"),
        peskov_record("Dmitri", 3, "2017-02-01"),
        dict(peskov_record("Dmitry", 2, "2016-12-09"), source={"path": "mirror/p2.txt", "format": "text"}),
        wire(1, "site-a/story.html"),
        wire(2, "site-b/reworded.html", tail="Reporting by a staff writer."),
        dict(early, source={"path": "mirror/e.txt", "format": "text"}),
        peskov_record("Natalia", 4, "2017-03-01", role="ballet dancer"),
    ]
    return early, batch


def _outcome(s: Store, results: list[Any]) -> dict[str, Any]:
    return {
        "results": [(r.status, r.article_id, round(r.similarity, 4)) for r in results],
        "people": [(p.name, p.quote_count, p.article_count, p.names) for p in s.people()],
        "merges": [(m.from_name, m.into_name, m.keys, m.reason) for m in s.merges()],
        "copies": [(c.article_id, c.copy_id, c.source_path, c.kind, c.similarity) for c in s.copies()],
        "stats": s.stats(),
    }


@pytest.mark.parametrize("batched", [True, False], ids=["add_many", "add_record"])
def test_every_write_path_stores_the_same(store_url: str, tmp_path: Any, batched: bool) -> None:
    """``add_many`` (PostgreSQL: pipelined, one statement per article) and ``add_record``
    (PostgreSQL: optimistic, one round trip when the article decides nothing) give what
    ``add_record`` gives on SQLite: statuses, merged people, merges, copies in order."""
    early, batch = _batch_story()
    with open_store(str(tmp_path / "reference.db")) as ref:
        ref.add_many([early], dedup=False)
        expected = _outcome(ref, [ref.add_record(r) for r in batch])
    with open_store(store_url) as s:
        s.add_many([early], dedup=False)
        got = _outcome(s, s.add_many(batch) if batched else [s.add_record(r) for r in batch])
    assert [r[0] for r in got["results"]] == [
        "stored",
        "stored",
        "stored",
        "duplicate",
        "stored",
        "near_duplicate",
        "duplicate",
        "stored",
    ]
    assert got == expected
    # Stored once more, one by one: every article is a duplicate now, and nothing changes.
    with open_store(store_url) as s:
        assert {s.add_record(r).status for r in batch} == {"duplicate", "near_duplicate"}
        assert _outcome(s, [])["people"] == expected["people"]


def test_a_failed_batch_leaves_nothing_and_the_store_usable(store_url: str) -> None:
    with open_store(store_url) as s:
        bad = peskov_record("Dmitry", 9, "2016-12-09")
        bad["quotes"][0]["pieces"] = [["not", "numbers"]]
        with pytest.raises(StoreError):
            s.add_many([peskov_record("", 1, "2016-01-05"), bad])
        assert s.stats()["articles"] == 0 and s.people() == []
        assert s.add_record(peskov_record("", 1, "2016-01-05")).status == "stored"
        assert [p.name for p in s.people()] == ["Peskov"]
