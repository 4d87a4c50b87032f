// The page's first module (index.html loads it async, ahead of app.js): it
// starts the annotator's worker and the wasm download at once, while the rest
// of the page's modules are still loading. The page compiles the wasm
// (streaming, off the main thread) and hands the compiled module to each
// worker it starts, so a restarted worker does not fetch or compile again.
// app.js takes the first worker over through globalThis.__annotatorBoot,
// with the messages it sent meanwhile; without this module (the single-file
// build) app.js starts the worker itself and the worker loads the wasm.

/** The worker's name when the page sends it the wasm (worker.js checks it). */
const NAME = 'annotator-wasm-from-page';

const url = new URL('../pkg/annotator_bg.wasm', import.meta.url);

// The download's true progress, for the status line: bytes of the wasm
// received (after the transfer's own decompression) of its size. The size is
// the response's Content-Length when it is sent uncompressed, else the
// build's record of it (pkg/annotator.json, written by build-web.sh; fetched
// alongside). app.js reads `progress` and listens with `onProgress`.
const progress = { loaded: 0, total: 0, done: false, failed: false };
const listeners = new Set();
const emit = () => {
  for (const f of listeners) f(progress);
};
const size = fetch(new URL('../pkg/annotator.json', import.meta.url))
  .then((r) => (r.ok ? r.json() : null))
  .then((j) => (j && Number.isInteger(j.wasmBytes) && j.wasmBytes > 0 ? j.wasmBytes : 0))
  .catch(() => 0);

/** The wasm's response with its body counted into `progress`. */
async function counted() {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`HTTP ${r.status}`);
  const len = Number(r.headers.get('content-length'));
  if (!r.headers.get('content-encoding') && len > 0) progress.total = len;
  size.then((n) => {
    if (n && !progress.total) {
      progress.total = n;
      emit();
    }
  });
  if (!r.body || typeof TransformStream !== 'function') return r;
  const body = r.body.pipeThrough(
    new TransformStream({
      transform(chunk, out) {
        progress.loaded += chunk.byteLength;
        emit();
        out.enqueue(chunk);
      },
      flush() {
        progress.done = true;
        emit();
      },
    }),
  );
  return new Response(body, { headers: { 'Content-Type': 'application/wasm' } });
}

const compiled = (
  typeof WebAssembly.compileStreaming === 'function'
    ? WebAssembly.compileStreaming(counted())
    : counted().then((r) => r.arrayBuffer()).then((b) => WebAssembly.compile(b))
).then(
  (m) => {
    progress.done = true;
    emit();
    return m;
  },
  () => {
    progress.failed = true;
    emit();
    return null; // the worker then loads it itself, and reports what fails
  },
);

/** A new worker that gets the compiled wasm (or null: load it yourself). */
function spawn() {
  const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: NAME });
  compiled.then((module) => {
    try {
      worker.postMessage({ id: -1, op: 'init', module });
    } catch {
      worker.postMessage({ id: -1, op: 'init', module: null }); // module not cloneable here
    }
  });
  return worker;
}

const first = spawn();
const early = []; // events before app.js is there: replayed in order
first.onmessage = (ev) => early.push(ev);
first.onerror = (ev) => {
  ev.preventDefault();
  early.push(ev);
};

globalThis.__annotatorBoot = {
  spawn,
  first,
  early,
  progress,
  onProgress: (f) => listeners.add(f),
};
