#!/usr/bin/env node
// Bundles the page into one self-contained HTML file that works from file://
// with no server: node scripts/build-single.mjs [DIST]  (default: dist; run
// scripts/build-web.sh first, or use scripts/build-single.sh).
//
// From file:// a page can neither import module files, start a module
// worker nor fetch the .wasm, so:
//   - the ES modules (www/*.js and the wasm-bindgen glue) are wrapped as
//     functions in one inline <script type="module">, their imports and
//     exports rewritten to a small registry (our modules only use the plain
//     `import {a, b as c} from './x.js'` / `export function|const|class`
//     forms; anything else makes this script fail rather than guess);
//   - the wasm is inlined as base64 and compiled from those bytes;
//   - worker.js runs on the main thread behind a stand-in `Worker` with the
//     same message protocol (each request runs in a later task, so the
//     page paints its "Annotating…" status first);
//   - the example article (dist/example.txt, when there) is inlined too;
//   - the CSS is inlined; the file's own CSP allows exactly this script and
//     this style by their sha256 hashes, plus wasm compilation.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.resolve(process.argv[2] || path.join(root, 'dist'));
const OUT = path.join(dist, 'annotator-single.html');

const read = (p) => readFileSync(p, 'utf8');
const fail = (msg) => {
  throw new Error(`build-single: ${msg}`);
};

/** Module id of `spec` imported from module `from` (both relative to dist). */
function resolve(from, spec) {
  if (!spec.startsWith('.')) fail(`bare import "${spec}" in ${from}`);
  return path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
}

/**
 * Rewrites one ES module into the body of a function that takes the registry
 * and returns an object of getters for its exports. Returns {deps, code}.
 */
function transform(id, src) {
  const deps = [];
  const names = []; // [exported, local]
  const lines = src.split('\n');
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    // import ... from '...';  (may span lines until the semicolon)
    if (/^import\s/.test(line)) {
      while (!/;\s*$/.test(line) && i + 1 < lines.length) line += ` ${lines[++i].trim()}`;
      const m = line.match(/^import\s+(.+?)\s+from\s+['"]([^'"]+)['"];?\s*$/);
      if (!m) fail(`unsupported import in ${id}: ${line}`);
      const dep = resolve(id, m[2]);
      deps.push(dep);
      let clause = m[1].trim();
      const parts = [];
      const ns = clause.match(/^\*\s+as\s+(\w+)$/);
      if (ns) {
        out.push(`const ${ns[1]} = __m[${JSON.stringify(dep)}];`);
        continue;
      }
      const def = clause.match(/^(\w+)\s*(?:,\s*(.*))?$/);
      if (def && !clause.startsWith('{')) {
        parts.push(`default: ${def[1]}`);
        clause = (def[2] || '').trim();
      }
      const star = clause.match(/^\*\s+as\s+(\w+)$/);
      if (star) {
        out.push(`const ${star[1]} = __m[${JSON.stringify(dep)}];`);
        clause = '';
      }
      if (clause) {
        const named = clause.match(/^\{([^}]*)\}$/);
        if (!named) fail(`unsupported import clause in ${id}: ${clause}`);
        for (const n of named[1].split(',').map((s) => s.trim()).filter(Boolean)) {
          const as = n.match(/^(\w+)\s+as\s+(\w+)$/);
          parts.push(as ? `${as[1]}: ${as[2]}` : n);
        }
      }
      if (parts.length) out.push(`const { ${parts.join(', ')} } = __m[${JSON.stringify(dep)}];`);
      continue;
    }
    let m;
    if ((m = line.match(/^export\s+((?:async\s+)?function\*?|class|const|let|var)\s+(\w+)/))) {
      names.push([m[2], m[2]]);
      out.push(line.replace(/^export\s+/, ''));
      continue;
    }
    if ((m = line.match(/^export\s+default\s+(\w+);?\s*$/))) {
      names.push(['default', m[1]]);
      continue;
    }
    if ((m = line.match(/^export\s*\{([^}]*)\};?\s*$/))) {
      for (const n of m[1].split(',').map((s) => s.trim()).filter(Boolean)) {
        const as = n.match(/^(\w+)\s+as\s+(\w+)$/);
        names.push(as ? [as[2], as[1]] : [n, n]);
      }
      continue;
    }
    if ((m = line.match(/^export\s+\*\s+from\s+['"]([^'"]+)['"];?\s*$/))) {
      const dep = resolve(id, m[1]);
      deps.push(dep);
      names.push(['*', dep]);
      continue;
    }
    if (/^export\s/.test(line)) fail(`unsupported export in ${id}: ${line}`);
    out.push(line);
  }
  const getters = names
    .filter(([e]) => e !== '*')
    .map(([e, l]) => `get ${JSON.stringify(e)}() { return ${l}; }`);
  const stars = names.filter(([e]) => e === '*').map(([, dep]) => dep);
  const ret = stars.length
    ? `return Object.defineProperties({}, { ...Object.getOwnPropertyDescriptors(Object.assign({}, ${stars
        .map((d) => `__m[${JSON.stringify(d)}]`)
        .join(', ')})), ...Object.getOwnPropertyDescriptors({ ${getters.join(', ')} }) });`
    : `return { ${getters.join(', ')} };`;
  return { deps, code: `${out.join('\n')}\n${ret}` };
}

// ------------------------------------------------------------------ modules

