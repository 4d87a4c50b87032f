// Pure rendering: an annotation (UTF-16 offsets, as the wasm API returns it)
// becomes DOM nodes built with createElement + textContent. User text is
// never parsed as markup.

/** Entity labels the page knows, in legend order, with readable names. */
export const LABELS = [
  ['PERSON', 'People'],
  ['ORG', 'Organisations'],
  ['PLACE', 'Places'],
  ['DATE', 'Dates'],
  ['MISC', 'Other names'],
];
const KNOWN = new Set(LABELS.map(([l]) => l));

/** A class-safe key for any label string ("PERSON" -> "PERSON"). */
export function labelKey(label) {
  const s = String(label ?? '').replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40);
  return s || 'UNKNOWN';
}

/** The CSS class that colours a label; unknown labels share one colour. */
export function labelClass(label) {
  const k = labelKey(label);
  return KNOWN.has(k) ? `L-${k}` : 'L-other';
}

const arr = (x) => (Array.isArray(x) ? x : []);

/**
 * Bidirectional embedding, override and isolate controls (U+202A-U+202E,
 * U+2066-U+2069): invisible, yet they reorder the text around them, so a
 * text could look different from what it is. The view and the lists show
 * each as a visible placeholder (as code hosts do).
 */
export const BIDI_RE = /[\u202A-\u202E\u2066-\u2069]/;
const BIDI_SPLIT = /([\u202A-\u202E\u2066-\u2069])/;
const BIDI_NAMES = {
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
};

/**
 * Appends `s` to `node` as text; each bidi control becomes
 * <span class="bidi" data-cp="U+202E">(the character)</span>: the character
 * stays in the text (copying and textContent are unchanged), the span
 * isolates it so it reorders nothing, and CSS draws its code as a marker.
 */
export function appendText(doc, node, s) {
  if (!BIDI_RE.test(s)) {
    node.appendChild(doc.createTextNode(s));
    return;
  }
  s.split(BIDI_SPLIT).forEach((part, k) => {
    if (!part) return;
    if (k % 2 === 0) {
      node.appendChild(doc.createTextNode(part));
      return;
    }
    const c = part.codePointAt(0);
    const el = doc.createElement('span');
    el.className = 'bidi';
    el.dataset.cp = `U+${c.toString(16).toUpperCase()}`;
    el.title = `Invisible control character ${el.dataset.cp} ${BIDI_NAMES[c] || ''}`.trim();
    el.textContent = part;
    node.appendChild(el);
  });
}

/** An element's text set safely: as textContent, bidi controls made visible. */
export function setText(el, s) {
  while (el.firstChild) el.removeChild(el.firstChild);
  appendText(el.ownerDocument, el, s);
  return el;
}
const str = (x) => (typeof x === 'string' ? x : x == null ? '' : String(x));

/** [s, e) when it is a non-empty span inside the text, else null. */
function clampSpan(s, e, len) {
  if (!Number.isInteger(s) || !Number.isInteger(e)) return null;
  return s >= 0 && s < e && e <= len ? [s, e] : null;
}

/**
 * Check and tidy an annotation so the page can render whatever arrives:
 * missing lists become empty, empty spans or spans outside the text are dropped, groups are
 * derived from the mentions when absent. Indices refer to the input lists.
 */
