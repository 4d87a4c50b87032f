// Piecewise annotation of huge texts (www/chunk.js): pieces cut at line
// breaks, merged results keep offsets and indices consistent. Checked with a
// fake annotator that finds capitalised words, "quotes" and marker lines, and
// with the real wasm.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pieces, annotateChunked } from '../../www/chunk.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const NODE_PKG = path.join(ROOT, 'dist', 'node', 'annotator.js');

/** A stand-in annotator with non-empty layers, in the wasm API's shape. */
function fake(text) {
  const entities = [];
  const groups = [];
  const byName = new Map();
  for (const m of text.matchAll(/\p{Lu}\p{Ll}+/gu)) {
    let g = byName.get(m[0]);
    if (g === undefined) {
      g = groups.length;
      byName.set(m[0], g);
      groups.push({ id: g, label: 'PERSON', name: m[0], mentions: [] });
    }
    groups[g].mentions.push(entities.length);
    entities.push({ start: m.index, end: m.index + m[0].length, label: 'PERSON', entity: g, text: m[0] });
  }
  const quotes = [];
  for (const m of text.matchAll(/"[^"\n]*"/g)) {
    const first = entities.find((e) => e.start > m.index + m[0].length);
    quotes.push({
      start: m.index,
      end: m.index + m[0].length,
      speaker: first ? first.text : null,
      speaker_span: first ? [first.start, first.end] : null,
      speaker_entity: first ? first.entity : null,
      unclosed: false,
    });
  }
  const boilerplate = [];
  for (const m of text.matchAll(/^ADVERT[^\n]*/gm)) boilerplate.push({ start: m.index, end: m.index + m[0].length, kind: 'ad' });
  return { entities, groups, quotes, boilerplate };
}

const PARA = [
  'Zoë met Élodie in Zürich 😀 on a\u00a0Tuesday. "We agree," said Zoë.',
  'ADVERT: buy things',
  'Élodie left. "Fine," Bob replied.',
  '',
].join('\n');
const TEXT = PARA.repeat(40);

function checkMerged(text, r) {
  for (const [what, xs] of [['entity', r.entities], ['quote', r.quotes], ['boilerplate', r.boilerplate]]) {
    for (const x of xs) assert.ok(x.start >= 0 && x.start < x.end && x.end <= text.length, what);
  }
  r.entities.forEach((e, i) => {
    assert.equal(text.slice(e.start, e.end), e.text);
    assert.ok(r.groups[e.entity].mentions.includes(i));
  });
  r.groups.forEach((g, i) => {
    assert.equal(g.id, i);
    for (const mi of g.mentions) assert.equal(r.entities[mi].entity, i);
  });
  for (const q of r.quotes) {
    if (q.speaker_span) assert.equal(text.slice(...q.speaker_span), q.speaker);
    if (q.speaker_entity !== null) assert.equal(r.groups[q.speaker_entity].name, q.speaker);
  }
}

test('pieces cover the text, end at line breaks and respect the size', () => {
  for (const max of [7, 50, 123, 400, 5000]) {
    const ps = pieces(TEXT, max);
    assert.equal(ps[0][0], 0);
    assert.equal(ps[ps.length - 1][1], TEXT.length);
    for (let i = 0; i < ps.length; i++) {
      const [s, e] = ps[i];
      assert.ok(e > s && e - s <= max, `piece ${i} of max ${max}`);
      if (i > 0) assert.equal(s, ps[i - 1][1]);
      if (i < ps.length - 1 && max >= 80) assert.equal(TEXT[e - 1], '\n', `piece ${i} ends a line`);
    }
  }
  // No line breaks: cuts never split a surrogate pair, and always advance.
  const emoji = '😀'.repeat(30);
  for (const max of [1, 2, 3, 7]) {
    const ps = pieces(emoji, max);
    assert.equal(ps.map(([s, e]) => emoji.slice(s, e)).join(''), emoji);
    if (max > 1) for (const [s] of ps) assert.ok(s % 2 === 0, `max ${max}: cut at ${s}`);
  }
});

