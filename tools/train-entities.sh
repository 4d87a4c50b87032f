#!/bin/sh
# Retrain the entity tagger (data/ner.model) byte for byte: CoNLL-2003 train
# (four times per epoch) plus the train splits of the converted corpora
# (the noisy tweets of WNUT-17 and BTC at half weight), epochs picked on the
# macro mean over the dev sets (the modern-news dev set data/dev/news, CoNLL
# dev and the corpora's dev splits), pruned to fit 410,000 bytes gzipped (the
# quantisation chosen on the modern-news dev set, the first dev set, counted
# as much as the macro mean). The corpora are rebuilt outside the repo by tools/corpora/build.py
# (see data/SOURCES.md). Deterministic; a few minutes on 2 cores.
# Usage: tools/train-entities.sh [CORPORA_DIR] [extra train-ner options]
set -eu
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
C=${1:-target/corpora}
[ $# -gt 0 ] && shift
SOURCES="gum uner_ewt wnut17 btc crossner_politics crossner_science crossner_music crossner_literature crossner_ai"
TRAIN=""
DEV=""
for s in $SOURCES; do
  case $s in wnut17|btc) w=0.5 ;; *) w=1 ;; esac
  TRAIN="$TRAIN $C/$s.train.conll@$w"
  DEV="$DEV --dev $C/$s.dev.conll"
done
# The modern-news dev set as CoNLL (names only; its boilerplate lines left out).
NEWS=target/devnews/conll
python3 tools/devnews/devnews.py build "$NEWS" >/dev/null
python3 tools/devnews/to-conll.py "$NEWS/gold.jsonl" "$NEWS/news.dev.conll"
(cd tools && cargo build --release --quiet --bin train-ner)
# shellcheck disable=SC2086
target/release/train-ner "$SHARED/data/ner/conll2003/train.txt@4" $TRAIN \
  --dev "$NEWS/news.dev.conll" --dev "$SHARED/data/ner/conll2003/dev.txt" $DEV \
  --bits 18 --epochs 25 --bag 8 --budget 410000 -o data/ner.model "$@"
