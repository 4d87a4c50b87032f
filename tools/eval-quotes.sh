#!/bin/sh
# Quote-layer evaluation in one command: builds the release CLI, annotates the
# seed article and the PolNeAR dev split, scores both with the shared scorer
# (quotes only), and lists the hard cases that pass (tests/quotes_hard_cases.rs).
# Usage: tools/eval-quotes.sh [--dump]
# --dump also prints every gold quote missed or mis-attributed on PolNeAR.
set -eu
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
OUT=${TMPDIR:-/tmp}/eval-quotes.$$
mkdir -p "$OUT"
trap 'rm -rf "$OUT"' EXIT
cargo build --release --quiet
# The seed goes through --jsonl so the prediction carries the gold's id.
python3 -c '
import json, sys
g = json.load(open(sys.argv[1]))
print(json.dumps({"id": g.get("id"), "text": g["text"]}))
' "$SHARED/data/seed/article.gold.json" > "$OUT/seed.in.jsonl"
target/release/annotate --jsonl "$OUT/seed.in.jsonl" > "$OUT/seed.jsonl"
echo "== seed article"
python3 "$SHARED/eval/score.py" "$SHARED/data/seed/article.gold.json" "$OUT/seed.jsonl" | grep '^quotes'
target/release/annotate --jsonl "$SHARED/data/quotes/polnear-dev.gold.jsonl" > "$OUT/polnear.jsonl"
echo "== PolNeAR dev"
python3 "$SHARED/eval/score.py" "$SHARED/data/quotes/polnear-dev.gold.jsonl" "$OUT/polnear.jsonl" | grep '^quotes'
echo "== PolNeAR dev, speaker names (data/dev/polnear-dev-names.jsonl: pronoun and role sources resolved)"
python3 tools/polnear-name-gold.py "$SHARED/data/quotes/polnear-dev.gold.jsonl" data/dev/polnear-dev-names.jsonl > "$OUT/names.gold.jsonl"
python3 "$SHARED/eval/score.py" "$OUT/names.gold.jsonl" "$OUT/polnear.jsonl" | grep '^quotes speaker' | sed 's/speaker    accuracy/speaker-name accuracy/'
echo "== hard cases"
cargo test --quiet --test quotes_hard_cases -- --nocapture 2>&1 | grep -E '^(pass|FAIL) |hard cases pass' || true
if [ "${1:-}" = "--dump" ]; then
  python3 tools/quote-errors.py "$SHARED/data/quotes/polnear-dev.gold.jsonl" "$OUT/polnear.jsonl"
  python3 tools/quote-errors.py "$SHARED/data/seed/article.gold.json" "$OUT/seed.jsonl"
fi
