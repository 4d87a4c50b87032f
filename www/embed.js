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
//   frame -> parent  {type: 'annotator:result', id, ok: true, result, html, version}
//                    {type: 'annotator:result', id, ok: false, error}
//   frame -> parent  {type: 'annotator:ready', version}   (once, to each allowed origin)
// `result` is what annotate() returns (UTF-16 offsets); `html` is the
// highlighted view as an HTML string, built from DOM nodes with textContent
// and serialised, so the text inside is always escaped.
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
export function startEmbed({ annotate, show, version = () => '' }, win = window) {
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
      const result = await annotate(msg.text, options);
      if (show) show(msg.text, result);
      reply({ ok: true, result, html: viewHtml(win.document, msg.text, result), version: version() });
    } catch (e) {
      reply({ ok: false, error: String((e && e.message) || e) });
    }
  });

  if (win.parent !== win) {
    // Tell the embedder we are listening; a targetOrigin that is not the
    // parent's real origin makes the browser drop the message.
    for (const origin of allow) win.parent.postMessage({ type: 'annotator:ready', version: version() }, origin);
  }
  return allow;
}
