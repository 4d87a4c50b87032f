// Iframe mode: the built page (dist/, its own origin) inside frames of
// other origins, driven by postMessage. An allowed parent gets the result
// and a safe HTML rendering; a parent that is not on the allow-list is
// ignored while an allowed sibling frame is answered.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { requireBuild, wasmNode, cargoVersion, startServer, launch } from './lib.mjs';
import { serve } from './embed_server.mjs';

let app; // the annotator page (scripts/serve.mjs on dist/)
let allowed; // origin B: on the allow-list
let other; // origin C: not on it
let browser;
let wasm;

const TEXT =
  'Ilsa Brandt of the Norvale Water Authority spoke in Tarnow on Monday.\n' +
  '"It is safe," Brandt said. <img src=x onerror="window.top.__pwned=1"><script>window.top.__pwned=2</script>\n';

const page = (script, body) =>
  `<!doctype html><html><head><meta charset="utf-8"><script type="module" src="${script}"></script></head><body>${body}</body></html>`;

before(async () => {
  requireBuild();
  wasm = wasmNode();
  app = await startServer();
  const A = new URL(app.url).origin;
  // Servers first, files after: each page names the other origins.
  const filesB = {};
  const filesC = {};
  allowed = await serve({ files: filesB });
  other = await serve({ files: filesC });
  const B = allowed.origin;
  const C = other.origin;
  const frameUrl = `${A}/index.html?allow-origins=${encodeURIComponent(`https://unrelated.example, ${B}`)}`;
  Object.assign(filesB, {
    '/favicon.ico': '',
    // B as the top page: embeds the annotator directly.
    '/top.html': page('/top.js', `<iframe id="f" src="${frameUrl}"></iframe>`),
    '/top.js': `window.__log = [];
      addEventListener('message', (e) => window.__log.push({ origin: e.origin, data: e.data }));
      window.__send = (msg) => document.getElementById('f').contentWindow.postMessage(msg, ${JSON.stringify(A)});
      window.__parse = (html) => {
        const d = new DOMParser().parseFromString(html, 'text/html');
        return { text: d.body.textContent, tags: [...new Set([...d.body.querySelectorAll('*')].map((e) => e.localName))] };
      };`,
    // B as a sibling frame inside C's page: forwards requests and replies.
    '/helper.html': page('/helper.js', ''),
    '/helper.js': `addEventListener('message', (e) => {
        if (e.origin === ${JSON.stringify(C)} && e.data && e.data.do === 'send') {
          parent.frames[0].postMessage({ type: 'annotator:annotate', id: 'good', text: e.data.text }, ${JSON.stringify(A)});
        } else if (e.origin === ${JSON.stringify(A)}) {
          parent.postMessage({ relay: e.data }, ${JSON.stringify(C)});
        }
      });`,
  });
  Object.assign(filesC, {
    '/favicon.ico': '',
    '/top.html': page('/top.js', `<iframe id="f" src="${frameUrl}"></iframe><iframe id="h" src="${B}/helper.html"></iframe>`),
    '/top.js': `window.__log = [];
      addEventListener('message', (e) => window.__log.push({ origin: e.origin, data: e.data }));
      window.__sendBad = (text) => frames[0].postMessage({ type: 'annotator:annotate', id: 'bad', text }, '*');
      window.__askHelper = (text) => frames[1].postMessage({ do: 'send', text }, ${JSON.stringify(B)});`,
  });
  browser = await launch();
});

after(async () => {
  if (browser) await browser.close();
  if (app) await app.stop();
  if (allowed) await allowed.close();
  if (other) await other.close();
});

const plain = (x) => JSON.parse(JSON.stringify(x));

async function annotatorFrame(page) {
  const A = new URL(app.url).origin;
  let f;
  while (!(f = page.frames().find((x) => x.url().startsWith(A)))) await page.waitForEvent('frameattached');
  await f.waitForFunction(() => {
    const s = document.getElementById('status');
    return s && s.textContent.startsWith('Ready');
  });
  return f;
}

test('an allowed parent gets ready, the result and a safely built HTML view', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${allowed.origin}/top.html`);
  const frame = await annotatorFrame(page);
  await page.waitForFunction(() => window.__log.some((m) => m.data && m.data.type === 'annotator:ready'));
  await page.evaluate((text) => window.__send({ type: 'annotator:annotate', id: 7, text }), TEXT);
  await page.waitForFunction(() => window.__log.some((m) => m.data && m.data.type === 'annotator:result'));
  const log = await page.evaluate(() => window.__log);
  const ready = log.find((m) => m.data.type === 'annotator:ready');
  assert.equal(ready.origin, new URL(app.url).origin);
  assert.equal(ready.data.version, cargoVersion());
  const res = log.find((m) => m.data.type === 'annotator:result').data;
  assert.equal(res.id, 7);
  assert.equal(res.ok, true);
  assert.equal(res.version, cargoVersion());
  assert.deepEqual(res.result, plain(wasm.annotate(TEXT, undefined)));
  const parsed = await page.evaluate((html) => window.__parse(html), res.html);
  assert.equal(parsed.text, TEXT, 'the HTML holds exactly the text');
  for (const t of parsed.tags) assert.ok(['div', 'span', 'mark'].includes(t), `only highlight elements, got <${t}>`);
  assert.ok(res.html.includes('&lt;img src=x'), 'markup in the text is escaped');
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  // The frame shows what it was sent.
  assert.equal(await frame.$eval('#view', (v) => v.textContent), TEXT);

  // A bad request gets an error reply, not silence.
  await page.evaluate(() => window.__send({ type: 'annotator:annotate', id: 8, text: 42 }));
  await page.waitForFunction(() => window.__log.some((m) => m.data && m.data.id === 8));
  const bad = await page.evaluate(() => window.__log.find((m) => m.data.id === 8).data);
  assert.equal(bad.ok, false);
  assert.match(bad.error, /string/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a message from an origin not on the allow-list is ignored', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${other.origin}/top.html`);
  const frame = await annotatorFrame(page);
  const rendersBefore = await frame.$eval('#view', (v) => Number(v.dataset.rendered || 0));
  const badText = 'Sent by a page that is not allowed.';
  const goodText = 'Ilsa Brandt spoke in Tarnow.';
  await page.evaluate((t) => window.__sendBad(t), badText);
  // Sent after the bad one; the frame handles messages in order, so a reply
  // to the bad one would come first.
  await page.evaluate((t) => window.__askHelper(t), goodText);
  await page.waitForFunction(() => window.__log.some((m) => m.data && m.data.relay && m.data.relay.type === 'annotator:result'));
  const log = await page.evaluate(() => window.__log);
  const direct = log.filter((m) => m.data && m.data.type && m.data.type.startsWith('annotator:'));
  assert.deepEqual(direct, [], 'the non-allowed top page got nothing, not even "ready"');
  const good = log.find((m) => m.data.relay && m.data.relay.type === 'annotator:result').data.relay;
  assert.equal(good.id, 'good');
  assert.deepEqual(good.result, plain(wasm.annotate(goodText, undefined)));
  assert.equal(await frame.$eval('#view', (v) => v.textContent), goodText);
  assert.equal(await frame.$eval('#view', (v) => Number(v.dataset.rendered)), rendersBefore + 1, 'one render: the bad text was never shown');
  await context.close();
});
