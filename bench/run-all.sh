#!/usr/bin/env bash
# One command for the whole table: the JMH floor of a /predict/ request for the case (csv -> Frame -> predict ->
# json, 1 and 1000 rows), then bench/predict-load.sh over HTTP with the ratio of HTTP time to that floor.
# Usage: bench/run-all.sh [corpus case, default xgboost_native_regression] [seconds per wrk run, default 10]
# JAVA_OPTS="..." goes to the server; FLOOR_CSV=file reuses an earlier floor instead of measuring it again.
# The JMH run finishes before the server starts, so the two never compete for the cores.
set -euo pipefail
cd "$(dirname "$0")/.."
case_name=${1:-xgboost_native_regression}
seconds=${2:-10}
rows=${ROWS:-1 1000}
[ -f target/timpani.jar ] || ./mvnw -B -q -DskipTests package
if [ -z "${FLOOR_CSV:-}" ]; then
    FLOOR_CSV=target/jmh-floor-$case_name.csv
    echo "JMH floor for $case_name ($(uptime | sed 's/.*load/load/'))"
    JMH_RESULT=$FLOOR_CSV bench/jmh.sh 'LoaderPredictBenchmark.floor' -p corpusCase="$case_name" \
        -p rows="${rows// /,}" | sed -n '/^Benchmark /,$p'
fi
FLOOR_CSV=$FLOOR_CSV ROWS=$rows bench/predict-load.sh "$case_name" "$seconds"
