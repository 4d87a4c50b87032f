// Labels not by colour alone (issue 25, point 4): under colour-blindness
// PERSON looked like MISC and PLACE like DATE. Each label has its own
// underline (in the mentions, the colour key and the legend's swatches), its
// name shows on hover and on the mention a list click goes to, and a screen
// reader hears the kind with the mark (its accessible description). Made-up text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, usePage } from './lib.mjs';

let server;
let browser;
usePage((e) => ({ server, browser } = e));

const TEXT = 'Mara Voss of the Kell Institute spoke in Ostrava on Monday to Czech reporters.\nAdvertisement\n';
const span = (sub, label, entity) => {
  const s = TEXT.indexOf(sub);
  return { start: s, end: s + sub.length, label, entity, text: sub };
};
const ANN = {
  entities: [
    span('Mara Voss', 'PERSON', 0),
    span('Kell Institute', 'ORG', 1),
    span('Ostrava', 'PLACE', 2),
    span('Monday', 'DATE', 3),
    span('Czech', 'MISC', 4),
  ],
  groups: [],
  quotes: [],
  boilerplate: [{ start: TEXT.indexOf('Advertisement'), end: TEXT.indexOf('Advertisement') + 13, kind: 'ad' }],
  parts: [],
};
const LABELS = ['PERSON', 'ORG', 'PLACE', 'DATE', 'MISC'];

/** What tells an element apart once colour is gone: everything drawn but its colours. */
const shape = (page, sel) =>
  page.$eval(sel, (e) => {
    const c = getComputedStyle(e);
    return `${c.borderBottomStyle} ${c.borderBottomWidth} ${c.textDecorationLine} ${c.textDecorationStyle} ${c.fontWeight} ${c.fontStyle}`;
  });

/** The underline drawn under an element: its style, or 'none'. */
const underline = (e) => {
  const c = getComputedStyle(e);
  return c.borderBottomWidth === '0px' ? 'none' : c.borderBottomStyle;
};

async function open() {
  const { context, page, seen } = await openPage(browser, `${server.url}?test`, { viewport: { width: 1280, height: 800 } });
  await page.evaluate(([t, a]) => window.__annotator.render(t, a), [TEXT, ANN]);
  return { context, page, seen };
}

test('each label is drawn differently without its colour: mentions, the key and the legend', async () => {
  const { context, page, seen } = await open();
  const marks = {};
  for (const l of LABELS) marks[l] = await shape(page, `#view mark.e[data-label="${l}"]`);
  assert.equal(new Set(Object.values(marks)).size, LABELS.length, `each label looks different in grey: ${JSON.stringify(marks)}`);
  // The key and the legend carry the same cue, so a reader can learn it.
  const key = {};
  const legend = {};
  for (const l of LABELS) {
    key[l] = await page.$eval(`.key .k.L-${l}`, underline);
    legend[l] = await page.$eval(`#legend button[data-layer="e:${l}"] .sw`, underline);
    const m = await page.$eval(`#view mark.e[data-label="${l}"]`, underline);
    assert.equal(key[l], m, `${l}: the key shows the mention's underline`);
    assert.equal(legend[l], m, `${l}: the legend shows the mention's underline`);
  }
  // A layer switched off loses its cue with its colour.
  await page.click('#legend button[data-layer="e:ORG"]');
  assert.equal(await page.$eval('#view mark.e[data-label="ORG"]', underline), 'none');
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test("a mention's label shows on hover and where a list click went", async () => {
  const { context, page, seen } = await open();
  const after = (sel) => page.$eval(sel, (e) => getComputedStyle(e, '::after').content);
  for (const l of LABELS) {
    const sel = `#view mark.e[data-label="${l}"]`;
    assert.equal(await after(sel), 'none', 'no label before hover');
    await page.hover(sel);
    assert.equal(await after(sel), `"${l}"`, `${l} on hover`);
  }
  await page.mouse.move(1200, 790);
  // The entity list: the mention it scrolls to shows its label.
  await page.focus('#entities button[data-g]');
  await page.keyboard.press('Enter');
  const g = await page.$eval('#entities button[data-g]', (b) => b.dataset.g);
  const label = await page.$eval(`#view mark.e[data-g="${g}"]`, (e) => e.dataset.label);
  assert.equal(await after(`#view mark.e.current`), `"${label}"`);
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('a screen reader hears the kind with each mark (accessible description)', async () => {
  const { context, page, seen } = await open();
  const cdp = await context.newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const marks = nodes.filter((n) => n.role && n.role.value === 'mark').map((n) => n.description && n.description.value);
  assert.deepEqual(marks, ['person', 'organisation', 'place', 'date', 'other name']);
  const clutter = nodes.filter((n) => n.description && n.description.value === 'page clutter');
  assert.equal(clutter.length, 1, 'the boilerplate line says it is page clutter');
  assert.deepEqual(seen.errors, []);
  await context.close();
});
