// dakcore's checks under Pyodide itself (Python 3.14 in WebAssembly: no OpenSSL-backed hashlib or
// ssl, no time-zone data), in Node, with the runtime the site ships and the dakcore zip the build made.
//
//   node tests/pyodide/run_dakcore.mjs --lock site/pyodide/<version>/pyodide-lock.json [--runtime DIR]
//
// --lock     the site's pyodide-lock.json (docs_plugins/pyodide writes it beside the dakcore zip)
// --runtime  the Pyodide runtime (default: the lock's folder, i.e. the files the site ships)
// --stdlib   the standard-library zip (default: the site's trimmed python_stdlib-<digest>.zip in the
//            runtime folder, so a module the build left out fails here as it would in a browser)
//
// Pyodide is started exactly as the browser's worker starts it (startPython() of
// docs_plugins/pyodide/assets/worker.js: dakcore's zip, beside the lock, imported from as it is), and every case
// goes through the worker's callPython(), so a roster's CSV reaches Python as bytes, as from a file
// input. Prints one JSON document: {pyodide, python, dakcore, stdlib (where `json` came from),
// modules, workbookProbe ("ok" or the error of the workbook probe, run with openpyxl loaded as the
// worker loads it), results: [{name, method, params, response}]}; a roster's bytes are named by their file ({"file": "tests/pyodide/..."}) so that
// tests/test_pyodide.py can give CPython the same bytes and compare the responses. Exit 1 if Pyodide
// itself fails.

import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

import { startPython } from "../../docs_plugins/pyodide/assets/worker.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const { values: options } = parseArgs({
  options: {
    lock: { type: "string" },
    runtime: { type: "string" },
    stdlib: { type: "string" },
  },
});
if (!options.lock) {
  console.error("usage: node tests/pyodide/run_dakcore.mjs --lock SITE/pyodide/VERSION/pyodide-lock.json");
  process.exit(2);
}

const json = async (relative) => JSON.parse(await readFile(path.join(ROOT, relative), "utf8"));
const plan = await json("examples/plan-2023.json");
const file = (relative) => ({ file: relative });

// [name, method, params]; a {file} value of `csv` is sent as the file's bytes.
const CASES = [
  ["validate the README example, its own year", "validate", { plan }],
  ["validate the README example, both years", "validate", { plan, years: "both" }],
  ["validate the README example under 2022", "validate", { plan, years: [2022] }],
  ["validate the example as 2022", "validate", { plan: { ...plan, year: 2022 }, years: "both" }],
  [
    "roster, UTF-8 with BOM, ';', birth dates, unreadable rows",
    "roster",
    { csv: file("tests/pyodide/peserta-utf8.csv"), activity: "pelatihan-teknis-produksi", year: 2023, on: "2023-08-01" },
  ],
  [
    "roster, Windows-1252, ',', English columns",
    "roster",
    { csv: file("tests/pyodide/peserta-cp1252.csv"), activity: "pelatihan-teknis-produksi", year: 2022, on: "2022-08-01" },
  ],
  [
    "roster as text",
    "roster",
    { csv: "Nama;Umur;NIB\nAni;16;ya\nBudi;30;tidak\n", activity: "pelatihan-teknis-produksi", year: 2023, on: "2023-06-01" },
  ],
  [
    "roster without a date: today, from the clock (no time-zone data in Pyodide)",
    "roster",
    { csv: "Nama;Umur;NIB\nAni;16;ya\n", activity: "pelatihan-teknis-produksi", year: "2023" },
  ],
  ["deadlines 2023, English calendar", "deadlines", { year: 2023, lang: "en" }],
  ["deadlines 2022, Indonesian calendar", "deadlines", { year: 2022 }],
  [
    "eligibility, all answered",
    "eligibility",
    { year: 2023, answers: { dinas_perindustrian: "ya", lokasi_prioritas_dpp: "ya", dak_fisik_ikm: "tidak" } },
  ],
  ["eligibility, unanswered", "eligibility", { year: 2022, answers: {} }],
  ["form of an activity", "form", { activity: "pelatihan-teknis-produksi" }],
  ["the catalog", "activities", {}],
  ["budget categories", "budget_categories", {}],
  // Bad input: a problem list naming the field, never an exception.
  ["bad: a plan with wrong types", "validate", { plan: { format: "dak-plan/1", year: "x", activities: [{ activity: 3, participants: "many" }] } }],
  ["bad: a plan that is not JSON", "validate", { plan: "{broken" }],
  ["bad: an unknown activity", "validate", { plan: { format: "dak-plan/1", year: 2023, activities: [{ activity: "nope" }] } }],
  ["bad: years", "validate", { plan, years: [2021] }],
  ["bad: a file that is no CSV", "roster", { csv: file("examples/plan-2023.json"), activity: "pelatihan-teknis-produksi", year: 2023, on: "2023-08-01" }],
  ["bad: binary bytes as a roster", "roster", { csv: file("tests/pyodide/not-a-csv.bin"), activity: "pelatihan-teknis-produksi", year: 2023, on: "2023-08-01" }],
  ["bad: no roster", "roster", { activity: "pelatihan-teknis-produksi", year: 2023 }],
  ["bad: a date", "roster", { csv: "Nama;Umur\nAni;20\n", activity: "pelatihan-teknis-produksi", year: 2023, on: "1/8/2023" }],
  ["bad: a year", "deadlines", { year: 2021 }],
  ["bad: an answer", "eligibility", { year: 2023, answers: { dinas_perindustrian: "mungkin" } }],
  ["bad: answers", "eligibility", { year: 2023, answers: ["ya"] }],
  ["bad: an unknown method", "no-such-method", {}],
  ["bad: params that are no object", "validate", [1, 2]],
  ["bad: no params", "form", undefined],
];

