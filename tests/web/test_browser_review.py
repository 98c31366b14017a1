"""The review workbench and the web's errors in real headless Chromium (issue 14, items 3, 6
and 9), against `armstrace serve` over the demo register, as the analyst uses them:
Enter in the reason field stores nothing, corrections from the queue, a bulk rejection, a
refused form shown again as typed, a bad filter as a page, the log, and `--require-login`
sending to the sign-in page and back. Screenshots go to build/screenshots/.

Needs ARMSTRACE_TEST_CHROMEDRIVER (set by .ci/setup.d/30-chromium.sh); skips without it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from armstrace.store import open_store

from .browsers import REPO, armstrace, needs_chromium, start_chromium
from .servers import serving

SCREENSHOTS = REPO / "build" / "screenshots"
PASSWORD = "a browser-tested passphrase"

pytestmark = [pytest.mark.slow, needs_chromium]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("browser-review") / "demo.db"
    armstrace("demo", "--db", db, "--quiet", "--no-serve")
    armstrace("user", "add", "ana", "--db", db, "--password-stdin", stdin=PASSWORD + "\n")
    return db


@pytest.fixture(scope="module")
def server(demo_db: Path) -> Iterator[str]:
    with serving(demo_db) as base:
        yield base


def chromium(profile: Path) -> object:
    return start_chromium(profile, window="1366,1000")


def sign_in(driver, base: str, next_path: str = "/review") -> None:  # noqa: ANN001
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    if "/login" not in driver.current_url:
        driver.get(f"{base}/login?next={next_path}")
    driver.find_element(By.ID, "name").send_keys("ana")
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "#login-form button").click()
    # Password hashing is slow on a loaded machine: wait for the page after the sign-in.
    WebDriverWait(driver, 30).until(lambda page: "/login" not in page.current_url)


@pytest.fixture(scope="module")
def analyst(server: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """Return a Chromium signed in as the analyst."""
    driver = chromium(tmp_path_factory.mktemp("chromium-analyst"))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    try:
        sign_in(driver, server)
        yield driver
    finally:
        driver.quit()  # type: ignore[attr-defined]


def shoot(driver, name: str) -> None:  # noqa: ANN001
    driver.save_screenshot(str(SCREENSHOTS / f"review-{name}.png"))


def review_state(db: Path, record_id: str) -> str:
    with open_store(db) as store:
        record = store.get_record(record_id)
    assert record is not None
    return str(record.extra.get("review", {}).get("state", "unreviewed"))


def queue_ids(driver, count: int) -> list[str]:  # noqa: ANN001
    """Return the records of the first review forms the page shows."""
    from selenium.webdriver.common.by import By

    forms = driver.find_elements(By.CSS_SELECTOR, "form.review-form")[:count]
    return [form.get_attribute("id").removeprefix("review-") for form in forms]


def test_enter_in_the_reason_field_stores_nothing(analyst, server: str, demo_db: Path  # noqa: ANN001
                                                  ) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver = analyst
    driver.get(f"{server}/review")
    (first,) = queue_ids(driver, 1)
    form = driver.find_element(By.ID, f"review-{first}")
    form.find_element(By.NAME, "reason").send_keys("looks fine to me", Keys.ENTER)

    action = form.find_element(By.NAME, "action")
    assert driver.execute_script("return arguments[0].validity.valueMissing", action)
    assert not driver.find_elements(By.ID, "notice")
    assert review_state(demo_db, first) == "unreviewed"
    shoot(driver, "01-enter-refused")


def test_correct_fields_from_the_queue(analyst, server: str, demo_db: Path) -> None:  # noqa: ANN001
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    driver = analyst
    driver.get(f"{server}/review")
    (first,) = queue_ids(driver, 1)
    form = driver.find_element(By.ID, f"review-{first}")
    Select(form.find_element(By.NAME, "action")).select_by_value("correct")
    form.find_element(By.TAG_NAME, "summary").click()
    form.find_element(By.NAME, "field_quantity").send_keys("7")
    form.find_element(By.NAME, "reason").send_keys("the article's table says 7")
    shoot(driver, "02-correct-from-queue")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()

    assert "is now corrected" in driver.find_element(By.ID, "notice").text
    with open_store(demo_db) as store:
        record = store.get_record(first)
    assert record is not None and record.quantity == 7

    driver.get(f"{server}/records/{first}")
    history = driver.find_element(By.ID, "record-history").text
    assert "quantity:" in history and "→ 7" in history and "the article's table says 7" in history
    shoot(driver, "03-record-history")


def test_bulk_reject_of_ticked_records(analyst, server: str, demo_db: Path) -> None:  # noqa: ANN001
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    driver = analyst
    driver.get(f"{server}/review")
    chosen = queue_ids(driver, 2)
    for record_id in chosen:
        driver.find_element(By.CSS_SELECTOR, f'input.bulk-pick[value="{record_id}"]').click()
    bulk = driver.find_element(By.ID, "bulk-review")
    Select(bulk.find_element(By.NAME, "action")).select_by_value("reject")
    bulk.find_element(By.NAME, "reason").send_keys("commentary, not transfers")
    shoot(driver, "04-bulk")
    bulk.find_element(By.CSS_SELECTOR, "button[type=submit]").click()

    assert "2 records rejected" in driver.find_element(By.ID, "notice").text
    assert [review_state(demo_db, record_id) for record_id in chosen] == ["rejected"] * 2
    driver.get(f"{server}/log?action=reject")
    assert driver.find_element(By.CSS_SELECTOR, "#result-count strong").text == "2"
    assert "commentary, not transfers" in driver.find_element(By.ID, "log").text
    shoot(driver, "05-log")


def test_refused_correction_is_shown_again_as_typed(analyst, server: str, demo_db: Path  # noqa: ANN001
                                                    ) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    driver = analyst
    driver.get(f"{server}/review")
    (record_id,) = queue_ids(driver, 1)
    driver.get(f"{server}/records/{record_id}")
    form = driver.find_element(By.ID, f"review-{record_id}")
    Select(form.find_element(By.NAME, "action")).select_by_value("correct")
    form.find_element(By.TAG_NAME, "summary").click()
    form.find_element(By.NAME, "field_value").send_keys("lots of money")
    form.find_element(By.NAME, "reason").send_keys("the price was given")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()

    assert "value must be AMOUNT CURRENCY" in driver.find_element(By.ID, "form-error").text
    form = driver.find_element(By.ID, f"review-{record_id}")
    assert form.find_element(By.NAME, "field_value").get_attribute("value") == "lots of money"
    assert form.find_element(By.NAME, "reason").get_attribute("value") == "the price was given"
    assert driver.find_element(By.CSS_SELECTOR, ".user").text == "ana"
    assert not driver.find_elements(By.ID, "sign-in")
    assert review_state(demo_db, record_id) == "unreviewed"
    shoot(driver, "06-refused-form")


@pytest.mark.parametrize("since", ["2021", "last year"])
def test_bad_filter_is_a_page_not_json(analyst, server: str, since: str) -> None:  # noqa: ANN001
    from selenium.webdriver.common.by import By

    driver = analyst
    driver.get(f"{server}/deals?since={since}")

    if driver.find_elements(By.ID, "error-message"):  # a year may be read as a date
        problems = driver.find_element(By.ID, "problems").text
        assert "since" in problems and since in problems
        assert driver.find_element(By.CSS_SELECTOR, ".user").text == "ana"
        shoot(driver, "07-bad-filter")
    else:
        assert since == "2021" and driver.find_elements(By.ID, "result-count")
    assert '{"detail"' not in driver.page_source


def test_api_page_is_readable(analyst, server: str) -> None:  # noqa: ANN001
    from selenium.webdriver.common.by import By

    driver = analyst
    driver.get(f"{server}/docs")
    assert driver.find_element(By.TAG_NAME, "h1").text == "API"
    assert driver.find_elements(By.CSS_SELECTOR, "section.operation")
    shoot(driver, "08-api")


def test_review_and_document_pages_name_states(analyst, server: str,  # noqa: ANN001
                                                 demo_db: Path) -> None:
    """Item 14's "countries as names everywhere": the Review queue and a document's records
    table show "France (FRA)", as the Deals list does, not the bare code."""
    from selenium.webdriver.common.by import By

    from armstrace.knowledge import load_knowledge

    names = {state.iso3: state.name for state in load_knowledge().states}
    analyst.get(f"{server}/review?state=any&limit=200")
    rows = analyst.find_elements(By.CSS_SELECTOR, "#review-records tbody tr[id^='review-row-']")
    with open_store(demo_db) as store:
        records = [store.get_record(row.get_attribute("id").removeprefix("review-row-"))
                   for row in rows]
    shown = [(row, record) for row, record in zip(rows, records, strict=True)
             if record is not None and record.supplier in names and record.kind == "transfer"]
    assert shown, "the demo register has a transfer from a state"
    row, record = shown[0]
    supplier = f"{names[record.supplier]} ({record.supplier})"
    assert supplier in row.text
    shoot(analyst, "queue-names")

    analyst.get(f"{server}/documents/{record.document.id}")
    cell = analyst.find_element(By.CSS_SELECTOR, f"#row-{record.id} td")
    assert supplier in cell.text
    assert not cell.text.startswith(f"{record.supplier} →")


def test_require_login_sends_to_sign_in_and_back(demo_db: Path,
                                                 tmp_path_factory: pytest.TempPathFactory
                                                 ) -> None:
    from selenium.webdriver.common.by import By

    with serving(demo_db, "--require-login") as base:
        driver = chromium(tmp_path_factory.mktemp("chromium-visitor"))
        try:
            driver.get(f"{base}/deals?status=ordered")  # type: ignore[attr-defined]
            assert "/login?next=" in driver.current_url  # type: ignore[attr-defined]
            assert driver.find_element(By.ID, "login-form")  # type: ignore[attr-defined]
            shoot(driver, "09-require-login")
            sign_in(driver, base)
            assert driver.current_url == f"{base}/deals?status=ordered"  # type: ignore[attr-defined]
            assert driver.find_element(By.ID, "result-count")  # type: ignore[attr-defined]
        finally:
            driver.quit()  # type: ignore[attr-defined]
