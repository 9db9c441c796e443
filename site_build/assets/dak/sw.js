// The handbook's service worker: a second visit works with the network off, and a reader can prepare
// the whole handbook for offline use. The build (docs_plugins/pyodide) puts it at the site root, so
// that its scope is the whole site, and fills in RUNTIME; client.js registers it once a validator's
// runtime is ready, serviceworker.js when the reader asks for offline use.
//
// - Every cache's name carries the build (RUNTIME.build): a new deploy is a new service worker (this
//   file changes with the build) that installs beside the old one: the new runtime, and a fresh copy
//   of every page the old caches held. When it takes over, it deletes every cache of another build
//   (the pages', and the memory snapshot of worker.js), so a page is never answered from a cache
//   with a runtime or rules of another build.
// - The runtime, the wheel and the worker (RUNTIME.precache) are cached when it installs. Their URLs
//   change whenever their bytes do (pyodide/<version>/, content-hashed names, ?v=<build>), so they
//   are served from the cache first.
// - Everything else of the site (pages, styles, scripts, search index) is fetched from the network
//   first (revalidating the browser's HTTP cache), and the cache is only the fallback: a reader
//   online always gets the current handbook; each answer is kept, so the pages visited are there
//   offline.
// - {prepareOffline: true} from a page caches RUNTIME.offline too: every page of both languages,
//   what they load, and Pagefind's search of both languages. Progress goes to every page of the
//   site: {offline: {done, total, finished}}.

// Filled in by docs_plugins/pyodide when the site is built (placeholder values in the source tree).
const RUNTIME = { version: "", python: "", indexURL: "pyodide/", lockFileURL: "pyodide/pyodide-lock.json", wheel: "", stdLibURL: "", integrity: {}, build: "dev", download: 0, worker: "assets/dak/worker.js", bytes: {}, precache: [], offline: [] };

const CACHE = `dak-${RUNTIME.build}`;
// This build's cache, opened once, when the service worker starts; every read and write goes through
// this handle. caches.open() creates the cache it names: a replaced worker still answering a request
// of the page it controlled (or storing one) after the new build took over and deleted the old caches
// would have created its build's cache anew. Through the handle, such a late write goes into the
// deleted cache, which no name reaches any more.
const ownCache = caches.open(CACHE);
// Caches this site's code makes (worker.js names its memory snapshots pyodide-snapshot-<build>).
const OURS = /^(dak|pyodide-snapshot)-/;
const SCOPE = new URL(self.registration.scope);

function immutable(url) {
  return url.pathname.startsWith(new URL(RUNTIME.indexURL, SCOPE).pathname) || url.searchParams.has("v");
}

const absolute = (paths) => paths.map((path) => new URL(path, SCOPE).href);

async function broadcast(message) {
  for (const client of await self.clients.matchAll({ type: "window", includeUncontrolled: true })) {
    client.postMessage(message);
  }
}

// Stores each URL not yet in the cache, a few at a time; reports {done, total} as they arrive.
// `strict`: a URL that cannot be fetched fails the whole (an install must not half-succeed).
async function store(urls, { strict = false, report = () => {} } = {}) {
  const cache = await ownCache;
  const queue = [...new Set(urls)];
  const total = queue.length;
  let done = 0;
  const next = async () => {
    for (let url = queue.shift(); url; url = queue.shift()) {
      if (!(await cache.match(url))) {
        try {
          const response = await fetch(url, { cache: "no-cache" });
          if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
          await cache.put(url, response);
        } catch (error) {
          if (strict) throw error;
        }
      }
      done += 1;
      report({ done, total });
    }
  };
  await Promise.all([next(), next(), next(), next()]);
}

// The pages and files an older build's caches held, to be fetched anew for this build.
async function keptByOlderBuilds() {
  const urls = [];
  for (const key of await caches.keys()) {
    if (!key.startsWith("dak-") || key === CACHE) continue;
    for (const request of await (await caches.open(key)).keys()) {
      if (!immutable(new URL(request.url))) urls.push(request.url);
    }
  }
  return urls;
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      await store(absolute(RUNTIME.precache), { strict: true });
      await store(await keptByOlderBuilds());
      await self.skipWaiting();
    })(),
  );
});

// Every cache of another build goes: when this build takes over, and again at each page it serves,
// because the build it replaced can still finish a write it began (a response it was storing, the
// memory snapshot its worker was saving) after the take-over, and so create its cache anew.
//
// Only the build that is in charge drops: a worker that a newer build is installing beside (its caches
// are the newer, not the older) or that has been replaced already (redundant) would otherwise delete
// the new build's caches while it handles a last request of its page.
function inCharge() {
  if (self.registration.installing || self.registration.waiting) return false;
  return !self.serviceWorker || self.serviceWorker.state === "activating" || self.serviceWorker.state === "activated";
}

async function dropOtherBuilds() {
  if (!inCharge()) return;
  const keys = await caches.keys();
  await Promise.all(keys.filter((key) => OURS.test(key) && !key.endsWith(`-${RUNTIME.build}`)).map((key) => caches.delete(key)));
}

self.addEventListener("activate", (event) => {
  event.waitUntil(dropOtherBuilds().then(() => self.clients.claim()));
});

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.prepareOffline) {
    const all = absolute([...RUNTIME.precache, ...RUNTIME.offline]);
    event.waitUntil(
      store(all, { report: (progress) => broadcast({ offline: progress }) }).then(
        () => broadcast({ offline: { done: all.length, total: all.length, finished: true } }),
        (error) => broadcast({ offline: { error: String(error) } }),
      ),
    );
    return;
  }
  // A page asks for what it loaded before the service worker controlled it ({cache: [urls]}).
  const urls = Array.isArray(data.cache) ? data.cache : [];
  event.waitUntil(store(urls.filter((url) => typeof url === "string" && url.startsWith(SCOPE.href))));
});

async function cacheFirst(request) {
  const cache = await ownCache;
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

// GitHub Pages answers a URL with the same file whatever its query, and some URLs carry one that
// changes at every use (Pagefind asks for pagefind-entry.json?ts=<now>): the cache keeps each file
// once, under its URL without the query, and answers it for any query.
async function networkFirst(request) {
  const cache = await ownCache;
  const file = request.url.split("?")[0];
  try {
    const response = await fetch(request, { cache: "no-cache" });
    if (response.ok && response.type === "basic") await cache.put(file, response.clone());
    return response;
  } catch (error) {
    const hit = await cache.match(request, { ignoreVary: true, ignoreSearch: true });
    if (hit) return hit;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || !url.href.startsWith(SCOPE.href) || request.headers.has("range")) return;
  if (request.mode === "navigate") event.waitUntil(dropOtherBuilds());
  event.respondWith(immutable(url) ? cacheFirst(request) : networkFirst(request));
});
