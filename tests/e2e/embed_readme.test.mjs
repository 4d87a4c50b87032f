// The README's iframe snippet, run as written in a host page of another
// origin (only the two example origins replaced by the test's): it gets its
// result, even though it posts before the annotator has loaded (the frame
// queues requests until it is ready). SNIPPET is read from the README, so
// the two cannot drift apart.
import { test, before, after } from 'node:test';
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { requireBuild, wasmNode, startServer, launch } from './lib.mjs';
import { serve } from './embed_server.mjs';

// The README's iframe snippet: the html block of its "Iframe mode" section.
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const section = readme.slice(readme.indexOf('### Iframe mode'));
export const SNIPPET = section.slice(section.indexOf('```html\n') + 8, section.indexOf('\n```', section.indexOf('```html\n')));

let app;
let host;
let browser;
let wasm;

before(async () => {
  requireBuild();
  wasm = wasmNode();
  app = await startServer();
  const files = {};
  host = await serve({ files });
  const A = new URL(app.url).origin;
  const body = SNIPPET.replaceAll('https://annotator.example', A).replaceAll('https://news.example', host.origin);
  files['/favicon.ico'] = '';
  files['/blank.html'] = { body: '<!doctype html><title>blank</title>', type: 'text/html; charset=utf-8' };
  files['/host.html'] = `<!doctype html><html><head><meta charset="utf-8"><title>host</title></head><body>\n${body}\n</body></html>`;
  browser = await launch();
});

after(async () => {
  if (browser) await browser.close();
  if (app) await app.stop();
  if (host) await host.close();
});

test("the README's iframe snippet, as written, gets its result", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const logs = [];
  const errors = [];
  page.on('console', async (m) => {
    if (m.type() === 'error') errors.push(m.text());
    if (m.type() === 'log') logs.push(await Promise.all(m.args().map((a) => a.jsonValue())));
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${host.origin}/host.html`);
  const t0 = Date.now();
  while (!logs.length && Date.now() - t0 < 30_000) await new Promise((r) => setTimeout(r, 50));
  assert.equal(logs.length, 1, `one result logged (errors: ${errors.join('; ')})`);
  const [id, ok, result] = logs[0];
  assert.equal(id, 1);
  assert.equal(ok, true);
  const text = 'Ilsa Brandt spoke in Tarnow on Monday.';
  assert.deepEqual(result, JSON.parse(JSON.stringify(wasm.annotate(text, undefined))));
  assert.ok(result.entities.length > 0);
  assert.deepEqual(errors.filter((e) => !/favicon/.test(e)), []);
  await context.close();
});

test('a request that arrives before the annotator is ready is answered once it is, in order', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const A = new URL(app.url).origin;
  // Hold the wasm back so the frame's page is loaded long before the annotator.
  let release;
  const held = new Promise((r) => (release = r));
  await context.route('**/pkg/annotator_bg.wasm', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${host.origin}/blank.html`);
  await page.setContent(`<iframe id="f" src="${A}/index.html?allow-origins=${encodeURIComponent(host.origin)}"></iframe>`);
  await page.evaluate(() => {
    window.__log = [];
    addEventListener('message', (e) => window.__log.push(e.data));
  });
  const frame = await (async () => {
    for (;;) {
      const f = page.frames().find((x) => x.url().startsWith(A));
      if (f) return f;
      await page.waitForEvent('frameattached');
    }
  })();
  // The frame's scripts have run (app.js enables Annotate), the wasm is held.
  await frame.waitForFunction(() => document.getElementById('annotate') && !document.getElementById('annotate').disabled);
  assert.match(await frame.$eval('#status', (s) => s.textContent), /Loading/, 'the annotator is not ready yet');
  await page.evaluate((A) => {
    const w = document.getElementById('f').contentWindow;
    w.postMessage({ type: 'annotator:annotate', id: 'a', text: 'Mara Voss spoke.' }, A);
    w.postMessage({ type: 'annotator:annotate', id: 'b', text: 'Kell Institute staff left Ostrava.' }, A);
  }, A);
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(await page.evaluate(() => window.__log.filter((m) => m.type === 'annotator:result')), [], 'nothing before ready');
  release();
  await page.waitForFunction(() => window.__log.filter((m) => m.type === 'annotator:result').length === 2, null, { timeout: 30_000 });
  const log = await page.evaluate(() => window.__log);
  const results = log.filter((m) => m.type === 'annotator:result');
  assert.deepEqual(results.map((m) => [m.id, m.ok]), [['a', true], ['b', true]]);
  assert.ok(log.findIndex((m) => m.type === 'annotator:ready') >= 0, 'ready is still announced');
  assert.equal(typeof results[0].css, 'string', 'the HTML comes with its CSS');
  assert.match(results[0].css, /\.annotated/);
  await context.close();
});
