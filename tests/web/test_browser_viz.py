"""The State, Weapon and Network pages in real headless Chromium: the vendored scripts run,
the chart and the graph are drawn, and an arrow of the graph opens its deals.

Reuses the end-to-end test's demo database, server and browser (tests/web/test_browser.py);
screenshots go to build/screenshots/ with the others. Skips without
ARMSTRACE_TEST_CHROMEDRIVER, as that test does.
"""

from __future__ import annotations

import json
import urllib.request

from .test_browser import browser, demo_db, pytestmark, server, shoot

__all__ = ["browser", "demo_db", "pytestmark", "server"]  # fixtures and marks, used by pytest


def script_errors(driver) -> list[str]:  # noqa: ANN001
    """Return the page's console errors, leaving out the favicon the site does not have."""
    return [entry["message"] for entry in driver.get_log("browser")
            if entry["level"] == "SEVERE" and "favicon.ico" not in entry["message"]]


def test_network_draws_the_graph_and_an_arrow_opens_its_deals(server: str, browser) -> None:  # noqa: ANN001
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    with urllib.request.urlopen(f"{server}/api/network") as response:
        graph = json.load(response)
    driver = browser
    driver.get(f"{server}/network")
    drawn = WebDriverWait(driver, 10).until(lambda d: d.execute_script(
        "return window.armstraceNetwork && [window.armstraceNetwork.nodes().length,"
        " window.armstraceNetwork.edges().length]"))
    assert drawn == [len(graph["nodes"]), len(graph["edges"])] and graph["edges"]
    assert not script_errors(driver)
    shoot(driver, "10-network")

    edge = max(graph["edges"], key=lambda item: item["deals"])
    driver.execute_script(
        "window.armstraceNetwork.getElementById(arguments[0]).emit('tap')",
        f"e:{edge['source']}->{edge['target']}")
    WebDriverWait(driver, 10).until(lambda d: "/deals?" in d.current_url)
    assert f"supplier={edge['source']}" in driver.current_url
    shown = int(driver.find_element(By.CSS_SELECTOR, "#result-count strong").text)
    assert shown >= edge["deals"]
    shoot(driver, "11-network-edge-deals")


def test_state_page_draws_its_charts(server: str, browser) -> None:  # noqa: ANN001
    from selenium.webdriver.support.ui import WebDriverWait

    driver = browser
    driver.get(f"{server}/states/FRA")
    bars = WebDriverWait(driver, 10).until(lambda d: d.execute_script(
        "const chart = Chart.getChart('chart-supplies');"
        "return chart && chart.data.datasets.reduce("
        "  (sum, set) => sum + set.data.reduce((a, b) => a + b, 0), 0)"))
    assert bars >= 1
    assert not script_errors(driver)
    shoot(driver, "12-state")


def test_weapon_page_renders(server: str, browser) -> None:  # noqa: ANN001
    from selenium.webdriver.common.by import By

    driver = browser
    driver.get(f"{server}/weapons/Rafale")
    assert "Dassault Aviation" in driver.find_element(By.ID, "catalogue").text
    assert driver.find_elements(By.CSS_SELECTOR, "a.deal-link")
    shoot(driver, "13-weapon")


LABEL_BOXES = """
    const boxes = window.armstraceNetwork.nodes().map((node) =>
        node.boundingBox({includeLabels: true, includeNodes: false, includeOverlays: false}));
    const overlapping = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i], b = boxes[j];
        if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) {
          overlapping.push([window.armstraceNetwork.nodes()[i].data('label'),
                            window.armstraceNetwork.nodes()[j].data('label')]);
        }
      }
    }
    return overlapping;
"""


def test_network_labels_do_not_overlap_and_a_legend_explains_the_graph(server: str, browser
                                                                        ) -> None:  # noqa: ANN001
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver = browser
    driver.get(f"{server}/network")
    WebDriverWait(driver, 10).until(lambda d: d.execute_script(
        "return window.armstraceNetwork && window.armstraceNetwork.nodes().length"))

    assert driver.execute_script(LABEL_BOXES) == []
    legend = driver.find_element(By.ID, "network-legend").text
    assert "a state" in legend and "not a state" in legend and "supplier to recipient" in legend
