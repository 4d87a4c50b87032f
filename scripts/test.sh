#!/usr/bin/env bash
# Sets up a fresh machine (scripts/setup.sh) and runs every test: Rust unit
# and integration tests, the Python package (pytest, Dask), the wasm module in
# node, and end-to-end tests in headless Chromium. Exits non-zero if any suite fails.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
scripts/setup.sh || { echo "setup failed"; exit 1; }

echo "== gates: rustfmt, clippy (workspace, and the product crate alone, native and wasm), rustdoc"
gates=0
cargo fmt --all --check || { echo "cargo fmt --check: run cargo fmt --all"; gates=1; }
cargo clippy -q --all-targets -- -D warnings || gates=1
cargo clippy -q -p article-annotator --lib -- -D warnings || gates=1
# The Python package's native module (a workspace member, not a default one).
cargo clippy -q -p annotator-python -- -D warnings || gates=1
# (wasm only where rustup has the wasm32 std; the Debian route builds std from source)
if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  cargo clippy -q -p article-annotator --lib --target wasm32-unknown-unknown -- -D warnings || gates=1
fi
RUSTDOCFLAGS="-D warnings" cargo doc -q --no-deps -p article-annotator || gates=1
RUSTDOCFLAGS="-D warnings" cargo doc -q --no-deps -p annotator-tools || gates=1

echo "== cargo test (unit + integration, the annotator and tools/)"
cargo test --workspace --no-fail-fast
rust=$?

echo "== python: build and install the wheel, pytest (the API against the CLI, Dask on a LocalCluster)"
scripts/python.sh test
py=$?

echo "== fuzz annotate for 60 s (invariants on every output)"
scripts/fuzz.sh 60
fuzz=$?

echo "== build wasm + page"
scripts/build-web.sh || { echo "web build failed"; exit 1; }

echo "== node: the wasm module, and end-to-end tests in headless Chromium"
node --test --test-concurrency=1 tests/wasm/ tests/e2e/
js=$?

[ "$gates" -eq 0 ] || echo "a gate failed (fmt, clippy or rustdoc)"
[ "$rust" -eq 0 ] || echo "cargo test failed"
[ "$py" -eq 0 ] || echo "python tests failed"
[ "$fuzz" -eq 0 ] || echo "fuzzing found a failure"
[ "$js" -eq 0 ] || echo "node tests failed"
[ "$gates" -eq 0 ] && [ "$rust" -eq 0 ] && [ "$py" -eq 0 ] && [ "$fuzz" -eq 0 ] && [ "$js" -eq 0 ]
