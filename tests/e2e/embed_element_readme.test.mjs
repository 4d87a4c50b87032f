// The README's <article-annotator> snippet, run as written in a host page of
// another origin, with the element's script, its modules and the wasm served
// by scripts/serve.mjs (issue 25, point 7: the module script and the wasm
// need Access-Control-Allow-Origin, which serve.mjs now sends). Only the
// snippet's CDN URL is replaced by the test server's. The snippet is read from
// the README, so the two cannot drift apart.
import { test, before, after } from 'node:test';
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { requireBuild, startServer, launch } from './lib.mjs';
import { serve } from './embed_server.mjs';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const section = readme.slice(readme.indexOf('### `<article-annotator>`'));
const SNIPPET = section.slice(section.indexOf('```html\n') + 8, section.indexOf('\n```', section.indexOf('```html\n')));

let app;
let host;
let browser;

before(async () => {
  requireBuild();
  app = await startServer();
  const files = {};
  host = await serve({ files });
  // dist/www/element.js imports ../pkg/annotator.js: the page's own files.
  const body = SNIPPET.replaceAll('https://cdn.example/article-annotator/element.js', `${app.url}www/element.js`);
  files['/favicon.ico'] = '';
  files['/host.html'] = `<!doctype html><html><head><meta charset="utf-8"><title>host</title></head><body>\n${body}\n</body></html>`;
  browser = await launch();
});

after(async () => {
  if (browser) await browser.close();
  if (app) await app.stop();
  if (host) await host.close();
});

test("the README's <article-annotator> snippet works with the script from another origin", async () => {
  assert.match(SNIPPET, /cdn\.example\/article-annotator\/element\.js/, 'the snippet names a CDN script');
  const context = await browser.newContext();
  const page = await context.newPage();
  const results = [];
  const errors = [];
  page.on('console', async (m) => {
    if (m.type() === 'error') errors.push(m.text());
    if (m.type() === 'log') results.push(await m.args()[0].jsonValue());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${host.origin}/host.html`);
  const t0 = Date.now();
  while (!results.length && Date.now() - t0 < 30_000) await new Promise((r) => setTimeout(r, 50));
  assert.ok(results.length >= 1, `an 'annotated' event with its result (errors: ${errors.join('; ')})`);
  const r = results[results.length - 1];
  assert.ok(Array.isArray(r.entities) && Array.isArray(r.quotes), 'a result');
  const shadow = await page.$eval('article-annotator', (el) => (el.shadowRoot ? el.shadowRoot.textContent : ''));
  assert.match(shadow, /Another text/, 'the element shows the text the snippet set');
  assert.deepEqual(errors.filter((e) => !/favicon/.test(e)), []);
  await context.close();
});
