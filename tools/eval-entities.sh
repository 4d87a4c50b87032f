#!/bin/sh
# Entity evaluation on the multi-domain dev set: CoNLL-2003 dev plus the dev
# splits of the converted corpora (data/SOURCES.md; rebuild them with
# tools/corpora/build.py). Prints strict F1 per source for the entity layer
# as the CLI runs it and for the tagger alone, on the labels each source
# annotates fully (BTC and UNER have no MISC; WNUT and GUM only part of it),
# and the macro mean over sources.
# Usage: tools/eval-entities.sh [--model FILE]
set -eu
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
CORPORA=${CORPORA:-target/corpora}
MODEL=""
if [ "${1:-}" = "--model" ]; then MODEL="--model $2"; fi
(cd tools && cargo build --release --quiet --bin eval-ner)
# shellcheck disable=SC2086
target/release/eval-ner --multi $MODEL "$SHARED/data/ner/conll2003/dev.txt" \
  "$CORPORA"/gum.dev.conll "$CORPORA"/uner_ewt.dev.conll "$CORPORA"/wnut17.dev.conll \
  "$CORPORA"/btc.dev.conll "$CORPORA"/crossner_politics.dev.conll "$CORPORA"/crossner_science.dev.conll \
  "$CORPORA"/crossner_music.dev.conll "$CORPORA"/crossner_literature.dev.conll "$CORPORA"/crossner_ai.dev.conll
