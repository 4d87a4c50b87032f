// <article-annotator>: the annotator as a custom element.
//
//   <script type="module" src="element.js"></script>
//   <article-annotator layers="entities quotes" labels="PERSON ORG">
//     Text to annotate (or set the `text` property).
//   </article-annotator>
//
// Attributes
//   layers  which layers to run: any of "entities quotes boilerplate"
//           (space or comma separated; default: all three)
//   labels  which entity labels to highlight (default: all)
//   text    the text (the property of the same name wins; without either,
//           the element's own text content is used)
// Property `text`, method `annotate()` (a Promise of the result), property
// `result` (the last result).
// Events  `annotated` (detail: {text, result}), `annotate-error` (detail:
//         {error}); both bubble and cross the shadow boundary.
// Theming CSS custom properties on the element: --aa-fg, --aa-bg, --aa-font,
//   --aa-font-size,
//   --aa-line-height, --aa-person, --aa-org, --aa-place, --aa-date,
//   --aa-misc, --aa-other, --aa-quote, --aa-speaker, --aa-boilerplate-opacity;
//   and ::part(view).
//
// The view lives in its own (open) shadow root with its own styles: the host
// page's CSS neither reaches in nor is affected. Text reaches the DOM through
// text nodes only (render.js's buildView).
import { normalize, buildView } from './render.js';
import { paletteCss } from './palette.js';

// ------------------------------------------------------------ wasm backend

// Where the wasm-bindgen module is, relative to this file. The npm package
// build rewrites this path to its own layout.
const DEFAULT_MODULE = new URL('../pkg/annotator.js', import.meta.url).href;

let backend = null;

/**
 * Use a custom annotator instead of loading the default wasm module:
 * `fn(text, options)` returns a result (or a Promise of one). The npm
 * package passes its initialised `annotate` here.
 */
export function setAnnotator(fn) {
  if (typeof fn !== 'function') throw new TypeError('setAnnotator expects a function (text, options) => result');
  backend = Promise.resolve(fn);
  // Elements already on the page annotate again with it.
  for (const el of live) el._schedule();
}

const live = new Set();

function getBackend() {
  if (!backend) {
    backend = import(DEFAULT_MODULE).then(async (mod) => {
      await mod.default();
      return (text, options) => mod.annotate(text, options);
    });
    backend.catch(() => {
      backend = null; // a later call may retry
    });
  }
  return backend;
}

// ------------------------------------------------------------------ styles

// The label colours come from the one palette (palette.js); the --aa-*
// properties on the element override them.
const CSS = paletteCss('.root') + `
:host { display: block !important; contain: content; }
:host([hidden]) { display: none !important; }
.root {
  all: initial;
  /* Light or dark defaults follow the host page's color-scheme. */
  color-scheme: inherit;
  display: block;
  box-sizing: border-box;
  color: var(--aa-fg, light-dark(#1b1b1b, #e6e6e6));
  background: var(--aa-bg, transparent);
  font-family: var(--aa-font, system-ui, sans-serif);
  font-size: var(--aa-font-size, 1rem);
  line-height: var(--aa-line-height, 1.6);
  white-space: pre-wrap;
  overflow-wrap: anywhere;
  text-align: start;
}
mark { color: inherit; }
mark.e { background: var(--aa-other, var(--other)); color: inherit; border-radius: 3px; padding: 0 1px; }
mark.L-PERSON { background: var(--aa-person, var(--PERSON)); }
mark.L-ORG { background: var(--aa-org, var(--ORG)); }
mark.L-PLACE { background: var(--aa-place, var(--PLACE)); }
mark.L-DATE { background: var(--aa-date, var(--DATE)); }
mark.L-MISC { background: var(--aa-misc, var(--MISC)); }
.q { color: var(--aa-quote, inherit); background: var(--quote-bg); box-shadow: inset 0 -2px 0 var(--quote-line); font-style: italic; }
.spk { text-decoration: underline 2px; text-decoration-color: var(--aa-speaker, var(--quote-line)); }
.bp { opacity: var(--aa-boilerplate-opacity, 0.45); }
.off, mark.off { background: none; font-style: inherit; text-decoration: none; opacity: 1; }
.msg { font-style: italic; opacity: 0.7; }
`;

