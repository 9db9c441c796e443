// Builds the site's python_stdlib.zip: the npm package's standard library cut down to the modules
// that are actually imported, precompiled to .pyc by the interpreter the browser runs (Pyodide's own
// Python, so the bytecode matches it). docs_plugins/pyodide/stdlib.py runs it at build time.
//
//   node docs_plugins/pyodide/stdlib.mjs --runtime node_modules/pyodide --lock DIR/pyodide-lock.json \
//        --wheel DIR/dakcore-....whl --probe probes/dakcore.py [--probe more.py ...] \
//        --out DIR/python_stdlib.zip [--later-probe probes/workbook.py ... --later-out DIR/python_stdlib_later.zip] \
//        [--dakcore-out DIR/dakcore.zip]
//
// Which modules: Pyodide and dakcore start as the browser's worker starts them (its startPython(),
// with the full standard library and the site's lock file, so that start-up imports what it imports
// in the browser), then runs every
// --probe script (Python; the dakcore one calls each method of dakcore's API with good and bad input,
// so its lazy imports and the codecs the roster reader uses are seen), then formats a Python error as
// Pyodide does for JavaScript. Every module loaded from the standard-library zip by then is kept, with
// the packages that hold it; nothing else. A probe is the one place to add an extra package's imports.
// With --later-probe: then every package of the lock is loaded (the ones the worker loads only on
// demand, with Pyodide's package loader and what it imports) and those probes run; the modules they add go into --later-out, a second zip the worker
// puts on sys.path before it loads those packages, so that no reader downloads them up front.
// With --dakcore-out: dakcore's own zip for the browser, made the same way from the wheel (dak_core).
// Prints a JSON summary: {modules: [...], kept, dropped, later: [...], dakcore: {compiled, source}}.

import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";

import { startPython } from "./assets/worker.js";

const { values: options } = parseArgs({
  options: {
    runtime: { type: "string" },
    lock: { type: "string" },
    wheel: { type: "string" },
    probe: { type: "string", multiple: true, default: [] },
    out: { type: "string" },
    "later-probe": { type: "string", multiple: true, default: [] },
    "later-out": { type: "string" },
    "dakcore-out": { type: "string" },
  },
});
if (!options.runtime || !options.lock || !options.wheel || !options.out) {
  console.error("usage: node stdlib.mjs --runtime DIR --lock FILE --wheel FILE --probe FILE... --out FILE");
  process.exit(2);
}

const runtime = path.resolve(options.runtime) + path.sep;
const lock = path.resolve(options.lock);
const { loadPyodide } = await import(pathToFileURL(path.join(runtime, "pyodide.mjs")).href);
const { pyodide } = await startPython({
  loadPyodide,
  indexURL: runtime,
  lockFileURL: lock,
  dakcore: await readFile(options.wheel),
  packageCacheDir: path.dirname(lock), // Node reads the lock's wheels from here
});
// The dakcore modules a start imports (the ones precompiled in dakcore's zip for the browser).
const started = pyodide.runPython(
  "import sys\nsorted(m.__spec__.origin for n, m in sys.modules.items() if n.split('.')[0] == 'dakcore')",
).toJs();
pyodide.globals.set("dak_core_started", pyodide.toPy(started));

for (const probe of options.probe) {
  const source = await readFile(probe, "utf8");
  pyodide.runPython(source, { globals: pyodide.toPy({ __name__: "__probe__" }) });
}
// A Python error reaching JavaScript is formatted with the traceback machinery.
try {
  pyodide.runPython("def dak_probe_fails():\n    raise ValueError('probe')\ndak_probe_fails()");
} catch {
  // expected
}

const LOADED = `
import json, sys
ZIP = json.__spec__.origin.rsplit("/json/", 1)[0]  # the standard library's zip
DAKCORE = sys.modules["dakcore"].__spec__.origin.rsplit("/dakcore/", 1)[0]  # dakcore's, as the worker put it
def dak_loaded(archive=ZIP):
    found = set()
    for name, module in list(sys.modules.items()):
        origin = getattr(getattr(module, "__spec__", None), "origin", None) or ""
        if origin.startswith(archive + "/"):
            found.add(origin[len(archive) + 1 :])
    return found
dak_first = dak_loaded()
`;
pyodide.runPython(LOADED);

