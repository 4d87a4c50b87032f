// Texts too large for one wasm call are annotated in pieces cut at line
// breaks, and the pieces' results merged with offsets and indices shifted.
// Entities are grouped within a piece only.

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
  for (const [s, e] of pieces(text, max)) {
    const r = fn(text.slice(s, e), options);
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
  return out;
}
