// Builds the site's python_stdlib.zip: the npm package's standard library cut down to the modules
// that are actually imported, precompiled to .pyc by the interpreter the browser runs (Pyodide's own
// Python, so the bytecode matches it). docs_plugins/pyodide/stdlib.py runs it at build time.
//
//   node docs_plugins/pyodide/stdlib.mjs --runtime node_modules/pyodide --lock DIR/pyodide-lock.json \
//        --probe probes/dakcore.py [--probe more.py ...] --out DIR/python_stdlib.zip
//
// Which modules: Pyodide starts with the full standard library and the site's lock file (so its
// start-up and the wheel's installation import what they import in the browser), then runs every
// --probe script (Python; the dakcore one calls each method of dakcore's API with good and bad input,
// so its lazy imports and the codecs the roster reader uses are seen), then formats a Python error as
// Pyodide does for JavaScript. Every module loaded from the standard-library zip by then is kept, with
// the packages that hold it; nothing else. A probe is the one place to add an extra package's imports.
// Prints a JSON summary: {modules: [...], kept, dropped}.

import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";

const { values: options } = parseArgs({
  options: {
    runtime: { type: "string" },
    lock: { type: "string" },
    probe: { type: "string", multiple: true, default: [] },
    out: { type: "string" },
  },
});
if (!options.runtime || !options.lock || !options.out) {
  console.error("usage: node stdlib.mjs --runtime DIR --lock FILE --probe FILE... --out FILE");
  process.exit(2);
}

const runtime = path.resolve(options.runtime) + path.sep;
const lock = path.resolve(options.lock);
const { loadPyodide } = await import(pathToFileURL(path.join(runtime, "pyodide.mjs")).href);
const pyodide = await loadPyodide({
  indexURL: runtime,
  lockFileURL: lock,
  packages: ["dakcore"],
  packageCacheDir: path.dirname(lock),
});

// Every package the site hosts, the ones its worker loads only on demand included (a probe imports
// them: openpyxl's standard-library imports must be in the zip before a reader opens a workbook).
const hosted = Object.keys(JSON.parse(await readFile(lock, "utf8")).packages);
await pyodide.loadPackage(hosted, { messageCallback: () => {} });

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

const summary = pyodide.runPython(`
import io, json, sys, zipfile
from importlib._bootstrap_external import _code_to_hash_pyc
from importlib.util import source_hash

ZIP = next(p for p in sys.path if p.endswith(".zip"))
loaded = set()
for name, module in list(sys.modules.items()):
    origin = getattr(getattr(module, "__spec__", None), "origin", None) or ""
    if origin.startswith(ZIP + "/"):
        loaded.add(origin[len(ZIP) + 1 :])

kept, dropped = 0, 0
out = io.BytesIO()
with zipfile.ZipFile(ZIP) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
    folders = {name.rsplit("/", 1)[0] for name in loaded if "/" in name}
    for info in sorted(source.infolist(), key=lambda i: i.filename):
        name = info.filename
        if name.endswith("/"):
            continue
        if name.endswith(".py"):
            if name not in loaded:
                dropped += 1
                continue
            data = source.read(name)
            code = compile(data, f"{ZIP}/{name}", "exec", dont_inherit=True, optimize=2)
            entry = zipfile.ZipInfo(name[:-3] + ".pyc", date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, bytes(_code_to_hash_pyc(code, source_hash(data), checked=False)))
            kept += 1
        elif name.rsplit("/", 1)[0] in folders:
            entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(name))
with open("/tmp/python_stdlib.zip", "wb") as handle:
    handle.write(out.getvalue())
json.dumps({"modules": sorted(loaded), "kept": kept, "dropped": dropped})
`);
await writeFile(options.out, pyodide.FS.readFile("/tmp/python_stdlib.zip"));
process.stdout.write(summary + "\n");
