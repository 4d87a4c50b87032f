// Every export format, parsed back and checked against the annotation it
// came from: first on hand-made annotations (astral characters, commas,
// quotes and line breaks inside quotes), then on what the wasm module
// returns for a made-up article (dist/node, built by scripts/build-web.sh).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import {
  codePointIndex,
  toProject,
  parseProject,
  toWebAnnotation,
  toDisplacy,
  quotesCsv,
  parseCsv,
  csvField,
  cleanText,
  FORMATS,
  PROJECT_FORMAT,
} from '../../www/exports.js';
import { TEXT, FAKE, QUOTE, at, cpSlice } from '../fixtures/annotation.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const [o0] = at('Kell Institute');
const [v0, v1] = at('Voss', at('Mara Voss')[1]);
const [q0, q1] = QUOTE;

test('codePointIndex counts surrogate pairs once', () => {
  const s = 'a👍b🚀';
  const cp = codePointIndex(s);
  assert.deepEqual([0, 1, 3, 4, 6].map(cp), [0, 1, 2, 3, 4]);
  assert.equal(cp(2), 1, 'an offset inside a pair maps to that code point');
});

test('project JSON round-trips text and annotation exactly', () => {
  const json = FORMATS.project.make(TEXT, FAKE, { annotator: '9.9.9', title: 't' });
  const back = parseProject(json);
  assert.equal(back.text, TEXT);
  assert.deepEqual(back.annotation, FAKE);
  assert.equal(back.annotator, '9.9.9');
  assert.equal(JSON.parse(json).format, PROJECT_FORMAT);
  assert.equal(JSON.parse(json).offsets, 'utf-16');
});

test('parseProject rejects what is not a project', () => {
  assert.throws(() => parseProject('{'), /not JSON/);
  assert.throws(() => parseProject('[]'), /not a project/);
  assert.throws(() => parseProject({ format: 'x', version: 1, text: '' }), /not a project/);
  assert.throws(() => parseProject({ format: PROJECT_FORMAT, version: 99, text: '' }), /version/);
  assert.throws(() => parseProject({ format: PROJECT_FORMAT, version: 1 }), /no text/);
  const p = toProject('abc', { entities: 'junk' });
  assert.deepEqual(parseProject(p).annotation.entities, []);
});

test('Web Annotation: one annotation per span, both selectors agree with the text', () => {
  const coll = JSON.parse(FORMATS.webanno.make(TEXT, FAKE, { source: 'https://example.org/a' }));
  assert.equal(coll['@context'], 'http://www.w3.org/ns/anno.jsonld');
  assert.equal(coll.type, 'AnnotationCollection');
  const items = coll.first.items;
  const n = FAKE.entities.length + FAKE.quotes.length + FAKE.boilerplate.length;
  assert.equal(items.length, n);
  assert.equal(coll.total, n);
  assert.equal(new Set(items.map((a) => a.id)).size, n, 'ids are unique');
  const spans = [
    ...FAKE.entities.map((m) => [m.start, m.end]),
    ...FAKE.quotes.map((q) => [q.start, q.end]),
    ...FAKE.boilerplate.map((b) => [b.start, b.end]),
  ];
  items.forEach((a, i) => {
    assert.equal(a.type, 'Annotation');
    assert.equal(a.target.source, 'https://example.org/a');
    const tq = a.target.selector.find((s) => s.type === 'TextQuoteSelector');
    const tp = a.target.selector.find((s) => s.type === 'TextPositionSelector');
    const [s, e] = spans[i];
    assert.equal(tq.exact, TEXT.slice(s, e));
    assert.equal(cpSlice(TEXT, tp.start, tp.end), tq.exact, 'position selector counts code points');
    assert.ok(TEXT.includes(tq.prefix + tq.exact + tq.suffix), 'prefix and suffix surround the quote');
    assert.ok(!/[\ud800-\udbff]$/.test(tq.prefix) && !/^[\udc00-\udfff]/.test(tq.suffix), 'no split pairs');
  });
  const person = items[0].body;
  assert.deepEqual(
    person.map((b) => [b.purpose, b.value]),
    [
      ['tagging', 'PERSON'],
      ['identifying', 'Mara Voss'],
    ],
  );
  const quote = items[FAKE.entities.length].body;
  assert.ok(quote.some((b) => b.value === 'quote'));
  assert.ok(quote.some((b) => b.value === 'speaker: Mara Voss'));
  assert.ok(items.at(-1).body.some((b) => b.value === 'boilerplate:ad'));
});

