// annotateHtml in node (dist/node, built by scripts/build-web.sh): the record
// plus `text`, the text a browser shows for the HTML, with UTF-16 offsets into
// that text; made-up pages only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkShape } from './invariants.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const NODE_PKG = path.join(ROOT, 'dist', 'node', 'annotator.js');
if (!existsSync(NODE_PKG)) throw new Error('dist/node is missing: run scripts/build-web.sh first');
const wasm = createRequire(import.meta.url)(NODE_PKG);

const PAGE = `<html><head><title>T</title><script>alert("no")</script></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<h1>Zoë Müller 👍🏽 opens the new river bridge</h1>
<p>&#x201C;We waited ten years for this,&#x201D; said Zoë Müller, the mayor of Springfield, on Tuesday.</p>
<p hidden>Hidden words</p><p>Traffic fell by half &amp; the ferry&nbsp;company cut its timetable.</p>
</body></html>`;

test('annotateHtml() returns the derived text and UTF-16 offsets into it', () => {
  const r = wasm.annotateHtml(PAGE, undefined);
  assert.equal(typeof r.text, 'string');
  const { text, ...rest } = r;
  checkShape(text, rest);
  assert.ok(text.includes('Zoë Müller 👍🏽 opens the new river bridge'), text);
  assert.ok(text.includes('half & the ferry company'), text);
  assert.ok(!text.includes('alert') && !text.includes('Hidden words') && !text.includes('<'), text);
  const q = r.quotes[0];
  assert.ok(q, 'the quote is found');
  assert.ok(text.slice(q.start, q.end).includes('We waited ten years'), text.slice(q.start, q.end));
  for (const e of r.entities) assert.equal(text.slice(e.start, e.end), e.text);
});

test('annotateHtml() takes options and rejects bad ones readably', () => {
  const r = wasm.annotateHtml(PAGE, { entities: false, boilerplate: false });
  assert.equal(r.entities.length, 0);
  assert.equal(r.boilerplate.length, 0);
  assert.throws(() => wasm.annotateHtml(PAGE, { quotes: 'yes' }), /options/);
  for (const junk of ['', '<', '<<<>>>&&&#', '<div>'.repeat(10000)]) {
    const { text, ...rest } = wasm.annotateHtml(junk, undefined);
    checkShape(text, rest);
  }
});

test('htmlEncoding() + www/decode.js read a page in its own encoding and never refuse bytes', async () => {
  const { decodeHtml } = await import('../../www/decode.js');
  const dec = (bytes) => decodeHtml(Uint8Array.from(bytes), wasm.htmlEncoding);
  // windows-1252 without a label (not valid UTF-8); its 0x80-0x9F characters are left to the
  // browser's TextDecoder (node's maps them as Latin-1), the e2e test drops such a file
  assert.equal(dec(Buffer.from('<p>Caf\xe9 open', 'latin1')), '<p>Café open');
  assert.equal(wasm.htmlEncoding(Buffer.from('<p>Caf\xe9', 'latin1')), 'default:windows-1252');
  // <meta http-equiv> naming a Cyrillic encoding
  const koi = Buffer.concat([Buffer.from('<meta http-equiv=content-type content="text/html; charset=KOI8-R"><p>'), Buffer.from([0xf0, 0xd2, 0xc9])]);
  assert.equal(wasm.htmlEncoding(koi), 'meta:koi8-r');
  assert.ok(dec(koi).endsWith('<p>При'), dec(koi));
  // byte order marks: UTF-16LE, UTF-8 (the mark is not text)
  assert.equal(dec(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<p>Grüße', 'utf16le')])), '<p>Grüße');
  assert.equal(dec(Buffer.from('\ufeff<p>x', 'utf8')), '<p>x');
  // <meta> naming UTF-16 means UTF-8; a stray byte in UTF-8 is U+FFFD; unknown labels fall back
  assert.equal(dec(Buffer.from('<meta charset=utf-16><p>Grüße', 'utf8')), '<meta charset=utf-16><p>Grüße');
  assert.equal(dec(Buffer.concat([Buffer.from('<meta charset=utf-8><p>a'), Buffer.from([0xff]), Buffer.from('b')])), '<meta charset=utf-8><p>a\ufffdb');
  assert.equal(dec(Buffer.from('<meta charset=no-such-thing><p>\xe9', 'latin1')), '<meta charset=no-such-thing><p>é');
});
