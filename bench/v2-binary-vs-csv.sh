#!/usr/bin/env bash
# 1,000-row numeric requests on the XGBoost example (examples/xgboost-regression), in one server run: /predict/
# with a csv body against the Open Inference Protocol's infer with one FP64 [1000, 33] tensor in the binary tensor
# data extension (and, for reference, the same tensor as JSON). Prints requests/s and rows/s per path and the
# binary path's speed-up over csv. Not a test: figures for a person to compare.
# Usage: bench/v2-binary-vs-csv.sh [seconds per run, default 10]   CONNS="1 4" picks the connection counts.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
seconds=${1:-10}
rows=1000
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
[ -f target/timpani.jar ] || ./mvnw -B -q -DskipTests package
example=$PWD/examples/xgboost-regression

work=$(mktemp -d)
trap '[ -n "${server_pid:-}" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT
bench_rows "$example/input.csv" "$rows" "$work/rows.csv"
# The same rows as V2 bodies: header JSON + little-endian float64s, and all-JSON.
header_length=$(/usr/bin/python3 - "$work" <<'PY'
import csv, json, struct, sys
work = sys.argv[1]
with open(f"{work}/rows.csv", newline="") as f:
    reader = csv.reader(f)
    names = next(reader)
    rows = [[float(v) if v != "" else float("nan") for v in row] for row in reader]
shape = [len(rows), len(names)]
flat = [v for row in rows for v in row]
raw = struct.pack(f"<{len(flat)}d", *flat)
header = json.dumps({"inputs": [{"name": "input", "datatype": "FP64", "shape": shape,
                                 "parameters": {"binary_data_size": len(raw)}}],
                     "parameters": {"binary_data_output": True}}).encode()
with open(f"{work}/v2.bin", "wb") as out:
    out.write(header + raw)
with open(f"{work}/v2.json", "w") as out:
    json.dump({"inputs": [{"name": "input", "datatype": "FP64", "shape": shape,
                           "data": [None if v != v else v for v in flat]}]}, out)
print(len(header))
PY
)

port=${PORT:-18080}
bench_start "$port" "$work/server.log" --code-dir "$example/model" --target-type regression \
    --logging-level warning --timpani.oip.model-name=xgboost-regression --timpani.oip.grpc.enabled=false \
    ${SERVER_ARGS:-}
server_pid=$BENCH_PID
bench_await_health "$port" "$work/server.log"
infer="http://127.0.0.1:$port/v2/models/xgboost-regression/infer"
# Both paths must answer 200 before anything is measured.
curl -fsS -o /dev/null -H 'Content-Type: text/csv' --data-binary @"$work/rows.csv" "http://127.0.0.1:$port/predict/"
curl -fsS -o /dev/null -H "Inference-Header-Content-Length: $header_length" --data-binary @"$work/v2.bin" "$infer"

run() { # name url body content-type header-length conns
    BODY_FILE=$3 CONTENT_TYPE=$4 INFERENCE_HEADER_LENGTH=$5 wrk -t1 -c"$6" -d2s -s bench/post-body.lua "$2" >/dev/null
    local line
    line=$(BODY_FILE=$3 CONTENT_TYPE=$4 INFERENCE_HEADER_LENGTH=$5 wrk -t1 -c"$6" -d"${seconds}s" \
        -s bench/post-body.lua "$2" | grep '^RESULT')
    local rps errors
    rps=$(sed 's/.*rps=\([0-9.]*\).*/\1/' <<<"$line")
    errors=$(sed 's/.*errors=\([0-9]*\).*/\1/' <<<"$line")
    [ "$errors" = 0 ] || echo "warning: $errors errors on $1" >&2
    printf '%-16s %-5s %10s %12.0f %9s %9s\n' "$1" "$6" "$rps" "$(echo "$rps * $rows" | bc -l)" \
        "$(sed 's/.*p50_ms=\([0-9.]*\).*/\1/' <<<"$line")" "$(sed 's/.*p99_ms=\([0-9.]*\).*/\1/' <<<"$line")"
    LAST_RPS=$rps
}

echo "examples/xgboost-regression, $rows rows a request, ${seconds}s a run   $(uptime | sed 's/.*load/load/')"
printf '%-16s %-5s %10s %12s %9s %9s\n' path conns req/s rows/s p50_ms p99_ms
for conns in ${CONNS:-1 4}; do
    run predict-csv "http://127.0.0.1:$port/predict/" "$work/rows.csv" text/csv "" "$conns"
    csv=$LAST_RPS
    run v2-binary "$infer" "$work/v2.bin" application/octet-stream "$header_length" "$conns"
    binary=$LAST_RPS
    run v2-json "$infer" "$work/v2.json" application/json "" "$conns"
    echo "  v2 binary / csv at $conns connection(s): $(printf '%.2f' "$(echo "$binary / $csv" | bc -l)")x"
done
