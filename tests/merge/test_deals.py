"""The pure merge: records in, deals out (spec section 3)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from armstrace.merge import deal_from_json, deal_key, merge_records
from armstrace.model import Money, Record

from .builders import make_document, make_record

DAY = dt.date(2024, 5, 1)


def records_of(*specs: dict[str, object]) -> list[Record]:
    """Return one record per spec, each from its own document (published per spec)."""
    found = []
    for number, spec in enumerate(specs):
        fields = dict(spec)
        published = fields.pop("published", DAY)
        site = str(fields.pop("site", "news.example"))
        document = make_document(number, published, site)  # type: ignore[arg-type]
        found.append(make_record(document, **fields))
    return found


def test_merge_records_groups_one_transfer_across_documents() -> None:
    found = records_of({"status": "ordered"}, {"status": "ordered"}, {"status": "ordered"})
    deals = merge_records(found)
    assert len(deals) == 1
    assert deals[0].source_count == 3
    assert deals[0].record_ids == tuple(sorted(r.id for r in found))


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ({"recipient": "THA"}, {"recipient": "HUN"}),
        ({"supplier": "SWE"}, {"supplier": "FRA"}),
        ({"weapon_family": "Gripen"}, {"weapon": "Rafale", "weapon_family": "Rafale"}),
        (
            {"weapon": "fighter jet", "weapon_family": None},
            {"weapon": "frigate", "weapon_family": None, "category": "ship"},
        ),
        ({"weapon": "fighter jet", "weapon_family": None}, {}),
    ],
)
def test_merge_records_keeps_different_transfers_apart(
    first: dict[str, object], second: dict[str, object]
) -> None:
    assert len(merge_records(records_of(first, second))) == 2


def test_merge_records_joins_generic_mentions_of_one_category() -> None:
    generic = {"weapon_family": None, "category": "other"}
    found = records_of({**generic, "weapon": "arms"}, {**generic, "weapon": "weapon"})
    deals = merge_records(found)
    assert len(deals) == 1


def test_merge_records_joins_variants_of_one_family() -> None:
    deals = merge_records(records_of({"weapon": "Gripen C"}, {"weapon": "Gripen E"}))
    assert [deal.weapons for deal in deals] == [("Gripen C", "Gripen E")]


def test_merge_records_joins_coproduction_by_partner_set() -> None:
    copro = {"kind": "coproduction", "supplier": None, "recipient": None}
    deals = merge_records(
        records_of({**copro, "partners": ("GBR", "ITA")}, {**copro, "partners": ("GBR", "ITA")})
    )
    assert len(deals) == 1
    assert deals[0].partners == ("GBR", "ITA")


def test_merge_records_gives_the_same_deals_in_any_order() -> None:
    found = records_of(
        {"status": "planned", "date": "2022"},
        {"status": "ordered", "date": "2023-02", "quantity": 12},
        {"status": "ordered", "date": "2023-02", "quantity": 14},
        {"status": "delivered", "date": "2024-01-10", "quantity": 4},
        {"status": "ordered", "recipient": "HUN", "date": "2024"},
        {"status": "interest", "date": "2031"},
    )
    expected = merge_records(found)
    for permutation in itertools.permutations(found):
        assert merge_records(permutation) == expected


def test_merge_records_keeps_conflicting_quantities_with_their_sources() -> None:
    found = records_of({"quantity": 12}, {"quantity": 14}, {"quantity": 12})
    (deal,) = merge_records(found)
    assert [(item.value, len(item.record_ids)) for item in deal.quantity_ordered] == [
        (12, 2),
        (14, 1),
    ]
    assert deal.conflict_slots == ("quantity_ordered",)


def test_merge_records_flags_no_conflict_when_sources_agree() -> None:
    (deal,) = merge_records(records_of({"value": Money(9, "USD")}, {"value": Money(9, "USD")}))
    assert deal.conflicts == ()
    assert [item.value for item in deal.value] == [Money(9, "USD")]


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ([("ordered", "2020"), ("delivered", "2021")], "delivered"),
        ([("delivered", "2021"), ("ordered", "2020")], "delivered"),
        ([("ordered", "2020"), ("cancelled", "2021")], "cancelled"),
        ([("ordered", "2020"), ("delivered", "2021"), ("cancelled", "2021-06")], "cancelled"),
        ([("ordered", "2020-03"), ("planned", "2021")], "ordered"),
        ([("planned", "2020"), ("cancelled", "2020-05"), ("ordered", "2020-09")], "ordered"),
        ([("ordered", "2020-03-01"), ("delivered", "2020-03-01")], "delivered"),
    ],
)
def test_merge_records_current_status_follows_the_dates(
    statuses: list[tuple[str, str]], expected: str
) -> None:
    found = records_of(*({"status": status, "date": date} for status, date in statuses))
    (deal,) = merge_records(found)
    assert deal.status == expected


def test_merge_records_history_lists_statuses_in_date_order() -> None:
    found = records_of(
        {"status": "delivered", "date": "1986"},
        {"status": "ordered", "date": "1983"},
        {"status": "ordered", "date": "1983"},
    )
    (deal,) = merge_records(found)
    assert [(c.status, str(c.date), len(c.record_ids)) for c in deal.history] == [
        ("ordered", "1983", 2),
        ("delivered", "1986", 1),
    ]


def test_merge_records_undated_records_stay_undated() -> None:
    # Time is evidence (issue 15, item 1): the publication is not the date of the status.
    (deal,) = merge_records(records_of({"published": dt.date(2023, 4, 5)}))
    assert deal.history[0].date is None


@pytest.mark.parametrize(
    ("specs", "expected"),
    [
        # "approved the sale of 66 F-16s on Tuesday"; "already flies F-16s bought in the
        # 1990s": background never becomes the current status over a dated status
        (({"status": "planned", "date": "2019-08-20", "quantity": 66},
          {"status": "delivered"}), "planned"),
        (({"status": "ordered", "date": "2021-01-25"}, {"status": "delivered"},
          {"status": "cancelled"}), "ordered"),
        # "ordered 24 in February 2015 ... All 24 aircraft have since been delivered": the
        # order's number of units places the undated delivery after the order
        (({"status": "ordered", "date": "2015-02", "quantity": 24},
          {"status": "delivered", "quantity": 24}), "delivered"),
        (({"status": "ordered", "date": "2018", "quantity": 11},
          {"status": "cancelled", "quantity": 11}), "cancelled"),
        # nothing dated: the latest stage, a cancellation last
        (({"status": "ordered", "quantity": 13}, {"status": "delivered"}), "delivered"),
        (({"status": "delivered"}, {"status": "cancelled"}), "cancelled"),
    ],
)
def test_merge_records_undated_background_never_supersedes_a_dated_status(
    specs: tuple[dict[str, object], ...], expected: str
) -> None:
    (deal,) = merge_records(records_of(*specs))
    assert deal.status == expected


@pytest.mark.parametrize(
    ("specs", "expected"),
    [
        # "signed the contract in 2019"; "cancelled its contract for 12 submarines"
        (({"status": "ordered", "date": "2019"},
          {"status": "cancelled", "date": "2021-09-16", "quantity": 12}), [12]),
        # the order states its own: a cancellation of part of it is no order
        (({"status": "ordered", "date": "1983", "quantity": 20},
          {"status": "cancelled", "date": "1987", "quantity": 6}), [20]),
        # a plan cancelled was never ordered
        (({"status": "planned", "date": "2019"},
          {"status": "cancelled", "date": "2021", "quantity": 12}), []),
        # the cancellation names the contract, though no text told the order
        (({"status": "cancelled", "date": "2021-09-16", "quantity": 12,
           "extra": {"trigger": "contract"}},), [12]),
        # "halted the planned sale of 26,000 rifles": no order
        (({"status": "cancelled", "date": "2021-09-16", "quantity": 12,
           "extra": {"trigger": "sale"}},), []),
    ],
)
def test_merge_records_quantity_ordered_of_a_cancelled_order(
    specs: tuple[dict[str, object], ...], expected: list[int]
) -> None:
    (deal,) = merge_records(records_of(*specs))
    assert [item.value for item in deal.quantity_ordered] == expected


@pytest.mark.parametrize(
    ("told", "expected"),
    [
        # "the F-2 fighters, which Mitsubishi developed with the United States", told in
        # 2022 of the FSX whose development a 1987 article dated: the later article's state
        (dt.date(2022, 12, 9), "delivered"),
        # told the year after the dated news: background, as in the news itself
        (dt.date(1988, 6, 1), "planned"),
        (dt.date(1987, 3, 31), "planned"),
    ],
)
def test_merge_records_undated_state_told_years_later_is_the_current_status(
    told: dt.date, expected: str
) -> None:
    (deal,) = merge_records(records_of(
        {"status": "planned", "date": "1987-03-31", "published": dt.date(1987, 3, 31)},
        {"status": "delivered", "published": told}))
    assert deal.status == expected
    assert [c.date and str(c.date) for c in deal.history if c.status == "delivered"] == [None]


def test_merge_records_history_keeps_undated_background_in_its_own_place() -> None:
    found = records_of({"status": "planned", "date": "2019-08-20"}, {"status": "delivered"})
    (deal,) = merge_records(found)
    assert [(c.status, c.date and str(c.date)) for c in deal.history] == [
        ("delivered", None), ("planned", "2019-08-20")]


FOLLOW_ON = (
    {"status": "ordered", "date": "2015-02", "quantity": 24},
    {"status": "delivered", "quantity": 24, "published": dt.date(2021, 5, 4)},
    {"status": "ordered", "date": "2021-05-03", "quantity": 30},
    {"status": "delivered", "date": "2024-01", "quantity": 6},
    {"status": "interest", "published": dt.date(2021, 5, 4)},
)


def test_merge_records_keeps_a_follow_on_order_apart_and_linked() -> None:
    # Egypt's Rafales (issue 15, item 2): 24 ordered in 2015 and delivered, 30 more in 2021
    first, second = merge_records(records_of(*FOLLOW_ON))
    assert (first.status, [v.value for v in first.quantity_ordered]) == ("delivered", [24])
    assert (second.status, [v.value for v in second.quantity_ordered]) == ("delivered", [30])
    assert [v.value for v in second.quantity_delivered] == [6]
    assert [link.describe() for link in first.related] == [f"followed by {second.id}"]
    assert [link.describe() for link in second.related] == [f"follow-on of {first.id}"]
    # an undated record without the order's count goes to the latest deal opened by then
    assert "interest" in [c.status for c in second.history]


@pytest.mark.parametrize(
    ("orders", "count"),
    [
        ([("2019", 36), ("2021", 12)], 2),  # another number, another date
        ([("2015", None), ("2018", None)], 2),  # three years on
        ([("2019", None), ("2020", None)], 1),  # one order dated two ways: a conflict
        ([("2019", 36), ("2020", 36)], 1),
        ([("2019", 36), ("2019-08", 40)], 1),  # one date: the counts conflict
    ],
)
def test_merge_records_tells_a_later_order_from_a_disagreement(
    orders: list[tuple[str, int | None]], count: int
) -> None:
    found = records_of(*({"status": "ordered", "date": date, "quantity": quantity}
                         for date, quantity in orders))
    assert len(merge_records(found)) == count


def test_merge_records_gives_the_same_follow_on_deals_in_any_order() -> None:
    found = records_of(*FOLLOW_ON)
    expected = merge_records(found)
    for permutation in itertools.permutations(found):
        assert merge_records(permutation) == expected


@pytest.mark.parametrize(
    ("statuses", "count"),
    [
        ([("ordered", "2015"), ("delivered", "2017"), ("ordered", "2021")], 2),
        ([("ordered", "2015"), ("delivered", "2016"), ("planned", "2017")], 1),
        ([("ordered", "1970"), ("ordered", "1987")], 2),
        ([("ordered", "1983"), ("delivered", "1986"), ("cancelled", "1987")], 1),
    ],
)
def test_merge_records_splits_a_new_transfer_by_its_dates(
    statuses: list[tuple[str, str]], count: int
) -> None:
    found = records_of(*({"status": status, "date": date} for status, date in statuses))
    assert len(merge_records(found)) == count


def test_merge_records_counts_distinct_documents_and_sites() -> None:
    found = records_of({"site": "a.example"}, {"site": "a.example"}, {"site": "b.example"})
    (deal,) = merge_records(found)
    assert (deal.source_count, deal.sites) == (3, ("a.example", "b.example"))


def test_merge_records_first_and_last_seen_are_publication_dates() -> None:
    found = records_of({"published": dt.date(2024, 1, 2)}, {"published": dt.date(2024, 3, 4)})
    (deal,) = merge_records(found)
    assert (deal.first_seen, deal.last_seen) == (dt.date(2024, 1, 2), dt.date(2024, 3, 4))


def test_merge_records_keeps_every_piece_of_evidence() -> None:
    found = records_of({}, {"status": "delivered"})
    (deal,) = merge_records(found)
    assert {item.document_id for item in deal.evidence} == {r.document.id for r in found}
    assert all(item.evidence.text for item in deal.evidence)


def test_merge_records_deal_id_survives_later_news() -> None:
    found = records_of({"date": "2020"}, {"status": "delivered", "date": "2021"})
    (before,) = merge_records(found[:1])
    (after,) = merge_records(found)
    assert before.id == after.id


def test_merge_records_deal_id_survives_earlier_dated_news() -> None:
    found = records_of({"status": "delivered", "date": "2021"}, {"date": "2020"})
    (before,) = merge_records(found[:1])
    (after,) = merge_records(found)
    assert before.id == after.id


def test_merge_records_later_deals_of_one_key_get_their_own_ids() -> None:
    found = records_of({"status": "ordered", "date": "1970"}, {"status": "ordered", "date": "1987"})
    first, second = merge_records(found)
    assert first.id != second.id


def test_deal_from_json_reads_back_to_json() -> None:
    found = records_of({"quantity": 12, "value": Money(5, "GBP")}, {"quantity": 14})
    (deal,) = merge_records(found)
    assert deal_from_json(deal.to_json()) == deal


def test_deal_from_json_reads_back_related_deals() -> None:
    deals = merge_records(records_of(*FOLLOW_ON))
    assert [deal_from_json(deal.to_json()) for deal in deals] == deals


@pytest.mark.parametrize(
    ("fields", "key"),
    [
        ({}, "transfer|SWE>THA|family:gripen"),
        (
            {"weapon": "arms", "weapon_family": None, "category": "other"},
            "transfer|SWE>THA|generic:other",
        ),
        (
            {"supplier": None, "supplier_name": "Hezbollah"},
            "transfer|name:hezbollah>THA|family:gripen",
        ),
        ({"recipient": None}, "transfer|SWE>?|family:gripen"),
    ],
)
def test_deal_key_names_kind_parties_and_weapon(fields: dict[str, object], key: str) -> None:
    (record,) = records_of(fields)
    assert deal_key(record) == key


def test_merge_records_names_two_later_orders_of_one_year_apart() -> None:
    # A second and a third batch ordered months apart took one id, and storing the
    # deals failed (UNIQUE constraint failed: deals.id): the ingest stopped with exit 1.
    found = records_of(*({"status": "ordered", "date": date, "quantity": quantity}
                         for date, quantity in (("2015", 24), ("2019-02", 36),
                                                ("2019-09", 12))))
    deals = merge_records(found)
    assert len(deals) == len({deal.id for deal in deals}) == 3
    for permutation in itertools.permutations(found):
        assert [deal.id for deal in merge_records(permutation)] == [deal.id for deal in deals]


def _one_sentence(*specs: dict[str, object]) -> list[Record]:
    """Return records that one sentence of one document states."""
    document = make_document(0, DAY)
    return [make_record(document, **spec) for spec in specs]


def test_merge_records_keeps_two_generic_systems_of_one_sentence_apart() -> None:
    # "built a short-range rocket with Chinese help and is developing a longer-range rocket"
    generic = {"weapon_family": None, "category": "missile"}
    found = _one_sentence({**generic, "weapon": "short-range rocket", "status": "delivered"},
                          {**generic, "weapon": "rocket", "status": "planned"})
    deals = merge_records(found)
    assert sorted((deal.weapon, deal.status) for deal in deals) == [
        ("rocket", "planned"), ("short-range rocket", "delivered")]
    assert all(not deal.related for deal in deals)  # two systems, no follow-on order
    assert merge_records(list(reversed(found))) == deals


@pytest.mark.parametrize(
    "second",
    [
        {"weapon": "rocket", "status": "delivered"},  # one stage: a restatement
        {"weapon": "short-range rocket", "status": "planned"},  # one noun: one system
    ],
)
def test_merge_records_joins_generic_records_of_one_sentence_otherwise(
    second: dict[str, object]
) -> None:
    generic = {"weapon_family": None, "category": "missile"}
    found = _one_sentence({**generic, "weapon": "short-range rocket", "status": "delivered"},
                          {**generic, **second})
    assert len(merge_records(found)) == 1


def test_merge_records_keeps_named_systems_of_one_sentence_in_one_deal() -> None:
    found = _one_sentence({"weapon": "Gripen C", "status": "delivered"},
                          {"weapon": "Gripen E", "status": "planned"})
    assert len(merge_records(found)) == 1


def test_merge_records_keeps_a_purchase_placed_before_every_dated_one_apart() -> None:
    # "the Gripen C jets Thailand bought in the 1990s" beside a sale approved in 2019
    found = records_of({"status": "planned", "date": "2019-08"},
                       {"status": "delivered", "date": None, "extra": {"period_end": 1999}})
    deals = sorted(merge_records(found), key=lambda deal: deal.status)
    assert [(deal.status, len(deal.evidence)) for deal in deals] == [
        ("delivered", 1), ("planned", 1)]
    assert all(not deal.related for deal in deals)  # an earlier deal, not a follow-on
    alone = merge_records(found[:1])
    assert deals[1].id == alone[0].id  # the dated deal keeps its id when the past is told


@pytest.mark.parametrize("extra", [{}, {"period_end": 2019}, {"period_end": 2029}])
def test_merge_records_joins_an_undated_record_not_placed_before(
    extra: dict[str, object]
) -> None:
    found = records_of({"status": "planned", "date": "2019-08"},
                       {"status": "delivered", "date": None, "extra": extra})
    deals = merge_records(found)
    assert len(deals) == 1
    assert deals[0].status == "planned"  # background never overrides the dated status
