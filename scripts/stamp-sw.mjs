#!/usr/bin/env node
// Writes DIST/sw.js from www/sw.js with the build's name and asset list:
//   BUILD  = "<crate version>-<first 12 hex of sha256 over every asset>"
//   ASSETS = every file under DIST that the page may load (paths relative
//            to DIST), except the service worker itself, the npm package,
//            the single-file build and the node build.
// Usage: node scripts/stamp-sw.mjs [DIST]   (default: dist)
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.resolve(process.argv[2] || path.join(root, 'dist'));
const SKIP_DIRS = new Set(['node', 'npm']);
const SKIP_FILES = new Set(['sw.js', 'annotator-single.html', 'www/sw.js']);

function walk(dir, rel = '') {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    const r = rel ? `${rel}/${name}` : name;
    if (statSync(full).isDirectory()) {
      if (!rel && SKIP_DIRS.has(name)) continue;
      out.push(...walk(full, r));
    } else if (!SKIP_FILES.has(r) && !name.startsWith('.')) {
      out.push(r);
    }
  }
  return out;
}

const assets = walk(dist);
const h = createHash('sha256');
for (const a of assets) {
  h.update(a);
  h.update('\0');
  h.update(readFileSync(path.join(dist, a)));
}
const cargo = readFileSync(path.join(root, 'Cargo.toml'), 'utf8');
const version = (cargo.match(/^version\s*=\s*"([^"]+)"/m) || [])[1] || '0';
const build = `${version}-${h.digest('hex').slice(0, 12)}`;

const src = readFileSync(path.join(root, 'www/sw.js'), 'utf8');
const out = src
  .replace(/^const BUILD = '[^']*';$/m, `const BUILD = ${JSON.stringify(build)};`)
  .replace(/^const ASSETS = \[\];$/m, `const ASSETS = ${JSON.stringify(assets)};`);
if (out === src) throw new Error('stamp-sw: placeholders not found in www/sw.js');
writeFileSync(path.join(dist, 'sw.js'), out);
console.log(`stamp-sw: ${path.relative(root, path.join(dist, 'sw.js'))} build ${build}, ${assets.length} assets`);
