"""What the Chromium tests share: the driver, the browser's flags, and armstrace as a process."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from tests.processes import REPO, run_armstrace

__all__ = ["REPO", "armstrace", "needs_chromium", "run_armstrace", "start_chromium"]
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
