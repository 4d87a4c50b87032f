#!/usr/bin/env node
// A tiny static server for dist/ on 127.0.0.1 with correct MIME types
// (application/wasm for streaming compilation) and the page's CSP header.
// Files with a precompressed copy beside them (FILE.br, FILE.gz, written by
// scripts/compress.mjs in scripts/build-web.sh) are sent as that copy with
// Content-Encoding br or gzip when the request's Accept-Encoding takes it.
//
//   node scripts/serve.mjs [--port N] [--root DIR]
//
// --port 0 picks a free port. The first line on stdout is the URL
// ("serving http://127.0.0.1:PORT/"), which the end-to-end tests read.
import { createServer } from 'node:http';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "connect-src 'self'; worker-src 'self'; img-src 'self' data:; object-src 'none'; " +
  "base-uri 'none'; form-action 'none'";

export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** Types sent precompressed when a .br or .gz copy is there. */
const COMPRESSED_TYPES = /^(text\/|application\/(wasm|json)|image\/svg)/;

/** The encodings an Accept-Encoding header takes (q > 0). */
export function acceptedEncodings(header) {
  const out = new Set();
  for (const part of String(header || '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q && !(Number(q.slice(2)) > 0))) out.add(name);
  }
  return out;
}

export function startServer({ root, port = 0, host = '127.0.0.1' } = {}) {
  const base = path.resolve(root);
  const server = createServer(async (req, res) => {
    const headers = {
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-cache',
      // Any origin may load the files (the <article-annotator> element, the
      // package's module and the wasm from a page elsewhere; README). Public
      // files, no cookies: nothing to protect by same-origin.
      'Access-Control-Allow-Origin': '*',
      'Cross-Origin-Resource-Policy': 'cross-origin',
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, Allow: 'GET, HEAD' });
      res.end();
      return;
    }
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400, headers);
      res.end('bad request\n');
      return;
    }
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.join(base, path.normalize(rel));
    if (file !== base && !file.startsWith(base + path.sep)) {
      res.writeHead(403, headers);
      res.end('forbidden\n');
      return;
    }
    let st;
    try {
      st = await fs.stat(file);
    } catch {
      st = null;
    }
    if (!st || !st.isFile()) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('not found\n');
      return;
    }
    const type = MIME[path.extname(file).toLowerCase()] || 'application/octet-stream';
    // A precompressed copy (scripts/compress.mjs) when the client takes it
    // and it is as new as the file: brotli first, then gzip.
    let body = file;
    let size = st.size;
    const extra = {};
    if (COMPRESSED_TYPES.test(type)) {
      extra.Vary = 'Accept-Encoding';
      const accepts = acceptedEncodings(req.headers['accept-encoding']);
      for (const [enc, ext] of [
        ['br', '.br'],
        ['gzip', '.gz'],
      ]) {
        if (!accepts.has(enc)) continue;
        const c = await fs.stat(file + ext).catch(() => null);
        if (c && c.isFile() && c.mtimeMs >= st.mtimeMs) {
          body = file + ext;
          size = c.size;
          extra['Content-Encoding'] = enc;
          break;
        }
      }
    }
    res.writeHead(200, { ...headers, ...extra, 'Content-Type': type, 'Content-Length': size });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(body).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: p } = server.address();
      resolve({ server, url: `http://${host}:${p}/` });
    });
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
  };
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = opt('--root', path.join(here, '..', 'dist'));
  const port = Number(opt('--port', process.env.PORT || 8080));
  startServer({ root, port }).then(
    ({ url }) => console.log(`serving ${url}`),
    (e) => {
      console.error(`serve: ${e.message}`);
      process.exit(1);
    },
  );
}
