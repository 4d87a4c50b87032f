// The page as a reader uses it (issue 16): CSV for spreadsheets, hidden
// boilerplate that takes no space, bidi controls made visible, the "who is
// quoted" panel, exports that match the view, the article first on a phone,
// visible state, and screenshots. Made-up texts only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { DIST, openPage, paste, settled, usePage } from './lib.mjs';
import { parseCsv, parseProject } from '../../www/exports.js';
import { TEXT, FAKE } from '../fixtures/annotation.mjs';
import { PAGE } from '../fixtures/whole-page.mjs';

let server;
let browser;
usePage((e) => ({ server, browser } = e));

async function open({ viewport = { width: 1366, height: 900 }, colorScheme = 'light', query = '?test' } = {}) {
  const { context, page, seen } = await openPage(browser, `${server.url}${query}`, {
    acceptDownloads: true,
    viewport,
    colorScheme,
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  return { context, page, errors: seen.errors };
}

async function download(page, selector) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const bytes = readFileSync(await dl.path());
  // Downloads in quick succession can be dropped by Chromium: a pause.
  await page.waitForTimeout(200);
  return { name: dl.suggestedFilename(), bytes, body: bytes.toString('utf8') };
}

const render = (page, text, ann) => page.evaluate(([t, a]) => window.__annotator.render(t, a), [text, ann]);

// A made-up article: boilerplate lines between blank lines, three speakers.
const ARTICLE = [
  'Local News | Weather | Sports',
  '',
  'Share this article',
  '',
  'Reservoir levels rise after a wet autumn in Tarnow',
  '',
  'Advertisement',
  '',
  'Ilsa Brandt, the director of the Norvale Water Authority, spoke in Tarnow on Monday.',
  '',
  '"The reservoir is safe, and we will prove it with weekly tests," Brandt said.',
  '',
  '"We have never seen the river this high in October," said Tomas Keller, a farmer near the dam.',
  '',
  'Brandt added: "Nobody downstream needs to leave their home."',
  '',
  'The council will meet again on Friday. "We are watching it," a spokesperson said.',
  '',
  'Read more: Most Popular',
  '',
].join('\n');

test('quotes and speakers CSV start with a UTF-8 byte order mark', async () => {
  const { context, page, errors } = await open();
  await render(page, TEXT, FAKE);
  for (const key of ['quotes', 'speakers']) {
    const f = await download(page, `button[data-export="${key}"]`);
    assert.deepEqual([...f.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], `${key}: BOM bytes`);
    assert.equal(f.bytes.subarray(3, 8).toString(), key === 'quotes' ? 'quote' : 'speak');
    const rows = parseCsv(f.body);
    assert.equal(rows[0][0], key === 'quotes' ? 'quote' : 'speaker', 'the BOM is not part of the first field');
  }
  assert.deepEqual(errors, []);
  await context.close();
});

/** [start, end) of `sub` in `text`. */
const at = (text, sub, from = 0) => {
  const i = text.indexOf(sub, from);
  assert.ok(i >= 0, sub);
  return [i, i + sub.length];
};
const bp = (text, sub, kind = 'other') => {
  const [start, end] = at(text, sub);
  return { start, end, kind };
};

test('hidden boilerplate takes no space; clean text has single blank lines and none at the ends', async () => {
  const { context, page, errors } = await open();
  const ann = {
    entities: [],
    groups: [],
    quotes: [],
    boilerplate: ['Local News | Weather | Sports', 'Share this article', 'Advertisement', 'Read more: Most Popular'].map((s) => bp(ARTICLE, s)),
  };
  await render(page, ARTICLE, ann);
  await page.click('#hide-bp');
  assert.equal(await page.$eval('#hide-bp', (b) => b.getAttribute('aria-pressed')), 'true');
  const geo = await page.evaluate(() => {
    const view = document.getElementById('view');
    const rectOf = (needle) => {
      const walker = document.createTreeWalker(view, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const i = n.data.indexOf(needle);
        if (i < 0) continue;
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + needle.length);
        const rects = r.getClientRects();
        return { top: rects[0].top, bottom: rects[rects.length - 1].bottom };
      }
      return null;
    };
    const cs = getComputedStyle(view);
    return {
      lineHeight: parseFloat(cs.lineHeight),
      viewTop: view.getBoundingClientRect().top + parseFloat(cs.paddingTop) + parseFloat(cs.borderTopWidth),
      headline: rectOf('Reservoir levels rise'),
      first: rectOf('Ilsa Brandt'),
      last: rectOf('The council will meet'),
      viewBottom: view.getBoundingClientRect().bottom - parseFloat(cs.paddingBottom) - parseFloat(cs.borderBottomWidth),
    };
  });
  const lh = geo.lineHeight;
  // The headline starts the view (two boilerplate lines above it hidden).
  assert.ok(geo.headline.top - geo.viewTop < lh / 2, `headline at the top: ${JSON.stringify(geo)}`);
  // The next content line is one blank line down (the paragraph break),
  // whatever was hidden between them: its top within one line height of
  // the previous line's next line.
  const step = geo.first.top - geo.headline.top;
  assert.ok(step <= 2 * lh + 1, `next line ${step} px down after hiding "Advertisement" (line height ${lh})`);
  assert.ok(step > 1.5 * lh, 'the paragraph break is kept');
  // Nothing left after the last paragraph but one blank line at most.
  assert.ok(geo.viewBottom - geo.last.top <= 2 * lh + 1, `bottom gap ${geo.viewBottom - geo.last.top}`);

  const expected = [
    'Reservoir levels rise after a wet autumn in Tarnow',
    'Ilsa Brandt, the director of the Norvale Water Authority, spoke in Tarnow on Monday.',
    '"The reservoir is safe, and we will prove it with weekly tests," Brandt said.',
    '"We have never seen the river this high in October," said Tomas Keller, a farmer near the dam.',
    'Brandt added: "Nobody downstream needs to leave their home."',
    'The council will meet again on Friday. "We are watching it," a spokesperson said.',
  ].join('\n\n') + '\n';
  const clean = await download(page, 'button[data-export="clean"]');
  assert.equal(clean.body, expected);
  await page.click('#copy-clean');
  await page.waitForFunction(() => /Copied/.test(document.getElementById('status').textContent));
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), expected);
  assert.deepEqual(errors, []);
  await context.close();
});

