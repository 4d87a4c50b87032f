// Shared set-up for the end-to-end tests: the static server (scripts/serve.mjs
// as a child process on a free port), headless Chromium through
// playwright-core, and the wasm annotator in node (dist/node) as the oracle.
import { before, after } from 'node:test';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = path.join(ROOT, 'dist');
export const SEED = path.resolve(ROOT, '..', 'shared', 'data', 'seed', 'article.txt');

export function requireBuild() {
  for (const f of ['pkg/annotator_bg.wasm', 'pkg/annotator.js', 'node/annotator.js', 'index.html', 'www/app.js']) {
    if (!existsSync(path.join(DIST, f))) {
      throw new Error(`dist/${f} is missing: run scripts/build-web.sh first`);
    }
  }
  // The page under test must be the page in the tree.
  const pageFiles = ['index.html', ...readdirSync(path.join(ROOT, 'www')).map((f) => `www/${f}`)];
  for (const f of pageFiles) {
    const built = path.join(DIST, f);
    if (!existsSync(built) || !readFileSync(built).equals(readFileSync(path.join(ROOT, f)))) {
      throw new Error(`dist/${f} is stale: run scripts/build-web.sh`);
    }
  }
}

/** The wasm-bindgen nodejs build of the same crate. */
export function wasmNode() {
  const require = createRequire(import.meta.url);
  return require(path.join(DIST, 'node', 'annotator.js'));
}

export function cargoVersion() {
  const m = readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8').match(/^version\s*=\s*"([^"]+)"/m);
  return m ? m[1] : null;
}

/** Start scripts/serve.mjs on a free port; resolves {url, stop}. */
export function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'serve.mjs'), '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/serving (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (m) {
        resolve({
          url: m[1],
          stop: () =>
            new Promise((res) => {
              if (child.exitCode !== null) return res();
              child.once('exit', () => res());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`serve.mjs exited (${code}): ${err}`)));
    child.once('error', reject);
  });
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

export async function launch() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

/**
 * A fresh page on `url` with watchers: console errors, page errors, dialogs
 * and every request URL (page and workers). `contextOptions` go to
 * browser.newContext, plus `permissions` to grant (e.g. the clipboard).
 */
export async function openPage(browser, url, { permissions = [], ...contextOptions } = {}) {
  const context = await browser.newContext(contextOptions);
  if (permissions.length) await context.grantPermissions(permissions);
  const seen = { errors: [], dialogs: [], requests: [] };
  context.on('request', (r) => seen.requests.push(r.url()));
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') seen.errors.push(m.text());
  });
  page.on('pageerror', (e) => seen.errors.push(String(e)));
  page.on('dialog', (d) => {
    seen.dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  page.on('worker', (w) => w.on('console', (m) => m.type() === 'error' && seen.errors.push(`worker: ${m.text()}`)));
  await page.goto(url);
  await page.waitForFunction(() => {
    const s = document.getElementById('status');
    return s && s.textContent.startsWith('Ready');
  });
  return { context, page, seen };
}

/**
 * Paste `text` over everything in the textarea the way a person does: the
 * text goes on the system clipboard and Ctrl+V is pressed in the textarea.
 */
export async function paste(page, text) {
  const before = await page.$eval('#view', (v) => Number(v.dataset.rendered || 0));
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.$eval('#text', (ta) => {
    ta.focus();
    ta.select();
  });
  await page.keyboard.press('ControlOrMeta+V');
  return before;
}

/** Wait until the status line says the annotation finished or failed. */
export async function settled(page) {
  await page.waitForFunction(() => {
    const s = document.getElementById('status').dataset.state;
    return s === 'done' || s === 'error';
  });
  return page.$eval('#status', (s) => ({ state: s.dataset.state, text: s.textContent }));
}

/**
 * What the view shows, per element kind: for each mention index its label
 * and its text (pieces of a split mention joined), and likewise quotes and
 * boilerplate lines.
 */
export function viewSummary(page) {
  return page.$eval('#view', (view) => {
    const collect = (sel, key, extra) => {
      const out = {};
      for (const el of view.querySelectorAll(sel)) {
        const k = el.dataset[key];
        if (!out[k]) out[k] = { text: '', ...extra(el) };
        out[k].text += el.textContent;
      }
      return out;
    };
    return {
      text: view.textContent,
      marks: collect('mark.e', 'm', (el) => ({ label: el.dataset.label })),
      quotes: collect('.q', 'q', () => ({})),
      boilerplate: collect('.bp', 'b', (el) => ({ kind: el.dataset.kind, title: el.title })),
      imgs: document.querySelectorAll('img').length,
      styled: document.querySelectorAll('[style]').length,
    };
  });
}

/**
 * Where the view draws the text at UTF-16 offset `off` of its text (the
 * first `n` units from there): {top, bottom} in px from the top of the
 * document, or null when it is not drawn (hidden or folded) or out of range.
 */
export function viewPlace(page, off, n = 1) {
  return page.evaluate(
    ([o, k]) => {
      const view = document.getElementById('view');
      const walker = document.createTreeWalker(view, NodeFilter.SHOW_TEXT);
      let pos = 0;
      for (let t = walker.nextNode(); t; t = walker.nextNode()) {
        if (pos + t.data.length > o) {
          const r = document.createRange();
          r.setStart(t, o - pos);
          r.setEnd(t, Math.min(t.data.length, o - pos + k));
          const b = r.getBoundingClientRect();
          return b.width || b.height ? { top: b.top + scrollY, bottom: b.bottom + scrollY } : null;
        }
        pos += t.data.length;
      }
      return null;
    },
    [off, n],
  );
}

export function countBy(items, key) {
  const out = {};
  for (const it of items) out[it[key]] = (out[it[key]] || 0) + 1;
  return out;
}

/**
 * A test file's usual set-up: the built page served from dist/, one
 * Chromium and the wasm in node, made before the file's first test and
 * closed after its last; `set` receives them ({server, browser, wasm}).
 */
export function usePage(set) {
  let env = {};
  before(async () => {
    requireBuild();
    env = { wasm: wasmNode(), server: await startServer(), browser: await launch() };
    set(env);
  });
  after(async () => {
    if (env.browser) await env.browser.close();
    if (env.server) await env.server.stop();
  });
}
