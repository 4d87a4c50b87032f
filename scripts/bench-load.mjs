#!/usr/bin/env node
// First-load bench (issue 25, point 2): the built page (dist/) served by
// scripts/serve.mjs, opened in headless Chromium; the Example article is
// pressed as soon as the page's script has run (DOMContentLoaded), and the
// time is from navigation to the example shown annotated (the page's
// 'annotator:view-complete' mark). Median of 3 (--runs N) for:
//
//   repeat visit          the same browser profile again (HTTP cache and the
//                         service worker's cache warm)
//   first visit           a fresh profile, no throttling
//   first visit, slow 4G  a fresh profile, 150 ms RTT and 1.6 Mbit/s down
//                         (CDP Network.emulateNetworkConditions)
//
// It also prints the bytes the wasm took on the wire per visit.
//
//   scripts/build-web.sh && node scripts/bench-load.mjs [--runs N]
import { startServer, launch, requireBuild } from '../tests/e2e/lib.mjs';

const args = process.argv.slice(2);
const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 3;
const TARGETS = { repeat: 400, first: 800, slow4g: 6000 };
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8) | 0, uploadThroughput: (0.75e6 / 8) | 0 };

// Press Example as soon as the page's modules have run.
const PRESS = () => {
  document.addEventListener('DOMContentLoaded', () => {
    const b = document.getElementById('example');
    if (b) b.click();
  });
};

/** One visit of `page`: ms from navigation to the example annotated, and the wasm's bytes on the wire. */
async function visit(page, cdp) {
  let wire = 0;
  const onData = (e) => {
    if (wasmIds.has(e.requestId)) wire += e.encodedDataLength;
  };
  const wasmIds = new Set();
  const onReq = (e) => {
    if (e.request.url.endsWith('.wasm')) wasmIds.add(e.requestId);
  };
  cdp.on('Network.requestWillBeSent', onReq);
  cdp.on('Network.loadingFinished', onData);
  await page.goto(page.__url, { waitUntil: 'commit' });
  await page.waitForFunction(
    () => performance.getEntriesByName('annotator:view-complete').length > 0 && document.querySelectorAll('#view mark').length > 0,
    null,
    { timeout: 120000, polling: 50 },
  );
  const at = await page.evaluate(() =>
    Object.fromEntries(
      ['annotator:ready', 'annotator:example-click', 'annotator:result', 'annotator:view-complete'].map((n) => {
        const e = performance.getEntriesByName(n)[0];
        return [n.slice(10), e ? Math.round(e.startTime) : null];
      }),
    ),
  );
  const ms = at['view-complete'];
  if (process.env.BENCH_VERBOSE) console.log(JSON.stringify(at));
  cdp.off('Network.requestWillBeSent', onReq);
  cdp.off('Network.loadingFinished', onData);
  return { ms, wire };
}

async function fresh(browser, url, throttle) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(PRESS);
  const page = await context.newPage();
  page.__url = url;
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (throttle) await cdp.send('Network.emulateNetworkConditions', throttle);
  return { context, page, cdp };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[(xs.length - 1) >> 1];

requireBuild();
const server = await startServer();
const browser = await launch();
const out = { repeat: [], first: [], slow4g: [] };
const wire = { repeat: [], first: [], slow4g: [] };
try {
  for (let r = 0; r < runs; r++) {
    // First visit, then (same profile) the repeat visit once the service
    // worker controls the page.
    const a = await fresh(browser, server.url, null);
    const v1 = await visit(a.page, a.cdp);
    out.first.push(v1.ms);
    wire.first.push(v1.wire);
    await a.page.evaluate(() => navigator.serviceWorker && navigator.serviceWorker.ready).catch(() => {});
    await a.page.waitForTimeout(500);
    const v2 = await visit(a.page, a.cdp);
    out.repeat.push(v2.ms);
    wire.repeat.push(v2.wire);
    await a.context.close();
    const b = await fresh(browser, server.url, SLOW_4G);
    const v3 = await visit(b.page, b.cdp);
    out.slow4g.push(v3.ms);
    wire.slow4g.push(v3.wire);
    await b.context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
const name = { repeat: 'repeat visit', first: 'first visit, unthrottled', slow4g: 'first visit, slow 4G (150 ms, 1.6 Mbit/s)' };
console.log(`navigation to the example article annotated, Chromium, median of ${runs}:`);
for (const k of ['repeat', 'first', 'slow4g']) {
  const m = median(out[k]);
  console.log(
    `  ${name[k].padEnd(44)} ${String(Math.round(m)).padStart(6)} ms  (target <= ${TARGETS[k]} ms: ${m <= TARGETS[k] ? 'met' : 'NOT met'}; runs ${out[k].map(Math.round).join(', ')}; wasm on the wire ${median(wire[k]).toLocaleString('en')} bytes)`,
  );
}
