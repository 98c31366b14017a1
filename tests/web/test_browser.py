"""End to end in real headless Chromium (Debian's chromium + chromium-driver, via Selenium).

The commands run as a user runs them: `armstrace demo --no-serve` builds the demo
database, `armstrace user add --password-stdin` makes an analyst, `armstrace serve`
serves it on a free loopback port. The browser searches, opens a deal, follows its
evidence to the document, signs in, rejects a record; `armstrace ingest` and
`armstrace reextract` run again; the rejection is still there. Every page visited is
saved under build/screenshots/.

Needs ARMSTRACE_TEST_CHROMEDRIVER (set by .ci/setup.d/30-chromium.sh); skips without it.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest

from .browsers import REPO, armstrace, follow, needs_chromium, open_page, start_chromium
from .servers import serving

SCREENSHOTS = REPO / "build" / "screenshots"
SAMPLE = Path(str(resources.files("armstrace").joinpath("demo_data", "articles")))
PASSWORD = "a browser-tested passphrase"

pytestmark = [pytest.mark.slow, needs_chromium]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("browser") / "demo.db"
    output = armstrace("demo", "--db", db, "--quiet", "--no-serve")
    assert "documents" in output
    armstrace("user", "add", "ana", "--db", db, "--password-stdin", stdin=PASSWORD + "\n")
    return db


@pytest.fixture(scope="module")
def server(demo_db: Path) -> Iterator[str]:
    """Run `armstrace serve` with two worker processes, as on two cores; yield its URL."""
    with serving(demo_db, workers=2) as base:
        yield base


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    driver = start_chromium(tmp_path_factory.mktemp("chromium-profile"))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    try:
        yield driver
    finally:
        driver.quit()


def shoot(driver, name: str) -> None:  # noqa: ANN001
    driver.save_screenshot(str(SCREENSHOTS / f"{name}.png"))


def test_search_deal_evidence_sign_in_reject_reingest(server: str, browser, demo_db: Path
                                                      ) -> None:  # noqa: ANN001
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    driver = browser
    # Every page is waited for until it is there and complete (`open_page`, `follow`): on a
    # loaded machine the old page lingers after a click or a get, or the new one is half
    # parsed, and several pages share ids such as `result-count`.
    # 1. Search.
    open_page(driver, f"{server}/")
    follow(driver, driver.find_element(By.LINK_TEXT, "Search"))
    assert driver.current_url.endswith("/search")
    shoot(driver, "01-search")
    driver.find_element(By.ID, "q").send_keys("drones")
    follow(driver, driver.find_element(By.CSS_SELECTOR, "#search-form button[type=submit]"))
    count = driver.find_element(By.ID, "result-count").text
    assert "match" in count and int(count.split()[0]) >= 1
    marks = driver.find_elements(By.CSS_SELECTOR, "mark.hit")
    assert marks and all(mark.text.lower().startswith("drone") for mark in marks)
    shoot(driver, "02-search-results")

    # 2. The deals table, then one deal.
    follow(driver, driver.find_element(By.LINK_TEXT, "Deals"))
    assert int(driver.find_element(By.CSS_SELECTOR, "#result-count strong").text) >= 5
    shoot(driver, "03-deals")
    follow(driver, driver.find_element(By.CSS_SELECTOR, "#deals a.deal-link"))
    assert "/deals/" in driver.current_url
    assert driver.find_elements(By.CSS_SELECTOR, "#timeline li")
    shoot(driver, "04-deal")

    # 3. Follow the first evidence to its document: the record is marked there.
    follow(driver, driver.find_element(By.CSS_SELECTOR, "a.evidence-document"))
    assert "/documents/" in driver.current_url and "#record-" in driver.current_url
    record_id = driver.current_url.rsplit("#record-", 1)[1]
    document_url = driver.current_url.split("#", 1)[0]
    assert driver.find_element(By.ID, f"record-{record_id}")
    assert driver.find_elements(By.CSS_SELECTOR, "#document-text mark.record")
    shoot(driver, "05-document")

    # 4. Sign in; the form brings the analyst back to the document.
    follow(driver, driver.find_element(By.ID, "sign-in"))
    shoot(driver, "06-sign-in")
    driver.find_element(By.ID, "name").send_keys("ana")
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    # The post and its redirect wait for the password hash, slow on a loaded machine.
    follow(driver, driver.find_element(By.CSS_SELECTOR, "#login-form button"))
    assert driver.current_url.startswith(document_url)
    assert driver.find_element(By.CSS_SELECTOR, ".user").text == "ana"

    # 5. Reject the record followed from the deal.
    form = driver.find_element(By.ID, f"review-{record_id}")
    Select(form.find_element(By.NAME, "action")).select_by_value("reject")
    form.find_element(By.NAME, "reason").send_keys("tested in the browser: not a deal")
    follow(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert "is now rejected" in driver.find_element(By.ID, "notice").text
    row = driver.find_element(By.ID, f"row-{record_id}")
    assert "review-rejected" in row.get_attribute("class")
    shoot(driver, "07-rejected")

    # 6. Ingest the sample again and re-extract every document, while serving.
    armstrace("ingest", SAMPLE, "--db", demo_db, "--quiet")
    armstrace("reextract", "--db", demo_db, "--quiet")

    # 7. The rejection is kept: on the document, on the Review page, out of the deals.
    open_page(driver, document_url)
    row = driver.find_element(By.ID, f"row-{record_id}")
    assert "review-rejected" in row.get_attribute("class")
    assert row.find_element(By.CSS_SELECTOR, ".review-state").text == "rejected"
    shoot(driver, "08-after-reingest")
    open_page(driver, f"{server}/review?state=rejected")
    assert driver.find_element(By.ID, f"review-row-{record_id}")
    assert "tested in the browser: not a deal" in driver.find_element(By.ID, "decisions").text
    shoot(driver, "09-review")
    for api in ("records", "deals"):  # the deals no longer count it
        open_page(driver, f"{server}/api/{api}?limit=500")
        listed = driver.find_element(By.TAG_NAME, "body").text
        assert '"items"' in listed and record_id not in listed
