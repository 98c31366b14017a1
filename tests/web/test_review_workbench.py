"""The review workbench (issue 14, items 3, 6 and 9): corrections from the queue, no default
decision, bulk decisions, the queue by confidence, the audit trail on the record, deal and
log pages, and forms shown again as typed when refused."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from armstrace.store import RecordFilter, open_store
from armstrace.web import create_app

from .conftest import ANALYST, SECRET, copy_register, csrf_of, sign_in

# A command line in a web page: "armstrace records --json", "armstrace user add NAME".
CLI_HINT = re.compile(
    r"armstrace (user|records|deals|review|token|merge-deals|split-deal|log|ingest|export)\b")
_CONFIDENCE = re.compile(r'class="muted confidence">conf\. ([0-9.]+)<')


@pytest.fixture(scope="module")
def bench_db(tmp_path_factory: pytest.TempPathFactory, register_db: Path) -> Path:
    """Return a copy of the test register of this module's own, with one analyst."""
    return copy_register(register_db, tmp_path_factory.mktemp("workbench") / "register.db")


@pytest.fixture
def analyst(bench_db: Path) -> Iterator[TestClient]:
    """Return a client signed in as the analyst."""
    with TestClient(create_app(str(bench_db), secret_key=SECRET)) as client:
        sign_in(client)
        yield client


def record_ids(db: Path, count: int, skip: int) -> list[str]:
    with open_store(db) as store:
        return [r.id for r in store.iter_records(RecordFilter(limit=count, offset=skip))]


def queue_picks(page: str) -> list[str]:
    """Return the records the Review page offers to tick, in its order."""
    return re.findall(r'name="record_ids" value="([0-9a-f]+)" form="bulk-review"', page)


def state_of(db: Path, record_id: str) -> str:
    with open_store(db) as store:
        record = store.get_record(record_id)
    assert record is not None
    return str(record.extra.get("review", {}).get("state", "unreviewed"))


def test_review_page_offers_every_correctable_field(analyst: TestClient) -> None:
    page = analyst.get("/review").text

    for name in ("supplier", "quantity", "value", "date", "weapon"):
        assert f'name="field_{name}"' in page
    assert "(keep " in page  # the vocabularies' select boxes


def test_review_decision_has_no_default(analyst: TestClient) -> None:
    page = analyst.get("/review").text
    form = page[page.index('class="review-form"'):]
    select = form[form.index('<select name="action"'):form.index("</select>")]

    assert "required" in select and '<option value="">choose…</option>' in select
    assert "selected" not in select


def test_review_without_a_decision_stores_nothing_and_shows_the_form(
        analyst: TestClient, bench_db: Path) -> None:
    (record_id,) = record_ids(bench_db, 1, 0)
    page = analyst.get("/review").text

    response = analyst.post(f"/records/{record_id}/review", data={
        "csrf_token": csrf_of(page), "action": "", "reason": "pressed Enter too soon",
        "next": "/review"})

    assert response.status_code == 422
    assert "Choose a decision" in response.text
    assert 'value="pressed Enter too soon"' in response.text
    assert state_of(bench_db, record_id) == "unreviewed"


def test_queue_is_sorted_by_confidence_lowest_first(analyst: TestClient) -> None:
    lowest = [float(c) for c in _CONFIDENCE.findall(analyst.get("/review").text)]
    highest = [float(c) for c in _CONFIDENCE.findall(
        analyst.get("/review", params={"sort": "-confidence"}).text)]

    assert len(lowest) > 5 and lowest == sorted(lowest)
    assert highest == sorted(highest, reverse=True)
    assert analyst.get("/review", params={"sort": "stored"}).status_code == 200


def test_bulk_reject_of_selected_records_with_one_reason(analyst: TestClient,
                                                         bench_db: Path) -> None:
    page = analyst.get("/review").text
    chosen = queue_picks(page)[2:4]

    response = analyst.post("/review/bulk", data={
        "csrf_token": csrf_of(page), "action": "reject", "reason": "opinion pieces",
        "record_ids": chosen})

    assert response.status_code == 200 and "2 records rejected" in response.text
    assert [state_of(bench_db, record_id) for record_id in chosen] == ["rejected"] * 2
    log = analyst.get("/log", params={"action": "reject", "user": ANALYST}).text
    assert all(record_id[:8] in log for record_id in chosen) and "opinion pieces" in log


def test_bulk_reject_without_a_reason_stores_nothing(analyst: TestClient,
                                                     bench_db: Path) -> None:
    page = analyst.get("/review").text
    chosen = queue_picks(page)[:2]

    response = analyst.post("/review/bulk", data={
        "csrf_token": csrf_of(page), "action": "reject", "reason": " ", "record_ids": chosen})

    assert response.status_code == 422 and "needs a reason" in response.text
    assert all(f'value="{record_id}" form="bulk-review" class="bulk-pick" '
               f'aria-label="select record {record_id}" checked' in response.text
               for record_id in chosen)
    assert [state_of(bench_db, record_id) for record_id in chosen] == ["unreviewed"] * 2


