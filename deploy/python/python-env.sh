#!/bin/sh
# The Python side of Timpani: a venv for the hook workers (timpani.workers.python = VENV/bin/python).
#
#   python-env.sh VENV [MODEL_DIR]
#
# Makes the venv VENV (unless it exists), installs the pinned base of base-requirements.txt beside this script
# into it, then, if MODEL_DIR holds a requirements.txt, that file on top of the base: DRUM's convention, as
# DataRobot installs a model folder's requirements.txt over its drop-in environment. pip runs in MODEL_DIR, so
# relative paths in the file (a wheel shipped in the folder) resolve there. Last, `pip check`: a folder whose
# requirements break the base's stops here, not at the first prediction.
#
# The Dockerfile runs it (WITH_PYTHON=true, MODEL_DIR), so does a model image built FROM the Timpani image, and
# so does PythonEnvIT, which serves models through the result. PYTHON names the interpreter the venv is made
# with (default: python3). Running it again on the same VENV only adds what is missing.
set -eu

if [ "$#" -lt 1 ] || [ "$#" -gt 2 ]; then
    echo "usage: $0 VENV [MODEL_DIR]" >&2
    exit 2
fi
venv=$1
model_dir=${2:-}
here=$(cd "$(dirname "$0")" && pwd)

if [ ! -x "$venv/bin/python" ]; then
    "${PYTHON:-python3}" -m venv "$venv"
fi
pip() {
    "$venv/bin/python" -m pip --disable-pip-version-check --no-input "$@"
}

pip install --no-cache-dir -r "$here/base-requirements.txt"
if [ -n "$model_dir" ] && [ -f "$model_dir/requirements.txt" ]; then
    echo "Installing $model_dir/requirements.txt on top of the base"
    (cd "$model_dir" && pip install --no-cache-dir -r requirements.txt)
fi
pip check
