#!/usr/bin/env bash
# Builds the Python package (python/: PyO3 + maturin) as a release wheel and installs it
# into the current python3's environment, replacing any older build.
#
#   scripts/python.sh          build and install (maturin from PyPI if missing)
#   scripts/python.sh test     also run its pytest tests (python/tests/, a Dask LocalCluster
#                              among them; pytest, dask[distributed] and pandas from PyPI)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
PY=${PYTHON:-python3}
log() { printf '[python] %s\n' "$*" >&2; }
t0=$(date +%s)

need=(maturin)
[ "${1:-}" = test ] && need+=(pytest dask distributed pandas)
missing=()
for m in "${need[@]}"; do "$PY" -c "import $m" 2>/dev/null || missing+=("$m"); done
if [ ${#missing[@]} -gt 0 ]; then
  log "pip install ${missing[*]}"
  pkgs=("${missing[@]/distributed/dask[distributed]}")
  "$PY" -m pip install -q --root-user-action=ignore "${pkgs[@]}"
fi

rm -rf target/wheels/article_annotator-*.whl
"$PY" -m maturin build -q --release -m python/Cargo.toml -i "$PY" -o target/wheels
"$PY" -m pip install -q --root-user-action=ignore --force-reinstall --no-deps target/wheels/article_annotator-*.whl
log "built and installed in $(( $(date +%s) - t0 )) s: $("$PY" -c 'import article_annotator as a; print(a.__file__)')"

if [ "${1:-}" = test ]; then
  # The tests compare with the CLI's output: build it first (a no-op after cargo test).
  cargo build -q --bin annotate
  ANNOTATE_BIN=target/debug/annotate "$PY" -m pytest -q -p no:cacheprovider python/tests
fi