export function normalize(text, ann) {
  const len = text.length;
  const a = ann && typeof ann === 'object' ? ann : {};
  const entities = [];
  arr(a.entities).forEach((m, i) => {
    if (!m || typeof m !== 'object') return;
    const sp = clampSpan(m.start, m.end, len);
    if (!sp) return;
    const label = str(m.label) || 'UNKNOWN';
    const entity = Number.isInteger(m.entity) ? m.entity : null;
    entities.push({ i, start: sp[0], end: sp[1], label, entity });
  });
  const byIdx = new Map(entities.map((m) => [m.i, m]));

  // Groups: as given, but their mentions must be rendered mentions.
  const groups = [];
  const seen = new Set();
  arr(a.groups).forEach((g, gi) => {
    if (!g || typeof g !== 'object') return;
    const id = Number.isInteger(g.id) ? g.id : gi;
    if (seen.has(id)) return;
    seen.add(id);
    let mentions = arr(g.mentions).filter((x) => byIdx.has(x));
    if (!mentions.length) mentions = entities.filter((m) => m.entity === id).map((m) => m.i);
    if (!mentions.length) return;
    const first = byIdx.get(mentions[0]);
    groups.push({
      id,
      label: str(g.label) || first.label,
      name: str(g.name) || text.slice(first.start, first.end),
      mentions,
    });
  });
  // Mentions no group claims get a group of their own per entity index.
  const claimed = new Set(groups.flatMap((g) => g.mentions));
  const orphans = new Map();
  for (const m of entities) {
    if (claimed.has(m.i)) continue;
    const key = m.entity !== null && !seen.has(m.entity) ? `e${m.entity}` : `m${m.i}`;
    if (!orphans.has(key)) orphans.set(key, []);
    orphans.get(key).push(m);
  }
  // (No spread into Math.max: long argument lists overflow the stack.)
  let nextId = 1 + groups.reduce((a, g) => Math.max(a, g.id), entities.reduce((a, m) => Math.max(a, m.entity ?? -1), -1));
  for (const [key, ms] of orphans) {
    const id = key[0] === 'e' ? ms[0].entity : nextId++;
    seen.add(id);
    groups.push({ id, label: ms[0].label, name: text.slice(ms[0].start, ms[0].end), mentions: ms.map((m) => m.i) });
  }
  // Each mention points at the group that lists it.
  const groupOf = new Map();
  for (const g of groups) for (const mi of g.mentions) if (!groupOf.has(mi)) groupOf.set(mi, g.id);
  for (const m of entities) m.group = groupOf.get(m.i) ?? null;

  const quotes = [];
  arr(a.quotes).forEach((q, i) => {
    if (!q || typeof q !== 'object') return;
    const sp = clampSpan(q.start, q.end, len);
    if (!sp) return;
    const ss = Array.isArray(q.speaker_span) ? clampSpan(q.speaker_span[0], q.speaker_span[1], len) : null;
    const se = Number.isInteger(q.speaker_entity) && seen.has(q.speaker_entity) ? q.speaker_entity : null;
    quotes.push({
      i,
      start: sp[0],
      end: sp[1],
      speaker: str(q.speaker) || null,
      speakerSpan: ss,
      speakerEntity: se,
      unclosed: q.unclosed === true,
    });
  });

  const boilerplate = [];
  arr(a.boilerplate).forEach((b, i) => {
    if (!b || typeof b !== 'object') return;
    const sp = clampSpan(b.start, b.end, len);
    if (!sp) return;
    boilerplate.push({ i, start: sp[0], end: sp[1], kind: str(b.kind) || 'other' });
  });

  // The article's header lines (headline, standfirst, byline, date), in text order.
  const parts = [];
  arr(a.parts).forEach((p) => {
    if (!p || typeof p !== 'object') return;
    const sp = clampSpan(p.start, p.end, len);
    if (!sp) return;
    parts.push({ start: sp[0], end: sp[1], part: str(p.part) || 'other' });
  });

  return { entities, groups, quotes, boilerplate, parts };
}

/**
 * The article's header as a reader sees it: its headline and one line of who and when
 * ("By Ann Ruiz · Updated 12 March 2024"), from the parts' own text. Empty strings when the
 * text has none.
 */
export function articleHead(text, parts) {
  const line = (p) => text.slice(p.start, p.end).trim();
  const headline = parts.find((p) => p.part === 'headline');
  const meta = [];
  for (const kind of ['byline', 'date', 'outlet']) {
    const p = parts.find((x) => x.part === kind);
    if (p && !meta.includes(line(p))) meta.push(line(p));
  }
  return { headline: headline ? line(headline) : '', meta: meta.join(' · ') };
}

/**
 * The page clutter before the article: where the article's body begins (the
 * start of the first line that is neither boilerplate nor a header part) and
 * the boilerplate lines before it. A whole page pasted as text (Ctrl+A,
 * Ctrl+C) opens with tens of menu and sign-in lines; the view folds them into
 * one line. `{end, lines}`: lines 0 when nothing comes before the body.
 */
