// The validators' runtime, for the pages: dakcore under Pyodide in a module Web Worker.
//
//   import { startDak } from "<site root>/assets/dak/client.js";
//   const dak = startDak({ base, onProgress });
//   await dak.ready;                                   // Python and dakcore loaded
//   const response = await dak.call("validate", { plan, years: "both" });
//
// startDak({base, onProgress}) -> {ready: Promise<void>, call(method, params): Promise<response>}
//   base        the URL of the site root relative to the page (the validator element's
//               `data-dak-base`, e.g. "../../"); the runtime's URLs are resolved against it, so the
//               site works under a sub-path and the English pages use the same runtime.
//   onProgress  optional, called with {stage, percent}: stage "download" (percent 0-90, the runtime's
//               bytes; with {loaded, total}: bytes as they arrive, uncompressed), "start" (95), "ready" (100; with `snapshot: true` when Python resumed from
//               a memory snapshot, and `timings`: {pyodide, dakcore} ms spent starting each), later
//               "snapshot" ({bytes} or {error}: a memory snapshot was made for the next visit). A
//               late subscriber gets the latest state at once.
//   ready       resolves when a call will be answered at once; rejects with an Error when the runtime
//               cannot start (no WebAssembly, a missing file).
//   cancel      stops the runtime while it starts (cancelDak(); ready rejects), e.g. when the reader
//               cancels the first download; a later startDak() starts anew.
//   call        any method of dakcore.api (validate, roster, deadlines, eligibility, form, activities,
//               budget_categories) with its params as JSON data; a roster's `csv` may be a string, an
//               ArrayBuffer or a typed array (bytes: the encoding is detected as `dak roster` does).
//               Resolves with dakcore.api.call's response: {ok: true, result} or, for input that
//               cannot be checked, {ok: false, problems: [{where, message: {id, en}}]}, exactly what
//               `dak ... --format json` answers. Calls made before ready wait for it. Rejects only
//               when the runtime itself fails.
//
// One worker per tab: the first startDak() starts it, later calls (other validators on the page, or
// a page reached by Material's instant navigation) share it. Nothing is loaded before a page calls
// startDak() but, on a page with a validator, the short chain preloadRuntime() asks for (the worker's
// script and Pyodide's loader), so pages without a validator load no Pyodide. After a first start, a memory snapshot of
// the started interpreter is kept in the browser (Cache Storage), and later visits resume from it
// (worker.js; a snapshot that fails is dropped and Python starts as usual). Once ready, a service
// worker (sw.js at the site root) is registered (serviceworker.js): it caches the runtime, dakcore
// and the pages visited, so that a second visit works with the network off.
//
// The runtime's values (its URLs, sizes, integrity hashes, the build's id) come from runtime.js,
// which docs_plugins/pyodide generates when the site is built.

import { RUNTIME } from "./runtime.js";
import { registerServiceWorker } from "./serviceworker.js";

let runtime = null;

// What a first use downloads, compressed, in bytes (the build measures the real files).
export const downloadSize = () => RUNTIME.download || 0;
// What the first workbook opened or saved adds (openpyxl and et_xmlfile), compressed, in bytes.
export const excelDownloadSize = () => RUNTIME.excel?.download || 0;

// Asks the browser for the short chain before the runtime (the worker's script and Pyodide's loader)
// while the reader reads, so that the big downloads start at once when the runtime starts. Small
// files, and never the runtime itself.
export function preloadRuntime(base) {
  const root = siteRoot(base);
  for (const path of [RUNTIME.worker, `${RUNTIME.indexURL}pyodide.mjs`]) {
    const href = new URL(path, root).href;
    if (document.querySelector(`link[rel="modulepreload"][href="${CSS.escape(href)}"]`)) continue;
    const link = document.createElement("link");
    link.rel = "modulepreload";
    link.href = href;
    document.head.append(link);
  }
}

function siteRoot(base) {
  const root = new URL(base || "./", document.baseURI);
  root.search = "";
  root.hash = "";
  if (!root.pathname.endsWith("/")) root.pathname += "/";
  return root;
}

function start(root) {
  const listeners = new Set();
  const pending = new Map();
  let latest = null;
  let nextId = 1;
  let settle;
  const ready = new Promise((resolve, reject) => {
    settle = { resolve, reject };
  });
  const notify = (progress) => {
    latest = progress;
    for (const listener of listeners) {
      try {
        listener(progress);
      } catch (error) {
        console.error(error);
      }
    }
  };
  const fail = (message) => {
    const error = new Error(`dak: the validator runtime could not start: ${message}`);
    settle.reject(error);
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };

  const worker = new Worker(new URL(RUNTIME.worker, root), { type: "module", name: "dak" });
  worker.onmessage = ({ data }) => {
    if (data.progress) {
      notify(data.progress);
    } else if (data.ready) {
      notify({ stage: "ready", percent: 100, snapshot: Boolean(data.snapshot), timings: data.timings });
      settle.resolve();
    } else if (data.snapshotMade) {
      notify({ stage: "snapshot", percent: 100, ...data.snapshotMade });
    } else if (data.failed) {
      fail(data.failed);
    } else if (pending.has(data.id)) {
      const { resolve, reject } = pending.get(data.id);
      pending.delete(data.id);
      if ("error" in data) reject(new Error(`dak: ${data.error}`));
      else resolve(data.response);
    }
  };
  worker.onerror = (event) => {
    event.preventDefault();
    fail(event.message || "the worker script failed to load");
  };
  worker.postMessage({
    init: {
      indexURL: new URL(RUNTIME.indexURL, root).href,
      lockFileURL: new URL(RUNTIME.lockFileURL, root).href,
      stdLibURL: RUNTIME.stdLibURL ? new URL(RUNTIME.stdLibURL, root).href : undefined,
      dakcoreURL: new URL(RUNTIME.dakcore, root).href,
      integrity: RUNTIME.integrity,
      bytes: RUNTIME.bytes,
      excel: { ...RUNTIME.excel, stdlib: RUNTIME.excel?.stdlib ? new URL(RUNTIME.excel.stdlib, root).href : null },
      snapshot: window.isSecureContext
        ? { cache: `pyodide-snapshot-${RUNTIME.build}`, key: new URL("snapshot.bin", new URL(RUNTIME.indexURL, root)).href }
        : null,
    },
  });
  // The memory snapshot is made once this build's service worker is in charge (or there is none):
  // making it loads the runtime again through the service worker, and a page of a new deploy is
  // still served by the old build's one until the new one takes over, which waits for the old one
  // to fall idle.
  ready
    .then(() => registerServiceWorker(root))
    .then(() => worker.postMessage({ makeSnapshot: true }))
    .catch(() => {});

  return {
    ready,
    listeners,
    latest: () => latest,
    cancel() {
      worker.terminate();
      fail("cancelled by the reader");
    },
    call(method, params) {
      return new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, method, params });
      });
    },
  };
}

// The service worker is registered only after the runtime is ready, so that its caching does not
// compete with the first download (it then revalidates what the browser just fetched).

export function startDak({ base, onProgress } = {}) {
  if (!runtime) runtime = start(siteRoot(base));
  if (onProgress) {
    runtime.listeners.add(onProgress);
    const latest = runtime.latest();
    if (latest) onProgress(latest);
  }
  return { ready: runtime.ready, call: runtime.call, cancel: cancelDak };
}

// Stops a runtime that is still starting (the reader cancelled the download): its worker ends, its
// calls reject; the next startDak() starts a new one.
export function cancelDak() {
  if (!runtime) return;
  runtime.cancel();
  runtime = null;
}
