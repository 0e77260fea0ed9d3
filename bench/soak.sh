#!/usr/bin/env bash
# Soak test: holds a Timpani server at saturation on loopback with wrk, POSTing a mix of valid and invalid
# requests (bench/soak-mix.lua), and reports one line per interval (throughput, latency, answers by status),
# the totals by status, and the server's RSS at the start and the end.
# Usage: bench/soak.sh [seconds, default 120, at most 3600] [interval seconds, default 10]
# CONNS (default 32) sets wrk's connections; SERVER_ARGS adds server flags (say --timpani.limits.max-in-flight=8);
# JAVA_OPTS goes to the server's JVM; CASE=sklearn_regression serves that corpus case (CORPUS, default
# ../shared/corpus) with its input instead of the embedded XGBoost example.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
duration=${1:-120}
interval=${2:-10}
conns=${CONNS:-32}
port=${PORT:-18090}
(( duration >= interval && duration <= 3600 )) || { echo "duration must be $interval..3600 seconds" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
[ -f target/timpani.jar ] || ./mvnw -B -q -DskipTests package

work=$(mktemp -d)
trap '[ -n "${server_pid:-}" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT
model_args=()
input=examples/xgboost-regression/input.csv
if [ -n "${CASE:-}" ]; then
    case_dir="$(cd "${CORPUS:-../shared/corpus}" && pwd)/$CASE"
    input="$case_dir/input.csv"
    mapfile -t model_args < <(bench_case_args "$case_dir")
fi
# 100 rows of the model's input.
bench_rows "$input" 100 "$work/valid.csv"

# Loopback only: the server listens on 127.0.0.1.
# shellcheck disable=SC2086  # SERVER_ARGS is a list of options, split on purpose
bench_start "$port" "$work/server.log" "${model_args[@]}" ${SERVER_ARGS:-}
server_pid=$BENCH_PID
bench_await_health "$port" "$work/server.log"

# The JVM's RSS, and its hook workers' together when it has any.
rss() {
    awk '/^VmRSS/ { printf "%.1f MB", $2 / 1024 }' "/proc/$server_pid/status"
    local workers
    workers=$(pgrep -P "$server_pid" || true)
    if [ -n "$workers" ]; then
        for pid in $workers; do cat "/proc/$pid/status" 2>/dev/null; done |
            awk '/^VmRSS/ { kb += $2; n++ } END { printf " (+%d workers %.1f MB)", n, kb / 1024 }'
    fi
}
# Hook workers replaced so far (0 for JVM-native models, which have none).
restarts() {
    curl -fs "http://127.0.0.1:$port/actuator/prometheus" |
        awk '/^timpani_workers_restarts_total/ { n += $NF } END { printf "%d", n }'
}
echo "soak: ${duration}s at $conns connections, ${interval}s intervals, server pid $server_pid," \
    "model ${CASE:-embedded example}, JAVA_OPTS ${JAVA_OPTS:-(none)}"
echo "rss_start: $(rss)   worker_restarts_start: $(restarts)"
elapsed=0
while (( elapsed < duration )); do
    line=$(BODY_FILE="$work/valid.csv" wrk -t2 -c"$conns" -d"${interval}s" --timeout 10s -s bench/soak-mix.lua \
        "http://127.0.0.1:$port/predict/" | sed -n 's/^RESULT //p')
    elapsed=$(( elapsed + interval ))
    printf 't=%4ss %s rss=%s\n' "$elapsed" "$line" "$(rss)" | tee -a "$work/intervals.txt"
done
echo "rss_end: $(rss)   worker_restarts_end: $(restarts)"
# Totals by status over every interval.
sed -n 's/.*statuses=\([^ ]*\).*/\1/p' "$work/intervals.txt" | tr ',' '\n' | \
    awk -F= 'NF == 2 { total[$1] += $2 } END { for (s in total) printf "status %s: %d\n", s, total[s] }' | sort
awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^socket_errors=/) { split($i, kv, "="); n += kv[2] } }
    END { printf "socket errors: %d\n", n }' "$work/intervals.txt"
grep -c ' ERROR ' "$work/server.log" | sed 's/^/server ERROR log lines: /' || true
