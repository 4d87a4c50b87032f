#!/bin/sh
# Figures that mention grouping (src/entities/group.rs) moves, in one command:
# the seed article (entities), CoNLL-2003 dev entities through the CLI, and
# PolNeAR dev quote speakers (mention and name accuracy). Keeps the CLI
# outputs in $KEEP (default /tmp/eval-grouping) for diffing before/after.
# Usage: tools/eval-grouping.sh [KEEP_DIR]
set -eu
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
SCORE="python3 $SHARED/eval/score.py"
KEEP=${1:-${TMPDIR:-/tmp}/eval-grouping}
mkdir -p "$KEEP"
cargo build --release --quiet --bins
echo "== seed article"
target/release/annotate "$SHARED/data/seed/article.txt" > "$KEEP/seed.json"
$SCORE "$SHARED/data/seed/article.gold.json" "$KEEP/seed.json" | grep -E '^(entities|quotes)'
echo "== CoNLL-2003 dev, entities through the CLI"
python3 "$SHARED/eval/conll2jsonl.py" "$SHARED/data/ner/conll2003/dev.txt" > "$KEEP/dev.gold.jsonl"
python3 "$SHARED/eval/conll2jsonl.py" "$SHARED/data/ner/conll2003/dev.txt" --text-only > "$KEEP/dev.text.jsonl"
target/release/annotate --jsonl "$KEEP/dev.text.jsonl" > "$KEEP/dev.pred.jsonl"
$SCORE "$KEEP/dev.gold.jsonl" "$KEEP/dev.pred.jsonl" --labels PERSON,ORG,PLACE,MISC | grep -E '^entities'
echo "== PolNeAR dev, quotes"
target/release/annotate --jsonl "$SHARED/data/quotes/polnear-dev.gold.jsonl" > "$KEEP/polnear.jsonl"
$SCORE "$SHARED/data/quotes/polnear-dev.gold.jsonl" "$KEEP/polnear.jsonl" | grep '^quotes speaker'
python3 tools/polnear-name-gold.py "$SHARED/data/quotes/polnear-dev.gold.jsonl" data/dev/polnear-dev-names.jsonl > "$KEEP/names.gold.jsonl"
$SCORE "$KEEP/names.gold.jsonl" "$KEEP/polnear.jsonl" | grep '^quotes speaker' | sed 's/speaker    accuracy/speaker-name accuracy/'
