#!/bin/sh
# One self-contained HTML file, dist/annotator-single.html: the page with its
# JS, CSS and wasm (base64) inlined. It works when opened from file:// with
# no server (annotation runs on the main thread there). Runs
# scripts/build-web.sh first (incremental).
set -eu
cd "$(dirname "$0")/.."
sh scripts/build-web.sh >/dev/null
node scripts/build-single.mjs dist
