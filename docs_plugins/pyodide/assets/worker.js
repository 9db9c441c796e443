// The validators' Python: dakcore under Pyodide, in a module Web Worker (client.js starts it with
// `new Worker(url, {type: "module"})`; Pyodide 314 runs in no classic worker).
//
// Messages in:  {init: {indexURL, lockFileURL, stdLibURL, dakcoreURL, integrity, bytes, excel, snapshot}}
//                                                       once, first (client.js sends it; stdLibURL:
//                                                       the site's trimmed standard library;
//                                                       dakcoreURL: dakcore's zip; integrity: {file
//                                                       name: SRI hash}; snapshot: {cache, key} or
//                                                       null, see below; excel: {packages, stdlib,
//                                                       bytes}, what a workbook needs, loaded on
//                                                       demand: package names, a zip's URL, sizes);
//               {id, method, params}                    a call of dakcore.api.call(method, params);
//               {makeSnapshot: true}                    make a memory snapshot for later visits, if
//                                                       this start read none (client.js asks once
//                                                       the site's service worker is settled).
// Messages out: {progress: {stage, percent}}            stage "download" (0-90 %, by bytes), "start",
//                                                       "excel" (the workbook packages, by bytes);
//               {ready: true, snapshot, timings}        Python and dakcore are loaded, rules indexed
//                                                       (snapshot: resumed from a memory snapshot;
//                                                       timings: {pyodide, dakcore} in ms);
//               {snapshotMade: {bytes} | {error}}       a memory snapshot was stored for later visits;
//               {failed: message}                       the runtime could not start;
//               {id, response}                          the call's answer, JSON data ({ok, result} or
//                                                       {ok: false, problems}), exactly what `dak` prints;
//               {id, error: message}                    a fault of the runtime itself (never bad input).
// A call sent before ready waits for it. A roster's CSV may come as an ArrayBuffer or a typed array
// (`params.csv`): Python gets it as bytes and detects its encoding (or that it is a workbook) as
// `dak roster` does; a workbook (`params.xlsx`) too, which Python passes on as the API's base64 text.
// openpyxl (with et_xmlfile) is loaded only before the first call that reads or writes a workbook
// (needsExcel): a reader who never touches Excel never downloads it.
//
// The same module is imported by tests/pyodide/run_dakcore.mjs, which runs dakcore's checks under
// Pyodide in Node with startPython() and callPython(); only in a worker does it listen to messages.

// Where dakcore's zip goes (the build makes it from dakcore's wheel, with the modules a start imports
// precompiled). Python imports from it as it is (zipimport, as from the standard library): no
// installing a wheel with Pyodide's package loader, whose imports (tarfile, importlib.metadata: ~80 KB
// of the standard library) every reader would otherwise download. The packages loaded on demand
// (openpyxl) are installed by it, later.
const DAKCORE_ZIP = "/lib/dakcore.zip";

// Puts dakcore's zip on sys.path, defines dak_call(method, params_json, data) in Python and indexes
// the rules once, now, so that the first check is as fast as the others.
export const PYTHON = `
import sys
sys.path.insert(0, "${DAKCORE_ZIP}")

import base64
import json
from dakcore import api

def dak_call(method, params_json, data=None, key="csv"):
    params = json.loads(params_json)
    if data is not None and isinstance(params, dict):
        params[key] = base64.b64encode(data.to_bytes()).decode() if key == "xlsx" else data.to_bytes()
    return json.dumps(api.call(method, params), ensure_ascii=False)

api.call("activities")
dak_call
`;

