#!/usr/bin/env bash
# Sets up a fresh machine (scripts/setup.sh) and runs every test: Rust unit
# and integration tests, the wasm module in node, and end-to-end tests in
# headless Chromium. Exits non-zero if any suite fails.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
scripts/setup.sh || { echo "setup failed"; exit 1; }

echo "== cargo test (unit + integration)"
cargo test --no-fail-fast
rust=$?

echo "== fuzz annotate for 60 s (invariants on every output)"
scripts/fuzz.sh 60
fuzz=$?

echo "== build wasm + page"
scripts/build-web.sh || { echo "web build failed"; exit 1; }

echo "== node: the wasm module, and end-to-end tests in headless Chromium"
node --test --test-concurrency=1 tests/wasm/ tests/e2e/
js=$?

[ "$rust" -eq 0 ] || echo "cargo test failed"
[ "$fuzz" -eq 0 ] || echo "fuzzing found a failure"
[ "$js" -eq 0 ] || echo "node tests failed"
[ "$rust" -eq 0 ] && [ "$fuzz" -eq 0 ] && [ "$js" -eq 0 ]
