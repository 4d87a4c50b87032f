// A long text is annotated in pieces (www/chunk.js; 1 MB each in the page):
// its entities are grouped across the pieces (issue 25, point 5), so one
// person is one row of the entity list however far apart the mentions are.
// The page's own worker, with small pieces (the test hook's `chunk`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, usePage } from './lib.mjs';

let server;
let browser;
usePage((e) => ({ server, browser } = e));

const PARA = [
  'Tomas Keller, the mayor of Port Alban, opened the new bridge on Monday.',
  '"It took us ten years," Keller said.',
  'Residents of Port Alban gathered at the river.',
  '',
].join('\n');

test('mentions in different pieces of a long text are one entity in the page', async () => {
  const { context, page, seen } = await openPage(browser, `${server.url}?test`);
  const text = PARA.repeat(6);
  const r = await page.evaluate((t) => window.__annotator.annotate(t, undefined, 200), text);
  const keller = r.groups.filter((g) => /Keller/.test(g.name));
  assert.equal(keller.length, 1, `one Keller group: ${JSON.stringify(keller.map((g) => g.name))}`);
  assert.equal(keller[0].name, 'Tomas Keller');
  assert.equal(keller[0].mentions.length, 12, 'every mention in every piece');
  const port = r.groups.filter((g) => g.name === 'Port Alban');
  assert.equal(port.length, 1);
  assert.equal(port[0].mentions.length, 12);
  for (const q of r.quotes) if (q.speaker_entity !== null) assert.equal(r.groups[q.speaker_entity].name, 'Tomas Keller');
  // The page shows it as one row.
  await page.evaluate(([t, a]) => window.__annotator.render(t, a), [text, r]);
  const rows = await page.$$eval('#entities .ent .name', (ns) => ns.map((n) => n.textContent));
  assert.equal(rows.filter((n) => /Keller/.test(n)).length, 1, rows.join(', '));
  assert.deepEqual(seen.errors, []);
  await context.close();
});