test('merged results equal the whole-text result, entity groups included', () => {
  const whole = fake(TEXT);
  assert.ok(whole.entities.length > 100 && whole.quotes.length > 50 && whole.boilerplate.length === 40);
  for (const max of [80, 150, 1000]) {
    const merged = annotateChunked(fake, TEXT, undefined, max);
    checkMerged(TEXT, merged);
    const spans = (xs) => xs.map((x) => [x.start, x.end]);
    assert.deepEqual(spans(merged.entities), spans(whole.entities));
    assert.deepEqual(spans(merged.quotes), spans(whole.quotes));
    assert.deepEqual(merged.boilerplate, whole.boilerplate);
    // Groups are merged across pieces: the same groups as the whole text's.
    assert.deepEqual(merged.groups, whole.groups, `max ${max}`);
    assert.deepEqual(merged.entities.map((m) => m.entity), whole.entities.map((m) => m.entity));
  }
  // Short texts go through in one call.
  assert.deepEqual(annotateChunked(fake, PARA, undefined, 10_000), fake(PARA));
});

test('the real wasm annotator merges consistently piecewise', { skip: !existsSync(NODE_PKG) && 'run scripts/build-web.sh' }, () => {
  // (Layers may use whole-document context, so only consistency is checked.)
  const wasm = createRequire(import.meta.url)(NODE_PKG);
  const merged = annotateChunked(wasm.annotate, TEXT, undefined, 300);
  checkMerged(TEXT, merged);
  assert.deepEqual(Object.keys(merged).sort(), ['boilerplate', 'entities', 'groups', 'language', 'parts', 'quotes']);
  assert.equal(merged.language, 'en', 'the pieces\' language');
});

test('a lone surname in a later piece joins the one person with it; two people with it keep it alone', () => {
  const text = 'Tomas Keller spoke.\nAnn Ruiz spoke.\n"all fine," said Keller.\nRuiz left. Ruiz came.\nBo Ruiz came.\n';
  // A fake that names groups by their own text, as a piece without the full name would.
  const byWord = (t) => {
    const r = { entities: [], groups: [], quotes: [], boilerplate: [] };
    const ids = new Map();
    for (const m of t.matchAll(/\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+)*/gu)) {
      if (!ids.has(m[0])) {
        ids.set(m[0], r.groups.length);
        r.groups.push({ id: r.groups.length, label: 'PERSON', name: m[0], mentions: [] });
      }
      r.groups[ids.get(m[0])].mentions.push(r.entities.length);
      r.entities.push({ start: m.index, end: m.index + m[0].length, label: 'PERSON', entity: ids.get(m[0]), text: m[0] });
    }
    for (const m of t.matchAll(/"[^"]*" said (\p{Lu}\p{Ll}+)/gu)) {
      const s = m.index + m[0].length - m[1].length;
      const e = r.entities.find((x) => x.start === s);
      r.quotes.push({ start: m.index, end: m.index + m[0].indexOf('"', 1) + 1, speaker: m[1], speaker_span: [s, s + m[1].length], speaker_entity: e.entity, unclosed: false });
    }
    return r;
  };
  const merged = annotateChunked(byWord, text, undefined, 30);
  const names = merged.groups.map((g) => `${g.name} x${g.mentions.length}`);
  assert.deepEqual(names, ['Tomas Keller x2', 'Ann Ruiz x1', 'Ruiz x2', 'Bo Ruiz x1']);
  assert.equal(merged.quotes[0].speaker, 'Tomas Keller', 'the quote takes the fuller name');
  assert.equal(merged.groups[merged.quotes[0].speaker_entity].name, 'Tomas Keller');
  merged.groups.forEach((g, i) => {
    assert.equal(g.id, i);
    for (const mi of g.mentions) assert.equal(merged.entities[mi].entity, i);
  });
});
