#!/usr/bin/env node
// Writes DIST/sw.js from www/sw.js with the build's name and asset list:
//   BUILD  = "<crate version>-<first 12 hex of sha256 over every asset>"
//   ASSETS = every file the page can load (paths relative to DIST), found
//            by following its references from index.html
//            (scripts/page-files.mjs), except the service worker itself.
// Usage: node scripts/stamp-sw.mjs [DIST]   (default: dist)
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pageFiles } from './page-files.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.resolve(process.argv[2] || path.join(root, 'dist'));
const assets = pageFiles(dist, { followServiceWorker: false })
  .map((f) => f.file)
  .filter((f) => f !== 'sw.js')
  .sort();
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
