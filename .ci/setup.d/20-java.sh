# Java for the Spark tests (pyspark 4 needs Java 17 or later): Debian's default JRE.
# Sourced by .ci/run. Installs default-jre-headless when `java` is missing, then exports
# ARMSTRACE_TEST_SPARK=1 when a Java 17+ runs; the Spark tests skip without it. pyspark
# itself comes with the test extra (pyproject.toml), installed by `make test`.

if ! command -v java >/dev/null 2>&1; then
    echo "ci: java missing; installing default-jre-headless"
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
            --no-install-recommends default-jre-headless >/dev/null; }; then
        echo "ci: could not install default-jre-headless; the Spark tests will skip"
    fi
fi

if command -v java >/dev/null 2>&1; then
    java_major="$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)"
    if [ -n "$java_major" ] && [ "$java_major" -ge 17 ]; then
        export ARMSTRACE_TEST_SPARK=1
        echo "ci: Java $java_major found; Spark tests enabled (ARMSTRACE_TEST_SPARK=1)"
    else
        echo "ci: Java ${java_major:-of unknown version} is older than 17; the Spark tests will skip"
    fi
    unset java_major
fi