test('bidi controls show as visible markers in the view and the lists; the textarea keeps the text', async () => {
  const { context, page, errors } = await open();
  const text = 'Mara \u202Eovla Voss met staff in Ostrava.\n"All \u2067fine\u2069 here," Mara \u202Eovla Voss said.\n';
  await paste(page, text);
  await settled(page);
  assert.equal(await page.$eval('#text', (t) => t.value), text, 'the textarea keeps the text');
  // The view: its text is unchanged, each control is a marker.
  const [n0, n1] = at(text, 'Mara \u202Eovla Voss');
  const [q0, q1] = at(text, '"All');
  const ann = {
    entities: [{ start: n0, end: n1, label: 'PERSON', entity: 0 }],
    groups: [{ id: 0, label: 'PERSON', name: 'Mara \u202Eovla Voss', mentions: [0] }],
    quotes: [{ start: q0, end: text.indexOf('," Mara') + 2, speaker: 'Mara \u202Eovla Voss', speaker_span: null, speaker_entity: 0, unclosed: false }],
    boilerplate: [],
  };
  assert.ok(q1 > q0);
  await render(page, text, ann);
  const info = await page.evaluate(() => {
    const view = document.getElementById('view');
    const marks = [...document.querySelectorAll('.bidi')];
    const inView = marks.filter((m) => view.contains(m));
    const before = (m) => getComputedStyle(m, '::before').content;
    // Is "ovla" after the U+202E drawn left to right (not reversed)?
    const walker = document.createTreeWalker(view, NodeFilter.SHOW_TEXT);
    let order = null;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = n.data.indexOf('ovla');
      if (i < 0) continue;
      const r = (k) => {
        const g = document.createRange();
        g.setStart(n, i + k);
        g.setEnd(n, i + k + 1);
        return g.getBoundingClientRect().left;
      };
      order = [r(0), r(3)];
      break;
    }
    return {
      text: view.textContent,
      cps: inView.map((m) => m.dataset.cp),
      content: inView.map(before),
      widths: inView.map((m) => m.getBoundingClientRect().width),
      entityList: document.querySelector('#entities .bidi')?.dataset.cp ?? null,
      quoteList: [...document.querySelectorAll('#quotes .bidi')].map((m) => m.dataset.cp),
      speakers: document.querySelector('#speakers .bidi')?.dataset.cp ?? null,
      order,
    };
  });
  assert.equal(info.text, text, 'the view text is the text');
  assert.deepEqual(info.cps, ['U+202E', 'U+2067', 'U+2069', 'U+202E']);
  for (const c of info.content) assert.match(c, /U\+20/, 'the marker shows the code');
  for (const w of info.widths) assert.ok(w > 8, `the marker is visible (${w} px)`);
  assert.ok(info.order[0] < info.order[1], `text after U+202E is not reversed: ${info.order}`);
  assert.equal(info.entityList, 'U+202E', 'entity list');
  assert.ok(info.quoteList.includes('U+2067') && info.quoteList.includes('U+202E'), 'quote list and speaker chip');
  assert.equal(info.speakers, 'U+202E', 'who is quoted');
  assert.deepEqual(errors, []);
  await context.close();
});

