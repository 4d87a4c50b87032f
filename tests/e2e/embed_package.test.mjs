// The npm package (dist/npm, scripts/build-pkg.sh) used from another origin:
// one server plays the CDN (CORS headers), another the host site with a
// strict CSP. Checks annotate() against the wasm in node, init() with a
// custom wasm URL, and <article-annotator> in a page with hostile CSS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, DIST, wasmNode, cargoVersion, launch } from './lib.mjs';
import { serve, CORS } from './embed_server.mjs';

let cdn;
let host;
let browser;
let wasm;

const TEXT =
  'Advertisement\n' +
  'Ilsa Brandt, who leads the Norvale Water Authority, spoke in Tarnow on Monday.\n' +
  '"The reservoir is safe, and we will prove it," Brandt said. <img src=x onerror="window.__pwned=1">\n' +
  'Share this article';

// Hand-made spans for the rendering checks (the real layers may find fewer).
const FAKE_JS = `
export function fakeAnnotate(text) {
  const at = (s, from = 0) => { const i = text.indexOf(s, from); return [i, i + s.length]; };
  const [p0, p1] = at('Ilsa Brandt');
  const [o0, o1] = at('Norvale Water Authority');
  const [l0, l1] = at('Tarnow');
  const q0 = text.indexOf('"The'); const q1 = text.indexOf('it,"') + 4;
  const [b0, b1] = at('Brandt', q1);
  return {
    entities: [
      { start: p0, end: p1, label: 'PERSON', entity: 0, text: 'Ilsa Brandt' },
      { start: o0, end: o1, label: 'ORG', entity: 1, text: 'Norvale Water Authority' },
      { start: l0, end: l1, label: 'PLACE', entity: 2, text: 'Tarnow' },
      { start: b0, end: b1, label: 'PERSON', entity: 0, text: 'Brandt' },
    ],
    groups: [
      { id: 0, label: 'PERSON', name: 'Ilsa Brandt', mentions: [0, 3] },
      { id: 1, label: 'ORG', name: 'Norvale Water Authority', mentions: [1] },
      { id: 2, label: 'PLACE', name: 'Tarnow', mentions: [2] },
    ],
    quotes: [{ start: q0, end: q1, speaker: 'Ilsa Brandt', speaker_span: [b0, b1], speaker_entity: 0, unclosed: false }],
    boilerplate: [{ start: 0, end: 13, kind: 'ad' }],
  };
}`;

const HOSTILE_CSS = `
body * { color: red !important; display: none; background: black !important; font-family: monospace !important; }
article-annotator { --aa-person: rgb(1, 2, 3); --aa-fg: rgb(4, 5, 6); }
`;

before(async () => {
  execFileSync('sh', [path.join(ROOT, 'scripts/build-pkg.sh')], { stdio: ['ignore', 'ignore', 'inherit'] });
  wasm = wasmNode();
  cdn = await serve({ dir: path.join(DIST, 'npm'), headers: CORS });
  const A = cdn.origin;
  const page = (script, body = '') =>
    `<!doctype html><html><head><meta charset="utf-8">` +
    `<link rel="stylesheet" href="/hostile.css">` +
    `<script type="module" src="${script}"></script></head><body>${body}</body></html>`;
  const element = (attrs) =>
    `<article-annotator id="el" ${attrs}>${TEXT.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</article-annotator>` +
    `<p><span class="q" id="out-q">outside quote</span> <mark class="e L-PERSON" id="out-m">outside mark</mark></p>`;
  host = await serve({
    headers: {
      // The host's own strict policy: scripts and wasm from itself and the CDN only.
      'Content-Security-Policy':
        `default-src 'self'; script-src 'self' ${A} 'wasm-unsafe-eval'; connect-src 'self' ${A}; ` +
        `style-src 'self'; object-src 'none'; base-uri 'none'`,
    },
    files: {
      '/favicon.ico': { body: '', type: 'image/x-icon' },
      '/hostile.css': HOSTILE_CSS,
      '/fake.js': FAKE_JS,
      '/static/custom.wasm': readFileSync(path.join(DIST, 'npm/wasm/annotator_bg.wasm')),
      '/default.html': page('/default.js'),
      '/default.js': `import init, { annotate, version, isReady } from '${A}/annotator.js';
        const text = ${JSON.stringify(TEXT)};
        const before = isReady();
        const v = await init();
        window.__out = { before, v, version: version(), r: annotate(text), q: annotate(text, { entities: false, boilerplate: false }) };`,
      '/custom.html': page('/custom.js'),
      '/custom.js': `import init, { annotate } from '${A}/annotator.js';
        const v = await init('/static/custom.wasm');
        window.__out = { v, r: annotate(${JSON.stringify(TEXT)}) };`,
      '/element-fake.html': page('/element-fake.js', element('labels="PERSON ORG"')),
      '/element-fake.js': `import { fakeAnnotate } from '/fake.js';
        window.__events = [];
        document.addEventListener('annotated', (e) => window.__events.push(e.detail));
        const { setAnnotator } = await import('${A}/element.js');
        setAnnotator(fakeAnnotate);`,
      '/element-real.html': page('/element-real.js', element('layers="quotes boilerplate"')),
      '/element-real.js': `window.__events = [];
        document.addEventListener('annotated', (e) => window.__events.push(e.detail));
        await import('${A}/element.js');`,
    },
  });
  browser = await launch();
});