export function leadClutter(text, norm) {
  // Spans sorted by start, walked with one cursor each (lines come in order).
  const cursor = (spans) => {
    const list = [...spans].sort((a, b) => a.start - b.start);
    let k = 0;
    let reach = -1; // the furthest end among spans started so far
    return (i) => {
      while (k < list.length && list[k].start <= i) reach = Math.max(reach, list[k++].end);
      return i < reach;
    };
  };
  const inBp = cursor(norm.boilerplate);
  const inPart = cursor(norm.parts);
  let lines = 0;
  let pos = 0;
  while (pos < text.length) {
    let e = text.indexOf('\n', pos);
    if (e < 0) e = text.length;
    const line = text.slice(pos, e);
    if (line.trim()) {
      const first = pos + (line.length - line.trimStart().length);
      const bp = inBp(first);
      const part = inPart(first);
      if (bp) lines++;
      else if (!part) return { end: pos, lines };
    }
    pos = e + 1;
  }
  return { end: text.length, lines };
}

/**
 * When [s, e) is a whole line (up to trailing spaces), the end of what hides
 * with it: its trailing spaces, its line break and the blank lines after it;
 * else `e`.
 */
export function lineTail(text, s, e) {
  if (!(s === 0 || text[s - 1] === '\n')) return e;
  let i = e;
  while (text[i] === ' ' || text[i] === '\t' || text[i] === '\r') i++;
  if (i < text.length && text[i] !== '\n') return e;
  if (i >= text.length) return i;
  i++;
  // Blank lines after it (only spaces): hidden too.
  for (;;) {
    let j = i;
    while (text[j] === ' ' || text[j] === '\t' || text[j] === '\r') j++;
    if (text[j] !== '\n') return i;
    i = j + 1;
  }
}

// Nesting order for spans that share a range: boilerplate outside quotes,
// quotes outside speakers, speakers outside mentions.
const PRIO = { bp: 0, nl: 0, q: 1, spk: 2, m: 3 };

function cmp(x, y) {
  return x.start - y.start || y.end - x.end || PRIO[x.kind] - PRIO[y.kind] || x.n - y.n;
}

/**
 * Build the highlighted text. Spans nest as elements; a span that crosses
 * the end of the one it opened inside is split in two (both pieces carry the
 * same data-* index, the second has class "cont"). Returns the fragment and
 * indexes of the created elements.
 */
export function buildView(doc, text, norm) {
  const b = viewBuilder(doc, text, norm);
  const fragment = doc.createDocumentFragment();
  b.next(fragment);
  return { fragment, layers: b.layers, byGroup: b.byGroup, byQuote: b.byQuote };
}

/**
 * Every span to draw, sorted for nesting (cmp): boilerplate lines (with the
 * line breaks that hide with them), quotes, speakers, mentions. `n` numbers
 * them in creation order, for a stable sort.
 */
function viewItems(text, norm) {
  const items = [];
  let n = 0;
  for (const b of norm.boilerplate) {
    items.push({ kind: 'bp', start: b.start, end: b.end, src: b, n: n++ });
    // The line break after a whole boilerplate line hides with it, and so
    // do the blank lines after it: hidden lines take no space.
    const e = lineTail(text, b.start, b.end);
    if (e > b.end) items.push({ kind: 'nl', start: b.end, end: e, src: b, n: n++ });
  }
  for (const q of norm.quotes) {
    items.push({ kind: 'q', start: q.start, end: q.end, src: q, n: n++ });
    if (q.speakerSpan) items.push({ kind: 'spk', start: q.speakerSpan[0], end: q.speakerSpan[1], src: q, n: n++ });
  }
  for (const m of norm.entities) items.push({ kind: 'm', start: m.start, end: m.end, src: m, n: n++ });
  items.sort(cmp);
  return items;
}

/** Adds `el` to the list under key `k` of `map`. */
function pushTo(map, k, el) {
  let l = map.get(k);
  if (!l) map.set(k, (l = []));
  l.push(el);
}

