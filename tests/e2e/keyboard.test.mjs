// The keyboard (issue 25, point 8): the exports and the layers are a few Tab
// presses from the text box however long the lists are (one tab stop per
// list, arrow keys inside it), and a filter box finds one entity among many.
// A made-up text with 60 entities and 30 quotes, rendered through the test hook.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, usePage } from './lib.mjs';

let server;
let browser;
usePage((e) => ({ server, browser } = e));

const NAMES = Array.from({ length: 60 }, (_, i) => `Person${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))} Vossberg${i}`);
let TEXT = '';
const entities = [];
const groups = [];
const quotes = [];
NAMES.forEach((name, i) => {
  const s = TEXT.length;
  TEXT += `${name} spoke.`;
  entities.push({ start: s, end: s + name.length, label: i % 2 ? 'ORG' : 'PERSON', entity: i, text: name });
  groups.push({ id: i, label: i % 2 ? 'ORG' : 'PERSON', name, mentions: [i] });
  if (i < 30) {
    const q = TEXT.length + 1;
    TEXT += ` "We agree number ${i}," said ${name}.`;
    quotes.push({ start: q, end: q + `"We agree number ${i},"`.length, speaker: name, speaker_span: null, speaker_entity: i, unclosed: false });
  }
  TEXT += '\n';
});
const ANN = { entities, groups, quotes, boilerplate: [], parts: [] };

async function open() {
  const { context, page, seen } = await openPage(browser, `${server.url}?test`, { viewport: { width: 1280, height: 800 } });
  await page.evaluate(([t, a]) => window.__annotator.render(t, a), [TEXT, ANN]);
  return { context, page, seen };
}

test('the first export and every layer are a few Tab presses from the text box', async () => {
  const { context, page, seen } = await open();
  await page.focus('#text');
  let presses = 0;
  let layers = 0;
  for (; presses < 200; ) {
    await page.keyboard.press('Tab');
    presses++;
    const at = await page.evaluate(() => ({ exp: document.activeElement.dataset.export || '', layer: document.activeElement.dataset.layer || '' }));
    if (at.layer) layers++;
    if (at.exp) break;
  }
  assert.ok(presses <= 25, `the first export after ${presses} Tab presses (60 entities, 30 quotes)`);
  assert.equal(layers, 7, 'every layer on the way');
  // One tab stop per list.
  for (const id of ['entities', 'speakers', 'quotes']) {
    const stops = await page.$$eval(`#${id} button`, (bs) => bs.filter((b) => b.tabIndex === 0).length);
    assert.equal(stops, 1, `${id}: one tab stop`);
  }
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('arrow keys move inside a list; the tab stop follows', async () => {
  const { context, page, seen } = await open();
  await page.focus('#entities button');
  const first = await page.evaluate(() => document.activeElement.dataset.g);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const third = await page.evaluate(() => document.activeElement.dataset.g);
  assert.notEqual(third, first);
  assert.equal(await page.$$eval('#entities button', (bs) => bs.findIndex((b) => b === document.activeElement)), 2);
  assert.equal(await page.$eval('#entities button:focus', (b) => b.tabIndex), 0, 'the focused row is the tab stop');
  await page.keyboard.press('End');
  assert.equal(await page.$$eval('#entities button', (bs) => bs.findIndex((b) => b === document.activeElement)), 59);
  await page.keyboard.press('Home');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.g), first);
  // Tab leaves the list at once (to the next list), Shift+Tab comes back to the row.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.closest('ul') && document.activeElement.closest('ul').id), 'speakers');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await page.$$eval('#entities button', (bs) => bs.findIndex((b) => b === document.activeElement)), 1);
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('the filter box finds one entity among many; Down and Enter go to it', async () => {
  const { context, page, seen } = await open();
  await page.focus('#ent-filter');
  await page.keyboard.type('vossberg42');
  const rows = await page.$$eval('#entities .ent .name', (ns) => ns.map((n) => n.textContent));
  assert.deepEqual(rows, [NAMES[42]]);
  assert.equal(await page.$eval('#ents-n', (n) => n.textContent), '(1 of 60)');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  assert.deepEqual(await page.$$eval('#view .flash', (x) => x.map((e) => e.dataset.m)), ['42']);
  await page.fill('#ent-filter', 'nobody here');
  assert.equal(await page.$eval('#entities', (l) => l.textContent), 'No entity matches the filter.');
  await page.fill('#ent-filter', '');
  assert.equal(await page.$$eval('#entities .ent', (x) => x.length), 60);
  assert.deepEqual(seen.errors, []);
  await context.close();
});
