"""Every store (SQLite, PostgreSQL): what goes in comes out, once, and can be found again.

Each test runs once per backend (the `store` fixture); PostgreSQL runs are marked
`postgres` and skip when no test server is set.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from armstrace.model import Document, Evidence, Money, PartialDate, Record, Skipped
from armstrace.store import RecordFilter, Store

from .builders import PUBLISHED, SENTENCE, make_document, make_record, make_records

AWKWARD_TEXT = (
    'Title line\nTürkiye\'s "Baykar" — said: <script>alert(1)</script>, ok; '
    "Kč34 billion (US$1.6 billion) for the jets.\r\nEnd."
)


def _full_transfer(document: Document) -> Record:
    return make_record(
        document,
        supplier="SWE",
        recipient="EST",
        supplier_name="Saab",
        recipient_name="Estonian Defence Forces",
        weapon="Giraffe 1X",
        weapon_family="Giraffe",
        category="sensor",
        quantity=12,
        value=Money(3_000_000_000_000, "SEK"),
        deal="sale",
        status="ordered",
        date=PartialDate(2024, 11, 5),
        confidence=0.8125,
        extra={"rule": "signed-contract", "tokens": [3, 7]},
    )


def _coproduction(document: Document) -> Record:
    return make_record(
        document,
        kind="coproduction",
        supplier=None,
        recipient=None,
        partners=("EST", "NOR", "SWE"),
        weapon="military drone",
        category="uav",
        quantity=None,
        deal="licence",
        status="proposed",
        date=PartialDate(2025, 2),
    )


def _bare(document: Document) -> Record:
    return Record(
        kind="transfer",
        weapon="arms",
        category="other",
        status="delivered",
        evidence=Evidence(document.text[:8], 0, 8),
        document=document,
    )


def _awkward(_: Document) -> Record:
    document = make_document(text=AWKWARD_TEXT)
    return make_record(
        document,
        sentence=AWKWARD_TEXT,
        supplier=None,
        supplier_name='Baykar "Makina"',
        weapon="Bayraktar TB2",
        weapon_family="Bayraktar",
        category="uav",
        value=Money(34_000_000_000, "CZK"),
        date=PartialDate(2023),
    )


@pytest.mark.parametrize("build", [_full_transfer, _coproduction, _bare, _awkward])
def test_add_document_round_trips_every_record_field(store: Store, build) -> None:
    record = build(make_document())
    assert store.add_document(record.document, [record])
    [stored] = list(store.iter_records())
    for field in dataclasses.fields(Record):
        assert getattr(stored, field.name) == getattr(record, field.name), field.name
    assert stored.id == record.id
    assert stored.to_json() == record.to_json()


@pytest.mark.parametrize(
    "date",
    [None, PartialDate(2022), PartialDate(2022, 7), PartialDate(2022, 7, 31)],
    ids=["none", "year", "month", "day"],
)
def test_add_document_round_trips_partial_date(store: Store, date) -> None:
    document = make_document()
    store.add_document(document, [make_record(document, date=date)])
    [stored] = list(store.iter_records())
    assert stored.date == date


@pytest.mark.parametrize(
    "document",
    [
        make_document(),
        make_document(url=None, title=None, published=None),
        make_document(text=AWKWARD_TEXT, title="Ünïcode “quotes”"),
    ],
    ids=["full", "bare", "awkward"],
)
def test_get_document_round_trips_document(store: Store, document: Document) -> None:
    store.add_document(document)
    stored = store.get_document(document.id)
    assert stored is not None
    for field in dataclasses.fields(Document):
        assert getattr(stored, field.name) == getattr(document, field.name), field.name


def test_get_document_returns_none_when_absent(store: Store) -> None:
    assert store.get_document("0123456789abcdef") is None
    assert not store.has_document("0123456789abcdef")


def test_add_document_returns_false_and_changes_nothing_when_stored(store: Store) -> None:
    document = make_document()
    assert store.add_document(document, [make_record(document)])
    assert store.has_document(document.id)
    again = store.add_document(document, [make_record(document, status="delivered")])
    assert again is False
    assert store.count_documents() == 1
    assert [r.status for r in store.iter_records()] == ["planned"]


def test_add_document_ignores_repeated_record_id(store: Store) -> None:
    document = make_document()
    record = make_record(document)
    twin = make_record(document, quantity=5)  # same id: same parties, weapon and status
    assert twin.id == record.id
    store.add_document(document, [record, twin])
    assert store.count_records() == 1


def test_add_document_rejects_record_of_another_document(store: Store) -> None:
    stranger = make_record(make_document(1))
    with pytest.raises(ValueError, match="belongs to document"):
        store.add_document(make_document(2), [stranger])
    assert store.count_documents() == 0


def test_iter_documents_yields_in_stored_order(store: Store) -> None:
    documents = [make_document(n) for n in (3, 1, 2)]
    for document in documents:
        store.add_document(document)
    assert [d.id for d in store.iter_documents()] == [d.id for d in documents]
    assert store.count_documents() == 3


def test_store_satisfies_store_protocol(store: Store) -> None:
    assert isinstance(store, Store)


# -- filters -------------------------------------------------------------


@pytest.fixture
def filled(store: Store) -> Store:
    first = make_document(1, published=dt.date(2023, 4, 2))
    second = make_document(2, published=dt.date(2024, 9, 9))
    store.add_document(
        first,
        [
            make_record(
                first, weapon="Giraffe 1X", weapon_family="Giraffe", date=PartialDate(2023)
            ),
            make_record(first, supplier="SWE", status="delivered", date=PartialDate(2023, 6)),
            make_record(
                first,
                supplier=None,
                recipient=None,
                recipient_name="Hezbollah",
                supplier_name=None,
                weapon="rocket",
                category="missile",
                status="interest",
            ),
        ],
    )
    store.add_document(
        second,
        [
            make_record(
                second,
                kind="coproduction",
                supplier=None,
                recipient=None,
                partners=("NOR", "SWE"),
                weapon="military drone",
                category="uav",
                status="proposed",
                date=PartialDate(2024, 9, 1),
            ),
            make_record(second, status="cancelled", weapon="Giraffe 4A", weapon_family="giraffe"),
        ],
    )
    return store


@pytest.mark.parametrize(
    ("record_filter", "weapons"),
    [
        (RecordFilter(), {"Giraffe 1X", "coastal radar", "rocket", "military drone", "Giraffe 4A"}),
        (RecordFilter(supplier="SWE"), {"coastal radar"}),
        (RecordFilter(supplier="swe"), {"coastal radar"}),
        (RecordFilter(recipient="hezbollah"), {"rocket"}),
        (RecordFilter(status="cancelled"), {"Giraffe 4A"}),
        (RecordFilter(kind="coproduction"), {"military drone"}),
        (RecordFilter(category="missile"), {"rocket"}),
        (RecordFilter(weapon="GIRAFFE"), {"Giraffe 1X", "Giraffe 4A"}),
        (RecordFilter(weapon="giraffe 4a"), {"Giraffe 4A"}),
        (RecordFilter(supplier="NOR", status="planned"), {"Giraffe 1X"}),
        (RecordFilter(since=dt.date(2024, 1, 1)), {"military drone", "Giraffe 4A"}),
        (
            RecordFilter(since=dt.date(2023, 6, 15)),
            {"Giraffe 1X", "coastal radar", "military drone", "Giraffe 4A"},
        ),
        (RecordFilter(until=dt.date(2023, 5, 31)), {"Giraffe 1X", "rocket"}),
        (RecordFilter(since=dt.date(2024, 9, 2), until=dt.date(2024, 9, 30)), {"Giraffe 4A"}),
    ],
    ids=lambda value: repr(value) if isinstance(value, RecordFilter) else "",
)
def test_iter_records_applies_filter(filled: Store, record_filter, weapons) -> None:
    found = [record.weapon for record in filled.iter_records(record_filter)]
    assert sorted(found) == sorted(weapons)
    assert filled.count_records(record_filter) == len(weapons)


def test_iter_records_filters_by_document_id(filled: Store) -> None:
    document = make_document(2, published=dt.date(2024, 9, 9))
    records = list(filled.iter_records(RecordFilter(document_id=document.id)))
    assert {record.document for record in records} == {document}
    assert len(records) == 2


@pytest.mark.parametrize(
    "hostile", ['") OR 1=1 --', "' OR '1'='1", "NOR'; DROP TABLE records; --", "%", "*", ""]
)
@pytest.mark.parametrize(
    "field", ["supplier", "recipient", "status", "kind", "category", "weapon", "document_id"]
)
def test_iter_records_hostile_filter_value_matches_nothing(
    filled: Store, field: str, hostile: str
) -> None:
    record_filter = RecordFilter(**{field: hostile})
    assert list(filled.iter_records(record_filter)) == []
    assert filled.count_records(record_filter) == 0
    assert filled.count_records() == 5


@pytest.mark.parametrize(
    ("limit", "offset", "expected"),
    [
        (2, 0, ["Giraffe 1X", "coastal radar"]),
        (2, 3, ["military drone", "Giraffe 4A"]),
        (None, 4, ["Giraffe 4A"]),
        (0, 0, []),
        (10, 9, []),
    ],
)
def test_iter_records_pages_in_stored_order(filled: Store, limit, offset, expected) -> None:
    record_filter = RecordFilter(limit=limit, offset=offset)
    assert [record.weapon for record in filled.iter_records(record_filter)] == expected
    assert filled.count_records(record_filter) == 5


@pytest.mark.parametrize(
    "arguments",
    [{"limit": -1}, {"offset": -2}, {"since": dt.date(2024, 2, 1), "until": dt.date(2024, 1, 1)}],
)
def test_record_filter_rejects_impossible_values(arguments) -> None:
    with pytest.raises(ValueError):
        RecordFilter(**arguments)


def test_iter_records_shares_one_document_object_per_document(filled: Store) -> None:
    records = list(filled.iter_records())
    assert len({id(record.document) for record in records}) == 2


# -- search ---------------------------------------------------------------


def test_search_finds_word_after_insert(store: Store) -> None:
    document = make_document()
    assert store.search("radars") == []
    store.add_document(document)
    [hit] = store.search("radars")
    assert hit.document_id == document.id
    assert hit.title == document.title
    assert hit.url == document.url
    assert hit.published == PUBLISHED
    assert hit.score > 0


@pytest.mark.parametrize(
    ("query", "expected"),
    [("coastal", "[coastal]"), ("Radar", "[radars]"), ("gulf finland", "[Gulf] of [Finland]")],
)
def test_search_snippet_highlights_matched_words(store: Store, query, expected) -> None:
    store.add_document(make_document())
    [hit] = store.search(query)
    assert expected in hit.snippet


def test_search_uses_given_highlight_markers(store: Store) -> None:
    store.add_document(make_document())
    [hit] = store.search("Estonia", highlight=("<<", ">>"))
    assert "<<Estonia>>" in hit.snippet


def test_search_finds_title_and_accent_free_spelling(store: Store) -> None:
    document = make_document(text=AWKWARD_TEXT, title="Drones for Ankara")
    store.add_document(document)
    assert [hit.document_id for hit in store.search("ankara")] == [document.id]
    assert [hit.document_id for hit in store.search("Turkiye")] == [document.id]


def test_search_ranks_the_document_that_says_it_more_first(store: Store) -> None:
    once = make_document(1)
    often = make_document(text="Radars, radars: radars everywhere. Estonia wants radars.")
    store.add_document(once)
    store.add_document(often)
    assert [hit.document_id for hit in store.search("radar")] == [often.id, once.id]


def test_search_requires_every_word(store: Store) -> None:
    store.add_document(make_document())
    assert store.search("radars submarine") == []


@pytest.mark.parametrize(("query", "found"), [
    ('"coastal radars"', True), ('"radars coastal"', False), ('"coastal radars', True),
    ("submarine OR radars", True), ("radars OR submarine", True), ("submarine OR frigate", False),
    ("submarine OR radars Estonia", True), ("submarine OR radars Chile", False),
    ("submarine or radars", False),  # "or" in lower case is a word like any other
    ('"coastal radars" OR "the price" Finland', True),
])
def test_search_phrases_and_or(store: Store, query: str, found: bool) -> None:
    document = make_document()
    store.add_document(document)
    hits = [hit.document_id for hit in store.search(query)]
    assert hits == ([document.id] if found else [])
    assert store.count_search(query) == len(hits)


def test_search_orders_by_publication_date(store: Store) -> None:
    days = [dt.date(2021, 5, 1), dt.date(2024, 1, 2), None, dt.date(2019, 7, 3)]
    documents = [make_document(number, published=day) for number, day in enumerate(days)]
    for document in documents:
        store.add_document(document)
    dated = sorted((d for d in documents if d.published), key=lambda d: d.published)

    newest = [hit.document_id for hit in store.search("radars", order="newest")]
    oldest = [hit.document_id for hit in store.search("radars", order="oldest")]

    assert newest == [d.id for d in reversed(dated)] + [documents[2].id]  # undated last
    assert oldest == [d.id for d in dated] + [documents[2].id]
    assert [hit.document_id for hit in store.search("radars", 2, offset=1, order="newest")] \
        == newest[1:3]
    with pytest.raises(ValueError, match="relevance, newest, oldest"):
        store.search("radars", order="sideways")


def test_search_re_ingest_does_not_duplicate_hits(store: Store) -> None:
    document = make_document()
    store.add_document(document)
    store.add_document(document)
    assert len(store.search("radars")) == 1
    assert store.count_search("radars") == 1


def test_sqlite_re_ingest_does_not_duplicate_index_rows(
    sqlite_store: Store, database_path: Path
) -> None:
    document = make_document()
    sqlite_store.add_document(document)
    sqlite_store.add_document(document)
    with sqlite3.connect(database_path) as connection:
        assert connection.execute("SELECT count(*) FROM documents_fts_docsize").fetchone()[0] == 1
        # raises if the index and the documents table disagree
        connection.execute("INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')")


@pytest.mark.parametrize(
    "hostile",
    [
        '") OR 1=1 --',
        '"',
        "NEAR(radars coastal)",
        "radars*",
        "title:radars",
        "AND OR NOT",
        "'; DROP TABLE documents; --",
        "(((",
        "   ",
        "^",
        "{title text}: x",
    ],
)
def test_search_hostile_query_does_not_raise(store: Store, hostile: str) -> None:
    store.add_document(make_document())
    hits = store.search(hostile)
    assert isinstance(hits, list)
    assert store.count_documents() == 1


@pytest.mark.parametrize("query", ["radars AND zeppelin", "radars NOT zeppelin",
                                   "radars zeppelin*", "NEAR(radars zeppelin)", "radars -zeppelin",
                                   "radars or zeppelin"])
def test_search_treats_other_operators_as_words(store: Store, query: str) -> None:
    store.add_document(make_document())
    # Read as operators, each would match; as words, the one not in the text must be there.
    # (OR in capitals is the search's own operator: test_search_phrases_and_or.)
    assert store.search(query) == []


# -- skipped and summary --------------------------------------------------


def test_add_skipped_counts_repeats_instead_of_duplicating(store: Store, clock) -> None:
    skipped = Skipped("feeds/news.xml#4", "clean", "not English (detected: de)")
    store.add_skipped(skipped)
    store.add_skipped(dataclasses.replace(skipped, document_id="aa11bb22cc33dd44"))
    store.add_skipped(Skipped("feeds/news.xml#5", "clean", "empty after boilerplate removal"))
    entries = list(store.iter_skipped())
    assert [(e.skipped.source, e.count) for e in entries] == [
        ("feeds/news.xml#4", 2),
        ("feeds/news.xml#5", 1),
    ]
    first = entries[0]
    assert first.skipped.document_id == "aa11bb22cc33dd44"
    assert first.last_seen - first.first_seen == dt.timedelta(minutes=1)
    assert first.first_seen.tzinfo is not None


def test_summary_counts_documents_records_and_skipped(filled: Store) -> None:
    filled.add_skipped(Skipped("a.html", "ingest", "no article text found"))
    filled.add_skipped(Skipped("a.html", "ingest", "no article text found"))
    summary = filled.summary()
    assert (summary.documents, summary.records, summary.skipped) == (2, 5, 1)
    assert summary.records_by_status == {
        "interest": 1,
        "proposed": 1,
        "planned": 1,
        "ordered": 0,
        "delivered": 1,
        "cancelled": 1,
    }


def test_summary_of_empty_store_is_zero(store: Store) -> None:
    summary = store.summary()
    assert (summary.documents, summary.records, summary.skipped) == (0, 0, 0)
    assert set(summary.records_by_status.values()) == {0}


def test_builders_evidence_matches_document_text() -> None:
    document = make_document()
    for record in [make_record(document), *make_records(document, 3)]:
        evidence = record.evidence
        assert document.text[evidence.start : evidence.end] == evidence.text == SENTENCE
