#!/usr/bin/env bash
# Loads /predict/ over loopback with wrk: 1-row and 1000-row csv requests against a corpus case, at 1, 4 and 16
# connections, and prints requests/s, rows/s, p50 and p99.
# Usage: bench/predict-load.sh [corpus case, default xgboost_native_regression] [seconds per run, default 10]
# ROWS="1 300" picks other payload sizes (rows are the case's input rows, repeated as needed).
# SERVER_ARGS="--timpani.workers.python=/usr/bin/python3" passes more flags / properties to the server.
# JAVA_OPTS="-Xmx256m -XX:+UseSerialGC" are passed to the server's JVM. CONNS="1 4 16" picks the connection counts.
# FLOOR_CSV=target/jmh-floor.csv (JMH's csv output of LoaderPredictBenchmark.floor, see bench/run-all.sh) adds
# the in-process floor per request and two ratios to it: "ratio", the HTTP time per request (connections / req/s)
# over the floor (the latency a connection pays for HTTP and sharing the cores), and "tput", the floor's
# single-thread throughput (1 / floor) over the measured req/s (below 1: faster than one core of bare scoring).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
case_name=${1:-xgboost_native_regression}
seconds=${2:-10}
# Absolute, so the server finds it whatever its working directory.
corpus=$(cd "${CORPUS:-../shared/corpus}" && pwd)
case_dir="$corpus/$case_name"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
[ -f target/timpani.jar ] || ./mvnw -B -q -DskipTests package

work=$(mktemp -d)
trap '[ -n "${server_pid:-}" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT
payload_sizes=${ROWS:-1 1000}
for rows in $payload_sizes; do
    bench_rows "$case_dir/input.csv" "$rows" "$work/rows-$rows.csv"
done

port=${PORT:-18080}
started=$(date +%s%N)
mapfile -t model_args < <(bench_case_args "$case_dir")
# shellcheck disable=SC2086  # SERVER_ARGS is a list of options, split on purpose
bench_start "$port" "$work/server.log" "${model_args[@]}" --logging-level warning ${SERVER_ARGS:-}
server_pid=$BENCH_PID
bench_await_health "$port" "$work/server.log"
startup_ms=$(( ($(date +%s%N) - started) / 1000000 ))
startup_rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$server_pid/status")
# CPU time (user + sys) the JVM spent until then: unlike the wall clock, it hardly depends on the machine's load.
startup_cpu_ms=$(awk -v hz="$(getconf CLK_TCK)" '{ print int(($14 + $15) * 1000 / hz) }' "/proc/$server_pid/stat")
echo "case: $case_name   JAVA_OPTS: ${JAVA_OPTS:-(none)}   $(uptime | sed 's/.*load/load/')"
echo "start-up to /health/ 200: ${startup_ms} ms wall, ${startup_cpu_ms} ms CPU   RSS after start-up: $((startup_rss_kb / 1024)) MB"

# The in-process floor (csv -> Frame -> predict -> json) per row count, in microseconds, from JMH's csv.
floor_us() {
    [ -n "${FLOOR_CSV:-}" ] && [ -f "$FLOOR_CSV" ] || return 0
    awk -F, -v c="$case_name" -v r="$1" '{ gsub(/["\r]/, "") }
        $1 ~ /LoaderPredictBenchmark.floor$/ && $8 == c && $9 == r { print $5 }' "$FLOOR_CSV" | tail -1
}

printf '%-6s %-5s %10s %12s %9s %9s %10s %9s %8s %6s\n' rows conns req/s rows/s p50_ms p99_ms http_us floor_us ratio tput
for rows in $payload_sizes; do
    # Warm the JIT before measuring.
    BODY_FILE="$work/rows-$rows.csv" wrk -t1 -c4 -d3s -s bench/post-csv.lua "http://127.0.0.1:$port/predict/" >/dev/null
    floor=$(floor_us "$rows")
    for conns in ${CONNS:-1 4 16}; do
        threads=$(( conns < 2 ? 1 : 2 ))
        line=$(BODY_FILE="$work/rows-$rows.csv" wrk -t"$threads" -c"$conns" -d"${seconds}s" -s bench/post-csv.lua \
            "http://127.0.0.1:$port/predict/" | grep '^RESULT')
        rps=$(sed 's/.*rps=\([0-9.]*\).*/\1/' <<<"$line")
        p50=$(sed 's/.*p50_ms=\([0-9.]*\).*/\1/' <<<"$line")
        p99=$(sed 's/.*p99_ms=\([0-9.]*\).*/\1/' <<<"$line")
        errors=$(sed 's/.*errors=\([0-9]*\).*/\1/' <<<"$line")
        [ "$errors" = 0 ] || echo "warning: $errors errors" >&2
        # HTTP time per request: the mean latency a connection sees (connections / throughput).
        http_us=$(echo "$conns * 1000000 / $rps" | bc -l)
        if [ -n "$floor" ]; then
            ratio=$(printf '%.1f' "$(echo "$http_us / $floor" | bc -l)")
            tput=$(printf '%.2f' "$(echo "1000000 / $floor / $rps" | bc -l)")
            floor_text=$(printf '%.0f' "$floor")
        else
            ratio=-; tput=-; floor_text=-
        fi
        printf '%-6s %-5s %10s %12.0f %9s %9s %10.0f %9s %8s %6s\n' "$rows" "$conns" "$rps" "$(echo "$rps * $rows" | bc -l)" \
            "$p50" "$p99" "$http_us" "$floor_text" "$ratio" "$tput"
    done
done
rss_kb=$(awk '/VmHWM/ {print $2}' "/proc/$server_pid/status")
echo "server peak RSS: $((rss_kb / 1024)) MB   $(uptime | sed 's/.*load/load/')"
