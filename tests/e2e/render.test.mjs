// The renderer with an injected annotation (the ?test hook), so highlighting,
// toggles, lists, flashing, boilerplate hiding and copying are tested even
// while the wasm layers return nothing. The fixture text is made up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, viewSummary, countBy, usePage } from './lib.mjs';
import { PALETTE } from '../../www/palette.js';

let server;
let browser;
usePage((e) => ({ server, browser } = e));

// Emoji (surrogate pairs), accents, an NBSP, CRLF-free lines.
const TEXT = [
  'Advertisement',
  'Zoë Müller 👍 met the Acme\u00a0Corp board in São Paulo on 3 March.',
  '"We will win 🏆," said Zoë Müller. "Nobody closes this one',
  'Share this article',
  '',
].join('\n');

function at(s, from = 0) {
  const i = TEXT.indexOf(s, from);
  if (i < 0) throw new Error(`fixture: ${s}`);
  return [i, i + s.length];
}

function fixture() {
  const z1 = at('Zoë Müller');
  const z2 = at('Zoë Müller', z1[1]);
  const acme = at('Acme\u00a0Corp');
  const sp = at('São Paulo');
  const d = at('3 March');
  const q1 = at('"We will win 🏆,"');
  const q2s = at('"Nobody')[0];
  const q2 = [q2s, TEXT.indexOf('\nShare')];
  // A made-up label, and a mention that crosses the end of quote 1.
  const odd = [at('🏆')[0], at('said')[1]];
  const ad = at('Advertisement');
  const share = at('Share this article');
  const ent = (s, label, entity) => ({ start: s[0], end: s[1], label, entity, text: TEXT.slice(s[0], s[1]) });
  return {
    entities: [
      ent(z1, 'PERSON', 0),
      ent(acme, 'ORG', 1),
      ent(sp, 'PLACE', 2),
      ent(d, 'DATE', 3),
      ent(z2, 'PERSON', 0),
      ent(odd, 'WEAPON', 4),
      // Broken spans the page must drop, not crash on.
      { start: 5, end: 2, label: 'PERSON', entity: 0, text: '' },
      { start: 0, end: TEXT.length + 10, label: 'ORG', entity: 1, text: '' },
      { start: 'x', end: null, label: 'ORG', entity: 1, text: '' },
    ],
    groups: [
      { id: 0, label: 'PERSON', name: 'Zoë Müller', mentions: [0, 4] },
      { id: 1, label: 'ORG', name: 'Acme\u00a0Corp', mentions: [1] },
      { id: 2, label: 'PLACE', name: 'São Paulo', mentions: [2] },
      { id: 3, label: 'DATE', name: '3 March', mentions: [3] },
      { id: 4, label: 'WEAPON', name: '🏆', mentions: [5] },
    ],
    quotes: [
      { start: q1[0], end: q1[1], speaker: 'Zoë Müller', speaker_span: z2, speaker_entity: 0, unclosed: false },
      { start: q2[0], end: q2[1], speaker: null, speaker_span: null, speaker_entity: null, unclosed: true },
    ],
    boilerplate: [
      { start: ad[0], end: ad[1], kind: 'ad' },
      { start: share[0], end: share[1], kind: 'share' },
    ],
  };
}

async function open() {
  const o = await openPage(browser, server.url + '?test');
  await o.page.evaluate(([t, a]) => window.__annotator.render(t, a), [TEXT, fixture()]);
  return o;
}

const bg = (page, sel) => page.$eval(sel, (e) => getComputedStyle(e).backgroundColor);
const TRANSPARENT = 'rgba(0, 0, 0, 0)';

