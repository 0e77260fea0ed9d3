#!/usr/bin/env bash
# Builds the JMH benchmarks (src/jmh/java, Maven profile `bench`) and runs them; arguments go to JMH.
# Usage: bench/jmh.sh                       # all benchmarks, 1 fork, 3 x 1 s warm-up, 5 x 1 s measurement
#        bench/jmh.sh LoaderPredict -p rows=1   # a subset (JMH regexp and options)
# CORPUS=... points at another corpus (default ../shared/corpus); PYTHON=... the hook worker's interpreter.
# JMH_SKIP_BUILD=1 reuses the last build. Results also go to JMH_RESULT (default target/jmh-result.csv).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${JMH_SKIP_BUILD:-0}" != 1 ] || [ ! -f target/jmh-classpath.txt ]; then
    ./mvnw -B -q -Pbench test-compile
fi
corpus=$(cd "${CORPUS:-../shared/corpus}" && pwd)
export DJL_CACHE_DIR=${DJL_CACHE_DIR:-$PWD/target/djl-cache}
# Defaults; options given on the command line must not repeat these (JMH refuses a second -i, -rff ...).
defaults=(-f 1 -wi 3 -w 1s -i 5 -r 1s -rf csv -rff "${JMH_RESULT:-target/jmh-result.csv}")
exec java -Dtimpani.corpus="$corpus" -Dtimpani.test.python="${PYTHON:-/usr/bin/python3}" \
    -cp "target/test-classes:target/classes:$(cat target/jmh-classpath.txt)" \
    org.openjdk.jmh.Main "${defaults[@]}" "$@"
