// A 1 MB paste in the real page: the view shows its beginning, with marks,
// before the rest is built in batches, and ends up equal to the text and to
// what the wasm returns. Timings are printed (t.diagnostic), never asserted.
// The text is made up here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, paste, settled, viewSummary, countBy, usePage } from './lib.mjs';
import { annotateChunked } from '../../www/chunk.js';
import { picker } from '../fixtures/random.mjs';

let server;
let browser;
let wasm;
usePage((e) => ({ server, browser, wasm } = e));

/** About `n` UTF-16 units of invented news paragraphs (deterministic). */
function newsLike(n) {
  const first = ['Anna', 'Bram', 'Carla', 'Dov', 'Elin', 'Farid', 'Greta', 'Hugo', 'Ines', 'Jonas'];
  const last = ['Quist', 'Ostrand', 'Velde', 'Brennick', 'Tenby', 'Achterberg', 'Lindqvist', 'Ferro'];
  const places = ['Ruritania', 'Freedonia', 'Port Esk', 'Lake Varn', 'Zürich'];
  const orgs = ['the Daily Planet', 'Acme Holdings', 'the Varn River Authority', 'the Ministry of Roads'];
  const days = ['Monday', 'Tuesday', 'Friday', 'March 3', 'last week'];
  const pick = picker(7);
  const paras = [];
  let len = 0;
  while (len < n) {
    const who = `${pick(first)} ${pick(last)}`;
    const p = [
      `On ${pick(days)} ${who}, who leads ${pick(orgs)}, arrived in ${pick(places)} for talks 😀 with officials.`,
      `"We will build the bridge before winter," ${who} told reporters. "Nobody here doubts it."`,
      `${pick(first)} ${pick(last)} of ${pick(orgs)} said the plan would cost more than expected.`,
      pick(['Advertisement', 'Share this article', 'Café owners in Port Esk agreed.']),
    ].join('\n');
    paras.push(p);
    len += p.length + 2;
  }
  return paras.join('\n\n');
}