/** Words as the issue defines them for the panel: letter/digit runs. */
const words = (s) => (s.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) || []).length;

test('"who is quoted" counts equal those computed from the quotes; a click steps through a speaker', async () => {
  const { context, page, errors } = await open();
  await paste(page, ARTICLE);
  const st = await settled(page);
  assert.equal(st.state, 'done', st.text);
  const { raw, groups } = await page.evaluate(() => ({ raw: window.__annotator.state.raw, groups: window.__annotator.state.norm.groups }));
  assert.ok(raw.quotes.length >= 3, `the article has quotes (${raw.quotes.length})`);
  // Expected, from the quotes the page shows.
  const gname = new Map(groups.map((g) => [g.id, g.name]));
  const exp = new Map();
  let none = { quotes: 0, words: 0 };
  let total = 0;
  for (const q of raw.quotes) {
    const w = words(ARTICLE.slice(q.start, q.end));
    total += w;
    const name = q.speaker || gname.get(q.speaker_entity) || (q.speaker_span ? ARTICLE.slice(...q.speaker_span) : '');
    if (!name) {
      none = { quotes: none.quotes + 1, words: none.words + w };
      continue;
    }
    const key = Number.isInteger(q.speaker_entity) && gname.has(q.speaker_entity) ? gname.get(q.speaker_entity) : name;
    const e = exp.get(key) || { quotes: 0, words: 0 };
    exp.set(key, { quotes: e.quotes + 1, words: e.words + w });
  }
  const rows = await page.$$eval('#speakers .spk-btn', (bs) =>
    bs.map((b) => ({
      name: b.querySelector('.name').textContent,
      quotes: Number(b.querySelector('.n-quotes').dataset.n),
      words: Number(b.querySelector('.n-words').dataset.n),
      share: Number(b.querySelector('.share').dataset.share),
      shown: b.querySelector('.share').textContent,
      none: b.dataset.s === 'none',
    })),
  );
  const got = new Map(rows.filter((r) => !r.none).map((r) => [r.name, { quotes: r.quotes, words: r.words }]));
  assert.deepEqual(got, exp);
  const u = rows.find((r) => r.none);
  assert.deepEqual(u ? { quotes: u.quotes, words: u.words } : { quotes: 0, words: 0 }, none, 'unattributed');
  for (const r of rows) {
    assert.ok(Math.abs(r.share - r.words / total) < 1e-9, `${r.name} share`);
    assert.equal(r.shown, `${((r.words / total) * 100).toFixed(r.share > 0 && r.share < 0.1 ? 1 : 0)}%`);
  }
  assert.ok(got.size >= 2, 'at least two speakers');
  // Most words first.
  for (let i = 1; i < rows.length - (u ? 1 : 0); i++) assert.ok(rows[i - 1].words >= rows[i].words);

  // Clicking the first speaker steps through their quotes, in turn.
  const first = rows[0];
  const seen = [];
  for (let k = 0; k < first.quotes + 1; k++) {
    await page.click('#speakers .spk-btn >> nth=0');
    seen.push(await page.evaluate(() => Number(document.querySelector('#view .current')?.closest('[data-q]')?.dataset.q ?? -1)));
    assert.match(await page.$eval('#status', (s) => s.textContent), new RegExp(`Quote ${(k % first.quotes) + 1} of ${first.quotes} by `));
  }
  assert.equal(new Set(seen.slice(0, first.quotes)).size, first.quotes, 'each quote once');
  assert.equal(seen[first.quotes], seen[0], 'then from the start again');

  // The speakers CSV holds the same table.
  const csv = parseCsv((await download(page, 'button[data-export="speakers"]')).body);
  assert.deepEqual(csv[0], ['speaker', 'quotes', 'words', 'share']);
  assert.deepEqual(
    csv.slice(1).map((r) => [r[0], Number(r[1]), Number(r[2])]),
    rows.map((r) => [r.none ? '' : r.name, r.quotes, r.words]),
  );
  assert.deepEqual(errors, []);
  await context.close();
});

