"""Screenshots of every page of the web application at a desktop's and a phone's width.

    PYTHONPATH=src python scripts/screenshots.py                 # the demo register, built afresh
    PYTHONPATH=src python scripts/screenshots.py --db reuters.db --out build/shots

Builds the demo register with `armstrace demo --no-serve` (unless --db names one), serves
it with `armstrace serve` on a free loopback port, and has Debian's headless Chromium
(chromium + chromium-driver, through Selenium) open every page of
`armstrace.web.tour.site_pages` at 1366 and 390 px wide, saving NAME-1366.png and
NAME-390.png in --out (default docs/screenshots/). A page is shot whole, down to
--max-height pixels. The chromedriver is $ARMSTRACE_TEST_CHROMEDRIVER or the one on PATH.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WIDTHS = {1366: False, 390: True}  # width -> laid out as a phone (mobile viewport)
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars")


def armstrace(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "armstrace.cli", *arguments]


def environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO / "src")}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(db: Path) -> Iterator[str]:
    """Run `armstrace serve` on the register; yield its base URL."""
    port = free_port()
    server = subprocess.Popen(
        armstrace("serve", "--db", str(db), "--port", str(port), "--workers", "1",
                  "--secret-key", "screenshots"),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=environment())
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                raise SystemExit(f"armstrace serve exited: {server.stderr.read().decode()}")
            try:
                with urllib.request.urlopen(f"{base}/deals", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit("armstrace serve did not answer within 60 s") from None
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


@contextmanager
def chromium(profile: Path) -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    driver_path = os.environ.get("ARMSTRACE_TEST_CHROMEDRIVER") or shutil.which("chromedriver")
    if not driver_path:
        raise SystemExit("no chromedriver: apt-get install chromium chromium-driver")
    options = webdriver.ChromeOptions()
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    if binary := shutil.which("chromium"):
        options.binary_location = binary
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def shoot(driver, url: str, width: int, phone: bool, target: Path,  # noqa: ANN001
          max_height: int) -> None:
    """Open `url` in a viewport `width` px wide and save the whole page (to max_height)."""
    metrics = {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": phone}
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    driver.get(url)
    time.sleep(0.3)  # the charts and the graph draw after load
    height = min(max_height, int(driver.execute_script(
        "return document.documentElement.scrollHeight")))
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {**metrics, "height": height})
    time.sleep(0.2)
    driver.save_screenshot(str(target))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="Register to serve (default: the demo, built).")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--max-height", type=int, default=2600, help="Pixels shot per page.")
    arguments = parser.parse_args()
    from armstrace.store import open_store
    from armstrace.web.tour import site_pages

    with tempfile.TemporaryDirectory(prefix="armstrace-shots-") as folder:
        db = arguments.db
        if db is None:
            db = Path(folder) / "demo.db"
            subprocess.run(armstrace("demo", "--db", str(db), "--quiet", "--no-serve"),
                           check=True, env=environment(), stdout=subprocess.DEVNULL)
        with open_store(db) as store:
            pages = site_pages(store)
        arguments.out.mkdir(parents=True, exist_ok=True)
        with serving(db) as base, chromium(Path(folder) / "profile") as driver:
            for name, path in pages.items():
                for width, phone in WIDTHS.items():
                    target = arguments.out / f"{name}-{width}.png"
                    shoot(driver, base + path, width, phone, target, arguments.max_height)
                    print(f"{target.relative_to(REPO) if target.is_relative_to(REPO) else target}"
                          f"  {path}")


if __name__ == "__main__":
    main()
