// The page: paste -> worker (wasm) -> highlighted view, legend, lists.
// All user text reaches the DOM through textContent / text nodes only.
import { LABELS, labelClass, normalize, viewBuilder, cleanText, excerpt, appendText, articleHead, leadClutter } from './render.js';
import { quoteStats } from './exports.js';
import { installExtras } from './extras.js';
import { adoptPalette } from './palette.js';

adoptPalette(document);

const $ = (id) => document.getElementById(id);
const ui = {
  text: $('text'),
  annotate: $('annotate'),
  example: $('example'),
  hideBp: $('hide-bp'),
  showInBp: $('show-in-bp'),
  copy: $('copy-clean'),
  exportBtn: $('export'),
  clear: $('clear'),
  status: $('status'),
  progress: $('progress'),
  cancel: $('cancel'),
  undo: $('undo'),
  view: $('view'),
  head: $('article-head'),
  fold: $('fold'),
  langNote: $('lang-note'),
  legend: $('legend'),
  entities: $('entities'),
  entFilter: $('ent-filter'),
  entsN: $('ents-n'),
  quotes: $('quotes'),
  quotesN: $('quotes-n'),
  speakers: $('speakers'),
  speakersN: $('speakers-n'),
  input: $('input'),
  collapse: $('collapse'),
  version: $('version'),
};

const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');

// ---------------------------------------------------------------- state

const state = {
  text: '', // the text the view shows
  raw: null, // the annotation as received
  norm: null, // normalize(text, raw)
  index: null, // buildView's element indexes
  off: new Set(), // layer keys switched off ('e:PERSON', 'q', 'bp')
  hideBp: false,
  showInBp: false, // mark names and quotes inside boilerplate lines too
  cursor: new Map(), // group id / 'q'+index -> next element to scroll to
  options: undefined, // annotate() options; the defaults (all layers)
  // {html, text} while the textarea holds the text the core derived from a
  // pasted or opened HTML (options changing re-annotate the HTML); null once
  // the text is edited (then it is annotated as plain text).
  fromHtml: null,
  lead: { end: 0, lines: 0 }, // the page clutter before the article (leadClutter)
  leadOpen: false, // the folded clutter shown (per text)
  langAnyway: false, // names and quotes of a non-English text marked all the same (per text)
};

// Render a result, keeping the status line in step with the view (it says
// "Showing it…" while a long view is still being built in pieces).
function show(text, result, done) {
  try {
    render(text, result, () => setStatus(done(), 'done'));
    if (ui.view.hasAttribute('aria-busy')) setStatus(`${done()} Showing it…`, 'busy');
  } catch (e) {
    console.warn(e);
    setStatus(`Could not show the result: ${e.message}`, 'error');
  }
}

function setStatus(msg, kind = 'info') {
  ui.status.textContent = msg;
  ui.status.dataset.state = kind; // info | busy | done | error
  ui.status.classList.toggle('error', kind === 'error');
}

const fmt = (n) => n.toLocaleString('en');
const plural = (n, one, many = `${one}s`) => `${fmt(n)} ${n === 1 ? one : many}`;

// ---------------------------------------------------------------- worker

let worker = null;
let workerReady = null;
let nextId = 1;
const waiting = new Map();

// www/boot.js started the first worker (and the wasm download) before this
// module loaded; later workers come from it too. Without it (single-file
// build) the worker is started here.
const boot = globalThis.__annotatorBoot || null;

function startWorker() {
  let early = [];
  if (boot && boot.first) {
    worker = boot.first;
    early = boot.early;
    boot.first = null;
  } else if (boot) {
    worker = boot.spawn();
  } else {
    worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  }
  let readyOk;
  let readyErr;
  workerReady = new Promise((res, rej) => {
    readyOk = res;
    readyErr = rej;
  });
  workerReady.catch(() => {});
  worker.onmessage = (ev) => {
    const msg = ev.data || {};
    if (msg.id === 0) {
      mark('annotator:ready');
      if (msg.ok) readyOk(msg.result);
      else readyErr(new Error(msg.error));
      return;
    }
    const w = waiting.get(msg.id);
    if (!w) return;
    if (typeof msg.progress === 'number') {
      if (w.onProgress) w.onProgress(msg.progress);
      return;
    }
    waiting.delete(msg.id);
    if (msg.ok) w.resolve({ result: msg.result, ms: msg.ms });
    else {
      w.reject(new Error(msg.error));
      if (msg.fatal) restartWorker();
    }
  };
  worker.onerror = (ev) => {
    ev.preventDefault();
    const err = new Error(`the annotator could not be started (${ev.message || 'worker error'})`);
    readyErr(err);
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  };
  for (const ev of early.splice(0)) {
    if (ev.type === 'error') worker.onerror(ev);
    else worker.onmessage(ev);
  }
}

function restartWorker(why = 'the annotator stopped and was restarted') {
  if (worker) worker.terminate();
  const err = new Error(why);
  for (const w of waiting.values()) w.reject(err);
  waiting.clear();
  startWorker();
}

function call(op, payload = {}, onProgress = null) {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    waiting.set(id, { resolve, reject, onProgress });
    worker.postMessage({ id, op, ...payload });
  });
}

// ---------------------------------------------------------------- annotate

let inflight = false;
let again = false;
let seq = 0; // the newest request (plain or HTML); older results are not shown
let htmlBusy = 0; // HTML requests in flight