const GLUE = 'pkg/annotator.js';
const ENTRY = 'www/app.js';
const WORKER = 'www/worker.js';

const modules = new Map(); // id -> {deps, code}
function load(id) {
  if (modules.has(id)) return;
  const file = path.join(dist, id);
  const { deps, code } = transform(id, read(file));
  modules.set(id, { deps, code });
  for (const d of deps) load(d);
}
load(ENTRY);
load(WORKER);

// Dependencies first (no cycles in our modules).
const order = [];
const state = new Map();
function visit(id) {
  if (state.get(id) === 'done') return;
  if (state.get(id) === 'visiting') fail(`import cycle through ${id}`);
  state.set(id, 'visiting');
  for (const d of modules.get(id).deps) visit(d);
  state.set(id, 'done');
  order.push(id);
}
for (const id of modules.keys()) if (id !== WORKER) visit(id);
if (!order.includes(GLUE)) visit(GLUE);

let example = null;
try {
  example = read(path.join(dist, 'example.txt'));
} catch {
  example = null; // no example in this build
}

const wasmB64 = readFileSync(path.join(dist, 'pkg/annotator_bg.wasm')).toString('base64');

const parts = [];
parts.push(`// article annotator, single-file build. Modules are inlined below.
const __m = Object.create(null);
const __wasmBase64 = ${JSON.stringify(wasmB64)};
function __wasmBytes() {
  const s = atob(__wasmBase64);
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
  return b;
}
`);
for (const id of order) {
  if (id === ENTRY) continue;
  parts.push(`// ---- ${id}\n__m[${JSON.stringify(id)}] = (() => {\n${modules.get(id).code}\n})();\n`);
  if (id === GLUE) {
    // init() compiles the inlined bytes instead of fetching a URL.
    parts.push(`{
  const g = __m[${JSON.stringify(GLUE)}];
  let p = null;
  __m[${JSON.stringify(GLUE)}] = Object.assign({}, g, {
    default: () => (p ||= WebAssembly.compile(__wasmBytes()).then((module) => g.initSync({ module }))),
  });
}
`);
  }
}
// worker.js, run on the main thread behind a stand-in Worker.
const w = modules.get(WORKER);
parts.push(`// ---- ${WORKER} (main thread)
function __workerMain(self) {
${w.code}
}
class __MainThreadWorker {
  constructor() {
    this.onmessage = null;
    this.onerror = null;
    const self = {
      onmessage: null,
      postMessage: (data) => setTimeout(() => this.onmessage && this.onmessage({ data })),
    };
    this._self = self;
    __workerMain(self);
  }
  postMessage(data) {
    const copy = structuredClone(data);
    setTimeout(() => this._self.onmessage && this._self.onmessage({ data: copy }));
  }
  terminate() {
    this._self.onmessage = null;
    this.onmessage = null;
  }
}
const Worker = __MainThreadWorker;
// The example article, when the build has one, answers the page's
// fetch('example.txt'); nothing else is fetched from file://.
const __example = ${JSON.stringify(example)};
const fetch = (url, init) =>
  url === 'example.txt' && __example !== null
    ? Promise.resolve(new Response(__example, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } }))
    : globalThis.fetch(url, init);
`);
parts.push(`// ---- ${ENTRY}\n(() => {\n${modules.get(ENTRY).code}\n})();\n`);

let js = parts.join('\n');
// Nothing in the script may end the <script> element early.
js = js.replace(/<\/script/gi, '<\\/script').replace(/<!--/g, '<\\!--');

// --------------------------------------------------------------------- page

let css = read(path.join(dist, 'www/style.css'));
css = css.replace(/<\/style/gi, '<\\/style');
const sha = (s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;
const csp =
  `default-src 'none'; script-src ${sha(js)} 'wasm-unsafe-eval'; style-src ${sha(css)}; ` +
  `img-src data:; object-src 'none'; base-uri 'none'; form-action 'none'`;

let html = read(path.join(dist, 'index.html'));
const swap = (re, by, what) => {
  if (!re.test(html)) fail(`index.html: ${what} not found`);
  html = html.replace(re, () => by);
};
swap(/<meta http-equiv="Content-Security-Policy"[^>]*>/, `<meta http-equiv="Content-Security-Policy" content="${csp}">`, 'CSP meta');
swap(/<link rel="stylesheet" href="www\/style\.css">/, `<style>${css}</style>`, 'stylesheet link');
// The early start (www/boot.js) and the preloads name other files;
// here every module is inline and app.js starts the worker itself.
html = html.replace(/<script type="module" async src="www\/boot\.js"><\/script>\n?/, '');
html = html.replace(/<link rel="modulepreload" href="[^"]*">\n?/g, '');
html = html.replace(/<link rel="preload" href="[^"]*" as="fetch" crossorigin>\n?/g, '');
swap(/<script type="module" src="www\/app\.js"><\/script>/, `<script type="module">${js}</script>`, 'app.js script');
if (/\s(src|href)="(?!data:|#)[^"]*"/.test(html.replace(/<script type="module">[\s\S]*<\/script>/, ''))) {
  fail('index.html still refers to another file');
}
writeFileSync(OUT, html);
console.log(`build-single: ${path.relative(root, OUT)} ${html.length} bytes (${order.length + 1} modules, wasm ${wasmB64.length} base64 chars)`);
