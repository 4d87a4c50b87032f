#!/bin/sh
# Quote-layer evaluation in one command: builds the release CLI, annotates the
# seed article and the PolNeAR dev split, scores both with the shared scorer
# (quotes only), and lists the hard cases that pass (tests/quotes_hard_cases.rs).
# Quotes of kind "title" (a film's or a show's name) are not quotations and
# are dropped before scoring; the figures by kind and the speaker-name errors
# by class come from tools/quote-kinds.py.
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
# Drop titles (stdin -> stdout, one record a line).
no_titles() {
  python3 -c '
import json, sys
for line in sys.stdin:
    d = json.loads(line)
    d["quotes"] = [q for q in d.get("quotes", []) if q.get("kind") != "title"]
    print(json.dumps(d))
'
}
target/release/annotate --jsonl "$OUT/seed.in.jsonl" | no_titles > "$OUT/seed.jsonl"
echo "== seed article"
python3 "$SHARED/eval/score.py" "$SHARED/data/seed/article.gold.json" "$OUT/seed.jsonl" | grep '^quotes'
target/release/annotate --jsonl "$SHARED/data/quotes/polnear-dev.gold.jsonl" > "$OUT/polnear.all.jsonl"
no_titles < "$OUT/polnear.all.jsonl" > "$OUT/polnear.jsonl"
echo "== PolNeAR dev"
python3 "$SHARED/eval/score.py" "$SHARED/data/quotes/polnear-dev.gold.jsonl" "$OUT/polnear.jsonl" | grep '^quotes'
echo "== PolNeAR dev, speaker names (data/dev/polnear-dev-names.jsonl: pronoun and role sources resolved)"
python3 tools/polnear-name-gold.py "$SHARED/data/quotes/polnear-dev.gold.jsonl" data/dev/polnear-dev-names.jsonl > "$OUT/names.gold.jsonl"
python3 "$SHARED/eval/score.py" "$OUT/names.gold.jsonl" "$OUT/polnear.jsonl" | grep '^quotes speaker' | sed 's/speaker    accuracy/speaker-name accuracy/'
echo "== PolNeAR train (840 articles; the rules were never tuned on it, a check on dev overfitting; the ranker's few overrides are in-sample)"
target/release/annotate --jsonl "$SHARED/data/quotes/polnear-train.jsonl" | no_titles > "$OUT/train.jsonl"
python3 "$SHARED/eval/score.py" "$SHARED/data/quotes/polnear-train.jsonl" "$OUT/train.jsonl" | grep '^quotes'
echo "== PolNeAR dev by kind"
python3 tools/quote-kinds.py "$SHARED/data/quotes/polnear-dev.gold.jsonl" "$OUT/polnear.all.jsonl" "$OUT/names.gold.jsonl"
echo "== error classes (tests/quotes_speakers.rs)"
cargo test --quiet --test quotes_speakers -- --nocapture 2>&1 | grep -E '^(pass|FAIL) ' || true
echo "== hard cases"
cargo test --quiet --test quotes_hard_cases -- --nocapture 2>&1 | grep -E '^(pass|FAIL) |hard cases pass' || true
if [ "${1:-}" = "--dump" ]; then
  python3 tools/quote-errors.py "$SHARED/data/quotes/polnear-dev.gold.jsonl" "$OUT/polnear.jsonl"
  python3 tools/quote-errors.py "$SHARED/data/seed/article.gold.json" "$OUT/seed.jsonl"
fi
