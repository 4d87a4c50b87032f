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
const compiled = (
  typeof WebAssembly.compileStreaming === 'function'
    ? WebAssembly.compileStreaming(fetch(url))
    : fetch(url).then((r) => r.arrayBuffer()).then((b) => WebAssembly.compile(b))
).catch(() => null); // the worker then loads it itself, and reports what fails

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

globalThis.__annotatorBoot = { spawn, first, early };
