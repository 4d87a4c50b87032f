#!/usr/bin/env bash
# Every quality figure the README quotes, from ../shared, in one run:
#   the modern-news dev set first (every layer; tools/eval-news.sh), then the
#   seed article (all layers), CoNLL-2003 dev and the multi-domain dev set
#   (entities), PolNeAR dev and the hard cases (quotes), the boilerplate dev
#   pages as selections, whole pages and HTML (5-fold CV and in-sample), and
#   whether each committed model (and the learned first-name list) rebuilds
#   byte for byte.
#   scripts/eval.sh          about 5 minutes on 2 cores
#   scripts/eval.sh --full   adds the HTML path's 5-fold CV (about 10 minutes more)
# The multi-domain entity figures and the entity model's rebuild need the
# converted corpora (data/SOURCES.md): CORPORA=DIR, default target/corpora.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=../shared
SCORE="python3 $SHARED/eval/score.py"
cargo build --release -q --bins
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "== the modern-news dev set (data/dev/news): the first figures to read"
tools/eval-news.sh

echo "== seed article, all layers"
target/release/annotate "$SHARED/data/seed/article.txt" > "$tmp/seed.json"
$SCORE "$SHARED/data/seed/article.gold.json" "$tmp/seed.json"

echo "== entities: CoNLL-2003 dev through the CLI (score.py), then eval-ner"
python3 "$SHARED/eval/conll2jsonl.py" "$SHARED/data/ner/conll2003/dev.txt" > "$tmp/dev.gold.jsonl"
python3 "$SHARED/eval/conll2jsonl.py" "$SHARED/data/ner/conll2003/dev.txt" --text-only > "$tmp/dev.text.jsonl"
target/release/annotate --jsonl "$tmp/dev.text.jsonl" > "$tmp/dev.pred.jsonl"
$SCORE "$tmp/dev.gold.jsonl" "$tmp/dev.pred.jsonl" --labels PERSON,ORG,PLACE,MISC
target/release/eval-ner "$SHARED/data/ner/conll2003/dev.txt"
CORPORA=${CORPORA:-target/corpora}
if [ -f "$CORPORA/gum.dev.conll" ]; then
  echo "== entities: the multi-domain dev set (CoNLL dev + the corpora's dev splits)"
  CORPORA=$CORPORA tools/eval-entities.sh
else
  echo "== entities: multi-domain dev set skipped: no corpora in $CORPORA (python3 tools/corpora/build.py --out $CORPORA)"
fi

echo "== quotes: PolNeAR dev and the hard cases"
tools/eval-quotes.sh | sed -n '/PolNeAR/,$p'

echo "== boilerplate: 5-fold cross-validation by page (honest): pasted selections (lines) and whole pages as plain text (article body)"
tools/eval-boiler.sh --cv | grep -E 'lines|article body|:$'
echo "== boilerplate, the committed model (trained on these pages: in-sample)"
tools/eval-boiler.sh | grep lines
target/release/annotate --jsonl --no-entities --no-quotes "$SHARED/data/boiler/html-dev/pages.jsonl" > "$tmp/pages.jsonl"
echo "whole pages as plain text, in-sample, the product (header lines kept as article):"
python3 "$SHARED/eval/score_body.py" "$SHARED/data/boiler/html-dev/ground-truth.json" "$tmp/pages.jsonl" | tail -n 1
echo "the same, the body alone (the header's parts left out, the benchmark's definition):"
python3 tools/body-only.py "$tmp/pages.jsonl" > "$tmp/pages-body.jsonl"
python3 "$SHARED/eval/score_body.py" "$SHARED/data/boiler/html-dev/ground-truth.json" "$tmp/pages-body.jsonl" | tail -n 1
echo "== the HTML path: article body from the pages' HTML (in-sample; --full adds 5-fold CV)"
if [ "${1:-}" = "--full" ]; then tools/eval-html.sh; else tools/eval-html.sh --quick; fi

echo "== committed models rebuild byte for byte"
models="boiler html-boiler speakers"
tools/train-boiler.sh --out "$tmp/boiler.model" > /dev/null 2>&1
tools/train-speakers.sh --out "$tmp/speakers.model" > /dev/null 2>&1
target/release/train-html-boiler "$SHARED/data/boiler/html-dev" --out "$tmp/html-boiler.model" > /dev/null 2>&1
if [ -f "$CORPORA/gum.train.conll" ]; then
  tools/train-entities.sh "$CORPORA" -o "$tmp/ner.model" > /dev/null 2>&1
  models="ner $models"
  # The casing lists the tagger's features read, from the same corpora.
  mkdir -p "$tmp/casing" && CASING_OUT="$tmp/casing" python3 scripts/casing.py "$CORPORA" "$SHARED" > /dev/null
  for f in lower mixed name; do
    if cmp -s "$tmp/casing/case-$f.txt" "data/gazetteers/case-$f.txt"; then echo "data/gazetteers/case-$f.txt: identical"
    else echo "data/gazetteers/case-$f.txt: DIFFERS from its rebuild"; fi
  done
else
  echo "data/ner.model: rebuild skipped (no corpora in $CORPORA)"
fi
for m in $models; do
  if cmp -s "$tmp/$m.model" "data/$m.model"; then echo "data/$m.model: identical"; else echo "data/$m.model: DIFFERS from its rebuild"; fi
done
# The learned word list (first names' gender, from PolNeAR train).
if python3 tools/learn-genders.py | cmp -s - data/lexicon/first-names.txt; then
  echo "data/lexicon/first-names.txt: identical"
else
  echo "data/lexicon/first-names.txt: DIFFERS from its rebuild"
fi
