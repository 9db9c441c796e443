// The handbook's service worker: a second visit works with the network off. The build
// (docs_plugins/pyodide) puts it at the site root, so that its scope is the whole site, and fills in
// RUNTIME; client.js registers it once a validator's runtime is ready.
//
// - The runtime, the wheel and the worker (RUNTIME.precache) are cached when it installs. Their URLs
//   change whenever their bytes do (pyodide/<version>/, a wheel version with a digest, ?v=<build>),
//   so they are served from the cache first.
// - Everything else of the site (pages, styles, scripts, search index) is fetched from the network
//   first, and the cache is only the fallback: a reader online always gets the current handbook; each
//   answer is kept, so the pages visited are there offline.
// - A new build is a new cache: the old one is deleted when the new worker takes over.

// Filled in by docs_plugins/pyodide when the site is built (placeholder values in the source tree).
const RUNTIME = { version: "", python: "", indexURL: "pyodide/", lockFileURL: "pyodide/pyodide-lock.json", wheel: "", build: "dev", worker: "assets/dak/worker.js", bytes: {}, precache: [] };

const CACHE = `dak-${RUNTIME.build}`;
const SCOPE = new URL(self.registration.scope);

function immutable(url) {
  return url.pathname.startsWith(new URL(RUNTIME.indexURL, SCOPE).pathname) || url.searchParams.has("v");
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(RUNTIME.precache.map((path) => new URL(path, SCOPE).href)))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith("dak-") && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

// A page asks for what it loaded before the service worker controlled it ({cache: [urls]}).
self.addEventListener("message", (event) => {
  const urls = (event.data && event.data.cache) || [];
  const inScope = urls.filter((url) => typeof url === "string" && url.startsWith(SCOPE.href));
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      Promise.all(
        inScope.map((url) =>
          cache.match(url).then((hit) => hit || cache.add(url).catch(() => undefined)),
        ),
      ),
    ),
  );
});

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const hit = await cache.match(request, { ignoreVary: true });
    if (hit) return hit;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || !url.href.startsWith(SCOPE.href) || request.headers.has("range")) return;
  event.respondWith(immutable(url) ? cacheFirst(request) : networkFirst(request));
});