// The packages loaded on demand, then their probes: what they add to the modules loaded.
if (options["later-probe"].length) {
  const hosted = Object.keys(JSON.parse(await readFile(lock, "utf8")).packages);
  await pyodide.loadPackage(hosted, { messageCallback: () => {} });
  for (const probe of options["later-probe"]) {
    const source = await readFile(probe, "utf8");
    pyodide.runPython(source, { globals: pyodide.toPy({ __name__: "__probe__" }) });
  }
}

const summary = pyodide.runPython(`
import io, json, sys, zipfile
from importlib._bootstrap_external import _code_to_hash_pyc
from importlib.util import source_hash

def folders_of(names):
    return {name.rsplit("/", 1)[0] for name in names if "/" in name}

def dak_zip(loaded, skipped_folders, path):
    """The modules in loaded, precompiled, with the other files of their folders; returns how many
    modules were kept."""
    kept = 0
    out = io.BytesIO()
    folders = folders_of(loaded) - skipped_folders
    with zipfile.ZipFile(ZIP) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in sorted(source.infolist(), key=lambda i: i.filename):
            name = info.filename
            if name.endswith("/"):
                continue
            entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            if name.endswith(".py"):
                if name not in loaded:
                    continue
                data = source.read(name)
                code = compile(data, f"{ZIP}/{name}", "exec", dont_inherit=True, optimize=2)
                entry.filename = name[:-3] + ".pyc"
                target.writestr(entry, bytes(_code_to_hash_pyc(code, source_hash(data), checked=False)))
                kept += 1
            elif name.rsplit("/", 1)[0] in folders:
                target.writestr(entry, source.read(name))
    with open(path, "wb") as handle:
        handle.write(out.getvalue())
    return kept

def dak_core(started, imported, path):
    """dakcore as the browser imports it: the modules a start imports, precompiled (compiling them
    would make the start longer than their extra bytes take to arrive); the ones only some calls
    import (the report's, the workbooks'), as source, compiled when first used; the data files. What
    no probe imports (the command line) and the wheel's metadata stay out."""
    out = io.BytesIO()
    with zipfile.ZipFile(DAKCORE) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for name in sorted(source.namelist()):
            if name.endswith("/") or ".dist-info/" in name:
                continue
            entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            data = source.read(name)
            if name.endswith(".py") and name in started:
                code = compile(data, f"{DAKCORE}/{name}", "exec", dont_inherit=True, optimize=2)
                entry.filename = name[:-3] + ".pyc"
                data = bytes(_code_to_hash_pyc(code, source_hash(data), checked=False))
            elif name.endswith(".py") and name not in imported:
                continue
            target.writestr(entry, data)
    with open(path, "wb") as handle:
        handle.write(out.getvalue())

later = dak_loaded() - dak_first
started = {origin[len(DAKCORE) + 1 :] for origin in dak_core_started}
dak_core(started, dak_loaded(DAKCORE), "/tmp/dakcore.zip")
with zipfile.ZipFile(ZIP) as source:
    total = sum(1 for n in source.namelist() if n.endswith(".py"))
kept = dak_zip(dak_first, set(), "/tmp/python_stdlib.zip")
kept_later = dak_zip(later, folders_of(dak_first), "/tmp/python_stdlib_later.zip")
json.dumps({"modules": sorted(dak_first), "kept": kept, "dropped": total - kept - kept_later,
            "later": sorted(later), "dakcore": {"compiled": sorted(started), "source": sorted(dak_loaded(DAKCORE) - started)}})
`);
await writeFile(options.out, pyodide.FS.readFile("/tmp/python_stdlib.zip"));
if (options["later-out"]) await writeFile(options["later-out"], pyodide.FS.readFile("/tmp/python_stdlib_later.zip"));
if (options["dakcore-out"]) await writeFile(options["dakcore-out"], pyodide.FS.readFile("/tmp/dakcore.zip"));
process.stdout.write(summary + "\n");