test('a 1 MB paste shows its beginning with marks first, then the whole text', async (t) => {
  const text = newsLike(1_000_000);
  const ann = annotateChunked(wasm.annotate, text, undefined);
  const { context, page, seen } = await openPage(browser, server.url);
  // Watch the view: the moment it is first busy (the first part is in), and
  // the moment it is complete. A legend toggle made while the rest is being
  // built must reach the pieces built later.
  await page.evaluate(() => {
    const view = document.getElementById('view');
    const ta = document.getElementById('text');
    const w = (window.__watch = { first: null, done: null });
    new MutationObserver(() => {
      const busy = view.getAttribute('aria-busy') === 'true';
      if (busy && !w.first) {
        const marks = view.querySelectorAll('mark.e');
        const shownText = view.textContent;
        const r = marks.length ? marks[0].getBoundingClientRect() : null;
        w.first = {
          t: performance.now(),
          marks: marks.length,
          len: shownText.length,
          prefix: ta.value.startsWith(shownText),
          visible: !!r && r.width > 0 && r.bottom > 0 && r.top < innerHeight,
        };
        document.querySelector('#legend button[data-layer="e:PERSON"]').click();
      } else if (!busy && w.first && !w.done) {
        w.done = { t: performance.now() };
      }
    }).observe(view, { attributes: true, attributeFilter: ['aria-busy'] });
  });
  const t0 = await page.evaluate(() => performance.now());
  await paste(page, text);
  const st = await settled(page);
  assert.equal(st.state, 'done', st.text);
  const w = await page.evaluate(() => ({
    ...window.__watch,
    start: performance.getEntriesByName('annotator:render-start').at(-1)?.startTime,
    built: performance.getEntriesByName('annotator:first-part').at(-1)?.startTime,
  }));
  assert.ok(w.first, 'the view was shown in parts');
  assert.ok(w.first.len > 0 && w.first.len < text.length, `first part ${w.first.len} of ${text.length} units`);
  assert.ok(w.first.prefix, 'the first part is the beginning of the text');
  assert.ok(w.first.marks > 0, 'the first part has marks');
  assert.ok(w.first.visible, 'the first mark is on screen');
  assert.ok(w.done && w.done.t >= w.first.t);
  t.diagnostic(
    `1 MB view (${text.length} units, ${ann.entities.length} mentions): annotated in the worker after ${(w.start - t0).toFixed(0)} ms; ` +
      `first ${w.first.len} units with ${w.first.marks} marks built ${(w.built - w.start).toFixed(0)} ms and laid out ${(w.first.t - w.start).toFixed(0)} ms after the result arrived, ` +
      `the whole view ${(w.done.t - w.start).toFixed(0)} ms after`,
  );

  const s = await viewSummary(page);
  assert.equal(s.text, text, 'the complete view is the text');
  const visible = ann.entities.filter((e) => !e.boilerplate);
  assert.deepEqual(countBy(Object.values(s.marks), 'label'), countBy(visible, 'label'), 'marks per label');
  ann.entities.forEach((e, i) => {
    if (e.boilerplate) return;
    assert.equal(s.marks[i]?.text, text.slice(e.start, e.end), `mention ${i}`);
  });
  assert.equal(Object.keys(s.quotes).length, ann.quotes.length, 'quotes');
  assert.equal(Object.keys(s.boilerplate).length, ann.boilerplate.length, 'boilerplate lines');
  // The toggle made after the first part covers every PERSON mark.
  const person = await page.$$eval('mark[data-label="PERSON"]', (ms) => [ms.length, ms.filter((m) => m.classList.contains('off')).length]);
  assert.ok(person[0] > 0);
  assert.equal(person[1], person[0], 'PERSON marks built later start switched off');
  assert.equal(await page.getAttribute('#legend button[data-layer="e:PERSON"]', 'aria-pressed'), 'false');
  // Looks the same as one block: the hidden line breaks are where pieces end.
  const cuts = await page.$$eval('#view .cut', (cs) => cs.map((c) => [c.textContent, getComputedStyle(c).display]));
  assert.ok(cuts.length > 10);
  assert.ok(cuts.every(([c, d]) => c === '\n' && d === 'none'));
  // Selecting the whole view copies the text, line breaks included (the
  // pieces' hidden breaks are drawn by the block ends, not doubled).
  const selected = await page.$eval('#view', (v) => {
    getSelection().selectAllChildren(v);
    return getSelection().toString();
  });
  assert.equal(selected, text, 'select all in the view gives the text');
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('a click in the entity list while a long view is being built scrolls to a complete view', async () => {
  const text = newsLike(600_000);
  const { context, page, seen } = await openPage(browser, server.url);
  await page.evaluate(() => {
    const view = document.getElementById('view');
    const w = (window.__watch = { clicked: null });
    new MutationObserver(() => {
      if (view.getAttribute('aria-busy') === 'true' && !w.clicked) {
        const items = document.querySelectorAll('#entities .ent');
        const last = items[items.length - 1];
        last.click();
        w.clicked = {
          g: last.dataset.g,
          busyAfter: view.hasAttribute('aria-busy'),
          len: view.textContent.length,
          flashed: [...view.querySelectorAll('mark.flash')].map((m) => m.dataset.g),
          current: view.querySelectorAll('.flash.current').length,
        };
      }
    }).observe(view, { attributes: true, attributeFilter: ['aria-busy'] });
  });
  await paste(page, text);
  const st = await settled(page);
  assert.equal(st.state, 'done', st.text);
  const w = await page.evaluate(() => window.__watch);
  assert.ok(w.clicked, 'clicked while the view was being built');
  assert.equal(w.clicked.busyAfter, false, 'the click completed the view');
  assert.equal(w.clicked.len, text.length, 'the whole text is in the view');
  assert.ok(w.clicked.flashed.length > 0 && w.clicked.flashed.every((g) => g === w.clicked.g), 'the group flashes');
  assert.equal(w.clicked.current, 1);
  assert.deepEqual(seen.errors, []);
  await context.close();
});
