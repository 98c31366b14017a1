# axe-core (Deque's accessibility engine, MPL-2.0) for tests/web/test_browser_a11y.py, from
# the npm registry at a pinned version into build/axe (not part of the repository or the
# package). Sourced by .ci/run; exports ARMSTRACE_TEST_AXE, the path of axe.min.js.
ARMSTRACE_AXE_VERSION=4.11.0
axe_prefix="build/axe-$ARMSTRACE_AXE_VERSION"
if [[ ! -f "$axe_prefix/node_modules/axe-core/axe.min.js" ]]; then
    if ! command -v npm >/dev/null 2>&1; then
        echo "ci: installing npm (for axe-core)"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q npm >/dev/null
    fi
    mkdir -p "$axe_prefix"
    npm install --no-save --no-audit --no-fund --silent --prefix "$axe_prefix" \
        "axe-core@$ARMSTRACE_AXE_VERSION" >/dev/null \
        || echo "ci: npm could not install axe-core; the accessibility test will be skipped" >&2
fi
if [[ -f "$axe_prefix/node_modules/axe-core/axe.min.js" ]]; then
    ARMSTRACE_TEST_AXE="$PWD/$axe_prefix/node_modules/axe-core/axe.min.js"
    export ARMSTRACE_TEST_AXE
fi
