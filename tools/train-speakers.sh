#!/bin/sh
# Rebuild data/speakers.model (deterministic, a few seconds): the quote
# layer's speaker ranker, an averaged perceptron over hashed features of
# each quotation's candidate source mentions, trained on the PolNeAR
# training split's direct quotes (../shared/data/quotes/polnear-train.jsonl).
#   tools/train-speakers.sh                 rebuild data/speakers.model
#   tools/train-speakers.sh --cv 5          cross-validation on the training split
#   tools/train-speakers.sh --eval          the embedded model on PolNeAR dev
#   tools/train-speakers.sh --out F --dev ../shared/data/quotes/polnear-dev.gold.jsonl
# Reports: mention accuracy of the rules and of the ranker on the matched
# quotations, by case (cue in the quotation's sentence / floating), and the
# combinations; --dump lists where the two disagree.
set -eu
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
cargo build --release --quiet -p annotator-tools --bin train-speakers
if [ "${1:-}" = "--eval" ]; then
  shift
  exec target/release/train-speakers --eval "$SHARED/data/quotes/polnear-dev.gold.jsonl" "$@"
fi
if [ $# -eq 0 ]; then set -- --out data/speakers.model; fi
exec target/release/train-speakers "$SHARED/data/quotes/polnear-train.jsonl" "$@"