let sheet = null;
function styleFor(root) {
  // Constructed stylesheets are not inline styles: a strict CSP
  // (style-src 'self') allows them.
  try {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
    }
    root.adoptedStyleSheets = [sheet];
  } catch {
    const s = document.createElement('style');
    s.textContent = CSS;
    root.appendChild(s);
  }
}

// ----------------------------------------------------------------- element

const LAYERS = ['entities', 'quotes', 'boilerplate'];

function words(s) {
  return String(s || '')
    .split(/[\s,]+/)
    .filter(Boolean);
}

/** Options for annotate() from the `layers` attribute (null: all). */
export function layerOptions(attr) {
  if (attr == null) return {};
  const want = new Set(words(attr).map((w) => w.toLowerCase()));
  return Object.fromEntries(LAYERS.map((l) => [l, want.has(l)]));
}

export class ArticleAnnotator extends HTMLElement {
  static get observedAttributes() {
    return ['layers', 'labels', 'text'];
  }

  constructor() {
    super();
    this._root = this.attachShadow({ mode: 'open' });
    styleFor(this._root);
    this._view = document.createElement('div');
    this._view.className = 'root';
    this._view.setAttribute('part', 'view');
    this._root.appendChild(this._view);
    this._text = null;
    this._result = null;
    this._seq = 0;
    this._queued = false;
    this._observer = null;
  }

  connectedCallback() {
    if (!this._observer) {
      // Light-DOM text is the input when no `text` property is set.
      this._observer = new MutationObserver(() => {
        if (this._text === null && !this.hasAttribute('text')) this._schedule();
      });
    }
    this._observer.observe(this, { childList: true, characterData: true, subtree: true });
    live.add(this);
    this._schedule();
  }

  disconnectedCallback() {
    if (this._observer) this._observer.disconnect();
    live.delete(this);
  }

  attributeChangedCallback() {
    if (this.isConnected) this._schedule();
  }

  /**
   * The text to annotate: the property, else the attribute, else the
   * element's text content without its leading and trailing blank lines.
   */
  get text() {
    if (this._text !== null) return this._text;
    if (this.hasAttribute('text')) return this.getAttribute('text');
    return this.textContent.replace(/^\s*\n|\n\s*$/g, '');
  }

  set text(v) {
    this._text = v == null ? null : String(v);
    if (this.isConnected) this._schedule();
  }

  /** The last result, as annotate() returned it (or null). */
  get result() {
    return this._result;
  }

  _schedule() {
    if (this._queued) return;
    this._queued = true;
    // A task, not a microtask: code that imports this module and then calls
    // setAnnotator() runs first.
    setTimeout(() => {
      this._queued = false;
      this.annotate().catch(() => {});
    });
  }

  /** Annotate the current text now; resolves with the result. */
  async annotate() {
    const seq = ++this._seq;
    const text = this.text;
    const options = layerOptions(this.getAttribute('layers'));
    let result;
    try {
      const fn = await getBackend();
      result = text ? await fn(text, options) : { entities: [], groups: [], quotes: [], boilerplate: [] };
    } catch (e) {
      if (seq === this._seq) {
        this._message(`Could not annotate: ${e && e.message ? e.message : e}`);
        this.dispatchEvent(new CustomEvent('annotate-error', { detail: { error: e }, bubbles: true, composed: true }));
      }
      throw e;
    }
    if (seq !== this._seq) return result; // a newer call superseded this one
    this._result = result;
    this._render(text, result);
    this.dispatchEvent(new CustomEvent('annotated', { detail: { text, result }, bubbles: true, composed: true }));
    return result;
  }

  _message(s) {
    const p = document.createElement('span');
    p.className = 'msg';
    p.textContent = s;
    this._view.replaceChildren(p);
  }

  _render(text, result) {
    const norm = normalize(text, result);
    const labels = this.getAttribute('labels');
    if (labels != null) {
      const keep = new Set(words(labels).map((w) => w.toUpperCase()));
      norm.entities = norm.entities.filter((m) => keep.has(String(m.label).toUpperCase()));
    }
    const { fragment } = buildView(document, text, norm);
    this._view.replaceChildren(fragment);
  }
}

if (typeof customElements !== 'undefined' && !customElements.get('article-annotator')) {
  customElements.define('article-annotator', ArticleAnnotator);
}
