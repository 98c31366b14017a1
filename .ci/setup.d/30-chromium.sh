# Headless Chromium and its driver for the web application's end-to-end tests
# (tests/web/test_browser.py). Debian's packages: no browser download at test time.
# Sourced by .ci/run; exports ARMSTRACE_TEST_CHROMEDRIVER, which the tests read.
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    echo "ci: installing chromium and chromium-driver"
    if [ "$(id -u)" -eq 0 ]; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver >/dev/null
    else
        sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver >/dev/null
    fi
fi
if command -v chromedriver >/dev/null 2>&1; then
    ARMSTRACE_TEST_CHROMEDRIVER="$(command -v chromedriver)"
    export ARMSTRACE_TEST_CHROMEDRIVER
else
    echo "ci: chromedriver is missing; the browser tests will be skipped" >&2
fi
# Nothing to stop: each test starts and quits its own browser and server.