const lock = path.resolve(options.lock);
const runtime = path.resolve(options.runtime || path.dirname(lock)) + path.sep;
const stdlib = options.stdlib || (await readdir(runtime)).find((name) => /^python_stdlib-\w+\.zip$/.test(name));
// dakcore's zip, beside the lock as the build puts it.
const dakcore = (await readdir(path.dirname(lock))).find((name) => /^dakcore-\w+\.zip$/.test(name));
const { loadPyodide } = await import(pathToFileURL(path.join(runtime, "pyodide.mjs")).href);
let python;
try {
  python = await startPython({
    loadPyodide,
    indexURL: runtime,
    lockFileURL: lock,
    ...(stdlib ? { stdLibURL: path.resolve(runtime, stdlib) } : {}),
    dakcore: await readFile(path.join(path.dirname(lock), dakcore)),
    packageCacheDir: path.dirname(lock), // Node reads the lock's wheels (the on-demand ones) from here
  });
} catch (error) {
  // The Python error itself, written before exiting (Node's own report of an uncaught error starts
  // with a whole line of minified pyodide.asm.mjs).
  await new Promise((done) => process.stderr.write(`dakcore did not start under Pyodide: ${error.message}\n`, done));
  process.exit(1);
}

const results = [];
for (const [name, method, params] of CASES) {
  let sent = params;
  if (params && typeof params.csv === "object" && params.csv.file) {
    const bytes = await readFile(path.join(ROOT, params.csv.file));
    sent = { ...params, csv: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
  }
  results.push({ name, method, params: params === undefined ? null : params, response: python.call(method, sent) });
}

// The workbook probe (docs_plugins/pyodide/probes/workbook.py: every workbook method, writing and
// reading back) with the packages the worker loads on demand: "ok", or the Python error's last line.
const py = python.pyodide;
let workbookProbe = "ok";
try {
  const onDemand = Object.keys(JSON.parse(await readFile(lock, "utf8")).packages).filter((name) => name !== "dakcore");
  const later = (await readdir(runtime)).find((name) => /^python_stdlib_later-\w+\.zip$/.test(name));
  await python.loadExcel(onDemand, later ? () => readFile(path.join(runtime, later)) : null);
  py.runPython(await readFile(path.join(ROOT, "docs_plugins/pyodide/probes/workbook.py"), "utf8"), {
    globals: py.toPy({ __name__: "__probe__" }),
  });
} catch (error) {
  workbookProbe = String(error.message || error).trim().split("\n").slice(-3).join("\n");
}
const info = JSON.parse(
  py.runPython(`
import json, sys
import dakcore
json.dumps({
    "python": sys.version.split()[0],
    "platform": sys.platform,
    "dakcore": dakcore.__file__,
    "stdlib": json.__spec__.origin,
    "modules": sorted(m for m in ("ssl", "_hashlib", "zoneinfo", "tzdata") if m in sys.modules),
})`),
);
process.stdout.write(JSON.stringify({ pyodide: py.version, ...info, workbookProbe, results }, null, 1) + "\n");
