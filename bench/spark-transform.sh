#!/usr/bin/env bash
# Timpani on Spark against Timpani's own `score` on the same rows, in one run (not a test): rows/s of
# TimpaniModel.transform() on local[N] (input cached, output into Spark's noop sink), of the whole Spark score job
# (csv read and typed, scored, csv written), and of `java -jar target/timpani.jar score` (JVM start and model load
# included, as a user runs it), for the XGBoost example and the scikit-learn forest pickle (corpus
# sklearn_regression, scored in the JVM). The goal: transform() at least 0.8x score's rows/s on the same cores.
# DRUM's `drum score` is timed too when `drum` is on PATH.
# Usage: bench/spark-transform.sh [rows, default 1000000] [cores, default 2]
# Needs the build: ./mvnw -B verify (or ./mvnw install -DskipTests && ./mvnw -f spark/pom.xml test-compile).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
rows=${1:-1000000}
cores=${2:-2}
corpus=$(cd "${CORPUS:-../shared/corpus}" && pwd)
[ -f target/timpani.jar ] || { echo "no target/timpani.jar: ./mvnw -B -DskipTests package" >&2; exit 1; }
[ -f spark/target/classpath-local.txt ] && [ -d spark/target/test-classes ] \
    || { echo "no Spark build: ./mvnw -f spark/pom.xml test-compile" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
opens=(-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector
    --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
    --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
    --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
    --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
    --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
    --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
    -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true)
classpath="spark/target/test-classes:spark/target/classes:$(cat spark/target/classpath-local.txt)"

echo "rows: $rows   cores: $cores   $(nproc) CPUs   $(uptime | sed 's/.*load/load/')"
for model in "examples/xgboost-regression/model regression xgboost-example" \
             "$corpus/sklearn_regression/model regression sklearn-forest-pickle"; do
    read -r code_dir target_type name <<< "$model"
    input=$(dirname "$code_dir")/input.csv
    bench_rows "$input" "$rows" "$work/rows.csv"
    echo "== $name ($code_dir)"
    # shellcheck disable=SC2086  # JAVA_OPTS is a list of options, split on purpose
    java ${JAVA_OPTS:-} "${opens[@]}" -Xmx3g -cp "$classpath" dev.timpani.spark.TransformBench "local[$cores]" \
        "$code_dir" "$target_type" "$work/rows.csv" "$work/spark-out" 2>"$work/spark.log" \
        || { cat "$work/spark.log" >&2; exit 1; }
    started=$(date +%s.%N)
    # shellcheck disable=SC2086
    taskset -c "0-$((cores - 1))" java ${JAVA_OPTS:-} -jar target/timpani.jar score --code-dir "$code_dir" \
        --target-type "$target_type" --input "$work/rows.csv" --output "$work/score.csv" --logging-level warning
    ended=$(date +%s.%N)
    awk -v r="$rows" -v s="$started" -v e="$ended" \
        'BEGIN { printf "timpani score (java -jar, start to exit)                       %d rows in %.2f s: %.0f rows/s\n", r, e - s, r / (e - s) }'
    if command -v drum >/dev/null; then
        started=$(date +%s.%N)
        drum score --code-dir "$code_dir" --target-type "$target_type" --input "$work/rows.csv" \
            --output "$work/drum.csv" >/dev/null 2>&1
        ended=$(date +%s.%N)
        awk -v r="$rows" -v s="$started" -v e="$ended" \
            'BEGIN { printf "drum score                                                     %d rows in %.2f s: %.0f rows/s\n", r, e - s, r / (e - s) }'
    else
        echo "drum score: not run (no drum on PATH)"
    fi
    rm -rf "$work/spark-out" "$work/score.csv"
done
