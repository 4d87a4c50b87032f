// Service worker: caches every asset of the page on the first visit so the
// annotator works with the network off afterwards.
//
// The build copies this file to the site's root (dist/sw.js, so its scope
// covers index.html) and stamps BUILD (crate version + hash of the assets)
// and ASSETS (every file of the page) into it: scripts/stamp-sw.mjs. A new
// build is a new sw.js, hence a new cache; old caches are deleted on
// activate. Unstamped (BUILD 'dev'), it caches what it serves as it goes.
const BUILD = 'dev';
const ASSETS = [];

const PREFIX = 'article-annotator-';
const CACHE = `${PREFIX}${BUILD}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // cache: 'reload' skips the HTTP cache so a new build never stores
      // an old file under its new name.
      await cache.addAll(['./', ...ASSETS].map((u) => new Request(u, { cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      // Pages are one document whatever their query (?test, ?allow-origins=…).
      const hit = await cache.match(req, { ignoreSearch: req.mode === 'navigate' });
      if (hit) return hit;
      const res = await fetch(req);
      if (res.ok && res.type === 'basic') {
        // Files the list did not name (e.g. added after the build) are kept too.
        cache.put(req, res.clone()).catch(() => {});
      }
      return res;
    })(),
  );
});
