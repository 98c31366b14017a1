"""Every store's fetch states, watchlists and alerts (issue 7, live feeds): SQLite, PostgreSQL."""

from __future__ import annotations

import datetime as dt

from tests.conftest import open_test_store

from armstrace.alerts import deal_state, make_watchlist, raise_alerts
from armstrace.merge import update_deals
from armstrace.store import DealFilter, FetchState, Store

from .builders import make_document, make_record

AT = dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.UTC)


def test_fetch_state_is_kept_across_connections_and_replaced(store_url: str) -> None:
    first = FetchState("http://a.test/feed", AT, 200, '"e1"', "Wed, 25 Nov 2026 10:00:00 GMT",
                       "http://a.test/feed.xml")
    later = FetchState("http://a.test/feed", AT + dt.timedelta(hours=1), 304, '"e1"')
    with open_test_store(store_url) as store:
        assert store.get_fetch_state(first.url) is None
        store.save_fetch_state(first)
    with open_test_store(store_url) as store:
        assert store.get_fetch_state(first.url) == first
        store.save_fetch_state(later)
        assert store.get_fetch_state(first.url) == later


def test_watchlists_are_added_once_listed_and_removed(store: Store) -> None:
    watchlist = make_watchlist(DealFilter(recipient="SRB", category="uav",
                                          since=dt.date(2026, 1, 1)),
                               webhook="http://127.0.0.1:9/hook", created=AT)
    assert store.add_watchlist(watchlist)
    assert not store.add_watchlist(make_watchlist(watchlist.deals,
                                                  webhook="http://127.0.0.1:9/hook"))
    assert list(store.iter_watchlists()) == [watchlist]
    assert store.remove_watchlist(watchlist.id)
    assert not store.remove_watchlist(watchlist.id)
    assert list(store.iter_watchlists()) == []


def test_alerts_are_stored_once_per_deal_state_and_removed_with_their_watchlist(
    store: Store,
) -> None:
    document = make_document()
    store.add_document(document, [make_record(document)])
    update_deals(store)
    [deal] = store.iter_deals()
    watchlist = make_watchlist(DealFilter(recipient=deal.recipient), created=AT)
    store.add_watchlist(watchlist)

    [alert] = raise_alerts(store, now=AT)
    again = raise_alerts(store, now=AT)

    assert again == []
    assert alert.state == deal_state(deal) and alert.change == "new"
    assert store.alerted_deal_states(watchlist.id) == {deal.id: alert.state}
    assert list(store.iter_alerts()) == [alert]
    assert not store.add_alert(alert)
    store.mark_alert_delivered(alert.id, AT)
    [delivered] = store.iter_alerts(watchlist.id)
    assert delivered.delivered == AT
    store.remove_watchlist(watchlist.id)
    assert list(store.iter_alerts()) == []