/** Annotate the textarea's current text; newer requests supersede older. */
function annotateNow() {
  clearTimeout(typingTimer);
  if (inflight) {
    again = true;
    return;
  }
  const text = ui.text.value;
  // Unedited text from an HTML paste (e.g. an option changed): the HTML again.
  if (state.fromHtml && state.fromHtml.text === text && text.trim()) {
    annotateHtmlNow(state.fromHtml.html, text);
    return;
  }
  const edited = state.fromHtml !== null && text.trim() !== '';
  state.fromHtml = null;
  const my = ++seq;
  if (!text.trim()) {
    render('', null);
    setStatus('Paste an article to annotate it.');
    return;
  }
  inflight = true;
  cancelled = false;
  const busy = `Annotating ${plural(text.length, 'character')}…`;
  busyText = busy;
  if (ready) setStatus(busy, 'busy');
  else showLoading();
  showBusy(true);
  const onProgress = (p) => {
    ui.progress.hidden = false;
    ui.progress.value = p;
    ui.status.textContent = `${busy} ${Math.round(p * 100)}%`;
  };
  call('annotate', { text, options: state.options }, onProgress)
    .then(
      ({ result, ms }) => {
        mark('annotator:result');
        if (again || my !== seq) return;
        const done = () => summary(state.norm, text, ms) + (edited ? ' Edited after the HTML paste: annotated as plain text.' : '');
        show(text, result, done);
      },
      (e) => {
        if (again || my !== seq) return;
        // The textarea keeps its text; the view keeps the last good result.
        if (cancelled) setStatus('Cancelled. The text is kept; press Annotate to try again.', 'cancelled');
        else setStatus(`Could not annotate this text: ${e.message}`, 'error');
      },
    )
    .finally(() => {
      inflight = false;
      if (!htmlBusy) showBusy(false);
      if (again) {
        again = false;
        annotateNow();
      }
    });
}

let cancelled = false;

/**
 * Annotate `html` with the core's HTML path (the core's own parser reads it;
 * it never reaches the page's DOM) and, when the textarea still holds
 * `expect` (its value when the paste or file came), replace the textarea's
 * whole text with the text the core derived, so the textarea shows exactly
 * the annotated text; the result is shown as it is (no second annotation).
 * `plain` (a paste's text/plain) is used instead when the HTML has no text.
 */
function annotateHtmlNow(html, expect, plain = '') {
  clearTimeout(typingTimer);
  const my = ++seq;
  cancelled = false;
  htmlBusy++;
  const busy = `Annotating ${plural(html.length, 'character')} of HTML…`;
  busyText = busy;
  if (ready) setStatus(busy, 'busy');
  else showLoading();
  showBusy(true);
  call('annotateHtml', { html, options: state.options })
    .then(
      ({ result, ms }) => {
        mark('annotator:result');
        if (my !== seq) return;
        if (ui.text.value !== expect) {
          setStatus('The text changed while the HTML was read; the HTML was not used.', 'done');
          return;
        }
        const text = typeof result.text === 'string' ? result.text : '';
        if (!text.trim()) {
          state.fromHtml = null;
          if (plain.trim()) {
            insertText(plain.replace(/\r\n?/g, '\n'), true, 'html');
            annotateNow();
          } else setStatus('The HTML has no text to annotate.', 'done');
          return;
        }
        if (ui.text.value !== text) insertText(text, true, 'html');
        setCollapsed(true);
        state.fromHtml = { html, text };
        const done = () => summary(state.norm, text, ms, true);
        show(text, result, done);
      },
      (e) => {
        if (my !== seq) return;
        if (cancelled) setStatus('Cancelled. The text is kept; press Annotate to try again.', 'cancelled');
        else if (plain.trim() && ui.text.value === expect) {
          // E.g. HTML over the core's size limit: the paste's plain text.
          console.warn(`the HTML could not be annotated (${e.message}); using the plain text`);
          insertText(plain.replace(/\r\n?/g, '\n'), true, 'html');
          setCollapsed(true);
          annotateNow();
        } else setStatus(`Could not annotate this HTML: ${e.message}`, 'error');
      },
    )
    .finally(() => {
      htmlBusy--;
      if (!htmlBusy && !inflight) showBusy(false);
    });
}

/** The progress bar and Cancel button show while a long text is annotated. */
function showBusy(on) {
  ui.cancel.hidden = !on;
  if (!on) {
    busyText = '';
    ui.progress.hidden = true;
    ui.progress.value = 0;
    if (!ready) showLoading();
  }
}

// ---------------------------------------------------------------- loading

// Until the annotator is ready the status line says what is happening, as it
// happens: the wasm's download with its true progress (www/boot.js counts
// the bytes), then its preparation (compiling, starting); a text that waits
// for it says so (it is annotated once the annotator is ready).
let ready = false;
let busyText = ''; // the request in flight ('' none): shown once ready
const mb = (n) => `${(n / 1e6).toFixed(1)} MB`;

function loadingText() {
  const p = boot && boot.progress;
  if (!p || p.failed || (!p.loaded && !p.done)) return 'Loading the annotator…';
  if (p.done) return 'Preparing the annotator…';
  // In steps of 5% (the status is read out by screen readers; the bar moves finer).
  if (p.total) return `Downloading the annotator: ${Math.min(95, 5 * Math.floor((p.loaded / p.total) * 20))}% of ${mb(p.total)}…`;
  return `Downloading the annotator: ${mb(p.loaded)}…`;
}

function showLoading() {
  if (ready) return;
  const p = boot && boot.progress;
  const waitsFor = busyText ? ` Your text is annotated as soon as it is ready.` : '';
  const msg = `${loadingText()}${waitsFor}`;
  if (ui.status.textContent !== msg) setStatus(msg, 'loading');
  if (p && p.total && !p.done) {
    ui.progress.hidden = false;
    ui.progress.value = Math.min(1, p.loaded / p.total);
  } else if (!busyText) ui.progress.hidden = true;
}

let loadingFrame = false;
if (boot && boot.onProgress) {
  boot.onProgress(() => {
    if (ready || loadingFrame) return;
    loadingFrame = true;
    later(() => {
      loadingFrame = false;
      showLoading();
    });
  });
}

// Cancel stops the worker mid-text (wasm cannot be interrupted otherwise)
// and starts a fresh one; the textarea and the last view are kept.
ui.cancel.addEventListener('click', () => {
  if (!inflight && !htmlBusy) return;
  cancelled = true;
  again = false;
  restartWorker('cancelled');
});