test('displaCy JSON: ents in code points, sorted, labels kept', () => {
  const all = JSON.parse(FORMATS.displacy.make(TEXT, FAKE));
  // Boilerplate lines are marked as BOILERPLATE ents and listed with their kind.
  assert.deepEqual(
    all.ents.filter((e) => e.label === 'BOILERPLATE').map((e) => cpSlice(TEXT, e.start, e.end)),
    ['SHARE THIS 👍', 'Advertisement'],
  );
  assert.deepEqual(all.boilerplate.map((b) => b.kind), ['share', 'ad']);
  const d = { ...all, ents: all.ents.filter((e) => e.label !== 'BOILERPLATE') };
  assert.equal(d.text, TEXT);
  assert.equal(d.ents.length, FAKE.entities.length);
  for (let i = 1; i < d.ents.length; i++) assert.ok(d.ents[i - 1].start <= d.ents[i].start);
  for (const e of d.ents) {
    assert.deepEqual(Object.keys(e).sort(), ['end', 'label', 'start']);
    const m = FAKE.entities.find((x) => x.text === cpSlice(TEXT, e.start, e.end) && x.label === e.label);
    assert.ok(m, `ent ${JSON.stringify(e)} matches a mention`);
  }
  // The astral emoji before "Kell Institute" shifts code points by one.
  const org = d.ents.find((e) => e.label === 'ORG');
  assert.equal(org.start, o0 - 2);
});

test('quotes CSV: RFC 4180 escaping survives commas, quotes and newlines', () => {
  const csv = FORMATS.quotes.make(TEXT, FAKE);
  assert.ok(csv.endsWith('\r\n'));
  assert.ok(csv.startsWith('\uFEFFquote,speaker,start,end\r\n'), 'a UTF-8 BOM for spreadsheets, then the header');
  const rows = parseCsv(csv);
  assert.deepEqual(rows[0], ['quote', 'speaker', 'start', 'end']);
  assert.equal(rows.length, 1 + FAKE.quotes.length);
  const [quote, speaker, start, end] = rows[1];
  assert.equal(quote, TEXT.slice(q0, q1));
  assert.ok(quote.includes('""no""') && quote.includes('\n'), 'fixture really needs escaping');
  assert.equal(speaker, 'Mara Voss');
  assert.equal(cpSlice(TEXT, Number(start), Number(end)), quote);
  assert.equal(csvField('a"b'), '"a""b"');
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('x\ry'), '"x\ry"');
});

test('quotes CSV: unknown speaker is an empty field, speaker_span is used when no name', () => {
  const ann = {
    quotes: [
      { start: q0, end: q1, speaker: null, speaker_span: null, speaker_entity: null, unclosed: true },
      { start: q0, end: q1, speaker: null, speaker_span: [v0, v1], speaker_entity: null, unclosed: false },
    ],
  };
  const rows = parseCsv(quotesCsv(TEXT, ann));
  assert.equal(rows[1][1], '');
  assert.equal(rows[2][1], 'Voss');
});

test('clean text drops boilerplate lines and their line breaks', () => {
  const clean = FORMATS.clean.make(TEXT, FAKE);
  assert.ok(!clean.includes('SHARE THIS'));
  assert.ok(!clean.includes('Advertisement'));
  assert.ok(clean.startsWith('Mara Voss'));
  assert.equal(clean, TEXT.split('\n').slice(1, 4).join('\n') + '\n');
  assert.equal(cleanText('abc', []), 'abc');
  assert.equal(cleanText('abc', [{ start: 5, end: 9 }]), 'abc', 'out-of-range spans are ignored');
});

test('exports ignore spans that do not fit the text', () => {
  const bad = { entities: [{ start: 5, end: 2, label: 'X' }, { start: 0, end: 999, label: 'Y' }, null], quotes: [{}] };
  assert.equal(toDisplacy('short', bad).ents.length, 0);
  assert.equal(toWebAnnotation('short', bad).total, 0);
  assert.equal(parseCsv(quotesCsv('short', bad)).length, 1);
});

// ------------------------------------------------------------------ real wasm

const nodePkg = path.join(root, 'dist/node/annotator.js');

