// article-annotator: marks entities, quotes and boilerplate in a news
// article, in the browser or node, with a Rust core compiled to wasm.
//
//   import init, { annotate } from 'article-annotator';
//   await init();                          // wasm next to this file
//   await init('/static/annotator_bg.wasm'); // or from a URL of your choice
//   const result = annotate(text, { boilerplate: false });
//
// Offsets in results are UTF-16 code units (JavaScript string indices).
import initWasm, * as wasm from './wasm/annotator.js';

export * from './exports.js';

let loading = null;
let loaded = false;

function source(src) {
  if (src === undefined || src === null) return new URL('./wasm/annotator_bg.wasm', import.meta.url);
  if (typeof src === 'object' && Object.getPrototypeOf(src) === Object.prototype) {
    if (src.module !== undefined) return src.module;
    if (src.wasmUrl !== undefined) return src.wasmUrl;
    return source(undefined);
  }
  return src;
}

/**
 * Loads the wasm module once. `src`: nothing (the .wasm beside this file),
 * a URL (string or URL) to fetch it from, a Response or a Promise of one,
 * the bytes (ArrayBuffer / typed array, e.g. read from disk in node), a
 * compiled WebAssembly.Module, or `{wasmUrl}` / `{module}`. Later calls
 * return the same promise. Resolves with the crate version.
 */
export function init(src) {
  if (!loading) {
    loading = initWasm({ module_or_path: source(src) }).then(() => {
      loaded = true;
      return wasm.version();
    });
    loading.catch(() => {
      loading = null; // let a later call retry, e.g. with another URL
    });
  }
  return loading;
}
export default init;

/** True once init() has finished. */
export function isReady() {
  return loaded;
}

function need() {
  if (!loaded) throw new Error('article-annotator: call (and await) init() before annotate()');
}

/**
 * Annotates `text`. options: {entities, quotes, boilerplate,
 * insideBoilerplate} (booleans; all layers by default). Returns
 * {entities, groups, quotes, boilerplate} with UTF-16 offsets.
 */
export function annotate(text, options) {
  need();
  return wasm.annotate(String(text), options ?? undefined);
}

/** The crate version of the loaded annotator. */
export function version() {
  need();
  return wasm.version();
}

/** A standalone HTML page with `text` highlighted (all layers). */
export function exportHtml(text, title = 'Annotated article') {
  need();
  return wasm.exportHtml(String(text), String(title));
}
