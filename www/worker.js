// Module worker: owns the wasm instance so annotation never blocks the page.
// Messages in:  {id, op: 'annotate', text, options, chunk?} | {id, op: 'export', text, title}
//               | {id, op: 'annotateHtml', html, options} (result: the record plus `text`,
//                 the text the core's own HTML parser derived; offsets into it)
//               | {id, op: 'decodeHtml', bytes} (an .html file's bytes, a Uint8Array;
//                 result: its text, decoded as a browser decodes a saved page)
//               | {id, op: 'version'}
// Messages out: {id, ok: true, result, ms} | {id, ok: false, error, fatal}
//               | {id, progress} (0..1, after each piece of a long text)
// On start it posts {id: 0, ok, result: version} once the wasm is ready (or
// {id: 0, ok: false, error, fatal: true} when it cannot be loaded).
//
// Started by www/boot.js (worker name PAGE_NAME), it waits for
// {op: 'init', module} with the wasm the page compiled (module null: fetch it
// here); started otherwise, it fetches the wasm itself at once.
// After Ready, while no request has come, it annotates one short made-up
// sentence so that one-time set-up (the model, tables, the engine compiling
// code on first use) is paid while the user is still reading the page.
import init, { annotate, annotateHtml, exportHtml, htmlEncoding, version } from '../pkg/annotator.js';
import { annotateChunked, MAX_UNITS } from './chunk.js';
import { decodeHtml } from './decode.js';

const PAGE_NAME = 'annotator-wasm-from-page';
const WARM_UP = 'On Monday, Maria Lopez of the Harbour Council told reporters in Port Alban: "We will open the new bridge in March."\nAdvertisement\n';

let fromPage;
const wasmFromPage = self.name === PAGE_NAME ? new Promise((res) => (fromPage = res)) : Promise.resolve(null);

const ready = wasmFromPage.then((module) => (module ? init({ module_or_path: module }) : init())).then(
  () => {
    const v = version();
    self.postMessage({ id: 0, ok: true, result: v });
    setTimeout(warmUp, 0);
    return v;
  },
  (e) => {
    const error = `the annotator could not be loaded (${message(e)})`;
    self.postMessage({ id: 0, ok: false, error, fatal: true });
    throw new Error(error);
  },
);
ready.catch(() => {}); // reported above; each request reports it again

let asked = false; // a request has come: no warm-up needed
function warmUp() {
  if (asked) return;
  try {
    annotate(WARM_UP, undefined);
  } catch {
    // a failure here shows again, and is reported, on the first request
  }
}

function message(e) {
  if (e && typeof e.message === 'string' && e.message) return e.message;
  return String(e);
}

self.onmessage = async (ev) => {
  const msg = ev.data || {};
  const id = msg.id;
  if (msg.op === 'init') {
    if (fromPage) fromPage(msg.module instanceof WebAssembly.Module ? msg.module : null);
    fromPage = null;
    return;
  }
  asked = true;
  try {
    await ready;
    const t0 = performance.now();
    let result;
    switch (msg.op) {
      case 'annotate':
        if (typeof msg.text !== 'string') throw new Error('the text must be a string');
        // msg.chunk (tests only) lowers the piece size to exercise merging.
        result = annotateChunked(annotate, msg.text, msg.options ?? undefined,
          Number.isInteger(msg.chunk) && msg.chunk > 0 ? msg.chunk : MAX_UNITS,
          (done, total) => self.postMessage({ id, progress: done / total }));
        break;
      case 'annotateHtml':
        // One wasm call, up to the core's MAX_BYTES (it throws a readable
        // error beyond): the HTML's structure is page-wide (where the
        // article block is), so it is not cut into pieces.
        if (typeof msg.html !== 'string') throw new Error('the HTML must be a string');
        result = annotateHtml(msg.html, msg.options ?? undefined);
        break;
      case 'decodeHtml':
        if (!(msg.bytes instanceof Uint8Array)) throw new Error('the file must be bytes');
        result = decodeHtml(msg.bytes, htmlEncoding);
        break;
      case 'export':
        if (typeof msg.text !== 'string') throw new Error('the text must be a string');
        result = exportHtml(msg.text, String(msg.title ?? 'Annotated article'));
        break;
      case 'version':
        result = version();
        break;
      default:
        throw new Error(`unknown request ${JSON.stringify(msg.op)}`);
    }
    self.postMessage({ id, ok: true, result, ms: performance.now() - t0 });
  } catch (e) {
    // A trap (RuntimeError) leaves the wasm instance unusable: tell the page
    // so it starts a fresh worker.
    const fatal = e instanceof WebAssembly.RuntimeError;
    self.postMessage({ id, ok: false, error: message(e), fatal });
  }
};
