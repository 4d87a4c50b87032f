#!/bin/sh
# Score the seed article (boilerplate layer). The CLI's JSON has no "id", and the
# gold's id is "seed-article", so the id is added before scoring.
set -eu
SEED=${SEED:-../shared/data/seed}
cargo build --release --quiet --bin annotate
target/release/annotate "$SEED/article.txt" |
    python3 -c 'import json,sys; d=json.load(sys.stdin); d["id"]="seed-article"; print(json.dumps(d))' > "${TMPDIR:-/tmp}/seed-pred.json"
python3 ../shared/eval/score.py "$SEED/article.gold.json" "${TMPDIR:-/tmp}/seed-pred.json" | grep -E "lines"
