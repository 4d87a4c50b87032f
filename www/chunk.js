// Texts too large for one wasm call are annotated in pieces cut at line
// breaks, and the pieces' results merged with offsets and indices shifted.
// Entities are grouped across pieces afterwards (mergeGroups): one group per
// label and name, and a lone surname joins the one person with it.

/**
 * UTF-16 units per piece: 1 Mi units. The annotator needs about 110 bytes of
 * wasm memory per byte of text at its peak (scripts/bench-wasm.mjs prints it),
 * and wasm memory never shrinks, so small pieces keep a huge paste within a
 * few hundred MB instead of running out of the 4 GB address space.
 */
export const MAX_UNITS = 1024 * 1024;

/** [start, end) pieces of at most `max` units, cut after a newline when possible. */
export function pieces(text, max = MAX_UNITS) {
  const out = [];
  let s = 0;
  while (text.length - s > max) {
    let e = s + max;
    const para = text.lastIndexOf('\n\n', e - 2);
    const line = text.lastIndexOf('\n', e - 1);
    if (para >= s + max / 2) e = para + 2;
    else if (line >= s) e = line + 1;
    else {
      // No line break: cut anywhere but inside a surrogate pair.
      const c = text.charCodeAt(e - 1);
      if (c >= 0xd800 && c <= 0xdbff && e - 1 > s) e -= 1;
    }
    out.push([s, e]);
    s = e;
  }
  out.push([s, text.length]);
  return out;
}

/**
 * annotate(text, options) through `fn`, piecewise when the text is long;
 * `onProgress(done, total)` (UTF-16 units) is called after each piece.
 */
export function annotateChunked(fn, text, options, max = MAX_UNITS, onProgress = () => {}) {
  if (text.length <= max) return fn(text, options);
  const out = { entities: [], groups: [], quotes: [], boilerplate: [], parts: [] };
  const languages = new Map(); // language -> units of the pieces in it
  for (const [s, e] of pieces(text, max)) {
    const r = fn(text.slice(s, e), options);
    if (typeof r.language === 'string') languages.set(r.language, (languages.get(r.language) || 0) + e - s);
    onProgress(e, text.length);
    const eBase = out.entities.length;
    const gBase = out.groups.length;
    for (const m of r.entities) out.entities.push({ ...m, start: m.start + s, end: m.end + s, entity: m.entity + gBase });
    for (const g of r.groups) out.groups.push({ ...g, id: g.id + gBase, mentions: g.mentions.map((i) => i + eBase) });
    for (const q of r.quotes) {
      out.quotes.push({
        ...q,
        start: q.start + s,
        end: q.end + s,
        speaker_span: q.speaker_span ? [q.speaker_span[0] + s, q.speaker_span[1] + s] : null,
        speaker_entity: q.speaker_entity == null ? null : q.speaker_entity + gBase,
      });
    }
    for (const b of r.boilerplate) out.boilerplate.push({ ...b, start: b.start + s, end: b.end + s });
    for (const p of r.parts || []) out.parts.push({ ...p, start: p.start + s, end: p.end + s });
  }
  // The language of most of the text (undetermined pieces do not count).
  if (languages.size) {
    const told = [...languages].filter(([l]) => l !== 'und').sort((a, b) => b[1] - a[1]);
    out.language = told.length ? told[0][0] : 'und';
  }
  return mergeGroups(out);
}

const words = (name) => String(name).trim().split(/\s+/u).filter(Boolean);

/**
 * Groups the pieces' groups across pieces, in place: groups with the same
 * label and name become one (the first keeps its place; ids are renumbered
 * 0..n-1 in order of first appearance); then a PERSON group named by one word
 * joins the PERSON group whose several-word name ends with it, when exactly
 * one does ("Keller" in a later piece joins "Tomas Keller"; two people with
 * that surname: it stays alone), as the core groups within one text. Mention
 * indices, each mention's `entity`, quotes' `speaker_entity` and the speaker
 * names of quotes whose group took a fuller name follow.
 */
export function mergeGroups(out) {
  const into = new Map(); // old group id -> kept group (object)
  const byKey = new Map();
  const kept = [];
  for (const g of out.groups) {
    const key = `${g.label}\u0000${g.name}`;
    let k = byKey.get(key);
    if (!k) {
      k = { ...g, mentions: [] };
      byKey.set(key, k);
      kept.push(k);
    }
    k.mentions.push(...g.mentions);
    into.set(g.id, k);
  }
  // Surnames: the one several-word PERSON name ending with the word.
  const bySurname = new Map();
  for (const k of kept) {
    const w = words(k.name);
    if (k.label !== 'PERSON' || w.length < 2) continue;
    const last = w[w.length - 1];
    bySurname.set(last, bySurname.has(last) ? null : k);
  }
  const joined = new Map();
  for (const k of kept) {
    const w = words(k.name);
    if (k.label !== 'PERSON' || w.length !== 1) continue;
    const full = bySurname.get(w[0]);
    if (full) {
      full.mentions.push(...k.mentions);
      joined.set(k, full);
    }
  }
  const final = kept.filter((k) => !joined.has(k));
  final.forEach((k, i) => {
    k.id = i;
    k.mentions.sort((a, b) => a - b);
  });
  const target = (oldId) => {
    const k = into.get(oldId);
    return k ? (joined.get(k) || k) : null;
  };
  for (const m of out.entities) {
    const k = target(m.entity);
    if (k) m.entity = k.id;
  }
  for (const q of out.quotes) {
    if (q.speaker_entity == null) continue;
    const k = target(q.speaker_entity);
    if (!k) continue;
    q.speaker_entity = k.id;
    if (q.speaker) q.speaker = k.name;
  }
  out.groups = final;
  return out;
}
