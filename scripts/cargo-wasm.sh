#!/usr/bin/env bash
# Builds the library for wasm32 with whichever route scripts/setup.sh set up:
# rustup's wasm32 std, or Debian's rustc-web compiling std from source.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(cat target/.wasm-route 2>/dev/null)" = debian ]; then
  RUSTC_BOOTSTRAP=1 RUSTC=/usr/bin/rustc /usr/bin/cargo build --profile wasm \
    --target wasm32-unknown-unknown -p article-annotator --lib -Zbuild-std=std,panic_abort "$@"
else
  cargo build --profile wasm --target wasm32-unknown-unknown -p article-annotator --lib "$@"
fi
