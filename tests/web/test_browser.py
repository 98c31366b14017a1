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

import os
import subprocess
import sys
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest

from .browsers import REPO, armstrace, needs_chromium, start_chromium
from .servers import free_port, wait_until_up

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
    """Run `armstrace serve` on a free port; yield its base URL."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "armstrace.cli", "serve", "--db", str(demo_db),
         "--port", str(port), "--secret-key", "browser-test-secret"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/search", process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


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
    from selenium.webdriver.support.ui import Select, WebDriverWait

    driver = browser
    # 1. Search.
    driver.get(f"{server}/")
    driver.find_element(By.LINK_TEXT, "Search").click()
    assert driver.current_url.endswith("/search")
    shoot(driver, "01-search")
    box = driver.find_element(By.ID, "q")
    box.send_keys("drones")
    box.submit()
    count = driver.find_element(By.ID, "result-count").text
    assert "match" in count and int(count.split()[0]) >= 1
    marks = driver.find_elements(By.CSS_SELECTOR, "mark.hit")
    assert marks and all(mark.text.lower().startswith("drone") for mark in marks)
    shoot(driver, "02-search-results")

    # 2. The deals table, then one deal.
    driver.find_element(By.LINK_TEXT, "Deals").click()
    assert int(driver.find_element(By.CSS_SELECTOR, "#result-count strong").text) >= 5
    shoot(driver, "03-deals")
    driver.find_element(By.CSS_SELECTOR, "#deals a.deal-link").click()
    assert "/deals/" in driver.current_url
    assert driver.find_elements(By.CSS_SELECTOR, "#timeline li")
    shoot(driver, "04-deal")

    # 3. Follow the first evidence to its document: the record is marked there.
    evidence = driver.find_element(By.CSS_SELECTOR, "a.evidence-document")
    evidence.click()
    assert "/documents/" in driver.current_url and "#record-" in driver.current_url
    record_id = driver.current_url.rsplit("#record-", 1)[1]
    document_url = driver.current_url.split("#", 1)[0]
    assert driver.find_element(By.ID, f"record-{record_id}")
    assert driver.find_elements(By.CSS_SELECTOR, "#document-text mark.record")
    shoot(driver, "05-document")

    # 4. Sign in; the form brings the analyst back to the document.
    driver.find_element(By.ID, "sign-in").click()
    shoot(driver, "06-sign-in")
    driver.find_element(By.ID, "name").send_keys("ana")
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "#login-form button").click()
    # The click returns before the post and its redirect land (slow password hashing on
    # a loaded machine): wait for the document page, then check it.
    WebDriverWait(driver, 30).until(lambda page: page.current_url.startswith(document_url))
    assert driver.current_url.startswith(document_url)
    assert driver.find_element(By.CSS_SELECTOR, ".user").text == "ana"

    # 5. Reject the record followed from the deal.
    form = driver.find_element(By.ID, f"review-{record_id}")
    Select(form.find_element(By.NAME, "action")).select_by_value("reject")
    form.find_element(By.NAME, "reason").send_keys("tested in the browser: not a deal")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    assert "is now rejected" in driver.find_element(By.ID, "notice").text
    row = driver.find_element(By.ID, f"row-{record_id}")
    assert "review-rejected" in row.get_attribute("class")
    shoot(driver, "07-rejected")

    # 6. Ingest the sample again and re-extract every document, while serving.
    armstrace("ingest", SAMPLE, "--db", demo_db, "--quiet")
    armstrace("reextract", "--db", demo_db, "--quiet")

    # 7. The rejection is kept: on the document, on the Review page, out of the deals.
    driver.get(document_url)
    row = driver.find_element(By.ID, f"row-{record_id}")
    assert "review-rejected" in row.get_attribute("class")
    assert row.find_element(By.CSS_SELECTOR, ".review-state").text == "rejected"
    shoot(driver, "08-after-reingest")
    driver.get(f"{server}/review?state=rejected")
    assert record_id in driver.page_source
    assert "tested in the browser: not a deal" in driver.page_source
    shoot(driver, "09-review")
    driver.get(f"{server}/api/records?limit=500")
    assert record_id not in driver.page_source
    driver.get(f"{server}/api/deals?limit=500")
    assert record_id not in driver.page_source  # the deals no longer count it
