// The first load (issue 25, point 2): scripts/serve.mjs sends the build's
// precompressed copies (brotli, else gzip) by Accept-Encoding, and on a slow
// link the status line tells the truth at every moment: the download with
// its progress, then the preparation, and a text pressed in meanwhile waits
// for the annotator instead of being called "Annotating…" while the wasm is
// still on the wire. (Times: scripts/bench-load.mjs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { get } from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DIST, usePage } from './lib.mjs';

let server;
let browser;
usePage((e) => ({ server, browser } = e));

/** GET `url` with `headers`: {status, headers, body (Buffer)}. */
function fetchRaw(url, headers) {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const parts = [];
      res.on('data', (d) => parts.push(d));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(parts) }));
    }).on('error', reject);
  });
}

test('the server sends the precompressed wasm, scripts and page by Accept-Encoding', async () => {
  for (const file of ['pkg/annotator_bg.wasm', 'www/app.js', 'index.html']) {
    const raw = readFileSync(path.join(DIST, file));
    const url = `${server.url}${file === 'index.html' ? '' : file}`;
    const br = await fetchRaw(url, { 'Accept-Encoding': 'gzip, deflate, br' });
    assert.equal(br.headers['content-encoding'], 'br', file);
    assert.equal(br.headers.vary, 'Accept-Encoding');
    assert.deepEqual(br.body, readFileSync(path.join(DIST, `${file}.br`)), `${file}: the .br copy`);
    assert.ok(br.body.length < raw.length * 0.6, `${file}: ${br.body.length} of ${raw.length} bytes`);
    const gz = await fetchRaw(url, { 'Accept-Encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip', file);
    assert.deepEqual(gz.body, readFileSync(path.join(DIST, `${file}.gz`)));
    const none = await fetchRaw(url, { 'Accept-Encoding': 'br;q=0, identity' });
    assert.equal(none.headers['content-encoding'], undefined, file);
    assert.deepEqual(none.body, raw);
  }
});

test('on a slow link the status shows the download, then the preparation, then the annotation', async () => {
  const context = await browser.newContext();
  // Every status the page shows, with the progress bar's value.
  await context.addInitScript(() => {
    window.__statuses = [];
    const note = () => {
      const s = document.getElementById('status');
      const p = document.getElementById('progress');
      if (!s) return;
      const last = window.__statuses[window.__statuses.length - 1];
      const row = { text: s.textContent, state: s.dataset.state || '', bar: p && !p.hidden ? p.value : null };
      if (!last || last.text !== row.text || last.bar !== row.bar) window.__statuses.push(row);
    };
    new MutationObserver(note).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
    // Example article as soon as the page's script has run.
    document.addEventListener('DOMContentLoaded', () => document.getElementById('example').click());
  });
  const page = await context.newPage();
  const encodings = [];
  page.on('response', (r) => {
    if (r.url().endsWith('.wasm')) encodings.push(r.headers()['content-encoding']);
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 40, downloadThroughput: 400 * 1024, uploadThroughput: 100 * 1024 });
  await page.goto(server.url);
  await page.waitForFunction(() => document.getElementById('status').dataset.state === 'done', null, { timeout: 60000 });
  const log = await page.evaluate(() => window.__statuses);
  assert.deepEqual(encodings, ['br']);
  const texts = log.map((r) => r.text);
  if (process.env.SHOW_STATUSES) console.log(texts.join('\n'));
  const downloading = log.filter((r) => /^Downloading the annotator: \d+% of 2\.\d MB…/.test(r.text));
  assert.ok(downloading.length >= 3, `the download's progress shows (${texts.join(' | ')})`);
  const pct = downloading.map((r) => Number(r.text.match(/(\d+)%/)[1]));
  assert.deepEqual(pct, [...pct].sort((a, b) => a - b), 'the percentage only grows');
  assert.ok(pct[pct.length - 1] - pct[0] >= 50, `it moves (${pct.join(', ')})`);
  const bars = log.map((r) => r.bar).filter((b) => b !== null && b > 0);
  assert.ok(bars.length >= 3, 'the progress bar moves');
  // The example waits for the annotator, and says so; "Annotating" only once it is ready.
  const firstAnnotating = texts.findIndex((t) => /^Annotating/.test(t));
  const preparing = texts.findIndex((t) => /^Preparing the annotator/.test(t));
  const lastDownload = texts.lastIndexOf(downloading[downloading.length - 1].text);
  assert.ok(firstAnnotating > lastDownload, `not "Annotating" while downloading: ${texts.join(' | ')}`);
  assert.ok(preparing > lastDownload && preparing < firstAnnotating, `preparing after the download, before annotating: ${texts.join(' | ')}`);
  assert.ok(texts.some((t) => /annotated as soon as it is ready/.test(t)), 'the waiting text says it waits');
  assert.match(texts[texts.length - 1], /^Annotated /);
  await context.close();
});