// Starts Pyodide and dakcore and returns {pyodide, timings, call(method, params) -> response,
// loadExcel}. `dakcore`: dakcore's zip, or a function returning a promise of its bytes, called once
// Pyodide has started (the worker asks for it earlier, while the interpreter starts). With
// `snapshot` (the bytes of a memory snapshot of a started interpreter) Pyodide resumes from it
// instead of starting.
export async function startPython({ loadPyodide, indexURL, lockFileURL, stdLibURL, dakcore, packageCacheDir, snapshot, onProgress }) {
  const start = performance.now();
  const pyodide = await loadPyodide({
    indexURL,
    lockFileURL,
    ...(stdLibURL ? { stdLibURL } : {}),
    ...(packageCacheDir ? { packageCacheDir } : {}),
    ...(snapshot ? { _loadSnapshot: snapshot } : {}),
  });
  pyodide.FS.writeFile(DAKCORE_ZIP, await (typeof dakcore === "function" ? dakcore() : dakcore));
  onProgress?.({ stage: "start", percent: 95 });
  const started = performance.now();
  const dakCall = pyodide.runPython(PYTHON);
  // Milliseconds: Pyodide started and dakcore's zip at hand; dakcore imported and its rules indexed.
  const timings = { pyodide: Math.round(started - start), dakcore: Math.round(performance.now() - started) };
  let excel = null;
  return {
    pyodide,
    timings,
    call: (method, params) => callPython(dakCall, method, params),
    // The workbook packages (the lock's names, e.g. ["openpyxl"]; their dependencies come along),
    // once, after the zip of the standard-library modules only they import (`readStdlib()`: its
    // bytes, or null when the site has none) is put on sys.path; a failed load may be tried again.
    loadExcel: (packages, readStdlib) =>
      (excel ??= (async () => {
        const zip = readStdlib ? await readStdlib() : null;
        if (zip) {
          pyodide.FS.writeFile(EXCEL_STDLIB, zip);
          pyodide.runPython(ADD_STDLIB.replaceAll("ZIP", EXCEL_STDLIB));
        }
        await pyodide.loadPackage(packages, { messageCallback: () => {} });
      })().catch((error) => {
        excel = null;
        throw error;
      })),
  };
}

// Where the worker puts the standard-library modules only the workbook packages import.
const EXCEL_STDLIB = "/lib/python_stdlib_later.zip";
// Puts that zip on sys.path. Some of its modules belong to packages of the first zip (importlib's
// metadata, the cp437 codec, which Pyodide's package loader needs): a package looks for its modules
// only along its own __path__, so each such package's folder in the new zip joins it.
const ADD_STDLIB = `
import importlib, sys, zipfile
sys.path.append("ZIP")
with zipfile.ZipFile("ZIP", metadata_encoding="utf-8") as archive:  # cp437, the default, is in it
    parts = [name.split("/")[:-1] for name in archive.namelist()]
folders = {"/".join(path[:depth]) for path in parts for depth in range(1, len(path) + 1)}
for folder in sorted(folders):
    package = sys.modules.get(folder.replace("/", "."))
    if package is not None and hasattr(package, "__path__"):
        package.__path__.append("ZIP/" + folder)
importlib.invalidate_caches()
`;

// The methods that read or write a workbook (annotated_roster only for an .xlsx out or in).
const EXCEL_METHODS = new Set(["template", "validate_workbook", "findings_workbook", "report_workbook"]);

// Whether a call needs openpyxl: a workbook method, or a workbook's bytes (a zip, or an encrypted or
// old Office file, which openpyxl is needed to name) where a roster's CSV could be.
export function needsExcel(method, params) {
  if (EXCEL_METHODS.has(method)) return true;
  if (!params || typeof params !== "object" || Array.isArray(params)) return false;
  if (method === "annotated_roster" && (params.as === "xlsx" || params.xlsx !== undefined)) return true;
  for (const key of ["csv", "xlsx"]) {
    const value = params[key];
    if (!isBinary(value)) continue;
    const bytes = value instanceof ArrayBuffer ? new Uint8Array(value, 0, Math.min(4, value.byteLength))
      : new Uint8Array(value.buffer, value.byteOffset, Math.min(4, value.byteLength));
    const magic = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    if (magic === "504b0304" || magic === "d0cf11e0") return true;
  }
  return false;
}

function isBinary(value) {
  return value instanceof ArrayBuffer || ArrayBuffer.isView(value);
}

// One call of dakcore.api.call, as JSON data in and out (a roster's CSV or a workbook as bytes).
export function callPython(dakCall, method, params) {
  let rest = params === undefined ? null : params;
  let data;
  let key = "csv";
  if (rest && typeof rest === "object" && !Array.isArray(rest)) {
    key = ["csv", "xlsx"].find((name) => isBinary(rest[name])) || "csv";
    if (isBinary(rest[key])) {
      const bytes = rest[key];
      data = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      rest = { ...rest };
      delete rest[key];
    }
  }
  return JSON.parse(dakCall(String(method), JSON.stringify(rest), data, key));
}

