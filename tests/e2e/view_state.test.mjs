// One view state for every panel (issue 25, point 9): a layer switched off in
// the legend leaves the side lists too, as it leaves the exports: with Quotes
// off the quote list and "who is quoted" are empty; with People off the
// entity list has no people. Made-up text, a hand-made annotation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, usePage } from './lib.mjs';
import { TEXT, FAKE } from '../fixtures/annotation.mjs';

let server;
let browser;
usePage((e) => ({ server, browser } = e));

const lists = (page) =>
  page.evaluate(() => ({
    quotes: document.querySelectorAll('#quotes .qtext').length,
    quotesN: document.getElementById('quotes-n').textContent,
    speakers: document.querySelectorAll('#speakers .spk-btn').length,
    speakersN: document.getElementById('speakers-n').textContent,
    entities: [...document.querySelectorAll('#entities .ent .tag')].map((t) => t.textContent),
    entsN: document.getElementById('ents-n').textContent,
  }));

test('the side lists follow the layer toggles', async () => {
  const { context, page, seen } = await openPage(browser, `${server.url}?test`);
  await page.evaluate(([t, a]) => window.__annotator.render(t, a), [TEXT, FAKE]);
  const all = await lists(page);
  assert.equal(all.quotes, 1);
  assert.equal(all.speakers, 1);
  assert.deepEqual([...all.entities].sort(), ['ORG', 'PERSON', 'PLACE']);

  await page.click('#legend button[data-layer="q"]');
  const noQuotes = await lists(page);
  assert.equal(noQuotes.quotes, 0, 'no quotes listed with Quotes off');
  assert.equal(noQuotes.quotesN, '');
  assert.equal(noQuotes.speakers, 0, 'no speakers with Quotes off');
  assert.match(await page.$eval('#quotes', (l) => l.textContent), /Quotes are switched off/);
  assert.deepEqual(noQuotes.entities.sort(), ['ORG', 'PERSON', 'PLACE'], 'the entities stay');

  await page.click('#legend button[data-layer="e:PERSON"]');
  const noPeople = await lists(page);
  assert.deepEqual(noPeople.entities.sort(), ['ORG', 'PLACE'], 'no people with People off');
  assert.equal(noPeople.entsN, '(2)');

  // Back on: everything is listed again.
  await page.click('#legend button[data-layer="q"]');
  await page.click('#legend button[data-layer="e:PERSON"]');
  assert.deepEqual(await lists(page), all);
  assert.deepEqual(seen.errors, []);
  await context.close();
});
