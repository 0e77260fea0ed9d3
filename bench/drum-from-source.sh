#!/usr/bin/env bash
# DRUM, the peer of bench/pickle-vs-peer.sh, run from its source on a venv of today's libraries, on a machine with
# no PyPI but the local index (`pip config list`). Nothing of DRUM is kept in this repository.
#
#   bench/drum-from-source.sh DRUM_GIT_DIR [VENV]     # DRUM_GIT_DIR: a clone of datarobot/datarobot-user-models
#                                                     # (bare or not); VENV default ~/.cache/timpani-bench-drum
# prints the command to use as PEER_CMD's program: DRUM in gunicorn mode with 2 sync workers, DataRobot's
# production setting (DRUM_SERVER_TYPE / CUSTOM_MODEL_WORKERS runtime parameters).
#
# The index lacks DRUM's pins and some of its dependencies, so: argcomplete unpinned; strictyaml and
# memory_profiler from Debian's packages (pure Python); trafaret and OpenTelemetry's semantic conventions from
# their sources (TRAFARET_GIT_DIR, OTEL_GIT_DIR: clones of Deepwalker/trafaret and open-telemetry/opentelemetry-
# python); empty stand-ins for what has no public source (datarobot, datarobot_mlops, datarobot_storage, the OTLP
# exporters, opentelemetry.instrumentation). The stand-ins import in no time, so this DRUM starts and serves if
# anything faster than the real one.
set -euo pipefail
drum_git=$1
venv=${2:-$HOME/.cache/timpani-bench-drum}
: "${TRAFARET_GIT_DIR:?a clone of github.com/Deepwalker/trafaret}"
: "${OTEL_GIT_DIR:?a clone of github.com/open-telemetry/opentelemetry-python}"
export PIP_INDEX_URL=file:///opt/pypi/simple   # the local index only: no retries against an unreachable PyPI
src=$venv/drum-src
rm -rf "$src" && mkdir -p "$src"
git --git-dir="$drum_git" archive HEAD custom_model_runner | tar -x -C "$src"
# LIBS: the model libraries DRUM runs on; LIBS= with SYSTEM_SITE=1 runs it on Debian's (scikit-learn 1.2.1,
# xgboost 1.7.4, pandas 1.5.3) instead, for the XGBoost pickles the index cannot serve.
libs=${LIBS-scikit-learn==1.9.1 lightgbm==4.7.0 pandas==3.0.6 numpy==2.4.6}
[ -x "$venv/bin/python" ] || /usr/bin/python3 -m venv ${SYSTEM_SITE:+--system-site-packages} "$venv"
# shellcheck disable=SC2086  # the library list is split on purpose
"$venv/bin/pip" install -q $libs flask gunicorn pydantic \
    PyYAML texttable Pillow termcolor progress requests scipy jinja2 argcomplete pytz packaging markupsafe docker \
    opentelemetry-api python-dateutil ruamel.yaml psutil protobuf typing_extensions requests-toolbelt
"$venv/bin/pip" install -q --no-deps opentelemetry-sdk
site=$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
debs=$(mktemp -d)
(cd "$debs" && apt-get download -q python3-strictyaml python3-memory-profiler >/dev/null 2>&1)
for deb in "$debs"/*.deb; do dpkg-deb -x "$deb" "$debs/x"; done
cp -r "$debs"/x/usr/lib/python3/dist-packages/{strictyaml,memory_profiler.py} "$site/"
git --git-dir="$TRAFARET_GIT_DIR" archive HEAD trafaret | tar -x -C "$site"
git --git-dir="$OTEL_GIT_DIR" archive HEAD opentelemetry-semantic-conventions/src/opentelemetry/semconv \
    | tar -x -C "$debs" && cp -r "$debs/opentelemetry-semantic-conventions/src/opentelemetry/semconv" \
    "$site/opentelemetry/"
rm -rf "$debs"
stand_in() { mkdir -p "$site/$(dirname "$1")"; printf '%s\n' "${2:-}" > "$site/$1"; }
for m in datarobot datarobot_storage datarobot_mlops datarobot_mlops/common opentelemetry/instrumentation; do
    stand_in "$m/__init__.py"
done
stand_in datarobot_mlops/common/connected_exception.py 'class DRMLOpsConnectedException(Exception): pass'
stand_in opentelemetry/instrumentation/utils.py $'import contextlib\n@contextlib.contextmanager\ndef suppress_instrumentation():\n    yield'
for e in _log_exporter:OTLPLogExporter trace_exporter:OTLPSpanExporter metric_exporter:OTLPMetricExporter; do
    stand_in "opentelemetry/exporter/otlp/proto/http/${e%:*}/__init__.py" \
        $'class '"${e#*:}"$':\n    def __init__(self, *a, **k): pass'
done
cat > "$venv/bin/drum-gunicorn" <<SCRIPT
#!/bin/bash
export PYTHONPATH=$src/custom_model_runner
export MLOPS_RUNTIME_PARAM_DRUM_SERVER_TYPE='{"type":"string","payload":"gunicorn"}'
export MLOPS_RUNTIME_PARAM_CUSTOM_MODEL_WORKERS='{"type":"numeric","payload":2}'
exec $venv/bin/python -c 'import sys; from datarobot_drum.drum.entry_point import run_drum_server; sys.argv[0] = "drum"; run_drum_server()' "\$@"
SCRIPT
chmod +x "$venv/bin/drum-gunicorn"
"$venv/bin/drum-gunicorn" --version >&2
echo "$venv/bin/drum-gunicorn"
