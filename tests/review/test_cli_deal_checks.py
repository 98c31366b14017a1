"""`merge-deals` and `split-deal` check what an analyst asks (issue 15, item 5).

Deals of different parties or kinds are merged only with --force, the clash named in
one line; a split leaves the original deal's id on the part that stays.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.merge.builders import make_document, make_record

from armstrace.merge import deal_key, update_deals
from armstrace.model import Deal, Record
from armstrace.review import User
from armstrace.store import SQLiteStore

REPO = Path(__file__).resolve().parents[2]
AT = dt.datetime(2026, 12, 5, 9, 0, tzinfo=dt.UTC)


def armstrace(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run an armstrace command in a process of its own."""
    return subprocess.run(
        [sys.executable, "-m", "armstrace.cli", *map(str, args)],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")}, check=False,
    )


def _record(number: int, published: dt.date = dt.date(2024, 3, 1), **overrides: object
            ) -> Record:
    return make_record(make_document(number, published), **overrides)


def _register(path: Path, *records: Record) -> Path:
    with SQLiteStore(path) as store:
        store.add_user(User("ana", "$argon2id$x", AT))
        for record in records:
            store.add_document(record.document, [record])
        update_deals(store, records)
    return path


def _deals(db: Path) -> list[Deal]:
    with SQLiteStore(db) as store:
        return list(store.iter_deals())


def _deal_of(db: Path, record: Record) -> Deal:
    [found] = [deal for deal in _deals(db) if record.id in deal.record_ids]
    return found


COPRODUCTION = {"kind": "coproduction", "supplier": None, "recipient": None,
                "partners": ("GBR", "TUR"), "weapon": "TF-X", "weapon_family": "TF-X"}
TO_REBELS = {"supplier": "TUR", "recipient": None, "recipient_name": "rebels",
             "weapon": "arms", "weapon_family": None, "category": "small arms"}


@pytest.mark.parametrize(
    ("first", "second", "clash"),
    [
        (COPRODUCTION, TO_REBELS,
         "is GBR+TUR coproduction, deal {1} is TUR -> rebels transfer: "
         "different kinds and parties"),
        ({}, {"supplier": "USA"},
         "is SWE -> THA transfer, deal {1} is USA -> THA transfer: different parties"),
        ({}, {"recipient": "BRA"},
         "is SWE -> THA transfer, deal {1} is SWE -> BRA transfer: different parties"),
    ],
)
def test_merge_deals_refuses_a_clash_in_one_line(
    tmp_path: Path, first: dict[str, object], second: dict[str, object], clash: str
) -> None:
    one, other = _record(1, **first), _record(2, **second)
    db = _register(tmp_path / "clash.db", one, other)
    ids = [_deal_of(db, one).id, _deal_of(db, other).id]

    done = armstrace("merge-deals", *ids, "--reason", "x", "--user", "ana", "--db", db)

    assert done.returncode == 1
    expected = (f"error: deal {ids[0][:8]} " + clash.format(None, ids[1][:8])
                + "; add --force to merge anyway")
    assert done.stderr.strip().splitlines() == [expected]
    assert len(_deals(db)) == 2


def test_merge_deals_with_force_merges_a_clash(tmp_path: Path) -> None:
    one, other = _record(1, **COPRODUCTION), _record(2, **TO_REBELS)
    db = _register(tmp_path / "force.db", one, other)
    kept = _deal_of(db, one).id

    done = armstrace("merge-deals", kept, _deal_of(db, other).id, "--force",
                     "--reason", "one programme", "--user", "ana", "--db", db)

    assert done.returncode == 0, done.stderr
    [merged] = _deals(db)
    assert merged.id == kept and set(merged.record_ids) == {one.id, other.id}


def test_merge_deals_of_one_sale_told_two_ways_needs_no_force(tmp_path: Path) -> None:
    named, generic = _record(1), _record(2, weapon="fighter jet", weapon_family=None)
    assert deal_key(named) != deal_key(generic)
    db = _register(tmp_path / "same.db", named, generic)

    done = armstrace("merge-deals", _deal_of(db, named).id, _deal_of(db, generic).id,
                     "--reason", "same sale", "--user", "ana", "--db", db)

    assert done.returncode == 0, done.stderr
    assert len(_deals(db)) == 1


def test_split_deal_keeps_the_id_on_the_part_that_stays(tmp_path: Path) -> None:
    # Delivered in 2010, ordered again in 2015: the second order is a deal of its own,
    # named by the year that opened it; splitting that opening record off must not
    # rename the part that stays.
    first_order = _record(1, dt.date(2010, 5, 1), status="delivered", date="2010-05")
    second_order = _record(2, dt.date(2015, 5, 1), status="ordered", date="2015-05")
    delivery = _record(3, dt.date(2016, 5, 1), status="delivered", date="2016-05")
    db = _register(tmp_path / "split.db", first_order, second_order, delivery)
    deal = _deal_of(db, second_order)
    assert set(deal.record_ids) == {second_order.id, delivery.id}

    done = armstrace("split-deal", deal.id, second_order.id, "--reason", "not this order",
                     "--user", "ana", "--db", db)

    assert done.returncode == 0, done.stderr
    assert _deal_of(db, delivery).id == deal.id
    assert _deal_of(db, second_order).id != deal.id
    assert f"deal {deal.id}: 1 records (stays)" in done.stdout