// Reports the download of the big runtime files (their sizes come from the build) as they stream in.
// The bytes are counted on a clone: Pyodide gets the browser's own response, so that the browser can
// still compile the WebAssembly while it streams in and keep the compiled code in its cache. A file
// with an `integrity` hash (the standard library, dakcore, the wheels) is fetched with it: the browser checks
// the bytes. Returns {stop(), arrived(names)}: arrived resolves once those files have all come in.
function trackDownloads(expected, integrity, report) {
  const total = Object.values(expected).reduce((sum, size) => sum + size, 0) || 1;
  const realFetch = globalThis.fetch;
  let loaded = 0;
  let shown = -1;
  const complete = new Set();
  const waiting = new Set();
  const count = async (name, body) => {
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      loaded += value.byteLength;
      const percent = Math.min(90, Math.floor((90 * loaded) / total));
      if (percent !== shown) {
        shown = percent;
        report({ stage: "download", percent, loaded: Math.min(loaded, total), total });
      }
    }
    complete.add(name);
    for (const wait of waiting) wait();
  };
  globalThis.fetch = async (input, init) => {
    const url = typeof input === "string" || input instanceof URL ? String(input) : input.url;
    const name = new URL(url, self.location.href).pathname.split("/").pop();
    const response = await realFetch(input, integrity[name] ? { ...init, integrity: integrity[name] } : init);
    if (name in expected && response.ok && response.body) count(name, response.clone().body).catch(() => {});
    return response;
  };
  return {
    stop() {
      globalThis.fetch = realFetch;
    },
    arrived: (names) =>
      new Promise((resolve) => {
        const wait = () => {
          if (!names.every((name) => complete.has(name))) return;
          waiting.delete(wait);
          resolve();
        };
        waiting.add(wait);
        wait();
      }),
  };
}

// The memory snapshot (Pyodide's own, experimental): after a first start, a second worker starts a
// bare interpreter, snapshots its memory and keeps it in the Cache Storage, keyed by the Pyodide
// version; later visits resume from it, which skips most of the interpreter's start-up. It is only
// an acceleration: a snapshot that cannot be read or restored is deleted and Pyodide starts as usual.
async function readSnapshot({ cache, key }) {
  try {
    const hit = await caches.match(key, { cacheName: cache }); // caches.open would create the cache
    return hit ? new Uint8Array(await hit.arrayBuffer()) : null;
  } catch {
    return null;
  }
}

// Whether a newer build has taken over since this page loaded: the service worker of the site's build
// keeps a cache dak-<build>; when a new deploy's worker takes over it deletes the older builds' ones.
async function replaced(snapshotCache) {
  const build = snapshotCache.slice("pyodide-snapshot-".length);
  const keys = await caches.keys();
  return !keys.includes(`dak-${build}`) && keys.some((key) => key.startsWith("dak-"));
}

async function makeSnapshot({ indexURL, lockFileURL, stdLibURL, snapshot }) {
  if (await replaced(snapshot.cache)) throw new Error("a newer build of the site has taken over");
  const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
  const pyodide = await loadPyodide({ indexURL, lockFileURL, stdLibURL, _makeSnapshot: true });
  const bytes = pyodide.makeMemorySnapshot();
  if (await replaced(snapshot.cache)) throw new Error("a newer build of the site has taken over");
  for (const name of await caches.keys()) {
    if (name.startsWith("pyodide-snapshot-") && name !== snapshot.cache) await caches.delete(name);
  }
  const headers = { "content-type": "application/octet-stream" };
  await (await caches.open(snapshot.cache)).put(snapshot.key, new Response(bytes, { headers }));
  // Taken over while it was being written: the new build has already cleared the older caches, and
  // this one would stay behind.
  if (await replaced(snapshot.cache)) await caches.delete(snapshot.cache);
  return bytes.length;
}

// Made a moment after ready at the earliest: starting a second interpreter takes a core, which the
// reader's first check (often waiting for this very moment) should have first.
const SNAPSHOT_DELAY = 2000; // ms

// Starts a second worker that makes and stores the memory snapshot, and reports what it did.
function spawnSnapshotMaker(init) {
  const maker = new Worker(import.meta.url, { type: "module", name: "dak-snapshot" });
  maker.onmessage = ({ data }) => {
    self.postMessage({ snapshotMade: data });
    maker.terminate();
  };
  maker.postMessage({ snapshot: init });
}