function summary(norm, text, ms, fromHtml = false) {
  const parts = [
    plural(norm.entities.length, 'name'),
    plural(norm.groups.length, 'entity', 'entities'),
    plural(norm.quotes.length, 'quote'),
    plural(norm.boilerplate.length, 'boilerplate line'),
  ];
  const t = typeof ms === 'number' ? ` in ${Math.max(1, Math.round(ms))} ms` : '';
  const l = foreign(state.raw);
  const lang = l && !state.langAnyway ? ` Not English (${languageName(l)}): names and quotes are not marked.` : '';
  return `Annotated ${plural(text.length, 'character')}${fromHtml ? ' from HTML' : ''}${t}: ${parts.join(', ')}.${lang}`;
}

// ---------------------------------------------------------------- render

function clearChildren(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/** An element; its text (never markup) shows bidi controls as markers. */
function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) appendText(document, e, String(text));
  return e;
}

/**
 * The annotation as shown: names inside boilerplate lines are left out
 * unless asked for (nulls keep the other mentions' indices); a text the core
 * says is not English shows no names or quotes (the layers read English
 * only) unless the reader asks for them.
 */
function shown(ann) {
  ann = trusted(ann);
  if (state.showInBp || !ann || !Array.isArray(ann.entities)) return ann;
  return { ...ann, entities: ann.entities.map((m) => (m && m.boilerplate === true ? null : m)) };
}

/** The text's language when the core says it is not English (else null). */
function foreign(ann) {
  const l = ann && typeof ann.language === 'string' ? ann.language : '';
  return l && l !== 'en' && l !== 'und' ? l : null;
}

/** `ann` without the marks the page cannot stand behind (names and quotes of a non-English text). */
function trusted(ann) {
  if (!foreign(ann) || state.langAnyway) return ann;
  return { ...ann, entities: [], groups: [], quotes: [] };
}

const LANGUAGES = {
  de: 'German', fr: 'French', es: 'Spanish', it: 'Italian', pt: 'Portuguese', nl: 'Dutch', sv: 'Swedish',
  da: 'Danish', nb: 'Norwegian', fi: 'Finnish', pl: 'Polish', cs: 'Czech', ro: 'Romanian', hu: 'Hungarian',
  tr: 'Turkish', id: 'Indonesian', ru: 'Russian', uk: 'Ukrainian', el: 'Greek', he: 'Hebrew', ar: 'Arabic',
  hi: 'Hindi', th: 'Thai', ko: 'Korean', ja: 'Japanese', zh: 'Chinese',
};
const languageName = (code) => LANGUAGES[code] || code;

/** The plain note above the view when the text is not English. */
function renderLangNote() {
  const l = foreign(state.raw);
  clearChildren(ui.langNote);
  ui.langNote.hidden = !l;
  if (!l) return;
  const looks = LANGUAGES[l] ? `This text looks ${LANGUAGES[l]}.` : `This text is not in English (language code ${l}).`;
  const b = el('button', 'link');
  b.type = 'button';
  b.id = 'lang-anyway';
  b.setAttribute('aria-pressed', String(state.langAnyway));
  if (state.langAnyway) {
    ui.langNote.append(el('span', '', `${looks} The names and quotes below are marked as if it were English, and many are wrong. `));
    b.textContent = 'Hide them';
  } else {
    ui.langNote.append(el('span', '', `${looks} The annotator reads English only, so names and quotes are not marked; page clutter is. `));
    b.textContent = 'Mark them anyway';
  }
  ui.langNote.appendChild(b);
}

// Long texts are shown in pieces: the first FIRST_UNITS at once (more than a
// screenful), the rest in batches of about BATCH_MS per animation frame, so
// the page stays responsive while a 1 MB view is built.
const CHUNK_UNITS = 8 * 1024;
const FIRST_UNITS = 24 * 1024;
const BATCH_MS = 8;
const MAX_BATCH_MS = 100;

let job = 0; // the render in progress; a newer one supersedes it
let pending = null; // {work, finish} while parts of the view or lists remain

function mark(name) {
  try {
    performance.clearMarks(name);
    performance.mark(name);
  } catch {
    // no User Timing: nothing to record
  }
}

/**
 * Show `text` with annotation `ann` (as the wasm returns it, or null).
 * `onShown` runs once the whole text and both lists are on the page (at
 * once for short texts, after the last batch for long ones).
 */
function render(text, ann, onShown = null) {
  const my = ++job;
  pending = null;
  mark('annotator:render-start');
  if (text !== state.text) {
    state.leadOpen = false;
    state.langAnyway = false;
  }
  state.text = text;
  state.raw = ann;
  state.norm = normalize(text, shown(ann));
  state.lead = text ? leadClutter(text, state.norm) : { end: 0, lines: 0 };
  if (state.lead.lines < FOLD_MIN) state.lead = { end: 0, lines: 0 };
  state.cursor.clear();
  clearChildren(ui.view);
  // Work left after the first part: functions that do a little and return
  // true when they have finished.
  const work = [];
  if (!text) {
    state.index = { layers: new Map(), byGroup: new Map(), byQuote: new Map() };
    ui.view.appendChild(el('p', 'empty', 'The annotated text appears here.'));
  } else {
    const builder = viewBuilder(document, text, state.norm, {
      chunk: CHUNK_UNITS,
      isOff: (k) => state.off.has(k),
      lead: state.lead.end,
      describe: true,
    });
    state.index = builder;
    let units = 0;
    while (!builder.done && units < FIRST_UNITS) units += addPiece(builder);
    if (!builder.done) work.push(() => (addPiece(builder), builder.done));
  }
  renderHead();
  renderFold();
  renderLangNote();
  renderLegend();
  for (const rest of [renderEntities(), renderQuotes(), renderSpeakers()]) if (rest) work.push(rest);
  const finish = () => {
    pending = null;
    ui.view.removeAttribute('aria-busy');
    mark('annotator:view-complete');
    ui.view.dataset.rendered = String((Number(ui.view.dataset.rendered) || 0) + 1);
    if (onShown) onShown();
  };
  if (!work.length) {
    finish();
    return;
  }
  mark('annotator:first-part');
  ui.view.setAttribute('aria-busy', 'true');
  pending = { work, finish };
  // When the browser's own work between two batches (layout, paint of a
  // huge view or textarea) takes longer than a batch, the next batch gets
  // as long as that wait (up to MAX_BATCH_MS), so building is at least half
  // of the time: 50,000 short lines took 10 s in 8 ms batches.
  let budget = BATCH_MS;
  let ended = 0;
  const step = () => {
    if (my !== job || !pending) return;
    const t0 = performance.now();
    if (ended) budget = Math.min(MAX_BATCH_MS, Math.max(BATCH_MS, t0 - ended));
    while (work.length && performance.now() - t0 < budget) if (work[0]()) work.shift();
    ended = performance.now();
    if (!work.length) finish();
    else later(step);
  };
  later(step);
}

