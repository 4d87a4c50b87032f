// Pasting a web page copied from a browser (text/html on the clipboard):
// the page sends the HTML to the worker's annotateHtml (the core's own
// parser; nothing of the HTML reaches the page's DOM), the textarea gets the
// text the core derived and the view shows that annotation as it is.
// Made-up pages only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, settled, viewSummary, usePage } from './lib.mjs';

let server;
let browser;
let wasm;
usePage((e) => ({ server, browser, wasm } = e));

const PAGE = `<html><head><meta charset="utf-8"><title>Harbour news</title></head><body>
<nav class="site-nav"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
<article>
<header><h1>Port Alban council votes to rebuild the old ferry pier</h1>
<p class="byline">By Tomas Reyni, harbour correspondent</p></header>
<div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Email this story</a></div>
<p>The Port Alban council voted on Tuesday to rebuild the old ferry pier, which has stood closed since a storm damaged its pilings two winters ago.</p>
<p>"We owe the island villages a crossing they can trust," said Greta Lindqvist, the council leader, after the vote. She added that work would start in the spring.</p>
<figure><img src="https://example.invalid/pier.jpg" onerror="window.__pwned = 2" alt=""><figcaption>The closed pier at low tide. (Photo: Harbour Times)</figcaption></figure>
<p>Engineers from the Coastal Works Agency estimate the repairs will take eighteen months and cost about four million crowns, to be shared with the regional government.</p>
<p>Ferry operators welcomed the decision but asked the council to keep a temporary landing open at the fish market until the new pier is ready.</p>
</article>
<aside class="related"><h2>Related stories</h2><ul><li><a href="/a">Storm closes ferry pier for winter</a></li><li><a href="/b">Island villages ask for new crossing</a></li><li><a href="/c">Fish market reopens after repairs</a></li></ul></aside>
<script>window.__pwned = 1; fetch('https://example.invalid/beacon');</script>
<footer><p>Copyright Harbour Times. All rights reserved.</p></footer>
</body></html>`;

// What a browser's copy puts as text/plain next to it (roughly).
const PLAIN = 'Home World Sport Weather\nPort Alban council votes to rebuild the old ferry pier\n...';

const ARTICLE = [
  'The Port Alban council voted on Tuesday',
  'We owe the island villages a crossing',
  'Engineers from the Coastal Works Agency',
  'Ferry operators welcomed the decision',
];
const CLUTTER = ['Sport', 'Share on Facebook', 'Storm closes ferry pier for winter', 'Fish market reopens after repairs'];

/**
 * A paste event carrying both types, dispatched on the textarea (the raw
 * HTML, script included, as a page copied from an unsanitizing source
 * would give it); Ctrl+V through the system clipboard is tested below.
 */
async function dispatchPaste(page, html, plain) {
  await page.evaluate(
    ([h, p]) => {
      const ta = document.getElementById('text');
      ta.focus();
      ta.select();
      const dt = new DataTransfer();
      dt.setData('text/html', h);
      dt.setData('text/plain', p);
      ta.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    },
    [html, plain],
  );
}

/** Both types on the system clipboard, then Ctrl+V in the textarea. */
async function clipboardPaste(page, html, plain) {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate(
    ([h, p]) =>
      navigator.clipboard.write([
        new ClipboardItem({
          'text/html': new Blob([h], { type: 'text/html' }),
          'text/plain': new Blob([p], { type: 'text/plain' }),
        }),
      ]),
    [html, plain],
  );
  await page.$eval('#text', (ta) => {
    ta.focus();
    ta.select();
  });
  await page.keyboard.press('ControlOrMeta+V');
}

/** The boilerplate lines' text, the quotes with their tooltips. */
function marks(page) {
  return page.$eval('#view', (v) => ({
    bp: [...v.querySelectorAll('.bp')].map((e) => e.textContent),
    quotes: [...v.querySelectorAll('.q')].map((e) => ({ text: e.textContent, title: e.title })),
  }));
}

