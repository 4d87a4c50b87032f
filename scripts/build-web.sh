#!/bin/sh
# Build the browser page into dist/ in one command; re-runs only redo what
# changed (cargo is incremental; wasm-bindgen and wasm-opt are skipped when
# the .wasm they would read is older than their output).
#
#   dist/index.html, dist/www/*          the page (copied)
#   dist/pkg/annotator.js, *_bg.wasm     wasm-bindgen --target web (+ wasm-opt)
#   dist/node/annotator.js, *_bg.wasm    wasm-bindgen --target nodejs (tests)
#   dist/example.txt                     the seed article, when ../shared has it
#   dist/pkg/annotator.json              the wasm's size (the page's download progress)
#   dist/**/*.br, *.gz                   precompressed copies (scripts/compress.mjs)
#
# Env: SKIP_OPT=1 skips wasm-opt; CARGO, WASM_BINDGEN, WASM_OPT override tools.
set -eu
cd "$(dirname "$0")/.."

CARGO=${CARGO:-cargo}
WASM_BINDGEN=${WASM_BINDGEN:-wasm-bindgen}
# wasm-opt: the npm binaryen pinned in package.json (npm install) first;
# Debian's binaryen 108 miscompiles wasm-bindgen's two tables (it exports the
# funcref table as __wbindgen_externrefs), so older versions are skipped.
if [ -z "${WASM_OPT:-}" ]; then
  if [ -x node_modules/.bin/wasm-opt ]; then WASM_OPT=node_modules/.bin/wasm-opt; else WASM_OPT=wasm-opt; fi
fi
opt_ok() {
  v=$("$WASM_OPT" --version 2>/dev/null | sed -n 's/.*version \([0-9][0-9]*\).*/\1/p')
  [ -n "$v" ] && [ "$v" -ge 116 ]
}
WASM=${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/wasm/annotator.wasm
OUT=dist

want_bindgen=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
have_bindgen=$("$WASM_BINDGEN" --version 2>/dev/null | awk '{print $2}') || true
if [ -z "$have_bindgen" ]; then
  echo "build-web: wasm-bindgen CLI not found; install it with:" >&2
  echo "  cargo install wasm-bindgen-cli --version $want_bindgen --locked" >&2
  exit 1
fi
if [ -n "$want_bindgen" ] && [ "$have_bindgen" != "$want_bindgen" ]; then
  echo "build-web: wasm-bindgen CLI is $have_bindgen but Cargo.toml pins $want_bindgen" >&2
  exit 1
fi

# rustup's wasm32 std, or Debian's rustc-web route (scripts/setup.sh decides).
if [ "$CARGO" = cargo ]; then scripts/cargo-wasm.sh; else "$CARGO" build --profile wasm --target wasm32-unknown-unknown --lib; fi

mkdir -p "$OUT/pkg" "$OUT/node" "$OUT/www"

# newer A B: true when A is newer than B or B is missing.
newer() { [ ! -e "$2" ] || [ "$1" -nt "$2" ]; }

if newer "$WASM" "$OUT/pkg/annotator_bg.wasm"; then
  "$WASM_BINDGEN" --target web --no-typescript --out-dir "$OUT/pkg" "$WASM"
  if [ "${SKIP_OPT:-0}" != 1 ] && opt_ok; then
    # Exactly the features rustc's wasm32 target emits (SIMD: .cargo/config.toml). Not --all-features:
    # wasm-opt may then re-encode reference types as typed function
    # references, which browsers reject ("invalid value type").
    "$WASM_OPT" -O3 --enable-bulk-memory --enable-nontrapping-float-to-int \
      --enable-sign-ext --enable-mutable-globals --enable-reference-types \
      --enable-multivalue --enable-simd "$OUT/pkg/annotator_bg.wasm" -o "$OUT/pkg/annotator_bg.opt.wasm"
    # Keep the optimised module only if the engine (V8, as in Chromium) accepts it.
    if node -e 'const b=require("fs").readFileSync(process.argv[1]); new WebAssembly.Module(b)' \
        "$OUT/pkg/annotator_bg.opt.wasm"; then
      mv "$OUT/pkg/annotator_bg.opt.wasm" "$OUT/pkg/annotator_bg.wasm"
    else
      echo "build-web: wasm-opt output rejected by V8; keeping the unoptimised module" >&2
      rm -f "$OUT/pkg/annotator_bg.opt.wasm"
    fi
  else
    echo "build-web: wasm-opt skipped (SKIP_OPT=1, or no wasm-opt >= 116: run npm install)" >&2
  fi
  # Keep the output's mtime after the input so the next run skips this step.
  touch "$OUT/pkg/annotator_bg.wasm"
fi
if newer "$WASM" "$OUT/node/annotator_bg.wasm"; then
  "$WASM_BINDGEN" --target nodejs --no-typescript --out-dir "$OUT/node" "$WASM"
  touch "$OUT/node/annotator_bg.wasm"
fi
# The nodejs target is CommonJS; our package.json says "type": "module".
echo '{ "type": "commonjs" }' > "$OUT/node/package.json"

# The page: copy only files that changed (a source may be read-only, so the
# old copy is removed first).
copy() { if ! cmp -s "$1" "$2"; then rm -f "$2"; cp "$1" "$2"; chmod u+w "$2"; fi; }
copy index.html "$OUT/index.html"
for f in www/*; do copy "$f" "$OUT/www/$(basename "$f")"; done
# Files deleted from www/ leave dist/www too.
for f in "$OUT"/www/*; do
  case "$f" in *.gz|*.br) continue ;; esac
  [ -e "www/$(basename "$f")" ] || rm -f "$f"
done

SEED=../shared/data/seed/article.txt
if [ -f "$SEED" ]; then copy "$SEED" "$OUT/example.txt"; else rm -f "$OUT/example.txt"; fi

# The wasm's size, for the page's download progress when the wasm is sent
# compressed (www/boot.js).
printf '{"wasmBytes":%s}\n' "$(wc -c < "$OUT/pkg/annotator_bg.wasm" | tr -d ' ')" > "$OUT/pkg/annotator.json.tmp"
if cmp -s "$OUT/pkg/annotator.json.tmp" "$OUT/pkg/annotator.json"; then rm "$OUT/pkg/annotator.json.tmp"; else mv "$OUT/pkg/annotator.json.tmp" "$OUT/pkg/annotator.json"; fi

# The service worker at the root (its scope is the page), stamped with the
# build hash and the asset list (www/sw.js, scripts/stamp-sw.mjs).
node scripts/stamp-sw.mjs "$OUT"

# Precompressed copies (FILE.br, FILE.gz) of what the page loads, for
# scripts/serve.mjs and any static host that serves them (README).
node scripts/compress.mjs "$OUT"

raw=$(wc -c < "$OUT/pkg/annotator_bg.wasm")
gz=$(gzip -9 -c "$OUT/pkg/annotator_bg.wasm" | wc -c)
echo "build-web: $OUT/ ready; annotator_bg.wasm $raw bytes raw, $gz gzip -9"
