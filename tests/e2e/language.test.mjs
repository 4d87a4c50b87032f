// Other languages are flagged, not annotated as English (issue 25, point 6):
// the core reports the text's language (src/language.rs, `language` in the
// result); where it is not English the page says so plainly and marks no
// names or quotes (German nouns became PERSON, a French "Le" a speaker)
// unless the reader asks for them. Made-up texts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, paste, settled, usePage } from './lib.mjs';

let server;
let browser;
usePage((e) => ({ server, browser } = e));

const GERMAN = [
  'Neue Brücke in Tarnow eröffnet',
  '',
  'Der Bürgermeister der Stadt sagte am Montag, dass die neue Brücke über den Fluss im Frühjahr für den Verkehr freigegeben wird.',
  '',
  '„Wir haben zehn Jahre darauf gewartet“, sagte Ilsa Brandt, die Sprecherin des Stadtrats. Die Kosten werden von der Regierung übernommen.',
  '',
  'Die Anwohner sind mit dem Ergebnis zufrieden und hoffen auf weniger Lärm in der Innenstadt.',
  '',
].join('\n');
const FRENCH = 'À Lyon, le maire a déclaré lundi que le nouveau pont sera ouvert au printemps. « Nous avons attendu dix ans », a dit Le Gall, la porte-parole du conseil, devant les journalistes.\n';
const ENGLISH = 'In Tarnow, the mayor said on Monday that the new bridge will open in the spring. "We waited ten years," said Ilsa Brandt, the council spokeswoman.\n';

const marks = (page) => page.$$eval('#view mark.e, #view .q, #view .spk', (ms) => ms.length);

for (const [name, text, lang] of [
  ['German', GERMAN, 'German'],
  ['French', FRENCH, 'French'],
]) {
  test(`a ${name} text: the page says it is not English and marks no names or quotes`, async () => {
    const { context, page, seen } = await openPage(browser, server.url, { permissions: ['clipboard-read', 'clipboard-write'] });
    await paste(page, text);
    const st = await settled(page);
    assert.match(st.text, new RegExp(`Not English \\(${lang}\\)`));
    const note = await page.$eval('#lang-note', (n) => ({ hidden: n.hidden, text: n.textContent }));
    assert.equal(note.hidden, false);
    assert.match(note.text, new RegExp(`This text looks ${lang}\\. The annotator reads English only`));
    assert.equal(await marks(page), 0, 'no names or quotes marked');
    assert.equal(await page.$eval('#entities', (l) => l.textContent), 'No names found.');
    assert.equal(await page.$eval('#view', (v) => v.textContent), text, 'the text is shown whole');
    // Asked for, they are marked, and the note says what they are worth.
    await page.click('#lang-anyway');
    await page.waitForFunction(() => document.querySelectorAll('#view mark.e').length > 0);
    assert.match(await page.$eval('#lang-note', (n) => n.textContent), /many are wrong/);
    assert.equal(await page.$eval('#lang-anyway', (b) => b.getAttribute('aria-pressed')), 'true');
    await page.click('#lang-anyway');
    await page.waitForFunction(() => document.querySelectorAll('#view mark.e').length === 0);
    assert.deepEqual(seen.errors, []);
    await context.close();
  });
}

test('an English text: no note, marks as usual', async () => {
  const { context, page, seen } = await openPage(browser, server.url, { permissions: ['clipboard-read', 'clipboard-write'] });
  await paste(page, ENGLISH);
  const st = await settled(page);
  assert.doesNotMatch(st.text, /Not English/);
  assert.equal(await page.$eval('#lang-note', (n) => n.hidden), true);
  assert.ok((await marks(page)) > 0);
  assert.deepEqual(seen.errors, []);
  await context.close();
});