test('every export is of what the page shows: a layer switched off, names in boilerplate left out', async () => {
  const { context, page, errors } = await open();
  // A name inside a boilerplate line, as the annotator flags it.
  const ann = structuredClone(FAKE);
  const [s0, s1] = at(TEXT, 'SHARE');
  ann.entities.push({ start: s0, end: s1, label: 'ORG', entity: 3, boilerplate: true });
  ann.groups.push({ id: 3, label: 'ORG', name: 'SHARE', mentions: [4] });
  await render(page, TEXT, ann);
  await page.click('#legend button[data-layer="e:PERSON"]');
  assert.equal(await page.$eval('#legend button[data-layer="e:PERSON"]', (b) => b.getAttribute('aria-pressed')), 'false');

  const project = JSON.parse((await download(page, 'button[data-export="project"]')).body);
  const p = parseProject(project);
  assert.deepEqual(p.annotation.entities.map((m) => m.label).sort(), ['ORG', 'PLACE'], 'project: no PERSON, no name in boilerplate');
  assert.ok(p.annotation.groups.every((g) => g.label !== 'PERSON'));
  assert.deepEqual(project.view.hiddenLayers, ['e:PERSON']);
  assert.equal(project.view.marksInBoilerplate, false);

  const wa = JSON.parse((await download(page, 'button[data-export="webanno"]')).body);
  const tags = wa.first.items.flatMap((a) => a.body.filter((b) => b.purpose === 'tagging').map((b) => b.value));
  assert.ok(!tags.includes('PERSON'), 'web annotation: no PERSON');
  assert.equal(tags.filter((t) => t === 'ORG').length, 1, 'web annotation: the ORG in boilerplate is left out');
  assert.deepEqual(wa.view.hiddenLayers, ['e:PERSON']);

  const dc = JSON.parse((await download(page, 'button[data-export="displacy"]')).body);
  assert.ok(!dc.ents.some((e) => e.label === 'PERSON'), 'displaCy: no PERSON');
  assert.equal(dc.ents.filter((e) => e.label === 'BOILERPLATE').length, 2, 'displaCy marks the boilerplate lines');
  assert.equal(dc.boilerplate.length, 2);
  assert.deepEqual(dc.view.hiddenLayers, ['e:PERSON']);

  for (const sel of ['button[data-export="html"]', '#export']) {
    const html = (await download(page, sel)).body;
    assert.ok(!/class="[^"]*\bPERSON\b/.test(html), `${sel}: no PERSON`);
    assert.ok(/class="[^"]*\bORG\b/.test(html), `${sel}: ORG kept`);
    assert.match(html, /<title>Mara Voss 🚀 met Kell Institute staff in Ostrava\.<\/title>/, `${sel}: the headline is the title`);
    assert.match(html, /<meta name="annotator-view" content="[^"]*e:PERSON/);
  }

  // Quotes off: the quote exports are empty, the others have no quote.
  await page.click('#legend button[data-layer="q"]');
  assert.equal(parseCsv((await download(page, 'button[data-export="quotes"]')).body).length, 1);
  assert.equal(parseCsv((await download(page, 'button[data-export="speakers"]')).body).length, 1);
  const wa2 = JSON.parse((await download(page, 'button[data-export="webanno"]')).body);
  assert.ok(!wa2.first.items.some((a) => a.body.some((b) => b.value === 'quote')));
  assert.equal(JSON.parse((await download(page, 'button[data-export="project"]')).body).annotation.quotes.length, 0);
  assert.ok(!/class="[^"]*\bq\b/.test((await download(page, '#export')).body));

  // "Marks in boilerplate" on: the name inside boilerplate is exported.
  await page.evaluate(() => {
    window.__annotator.state.showInBp = true;
  });

  const p3 = parseProject((await download(page, 'button[data-export="project"]')).body);
  assert.equal(p3.annotation.entities.filter((m) => m.label === 'ORG').length, 2);
  assert.deepEqual(errors, []);
  await context.close();
});

