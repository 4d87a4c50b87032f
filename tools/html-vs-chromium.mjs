#!/usr/bin/env node
// How close is the text `annotate --from-html` derives from a page to what Chromium shows?
//
//   node tools/html-vs-chromium.mjs [DIR]          pages: DIR/*.html.gz (default
//        ../shared/data/boiler/html-dev/html); prints each page's line similarity and the mean
//   node tools/html-vs-chromium.mjs --snippets     (re)writes the Chromium column of
//        tests/fixtures/html-snippets.json (pinned by tests/html_snippets.rs)
//   --worst N   print the N least similar pages' line differences
//
// Chromium (the system one, through playwright-core) opens each page as a saved file (a
// file: URL in an empty folder, so it sniffs the encoding as for a saved page: BOM, <meta
// charset>, else its detector, which reads valid UTF-8 as UTF-8), JavaScript disabled, every
// request to the network aborted: the page's own <style> applies, nothing external does. We take
// document.body.innerText. Our side is `target/release/annotate --from-html` (build it
// first: `cargo build --release --bin annotate`), layers off.
//
// Both texts are compared as lines: runs of white space (U+00A0 too) -> one space, trimmed,
// empty lines dropped (innerText and our text differ on blank lines between blocks and on
// spaces left around invisible elements, which the annotator does not read). Similarity =
// 2 * (lines in the longest common subsequence) / (lines in both), difflib's ratio over lines
// but with an exact LCS; 1.0 means the same lines. A second figure ignores letter case:
// innerText applies the page's `text-transform` (menus in capitals), which we deliberately do
// not (the annotator reads names by their capitals, and a pasted page's HTML has the words as
// written).
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ANNOTATE = path.join(process.env.CARGO_TARGET_DIR || path.join(ROOT, 'target'), 'release', 'annotate');
const SNIPPETS = path.join(ROOT, 'tests', 'fixtures', 'html-snippets.json');

export function lines(text) {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/[\s\u00a0]+/g, ' ').trim())
    .filter((l) => l !== '');
}

/** 2 * LCS / (|a| + |b|) over lines (1 when both are empty). */
export function similarity(a, b) {
  if (a.length + b.length === 0) return 1;
  // intern lines as numbers, then one DP row at a time
  const ids = new Map();
  const id = (s) => {
    let v = ids.get(s);
    if (v === undefined) ids.set(s, (v = ids.size));
    return v;
  };
  const x = a.map(id);
  const y = b.map(id);
  let prev = new Uint32Array(y.length + 1);
  let cur = new Uint32Array(y.length + 1);
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      cur[j] = x[i - 1] === y[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    }
    [prev, cur] = [cur, prev];
  }
  return (2 * prev[y.length]) / (a.length + b.length);
}

/** Lines of `a` not in `b` and of `b` not in `a` (multiset difference), for reports. */
function diff(a, b) {
  const count = new Map();
  for (const l of b) count.set(l, (count.get(l) || 0) + 1);
  const onlyA = [];
  for (const l of a) {
    const c = count.get(l) || 0;
    if (c > 0) count.set(l, c - 1);
    else onlyA.push(l);
  }
  const onlyB = [];
  for (const [l, c] of count) for (let i = 0; i < c; i++) onlyB.push(l);
  return { onlyA, onlyB };
}

async function browser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run',
      '--disable-component-update', '--disable-sync'],
  });
}

/** document.body.innerText of the page in `file` (a file: URL, as a saved page is opened). */
async function chromiumText(context, file) {
  const page = await context.newPage();
  await page.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  const text = await page.evaluate(() => (document.body ? document.body.innerText : ''));
  await page.close();
  return text;
}

function ourText(file) {
  let out;
  try {
    out = execFileSync(ANNOTATE, ['--from-html', file, '--no-entities', '--no-quotes', '--no-boilerplate'], {
      maxBuffer: 1 << 28,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e) {
    console.log(`  annotate failed: ${String(e.stderr).trim()}`);
    return '';
  }
  return JSON.parse(out).text;
}

/** A snippet's bytes: its `html` as UTF-8, or as Latin-1 / UTF-16LE bytes when `bytes` says so. */
export function snippetBytes(s) {
  if (s.bytes === 'latin1') return Buffer.from(s.html, 'latin1');
  if (s.bytes === 'utf16le') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s.html, 'utf16le')]);
  return Buffer.from(s.html, 'utf8');
}

async function pages(dir, worst) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.html.gz')).sort();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'html-vs-chromium-'));
  const b = await browser();
  const context = await b.newContext({ javaScriptEnabled: false });
  const rows = [];
  try {
    for (const f of files) {
      const bytes = gunzipSync(readFileSync(path.join(dir, f)));
      const p = path.join(tmp, 'page.html');
      writeFileSync(p, bytes);
      const theirs = lines(await chromiumText(context, p));
      const ours = lines(ourText(p));
      const sim = similarity(ours, theirs);
      const lower = (ls) => ls.map((l) => l.toLowerCase());
      const simCase = similarity(lower(ours), lower(theirs));
      rows.push({ f, sim, simCase, ours, theirs });
      console.log(`${sim.toFixed(4)} ${simCase.toFixed(4)}  ${f}  (ours ${ours.length} lines, Chromium ${theirs.length})`);
    }
  } finally {
    await b.close();
    rmSync(tmp, { recursive: true, force: true });
  }
  const mean = rows.reduce((s, r) => s + r.sim, 0) / rows.length;
  const meanCase = rows.reduce((s, r) => s + r.simCase, 0) / rows.length;
  const same = rows.filter((r) => r.sim === 1).length;
  for (const r of [...rows].sort((a, b) => a.simCase - b.simCase).slice(0, worst)) {
    const lower = (ls) => ls.map((l) => l.toLowerCase());
    const d = diff(lower(r.ours), lower(r.theirs));
    console.log(`\n== ${r.f} ${r.sim.toFixed(4)} ${r.simCase.toFixed(4)}`);
    for (const l of d.onlyA.slice(0, 12)) console.log(`  ours only:     ${l.slice(0, 160)}`);
    for (const l of d.onlyB.slice(0, 12)) console.log(`  Chromium only: ${l.slice(0, 160)}`);
  }
  console.log(
    `\npages ${rows.length}, identical ${same}, mean line similarity ${mean.toFixed(4)}, ignoring case ${meanCase.toFixed(4)}`,
  );
}

async function snippets() {
  const table = JSON.parse(readFileSync(SNIPPETS, 'utf8'));
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'html-snippets-'));
  const b = await browser();
  const context = await b.newContext({ javaScriptEnabled: false });
  try {
    for (const [i, s] of table.entries()) {
      const p = path.join(tmp, `${i}.html`);
      writeFileSync(p, snippetBytes(s));
      s.chromium = await chromiumText(context, p);
    }
  } finally {
    await b.close();
    rmSync(tmp, { recursive: true, force: true });
  }
  writeFileSync(SNIPPETS, JSON.stringify(table, null, 1) + '\n');
  console.log(`${table.length} snippets written to ${path.relative(ROOT, SNIPPETS)}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const w = args.indexOf('--worst');
  const worst = w >= 0 ? Number(args.splice(w, 2)[1]) : 0;
  if (args[0] === '--snippets') await snippets();
  else await pages(args[0] || path.resolve(ROOT, '..', 'shared', 'data', 'boiler', 'html-dev', 'html'), worst);
}
