// Export formats for an annotation, as pure functions (no DOM, no wasm):
// they run in the page, in the npm package and in node tests alike.
//
// Input everywhere: `text` (a JS string) and `ann`, the object the wasm
// `annotate()` returns: {entities, groups, quotes, boilerplate} with offsets
// in UTF-16 code units (JavaScript string indices).
//
// Offsets in the outputs:
//   project JSON        UTF-16 units, exactly as the wasm returns them
//   Web Annotation      Unicode code points (the W3C model counts characters)
//   displaCy JSON       code points (Python string indices)
//   quotes CSV          code points (as the native CLI and the scorer)

import { cleanText, lineTail } from './render.js';
import { paletteCss } from './palette.js';

/** The `format` tag of a project file; `parseProject` checks it. */
export const PROJECT_FORMAT = 'article-annotator/project';
export const PROJECT_VERSION = 1;

const arr = (x) => (Array.isArray(x) ? x : []);
const isInt = Number.isInteger;

/** A span [start, end) that fits `len`, or null. */
function span(s, e, len) {
  return isInt(s) && isInt(e) && s >= 0 && s < e && e <= len ? [s, e] : null;
}

/**
 * Converts UTF-16 offsets of `text` to code-point offsets. Offsets inside a
 * surrogate pair map to the pair's code point.
 */
export function codePointIndex(text) {
  // prefix[i] = number of code points in text.slice(0, i)
  const n = text.length;
  const prefix = new Uint32Array(n + 1);
  let cp = 0;
  for (let i = 0; i < n; ) {
    prefix[i] = cp;
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      prefix[i + 1] = cp;
      i += 2;
    } else i += 1;
    cp++;
  }
  prefix[n] = cp;
  return (u16) => prefix[Math.max(0, Math.min(n, u16))];
}

// ------------------------------------------------------------------ project

/**
 * The project file: the text and its annotation, enough to show it again
 * without running the annotator. Offsets are UTF-16 units.
 */
export function toProject(text, ann, meta = {}) {
  const a = ann && typeof ann === 'object' ? ann : {};
  return {
    format: PROJECT_FORMAT,
    version: PROJECT_VERSION,
    offsets: 'utf-16',
    annotator: meta.annotator ?? null,
    title: meta.title ?? null,
    created: meta.created ?? new Date().toISOString(),
    ...(meta.view ? { view: meta.view } : {}),
    text,
    annotation: {
      entities: arr(a.entities),
      groups: arr(a.groups),
      quotes: arr(a.quotes),
      boilerplate: arr(a.boilerplate),
      parts: arr(a.parts),
      ...(typeof a.language === 'string' ? { language: a.language } : {}),
    },
  };
}

/**
 * Reads a project file (a JSON string or parsed object) back into
 * `{text, annotation, title, annotator}`. Throws an Error that says what is
 * wrong when it is not one. Spans are not trusted: the page clamps them.
 */
export function parseProject(input) {
  let obj = input;
  if (typeof input === 'string') {
    try {
      obj = JSON.parse(input);
    } catch (e) {
      throw new Error(`not JSON (${e.message})`);
    }
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) throw new Error('not a project file (expected an object)');
  if (obj.format !== PROJECT_FORMAT) throw new Error(`not a project file (format is not "${PROJECT_FORMAT}")`);
  if (!isInt(obj.version) || obj.version > PROJECT_VERSION) throw new Error(`unsupported project version ${obj.version}`);
  if (typeof obj.text !== 'string') throw new Error('the project has no text');
  const a = obj.annotation && typeof obj.annotation === 'object' ? obj.annotation : {};
  return {
    text: obj.text,
    title: typeof obj.title === 'string' ? obj.title : null,
    annotator: typeof obj.annotator === 'string' ? obj.annotator : null,
    annotation: {
      entities: arr(a.entities),
      groups: arr(a.groups),
      quotes: arr(a.quotes),
      boilerplate: arr(a.boilerplate),
      parts: arr(a.parts),
      ...(typeof a.language === 'string' ? { language: a.language } : {}),
    },
  };
}

// ----------------------------------------------------------- Web Annotation

const QUOTE_CONTEXT = 32;

