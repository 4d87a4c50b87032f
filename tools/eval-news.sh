#!/usr/bin/env bash
# The modern-news dev set (data/dev/news, data/dev/GUIDELINES.md): every layer's
# figures, the first ones to look at for any change.
#   tools/eval-news.sh [-v] [--drafts]   -v lists wrong speakers; --drafts adds
#                                         articles with only a first pass
# Texts from ../shared stay there; build.py joins them with data/dev/news/gold.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
out=${NEWS_OUT:-target/devnews/eval}
verbose=""; drafts=""
for a in "$@"; do case $a in -v) verbose=-v;; --drafts) drafts=--drafts;; esac; done
cargo build --release -q --bin annotate
python3 tools/devnews/devnews.py build "$out" $drafts
target/release/annotate --jsonl "$out/text.jsonl" > "$out/pred.jsonl"
python3 - "$out/gold.jsonl" <<'PY'
import json, sys
docs = [json.loads(l) for l in open(sys.argv[1])]
countries = {d["meta"]["country"] for d in docs} - {"international"}
print(f"{len(docs)} articles from outlets in {len(countries)} countries and international ones "
      f"({sum(d['meta']['country'] != 'US' for d in docs)} outside the US), "
      f"{sum(len(d['entities']) for d in docs)} entity mentions, {sum(len(d['quotes']) for d in docs)} quotes")
PY
echo "-- entities, PERSON/ORG/PLACE"
python3 "$SHARED/eval/score.py" "$out/gold.jsonl" "$out/pred.jsonl" --labels PERSON,ORG,PLACE | grep '^entities'
echo "-- entities, all five labels; quotes; boilerplate lines (gold from the benchmark pages, in-sample for the boilerplate model)"
python3 "$SHARED/eval/score.py" "$out/gold.jsonl" "$out/pred.jsonl" --labels PERSON,ORG,PLACE,DATE,MISC
python3 tools/devnews/report.py "$out/gold.jsonl" "$out/pred.jsonl" $verbose
