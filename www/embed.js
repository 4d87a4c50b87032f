// Iframe mode: a page embedding the annotator in an <iframe> talks to it
// with postMessage. Only origins on an allow-list are answered; messages
// from any other origin are ignored without a reply.
//
// The allow-list: the `allow-origins` query parameter of the iframe's URL
// (comma or space separated origins, e.g.
//   index.html?allow-origins=https://news.example,https://cms.example )
// and/or a `data-allow-origins` attribute on the page's <html> element.
// "*" is not accepted: name each origin.
//
// Protocol (all messages are plain objects):
//   parent -> frame  {type: 'annotator:annotate', id, text, options?}
//   frame -> parent  {type: 'annotator:result', id, ok: true, result, html, css, version}
//                    {type: 'annotator:result', id, ok: false, error}
//   frame -> parent  {type: 'annotator:ready', version}   (once, to each allowed origin)
// The frame listens from the moment the page's scripts run (before the
// annotator has loaded): a request that comes early waits for it and is
// answered when it is ready, in order; if the annotator cannot load, every
// request gets {ok: false, error}. A parent can post as soon as the
// iframe's `load` event fires, or on 'annotator:ready'. (A message posted
// before the iframe has loaded its page is dropped by the browser itself:
// the target origin does not match yet.)
// `result` is what annotate() returns (UTF-16 offsets); `html` is the
// highlighted view as an HTML string, built from DOM nodes with textContent
// and serialised, so the text inside is always escaped; `css` is a
// stylesheet for it (every rule under .annotated: add it to the host page).
import { normalize, buildView } from './render.js';

/** Largest text accepted over postMessage (UTF-16 units). */
export const MAX_TEXT = 16 * 1024 * 1024;

/** The allowed origins from a URL's query and an element's data attribute. */
export function allowedOrigins(href, dataAttr) {
  const out = new Set();
  const add = (s) => {
    for (const w of String(s || '').split(/[\s,]+/)) {
      if (!w || w === '*' || w === 'null') continue;
      try {
        const u = new URL(w);
        if (u.protocol === 'http:' || u.protocol === 'https:') out.add(u.origin);
      } catch {
        /* not an origin: skipped */
      }
    }
  };
  try {
    const params = new URL(href).searchParams;
    for (const v of params.getAll('allow-origins')) add(v);
  } catch {
    /* no usable URL */
  }
  add(dataAttr);
  return out;
}

/** The stylesheet for viewHtml's output; each rule is scoped to .annotated. */
export const VIEW_CSS = `.annotated{white-space:pre-wrap;overflow-wrap:anywhere;line-height:1.7}
.annotated mark{color:inherit;background:none}
.annotated mark.e{border-radius:3px;padding:0 .1em}
.annotated .L-PERSON{background:#ffd8a8}.annotated .L-ORG{background:#b2f2bb}.annotated .L-PLACE{background:#a5d8ff}
.annotated .L-DATE{background:#eebefa}.annotated .L-MISC{background:#ffec99}.annotated .L-other{background:#dee2e6}
.annotated .q{background:#eef2ff;box-shadow:inset 0 -2px 0 #3b5bdb}
.annotated .spk{font-weight:650;text-decoration:underline 2px #3b5bdb}
.annotated .bp{color:#5a5f68;background:#eceef1}
.annotated .cut{display:none}
.annotated .bidi{unicode-bidi:isolate}
.annotated .bidi::before{content:attr(data-cp);font:600 .7em ui-monospace,monospace;color:#8a1c1c;border:1px solid currentColor;border-radius:3px;padding:0 .2em}
@media (prefers-color-scheme:dark){.annotated .L-PERSON{background:#7a4a12}.annotated .L-ORG{background:#1f5b2c}
.annotated .L-PLACE{background:#1c4f7a}.annotated .L-DATE{background:#5f2d6e}.annotated .L-MISC{background:#5e5210}
.annotated .L-other{background:#454a52}.annotated .q{background:#1d2540}.annotated .bp{color:#a3a9b2;background:#25282d}}
`;

/** The highlighted view of `text` as an HTML string (text nodes escaped). */
export function viewHtml(doc, text, result) {
  const box = doc.createElement('div');
  box.className = 'annotated';
  box.appendChild(buildView(doc, text, normalize(text, result)).fragment);
  return box.outerHTML;
}

/**
 * Starts answering postMessage requests when the page is in a frame and
 * some origin is allowed. `annotate(text, options)` returns a Promise of the
 * result; `show(text, result)` (optional) displays it in the page too.
 * Returns the allowed origins (empty: not listening).
 */
export function startEmbed({ annotate, show, version = () => '', ready = Promise.resolve() }, win = window) {
  const allow = allowedOrigins(win.location.href, win.document.documentElement.dataset.allowOrigins);
  if (!allow.size) return allow;
  win.document.documentElement.classList.add('embedded');

  win.addEventListener('message', async (ev) => {
    if (!allow.has(ev.origin)) return; // not an allowed origin: ignored
    const msg = ev.data;
    if (!msg || typeof msg !== 'object' || msg.type !== 'annotator:annotate') return;
    const reply = (body) => {
      const target = ev.source || (win.parent !== win ? win.parent : null);
      if (target) target.postMessage({ type: 'annotator:result', id: msg.id ?? null, ...body }, ev.origin);
    };
    try {
      if (typeof msg.text !== 'string') throw new Error('text must be a string');
      if (msg.text.length > MAX_TEXT) throw new Error(`text longer than ${MAX_TEXT} characters`);
      const options = msg.options && typeof msg.options === 'object' ? msg.options : undefined;
      await ready; // queued until the annotator is loaded
      const result = await annotate(msg.text, options);
      if (show) show(msg.text, result);
      reply({ ok: true, result, html: viewHtml(win.document, msg.text, result), css: VIEW_CSS, version: version() });
    } catch (e) {
      reply({ ok: false, error: String((e && e.message) || e) });
    }
  });

  if (win.parent !== win) {
    // Tell the embedder the annotator is ready; a targetOrigin that is not
    // the parent's real origin makes the browser drop the message.
    ready.then(
      () => {
        for (const origin of allow) win.parent.postMessage({ type: 'annotator:ready', version: version() }, origin);
      },
      () => {},
    );
  }
  return allow;
}
