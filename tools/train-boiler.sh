#!/bin/sh
# Rebuild data/boiler.model (deterministic, about a minute): the boilerplate
# classifier trained on the 88 pasted selections (../shared/data/boiler/dev)
# and on the same 88 pages whole (../shared/data/boiler/html-dev/pages.jsonl,
# every line labelled by tools/boiler-whole-pages.py against the page's true
# article body), each page weighing the same.
#   tools/train-boiler.sh [--out FILE] [train-boiler options, e.g. --cv 5 --cv-out F]
set -eu
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
PAGES=target/boiler-whole-pages
rm -rf "$PAGES"
python3 tools/boiler-whole-pages.py "$SHARED/data/boiler/html-dev" "$PAGES" 2>/dev/null
cargo build --release --quiet --bin train-boiler
if [ $# -eq 0 ]; then set -- --out data/boiler.model; fi
exec target/release/train-boiler "$SHARED/data/boiler/dev" "$PAGES" "$@"
