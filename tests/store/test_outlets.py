"""The outlet filter of records and deals (issue 14): the site of the sources, its
subdomains too, in both stores, and documents stored before it get their site."""

from __future__ import annotations

import pytest
from tests.conftest import open_test_store, undo_migrations
from tests.store.builders import make_document, make_record

from armstrace.merge import update_deals
from armstrace.store import DealFilter, RecordFilter, Store

# name: (URL, recipient); a recipient each, so each document's record is a deal of its own.
URLS = {
    "reuters": ("https://www.reuters.com/world/radars-1", "EST"),
    "uk-reuters": ("https://uk.reuters.com/article/radars-2", "LVA"),
    "bbc": ("https://www.bbc.co.uk/news/radars-3", "LTU"),
    "none": (None, "FIN"),
}


def _add_documents(store: Store) -> dict[str, str]:
    """Store one document (and record, of its own deal) per URL; return record ids by name."""
    ids = {}
    for number, (name, (url, recipient)) in enumerate(URLS.items()):
        document = make_document(number, url=url)
        record = make_record(document, recipient=recipient)
        store.add_document(document, [record])
        ids[name] = record.id
    update_deals(store)
    return ids


@pytest.mark.parametrize(("outlet", "expected"), [
    ("reuters.com", {"reuters", "uk-reuters"}),
    ("uk.reuters.com", {"uk-reuters"}),
    ("bbc.co.uk", {"bbc"}),
    ("co.uk", {"bbc"}),
    ("euters.com", set()),
    ("reuters_com", set()),
])
def test_records_and_deals_filter_by_outlet(store: Store, outlet: str,
                                            expected: set[str]) -> None:
    ids = _add_documents(store)
    names = {record_id: name for name, record_id in ids.items()}
    records = {names[r.id] for r in store.iter_records(RecordFilter(outlet=outlet))}
    by_recipient = {recipient: name for name, (_, recipient) in URLS.items()}
    deals = {by_recipient[str(deal.recipient)]
             for deal in store.iter_deals(DealFilter(outlet=outlet))}
    assert records == expected
    assert deals == expected
    assert store.count_records(RecordFilter(outlet=outlet)) == len(expected)
    assert store.count_deals(DealFilter(outlet=outlet)) == len(expected)


def test_documents_stored_before_the_outlet_get_their_site(store_url: str) -> None:
    with open_test_store(store_url) as store:
        _add_documents(store)
    _forget_sites(store_url)
    with open_test_store(store_url) as store:
        found = {r.recipient for r in store.iter_records(RecordFilter(outlet="reuters.com"))}
        searched = [hit.document_id for hit in store.search("Gulf of Finland")]
    assert found == {"EST", "LVA"}
    assert len(searched) == len(URLS)  # the full-text index is whole after the migration


def _forget_sites(url: str) -> None:
    """Take the store back before its last migration (SQLite's 9, PostgreSQL's 8)."""
    undo_migrations(url, ["DROP INDEX documents_site",
                          "ALTER TABLE documents DROP COLUMN site"], 1)
