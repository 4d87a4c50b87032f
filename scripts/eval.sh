#!/usr/bin/env bash
# Every quality figure the README quotes, from ../shared, in one run:
#   seed article (all layers), CoNLL-2003 dev (entities), PolNeAR dev and the
#   hard cases (quotes), the boilerplate dev pages (5-fold CV and in-sample).
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=../shared
SCORE="python3 $SHARED/eval/score.py"
cargo build --release -q --bins
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "== seed article, all layers"
target/release/annotate "$SHARED/data/seed/article.txt" > "$tmp/seed.json"
$SCORE "$SHARED/data/seed/article.gold.json" "$tmp/seed.json"

echo "== entities: CoNLL-2003 dev through the CLI (score.py), then eval-ner"
python3 "$SHARED/eval/conll2jsonl.py" "$SHARED/data/ner/conll2003/dev.txt" > "$tmp/dev.gold.jsonl"
python3 "$SHARED/eval/conll2jsonl.py" "$SHARED/data/ner/conll2003/dev.txt" --text-only > "$tmp/dev.text.jsonl"
target/release/annotate --jsonl "$tmp/dev.text.jsonl" > "$tmp/dev.pred.jsonl"
$SCORE "$tmp/dev.gold.jsonl" "$tmp/dev.pred.jsonl" --labels PERSON,ORG,PLACE,MISC
target/release/eval-ner "$SHARED/data/ner/conll2003/dev.txt"

echo "== quotes: PolNeAR dev and the hard cases"
tools/eval-quotes.sh | sed -n '/PolNeAR/,$p'

echo "== boilerplate: 5-fold cross-validation by page (honest): pasted selections (lines) and whole pages as plain text (article body)"
tools/eval-boiler.sh --cv | grep -E 'lines|article body|:$'
echo "== boilerplate, the committed model (trained on these pages: in-sample)"
tools/eval-boiler.sh | grep lines
target/release/annotate --jsonl --no-entities --no-quotes "$SHARED/data/boiler/html-dev/pages.jsonl" > "$tmp/pages.jsonl"
python3 "$SHARED/eval/score_body.py" "$SHARED/data/boiler/html-dev/ground-truth.json" "$tmp/pages.jsonl"

echo "== committed models rebuild byte for byte from ../shared"
target/release/train-ner "$SHARED/data/ner/conll2003/train.txt" --dev "$SHARED/data/ner/conll2003/dev.txt" -o "$tmp/ner.model" > /dev/null 2>&1
tools/train-boiler.sh --out "$tmp/boiler.model" > /dev/null 2>&1
for m in ner boiler; do
  if cmp -s "$tmp/$m.model" "data/$m.model"; then echo "data/$m.model: identical"; else echo "data/$m.model: DIFFERS from its rebuild"; fi
done
