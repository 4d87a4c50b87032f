// The bad-input suite pasted into the real page: each text is annotated or
// answered with a message, the textarea keeps exactly what was pasted (line
// ends aside: a textarea turns CR LF and CR into LF), the view shows the
// whole text, and nothing is logged as an error. The same inputs go through
// the wasm in node (tests/wasm/) and the Rust core (tests/bad_input.rs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, paste, usePage } from './lib.mjs';
import { lcg } from '../fixtures/random.mjs';

let server;
let browser;
usePage((e) => ({ server, browser } = e));

/** Deterministic bytes 1..255 read as Latin-1: control characters and all. */
function garbage(n) {
  const next = lcg(12345);
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(1 + (next() % 255));
  return s;
}

const CASES = [
  ['50,000 Advertisement lines', 'Advertisement\n'.repeat(50_000)],
  ['100,000 unbalanced quote marks', '“"\'”'.repeat(25_000)],
  ['a 100 KB line with no spaces', 'x'.repeat(100_000)],
  ['binary garbage', garbage(20_000)],
  ['CR LF and CR line ends', 'Anna Berg said, “Yes.”\r\nShe left Oslo.\rBen Ode stayed.\r\n'],
  ['right-to-left text, emoji and combining marks', 'قال محمد علي في القاهرة يوم الاثنين.\n‏שלום עולם‎ 👩🏽‍🔬 e\u0301le\u0300ve Zoë said “Ça va” 🇳🇴.\n'],
  ['whitespace only', ' \n\t\u00a0\n  '],
];

for (const [name, text] of CASES) {
  test(`bad input in the page: ${name}`, async () => {
    const { context, page, seen } = await openPage(browser, server.url);
    await paste(page, text);
    const blank = !text.trim();
    const st = await page.waitForFunction(
      (blank) => {
        const s = document.getElementById('status');
        if (blank) return /Paste an article/.test(s.textContent) && s.textContent;
        return (s.dataset.state === 'done' || s.dataset.state === 'error') && s.dataset.state;
      },
      blank,
      { timeout: 120_000 },
    );
    const state = await st.jsonValue();
    const value = await page.$eval('#text', (ta) => ta.value);
    assert.equal(value, text.replace(/\r\n?/g, '\n'), 'the textarea keeps the pasted text');
    if (!blank) {
      assert.equal(state, 'done', await page.$eval('#status', (s) => s.textContent));
      await page.waitForFunction(() => !document.getElementById('view').hasAttribute('aria-busy'), null, { timeout: 120_000 });
      assert.equal(await page.$eval('#view', (v) => v.textContent), value, 'the view shows the whole text');
    }
    assert.deepEqual(seen.errors, []);
    await context.close();
  });
}
