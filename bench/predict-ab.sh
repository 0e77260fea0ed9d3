#!/usr/bin/env bash
# A/B over loopback on a shared, noisy machine: two servers of the same jar, one with SERVER_ARGS_A and one with
# SERVER_ARGS_B, both started before any load. wrk then alternates between them (A B, B A, A B, ...) for every
# payload size and connection count, so drifting background load falls on both alike; each line is the median
# over ROUNDS runs (requests/s, p50, p99). Only one server is under load at a time.
# Usage: SERVER_ARGS_A="--timpani.engine.batching.enabled=false" bench/predict-ab.sh [case] [seconds per run, 5]
# ROWS="1 1000", CONNS="1 4 16", ROUNDS=3, JAVA_OPTS (both servers), CORPUS as in predict-load.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
case_name=${1:-xgboost_native_regression}
seconds=${2:-5}
rounds=${ROUNDS:-3}
corpus=$(cd "${CORPUS:-../shared/corpus}" && pwd)
case_dir="$corpus/$case_name"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
[ -f target/timpani.jar ] || ./mvnw -B -q -DskipTests package

work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$work"' EXIT
payload_sizes=${ROWS:-1 1000}
for rows in $payload_sizes; do
    bench_rows "$case_dir/input.csv" "$rows" "$work/rows-$rows.csv"
done
mapfile -t model_args < <(bench_case_args "$case_dir")
port_a=${PORT:-18080}
port_b=$((port_a + 1))

start() { # port, server args
    # shellcheck disable=SC2086  # the server args are a list of options, split on purpose
    bench_start "$1" "$work/server-$1.log" "${model_args[@]}" --logging-level warning $2
    pids+=("$BENCH_PID")
}
start "$port_a" "${SERVER_ARGS_A:-}"
start "$port_b" "${SERVER_ARGS_B:-}"
for port in "$port_a" "$port_b"; do
    bench_await_health "$port" "$work/server-$port.log"
done
echo "case: $case_name   A: ${SERVER_ARGS_A:-(defaults)}   B: ${SERVER_ARGS_B:-(defaults)}"
echo "JAVA_OPTS: ${JAVA_OPTS:-(none)}   $rounds rounds of ${seconds}s   $(uptime | sed 's/.*load/load/')"

run() { # port rows conns -> "rps p50 p99"
    local threads=$(( $3 < 2 ? 1 : 2 )) line
    line=$(BODY_FILE="$work/rows-$2.csv" wrk -t"$threads" -c"$3" -d"${seconds}s" -s bench/post-csv.lua \
        "http://127.0.0.1:$1/predict/" | grep '^RESULT')
    [ "$(sed 's/.*errors=\([0-9]*\).*/\1/' <<<"$line")" = 0 ] || echo "warning: errors on port $1: $line" >&2
    sed 's/.*rps=\([0-9.]*\) p50_ms=\([0-9.]*\) p99_ms=\([0-9.]*\).*/\1 \2 \3/' <<<"$line"
}
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

printf '%-6s %-5s %-3s %10s %9s %9s   %s\n' rows conns arm req/s p50_ms p99_ms "req/s of each round"
for rows in $payload_sizes; do
    for port in "$port_a" "$port_b"; do # warm both JITs
        BODY_FILE="$work/rows-$rows.csv" wrk -t1 -c4 -d3s -s bench/post-csv.lua "http://127.0.0.1:$port/predict/" >/dev/null
    done
    for conns in ${CONNS:-1 4 16}; do
        : > "$work/a"; : > "$work/b"
        for round in $(seq 1 "$rounds"); do
            # A first in odd rounds, B first in even ones: a load that rises or falls steadily favours neither.
            if (( round % 2 )); then
                run "$port_a" "$rows" "$conns" >> "$work/a"
                run "$port_b" "$rows" "$conns" >> "$work/b"
            else
                run "$port_b" "$rows" "$conns" >> "$work/b"
                run "$port_a" "$rows" "$conns" >> "$work/a"
            fi
        done
        for arm in a b; do
            printf '%-6s %-5s %-3s %10.1f %9.3f %9.3f   %s\n' "$rows" "$conns" "${arm^^}" \
                "$(cut -d' ' -f1 "$work/$arm" | median)" "$(cut -d' ' -f2 "$work/$arm" | median)" \
                "$(cut -d' ' -f3 "$work/$arm" | median)" "$(cut -d' ' -f1 "$work/$arm" | tr '\n' ' ')"
        done
    done
done
echo "$(uptime | sed 's/.*load/load/')"
