"""Every page at a phone's width (390 px) in real headless Chromium: nothing wider than
the screen (issue 14, item 8), the site's menu folded behind one button, and no 404 for
the favicon (item 15).

Reuses the end-to-end test's demo database, server and browser (tests/web/test_browser.py);
skips without ARMSTRACE_TEST_CHROMEDRIVER, as that test does.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest

from armstrace.store import open_store
from armstrace.web.tour import site_pages

from .browsers import open_page
from .test_browser import browser, demo_db, pytestmark, server

__all__ = ["browser", "demo_db", "pytestmark", "server"]  # fixtures and marks, used by pytest

PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True}
DESKTOP = {"width": 1366, "height": 900, "deviceScaleFactor": 1, "mobile": False}


def set_viewport(driver, metrics: dict[str, object]) -> None:  # noqa: ANN001
    """Make the page's viewport `metrics` wide, as a phone (or a desktop) lays it out."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)


def page_paths(db: Path) -> list[tuple[str, str]]:
    with open_store(db) as store:
        return sorted(site_pages(store).items())


def wider_than_screen(driver, width: int) -> list[str]:  # noqa: ANN001
    """Return the first elements sticking out past `width` pixels (for the message)."""
    return driver.execute_script("""
        const width = arguments[0];
        const out = [];
        for (const element of document.body.querySelectorAll('*')) {
          const box = element.getBoundingClientRect();
          if (box.right > width + 1 && element.offsetParent !== null) {
            let inside = element.parentElement;
            let clipped = false;
            while (inside && inside !== document.body) {
              const style = getComputedStyle(inside);
              if (style.overflowX !== 'visible') { clipped = true; break; }
              inside = inside.parentElement;
            }
            if (!clipped) out.push(element.tagName.toLowerCase()
              + (element.id ? '#' + element.id : '')
              + (element.className && typeof element.className === 'string'
                 ? '.' + element.className.split(' ').join('.') : '')
              + ' ' + Math.round(box.right) + 'px');
          }
        }
        return out.slice(0, 5);
    """, width)


@pytest.mark.parametrize("width", [390, 320])
def test_every_page_fits_a_phone_screen(server: str, browser, demo_db: Path, width: int
                                        ) -> None:  # noqa: ANN001
    driver = browser
    set_viewport(driver, {**PHONE, "width": width})
    try:
        too_wide = {}
        for name, path in page_paths(demo_db):
            open_page(driver, server + path)  # measured once its style sheet applies
            scroll_width, window_width = driver.execute_script(
                "return [document.documentElement.scrollWidth, window.innerWidth]")
            # A phone widens its layout viewport (window.innerWidth) to fit what overflows.
            if max(scroll_width, window_width) > width:
                too_wide[name] = (scroll_width, wider_than_screen(driver, width))
        assert not too_wide, f"pages wider than {width} px: {too_wide}"
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_menu_folds_behind_a_button_on_a_phone(server: str, browser) -> None:  # noqa: ANN001
    from selenium.webdriver.common.by import By

    driver = browser
    set_viewport(driver, PHONE)
    try:
        driver.get(f"{server}/deals")
        toggle = driver.find_element(By.ID, "menu-toggle")
        nav = driver.find_element(By.ID, "site-nav")
        assert toggle.is_displayed() and not nav.is_displayed()
        toggle.click()
        assert nav.is_displayed() and toggle.get_attribute("aria-expanded") == "true"
        nav.find_element(By.LINK_TEXT, "Network").click()
        assert driver.current_url.endswith("/network")
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    set_viewport(driver, DESKTOP)
    try:
        driver.get(f"{server}/deals")
        assert not driver.find_element(By.ID, "menu-toggle").is_displayed()
        assert driver.find_element(By.ID, "site-nav").is_displayed()
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_favicon_is_served(server: str) -> None:
    for path in ("/favicon.ico", "/static/favicon.svg"):
        try:
            with urllib.request.urlopen(server + path) as response:
                assert response.status == 200 and response.read()
        except urllib.error.HTTPError as error:
            pytest.fail(f"{path}: HTTP {error.code}")
