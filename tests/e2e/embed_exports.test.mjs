// The page's export buttons, opening a saved project and dropping files,
// under the served page's strict CSP. Annotations are injected (the ?test
// hook) so every format has spans to carry whatever the layers find.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openPage, settled, usePage } from './lib.mjs';
import { parseCsv, parseProject, cleanText } from '../../www/exports.js';
import { TEXT, FAKE, QUOTE, cpSlice } from '../fixtures/annotation.mjs';

let server;
let browser;
let wasm;
usePage((e) => ({ server, browser, wasm } = e));

const [q0, q1] = QUOTE;

async function open() {
  const { context, page, seen } = await openPage(browser, `${server.url}?test`, { acceptDownloads: true });
  return { context, page, errors: seen.errors };
}

async function download(page, selector) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const body = readFileSync(await dl.path(), 'utf8');
  await page.waitForTimeout(200); // downloads in quick succession can be dropped
  return { name: dl.suggestedFilename(), body };
}

test('every export button downloads a file that parses back to the annotation shown', async () => {
  const { context, page, errors } = await open();
  await page.evaluate(([t, a]) => window.__annotator.render(t, a), [TEXT, FAKE]);

  const project = await download(page, 'button[data-export="project"]');
  assert.match(project.name, /\.json$/);
  const p = parseProject(project.body);
  assert.equal(p.text, TEXT);
  assert.deepEqual(p.annotation, FAKE);

  const wa = JSON.parse((await download(page, 'button[data-export="webanno"]')).body);
  assert.equal(wa['@context'], 'http://www.w3.org/ns/anno.jsonld');
  assert.equal(wa.first.items.length, FAKE.entities.length + FAKE.quotes.length + FAKE.boilerplate.length);
  for (const a of wa.first.items) {
    const [tq, tp] = a.target.selector;
    assert.equal(tq.type, 'TextQuoteSelector');
    assert.equal(tp.type, 'TextPositionSelector');
    assert.equal(cpSlice(TEXT, tp.start, tp.end), tq.exact);
  }
  assert.ok(wa.first.items.some((a) => a.body.some((b) => b.value === 'speaker: Mara Voss')));

  const dc = JSON.parse((await download(page, 'button[data-export="displacy"]')).body);
  assert.equal(dc.text, TEXT);
  assert.deepEqual(
    dc.ents.filter((e) => e.label !== 'BOILERPLATE').map((e) => [cpSlice(TEXT, e.start, e.end), e.label]),
    FAKE.entities.map((m) => [m.text, m.label]),
  );
  assert.equal(dc.ents.filter((e) => e.label === 'BOILERPLATE').length, FAKE.boilerplate.length);

  const rows = parseCsv((await download(page, 'button[data-export="quotes"]')).body);
  assert.deepEqual(rows[0], ['quote', 'speaker', 'start', 'end']);
  assert.deepEqual(rows[1].slice(0, 2), [TEXT.slice(q0, q1), 'Mara Voss']);
  assert.equal(cpSlice(TEXT, Number(rows[1][2]), Number(rows[1][3])), TEXT.slice(q0, q1));

  const clean = (await download(page, 'button[data-export="clean"]')).body;
  assert.equal(clean, cleanText(TEXT, FAKE.boilerplate));
  assert.ok(!clean.includes('Advertisement') && !clean.includes('SHARE THIS'));

  // The standalone HTML page of the annotation shown (not re-annotated):
  // the headline (first line that is not boilerplate) is its title, and
  // its tags stripped give the text back.
  const html = (await download(page, '#export')).body;
  assert.ok(html.startsWith('<!doctype html>'));
  assert.match(html, /<title>Mara Voss 🚀 met Kell Institute staff in Ostrava\.<\/title>/);
  const pre = html.slice(html.indexOf('<pre>') + 5, html.lastIndexOf('</pre>'));
  const decoded = pre.replace(/<[^>]*>/g, '').replace(/&(lt|gt|quot|#39|amp);/g, (_, e) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e]);
  assert.equal(decoded, TEXT);
  for (const m of FAKE.entities) assert.ok(html.includes(`class="e ${m.label}" title="${m.label} `), m.label);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a saved project opens again as it was, without re-annotating', async () => {
  const { context, page, errors } = await open();
  await page.evaluate(([t, a]) => window.__annotator.render(t, a), [TEXT, FAKE]);
  const project = await download(page, 'button[data-export="project"]');
  // A fresh page, then open the file.
  await page.evaluate(() => window.__annotator.render('', null));
  await page.setInputFiles('#open-file', { name: 'saved.annotator.json', mimeType: 'application/json', buffer: Buffer.from(project.body) });
  await page.waitForFunction((t) => document.getElementById('view').textContent === t, TEXT);
  const shown = await page.evaluate(() => ({
    value: document.getElementById('text').value,
    marks: [...document.querySelectorAll('#view mark.e')].map((m) => [m.textContent, m.dataset.label]),
    quotes: document.querySelectorAll('#view .q').length,
    bp: document.querySelectorAll('#view .bp').length,
    status: document.getElementById('status').textContent,
  }));
  assert.equal(shown.value, TEXT);
  assert.deepEqual(shown.marks, FAKE.entities.map((m) => [m.text, m.label]));
  assert.equal(shown.quotes, 1);
  assert.equal(shown.bp, 2);
  assert.match(shown.status, /Opened the project/);

  // Something that is not a project is refused with a message.
  await page.setInputFiles('#open-file', { name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"a":1}') });
  await page.waitForFunction(() => /Could not open/.test(document.getElementById('status').textContent));
  assert.equal(await page.$eval('#view', (v) => v.textContent), TEXT, 'the view is kept');
  assert.deepEqual(errors, []);
  await context.close();
});

async function drop(page, name, type, body) {
  // body: a string, or an array of byte values (a file in another encoding)
  await page.evaluate(
    ([n, t, b]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([typeof b === 'string' ? b : new Uint8Array(b)], n, { type: t }));
      const target = document.getElementById('view');
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    [name, type, body],
  );
}

test('dropping an .html file annotates it with the core HTML path and inserts nothing of it', async () => {
  const { context, page, errors } = await open();
  const html =
    '<!doctype html><html><head><title>Water news</title><style>body{display:none}</style>' +
    '<script>window.__pwned = 1</script></head><body><h1>Reservoir is safe</h1>' +
    '<p>Ilsa Brandt spoke in <b>Tarnow</b> on Monday.</p><img id="dropped" src="x" onerror="window.__pwned=2">' +
    '<p>"It is safe," Brandt said.</p><script>window.__pwned = 3</script></body></html>';
  await drop(page, 'story.html', 'text/html', html);
  const st = await settled(page);
  assert.equal(st.state, 'done', st.text);
  // The text the core's parser derives (annotateHtml in node is the oracle),
  // in the textarea and in the view; the status says where it came from.
  const expected = wasm.annotateHtml(html, undefined).text;
  assert.ok(expected.includes('Ilsa Brandt spoke in Tarnow on Monday.'), expected);
  assert.ok(!/pwned|display|<|onerror/.test(expected), expected);
  assert.equal(await page.$eval('#text', (t) => t.value), expected);
  assert.equal(await page.$eval('#view', (v) => v.textContent), expected);
  assert.match(st.text, /from HTML/);
  const after = await page.evaluate(() => ({
    pwned: window.__pwned,
    dropped: document.getElementById('dropped'),
    imgs: document.querySelectorAll('img').length,
    display: getComputedStyle(document.body).display,
  }));
  assert.deepEqual(after, { pwned: undefined, dropped: null, imgs: 0, display: 'block' });

  // A page saved in windows-1252 (its <meta> says so): read in its encoding, not as UTF-8.
  const latin = Buffer.from('<meta charset="windows-1252"><h1>Caf\xe9 reopens</h1><p>\x93We are back,\x94 said Zo\xeb Brandt.</p>', 'latin1');
  await drop(page, 'latin.html', 'text/html', [...latin]);
  await page.waitForFunction(() => document.getElementById('text').value.startsWith('Café reopens'));
  assert.equal(await page.$eval('#text', (t) => t.value), 'Café reopens\n\n“We are back,” said Zoë Brandt.');

  await drop(page, 'plain.txt', 'text/plain', 'Line one.\r\nLine two.\r\n');
  await page.waitForFunction(() => document.getElementById('text').value === 'Line one.\nLine two.\n');
  const st2 = await settled(page);
  assert.equal(st2.state, 'done');
  assert.doesNotMatch(st2.text, /from HTML/);
  // The HTML never reaches a DOM (not even an inert DOMParser document), so
  // not even a CSP report about its inline style or handlers.
  assert.deepEqual(errors, []);
  await context.close();
});