/** TextQuoteSelector + TextPositionSelector for [s, e) (UTF-16 in). */
function selectors(text, s, e, cpAt) {
  // Context is cut on code-point boundaries (never half a surrogate pair).
  let ps = Math.max(0, s - QUOTE_CONTEXT);
  if (ps > 0 && (text.charCodeAt(ps) & 0xfc00) === 0xdc00) ps--;
  let se = Math.min(text.length, e + QUOTE_CONTEXT);
  if (se < text.length && (text.charCodeAt(se) & 0xfc00) === 0xdc00) se++;
  return [
    { type: 'TextQuoteSelector', exact: text.slice(s, e), prefix: text.slice(ps, s), suffix: text.slice(e, se) },
    { type: 'TextPositionSelector', start: cpAt(s), end: cpAt(e) },
  ];
}

/**
 * W3C Web Annotation Data Model (JSON-LD): an AnnotationCollection with one
 * Annotation per span. Entity mentions carry a tagging body with the label
 * and an identifying body with the entity's name; quotes a tagging body
 * "quote" and, when known, a describing body with the speaker; boilerplate a
 * tagging body "boilerplate:KIND". `source` is the IRI of the annotated text.
 */
export function toWebAnnotation(text, ann, { source = 'urn:x-article-annotator:text', generator = null, id = null, view = null } = {}) {
  const a = ann && typeof ann === 'object' ? ann : {};
  const cpAt = codePointIndex(text);
  const len = text.length;
  const groups = new Map();
  arr(a.groups).forEach((g, i) => {
    if (g && typeof g === 'object') groups.set(isInt(g.id) ? g.id : i, g);
  });
  const base = id || 'urn:x-article-annotator:annotations';
  const items = [];
  const add = (kind, s, e, bodies) => {
    items.push({
      id: `${base}#${kind}${items.length + 1}`,
      type: 'Annotation',
      motivation: kind === 'quote' ? 'describing' : 'tagging',
      body: bodies,
      target: { source, selector: selectors(text, s, e, cpAt) },
    });
  };
  for (const m of arr(a.entities)) {
    const sp = m && span(m.start, m.end, len);
    if (!sp) continue;
    const bodies = [{ type: 'TextualBody', purpose: 'tagging', value: String(m.label) }];
    const g = isInt(m.entity) ? groups.get(m.entity) : null;
    if (g && typeof g.name === 'string' && g.name) bodies.push({ type: 'TextualBody', purpose: 'identifying', value: g.name });
    add('entity', sp[0], sp[1], bodies);
  }
  for (const q of arr(a.quotes)) {
    const sp = q && span(q.start, q.end, len);
    if (!sp) continue;
    const bodies = [{ type: 'TextualBody', purpose: 'tagging', value: 'quote' }];
    let who = typeof q.speaker === 'string' && q.speaker ? q.speaker : null;
    if (!who && Array.isArray(q.speaker_span)) {
      const ss = span(q.speaker_span[0], q.speaker_span[1], len);
      if (ss) who = text.slice(ss[0], ss[1]);
    }
    if (who) bodies.push({ type: 'TextualBody', purpose: 'describing', value: `speaker: ${who}` });
    add('quote', sp[0], sp[1], bodies);
  }
  for (const b of arr(a.boilerplate)) {
    const sp = b && span(b.start, b.end, len);
    if (!sp) continue;
    add('boilerplate', sp[0], sp[1], [{ type: 'TextualBody', purpose: 'tagging', value: `boilerplate:${b.kind || 'other'}` }]);
  }
  const coll = {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: base,
    type: 'AnnotationCollection',
    total: items.length,
    first: { id: `${base}#page1`, type: 'AnnotationPage', startIndex: 0, items },
  };
  if (generator) coll.generator = generator;
  if (view) coll.view = view;
  return coll;
}

// ------------------------------------------------------------------ displaCy

/**
 * displaCy's manual format: `{text, ents: [{start, end, label}], title}`,
 * offsets in code points (Python string indices), sorted by start.
 */
export function toDisplacy(text, ann, title = null, view = null) {
  const a = ann && typeof ann === 'object' ? ann : {};
  const cpAt = codePointIndex(text);
  const ents = [];
  for (const m of arr(a.entities)) {
    const sp = m && span(m.start, m.end, text.length);
    if (sp) ents.push({ start: cpAt(sp[0]), end: cpAt(sp[1]), label: String(m.label) });
  }
  ents.sort((x, y) => x.start - y.start || x.end - y.end);
  // Boilerplate lines are marked too: as ents labelled BOILERPLATE (which
  // displaCy's ent style draws) where no name overlaps them, and all of them
  // under `boilerplate` with their kind.
  const boilerplate = [];
  for (const b of arr(a.boilerplate)) {
    const sp = b && span(b.start, b.end, text.length);
    if (sp) boilerplate.push({ start: cpAt(sp[0]), end: cpAt(sp[1]), kind: String(b.kind || 'other') });
  }
  const names = ents.slice();
  for (const b of boilerplate) {
    if (!names.some((e) => e.start < b.end && b.start < e.end)) ents.push({ start: b.start, end: b.end, label: 'BOILERPLATE' });
  }
  ents.sort((x, y) => x.start - y.start || x.end - y.end);
  const out = { text, ents, title, boilerplate };
  if (view) out.view = view;
  return out;
}

