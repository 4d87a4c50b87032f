#!/usr/bin/env bash
# Fuzz `annotate` with cargo-fuzz (libFuzzer) for N seconds (default 60).
# Inputs that break an invariant are saved under fuzz/artifacts/; copy them to
# fuzz/seeds/ as regression seeds once fixed.
#   scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
secs=${1:-60}
command -v cargo-fuzz >/dev/null || cargo install -q cargo-fuzz --locked || cargo install -q cargo-fuzz
mkdir -p fuzz/corpus/annotate
# cargo-fuzz needs nightly flags; RUSTC_BOOTSTRAP lets the stable compiler take them.
export RUSTC_BOOTSTRAP=1
cargo fuzz build -O annotate
log=fuzz/last-run.log
rc=0
cargo fuzz run -O annotate fuzz/corpus/annotate fuzz/seeds -- \
  -max_total_time="$secs" -max_len=4096 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  > "$log" 2>&1 || rc=$?
grep -E 'stat::(number_of_executed_units|new_units_added|peak_rss_mb)|^Done' "$log" || true
if [ "$rc" -ne 0 ]; then
  grep -A40 -E 'panicked|ERROR|SUMMARY' "$log" | head -60
  echo "fuzz: annotate broke an invariant or crashed (input saved under fuzz/artifacts/)"
fi
exit "$rc"