test('a pasted web page is annotated from its HTML; nothing in it runs or loads', async () => {
  const expected = wasm.annotateHtml(PAGE, undefined);
  const { context, page, seen } = await openPage(browser, server.url);
  const requestsBefore = seen.requests.length;
  await dispatchPaste(page, PAGE, PLAIN);
  const st = await settled(page);
  assert.equal(st.state, 'done', st.text);
  assert.match(st.text, /from HTML/);

  // The textarea and the view show exactly the text the core derived.
  const text = await page.inputValue('#text');
  assert.equal(text, expected.text);
  assert.ok(!/__pwned|beacon|<|onerror/.test(text), text);
  const view = await viewSummary(page);
  assert.equal(view.text, text);
  // The annotation shown is annotateHtml's (no second, plain-text run).
  assert.equal(Object.keys(view.boilerplate).length, expected.boilerplate.length);
  assert.equal(Object.keys(view.quotes).length, expected.quotes.length);

  const { bp, quotes } = await marks(page);
  for (const a of ARTICLE) {
    assert.ok(text.includes(a), a);
    assert.ok(!bp.some((b) => b.includes(a)), `article line marked boilerplate: ${a}`);
  }
  for (const c of CLUTTER) assert.ok(bp.some((b) => b.includes(c)), `not marked boilerplate: ${c} (${JSON.stringify(bp)})`);
  const q = quotes.find((x) => x.text.includes('We owe the island villages'));
  assert.ok(q, JSON.stringify(quotes));
  assert.equal(q.title, 'Quote by Greta Lindqvist');

  const after = await page.evaluate(() => ({ pwned: window.__pwned, imgs: document.querySelectorAll('img').length }));
  assert.deepEqual(after, { pwned: undefined, imgs: 0 });
  // No request for anything the HTML names (the service worker may still
  // be caching the page's own files, so same-origin requests for those are
  // fine).
  const since = seen.requests.slice(requestsBefore);
  for (const u of since) {
    assert.ok(u.startsWith(server.url), u);
    assert.doesNotMatch(new URL(u).pathname, /^\/(?:world|sport|weather|a|b|c)$|pier|beacon/, u);
  }
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.dialogs, []);

  // An option changing re-annotates the HTML (the text is unedited).
  const rendered = await page.$eval('#view', (v) => Number(v.dataset.rendered));
  await page.click('#show-in-bp');
  await page.waitForFunction((n) => Number(document.getElementById('view').dataset.rendered) > n, rendered);
  const st2 = await settled(page);
  assert.match(st2.text, /from HTML/);
  assert.equal(await page.inputValue('#text'), expected.text);
  const withInside = wasm.annotateHtml(PAGE, { insideBoilerplate: true });
  assert.equal(Object.keys((await viewSummary(page)).marks).length, withInside.entities.length);

  // Editing the text afterwards annotates it as plain text, and says so.
  await page.focus('#text');
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(' Done.');
  await page.waitForFunction(() => /Edited after the HTML paste/.test(document.getElementById('status').textContent));
  assert.equal(await page.$eval('#view', (v) => v.textContent), `${expected.text} Done.`);
  await context.close();
});

test('Ctrl+V of a page through the system clipboard takes the HTML path', async () => {
  // Writing to the clipboard parses the HTML in the writing page (Chromium
  // sanitizes it there), where an inline handler would be refused by the
  // CSP: the test writes the page without script and handler (the paste
  // event test above has them).
  const clean = PAGE.replace(/<script>[\s\S]*?<\/script>/, '').replace(' onerror="window.__pwned = 2"', '');
  assert.notEqual(clean, PAGE);
  const { context, page, seen } = await openPage(browser, server.url);
  await clipboardPaste(page, clean, PLAIN);
  const st = await settled(page);
  assert.equal(st.state, 'done', st.text);
  assert.match(st.text, /from HTML/);
  const text = await page.inputValue('#text');
  // Chromium rewrites HTML written through the async clipboard, so the
  // derived text is checked in shape, not against the oracle.
  for (const a of ARTICLE) assert.ok(text.includes(a), a);
  assert.ok(!text.includes(PLAIN.slice(-3)), text);
  assert.equal(await page.$eval('#view', (v) => v.textContent), text);
  const { bp } = await marks(page);
  assert.ok(bp.some((b) => b.includes('Share on Facebook')), JSON.stringify(bp));
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test("an editor's HTML wrapper of plain text is pasted as plain text", async () => {
  const { context, page } = await openPage(browser, server.url);
  const plain = 'Mira Olsen said "the tide is late" on Friday.\nSecond line here.';
  const html =
    '<meta charset="utf-8"><div style="color: #d4d4d4;background-color: #1e1e1e;"><div><span>Mira Olsen said "the tide is late" on Friday.</span></div>' +
    '<div><span>Second line here.</span></div></div>';
  await clipboardPaste(page, html, plain);
  const st = await settled(page);
  assert.equal(st.state, 'done', st.text);
  assert.doesNotMatch(st.text, /from HTML/);
  assert.equal(await page.inputValue('#text'), plain);
  await context.close();
});

test('HTML pasted into the middle of a text is pasted as plain text', async () => {
  const { context, page } = await openPage(browser, server.url);
  await page.fill('#text', 'Before. After.');
  await page.$eval('#text', (ta) => ta.setSelectionRange(8, 8));
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate(() =>
    navigator.clipboard.write([
      new ClipboardItem({
        'text/html': new Blob(['<p>Middle <a href="/x">link</a>.</p>'], { type: 'text/html' }),
        'text/plain': new Blob(['Middle link. '], { type: 'text/plain' }),
      }),
    ]),
  );
  await page.focus('#text');
  await page.$eval('#text', (ta) => ta.setSelectionRange(8, 8));
  await page.keyboard.press('ControlOrMeta+V');
  await page.waitForFunction(() => document.getElementById('text').value === 'Before. Middle link. After.');
  const st = await settled(page);
  assert.doesNotMatch(st.text, /from HTML/);
  await context.close();
});

test('when the HTML cannot be annotated, the paste falls back to its plain text', async () => {
  const { context, page } = await openPage(browser, `${server.url}?test`);
  // Bad options make annotateHtml throw (as HTML over the core's size limit
  // does); the plain text then goes through the plain path (which reports
  // the same bad options).
  await page.evaluate(() => (window.__annotator.state.options = { quotes: 'yes' }));
  const plain = 'Nell Aster rang the harbour bell.\nThe boats came in.';
  await dispatchPaste(page, '<p>Nell Aster rang the <a href="/b">harbour bell</a>.</p><p>The boats came in.</p>', plain);
  await page.waitForFunction((p) => document.getElementById('text').value === p, plain);
  const st = await settled(page);
  assert.equal(st.state, 'error');
  assert.match(st.text, /Could not annotate this text/);
  await context.close();
});