test('injected spans become one highlight each, with the exact text', async () => {
  const { context, page, seen } = await open();
  const ann = fixture();
  const s = await viewSummary(page);
  assert.equal(s.text, TEXT, 'the view shows the text unchanged');
  const good = ann.entities.slice(0, 6);
  assert.deepEqual(countBy(Object.values(s.marks), 'label'), { PERSON: 2, ORG: 1, PLACE: 1, DATE: 1, WEAPON: 1 });
  good.forEach((e, i) => assert.equal(s.marks[i].text, e.text, `mention ${i}`));
  assert.equal(Object.keys(s.marks).length, 6, 'broken spans are dropped');
  // The crossing mention is split at the quote's end, into two pieces.
  assert.equal(await page.$$eval('mark[data-m="5"]', (m) => m.length), 2);
  assert.equal(await page.$$eval('mark[data-m="5"].cont', (m) => m.length), 1);
  assert.equal(s.quotes[0].text, ann.quotes[0].start !== undefined && TEXT.slice(ann.quotes[0].start, ann.quotes[0].end));
  assert.equal(s.quotes[1].text, TEXT.slice(ann.quotes[1].start, ann.quotes[1].end));
  assert.deepEqual(
    Object.values(s.boilerplate).map((b) => [b.text, b.kind, b.title]),
    [['Advertisement', 'ad', 'Boilerplate: ad'], ['Share this article', 'share', 'Boilerplate: share']],
  );
  assert.equal(await page.textContent('.spk'), 'Zoë Müller');
  assert.equal(await page.getAttribute('mark[data-m="0"]', 'title'), 'PERSON: Zoë Müller');
  assert.notEqual(await bg(page, 'mark[data-m="0"]'), TRANSPARENT);
  assert.notEqual(await bg(page, 'mark[data-m="5"]'), TRANSPARENT, 'unknown labels are highlighted too');
  assert.equal(s.styled, 0, 'no style attributes');
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('the legend counts per layer and toggles highlights off and on', async () => {
  const { context, page, seen } = await open();
  const counts = await page.$$eval('#legend button[data-layer]', (bs) =>
    Object.fromEntries(bs.map((b) => [b.dataset.layer, b.querySelector('.count').textContent])),
  );
  assert.deepEqual(counts, {
    'e:PERSON': '2', 'e:ORG': '1', 'e:PLACE': '1', 'e:DATE': '1', 'e:MISC': '0', 'e:WEAPON': '1', q: '2', bp: '2',
  });
  const chip = '#legend button[data-layer="e:PERSON"]';
  assert.equal(await page.getAttribute(chip, 'aria-pressed'), 'true');
  await page.click(chip);
  assert.equal(await page.getAttribute(chip, 'aria-pressed'), 'false');
  for (const sel of ['mark[data-m="0"]', 'mark[data-m="4"]']) assert.equal(await bg(page, sel), TRANSPARENT, sel);
  assert.notEqual(await bg(page, 'mark[data-m="1"]'), TRANSPARENT, 'other labels stay');
  assert.equal(await page.textContent('mark[data-m="0"]'), 'Zoë Müller', 'the text stays');
  await page.click(chip);
  assert.equal(await page.getAttribute(chip, 'aria-pressed'), 'true');
  assert.notEqual(await bg(page, 'mark[data-m="0"]'), TRANSPARENT);

  // Quotes and boilerplate layers.
  const qBg = await bg(page, '.q[data-q="1"]');
  assert.notEqual(qBg, TRANSPARENT);
  await page.click('#legend button[data-layer="q"]');
  assert.equal(await bg(page, '.q[data-q="1"]'), TRANSPARENT);
  await page.click('#legend button[data-layer="q"]');
  assert.equal(await bg(page, '.q[data-q="1"]'), qBg);
  await page.click('#legend button[data-layer="bp"]');
  assert.equal(await bg(page, '.bp[data-b="0"]'), TRANSPARENT);
  // A toggle survives a re-render.
  await page.evaluate(([t, a]) => window.__annotator.render(t, a), [TEXT, fixture()]);
  assert.equal(await bg(page, '.bp[data-b="0"]'), TRANSPARENT);
  assert.equal(await page.getAttribute('#legend button[data-layer="bp"]', 'aria-pressed'), 'false');
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('the entity list groups mentions; a click flashes them', async () => {
  const { context, page, seen } = await open();
  const rows = await page.$$eval('#entities .ent', (bs) =>
    bs.map((b) => [b.querySelector('.tag').textContent, b.querySelector('.name').textContent, b.querySelector('.count').textContent]),
  );
  assert.deepEqual(rows[0], ['PERSON', 'Zoë Müller', '×2'], 'most mentioned first');
  assert.equal(rows.length, 5);
  assert.equal(await page.textContent('#ents-n'), '(5)');
  assert.equal(await page.$$eval('.flash', (x) => x.length), 0);
  await page.click('#entities .ent[data-g="0"]');
  assert.deepEqual(await page.$$eval('.flash', (x) => x.map((e) => e.dataset.m)), ['0', '4']);
  assert.equal(await page.$$eval('.flash.current', (x) => x.map((e) => e.dataset.m).join()), '0');
  // Again: the next mention becomes the current one.
  await page.click('#entities .ent[data-g="0"]');
  assert.equal(await page.$$eval('.flash.current', (x) => x.map((e) => e.dataset.m).join()), '4');
  // The flash goes away by itself.
  await page.waitForFunction(() => document.querySelectorAll('.flash').length === 0);
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('the quote list shows speakers; quotes and speaker chips flash', async () => {
  const { context, page, seen } = await open();
  const items = await page.$$eval('#quotes .quote', (lis) =>
    lis.map((li) => [li.querySelector('.qtext').textContent, li.querySelector('.speaker').textContent, li.querySelector('.flag')?.textContent ?? null]),
  );
  assert.deepEqual(items, [
    ['"We will win 🏆,"', 'Zoë Müller', null],
    ['"Nobody closes this one', 'speaker unknown', 'not closed'],
  ]);
  await page.click('#quotes .qtext[data-q="1"]');
  assert.ok(await page.$eval('.q[data-q="1"]', (e) => e.classList.contains('flash')));
  await page.click('#quotes button.speaker[data-g="0"]');
  assert.deepEqual(await page.$$eval('mark.flash', (x) => x.map((e) => e.dataset.m)), ['0', '4']);
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('boilerplate can be hidden and the clean text copied', async () => {
  const { context, page, seen } = await open();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
  assert.equal(await page.$eval('.bp[data-b="0"]', (e) => getComputedStyle(e).display), 'inline');
  await page.click('#hide-bp');
  assert.equal(await page.getAttribute('#hide-bp', 'aria-pressed'), 'true');
  assert.equal(await page.$eval('.bp[data-b="0"]', (e) => getComputedStyle(e).display), 'none');
  // What remains visible is exactly the clean text, without blank lines.
  const clean = TEXT.replace('Advertisement\n', '').replace('Share this article\n', '');
  assert.equal(await page.$eval('#view', (v) => v.innerText), clean);
  await page.click('#hide-bp');
  assert.equal(await page.$eval('.bp[data-b="0"]', (e) => getComputedStyle(e).display), 'inline');

  await page.click('#copy-clean');
  await page.waitForFunction(() => document.getElementById('status').dataset.state === 'done');
  const expected = TEXT.replace('Advertisement\n', '').replace('Share this article\n', '');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), expected);
  assert.match(await page.textContent('#status'), /^Copied the text without boilerplate/);
  // cleanText on its own: a boilerplate span inside a line keeps the line break.
  assert.equal(await page.evaluate(() => window.__annotator.cleanText('ab\ncd\nef', [{ start: 3, end: 5 }, { start: 7, end: 8 }])), 'ab\ne');
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('keyboard: controls are reachable, show focus, and work with Enter', async () => {
  const { context, page, seen } = await open();
  await page.focus('#text');
  const order = [];
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    order.push(await page.evaluate(() => document.activeElement.id || document.activeElement.dataset.layer));
  }
  assert.deepEqual(order.slice(0, 7), ['annotate', 'example', 'hide-bp', 'show-in-bp', 'copy-clean', 'export', 'clear']);
  assert.equal(order[7], 'e:PERSON', 'then the legend');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.equal(outline, 'solid', 'visible focus');
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute('#legend button[data-layer="e:PERSON"]', 'aria-pressed'), 'false');
  await page.focus('#entities .ent[data-g="2"]');
  await page.keyboard.press('Enter');
  assert.deepEqual(await page.$$eval('.flash', (x) => x.map((e) => e.dataset.m)), ['2']);
  assert.deepEqual(seen.errors, []);
  await context.close();
});

function luminance(rgb) {
  const [r, g, b] = rgb.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a, b) {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

for (const scheme of ['light', 'dark']) {
  test(`${scheme} scheme: highlighted text has at least 4.5:1 contrast`, async () => {
    const { context, page, seen } = await open();
    await page.emulateMedia({ colorScheme: scheme });
    const pageBg = await page.$eval('html', (e) => getComputedStyle(e).backgroundColor);
    assert.equal(luminance(pageBg) < 0.2, scheme === 'dark', `page background ${pageBg}`);
    const pairs = await page.$$eval('mark.e, .bp, .q, #status, .count, .tag, .speaker, button, textarea', (els) =>
      els.map((e) => {
        const cs = getComputedStyle(e);
        // The nearest non-transparent background.
        let n = e;
        let back = 'rgba(0, 0, 0, 0)';
        while (n && back === 'rgba(0, 0, 0, 0)') {
          back = getComputedStyle(n).backgroundColor;
          n = n.parentElement;
        }
        return [e.className, cs.color, back];
      }),
    );
    // The label colours are the one palette's (www/palette.js).
    const rgb = (hex) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
    const which = scheme === 'light' ? 0 : 1;
    assert.equal(await bg(page, 'mark.L-PERSON'), rgb(PALETTE.PERSON[which]));
    assert.equal(await bg(page, 'mark.L-PLACE'), rgb(PALETTE.PLACE[which]));
    assert.ok(pairs.length > 8);
    for (const [cls, fg, back] of pairs) {
      const c = contrast(fg, back);
      assert.ok(c >= 4.5, `${cls}: ${fg} on ${back} = ${c.toFixed(2)}`);
    }
    assert.deepEqual(seen.errors, []);
    await context.close();
  });
}

test('a long text with 100,000 highlights renders completely', async () => {
  const { context, page, seen } = await openPage(browser, server.url + '?test');
  const result = await page.evaluate(() => {
    const unit = 'Ann Lee met Bob Roe. ';
    const n = 50000;
    const text = unit.repeat(n);
    const entities = [];
    for (let i = 0; i < n; i++) {
      const o = i * unit.length;
      entities.push({ start: o, end: o + 7, label: 'PERSON', entity: 0 });
      entities.push({ start: o + 12, end: o + 19, label: 'PERSON', entity: 1 });
    }
    const groups = [
      { id: 0, label: 'PERSON', name: 'Ann Lee', mentions: entities.map((_, i) => i).filter((i) => i % 2 === 0) },
      { id: 1, label: 'PERSON', name: 'Bob Roe', mentions: entities.map((_, i) => i).filter((i) => i % 2 === 1) },
    ];
    window.__annotator.render(text, { entities, groups, quotes: [], boilerplate: [] });
    const view = document.getElementById('view');
    return {
      same: view.textContent === text,
      marks: view.querySelectorAll('mark.e').length,
      counts: [...document.querySelectorAll('#entities .count')].map((c) => c.textContent),
      legend: document.querySelector('#legend button[data-layer="e:PERSON"] .count').textContent,
    };
  });
  assert.deepEqual(result, { same: true, marks: 100000, counts: ['×50,000', '×50,000'], legend: '100,000' });
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('malformed annotations render the plain text without errors', async () => {
  const { context, page, seen } = await openPage(browser, server.url + '?test');
  const out = await page.evaluate((text) => {
    const cases = [
      null,
      'nonsense',
      {},
      { entities: 'x', groups: 7, quotes: {}, boilerplate: null },
      { entities: [null, 5, { start: 1 }, { start: 0, end: 3, label: 42, entity: 99 }] },
      { groups: [{ id: 'a', mentions: 'no' }, null], quotes: [{ start: 2, end: 1 }, { start: 0, end: 4, speaker_span: [9, 2], speaker_entity: 77 }] },
      { boilerplate: [{ start: 0, end: text.length, kind: '<b>x</b>' }, { start: 1, end: 2 }] },
    ];
    return cases.map((c) => {
      window.__annotator.render(text, c);
      const v = document.getElementById('view');
      return [v.textContent === text, v.querySelectorAll('mark.e').length, document.querySelectorAll('#view b').length];
    });
  }, 'Zoë 👍 text');
  assert.deepEqual(out, [
    [true, 0, 0], [true, 0, 0], [true, 0, 0], [true, 0, 0],
    [true, 1, 0], // the one usable mention, with a made-up group
    [true, 0, 0],
    [true, 0, 0],
  ]);
  assert.equal(await page.getAttribute('.bp[data-b="0"]', 'title'), 'Boilerplate: <b>x</b>');
  assert.deepEqual(seen.errors, []);
  await context.close();
});