def test_record_page_shows_each_correction_from_and_to(analyst: TestClient,
                                                       bench_db: Path) -> None:
    (record_id,) = record_ids(bench_db, 1, 5)
    page = analyst.get(f"/records/{record_id}").text
    before = re.search(r"<dt>Quantity</dt><dd>([^<]*)</dd>", page)
    assert before is not None

    analyst.post(f"/records/{record_id}/review", data={
        "csrf_token": csrf_of(page), "action": "correct", "reason": "the table says 77",
        "field_quantity": "77"})

    history = analyst.get(f"/records/{record_id}").text
    table = history[history.index('id="record-history"'):]
    assert f"quantity: <del>{before.group(1)}</del> → <ins>77</ins>" in table
    assert "review: <del>unreviewed</del> → <ins>corrected</ins>" in table
    assert ANALYST in table and "the table says 77" in table


def test_refused_correction_shows_the_form_as_typed(analyst: TestClient,
                                                    bench_db: Path) -> None:
    (record_id,) = record_ids(bench_db, 1, 6)
    page = analyst.get("/review").text

    response = analyst.post(f"/records/{record_id}/review", data={
        "csrf_token": csrf_of(page), "action": "correct", "reason": "more of them",
        "field_quantity": "a dozen", "field_date": "2024-05"})

    assert response.status_code == 422
    assert "quantity must be a whole number" in response.text
    assert 'value="a dozen"' in response.text and 'value="2024-05"' in response.text
    assert '<option value="correct" selected>' in response.text
    assert f'<span class="user">{ANALYST}</span>' in response.text  # not "Sign in"
    assert not CLI_HINT.search(response.text)


def test_deal_page_and_log_show_merges_and_splits(analyst: TestClient, bench_db: Path) -> None:
    with open_store(bench_db) as store:
        deal = next(d for d in store.iter_deals() if len(d.evidence) >= 3)
    page = analyst.get(f"/deals/{deal.id}").text
    moved = deal.evidence[-1].record_id

    analyst.post(f"/deals/{deal.id}/split", data={
        "csrf_token": csrf_of(page), "record_ids": [moved], "reason": "a second order"})

    shown = analyst.get(f"/deals/{deal.id}").text
    history = shown[shown.index('id="deal-history"'):]
    assert "split" in history and "a second order" in history and ANALYST in history
    log = analyst.get("/log", params={"id": deal.id, "action": "split"}).text
    assert "a second order" in log and "<strong>1</strong> decision." in log
    api = analyst.get("/api/log", params={"action": "split"}).json()
    assert api["items"][0]["deals"] == [deal.id] and api["items"][0]["records"] == [moved]


def test_refused_merge_shows_its_form_as_typed_without_cli_hints(analyst: TestClient,
                                                                  bench_db: Path) -> None:
    with open_store(bench_db) as store:
        deal = next(store.iter_deals())
    page = analyst.get(f"/deals/{deal.id}").text

    response = analyst.post(f"/deals/{deal.id}/merge", data={
        "csrf_token": csrf_of(page), "others": "ffffffffffffffff", "reason": "same sale"})

    assert response.status_code == 422
    assert "no deal with id ffffffffffffffff" in response.text
    assert 'value="ffffffffffffffff"' in response.text and 'value="same sale"' in response.text
    assert not CLI_HINT.search(response.text)


def test_error_page_shows_the_signed_in_user(analyst: TestClient) -> None:
    response = analyst.get("/deals/0000000000000000")

    assert response.status_code == 404
    assert f'<span class="user">{ANALYST}</span>' in response.text
    assert 'id="sign-in"' not in response.text


@pytest.mark.parametrize("since", ["yesterday", "2021-13-01", "20x1"])
def test_bad_query_is_a_page_for_browsers_and_json_for_scripts(client: TestClient,
                                                               since: str) -> None:
    page = client.get("/deals", params={"since": since}, headers={"Accept": "text/html"})
    script = client.get("/deals", params={"since": since},
                        headers={"Accept": "application/json"})
    api = client.get("/api/deals", params={"since": since})

    assert page.status_code == 422 and page.headers["content-type"].startswith("text/html")
    assert "since:" in page.text and since in page.text
    assert script.status_code == 422 and isinstance(script.json()["detail"], list)
    assert api.status_code == 422 and isinstance(api.json()["detail"], list)


def test_sign_in_form_keeps_the_name_typed_and_gives_no_cli_hint(client: TestClient) -> None:
    form = client.get("/login").text
    refused = client.post("/login", data={"name": "ana", "password": "wrong password",
                                          "csrf_token": csrf_of(form)})

    assert not CLI_HINT.search(form)
    assert refused.status_code == 401 and 'value="ana"' in refused.text


def test_api_page_describes_every_operation_without_a_cdn(client: TestClient) -> None:
    page = client.get("/docs")
    operations = client.get("/api/openapi.json").json()["paths"]

    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    for path, methods in operations.items():
        for method in methods:
            assert f"<code>{method.upper()} {path}</code>" in page.text
    assert "Authorization: Bearer" in page.text and 'id="schema-ReviewIn"' in page.text
    assert not re.search(r"""(src|href)=["']https?://""", page.text)


@pytest.mark.parametrize("path", ["/", "/search?q=drones", "/deals", "/review", "/log", "/docs",
                                  "/login", "/states", "/weapons", "/network",
                                  "/deals/0000000000000000", "/records/0000000000000000",
                                  "/deals?since=never"])
def test_pages_give_no_command_line_hints(analyst: TestClient, path: str,
                                          tmp_path: Path) -> None:
    with TestClient(create_app(str(tmp_path / "empty.db"), secret_key=SECRET)) as empty:
        shown = [analyst.get(path).text, empty.get(path).text]

    assert not [CLI_HINT.search(text).group() for text in shown if CLI_HINT.search(text)]