/** Appends the builder's next piece to the view; returns its length. */
function addPiece(builder) {
  const box = el('span', 'chunk');
  const r = builder.next(box);
  if (!r) return 0;
  ui.view.appendChild(box);
  return r.end - r.start;
}

/** Next frame; a hidden page gets no frames, so a timer there. */
function later(f) {
  if (document.hidden || typeof requestAnimationFrame !== 'function') setTimeout(f, 0);
  else requestAnimationFrame(f);
}

/** Builds what is left of the view and lists now (before scrolling to a mention). */
function finishRender() {
  const p = pending;
  if (!p) return;
  while (p.work.length) if (p.work[0]()) p.work.shift();
  p.finish();
}

/**
 * Fills `ul` with `make(item)` for each item: the first LIST_FIRST now;
 * returns null, or a function that adds the next LIST_BATCH and returns true
 * when the list is complete.
 */
function fillList(ul, items, make) {
  let k = 0;
  // A list rebuilt since (a toggle, the filter) ends this one's batches.
  const gen = (ul._gen = (ul._gen || 0) + 1);
  const more = (n) => {
    if (ul._gen !== gen) return true;
    const frag = document.createDocumentFragment();
    for (const end = Math.min(items.length, k + n); k < end; k++) {
      const li = make(items[k]);
      // One tab stop per list: its buttons are reached with the arrow keys.
      for (const b of li.querySelectorAll('button')) b.tabIndex = k === 0 && b === li.querySelector('button') ? 0 : -1;
      frag.appendChild(li);
    }
    ul.appendChild(frag);
    return k >= items.length;
  };
  return more(LIST_FIRST) ? null : () => more(LIST_BATCH);
}

/**
 * Arrow keys inside a list (entities, speakers, quotes): Up/Down (and
 * Left/Right) go to the previous or next button, Home and End to the first
 * and last; the button last focused is the list's one tab stop.
 */
