// Offline use: after one visit the service worker (dist/sw.js) serves every
// asset, so the page loads and annotates with the server stopped and the
// browser offline. Its cache is named after the build; older caches go.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DIST, paste, settled, usePage } from './lib.mjs';

let server;
let browser;
let wasm;
usePage((e) => ({ server, browser, wasm } = e));

const ready = (page) =>
  page.waitForFunction(() => {
    const s = document.getElementById('status');
    return s && s.textContent.startsWith('Ready');
  });

test('the service worker caches the page on the first visit and serves it offline', async () => {
  const sw = readFileSync(path.join(DIST, 'sw.js'), 'utf8');
  const build = JSON.parse(sw.match(/^const BUILD = (".*");$/m)[1]);
  const assets = JSON.parse(sw.match(/^const ASSETS = (\[.*\]);$/m)[1]);
  assert.notEqual(build, 'dev', 'dist/sw.js is stamped');
  for (const a of ['index.html', 'www/app.js', 'www/worker.js', 'pkg/annotator.js', 'pkg/annotator_bg.wasm', 'www/style.css']) {
    assert.ok(assets.includes(a), `${a} is precached`);
  }

  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // A cache left by an older build, on this origin.
  await page.goto(`${server.url}example.txt`);
  await page.evaluate(() => caches.open('article-annotator-0.0.0-old').then((c) => c.put('/old', new Response('old'))));

  await page.goto(`${server.url}?test`);
  await ready(page);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const cached = await page.evaluate(async () => {
    const names = await caches.keys();
    const out = {};
    for (const n of names) out[n] = (await (await caches.open(n)).keys()).map((r) => new URL(r.url).pathname);
    return out;
  });
  assert.deepEqual(Object.keys(cached), [`article-annotator-${build}`], 'one cache, named after the build; the old one is gone');
  for (const a of assets) assert.ok(cached[`article-annotator-${build}`].includes(`/${a}`), `${a} cached`);

  // Network gone: the server is stopped and the browser is offline.
  await server.stop();
  await context.setOffline(true);
  await page.reload();
  await ready(page);
  const missing = await page.evaluate(() =>
    fetch(`not-cached-${Date.now()}.txt`).then(
      () => 'fetched',
      () => 'failed',
    ),
  );
  assert.equal(missing, 'failed', 'the network is really unreachable');

  const text = 'Ilsa Brandt of the Norvale Water Authority spoke in Tarnow on Monday.\n"It is safe," Brandt said.\n';
  await paste(page, text);
  const st = await settled(page);
  assert.equal(st.state, 'done', st.text);
  assert.equal(await page.$eval('#view', (v) => v.textContent), text);
  const got = await page.evaluate((t) => window.__annotator.annotate(t), text);
  assert.deepEqual(got, JSON.parse(JSON.stringify(wasm.annotate(text, undefined))));
  assert.deepEqual(errors, []);
  await context.close();
});
