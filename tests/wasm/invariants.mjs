// Invariants of an annotate() result in JS terms (UTF-16 offsets): every
// span inside the text and on surrogate-pair boundaries, slicing its text;
// mentions, quotes and boilerplate sorted by start; groups consistent.
// Shared by the wasm tests (offsets.test.mjs, large.test.mjs).
import assert from 'node:assert/strict';

const isInt = (n) => Number.isInteger(n) && n >= 0;

/** A UTF-16 offset that does not split a surrogate pair. */
export function onBoundary(text, i) {
  if (i <= 0 || i >= text.length) return true;
  const hi = text.charCodeAt(i - 1);
  const lo = text.charCodeAt(i);
  return !(hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff);
}

/** Every documented field, with every span slicing its text right. */
export function checkShape(text, r) {
  assert.deepEqual(Object.keys(r).sort(), ['boilerplate', 'entities', 'groups', 'language', 'parts', 'quotes']);
  assert.match(r.language, /^(?:[a-z]{2}|und)$/, 'language: an ISO 639-1 code or und');
  for (const k of Object.keys(r)) if (k !== 'language') assert.ok(Array.isArray(r[k]), k);
  const span = (s, e, what) => {
    assert.ok(isInt(s) && isInt(e) && s < e && e <= text.length, `${what}: [${s}, ${e}) in ${text.length}`);
    assert.ok(onBoundary(text, s) && onBoundary(text, e), `${what}: splits a surrogate pair`);
  };
  r.entities.forEach((m, i) => {
    span(m.start, m.end, `entity ${i}`);
    assert.equal(m.text, text.slice(m.start, m.end), `entity ${i} text`);
    assert.ok(['PERSON', 'ORG', 'PLACE', 'DATE', 'MISC'].includes(m.label), m.label);
    assert.ok(isInt(m.entity) && m.entity < r.groups.length, `entity ${i} group`);
  });
  // Each mention is listed once, by the group it names (linear: a group
  // can hold most of a long text's mentions).
  const listed = new Uint8Array(r.entities.length);
  r.groups.forEach((g, i) => {
    assert.equal(g.id, i);
    assert.equal(typeof g.name, 'string');
    assert.ok(g.mentions.length > 0);
    for (const mi of g.mentions) {
      assert.ok(isInt(mi) && mi < r.entities.length, `group ${i} lists mention ${mi}`);
      assert.equal(r.entities[mi].entity, i);
      assert.equal(listed[mi], 0, `mention ${mi} listed twice`);
      listed[mi] = 1;
    }
  });
  const unlisted = listed.indexOf(0);
  assert.equal(unlisted, -1, `mention ${unlisted} is in no group's list`);
  r.quotes.forEach((q, i) => {
    span(q.start, q.end, `quote ${i}`);
    assert.equal(typeof q.unclosed, 'boolean');
    assert.ok(q.speaker === null || typeof q.speaker === 'string');
    if (q.speaker_span !== null) span(q.speaker_span[0], q.speaker_span[1], `speaker ${i}`);
    assert.ok(q.speaker_entity === null || (isInt(q.speaker_entity) && q.speaker_entity < r.groups.length));
  });
  r.boilerplate.forEach((b, i) => {
    span(b.start, b.end, `boilerplate ${i}`);
    assert.ok(['ad', 'caption', 'promo', 'share', 'subscribe', 'navigation', 'comments', 'legal', 'other'].includes(b.kind), b.kind);
  });
  // The article's header lines: whole lines, never boilerplate.
  r.parts.forEach((p, i) => {
    span(p.start, p.end, `part ${i}`);
    assert.ok(['headline', 'standfirst', 'byline', 'date', 'outlet'].includes(p.part), p.part);
    assert.ok(!r.boilerplate.some((b) => b.start < p.end && p.start < b.end), `part ${i} is dimmed`);
  });
  for (const k of ['entities', 'quotes', 'boilerplate', 'parts']) {
    for (let i = 1; i < r[k].length; i++) assert.ok(r[k][i - 1].start <= r[k][i].start, `${k} ${i} is out of order`);
  }
}