function rovingList(ul) {
  ul.addEventListener('keydown', (ev) => {
    if (!['ArrowDown', 'ArrowUp', 'ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(ev.key)) return;
    const buttons = [...ul.querySelectorAll('button')];
    const at = buttons.indexOf(document.activeElement);
    if (at < 0 || !buttons.length) return;
    ev.preventDefault();
    let to = at;
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowRight') to = Math.min(buttons.length - 1, at + 1);
    else if (ev.key === 'ArrowUp' || ev.key === 'ArrowLeft') to = Math.max(0, at - 1);
    else if (ev.key === 'Home') to = 0;
    else to = buttons.length - 1;
    buttons[to].focus();
  });
  ul.addEventListener('focusin', (ev) => {
    const b = ev.target.closest('button');
    if (!b || !ul.contains(b) || b.tabIndex === 0) return;
    for (const o of ul.querySelectorAll('button[tabindex="0"]')) o.tabIndex = -1;
    b.tabIndex = 0;
  });
}
const LIST_FIRST = 200;
const LIST_BATCH = 200;

function layerCounts() {
  const n = state.norm;
  const counts = new Map();
  for (const [label] of LABELS) counts.set(`e:${label}`, 0);
  for (const m of n.entities) counts.set(`e:${m.label}`, (counts.get(`e:${m.label}`) || 0) + 1);
  counts.set('q', n.quotes.length);
  counts.set('bp', n.boilerplate.length);
  return counts;
}

/** The article's header above the view: its headline, then byline and date (text only). */
function renderHead() {
  const { headline, meta } = articleHead(state.text, state.norm.parts);
  clearChildren(ui.head);
  if (headline) ui.head.appendChild(el('p', 'head-title', headline));
  if (meta) ui.head.appendChild(el('p', 'head-meta', meta));
  ui.head.hidden = !headline && !meta;
}

// Page clutter before the article (a whole page pasted as text: menus,
// sign-in, section lists) folds into one line when there are at least
// FOLD_MIN such lines; the line's button shows and folds them again.
const FOLD_MIN = 3;

function renderFold() {
  const n = state.lead.lines;
  ui.fold.hidden = n === 0;
  ui.view.classList.toggle('fold-lead', n > 0 && !state.leadOpen);
  if (!n) return;
  const b = ui.fold.querySelector('button');
  b.setAttribute('aria-expanded', String(state.leadOpen));
  b.textContent = state.leadOpen ? `Fold the ${plural(n, 'line')} of page clutter` : `${plural(n, 'line')} of page clutter, show`;
}
ui.langNote.addEventListener('click', (ev) => {
  if (!ev.target.closest('#lang-anyway') || !state.raw) return;
  state.langAnyway = !state.langAnyway;
  const text = state.text;
  render(text, state.raw, () => setStatus(summary(state.norm, text), 'done'));
  const b = document.getElementById('lang-anyway');
  if (b) b.focus();
});

ui.fold.querySelector('button').addEventListener('click', () => {
  state.leadOpen = !state.leadOpen;
  renderFold();
});

function renderLegend() {
  clearChildren(ui.legend);
  const counts = layerCounts();
  const names = new Map(LABELS.map(([l, name]) => [`e:${l}`, name]));
  const entKeys = [...counts.keys()].filter((k) => k.startsWith('e:'));
  const groups = [
    ['Entities', entKeys],
    ['Quotes', ['q']],
    ['Page clutter', ['bp']],
  ];
  for (const [title, keys] of groups) {
    const box = el('div', 'legend-group');
    box.setAttribute('role', 'group');
    box.setAttribute('aria-label', title);
    for (const key of keys) {
      const label = key.startsWith('e:') ? key.slice(2) : null;
      const name = names.get(key) || (label ?? (key === 'q' ? 'Quotes' : 'Boilerplate'));
      const b = el('button', 'chip');
      b.type = 'button';
      b.dataset.layer = key;
      b.setAttribute('aria-pressed', String(!state.off.has(key)));
      const sw = el('span', `sw ${label ? labelClass(label) : key === 'q' ? 'sw-q' : 'sw-bp'}`);
      sw.setAttribute('aria-hidden', 'true');
      b.append(sw, el('span', 'name', name), el('span', 'count', fmt(counts.get(key) || 0)));
      b.title = `${state.off.has(key) ? 'Show' : 'Hide'} ${name.toLowerCase()} highlights`;
      box.appendChild(b);
    }
    ui.legend.appendChild(box);
  }
}

function applyLayer(key) {
  const els = state.index && state.index.layers.get(key);
  const off = state.off.has(key);
  if (els) for (const e of els) e.classList.toggle('off', off);
}

function toggleLayer(key) {
  if (state.off.has(key)) state.off.delete(key);
  else state.off.add(key);
  applyLayer(key);
  const b = ui.legend.querySelector(`button[data-layer="${CSS.escape(key)}"]`);
  if (b) {
    b.setAttribute('aria-pressed', String(!state.off.has(key)));
    const name = b.querySelector('.name').textContent;
    b.title = `${state.off.has(key) ? 'Show' : 'Hide'} ${name.toLowerCase()} highlights`;
  }
  // One view state: the side lists follow the layers, as the exports do.
  if (!state.norm || !(key === 'q' || key.startsWith('e:'))) return;
  for (const make of key === 'q' ? [renderQuotes, renderSpeakers] : [renderEntities]) rebuild(make);
}

/** Builds a side list again, all of it now (a render's batches of it stop: fillList). */
function rebuild(make) {
  const rest = make();
  if (rest) while (!rest());
}

/** The entity list, most mentioned first; returns the rest of the work or null. */
function renderEntities() {
  clearChildren(ui.entities);
  const { entities } = state.norm;
  const shownGroups = state.norm.groups.filter((g) => !state.off.has(`e:${g.label}`));
  const q = ui.entFilter.value.trim().toLowerCase();
  const groups = q ? shownGroups.filter((g) => g.name.toLowerCase().includes(q) || g.label.toLowerCase() === q) : shownGroups;
  const pos = new Map(entities.map((m) => [m.i, m.start]));
  const list = groups
    .map((g) => ({ g, n: g.mentions.length, first: g.mentions.reduce((a, i) => Math.min(a, pos.get(i) ?? Infinity), Infinity) }))
    .sort((a, b) => b.n - a.n || a.first - b.first);
  ui.entsN.textContent = !shownGroups.length ? '' : q ? `(${fmt(groups.length)} of ${fmt(shownGroups.length)})` : `(${fmt(groups.length)})`;
  if (!list.length) {
    const why = !state.text
      ? 'Nothing yet.'
      : q && shownGroups.length
        ? 'No entity matches the filter.'
        : state.norm.groups.length
          ? 'Their layers are switched off.'
          : 'No names found.';
    ui.entities.appendChild(el('li', 'none', why));
    return null;
  }
  return fillList(ui.entities, list, ({ g, n }) => {
    const li = el('li');
    const b = el('button', 'ent');
    b.type = 'button';
    b.dataset.g = String(g.id);
    b.title = `Show the ${plural(n, 'mention')} of ${g.name}`;
    b.append(el('span', `tag ${labelClass(g.label)}`, g.label), el('span', 'name', g.name), el('span', 'count', `×${fmt(n)}`));
    li.appendChild(b);
    return li;
  });
}

/** What an empty quote list or who-is-quoted panel says. */
function quotesNone() {
  if (!state.text) return 'Nothing yet.';
  return state.off.has('q') && state.norm.quotes.length ? 'Quotes are switched off (Layers).' : 'No quotes found.';
}

/** The quote list in text order; returns the rest of the work or null. */
function renderQuotes() {
  clearChildren(ui.quotes);
  const { groups } = state.norm;
  const quotes = state.off.has('q') ? [] : state.norm.quotes;
  const gname = new Map(groups.map((g) => [g.id, g]));
  ui.quotesN.textContent = quotes.length ? `(${fmt(quotes.length)})` : '';
  if (!quotes.length) {
    ui.quotes.appendChild(el('li', 'none', quotesNone()));
    return null;
  }
  return fillList(ui.quotes, quotes, (q) => {
    const li = el('li', 'quote');
    const b = el('button', 'qtext', excerpt(state.text.slice(q.start, q.end)));
    b.type = 'button';
    b.dataset.q = String(q.i);
    b.title = 'Show this quote in the text';
    const who = el('div', 'who');
    const g = q.speakerEntity !== null ? gname.get(q.speakerEntity) : null;
    const name = q.speaker || (g && g.name) || (q.speakerSpan ? state.text.slice(...q.speakerSpan) : null);
    if (g) {
      const chip = el('button', `speaker ${labelClass(g.label)}`, name);
      chip.type = 'button';
      chip.dataset.g = String(g.id);
      chip.title = `Show the mentions of ${g.name}`;
      who.appendChild(chip);
    } else if (name) {
      who.appendChild(el('span', 'speaker plain', name));
    } else {
      who.appendChild(el('span', 'speaker unknown', 'speaker unknown'));
    }
    if (q.unclosed) who.appendChild(el('span', 'flag', 'not closed'));
    li.append(b, who);
    return li;
  });
}

/**
 * Who is quoted: each speaker with quotes, words quoted and share of all
 * quoted words (a meter), then the unattributed quotes; a click steps
 * through that speaker's quotes in the text.
 */
function renderSpeakers() {
  clearChildren(ui.speakers);
  const ann = shown(state.raw);
  const st = quoteStats(state.text, state.off.has('q') && ann ? { ...ann, quotes: [] } : ann);
  state.speakers = st;
  ui.speakersN.textContent = st.speakers.length ? `(${fmt(st.speakers.length)})` : '';
  if (!st.speakers.length && !st.unattributed.quotes.length) {
    ui.speakers.appendChild(el('li', 'none', quotesNone()));
    return null;
  }
  const pct = (x) => `${(x * 100).toFixed(x > 0 && x < 0.1 ? 1 : 0)}%`;
  const row = (r, k, unknown) => {
    const li = el('li', unknown ? 'spk-row unattributed' : 'spk-row');
    const b = el('button', 'spk-btn');
    b.type = 'button';
    b.dataset.s = unknown ? 'none' : String(k);
    const n = r.quotes.length;
    b.title = `Step through the ${plural(n, 'quote')} ${unknown ? 'with no speaker' : `by ${r.name}`}`;
    const name = el('span', unknown ? 'name unknown' : `name ${r.label ? labelClass(r.label) : ''}`, unknown ? 'Unattributed' : r.name);
    const q = el('span', 'count n-quotes', plural(n, 'quote'));
    q.dataset.n = String(n);
    const w = el('span', 'count n-words', plural(r.words, 'word'));
    w.dataset.n = String(r.words);
    const share = el('span', 'count share', pct(r.share));
    share.dataset.share = String(r.share);
    const bar = el('meter');
    bar.min = 0;
    bar.max = 1;
    bar.value = r.share;
    bar.setAttribute('aria-hidden', 'true');
    b.append(name, q, w, share, bar);
    li.appendChild(b);
    return li;
  };
  const items = st.speakers.map((r, k) => [r, k, false]);
  if (st.unattributed.quotes.length) items.push([st.unattributed, -1, true]);
  return fillList(ui.speakers, items, ([r, k, u]) => row(r, k, u));
}

ui.speakers.addEventListener('click', (ev) => {
  const b = ev.target.closest('button[data-s]');
  if (!b || !state.index || !state.speakers) return;
  finishRender();
  const st = state.speakers;
  const r = b.dataset.s === 'none' ? st.unattributed : st.speakers[Number(b.dataset.s)];
  if (!r || !r.quotes.length) return;
  const key = `s${b.dataset.s}`;
  const k = state.cursor.get(key) || 0;
  state.cursor.set(key, k + 1);
  const qi = r.quotes[k % r.quotes.length];
  flash(state.index.byQuote.get(qi), `q${qi}`, 0);
  const who = b.dataset.s === 'none' ? 'with no speaker' : `by ${r.name}`;
  setStatus(`Quote ${fmt((k % r.quotes.length) + 1)} of ${fmt(r.quotes.length)} ${who}.`, 'done');
});

// ---------------------------------------------------------------- flash

const flashTimers = new WeakMap();

let currentEl = null;
let currentTimer = 0;

/** Flashes `els` and scrolls to the next of them (or to els[at]). */
function flash(els, key, at = null) {
  if (!els || !els.length) return;
  // Repeated clicks walk through the mentions.
  const k = at ?? (state.cursor.get(key) || 0);
  const target = els[k % els.length];
  if (at === null) state.cursor.set(key, k + 1);
  target.scrollIntoView({ block: 'center', behavior: reducedMotion.matches ? 'auto' : 'smooth' });
  // One forced layout restarts the animation of every mention (one per
  // mention made a click on a name with thousands of mentions take minutes).
  for (const e of els) e.classList.remove('flash', 'current');
  void ui.view.offsetWidth;
  for (const e of els) {
    e.classList.add('flash');
    clearTimeout(flashTimers.get(e));
    flashTimers.set(e, setTimeout(() => e.classList.remove('flash'), 2000));
  }
  // The "current" outline marks where the click went, then clears.
  if (currentEl) currentEl.classList.remove('current');
  clearTimeout(currentTimer);
  target.classList.add('current');
  currentEl = target;
  currentTimer = setTimeout(() => {
    target.classList.remove('current');
    if (currentEl === target) currentEl = null;
  }, 2000);
}

// ---------------------------------------------------------------- text input

/**
 * Replace the selection (or everything) with `s`. Not execCommand('insertText'),
 * which would keep the undo stack but costs time quadratic in the number of
 * lines in Chromium (160 ms for the 48-line example article, 18 s for 50 KB
 * of short lines).
 */
function insertText(s, all = false, why = 'replace') {
  if (all && s !== ui.text.value) remember(why, s);
  state.fromHtml = null; // a new text; annotateHtmlNow sets it after inserting
  ui.text.focus();
  const a = all ? 0 : ui.text.selectionStart;
  const b = all ? ui.text.value.length : ui.text.selectionEnd;
  ui.text.setRangeText(s, a, b, 'end');
  showUndo();
}

// ---------------------------------------------------------------- undo

// The page's own replaces of the whole text (Example article, Clear, an HTML
// paste, an opened file) are not in the textarea's undo history (a fast
// setRangeText, see insertText), so the page keeps its own: each replace
// records the text before it. Ctrl+Z (Cmd+Z) in the text box, or the Undo
// button, brings the text back while the box still holds what the replace
// put there; typing after a replace is undone by the browser first, and the
// next Ctrl+Z then undoes the replace. Ctrl+Shift+Z / Ctrl+Y redo it.
const UNDO_MAX = 20;
const UNDO_UNITS = 64 * 1024 * 1024; // the texts kept, in UTF-16 units at most
const undo = { back: [], forward: [] };
const WHY = {
  example: 'the example article',
  clear: 'Clear',
  html: 'the HTML paste',
  file: 'the opened file',
  project: 'the opened project',
  replace: 'the replace',
};

function remember(why, after) {
  undo.back.push({ why, before: ui.text.value, fromHtml: state.fromHtml, after, sel: [ui.text.selectionStart, ui.text.selectionEnd] });
  undo.forward.length = 0;
  const size = () => undo.back.reduce((n, e) => n + e.before.length + e.after.length, 0);
  while (undo.back.length > 1 && (undo.back.length > UNDO_MAX || size() > UNDO_UNITS)) undo.back.shift();
}

/** The replace that Ctrl+Z undoes now: the last, while the box holds what it put there. */
function undoable() {
  const e = undo.back[undo.back.length - 1];
  return e && e.after === ui.text.value ? e : null;
}
function redoable() {
  const e = undo.forward[undo.forward.length - 1];
  return e && e.before === ui.text.value ? e : null;
}

function showUndo() {
  const e = undoable();
  ui.undo.hidden = !e;
  if (e) ui.undo.title = `Bring back the text as it was before ${WHY[e.why] || WHY.replace} (Ctrl+Z)`;
}

/** Puts `value` in the box (fast, not in the browser's history) and annotates it. */
function restore(value, fromHtml, sel) {
  clearTimeout(typingTimer);
  ui.text.focus();
  ui.text.setRangeText(value, 0, ui.text.value.length, 'end');
  if (sel) ui.text.setSelectionRange(Math.min(sel[0], value.length), Math.min(sel[1], value.length));
  state.fromHtml = fromHtml && fromHtml.text === value ? fromHtml : null;
  if (value.trim()) {
    setCollapsed(ui.input.classList.contains('collapsed'));
    annotateNow();
  } else {
    setCollapsed(false);
    render('', null);
  }
}

function undoReplace() {
  const e = undoable();
  if (!e) return false;
  undo.back.pop();
  undo.forward.push(e);
  restore(e.before, e.fromHtml, e.sel);
  showUndo();
  if (!e.before.trim()) setStatus(`Undone: ${WHY[e.why] || WHY.replace}.`, 'done');
  return true;
}

function redoReplace() {
  const e = redoable();
  if (!e) return false;
  undo.forward.pop();
  undo.back.push(e);
  restore(e.after, null, null);
  showUndo();
  return true;
}

ui.undo.addEventListener('click', () => {
  if (!undoReplace()) showUndo();
});
ui.text.addEventListener('keydown', (ev) => {
  if (!(ev.ctrlKey || ev.metaKey) || ev.altKey) return;
  const k = ev.key.toLowerCase();
  if (k === 'z' && !ev.shiftKey) {
    if (undoReplace()) ev.preventDefault();
  } else if ((k === 'z' && ev.shiftKey) || (k === 'y' && !ev.metaKey)) {
    if (redoReplace()) ev.preventDefault();
  }
});

let typingTimer = 0;

// Tags that only a structured page (a browser's copy of a web page) has; an
// editor's or terminal's text/html wraps the plain text in div, span, pre,
// br and styles only, and is pasted as plain text.
const STRUCTURE = /<(?:p|h[1-6]|nav|article|section|aside|header|footer|main|figure|figcaption|li|blockquote|table|a|address|time)[\s>\/]/i;

// A paste carrying a web page's HTML goes through the core's HTML path, when
// it replaces the whole text (a paste into the middle of a text stays plain,
// so that the textarea always holds exactly the annotated text).
ui.text.addEventListener('paste', (ev) => {
  const dt = ev.clipboardData;
  if (!dt || ![...dt.types].includes('text/html')) return;
  const html = dt.getData('text/html');
  if (!html || !STRUCTURE.test(html)) return;
  const v = ui.text.value;
  const a = ui.text.selectionStart;
  const b = ui.text.selectionEnd;
  if (v.slice(0, a).trim() || v.slice(b).trim()) return;
  ev.preventDefault();
  annotateHtmlNow(html, v, dt.getData('text/plain'));
});

// A paste is the browser's own (fast, undoable; the textarea turns CR LF and
// CR into LF); its input event starts the annotation at once.
ui.text.addEventListener('input', (ev) => {
  showUndo();
  if (ev.inputType === 'insertFromPaste' || ev.inputType === 'insertFromDrop') {
    // After a paste the article is read in the view: the input collapses.
    if (ui.text.value.trim()) setCollapsed(true);
    annotateNow();
    return;
  }
  clearTimeout(typingTimer);
  typingTimer = setTimeout(annotateNow, 600);
});
ui.text.addEventListener('keydown', (ev) => {
  if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) {
    ev.preventDefault();
    annotateNow();
  }
});

// ---------------------------------------------------------------- input collapse

/** The input shrinks to a few lines so the annotated view comes first. */
function setCollapsed(on) {
  ui.input.classList.toggle('collapsed', on);
  // The start of the text shows, not the caret's place (after the browser's
  // own scroll to the caret).
  if (on) later(() => (ui.text.scrollTop = 0));
  ui.collapse.setAttribute('aria-expanded', String(!on));
  ui.collapse.textContent = on ? 'Show the whole input' : 'Collapse input';
}
ui.collapse.addEventListener('click', () => setCollapsed(ui.input.classList.contains('collapsed') ? false : true));

// ---------------------------------------------------------------- buttons

ui.annotate.addEventListener('click', annotateNow);

ui.example.addEventListener('click', async () => {
  mark('annotator:example-click');
  setStatus('Loading the example article…', 'busy');
  try {
    const r = await fetch('example.txt', { cache: 'no-cache' });
    if (!r.ok) throw new Error(r.status === 404 ? 'no example article is bundled with this build' : `HTTP ${r.status}`);
    insertText((await r.text()).replace(/\r\n?/g, '\n'), true, 'example');
    setCollapsed(true);
    annotateNow();
  } catch (e) {
    setStatus(`Could not load the example: ${e.message}`, 'error');
  }
});

ui.clear.addEventListener('click', () => {
  const had = ui.text.value.trim() !== '';
  insertText('', true, 'clear');
  setCollapsed(false);
  render('', null);
  setStatus(had ? 'Cleared. Undo (Ctrl+Z) brings the text back; paste an article to annotate it.' : 'Cleared. Paste an article to annotate it.');
});

ui.showInBp.addEventListener('click', () => {
  state.showInBp = !state.showInBp;
  ui.showInBp.setAttribute('aria-pressed', String(state.showInBp));
  // Quotes inside boilerplate need the annotator; names are only filtered.
  state.options = state.showInBp ? { insideBoilerplate: true } : undefined;
  if (ui.text.value.trim()) annotateNow();
});

ui.hideBp.addEventListener('click', () => {
  state.hideBp = !state.hideBp;
  ui.view.classList.toggle('hide-bp', state.hideBp);
  ui.hideBp.setAttribute('aria-pressed', String(state.hideBp));
});

async function copyText(s) {
  try {
    await navigator.clipboard.writeText(s);
    return true;
  } catch {
    const ta = el('textarea', 'offscreen');
    ta.value = s;
    document.body.appendChild(ta);
    ta.select();
    let ok = false;
    try {
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    }
    ta.remove();
    return ok;
  }
}

ui.copy.addEventListener('click', async () => {
  if (!state.text) {
    setStatus('Nothing to copy yet: annotate a text first.');
    return;
  }
  const clean = cleanText(state.text, state.norm.boilerplate);
  if (await copyText(clean)) {
    setStatus(`Copied the text without boilerplate (${plural(clean.length, 'character')}).`, 'done');
  } else {
    setStatus('The browser did not allow copying to the clipboard.', 'error');
  }
});

// ui.exportBtn (Download HTML): www/extras.js, the export of what the page shows.

ui.legend.addEventListener('click', (ev) => {
  const b = ev.target.closest('button[data-layer]');
  if (b) toggleLayer(b.dataset.layer);
});

function onListClick(ev) {
  const b = ev.target.closest('button');
  if (!b || !state.index) return;
  finishRender(); // every mention is in the view before one is scrolled to
  if (b.dataset.g !== undefined) flash(state.index.byGroup.get(Number(b.dataset.g)), `g${b.dataset.g}`);
  else if (b.dataset.q !== undefined) flash(state.index.byQuote.get(Number(b.dataset.q)), `q${b.dataset.q}`);
}
ui.entities.addEventListener('click', onListClick);
ui.quotes.addEventListener('click', onListClick);
for (const ul of [ui.entities, ui.speakers, ui.quotes]) rovingList(ul);
// The filter over the entity list: as typed; Down goes into the list.
ui.entFilter.addEventListener('input', () => state.norm && rebuild(renderEntities));
ui.entFilter.addEventListener('keydown', (ev) => {
  if (ev.key !== 'ArrowDown') return;
  const b = ui.entities.querySelector('button');
  if (b) {
    ev.preventDefault();
    b.focus();
  }
});

// ---------------------------------------------------------------- start

render('', null);
startWorker();
// The buttons work from now on: a click before the annotator is ready is
// queued in the worker (index.html has them disabled until here).
ui.example.disabled = false;
ui.annotate.disabled = false;
showLoading();
workerReady.then(
  (v) => {
    ready = true;
    ui.version.textContent = `annotator ${v}`;
    // The bar showed the download; from now on it shows a long text's pieces.
    ui.progress.value = 0;
    if (busyText) setStatus(busyText, 'busy'); // a request waited for the annotator: it runs now
    else ui.progress.hidden = true;
    // Text typed or dropped before now is annotated; a request already
    // queued (e.g. the example article) is answered without a second one.
    if (inflight || htmlBusy || (state.text && state.text === ui.text.value)) return;
    if (ui.text.value.trim()) annotateNow();
    else setStatus('Ready. Paste an article, or try the example article.');
  },
  (e) => {
    ready = true; // no more loading messages: the error stays
    setStatus(`Error: ${e.message}. Reload the page to try again.`, 'error');
  },
);

// Test hook: ?test exposes the renderer so tests can feed it annotations.
if (new URLSearchParams(location.search).has('test')) {
  window.__annotator = {
    // Builds the whole view before returning, as tests read it at once.
    render: (text, ann) => {
      render(text, ann);
      finishRender();
    },
    normalize,
    cleanText,
    annotate: (text, options, chunk) => call('annotate', { text, options, chunk }).then((r) => r.result),
    ready: () => workerReady,
    state, // tests may set state.options to exercise the error path
  };
}

// Exports, opening files, drag and drop, iframe mode, service worker
// (www/extras.js).
installExtras({
  getText: () => state.text,
  getAnnotation: () => trusted(state.raw),
  getView: () => ({ hidden: [...state.off], marksInBoilerplate: state.showInBp, hideBoilerplate: state.hideBp }),
  show: (text, ann) => {
    clearTimeout(typingTimer);
    insertText(text, true, 'project');
    render(text, ann, () => setStatus(summary(state.norm, text), 'done'));
  },
  load: (text) => {
    insertText(text, true, 'file');
    annotateNow();
  },
  // An .html file: the core's HTML parser reads it (never the page's DOM),
  // after the worker decoded its bytes in the page's own encoding.
  loadHtml: (html) => annotateHtmlNow(html, ui.text.value),
  decodeHtml: (bytes) => call('decodeHtml', { bytes }).then((r) => r.result),
  annotate: (text, options) => call('annotate', { text, options }).then((r) => r.result),
  setStatus,
  version: () => ui.version.textContent.replace(/^annotator /, ''),
  ready: workerReady,
});