/**
 * The element factory of a view: `make(item, cont)` returns the element of
 * one span, its class, data attributes and tooltip, and files it under its
 * layer (`layers`: 'e:PERSON', 'q', 'bp'), its entity group (`byGroup`) and
 * its quote (`byQuote`); a layer switched off (`isOff`) starts off.
 */
function elementMaker(doc, text, norm, isOff, lead, describe) {
  const groupName = new Map(norm.groups.map((g) => [g.id, g.name]));
  const layers = new Map();
  const byGroup = new Map();
  const byQuote = new Map();
  const layer = (key, el) => {
    pushTo(layers, key, el);
    if (isOff && isOff(key)) el.classList.add('off');
  };
  const make = (it, cont) => {
    let el;
    const s = it.src;
    if (it.kind === 'bp') {
      el = doc.createElement('span');
      el.className = 'bp';
      el.dataset.b = String(s.i);
      el.dataset.kind = s.kind;
      el.title = `Boilerplate: ${s.kind}`;
      if (describe) el.setAttribute('aria-describedby', 'desc-bp');
      if (it.start < lead) el.classList.add('lead');
      layer('bp', el);
    } else if (it.kind === 'nl') {
      el = doc.createElement('span');
      el.className = it.start <= lead ? 'bp-nl lead' : 'bp-nl';
    } else if (it.kind === 'q') {
      el = doc.createElement('span');
      el.className = s.unclosed ? 'q unclosed' : 'q';
      el.dataset.q = String(s.i);
      el.title = `Quote by ${s.speaker ?? 'an unknown speaker'}${s.unclosed ? ' (not closed)' : ''}`;
      layer('q', el);
      pushTo(byQuote, s.i, el);
    } else if (it.kind === 'spk') {
      el = doc.createElement('span');
      el.className = 'spk';
      el.dataset.spk = String(s.i);
      el.title = `Speaker of a quote: ${s.speaker ?? text.slice(it.start, it.end)}`;
      layer('q', el);
    } else {
      el = doc.createElement('mark');
      el.className = `e ${labelClass(s.label)}`;
      el.dataset.m = String(s.i);
      el.dataset.label = s.label;
      if (s.group !== null) el.dataset.g = String(s.group);
      const name = s.group !== null ? groupName.get(s.group) : '';
      el.title = name ? `${s.label}: ${name}` : s.label;
      // Read with the mark: its kind (a screen reader otherwise says only "mark").
      if (describe) el.setAttribute('aria-describedby', `desc-${labelClass(s.label)}`);
      layer(`e:${s.label}`, el);
      if (s.group !== null) pushTo(byGroup, s.group, el);
    }
    if (cont) el.classList.add('cont');
    return el;
  };
  return { make, layers, byGroup, byQuote };
}

/**
 * The end of the piece of at least `chunk` code units that starts at `from`:
 * after a line break, not inside a run of them (a line break at the very
 * end, or one after another, would lose its look at the end of a block).
 */
function pieceEnd(text, from, chunk) {
  if (!(text.length - from > chunk)) return text.length;
  let i = from + chunk - 1;
  for (;;) {
    i = text.indexOf('\n', i);
    if (i < 0 || i + 1 >= text.length) return text.length;
    const c = text[i - 1];
    if (c !== '\n' && c !== '\r') return i + 1;
    i += 1;
  }
}

/** Inserts `it` into the sorted `items` at or after index `from`, keeping the order. */
function insertSorted(items, from, it) {
  let lo = from;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cmp(items[mid], it) < 0) lo = mid + 1;
    else hi = mid;
  }
  items.splice(lo, 0, it);
}

/**
 * The view built piece by piece, so a long text shows its beginning at once
 * and the rest in later batches. Options:
 *   chunk   UTF-16 units per piece (default: the whole text in one piece).
 *           Pieces end at a line break; each piece goes into its own block
 *           (the caller's `root`), and the line break that ends a piece is
 *           kept in the text but hidden (class "cut"): the block boundary
 *           draws it, so the view looks, copies and reads as one text.
 *   isOff   layer key -> true when the layer's highlights start switched off.
 *   describe  true: marks and boilerplate lines name their kind for
 *           assistive technology (aria-describedby="desc-L-PERSON", "desc-bp":
 *           the page holds elements with those ids).
 *   lead    UTF-16 offset: boilerplate lines (and the line breaks that hide
 *           with them) before it get class "lead", the page clutter that the
 *           page folds (leadClutter(...).end).
 * Returns {next(root) -> {start, end} | null, done, layers, byGroup, byQuote};
 * the indexes grow as pieces are built.
 */