// ----------------------------------------------------------------------- CSV

/** One RFC 4180 field: quoted when it holds a comma, quote, CR or LF. */
export function csvField(v) {
  const s = v == null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The quotes as CSV (RFC 4180: CRLF line ends, header row): quote, speaker,
 * start, end, with offsets in code points. An unknown speaker is empty.
 */
export function quotesCsv(text, ann) {
  const a = ann && typeof ann === 'object' ? ann : {};
  const cpAt = codePointIndex(text);
  const rows = [['quote', 'speaker', 'start', 'end']];
  for (const q of arr(a.quotes)) {
    const sp = q && span(q.start, q.end, text.length);
    if (!sp) continue;
    let who = typeof q.speaker === 'string' ? q.speaker : '';
    if (!who && Array.isArray(q.speaker_span)) {
      const ss = span(q.speaker_span[0], q.speaker_span[1], text.length);
      if (ss) who = text.slice(ss[0], ss[1]);
    }
    rows.push([text.slice(sp[0], sp[1]), who, cpAt(sp[0]), cpAt(sp[1])]);
  }
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/**
 * The byte order mark spreadsheet programs need to read a CSV file as
 * UTF-8 (without it they guess a legacy code page and garble accents).
 */
export const BOM = '\uFEFF';

/** Parses RFC 4180 CSV into rows of strings (for tests and re-import); a leading BOM is skipped. */
export function parseCsv(s) {
  if (s.startsWith(BOM)) s = s.slice(1);
  const rows = [];
  let row = [];
  let f = '';
  let i = 0;
  let quoted = false;
  let any = false;
  while (i < s.length) {
    const c = s[i];
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          f += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      f += c;
      i++;
      continue;
    }
    if (c === '"') {
      quoted = true;
      any = true;
      i++;
    } else if (c === ',') {
      row.push(f);
      f = '';
      any = true;
      i++;
    } else if (c === '\r' || c === '\n') {
      row.push(f);
      rows.push(row);
      row = [];
      f = '';
      any = false;
      i += c === '\r' && s[i + 1] === '\n' ? 2 : 1;
    } else {
      f += c;
      any = true;
      i++;
    }
  }
  if (any || f || row.length) {
    row.push(f);
    rows.push(row);
  }
  return rows;
}

// ------------------------------------------------------------ who is quoted

/** Words in a quote: runs of letters and digits (inner apostrophes and hyphens kept). */
export function countWords(s) {
  const m = String(s).match(/[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*/gu);
  return m ? m.length : 0;
}

/** The speaker's name of a quote, or '' when unknown. */
function speakerName(text, q, groups) {
  if (typeof q.speaker === 'string' && q.speaker) return q.speaker;
  const g = isInt(q.speaker_entity) ? groups.get(q.speaker_entity) : null;
  if (g && typeof g.name === 'string' && g.name) return g.name;
  if (Array.isArray(q.speaker_span)) {
    const ss = span(q.speaker_span[0], q.speaker_span[1], text.length);
    if (ss) return text.slice(ss[0], ss[1]);
  }
  return '';
}

/**
 * Who is quoted: one row per speaker (by entity when known, else by name)
 * with the number of quotes, the words quoted and their share of all quoted
 * words, most words first; and the same for the unattributed quotes.
 * `quotes` lists each row's quote indices (into ann.quotes).
 */
export function quoteStats(text, ann) {
  const a = ann && typeof ann === 'object' ? ann : {};
  const groups = new Map();
  arr(a.groups).forEach((g, i) => {
    if (g && typeof g === 'object') groups.set(isInt(g.id) ? g.id : i, g);
  });
  const rows = new Map();
  const none = { name: '', entity: null, label: null, quotes: [], words: 0 };
  let total = 0;
  arr(a.quotes).forEach((q, i) => {
    const sp = q && span(q.start, q.end, text.length);
    if (!sp) return;
    const words = countWords(text.slice(sp[0], sp[1]));
    total += words;
    const name = speakerName(text, q, groups);
    if (!name) {
      none.quotes.push(i);
      none.words += words;
      return;
    }
    const ent = isInt(q.speaker_entity) && groups.has(q.speaker_entity) ? q.speaker_entity : null;
    const key = ent !== null ? `e${ent}` : `n${name.toLowerCase()}`;
    let r = rows.get(key);
    if (!r) {
      const g = ent !== null ? groups.get(ent) : null;
      r = { name: (g && g.name) || name, entity: ent, label: g ? String(g.label) : null, quotes: [], words: 0 };
      rows.set(key, r);
    }
    r.quotes.push(i);
    r.words += words;
  });
  const share = (w) => (total ? w / total : 0);
  const speakers = [...rows.values()]
    .map((r) => ({ ...r, share: share(r.words) }))
    .sort((x, y) => y.words - x.words || y.quotes.length - x.quotes.length || x.quotes[0] - y.quotes[0]);
  return { speakers, unattributed: { ...none, share: share(none.words) }, totalWords: total };
}

/**
 * The "who is quoted" table as CSV (RFC 4180): speaker, quotes, words,
 * share (of all quoted words, 0-1 with 4 decimals); the unattributed quotes
 * are the last row, with an empty speaker.
 */
export function speakersCsv(text, ann) {
  const st = quoteStats(text, ann);
  const rows = [['speaker', 'quotes', 'words', 'share']];
  for (const r of st.speakers) rows.push([r.name, r.quotes.length, r.words, r.share.toFixed(4)]);
  if (st.unattributed.quotes.length) {
    const u = st.unattributed;
    rows.push(['', u.quotes.length, u.words, u.share.toFixed(4)]);
  }
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

// ------------------------------------------------------------------- view

/**
 * The annotation as the page shows it, for every export: `view` is
 * {hidden: layer keys switched off ('e:PERSON', 'q', 'bp'),
 *  marksInBoilerplate, hideBoilerplate}. Names of a hidden label, quotes
 * when 'q' is hidden and boilerplate lines when 'bp' is hidden (and they are
 * not hidden from the text) are left out; so are names inside boilerplate
 * unless marksInBoilerplate. Mentions are renumbered and groups follow.
 */
export function viewAnnotation(ann, view = {}) {
  const a = ann && typeof ann === 'object' ? ann : {};
  const hidden = new Set(arr(view.hidden));
  const remap = new Map();
  const entities = [];
  arr(a.entities).forEach((m, i) => {
    if (!m || typeof m !== 'object') return;
    if (hidden.has(`e:${m.label}`)) return;
    if (m.boilerplate === true && !view.marksInBoilerplate) return;
    remap.set(i, entities.length);
    entities.push(m);
  });
  const groups = [];
  const kept = new Set();
  arr(a.groups).forEach((g, gi) => {
    if (!g || typeof g !== 'object') return;
    const mentions = arr(g.mentions).filter((x) => remap.has(x)).map((x) => remap.get(x));
    if (!mentions.length) return;
    kept.add(isInt(g.id) ? g.id : gi);
    groups.push({ ...g, mentions });
  });
  for (const m of entities) if (isInt(m.entity) && !kept.has(m.entity) && arr(a.groups).length) kept.add(m.entity);
  const quotes = hidden.has('q')
    ? []
    : arr(a.quotes).map((q) => (q && isInt(q.speaker_entity) && !kept.has(q.speaker_entity) ? { ...q, speaker_entity: null } : q));
  const boilerplate = hidden.has('bp') && !view.hideBoilerplate ? [] : arr(a.boilerplate);
  return { entities, groups, quotes, boilerplate, ...(typeof a.language === 'string' ? { language: a.language } : {}) };
}

/** The view settings an export records: which layers it holds. */
export function viewMeta(view = {}) {
  const hidden = arr(view.hidden).slice().sort();
  return {
    note: 'what the page showed: hidden layers are left out',
    hiddenLayers: hidden,
    marksInBoilerplate: view.marksInBoilerplate === true,
    hideBoilerplate: view.hideBoilerplate === true,
  };
}

/** The article's headline: the annotator's headline part, else its first line that is not
 * boilerplate and not blank. */
export function headline(text, ann, max = 80) {
  const part = arr(ann && ann.parts).find((p) => p && p.part === 'headline' && isInt(p.start) && isInt(p.end));
  const cut = (t) => (t.length <= max ? t : `${t.slice(0, max - 1)}…`);
  if (part && text.slice(part.start, part.end).trim()) return cut(text.slice(part.start, part.end).trim());
  const bp = arr(ann && ann.boilerplate).filter((b) => b && isInt(b.start) && isInt(b.end));
  let pos = 0;
  for (const line of text.split('\n')) {
    const s = pos;
    const e = pos + line.length;
    pos = e + 1;
    const t = line.trim();
    if (!t) continue;
    if (bp.some((b) => b.start <= s + line.indexOf(t) && b.end >= s + line.indexOf(t) + t.length)) continue;
    return cut(t);
  }
  return 'Article';
}

// ------------------------------------------------------------------- HTML

const escHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

// The label colours come from the one palette (palette.js).
const HTML_CSS =
  ':root{color-scheme:light dark}\n' +
  paletteCss(':root') +
  `body{font:16px/1.6 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;background:#fff}
pre{white-space:pre-wrap;font:inherit}
.e{border-radius:3px;padding:0 1px;background:var(--other)}
.PERSON{background:var(--PERSON)}.ORG{background:var(--ORG)}.PLACE{background:var(--PLACE)}.DATE{background:var(--DATE)}.MISC{background:var(--MISC)}
.q{background:var(--quote-bg);box-shadow:inset 0 -2px 0 var(--quote-line)}.spk{text-decoration:underline 2px var(--quote-line)}
.bp{color:var(--bp-fg);background:var(--bp-bg)}
.hide-bp .bp,.hide-bp .bp-nl{display:none}
.bidi{unicode-bidi:isolate}.bidi::before{content:attr(data-cp);font:.75em ui-monospace,monospace;border:1px solid #b00;color:#b00;border-radius:3px;padding:0 2px}
@media (prefers-color-scheme:dark){body{background:#121212;color:#e6e6e6}}
`;

/**
 * A standalone HTML page of the text with the annotation as shown (pass
 * viewAnnotation's output): the text escaped, each piece a <span> with the
 * classes of the spans covering it; bidi controls drawn as markers; with
 * ctx.view.hideBoilerplate the boilerplate lines are hidden as in the page.
 * ctx: {title, annotator, view}.
 */
export function toHtml(text, ann, ctx = {}) {
  const a = ann && typeof ann === 'object' ? ann : {};
  const len = text.length;
  const groups = new Map();
  arr(a.groups).forEach((g, i) => g && typeof g === 'object' && groups.set(isInt(g.id) ? g.id : i, g));
  const spans = [];
  for (const b of arr(a.boilerplate)) {
    const sp = b && span(b.start, b.end, len);
    if (!sp) continue;
    spans.push([sp[0], sp[1], 'bp', `boilerplate: ${b.kind || 'other'}`]);
    const e = lineTail(text, sp[0], sp[1]);
    if (e > sp[1]) spans.push([sp[1], e, 'bp-nl', null]);
  }
  for (const q of arr(a.quotes)) {
    const sp = q && span(q.start, q.end, len);
    if (!sp) continue;
    spans.push([sp[0], sp[1], 'q', `quote by ${speakerName(text, q, groups) || 'unknown'}`]);
    const ss = Array.isArray(q.speaker_span) && span(q.speaker_span[0], q.speaker_span[1], len);
    if (ss) spans.push([ss[0], ss[1], 'spk', null]);
  }
  for (const m of arr(a.entities)) {
    const sp = m && span(m.start, m.end, len);
    if (!sp) continue;
    const g = isInt(m.entity) ? groups.get(m.entity) : null;
    const label = String(m.label).replace(/[^A-Za-z0-9_-]/g, '_');
    spans.push([sp[0], sp[1], `e ${label}`, `${label} ${(g && g.name) || ''}`.trim()]);
  }
  const cuts = [...new Set([0, len, ...spans.flatMap((s) => [s[0], s[1]])])].sort((x, y) => x - y);
  // Pieces covered by each span: found by binary search on the cuts.
  const at = (v) => {
    let lo = 0;
    let hi = cuts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cuts[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const cls = cuts.map(() => []);
  const tips = cuts.map(() => []);
  for (const [s, e, c, t] of spans) {
    for (let k = at(s); k < at(e); k++) {
      cls[k].push(c);
      if (t) tips[k].push(t);
    }
  }
  const bidi = (s) =>
    escHtml(s).replace(/[\u202A-\u202E\u2066-\u2069]/g, (c) => {
      const cp = `U+${c.codePointAt(0).toString(16).toUpperCase()}`;
      return `<span class="bidi" data-cp="${cp}" title="invisible control character ${cp}">${c}</span>`;
    });
  let body = '';
  for (let k = 0; k + 1 < cuts.length; k++) {
    const t = bidi(text.slice(cuts[k], cuts[k + 1]));
    if (!cls[k].length) body += t;
    else body += `<span class="${escHtml(cls[k].join(' '))}"${tips[k].length ? ` title="${escHtml(tips[k].join('; '))}"` : ''}>${t}</span>`;
  }
  const view = ctx.view || null; // viewMeta's output
  const meta = view ? `<meta name="annotator-view" content="${escHtml(JSON.stringify(view))}">\n` : '';
  const gen = ctx.annotator ? `<meta name="generator" content="article-annotator ${escHtml(ctx.annotator)}">\n` : '';
  return (
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">\n' +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">\n` +
    gen +
    meta +
    `<title>${escHtml(ctx.title || headline(text, a))}</title>\n<style>\n${HTML_CSS}</style></head>` +
    `<body${view && view.hideBoilerplate ? ' class="hide-bp"' : ''}><main><pre>${body}</pre></main></body></html>\n`
  );
}

// ---------------------------------------------------------------- clean text

// The text without its boilerplate lines: the page's own function.
export { cleanText };

// ------------------------------------------------------------ file formats

/** Every export the page offers: name -> {ext, mime, make(text, ann, ctx)}. */
export const FORMATS = {
  project: {
    label: 'Project JSON',
    ext: 'annotator.json',
    mime: 'application/json',
    make: (text, ann, ctx = {}) => JSON.stringify(toProject(text, ann, ctx), null, 1),
  },
  webanno: {
    label: 'Web Annotation (JSON-LD)',
    ext: 'jsonld',
    mime: 'application/ld+json',
    make: (text, ann, ctx = {}) => JSON.stringify(toWebAnnotation(text, ann, ctx), null, 1),
  },
  displacy: {
    label: 'displaCy JSON',
    ext: 'displacy.json',
    mime: 'application/json',
    make: (text, ann, ctx = {}) => JSON.stringify(toDisplacy(text, ann, ctx.title ?? null, ctx.view ?? null)),
  },
  quotes: {
    label: 'Quotes CSV',
    ext: 'quotes.csv',
    mime: 'text/csv',
    make: (text, ann) => BOM + quotesCsv(text, ann),
  },
  speakers: {
    label: 'Speakers CSV',
    ext: 'speakers.csv',
    mime: 'text/csv',
    make: (text, ann) => BOM + speakersCsv(text, ann),
  },
  html: {
    label: 'HTML page',
    ext: 'html',
    mime: 'text/html',
    make: (text, ann, ctx = {}) => toHtml(text, ann, ctx),
  },
  clean: {
    label: 'Clean text',
    ext: 'txt',
    mime: 'text/plain',
    make: (text, ann) => cleanText(text, ann && ann.boilerplate),
  },
};

/**
 * Plain text of an HTML document for annotation, from a DOMParser document
 * (inert: its scripts never run and it is never inserted into the page).
 * Text comes from text nodes (textContent); each block element (and each
 * <br>) ends a line, so paragraphs become lines; blank lines are dropped.
 */
export function htmlDocText(doc) {
  const BLOCK = new Set([
    'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'FOOTER',
    'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE',
    'SECTION', 'TABLE', 'TR', 'UL', 'TITLE',
  ]);
  const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'OBJECT', 'HEAD']);
  const parts = [];
  const walk = (node) => {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) parts.push(c.textContent.replace(/\s+/g, ' '));
      else if (c.nodeType === 1) {
        const tag = c.nodeName.toUpperCase();
        if (SKIP.has(tag)) continue;
        if (tag === 'BR') {
          parts.push('\n');
          continue;
        }
        const block = BLOCK.has(tag);
        if (block) parts.push('\n');
        walk(c);
        if (block) parts.push('\n');
      }
    }
  };
  const title = doc.querySelector && doc.querySelector('title');
  if (title && title.textContent.trim()) parts.push(title.textContent.trim(), '\n');
  if (doc.body) walk(doc.body);
  return parts
    .join('')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n');
}