test('on a 390x844 phone the annotated article starts within the first screen after a paste', async () => {
  const { context, page, errors } = await open({ viewport: { width: 390, height: 844 } });
  const long = Array.from({ length: 12 }, () => ARTICLE).join('\n');
  await paste(page, long);
  await settled(page);
  const g = await page.evaluate(() => {
    const view = document.getElementById('view');
    const r = document.createRange();
    r.setStart(view, 0);
    r.setEnd(view, 0);
    const walker = document.createTreeWalker(view, NodeFilter.SHOW_TEXT);
    const n = walker.nextNode();
    r.setStart(n, 0);
    r.setEnd(n, Math.min(5, n.data.length));
    return {
      firstLine: r.getBoundingClientRect().bottom + window.scrollY,
      side: document.querySelector('.side').getBoundingClientRect().top,
      view: view.getBoundingClientRect().top,
      collapsed: document.getElementById('input').classList.contains('collapsed'),
      expanded: document.getElementById('collapse').getAttribute('aria-expanded'),
      scrollWidth: document.documentElement.scrollWidth,
    };
  });
  assert.ok(g.firstLine <= 844, `the first line ends at ${g.firstLine} px`);
  assert.ok(g.side > g.view, 'the side panels follow the view');
  assert.equal(g.collapsed, true, 'the input collapsed after the paste');
  assert.equal(g.expanded, 'false');
  assert.ok(g.scrollWidth <= 390, `no sideways scroll (${g.scrollWidth})`);
  // The input opens again.
  await page.click('#collapse');
  assert.equal(await page.$eval('#collapse', (b) => b.getAttribute('aria-expanded')), 'true');
  assert.deepEqual(errors, []);
  await context.close();

  // Wide: the side panel is sticky and stays in sight when the view scrolls.
  const wide = await open();
  await paste(wide.page, long);
  await settled(wide.page);
  await wide.page.evaluate(() => window.scrollTo(0, 3000));
  const side = await wide.page.evaluate(() => ({
    position: getComputedStyle(document.querySelector('.side')).position,
    top: document.querySelector('.side').getBoundingClientRect().top,
    viewWidth: document.getElementById('view').getBoundingClientRect().width,
  }));
  assert.equal(side.position, 'sticky');
  assert.ok(Math.abs(side.top) < 2, `the side panel is in sight (top ${side.top})`);
  assert.ok(side.viewWidth > 900, `the view is the main thing (${side.viewWidth} px of 1366)`);
  await wide.context.close();
});

