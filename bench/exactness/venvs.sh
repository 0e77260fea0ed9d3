#!/usr/bin/env bash
# Makes the Python environments the exactness generator runs under, besides
# Debian's /usr/bin/python3 (scikit-learn 1.2.1, xgboost 1.7.4):
#   $ROOT/sklearn-1.9.1  scikit-learn 1.9.1, numpy 2.4.6, pandas 3.0.6, scipy 1.17.1, lightgbm 4.7.0
#   $ROOT/sklearn-1.6.1  scikit-learn 1.6.1, pandas 2.3.3 (numpy/scipy: what the index resolves)
# ROOT=${TIMPANI_EXACTNESS_VENVS:-$HOME/.cache/timpani-exactness}. Idempotent: a venv
# whose installed versions already match is reused. Prints one interpreter path per line.
set -euo pipefail
ROOT=${TIMPANI_EXACTNESS_VENVS:-$HOME/.cache/timpani-exactness}
BASE_PY=${TIMPANI_EXACTNESS_BASE_PYTHON:-/usr/bin/python3}
mkdir -p "$ROOT"
# The configured default index may be unreachable (offline machine with local indexes):
# do not spend minutes retrying it.
export PIP_RETRIES=${PIP_RETRIES:-0} PIP_TIMEOUT=${PIP_TIMEOUT:-5}

# make_venv NAME CHECK_EXPR REQUIREMENT...
#   CHECK_EXPR: python expression that is True when the venv already has what we want.
make_venv() {
  local name=$1 check=$2; shift 2
  local dir="$ROOT/$name" py="$ROOT/$name/bin/python"
  if [ -x "$py" ] && "$py" -c "import sys; sys.exit(0 if ($check) else 1)" >/dev/null 2>&1; then
    echo "reusing $dir" >&2
  else
    echo "building $dir: $*" >&2
    rm -rf "$dir"
    "$BASE_PY" -m venv "$dir"
    "$dir/bin/pip" install --quiet --disable-pip-version-check "$@" >&2
    "$py" -c "import sys; sys.exit(0 if ($check) else 1)" \
      || { echo "venv $dir does not have the expected versions" >&2; exit 1; }
  fi
  "$py" -c 'import sys, sklearn, numpy, pandas; print(sys.executable, "sklearn", sklearn.__version__, "numpy", numpy.__version__, "pandas", pandas.__version__, file=sys.stderr)'
  echo "$py"
}

V() { echo "__import__('importlib.metadata').metadata.version('$1') == '$2'"; }

make_venv sklearn-1.9.1 \
  "$(V scikit-learn 1.9.1) and $(V numpy 2.4.6) and $(V pandas 3.0.6) and $(V scipy 1.17.1) and $(V lightgbm 4.7.0)" \
  scikit-learn==1.9.1 numpy==2.4.6 pandas==3.0.6 scipy==1.17.1 lightgbm==4.7.0

# pandas 2.3.3 when the index has it, else whatever resolves.
probe_dir=$(mktemp -d /tmp/exactness-pipcheck.XXXXXX)
trap 'rm -rf "$probe_dir"' EXIT
if "$BASE_PY" -m pip download --quiet --no-deps --dest "$probe_dir" pandas==2.3.3 >/dev/null 2>&1; then
  make_venv sklearn-1.6.1 "$(V scikit-learn 1.6.1) and $(V pandas 2.3.3)" scikit-learn==1.6.1 pandas==2.3.3
else
  make_venv sklearn-1.6.1 "$(V scikit-learn 1.6.1)" scikit-learn==1.6.1 pandas
fi
