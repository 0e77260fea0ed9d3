#!/usr/bin/env bash
# What the Python worker bridge costs per request, and how throughput scales with the worker count (issue 7).
# Builds a throwaway custom.py model whose score hook spends a known CPU time (SPIN_MS, default 0: returns at
# once) and serves it with bench/predict-load.sh at 1 row, once per worker count. The bridge's overhead is the
# 1-connection p50 minus SPIN_MS; with SPIN_MS > 0, req/s at many connections shows the scaling with workers.
# Usage: bench/hook-overhead.sh [seconds per run, default 10]
# WORKERS="1 2" picks the worker counts, CONNS="1 4 16" the connections, PYTHON the interpreter (needs pandas).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
spin_ms=${SPIN_MS:-0}
python=${PYTHON:-/usr/bin/python3}

corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
case_dir="$corpus/python_hook_spin"
mkdir -p "$case_dir/model"
printf 'target_type: regression\n' > "$case_dir/case.yaml"
printf 'a,b,c\n1.5,2,x\n' > "$case_dir/input.csv"
cat > "$case_dir/model/custom.py" <<EOF
import time

import pandas as pd

SPIN_SECONDS = $spin_ms / 1000.0


def load_model(code_dir):
    return "spin"


def score(data, model, **kwargs):
    # CPU, not sleep: the hook's time is what the worker's core is busy with.
    end = time.process_time() + SPIN_SECONDS
    while time.process_time() < end:
        pass
    return pd.DataFrame({"Predictions": [0.0] * len(data)})
EOF

echo "score hook: ${spin_ms} ms of CPU per call   interpreter: $python"
for workers in ${WORKERS:-1 2}; do
    echo "--- $workers worker(s)"
    CORPUS="$corpus" ROWS=1 CONNS="${CONNS:-1 4 16}" \
        SERVER_ARGS="--max-workers $workers --timpani.workers.python=$python ${SERVER_ARGS:-}" \
        bench/predict-load.sh python_hook_spin "$seconds"
done