test('state you can see: pressed toggles, the current outline clears, focus ring, drop feedback, long speaker names', async () => {
  const { context, page, errors } = await open();
  const bg = (sel) => page.$eval(sel, (b) => getComputedStyle(b).backgroundColor);
  for (const sel of ['#hide-bp', '#show-in-bp']) {
    assert.equal(await page.$eval(sel, (b) => b.getAttribute('aria-pressed')), 'false');
    const off = await bg(sel);
    await page.click(sel);
    assert.equal(await page.$eval(sel, (b) => b.getAttribute('aria-pressed')), 'true');
    assert.notEqual(await bg(sel), off, `${sel} looks pressed`);
    await page.click(sel);
  }
  await render(page, TEXT, FAKE);
  const chip = '#legend button[data-layer="e:ORG"]';
  const shadowOn = await page.$eval(chip, (b) => [getComputedStyle(b).boxShadow, getComputedStyle(b).textDecorationLine]);
  await page.click(chip);
  const shadowOff = await page.$eval(chip, (b) => [getComputedStyle(b).boxShadow, getComputedStyle(b).textDecorationLine]);
  assert.notDeepEqual(shadowOn, shadowOff, 'a legend chip shows whether it is pressed');

  // The "current" outline marks the clicked mention, then clears.
  await page.click('#entities button.ent >> nth=0');
  assert.equal(await page.$$eval('#view .current', (e) => e.length), 1);
  await page.waitForFunction(() => !document.querySelector('#view .current, #view .flash'), null, { timeout: 4000 });

  // The text box's focus ring is the accent colour, not the orange one.
  await page.focus('#text');
  const ring = await page.evaluate(() => {
    const probe = document.createElement('span');
    probe.style.color = getComputedStyle(document.documentElement).getPropertyValue('--accent');
    document.body.appendChild(probe);
    const accent = getComputedStyle(probe).color;
    probe.remove();
    return { outline: getComputedStyle(document.getElementById('text')).outlineColor, accent };
  });
  assert.equal(ring.outline, ring.accent);

  // Files can be dropped: the page says so and shows it while dragging.
  assert.match(await page.$eval('#drop-hint', (e) => (e.offsetParent ? e.textContent : '')), /drop/i);
  const drag = await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['x'], 'a.txt', { type: 'text/plain' }));
    document.getElementById('view').dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    const on = document.documentElement.classList.contains('dropping');
    const style = getComputedStyle(document.body).outlineStyle;
    const after = getComputedStyle(document.body, '::after').content;
    document.dispatchEvent(new DragEvent('dragleave', { bubbles: true }));
    return { on, style, after, off: !document.documentElement.classList.contains('dropping') };
  });
  assert.deepEqual(drag, { on: true, style: 'dashed', after: '"Drop the file to open it"', off: true });

  // A long speaker name wraps inside its chip and the list.
  const ann = structuredClone(FAKE);
  const long = 'Maximiliana-Konstantinopolitanische Wasserwirtschaftsverbandsvorsitzende Brandt-Oberhausen-Leutkirchen';
  ann.groups[0].name = long;
  ann.quotes[0].speaker = long;
  await render(page, TEXT, ann);
  const fit = await page.evaluate(() =>
    [...document.querySelectorAll('#quotes .speaker, #speakers .name')].map((c) => {
      const r = c.getBoundingClientRect();
      const box = c.closest('.list').getBoundingClientRect();
      return { over: c.scrollWidth - c.clientWidth, right: r.right - box.right };
    }),
  );
  assert.ok(fit.length >= 2);
  for (const f of fit) assert.ok(f.over <= 1 && f.right <= 1, `the name fits: ${JSON.stringify(f)}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('screenshots at 1366x900 and 390x844, light and dark (dist/screenshots/; readme.png -> docs/screenshot.png)', async () => {
  const out = path.join(DIST, 'screenshots');
  mkdirSync(out, { recursive: true });
  for (const [size, viewport] of [
    ['wide', { width: 1366, height: 900 }],
    ['phone', { width: 390, height: 844 }],
  ]) {
    for (const scheme of ['light', 'dark']) {
      const { context, page, errors } = await open({ viewport, colorScheme: scheme, query: '' });
      // A whole page pasted as text: it opens on its article, the clutter folded.
      await paste(page, PAGE);
      await settled(page);
      assert.equal(await page.$eval('#fold', (f) => f.hidden), false);
      await page.evaluate(() => document.activeElement && document.activeElement.blur());
      assert.equal(await page.$eval('#text', (t) => t.scrollTop), 0, 'the collapsed input shows the start of the text');
      const file = path.join(out, `${size}-${scheme}.png`);
      const png = await page.screenshot({ path: file });
      assert.equal(png.subarray(1, 4).toString(), 'PNG');
      // The README's picture (docs/screenshot.png is a copy of this one).
      if (size === 'wide' && scheme === 'light') await page.screenshot({ path: path.join(out, 'readme.png'), clip: { x: 0, y: 0, width: 1366, height: 720 } });
      const bgc = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
      assert.equal(bgc === 'rgb(255, 255, 255)', scheme === 'light', `${scheme} theme`);
      assert.deepEqual(errors, []);
      await context.close();
    }
  }
});
