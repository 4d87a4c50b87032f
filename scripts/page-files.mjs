// The files the page can load, found by following its references from
// DIST/index.html rather than by listing directories:
//   index.html   <script src>, <link href> (stylesheet, modulepreload, ...)
//   *.js         static and dynamic imports, `new URL('x', import.meta.url)`
//                (workers, the wasm), relative to the module;
//                fetch('x') and serviceWorker.register('x'), relative to the
//                page (string literals only)
//   sw.js        its ASSETS list (the service worker caches those on the
//                first visit), when `followServiceWorker` is set
// Used by scripts/stamp-sw.mjs (what the service worker caches) and
// scripts/bench-wasm.mjs (the payload and its budget).
//
//   pageFiles(dist, {followServiceWorker}) -> [{file, from}]
//     file: path relative to DIST ('www/app.js'); from: who refers to it
//   node scripts/page-files.mjs [DIST]   prints the list
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const isLocal = (u) => u && !/^(?:[a-z][a-z0-9+.-]*:|\/\/|#)/i.test(u);

function htmlRefs(src) {
  const out = [];
  for (const m of src.matchAll(/<(script|link)\b[^>]*>/gi)) {
    const tag = m[0];
    const attr = m[1].toLowerCase() === 'script' ? 'src' : 'href';
    const v = tag.match(new RegExp(`\\s${attr}="([^"]*)"`, 'i'));
    if (v) out.push({ ref: v[1], base: 'page' });
  }
  return out;
}

function jsRefs(src) {
  const out = [];
  const add = (re, base) => {
    for (const m of src.matchAll(re)) out.push({ ref: m[1], base });
  };
  add(/^\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/gms, 'module');
  add(/^\s*import\s*['"]([^'"]+)['"]/gm, 'module');
  add(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g, 'module');
  add(/\bnew URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g, 'module');
  add(/\bfetch\(\s*['"]([^'"]+)['"]/g, 'page');
  add(/\.register\(\s*['"]([^'"]+)['"]/g, 'page');
  return out;
}

function swAssets(src) {
  const m = src.match(/^const ASSETS = (\[.*\]);$/m);
  if (!m) return [];
  try {
    return JSON.parse(m[1]).map((ref) => ({ ref, base: 'page' }));
  } catch {
    return [];
  }
}

export function pageFiles(dist, { followServiceWorker = true } = {}) {
  const seen = new Map(); // file -> from
  const missing = [];
  const queue = [];
  const visit = (file, from) => {
    if (seen.has(file)) return;
    if (!existsSync(path.join(dist, file)) || !statSync(path.join(dist, file)).isFile()) {
      missing.push({ file, from });
      return;
    }
    seen.set(file, from);
    queue.push(file);
  };
  visit('index.html', '(the page)');
  while (queue.length) {
    const file = queue.shift();
    const src = readFileSync(path.join(dist, file), 'utf8');
    let refs = [];
    if (file.endsWith('.html')) refs = htmlRefs(src);
    else if (/\.m?js$/.test(file)) {
      refs = jsRefs(src);
      if (file === 'sw.js' && followServiceWorker) refs.push(...swAssets(src));
    }
    for (const { ref, base } of refs) {
      if (!isLocal(ref)) continue;
      const clean = ref.replace(/[?#].*$/, '');
      const dir = base === 'module' ? path.posix.dirname(file) : '.';
      const target = path.posix.normalize(path.posix.join(dir, clean === '' || clean.endsWith('/') ? `${clean}index.html` : clean));
      if (target.startsWith('..')) continue;
      visit(target, file);
    }
  }
  const files = [...seen].map(([file, from]) => ({ file, from }));
  return Object.assign(files, { missing });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const dist = path.resolve(process.argv[2] || path.join(root, 'dist'));
  const files = pageFiles(dist);
  for (const { file, from } of files) console.log(`${file}\t(from ${from})`);
  for (const { file, from } of files.missing) console.log(`missing: ${file}\t(from ${from})`);
}