// The bytes of a file of the runtime (fetched through trackDownloads' fetch: counted, integrity-checked).
async function download(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

async function boot(init) {
  const { indexURL, lockFileURL, stdLibURL, bytes } = init;
  const progress = (value) => self.postMessage({ progress: value });
  const total = Object.values(bytes || {}).reduce((sum, size) => sum + size, 0);
  progress({ stage: "download", percent: 0, loaded: 0, total });
  const downloads = trackDownloads(bytes || {}, init.integrity || {}, progress);
  const useSnapshot = Boolean(init.snapshot && self.caches);
  let restored = false;
  try {
    // dakcore's zip is needed only once the interpreter has started: it is asked for when the other
    // big files have come in, so that it downloads while the interpreter starts rather than sharing
    // the link with them (on a slow link its bytes would otherwise delay the start). At the latest,
    // startPython asks for it once Pyodide has started.
    let zip = null;
    const dakcore = () => (zip ??= download(init.dakcoreURL));
    const zipName = new URL(init.dakcoreURL).pathname.split("/").pop();
    downloads
      .arrived(Object.keys(bytes || {}).filter((name) => name !== zipName))
      .then(() => dakcore().catch(() => {})); // a failure is reported where startPython awaits it
    const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
    const snapshot = useSnapshot ? await readSnapshot(init.snapshot) : null;
    let python = null;
    if (snapshot) {
      try {
        python = await startPython({ loadPyodide, indexURL, lockFileURL, stdLibURL, dakcore, snapshot, onProgress: progress });
        restored = true;
      } catch (error) {
        console.warn("dak: the memory snapshot could not be restored; starting Python", error);
        await caches.delete(init.snapshot.cache).catch(() => {});
      }
    }
    python ??= await startPython({ loadPyodide, indexURL, lockFileURL, stdLibURL, dakcore, onProgress: progress });
    self.postMessage({ ready: true, snapshot: restored, timings: python.timings });
    // When the page asks: no earlier than SNAPSHOT_DELAY from now, once, and only if none was read.
    const earliest = performance.now() + SNAPSHOT_DELAY;
    let asked = !useSnapshot || Boolean(snapshot);
    python.makeSnapshot = () => {
      if (asked) return;
      asked = true;
      setTimeout(() => spawnSnapshotMaker(init), Math.max(0, earliest - performance.now()));
    };
    return python;
  } finally {
    downloads.stop();
  }
}

const IN_WORKER = typeof WorkerGlobalScope !== "undefined" && self instanceof WorkerGlobalScope;

if (IN_WORKER && self.name === "dak-snapshot") {
  self.onmessage = ({ data }) => {
    makeSnapshot(data.snapshot).then(
      (size) => self.postMessage({ bytes: size }),
      (error) => self.postMessage({ error: String((error && error.message) || error) }),
    );
  };
} else if (IN_WORKER) {
  let python = null;
  let excel = { packages: [], bytes: {} };
  let integrity = {};
  self.onmessage = async ({ data }) => {
    if (data && data.init) {
      excel = data.init.excel || excel;
      integrity = data.init.integrity || {};
      python = boot(data.init);
      python.catch((error) => self.postMessage({ failed: String((error && error.message) || error) }));
      return;
    }
    if (data && data.makeSnapshot) {
      python?.then((started) => started.makeSnapshot(), () => {});
      return;
    }
    const { id, method, params } = data || {};
    try {
      if (!python) throw new Error("the worker got a call before its init message");
      const { call, loadExcel } = await python;
      if (excel.packages.length && needsExcel(method, params)) {
        // Counted and integrity-checked like the runtime's own files.
        const downloads = trackDownloads(excel.bytes, integrity, (progress) =>
          self.postMessage({ progress: { ...progress, stage: "excel" } }));
        try {
          await loadExcel(excel.packages, excel.stdlib ? () => download(excel.stdlib) : null);
        } finally {
          downloads.stop();
        }
      }
      self.postMessage({ id, response: call(method, params) });
    } catch (error) {
      self.postMessage({ id, error: String((error && error.message) || error) });
    }
  };
}