after(async () => {
  if (browser) await browser.close();
  if (cdn) await cdn.close();
  if (host) await host.close();
});

async function open(p) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(host.origin + p);
  return { context, page, errors };
}

const plain = (x) => JSON.parse(JSON.stringify(x));

test('package.json, types and files are there', () => {
  const pj = JSON.parse(readFileSync(path.join(DIST, 'npm/package.json'), 'utf8'));
  assert.equal(pj.type, 'module');
  assert.equal(pj.version, cargoVersion());
  assert.equal(pj.exports['.'].types, './annotator.d.ts');
  const dts = readFileSync(path.join(DIST, 'npm/annotator.d.ts'), 'utf8');
  for (const s of ['export interface Annotation', 'export function annotate(', 'export function init(', 'speaker_span']) {
    assert.ok(dts.includes(s), `annotator.d.ts has ${s}`);
  }
  for (const f of Object.values(pj.exports).flatMap((e) => (typeof e === 'string' ? [e] : Object.values(e)))) {
    assert.ok(readFileSync(path.join(DIST, 'npm', f)).length > 0, `${f} exists`);
  }
});

test('imported from another origin, the package annotates like the wasm in node', async () => {
  const { context, page, errors } = await open('/default.html');
  await page.waitForFunction(() => window.__out);
  const out = await page.evaluate(() => window.__out);
  assert.equal(out.before, false);
  assert.equal(out.v, cargoVersion());
  assert.equal(out.version, cargoVersion());
  assert.deepEqual(out.r, plain(wasm.annotate(TEXT, undefined)));
  assert.deepEqual(out.q, plain(wasm.annotate(TEXT, { entities: false, boilerplate: false })));
  assert.ok(cdn.requests.includes('/wasm/annotator_bg.wasm'), 'the default wasm comes from beside the module');
  assert.deepEqual(errors, []);
  await context.close();
});

test('init() takes a custom wasm URL', async () => {
  const before = cdn.requests.length;
  const { context, page, errors } = await open('/custom.html');
  await page.waitForFunction(() => window.__out);
  const out = await page.evaluate(() => window.__out);
  assert.equal(out.v, cargoVersion());
  assert.deepEqual(out.r, plain(wasm.annotate(TEXT, undefined)));
  assert.ok(host.requests.includes('/static/custom.wasm'), 'fetched the custom URL');
  assert.ok(!cdn.requests.slice(before).includes('/wasm/annotator_bg.wasm'), 'not the default one');
  assert.deepEqual(errors, []);
  await context.close();
});

