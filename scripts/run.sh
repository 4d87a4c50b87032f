#!/usr/bin/env bash
# Sets up a fresh machine, builds the page into dist/ and serves it on
# 127.0.0.1 (PORT, default 8080). Prints the URL; Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
scripts/setup.sh app
scripts/build-web.sh
exec node scripts/serve.mjs --root dist --port "${PORT:-8080}"
