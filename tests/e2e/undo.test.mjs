// Nothing a person typed is lost (issue 25, point 3): Example article, Clear
// and an HTML paste replace the whole text box; Ctrl+Z in the box and a
// visible Undo button bring the text back, and the view follows it. Made-up
// texts only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, settled, usePage } from './lib.mjs';

let server;
let browser;
usePage((e) => ({ server, browser } = e));

const MINE = 'My notes: Ilsa Brandt spoke in Tarnow on Monday.';

async function open() {
  return openPage(browser, server.url, { permissions: ['clipboard-read', 'clipboard-write'] });
}

/** Types MINE into the empty box and waits for its annotation. */
async function typeMine(page) {
  await page.focus('#text');
  await page.keyboard.type(MINE);
  await page.keyboard.press('ControlOrMeta+Enter');
  await page.waitForFunction((t) => document.getElementById('view').textContent === t, MINE);
  await settled(page);
}

const value = (page) => page.$eval('#text', (t) => t.value);
const undoShown = (page) => page.$eval('#undo', (b) => !b.hidden);
/** Waits until the view shows `text` (annotated again after an undo). */
const viewIs = (page, text) => page.waitForFunction((t) => document.getElementById('view').textContent === t && document.getElementById('status').dataset.state === 'done', text);

test('Example article replaces the text; Ctrl+Z brings the typed text back, Ctrl+Shift+Z the example again', async () => {
  const { context, page, seen } = await open();
  await typeMine(page);
  assert.equal(await undoShown(page), false, 'no Undo before a replace');
  await page.click('#example');
  await page.waitForFunction((t) => document.getElementById('text').value.length > t.length + 100, MINE);
  const example = await value(page);
  await settled(page);
  assert.equal(await undoShown(page), true, 'a visible Undo after the replace');
  assert.match(await page.$eval('#undo', (b) => b.title), /example article/);
  await page.focus('#text');
  await page.keyboard.press('ControlOrMeta+Z');
  assert.equal(await value(page), MINE);
  await viewIs(page, MINE);
  assert.equal(await undoShown(page), false);
  await page.keyboard.press('ControlOrMeta+Shift+Z');
  assert.equal(await value(page), example);
  await viewIs(page, example);
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('Clear empties the box; the Undo button brings the text back', async () => {
  const { context, page, seen } = await open();
  await typeMine(page);
  await page.click('#clear');
  assert.equal(await value(page), '');
  assert.match(await page.$eval('#status', (s) => s.textContent), /Undo/);
  assert.equal(await undoShown(page), true);
  await page.click('#undo');
  assert.equal(await value(page), MINE);
  await viewIs(page, MINE);
  assert.equal(await undoShown(page), false);
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('an HTML paste over typed text is undone by Ctrl+Z; typing after a replace is undone first', async () => {
  const { context, page, seen } = await open();
  await typeMine(page);
  const html = '<article><h1>Harbour opens</h1><p>Tomas Keller opened the harbour in Port Alban.</p></article>';
  await page.evaluate(
    (h) =>
      navigator.clipboard.write([
        new ClipboardItem({
          'text/html': new Blob([h], { type: 'text/html' }),
          'text/plain': new Blob(['Harbour opens\nTomas Keller opened the harbour in Port Alban.'], { type: 'text/plain' }),
        }),
      ]),
    html,
  );
  await page.$eval('#text', (ta) => {
    ta.focus();
    ta.select();
  });
  await page.keyboard.press('ControlOrMeta+V');
  await page.waitForFunction(() => /Tomas Keller/.test(document.getElementById('text').value));
  const pasted = await value(page);
  await settled(page);
  assert.equal(await undoShown(page), true);
  // Typing after the replace: the browser's own undo takes the typing back,
  // the next Ctrl+Z the paste.
  await page.$eval('#text', (ta) => ta.setSelectionRange(ta.value.length, ta.value.length));
  await page.keyboard.type(' Extra');
  assert.equal(await value(page), `${pasted} Extra`);
  assert.equal(await undoShown(page), false, 'the Undo button is for the replace, while the box holds what it put there');
  for (let k = 0; k < 10 && (await value(page)) !== pasted; k++) await page.keyboard.press('ControlOrMeta+Z');
  assert.equal(await value(page), pasted, 'the typing is undone');
  assert.equal(await undoShown(page), true);
  await page.keyboard.press('ControlOrMeta+Z');
  assert.equal(await value(page), MINE, 'then the paste');
  await viewIs(page, MINE);
  assert.deepEqual(seen.errors, []);
  await context.close();
});