export function viewBuilder(doc, text, norm, { chunk = Infinity, isOff = null, lead = 0, describe = false } = {}) {
  const items = viewItems(text, norm);
  let n = items.length; // numbers for split remainders
  const { make, layers, byGroup, byQuote } = elementMaker(doc, text, norm, isOff, lead, describe);
  let pos = 0;
  let i = 0; // next item
  const builder = {
    layers,
    byGroup,
    byQuote,
    done: text.length === 0,
    /** Builds the next piece into `root`; null when everything is built. */
    next(root) {
      if (builder.done) return null;
      const start = pos;
      const end = pieceEnd(text, start, chunk);
      const cut = end < text.length;
      const stack = [{ node: root, end }];
      const top = () => stack[stack.length - 1];
      const emit = (upto) => {
        if (upto <= pos) return;
        if (cut && upto === end) {
          // The piece's last line break: in the text, drawn by the block end.
          if (end - 1 > pos) appendText(doc, top().node, text.slice(pos, end - 1));
          const br = doc.createElement('span');
          br.className = 'cut';
          br.textContent = text.slice(end - 1, end);
          top().node.appendChild(br);
        } else {
          appendText(doc, top().node, text.slice(pos, upto));
        }
        pos = upto;
      };
      // items is sorted; split remainders are inserted in order after index i.
      for (; i < items.length; i++) {
        const it = items[i];
        if (it.start >= end) break;
        while (stack.length > 1 && top().end <= it.start) {
          emit(top().end);
          stack.pop();
        }
        emit(it.start);
        const parent = top();
        let e = it.end;
        if (e > parent.end) {
          insertSorted(items, i + 1, { ...it, start: parent.end, n: n++, cont: true });
          e = parent.end;
        }
        if (e <= it.start) continue;
        const el = make(it, it.cont === true);
        parent.node.appendChild(el);
        stack.push({ node: el, end: e });
      }
      while (stack.length > 1) {
        emit(top().end);
        stack.pop();
      }
      emit(end);
      if (end >= text.length) builder.done = true;
      return { start, end };
    },
  };
  return builder;
}

/**
 * The text without its boilerplate, tidied as a reader wants it: each
 * boilerplate range is dropped (a whole line with its line break), runs of
 * blank lines become one blank line, and there are no blank lines at the
 * start or end (a final line break is kept when the text had one).
 */
export function cleanText(text, boilerplate) {
  const spans = arr(boilerplate)
    .map((b) => clampSpan(b && b.start, b && b.end, text.length))
    .filter(Boolean)
    .sort((x, y) => x[0] - y[0]);
  let out = '';
  let pos = 0;
  for (let [s, e] of spans) {
    if (e <= pos) continue;
    s = Math.max(s, pos);
    out += text.slice(pos, s);
    const atLineStart = s === 0 || text[s - 1] === '\n';
    if (atLineStart) {
      if (text.startsWith('\r\n', e)) e += 2;
      else if (text[e] === '\n' || text[e] === '\r') e += 1;
    }
    pos = e;
  }
  out += text.slice(pos);
  const nl = out.includes('\r\n') ? '\r\n' : '\n';
  const lines = out.split(/\r?\n/);
  const kept = [];
  for (const l of lines) {
    const blank = !l.trim();
    if (blank && (!kept.length || !kept[kept.length - 1].trim())) continue;
    kept.push(blank ? '' : l);
  }
  while (kept.length && !kept[kept.length - 1].trim()) kept.pop();
  if (!kept.length) return '';
  return kept.join(nl) + (/\n\s*$/.test(out) ? nl : '');
}

/** A one-line excerpt of at most `max` UTF-16 units (not splitting pairs). */
export function excerpt(s, max = 160) {
  const t = s.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  let cut = max - 1;
  const c = t.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff) cut -= 1;
  return `${t.slice(0, cut)}…`;
}
