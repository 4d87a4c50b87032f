#!/usr/bin/env node
// Where a whole-page paste opens (issue 25, point 1): each of the 88 dev pages
// of ../shared/data/boiler/html-dev (the whole page's text, as Ctrl+A, Ctrl+C
// gives it) is pasted as plain text into the built page (dist/, served by
// scripts/serve.mjs) in headless Chromium, on a 1280x800 screen and a 390x844
// phone; the script prints where the article's first line (the first line of
// the benchmark's article body) sits, in px from the top of the page, and how
// many pages show it on the first screen. Made for before/after figures:
//
//   scripts/build-web.sh && node tools/article-top.mjs [--pages N] [--selections]
//
// A first line the page hides (folded or dimmed away) counts as not shown.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT, startServer, launch, openPage, paste, settled, requireBuild, viewPlace } from '../tests/e2e/lib.mjs';

const SRC = path.resolve(ROOT, '..', 'shared', 'data', 'boiler', 'html-dev');
const args = process.argv.slice(2);
const limit = args.includes('--pages') ? Number(args[args.indexOf('--pages') + 1]) : Infinity;
// --selections: the same pages as a person's selection of the article with a
// few lines of margin (../shared/data/boiler/dev) instead of the whole page.
const selections = args.includes('--selections');

const norm = (s) => s.replace(/\s+/g, ' ').trim();
const truth = JSON.parse(readFileSync(path.join(SRC, 'ground-truth.json'), 'utf8'));
const fullId = new Map(Object.keys(truth).map((k) => [k.slice(0, 16), k]));
const pages = selections
  ? readdirSync(path.join(SRC, '..', 'dev'))
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => JSON.parse(readFileSync(path.join(SRC, '..', 'dev', f), 'utf8')))
      .map((p) => ({ id: fullId.get(p.id.slice(0, 16)), text: p.text }))
  : readFileSync(path.join(SRC, 'pages.jsonl'), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));

/** UTF-16 offset of the line that holds the body's first paragraph, or -1. */
function firstBodyLine(text, body) {
  const first = body.split('\n').map(norm).find((l) => l.length >= 20) || norm(body).slice(0, 60);
  const probe = first.slice(0, 40);
  let at = 0;
  for (const line of text.split('\n')) {
    if (norm(line).length && (norm(line).startsWith(probe) || (probe.length >= 20 && norm(line).includes(probe)))) return at;
    at += line.length + 1;
  }
  return -1;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[(s.length - 1) >> 1] : NaN;
};

requireBuild();
const server = await startServer();
const browser = await launch();
try {
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    const { context, page } = await openPage(browser, server.url, { viewport, permissions: ['clipboard-read', 'clipboard-write'] });
    const tops = [];
    let hidden = 0;
    let missing = 0;
    let n = 0;
    for (const p of pages) {
      if (n >= limit) break;
      const body = truth[p.id] && truth[p.id].articleBody;
      const text = p.text.replace(/\r\n?/g, '\n');
      const at = body ? firstBodyLine(text, body) : -1;
      if (at < 0) {
        missing++;
        continue;
      }
      n++;
      await page.evaluate(() => window.scrollTo(0, 0));
      const before = await paste(page, text);
      await page.waitForFunction((b) => Number(document.getElementById('view').dataset.rendered || 0) > b, before);
      await settled(page);
      await page.evaluate(() => window.scrollTo(0, 0));
      const at0 = await viewPlace(page, at);
      const top = at0 && at0.top;
      if (top === null) hidden++;
      else tops.push(top);
    }
    const shown = tops.filter((t) => t + 20 <= viewport.height).length;
    const all = tops.length + hidden;
    console.log(
      `${selections ? 'selections ' : 'whole pages '}${viewport.width}x${viewport.height}: first article line median ${Math.round(median(tops))} px, worst ${Math.round(Math.max(...tops))} px; ` +
        `on the first screen ${shown} of ${all} pages; hidden ${hidden}${missing ? `; body line not found in ${missing}` : ''}`,
    );
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
