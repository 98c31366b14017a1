"""Every page through axe-core (Deque's accessibility engine) in real headless Chromium:
no serious or critical violation, at a desktop's and a phone's width, signed out and in.

axe-core comes from the npm registry at a pinned version (.ci/setup.d/35-axe.sh puts it
in build/ and sets ARMSTRACE_TEST_AXE); the test skips without it, and without
ARMSTRACE_TEST_CHROMEDRIVER, as the other browser tests do.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .test_browser import PASSWORD, browser, demo_db, pytestmark, server
from .test_browser_layout import DESKTOP, PHONE, page_paths, set_viewport

__all__ = ["browser", "demo_db", "server"]  # fixtures, used by pytest

AXE = Path(os.environ.get("ARMSTRACE_TEST_AXE", "/nonexistent/axe.min.js"))
# What fails the test: axe's two highest impacts ("moderate" and "minor" are reported only).
FAILING = {"serious", "critical"}

pytestmark = [*pytestmark, pytest.mark.skipif(
    not AXE.is_file(), reason="ARMSTRACE_TEST_AXE is unset or names no file "
                              "(.ci/setup.d/35-axe.sh installs axe-core from npm)")]


def axe_violations(driver) -> list[dict]:  # noqa: ANN001
    """Run axe-core over the page open in the browser; return its violations."""
    if not driver.execute_script("return typeof window.axe !== 'undefined'"):
        driver.execute_script(AXE.read_text(encoding="utf-8"))
    driver.set_script_timeout(60)
    result = driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        axe.run(document, {resultTypes: ['violations']})
           .then((found) => done(found.violations))
           .catch((error) => done([{id: 'axe-error', impact: 'critical',
                                    help: String(error), nodes: []}]));
    """)
    return list(result)


def serious(violations: list[dict]) -> list[str]:
    return [f"{item['id']} ({item['impact']}): {item['help']}; e.g. "
            f"{[node['target'] for node in item['nodes'][:3]]}"
            for item in violations if item.get("impact") in FAILING]


def check_pages(driver, server: str, paths: list[tuple[str, str]]) -> dict[str, list[str]]:  # noqa: ANN001
    found = {}
    for metrics in (DESKTOP, PHONE):
        set_viewport(driver, metrics)
        try:
            for name, path in paths:
                driver.get(server + path)
                problems = serious(axe_violations(driver))
                if problems:
                    found[f"{name} at {metrics['width']} px"] = problems
        finally:
            driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    return found


def test_no_page_has_a_serious_accessibility_violation(server: str, browser, demo_db: Path
                                                      ) -> None:  # noqa: ANN001
    found = check_pages(browser, server, page_paths(demo_db))

    assert not found, found


def test_no_page_with_review_forms_has_a_serious_violation(server: str, browser, demo_db: Path
                                                          ) -> None:  # noqa: ANN001
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver = browser
    driver.get(f"{server}/login?next=/review")
    driver.find_element(By.ID, "name").send_keys("ana")
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "#login-form button").click()
    WebDriverWait(driver, 30).until(lambda page: "/review" in page.current_url
                                    and page.find_elements(By.CSS_SELECTOR, ".user"))
    signed_in = [(name, path) for name, path in page_paths(demo_db)
                 if name in {"review", "deal", "document", "overview", "deals"}]

    found = check_pages(driver, server, signed_in)

    assert not found, found
