#!/usr/bin/env node
// Long frames while a large paste is annotated and shown (issue 25, point 5):
// a made-up news-like text of --mb MB (default 5) is pasted into the built
// page (dist/) in headless Chromium at 1280x800; the script prints the main
// thread's long tasks (PerformanceObserver 'longtask', over 50 ms) from the
// paste to the whole view built: their count, the longest, and the time.
// Typing: 9 characters typed at the end of the text, one every 50 ms; prints
// how long until the last one is in the text box and how many annotations ran.
//
//   scripts/build-web.sh && node scripts/bench-frames.mjs [--mb N]
import { startServer, launch, openPage, paste, requireBuild } from '../tests/e2e/lib.mjs';

const args = process.argv.slice(2);
const mb = args.includes('--mb') ? Number(args[args.indexOf('--mb') + 1]) : 5;
const PARA = [
  'Tomas Keller, the mayor of Port Alban, opened the new bridge on Monday after ten years of work.',
  '"It took us ten years, and we will not wait that long again," Keller said at the ceremony.',
  'Residents of Port Alban gathered at the river. Advertisement',
  '',
].join('\n');
const text = PARA.repeat(Math.ceil((mb * 1e6) / PARA.length));

requireBuild();
const server = await startServer();
const browser = await launch();
try {
  const { context, page } = await openPage(browser, server.url, { viewport: { width: 1280, height: 800 }, permissions: ['clipboard-read', 'clipboard-write'] });
  await page.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__long.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask' });
  });
  const t0 = await page.evaluate(() => performance.now());
  const before = await paste(page, text);
  await page.waitForFunction((b) => Number(document.getElementById('view').dataset.rendered || 0) > b && !document.getElementById('view').hasAttribute('aria-busy'), before, { timeout: 600000, polling: 500 });
  const r = await page.evaluate((t) => ({ long: window.__long.filter(([s]) => s >= t), now: performance.now() - t }), t0);
  const longest = Math.max(0, ...r.long.map(([, d]) => d));
  if (process.env.BENCH_VERBOSE) {
    const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)]));
    console.log(JSON.stringify({ t0: Math.round(t0), long: r.long.map(([a, d]) => [Math.round(a), Math.round(d)]), marks }));
  }
  console.log(`${(text.length / 1e6).toFixed(1)} MB paste: shown whole after ${Math.round(r.now)} ms; long tasks ${r.long.length}, longest ${Math.round(longest)} ms, over 100 ms: ${r.long.filter(([, d]) => d > 100).length}`);
  // Typing at the end of the text.
  await page.evaluate(() => {
    window.__long = [];
    window.__rendered = Number(document.getElementById('view').dataset.rendered || 0);
  });
  await page.$eval('#text', (t) => {
    t.focus();
    t.setSelectionRange(t.value.length, t.value.length);
  });
  const k0 = Date.now();
  await page.keyboard.type('Extra end', { delay: 50 });
  await page.waitForFunction((n) => document.getElementById('text').value.endsWith('Extra end') && document.getElementById('text').value.length === n, text.length + 9);
  const typed = Date.now() - k0;
  // The annotation after the typing pause, then a second more for any other.
  await page.waitForFunction(() => Number(document.getElementById('view').dataset.rendered || 0) > window.__rendered, null, { timeout: 600000, polling: 500 });
  await page.waitForFunction(() => document.getElementById('status').dataset.state === 'done', null, { timeout: 600000, polling: 500 });
  await page.waitForTimeout(1000);
  const t = await page.evaluate(() => ({ long: window.__long, results: Number(document.getElementById('view').dataset.rendered || 0) - window.__rendered }));
  console.log(
    `typing 9 characters (50 ms apart): in the box after ${typed} ms; views annotated and shown for them ${t.results}; ` +
      `long tasks meanwhile and after ${t.long.length}, longest ${Math.round(Math.max(0, ...t.long.map(([, d]) => d)))} ms`,
  );
  await context.close();
} finally {
  await browser.close();
  await server.stop();
}
