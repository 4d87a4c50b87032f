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

import { cleanText } from './render.js';

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
    text,
    annotation: {
      entities: arr(a.entities),
      groups: arr(a.groups),
      quotes: arr(a.quotes),
      boilerplate: arr(a.boilerplate),
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
export function toWebAnnotation(text, ann, { source = 'urn:x-article-annotator:text', generator = null, id = null } = {}) {
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
  return coll;
}

// ------------------------------------------------------------------ displaCy

/**
 * displaCy's manual format: `{text, ents: [{start, end, label}], title}`,
 * offsets in code points (Python string indices), sorted by start.
 */
export function toDisplacy(text, ann, title = null) {
  const a = ann && typeof ann === 'object' ? ann : {};
  const cpAt = codePointIndex(text);
  const ents = [];
  for (const m of arr(a.entities)) {
    const sp = m && span(m.start, m.end, text.length);
    if (sp) ents.push({ start: cpAt(sp[0]), end: cpAt(sp[1]), label: String(m.label) });
  }
  ents.sort((x, y) => x.start - y.start || x.end - y.end);
  return { text, ents, title };
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

/** Parses RFC 4180 CSV into rows of strings (for tests and re-import). */
export function parseCsv(s) {
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
    make: (text, ann, ctx = {}) => JSON.stringify(toDisplacy(text, ann, ctx.title ?? null)),
  },
  quotes: {
    label: 'Quotes CSV',
    ext: 'quotes.csv',
    mime: 'text/csv',
    make: (text, ann) => quotesCsv(text, ann),
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