test('<article-annotator> keeps its look under hostile host CSS and does not leak its own', async () => {
  const { context, page, errors } = await open('/element-fake.html');
  await page.waitForFunction(() => window.__events.length > 0);
  const got = await page.evaluate(() => {
    const el = document.getElementById('el');
    const root = el.shadowRoot;
    const cs = (n) => getComputedStyle(n);
    const view = root.querySelector('[part="view"]');
    const marks = [...root.querySelectorAll('mark')];
    const person = root.querySelector('mark.L-PERSON');
    const quote = root.querySelector('.q');
    const rect = el.getBoundingClientRect();
    return {
      hostDisplay: cs(el).display,
      hostHeight: rect.height,
      viewDisplay: cs(view).display,
      viewColor: cs(view).color,
      viewFont: cs(view).fontFamily,
      personBg: cs(person).backgroundColor,
      personColor: cs(person).color,
      personDisplay: cs(person).display,
      quoteStyle: cs(quote).fontStyle,
      quoteColor: cs(quote).color,
      labels: marks.map((m) => m.dataset.label),
      markTexts: marks.map((m) => m.textContent),
      text: view.textContent,
      imgs: root.querySelectorAll('img').length + document.querySelectorAll('img').length,
      pwned: window.__pwned === 1,
      outQ: cs(document.getElementById('out-q')).fontStyle,
      outQColor: cs(document.getElementById('out-q')).color,
      outM: cs(document.getElementById('out-m')).backgroundColor,
      event: window.__events[0],
    };
  });
  // Hostile rules reach neither the shadow content nor the host's box.
  assert.equal(got.hostDisplay, 'block');
  assert.ok(got.hostHeight > 0, 'the element is visible');
  assert.equal(got.viewDisplay, 'block');
  assert.equal(got.viewColor, 'rgb(4, 5, 6)', 'text colour from the theme property, not red');
  assert.ok(!/monospace/.test(got.viewFont), got.viewFont);
  assert.equal(got.personBg, 'rgb(1, 2, 3)', 'theme custom property applies');
  assert.notEqual(got.personColor, 'rgb(255, 0, 0)');
  assert.notEqual(got.personDisplay, 'none');
  assert.equal(got.quoteStyle, 'italic');
  assert.notEqual(got.quoteColor, 'rgb(255, 0, 0)');
  // labels="PERSON ORG": the place is not highlighted.
  assert.deepEqual(got.labels, ['PERSON', 'ORG', 'PERSON']);
  assert.deepEqual(got.markTexts, ['Ilsa Brandt', 'Norvale Water Authority', 'Brandt']);
  assert.equal(got.text, TEXT, 'the whole text, markup in it shown as text');
  assert.equal(got.imgs, 0);
  assert.equal(got.pwned, false);
  // The element's own CSS stays inside: same class names outside are untouched.
  assert.equal(got.outQ, 'normal');
  assert.equal(got.outQColor, 'rgb(255, 0, 0)', 'the hostile CSS is really active outside');
  assert.equal(got.outM, 'rgb(0, 0, 0)');
  assert.equal(got.event.text, TEXT);
  assert.equal(got.event.result.entities.length, 4, 'the event carries the whole result');

  // Setting the text property re-annotates and fires again.
  await page.evaluate(() => {
    document.getElementById('el').text = 'Ilsa Brandt spoke to the Norvale Water Authority in Tarnow.';
  });
  await page.waitForFunction(() => window.__events.length > 1);
  const second = await page.evaluate(() => ({
    ev: window.__events[1].text,
    view: document.getElementById('el').shadowRoot.querySelector('[part="view"]').textContent,
  }));
  assert.equal(second.ev, 'Ilsa Brandt spoke to the Norvale Water Authority in Tarnow.');
  assert.equal(second.view, second.ev);
  assert.deepEqual(errors, []);
  await context.close();
});

test('<article-annotator> with the real wasm: layers attribute and the annotated event', async () => {
  const { context, page, errors } = await open('/element-real.html');
  await page.waitForFunction(() => window.__events.length > 0);
  const ev = await page.evaluate(() => window.__events[0]);
  assert.equal(ev.text, TEXT);
  assert.deepEqual(ev.result, plain(wasm.annotate(TEXT, { entities: false, quotes: true, boilerplate: true })));
  const view = await page.evaluate(() => document.getElementById('el').shadowRoot.querySelector('[part="view"]').textContent);
  assert.equal(view, TEXT);
  // Without theme properties the colours follow the host's color-scheme.
  const colours = await page.evaluate(() => {
    const el = document.getElementById('el');
    el.style.setProperty('--aa-fg', 'initial');
    const v = el.shadowRoot.querySelector('[part="view"]');
    const light = getComputedStyle(v).color;
    document.documentElement.style.colorScheme = 'dark';
    const dark = getComputedStyle(v).color;
    return { light, dark };
  });
  assert.deepEqual(colours, { light: 'rgb(27, 27, 27)', dark: 'rgb(230, 230, 230)' });
  assert.deepEqual(errors, []);
  await context.close();
});
