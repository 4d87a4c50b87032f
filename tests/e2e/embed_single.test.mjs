// The single-file build (scripts/build-single.sh -> dist/annotator-single.html)
// opened from file:// with no server: it loads, annotates like the wasm in
// node, exports, and asks for nothing but itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, DIST, wasmNode, cargoVersion, launch, paste, settled } from './lib.mjs';

let browser;
let wasm;
const FILE = path.join(DIST, 'annotator-single.html');

before(async () => {
  execFileSync('sh', [path.join(ROOT, 'scripts/build-single.sh')], { stdio: ['ignore', 'ignore', 'inherit'] });
  wasm = wasmNode();
  browser = await launch();
});

after(async () => {
  if (browser) await browser.close();
});

test('the single file refers to no other file and sets its own strict CSP', () => {
  const html = readFileSync(FILE, 'utf8');
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/)[1];
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'sha256-[A-Za-z0-9+/=]+' 'wasm-unsafe-eval'/);
  assert.ok(!/unsafe-inline/.test(csp), 'scripts and styles are allowed by hash only');
  assert.equal((html.match(/<script\b/g) || []).length, 1, 'one script');
  assert.ok(!/<script[^>]*\ssrc=/.test(html));
  assert.ok(!/<link[^>]*rel="stylesheet"/.test(html));
});

test('opened from file://, it loads, annotates and exports', async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  context.on('request', (r) => requests.push(r.url()));
  const url = `${pathToFileURL(FILE).href}?test`;
  await page.goto(url);
  await page.waitForFunction(() => {
    const s = document.getElementById('status');
    return s && s.textContent.startsWith('Ready');
  });
  assert.equal(await page.$eval('#version', (v) => v.textContent), `annotator ${cargoVersion()}`);

  const text =
    'Advertisement\nIlsa Brandt of the Norvale Water Authority spoke in Tarnow on Monday.\n' +
    '"It is safe," Brandt said. <img src=x onerror="window.__pwned=1">\n';
  await paste(page, text);
  const st = await settled(page);
  assert.equal(st.state, 'done', st.text);
  assert.equal(await page.$eval('#view', (v) => v.textContent), text);
  assert.equal(await page.evaluate(() => document.querySelectorAll('img').length), 0);
  const got = await page.evaluate((t) => window.__annotator.annotate(t), text);
  assert.deepEqual(got, JSON.parse(JSON.stringify(wasm.annotate(text, undefined))));

  // An export works without a server too (a blob download).
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('button[data-export="project"]')]);
  const project = JSON.parse(readFileSync(await dl.path(), 'utf8'));
  assert.equal(project.text, text);
  assert.deepEqual(project.annotation, got);

  // The example article is inlined when the build has one.
  const example = path.join(DIST, 'example.txt');
  if (existsSync(example)) {
    await page.click('#example');
    await page.waitForFunction((n) => document.getElementById('view').textContent.length === n, readFileSync(example, 'utf8').replace(/\r\n?/g, '\n').length);
    assert.equal(await page.$eval('#text', (t) => t.value), readFileSync(example, 'utf8').replace(/\r\n?/g, '\n'));
  }

  const foreign = requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(foreign, [], 'no network requests');
  assert.ok(requests.every((u) => !u.startsWith('file:') || u.startsWith(pathToFileURL(FILE).href)), 'no other file read');
  assert.deepEqual(errors, []);
  await context.close();
});