test('exports of a real wasm annotation parse back', { skip: !existsSync(nodePkg) && 'run scripts/build-web.sh first' }, () => {
  const wasm = createRequire(import.meta.url)(nodePkg);
  const text =
    'Advertisement\n' +
    'Dr. Ilsa Brandt, the director of the Norvale Water Authority, spoke in Tarnow on Monday.\n' +
    '"The reservoir is safe, and we will prove it," Brandt said.\n' +
    'Share this article\n';
  const ann = wasm.annotate(text, undefined);
  for (const k of ['entities', 'groups', 'quotes', 'boilerplate', 'parts']) assert.ok(Array.isArray(ann[k]), k);

  const back = parseProject(FORMATS.project.make(text, ann));
  assert.deepEqual(back.annotation, JSON.parse(JSON.stringify(ann)));

  const d = JSON.parse(FORMATS.displacy.make(text, ann));
  assert.equal(d.ents.filter((e) => e.label !== 'BOILERPLATE').length, ann.entities.length);
  assert.equal(d.boilerplate.length, ann.boilerplate.length);
  for (const e of d.ents) {
    const marked = e.label === 'BOILERPLATE' ? ann.boilerplate.map((b) => text.slice(b.start, b.end)) : ann.entities.map((m) => m.text);
    assert.ok(marked.includes(cpSlice(text, e.start, e.end)), `${e.label} ${cpSlice(text, e.start, e.end)}`);
  }

  const wa = JSON.parse(FORMATS.webanno.make(text, ann));
  assert.equal(wa.total, ann.entities.length + ann.quotes.length + ann.boilerplate.length);
  for (const a of wa.first.items) {
    const [tq, tp] = a.target.selector;
    assert.equal(cpSlice(text, tp.start, tp.end), tq.exact);
  }

  const rows = parseCsv(FORMATS.quotes.make(text, ann));
  assert.equal(rows.length, 1 + ann.quotes.length);
  rows.slice(1).forEach((r, i) => assert.equal(r[0], text.slice(ann.quotes[i].start, ann.quotes[i].end)));

  const clean = FORMATS.clean.make(text, ann);
  for (const b of ann.boilerplate) assert.ok(!clean.includes(text.slice(b.start, b.end)));
  assert.ok(clean.includes('The reservoir is safe'));

  // The standalone HTML: tags stripped and entities decoded give the text back.
  const html = wasm.exportHtml(text, 'A <b>title</b>');
  assert.ok(html.startsWith('<!doctype html>'));
  assert.ok(html.includes('A &lt;b&gt;title&lt;/b&gt;'));
  const pre = html.slice(html.indexOf('<pre>') + 5, html.lastIndexOf('</pre>'));
  const decoded = pre
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
  assert.equal(decoded, text);
  const marked = (html.match(/class="[^"]*\be (PERSON|ORG|PLACE|DATE|MISC)\b/g) || []).length;
  assert.ok(marked >= (ann.entities.length ? 1 : 0));
});

test('speakers table and HTML page of a view: counts, BOM, hidden layers, bidi kept as text', async () => {
  const { quoteStats, speakersCsv, viewAnnotation, toHtml, headline, BOM } = await import('../../www/exports.js');
  const st = quoteStats(TEXT, FAKE);
  assert.equal(st.speakers.length, 1);
  assert.equal(st.speakers[0].name, 'Mara Voss');
  assert.equal(st.speakers[0].words, 6, 'We said no and left quietly');
  assert.equal(st.speakers[0].share, 1);
  assert.equal(st.unattributed.quotes.length, 0);
  assert.ok(FORMATS.speakers.make(TEXT, FAKE).startsWith(`${BOM}speaker,quotes,words,share\r\n`));
  assert.deepEqual(parseCsv(speakersCsv(TEXT, FAKE))[1], ['Mara Voss', '1', '6', '1.0000']);
  const shown = viewAnnotation(FAKE, { hidden: ['e:PERSON', 'q'] });
  assert.deepEqual(shown.entities.map((m) => m.label), ['ORG', 'PLACE']);
  assert.deepEqual(shown.groups.map((g) => g.mentions), [[0], [1]], 'mentions renumbered');
  assert.equal(shown.quotes.length, 0);
  assert.equal(headline(TEXT, FAKE), 'Mara Voss 🚀 met Kell Institute staff in Ostrava.');
  // The annotator's headline part wins over the first kept line.
  const [h0] = at('"We said');
  const withHead = { ...FAKE, parts: [{ start: h0, end: TEXT.indexOf('\n', h0), part: 'headline' }] };
  assert.equal(headline(TEXT, withHead), '"We said, ""no"", and left,');
  const html = toHtml('a \u202Eb', {});
  assert.ok(html.includes('data-cp="U+202E"') && html.includes('\u202Eb'), 'the control stays in the text, marked');
});
