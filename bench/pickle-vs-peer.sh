#!/usr/bin/env bash
# Timpani against a peer server (DRUM) on the same drop-in pickle, in one run: both started before any load,
# then wrk at 1 row x 1 connection and 300 rows x 4 connections (ROWS / CONNS pairs via RUNS), against each in
# turn, printing requests/s, p50, p99 and the ratio Timpani / peer. Also prints how Timpani serves the pickle
# (/info/ servedBy) and whether it started any Python process.
# Usage: bench/pickle-vs-peer.sh [corpus case or a case folder, default sklearn_regression] [seconds per run,
#        default 10]; a case folder holds case.yaml, model/ and input.csv (bench/modern-pickles.py makes them).
# PEER_CMD: the peer's command line, with {port}, {code_dir}, {target_type} and {labels} (a binary case's
# --negative-class-label / --positive-class-label) filled in; e.g.
#   PEER_CMD="drum server --code-dir {code_dir} --target-type {target_type} {labels} --address 127.0.0.1:{port}"
# Without it only Timpani is measured. RUNS="1x1 300x4" (rows x connections). JAVA_OPTS for Timpani's JVM;
# TIMPANI_ARGS for its server (e.g. --timpani.workers.python=V/bin/python when a pickle goes to the workers).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
case_name=${1:-sklearn_regression}
seconds=${2:-10}
corpus=$(cd "${CORPUS:-../shared/corpus}" && pwd)
case_dir="$corpus/$case_name"
[ ! -d "$case_name" ] || case_dir=$(cd "$case_name" && pwd)
target_type=$(sed -n 's/^target_type: //p' "$case_dir/case.yaml")
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
[ -f target/timpani.jar ] || ./mvnw -B -q -DskipTests package

work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill -- "$p" 2>/dev/null; done; rm -rf "$work"' EXIT
runs=${RUNS:-1x1 300x4}
for run in $runs; do
    bench_rows "$case_dir/input.csv" "${run%x*}" "$work/rows-${run%x*}.csv"
done

port_t=${PORT:-18090}
port_p=$((port_t + 1))
mapfile -t model_args < <(bench_case_args "$case_dir")
# A binary case's labels (case.yaml), for Timpani and as {labels} for the peer; multiclass cases are not handled.
labels=""
if [ "$target_type" = binary ]; then
    labels="--negative-class-label $(sed -n "s/^negative_class_label: '*\([^']*\)'*$/\1/p" "$case_dir/case.yaml")"
    labels+=" --positive-class-label $(sed -n "s/^positive_class_label: '*\([^']*\)'*$/\1/p" "$case_dir/case.yaml")"
fi
# shellcheck disable=SC2086  # the labels are a list of options, split on purpose
bench_start "$port_t" "$work/timpani.log" "${model_args[@]}" --logging-level warning $labels ${TIMPANI_ARGS:-}
pids+=("$BENCH_PID")
timpani_pid=$BENCH_PID
if [ -n "${PEER_CMD:-}" ]; then
    peer_cmd=${PEER_CMD//\{port\}/$port_p}
    peer_cmd=${peer_cmd//\{code_dir\}/$case_dir/model}
    peer_cmd=${peer_cmd//\{target_type\}/$target_type}
    peer_cmd=${peer_cmd//\{labels\}/$labels}
    # setsid: the peer's own workers go in one process group, killed with it.
    setsid bash -c "exec $peer_cmd" > "$work/peer.log" 2>&1 &
    pids+=("-$!")
fi
bench_await_health "$port_t" "$work/timpani.log"
[ -z "${PEER_CMD:-}" ] || bench_await_health "$port_p" "$work/peer.log"

echo "case: $case_name ($target_type)   $(uptime | sed 's/.*load/load/')"
echo "timpani servedBy: $(curl -fs "http://127.0.0.1:$port_t/info/" | sed -n 's/.*"servedBy":"\([^"]*\)".*/\1/p')"
python_children=$(pgrep -P "$timpani_pid" -c -f python || true)
echo "timpani python processes: ${python_children:-0}"
[ -z "${PEER_CMD:-}" ] || echo "peer: $peer_cmd"

run() { # port rows conns -> "rps p50 p99"
    local threads=$(( $3 < 2 ? 1 : 2 )) line
    line=$(BODY_FILE="$work/rows-$2.csv" wrk -t"$threads" -c"$3" -d"${seconds}s" -s bench/post-csv.lua \
        "http://127.0.0.1:$1/predict/" | grep '^RESULT')
    [ "$(sed 's/.*errors=\([0-9]*\).*/\1/' <<<"$line")" = 0 ] || echo "warning: errors on port $1: $line" >&2
    sed 's/.*rps=\([0-9.]*\) p50_ms=\([0-9.]*\) p99_ms=\([0-9.]*\).*/\1 \2 \3/' <<<"$line"
}

printf '%-6s %-5s %-8s %10s %9s %9s %8s\n' rows conns server req/s p50_ms p99_ms ratio
for run in $runs; do
    rows=${run%x*}
    conns=${run#*x}
    for port in "$port_t" ${PEER_CMD:+"$port_p"}; do # warm the JIT / the peer's workers
        BODY_FILE="$work/rows-$rows.csv" wrk -t1 -c"$conns" -d3s -s bench/post-csv.lua "http://127.0.0.1:$port/predict/" >/dev/null
    done
    read -r t_rps t_p50 t_p99 <<<"$(run "$port_t" "$rows" "$conns")"
    printf '%-6s %-5s %-8s %10s %9s %9s %8s\n' "$rows" "$conns" timpani "$t_rps" "$t_p50" "$t_p99" ""
    if [ -n "${PEER_CMD:-}" ]; then
        read -r p_rps p_p50 p_p99 <<<"$(run "$port_p" "$rows" "$conns")"
        printf '%-6s %-5s %-8s %10s %9s %9s %8.1fx\n' "$rows" "$conns" peer "$p_rps" "$p_p50" "$p_p99" \
            "$(echo "$t_rps / $p_rps" | bc -l)"
    fi
done
