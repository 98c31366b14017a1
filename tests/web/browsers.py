"""What the Chromium tests share: the driver, the browser's flags, and armstrace as a process."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from tests.processes import REPO, run_armstrace

__all__ = ["REPO", "armstrace", "follow", "needs_chromium", "open_page", "run_armstrace",
           "start_chromium", "wait_for"]
# How long a page may take on a loaded machine (a full test run beside this one).
PAGE_SECONDS = 60
DRIVER = os.environ.get("ARMSTRACE_TEST_CHROMEDRIVER", "")
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
)
# Skips a module's browser tests where no chromedriver is set up.
needs_chromium = pytest.mark.skipif(
    not DRIVER or not os.access(DRIVER, os.X_OK),
    reason="ARMSTRACE_TEST_CHROMEDRIVER is unset or not executable "
           "(.ci/setup.d/30-chromium.sh installs chromium-driver)")


def start_chromium(profile: Path, window: str = "1280,1000") -> Any:
    """Return a new headless Chromium (a Selenium driver) with its own profile folder."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for flag in (*CHROMIUM_FLAGS, f"--window-size={window}", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    binary = shutil.which("chromium")
    if binary:
        options.binary_location = binary
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    driver.implicitly_wait(5)
    return driver


def armstrace(*args: str | Path, stdin: str | None = None) -> str:
    """Run an armstrace command in a process of its own; return its stdout, fail on error."""
    done = run_armstrace(*args, stdin=stdin)
    assert done.returncode == 0, f"armstrace {args[0]} failed: {done.stderr}"
    return done.stdout


def wait_for(driver: Any, condition: Any, seconds: float = PAGE_SECONDS) -> Any:
    """Return `condition(driver)` once it is true, polling; fail after `seconds`."""
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, seconds).until(condition)


def open_page(driver: Any, url: str) -> None:
    """Go to `url` and wait until the page before has gone and the new one is complete.

    On a loaded machine `driver.get` may return while the browser still shows the page
    before, or shows the new one half parsed: its source was read empty, or cut off
    after the first form (the flake of tests/web/test_browser.py), and a page measured
    before its style sheet applied was too wide (tests/web/test_browser_layout.py).
    """
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.expected_conditions import staleness_of

    page = driver.find_element(By.TAG_NAME, "html")
    driver.get(url)
    wait_for(driver, staleness_of(page))
    wait_for(driver, _complete)


def _complete(driver: Any) -> bool:
    return bool(driver.execute_script("return document.readyState") == "complete")


def follow(driver: Any, element: Any) -> None:
    """Click a link or a form's button and wait until the next page has replaced this one.

    A click returns before the browser has left the page: what is read right after it may
    still be the old page (several pages share ids such as `result-count`), or a page
    still loading, whose nodes the driver may not reach yet ("Node with given id does not
    belong to the document"), or whose source is still empty. So: the old page's root
    goes stale, then the new page's document is complete.
    """
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.expected_conditions import staleness_of

    page = driver.find_element(By.TAG_NAME, "html")
    element.click()
    wait_for(driver, staleness_of(page))
    wait_for(driver, _complete)
