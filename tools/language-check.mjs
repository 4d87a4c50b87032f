#!/usr/bin/env node
// The language the core reports (src/language.rs, `language` in the result)
// on the dev texts: the modern-news dev set's open texts (data/dev/news/texts;
// its other articles are among the dev pages), the 88 dev pages
// as selections and as whole pages (../shared/data/boiler), the seed article.
// Prints the count per language and each text not reported English, with its
// first words, so that a wrong call on an English text shows (the page then
// hides its names and quotes).
//
//   scripts/build-web.sh && node tools/language-check.mjs
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = path.resolve(ROOT, '..', 'shared', 'data');
const wasm = createRequire(import.meta.url)(path.join(ROOT, 'dist', 'node', 'annotator.js'));
const opts = { entities: false, quotes: false, boilerplate: false };

const sets = [];
// The modern-news dev set's own texts (the others are the boiler dev pages below).
const news = path.join(ROOT, 'data', 'dev', 'news', 'texts');
sets.push(['modern-news dev (its open texts)', readdirSync(news).filter((f) => f.endsWith('.txt')).map((f) => [f, readFileSync(path.join(news, f), 'utf8')])]);
const sel = path.join(SHARED, 'boiler', 'dev');
if (existsSync(sel)) sets.push(['boiler dev selections', readdirSync(sel).filter((f) => f.endsWith('.json')).map((f) => [f, JSON.parse(readFileSync(path.join(sel, f), 'utf8')).text])]);
const whole = path.join(SHARED, 'boiler', 'html-dev', 'pages.jsonl');
if (existsSync(whole)) sets.push(['boiler dev whole pages', readFileSync(whole, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l)).map((p) => [p.id.slice(0, 16), p.text])]);
const seed = path.join(SHARED, 'seed', 'article.txt');
if (existsSync(seed)) sets.push(['seed article', [['article.txt', readFileSync(seed, 'utf8')]]]);

for (const [name, docs] of sets) {
  const count = new Map();
  const other = [];
  for (const [id, text] of docs) {
    const l = wasm.annotate(text, opts).language;
    count.set(l, (count.get(l) || 0) + 1);
    if (l !== 'en') other.push(`    ${l}  ${id}  ${JSON.stringify(text.replace(/\s+/g, ' ').slice(0, 70))}`);
  }
  console.log(`${name}: ${docs.length} texts, ${[...count].sort((a, b) => b[1] - a[1]).map(([l, n]) => `${l} ${n}`).join(', ')}`);
  if (other.length) console.log(other.join('\n'));
}
