// A throwaway HTTP server for the embedding tests: each test origin
// (127.0.0.1 on its own port) serves files from a map of path -> {body,
// type} and/or a directory, with the headers the test asks for (CORS, CSP).
import { createServer } from 'node:http';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { MIME as SERVE_MIME } from '../../scripts/serve.mjs';

// The page server's types, plus TypeScript declarations served as text.
const MIME = { ...SERVE_MIME, '.ts': 'text/plain; charset=utf-8' };

/**
 * serve({files: {'/x.html': 'body' | {body, type}}, dir, headers}) resolves
 * {url, origin, requests, close}. `requests` lists every path asked for.
 */
export function serve({ files = {}, dir = null, headers = {} } = {}) {
  const requests = [];
  const server = createServer((req, res) => {
    const p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    requests.push(p);
    const h = { 'Cache-Control': 'no-store', ...headers };
    let body = null;
    let type = MIME[path.extname(p)] || 'application/octet-stream';
    if (Object.hasOwn(files, p)) {
      const f = files[p];
      body = typeof f === 'string' || Buffer.isBuffer(f) ? f : f.body;
      if (f && f.type) type = f.type;
    } else if (dir) {
      const full = path.join(dir, path.normalize(p));
      if (full.startsWith(path.resolve(dir) + path.sep)) {
        try {
          if (statSync(full).isFile()) body = readFileSync(full);
        } catch {
          body = null;
        }
      }
    }
    if (body === null) {
      res.writeHead(404, { ...h, 'Content-Type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { ...h, 'Content-Type': type });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const origin = `http://127.0.0.1:${server.address().port}`;
      resolve({
        url: `${origin}/`,
        origin,
        requests,
        close: () =>
          new Promise((r) => {
            server.close(() => r());
            server.closeAllConnections();
          }),
      });
    });
  });
}

/** Headers that let any origin load a file (module scripts, fetch of .wasm). */
export const CORS = { 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' };
