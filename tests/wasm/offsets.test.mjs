// The wasm API in node (wasm-bindgen --target nodejs build in dist/node, and
// the web build in dist/pkg initialised from bytes): result shapes, UTF-16
// offsets that slice the right substrings, readable errors.
// Run: scripts/build-web.sh && node --test tests/wasm/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { checkShape } from './invariants.mjs';
import { needShared } from '../common/shared.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const NODE_PKG = path.join(ROOT, 'dist', 'node', 'annotator.js');
const WEB_PKG = path.join(ROOT, 'dist', 'pkg', 'annotator.js');
const SEED = path.resolve(ROOT, '..', 'shared', 'data', 'seed', 'article.txt');
if (!existsSync(NODE_PKG) || !existsSync(WEB_PKG)) {
  throw new Error('dist/node or dist/pkg is missing: run scripts/build-web.sh first');
}
const wasm = createRequire(import.meta.url)(NODE_PKG);

// Made-up texts: astral emoji (2 UTF-16 units each), combining and
// precomposed accents, NBSP and other spaces, CRLF, RTL script.
const TEXTS = [
  '',
  'plain ascii',
  '👍🏽 Zoë Müller met Jürgen Straße in Zürich on 3\u00a0March 2024. "Ça va," said Zoë.',
  'Cafe\u0301 owner Rene\u0301 Dubois 🇫🇷 said: «Nous gagnerons».\r\nShare this article\r\n',
  '\u00a0\u2009\u202f😀😀😀 Anna\u00a0Karenina told Reuters "we are 🔥 ready" on Monday.\n\nAdvertisement\n',
  'عربي text with Mohammed bin Salman and 中文 characters, then "a quote".',
  '\ud83d unpaired surrogate at the start is replaced by U+FFFD by the binding',
];

test('version() is the crate version', () => {
  const cargo = readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8').match(/^version\s*=\s*"([^"]+)"/m)[1];
  assert.equal(wasm.version(), cargo);
});

test('annotate() returns the documented shape with UTF-16 offsets on tricky text', () => {
  for (const text of TEXTS) {
    const clean = text.toWellFormed ? text.toWellFormed() : text;
    checkShape(clean, wasm.annotate(clean, undefined));
    checkShape(clean, wasm.annotate(clean, null));
    checkShape(clean, wasm.annotate(clean, {}));
  }
});

test('annotate() on the seed article: offsets slice the right substrings', { skip: needShared(SEED) }, () => {
  const text = readFileSync(SEED, 'utf8');
  checkShape(text, wasm.annotate(text, undefined));
  // The same text behind emoji and NBSPs: every span moves by exactly the
  // UTF-16 length of the prefix, so offsets count UTF-16 units.
  const prefix = '🧪🧪\u00a0é\n';
  const a = wasm.annotate(text, undefined);
  const b = wasm.annotate(prefix + text, undefined);
  checkShape(prefix + text, b);
  // A new first line may change what the layers decide (it is a headline
  // now), but the spans found in both must sit exactly prefix.length later.
  const key = (x) => `${x.start},${x.end}`;
  for (const layer of ['entities', 'quotes']) {
    const moved = new Set(a[layer].map((x) => key({ start: x.start + prefix.length, end: x.end + prefix.length })));
    const same = b[layer].filter((x) => moved.has(key(x))).length;
    assert.ok(a[layer].length > 0, `the seed article has ${layer}`);
    assert.ok(same >= 0.9 * a[layer].length, `${layer}: ${same} of ${a[layer].length} spans moved by exactly ${prefix.length}`);
  }
});

test('layer options switch layers off', () => {
  const text = TEXTS[2] + '\n' + TEXTS[4];
  const none = wasm.annotate(text, { entities: false, quotes: false, boilerplate: false });
  assert.deepEqual(none, { entities: [], groups: [], quotes: [], boilerplate: [], parts: [], language: 'en' });
  const onlyBp = wasm.annotate(text, { entities: false, quotes: false, insideBoilerplate: true });
  assert.deepEqual([onlyBp.entities, onlyBp.quotes], [[], []]);
});

test('bad options throw an Error with a readable message', () => {
  for (const bad of ['yes', 42, { entities: 'yes' }, { quotes: 1 }]) {
    assert.throws(
      () => wasm.annotate('Some text.', bad),
      (e) => e instanceof Error && /^bad request: options: /.test(e.message) && e.message.length < 300,
      JSON.stringify(bad),
    );
  }
  // After an error the module still works.
  checkShape('Still fine.', wasm.annotate('Still fine.', undefined));
});

test('an unknown option is ignored with a console warning naming it', () => {
  const warned = [];
  const orig = console.warn;
  console.warn = (...a) => warned.push(a.join(' '));
  try {
    const r = wasm.annotate('Anna Weber spoke in Berlin.', { entites: false });
    assert.ok(r.entities.length > 0, 'the misspelt option switched nothing off');
  } finally {
    console.warn = orig;
  }
  assert.deepEqual(warned, ["annotate: unknown option 'entites' ignored"]);
});

test('exportHtml() escapes the text', () => {
  const page = wasm.exportHtml('<img src=x onerror=alert(1)> & "q"', '<title>');
  // Highlights wrap parts of the text in spans; the text between tags is escaped.
  const textOnly = page.replace(/<[^>]*>/g, '');
  assert.ok(textOnly.includes('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot;'));
  assert.ok(!page.includes('<img'));
  assert.ok(page.includes('<title>&lt;title&gt;</title>'));
});

test('the web build (dist/pkg) initialised from bytes gives the same results', async () => {
  const web = await import(pathToFileURL(WEB_PKG).href);
  web.initSync({ module: readFileSync(path.join(ROOT, 'dist', 'pkg', 'annotator_bg.wasm')) });
  assert.equal(web.version(), wasm.version());
  const texts = existsSync(SEED) ? [...TEXTS.slice(0, 6), readFileSync(SEED, 'utf8')] : TEXTS.slice(0, 6);
  for (const t of texts) assert.deepEqual(web.annotate(t, undefined), wasm.annotate(t, undefined));
});

test('bad input from JS: lone surrogates, CR ends, floods of marks and ad lines, long runs', () => {
  const inputs = [
    ' \t\n ',
    '\udc00\ud800 reversed and lone halves "quoted \ud800" said Ann.',
    'One line.\rAnother line said Bo Li.\r\rAdvertisement\r',
    '“"\'”'.repeat(25_000),
    'Advertisement\n'.repeat(50_000),
    'x'.repeat(100_000),
    Array.from({ length: 20_000 }, (_, i) => String.fromCharCode((i * 7919) % 0xffff)).join(''),
  ];
  for (const text of inputs) checkShape(text, wasm.annotate(text, undefined));
  // The flood of ad lines is all boilerplate, one span per line.
  const ads = wasm.annotate(inputs[4], undefined);
  assert.equal(ads.boilerplate.length, 50_000);
});
