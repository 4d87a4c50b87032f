#!/usr/bin/env node
// Precompressed copies of the page's files, for any static host to send:
// each text or wasm file under DIR (default dist/; not node/ or npm/) gets
// FILE.gz (gzip -9) and FILE.br (brotli, quality 11), rewritten only when
// FILE is newer. scripts/serve.mjs sends them by the request's
// Accept-Encoding (README: "Serving the page").
//
//   node scripts/compress.mjs [DIR]
import { readdirSync, readFileSync, statSync, writeFileSync, existsSync, unlinkSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const COMPRESSIBLE = new Set(['.wasm', '.js', '.mjs', '.css', '.html', '.json', '.txt', '.svg']);
const SKIP_DIRS = new Set(['node', 'npm', 'screenshots']);

function* files(dir, top = true) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!(top && SKIP_DIRS.has(e.name))) yield* files(p, false);
    } else if (e.isFile()) yield p;
  }
}

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(process.argv[2] || path.join(here, '..', 'dist'));
let raw = 0;
let gz = 0;
let br = 0;
for (const f of [...files(root)]) {
  const ext = path.extname(f);
  if (ext === '.gz' || ext === '.br') {
    // A copy whose original is gone goes too.
    if (!existsSync(f.slice(0, -ext.length))) unlinkSync(f);
    continue;
  }
  if (!COMPRESSIBLE.has(ext) || f.endsWith('annotator-single.html')) continue;
  const t = statSync(f).mtimeMs;
  const fresh = (c) => existsSync(c) && statSync(c).mtimeMs >= t;
  const body = readFileSync(f);
  if (!fresh(`${f}.gz`)) writeFileSync(`${f}.gz`, gzipSync(body, { level: 9 }));
  if (!fresh(`${f}.br`)) {
    writeFileSync(
      `${f}.br`,
      brotliCompressSync(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 11,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
          [constants.BROTLI_PARAM_MODE]: ext === '.wasm' ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
        },
      }),
    );
  }
  raw += body.length;
  gz += statSync(`${f}.gz`).size;
  br += statSync(`${f}.br`).size;
}
console.log(`compress: ${path.relative(process.cwd(), root) || '.'} ${raw} bytes raw, ${gz} gzip -9, ${br} brotli 11`);
