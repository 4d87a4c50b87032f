#!/bin/sh
# Builds the npm package into dist/npm (an ES module with TypeScript types):
#
#   annotator.js, annotator.d.ts   init(src?), annotate(text, options), version(), exportHtml()
#   exports.js, exports.d.ts       export formats (Web Annotation, displaCy, CSV, project JSON)
#   element.js, element.d.ts       the <article-annotator> custom element
#   render.js                      DOM rendering used by the element
#   palette.js                     the annotation colours (element, exports)
#   wasm/annotator.js, wasm/annotator_bg.wasm   wasm-bindgen --target web output
#   package.json, README.md
#
# Runs scripts/build-web.sh first (incremental) for the wasm. Then
# `npm pack dist/npm` makes a tarball. Env as for build-web.sh.
set -eu
cd "$(dirname "$0")/.."
sh scripts/build-web.sh >/dev/null

OUT=dist/npm
rm -rf "$OUT"
mkdir -p "$OUT/wasm"
cp dist/pkg/annotator.js dist/pkg/annotator_bg.wasm "$OUT/wasm/"
cp scripts/npm/annotator.js scripts/npm/annotator.d.ts scripts/npm/exports.d.ts scripts/npm/element.d.ts "$OUT/"
cp www/exports.js www/render.js www/palette.js "$OUT/"
# The element loads the package's own entry point instead of the page's pkg/.
sed "s#'\.\./pkg/annotator\.js'#'./annotator.js'#" www/element.js > "$OUT/element.js"
grep -q "'./annotator.js'" "$OUT/element.js" || { echo "build-pkg: element.js module path not rewritten" >&2; exit 1; }
cp README.md "$OUT/README.md"

VERSION=$(sed -n 's/^version = "\([^"]*\)".*/\1/p' Cargo.toml | head -n 1)
cat > "$OUT/package.json" <<JSON
{
  "name": "article-annotator",
  "version": "$VERSION",
  "description": "Marks entities, quotes and boilerplate in news articles, in the browser or node (Rust compiled to WebAssembly).",
  "license": "MIT",
  "type": "module",
  "main": "./annotator.js",
  "module": "./annotator.js",
  "types": "./annotator.d.ts",
  "exports": {
    ".": { "types": "./annotator.d.ts", "default": "./annotator.js" },
    "./exports": { "types": "./exports.d.ts", "default": "./exports.js" },
    "./element": { "types": "./element.d.ts", "default": "./element.js" },
    "./annotator_bg.wasm": "./wasm/annotator_bg.wasm",
    "./package.json": "./package.json"
  },
  "files": ["*.js", "*.d.ts", "wasm/", "README.md"],
  "sideEffects": ["./element.js"],
  "keywords": ["nlp", "ner", "quotes", "boilerplate", "wasm", "web-component"]
}
JSON
echo "build-pkg: $OUT/ ready (article-annotator $VERSION)"
