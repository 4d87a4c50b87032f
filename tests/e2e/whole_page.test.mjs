// A whole web page pasted as text (Ctrl+A, Ctrl+C in a browser) opens on its
// article (issue 25, point 1): the page clutter before the article folds into
// one short line, the article's header stands on top, and the article's first
// line is on the first screen of a laptop and of a phone. A made-up page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, paste, settled, usePage, viewPlace } from './lib.mjs';
import { CLUTTER, FIRST, PAGE } from '../fixtures/whole-page.mjs';

let server;
let browser;
usePage((e) => ({ server, browser } = e));

/** Document-relative top and bottom of the first characters of `sub` in the view (null: not drawn). */
async function place(page, sub) {
  const off = await page.$eval('#view', (v, s) => v.textContent.indexOf(s), sub);
  return viewPlace(page, off, 5);
}

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
]) {
  test(`${viewport.width}x${viewport.height}: a whole page opens on its article, the clutter before it folded into one line`, async () => {
    const { context, page, seen } = await openPage(browser, server.url, {
      viewport,
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    await paste(page, PAGE);
    await settled(page);
    const fold = await page.$eval('#fold', (f) => ({
      hidden: f.hidden,
      text: f.textContent,
      expanded: f.querySelector('button').getAttribute('aria-expanded'),
      folded: new Set([...document.querySelectorAll('#view .bp.lead')].map((e) => e.dataset.b)).size,
    }));
    assert.equal(fold.hidden, false, 'the fold line shows');
    assert.equal(fold.text, `${CLUTTER.length} lines of page clutter, show`);
    assert.equal(fold.expanded, 'false');
    assert.equal(fold.folded, CLUTTER.length, 'each clutter line before the article is folded');
    // Nothing is lost: the view still holds the whole text.
    assert.equal(await page.$eval('#view', (v) => v.textContent), PAGE);
    // The header on top, then the article, on the first screen.
    const head = await page.$eval('#article-head', (h) => ({ hidden: h.hidden, text: h.textContent, bottom: h.getBoundingClientRect().bottom }));
    assert.equal(head.hidden, false);
    assert.match(head.text, /Reservoir levels rise/);
    assert.equal(await place(page, CLUTTER[1]), null, 'a folded clutter line is not drawn');
    const first = await place(page, FIRST);
    assert.ok(first && first.bottom <= viewport.height, `the first article line ends at ${first && first.bottom} px of ${viewport.height}`);
    assert.ok(first.top > head.bottom, 'the header stands above the article');
    // Show: every clutter line is drawn again, above the article.
    await page.click('#fold button');
    assert.equal(await page.$eval('#fold button', (b) => b.getAttribute('aria-expanded')), 'true');
    assert.match(await page.$eval('#fold', (f) => f.textContent), /^Fold the 14 lines of page clutter$/);
    for (const line of CLUTTER) assert.ok(await place(page, line), `${line} is drawn`);
    const after = await place(page, FIRST);
    assert.ok(after.top > first.top + 100, 'the article moves down below the clutter');
    // Fold again with the keyboard.
    await page.focus('#fold button');
    await page.keyboard.press('Enter');
    assert.equal(await place(page, CLUTTER[1]), null);
    assert.deepEqual(seen.errors, []);
    await context.close();
  });
}

test('a short clutter run (under three lines) is dimmed, not folded', async () => {
  const { context, page, seen } = await openPage(browser, server.url, { permissions: ['clipboard-read', 'clipboard-write'] });
  const text = PAGE.split('\n').slice(CLUTTER.length - 2).join('\n');
  await paste(page, text);
  await settled(page);
  assert.equal(await page.$eval('#fold', (f) => f.hidden), true);
  assert.equal(await page.$$eval('#view .bp.lead', (l) => l.length), 0);
  assert.ok(await place(page, 'Advertisement'));
  assert.deepEqual(seen.errors, []);
  await context.close();
});
