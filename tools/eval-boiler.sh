#!/bin/sh
# Score the boilerplate layer on ../shared/data/boiler/dev (run from the repo root).
#   tools/eval-boiler.sh          full dev set with the committed model (in-sample if
#                                 the model was trained on dev)
#   tools/eval-boiler.sh --cv     5-fold cross-validation by document: train-boiler
#                                 trains on 4/5, predicts the held-out 1/5, pooled
#   tools/eval-boiler.sh --cv-splits  the same on 5 different splits (train-boiler
#                                 --cv-seed 0..4) and their mean: one split moves
#                                 by ~0.01, so compare ideas on the mean
set -eu
if [ "${1:-}" = "--cv-splits" ]; then
    for s in 0 1 2 3 4; do
        tools/train-boiler.sh --cv 5 --cv-seed "$s" 2>&1 | tail -n 1
    done | awk '{gsub(",", ""); print; b += $6; c += $9; n++}
        END {printf "mean of %d splits: boilerplate F1 %.4f, content F1 %.4f\n", n, b / n, c / n}'
    exit 0
fi
DEV=${DEV:-../shared/data/boiler/dev}
TMP=${TMPDIR:-/tmp}/eval-boiler.$$
mkdir -p "$TMP"
trap 'rm -rf "$TMP"' EXIT
python3 - "$DEV" "$TMP" <<'PY'
import glob, json, os, sys
dev, tmp = sys.argv[1], sys.argv[2]
with open(os.path.join(tmp, "gold.jsonl"), "w") as g, open(os.path.join(tmp, "in.jsonl"), "w") as i:
    for p in sorted(glob.glob(os.path.join(dev, "*.json"))):
        d = json.load(open(p, encoding="utf-8"))
        g.write(json.dumps(d, ensure_ascii=False) + "\n")
        i.write(json.dumps({"id": d["id"], "text": d["text"]}, ensure_ascii=False) + "\n")
PY
if [ "${1:-}" = "--cv" ]; then
    # The model's own training recipe (selections + whole pages), 5 folds by page.
    tools/train-boiler.sh --cv 5 --cv-out "$TMP/pred.jsonl" 2>&1 | grep 'cross-validated'
    echo "whole pages as plain text (../shared/data/boiler/html-dev), cross-validated:"
    python3 tools/score-whole-pages.py ../shared/data/boiler/html-dev "$TMP/pred.jsonl"
    echo "pasted selections (../shared/data/boiler/dev), cross-validated:"
else
    cargo build --release --quiet --bin annotate
    target/release/annotate --jsonl --no-entities --no-quotes "$TMP/in.jsonl" > "$TMP/pred.jsonl"
fi
python3 ../shared/eval/score.py "$TMP/gold.jsonl" "$TMP/pred.jsonl"
