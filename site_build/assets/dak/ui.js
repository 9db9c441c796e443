// The handbook's validators (issue 5, "What a reader can do"): the form of every activity page, the plan
// checker, the participant-list checker, the deadlines and the recipient-region check.
//
// Each validator is a `.dak-validator` element that the page leaves empty but for its configuration
// (`data-dak-config`: what the engine answered at build time, e.g. the plan fields an activity's rules
// read); this module builds its form and shows the engine's results. The engine is dakcore under
// Pyodide in a module worker (./client.js, `startDak`), started when the reader shows intent
// (./intent.js). "Prepare for offline use" is ./offline.js; its strings are here, in TEXT.
//
// Safety: everything the reader enters or loads, and everything the engine says, reaches the page as
// text (textContent, text nodes, attribute values), never as markup; no inline handlers, no eval.
// Language: the page's (`<html lang>`); every engine message carries both {id, en}.

import { savingData, watchIntent } from "./intent.js";
import { mountOffline } from "./offline.js";

const PLAN_FORMAT = "dak-plan/1";
const REGULATIONS = { 2022: "Permenperin 5/2022", 2023: "Permenperin 7/2023" };
const ROSTER_PAGE = 100; // table rows shown at once: a list of thousands never builds thousands of rows
const MAX_FILE = 50 * 1024 * 1024;

const TEXT = {
  engineIdle: {
    id: "Pemeriksa dimuat ketika Anda mulai mengisi formulir.",
    en: "The checker loads when you start filling in the form.",
  },
  engineSize: {
    id: "Pemeriksa berjalan di peramban Anda: unduhan {size}, sekali saja; lalu bisa luring.",
    en: "The checker runs in your browser: a download of {size}, once; then offline.",
  },
  engineLoading: { id: "Memuat pemeriksa… {percent}%", en: "Loading the checker… {percent}%" },
  engineBytes: {
    id: "Mengunduh pemeriksa: {loaded} dari {size}, sekali saja; lalu bisa luring.",
    en: "Downloading the checker: {loaded} of {size}, once; then offline.",
  },
  engineStarting: { id: "Menyiapkan pemeriksa…", en: "Starting the checker…" },
  engineCancel: { id: "Batalkan unduhan", en: "Cancel the download" },
  engineCancelled: {
    id: "Unduhan dibatalkan. Pemeriksa dimuat lagi ketika Anda menekan Periksa.",
    en: "Download cancelled. The checker loads again when you press Check.",
  },
  offlineTitle: { id: "Pakai tanpa internet", en: "Use without internet" },
  offlineIntro: {
    id: "Simpan semua halaman buku pegangan (kedua bahasa) dan pemeriksanya di peramban ini, sekali saja.",
    en: "Keep every page of the handbook (both languages) and its checkers in this browser, once.",
  },
  offlinePrepare: { id: "Siapkan untuk luring", en: "Prepare for offline use" },
  offlineStarting: { id: "Menyimpan…", en: "Saving…" },
  offlineProgress: { id: "Menyimpan… {done} dari {total} berkas", en: "Saving… {done} of {total} files" },
  offlineDone: {
    id: "Siap luring: semua halaman dan pemeriksa bekerja tanpa koneksi di peramban ini (pencarian tetap memerlukan internet).",
    en: "Ready offline: every page and checker works without a connection in this browser (search still needs the internet).",
  },
  offlineFailed: { id: "Tidak dapat menyimpan untuk luring: {detail}", en: "Could not save for offline use: {detail}" },
  offlineUnsupported: {
    id: "Peramban ini tidak dapat menyimpan buku pegangan untuk luring.",
    en: "This browser cannot keep the handbook for offline use.",
  },
  engineReady: { id: "Pemeriksa siap.", en: "Checker ready." },
  engineFailed: {
    id: "Pemeriksa tidak dapat dimuat ({detail}). Muat ulang halaman untuk mencoba lagi.",
    en: "The checker could not be loaded ({detail}). Reload the page to try again.",
  },
  checking: { id: "Memeriksa…", en: "Checking…" },
  callFailed: { id: "Pemeriksaan gagal: {detail}", en: "The check failed: {detail}" },
  configBroken: {
    id: "Pemeriksa ini tidak dapat disiapkan (konfigurasi halaman rusak).",
    en: "This checker cannot be set up (the page's configuration is broken).",
  },
  check: { id: "Periksa", en: "Check" },
  remove: { id: "Hapus", en: "Remove" },
  choose: { id: "— pilih —", en: "— choose —" },
  notStated: { id: "— tidak diisi —", en: "— not stated —" },
  yes: { id: "ya", en: "yes" },
  no: { id: "tidak", en: "no" },
  unknownValue: { id: "{value} (tidak dikenal)", en: "{value} (not known)" },
  emptyForm: {
    id: "Formulir masih kosong: isi paling sedikit satu isian, lalu periksa.",
    en: "The form is empty: fill in at least one field, then check.",
  },
  problemsIntro: {
    id: "Isian ini belum dapat diperiksa; perbaiki dulu:",
    en: "This input cannot be checked yet; please correct it first:",
  },
  resultsReady: { id: "Hasil pemeriksaan: {summary}", en: "Result of the check: {summary}" },
  noFindings: { id: "tidak ada temuan", en: "no findings" },
  noFindingsUnder: { id: "Tidak ada temuan menurut {regulation}.", en: "No findings under {regulation}." },
  comparison: { id: "Perbandingan per isian", en: "Comparison by field" },
  field: { id: "Isian", en: "Field" },
  fieldWhere: { id: "Isian: {field}", en: "Field: {field}" },
  activityWhole: { id: "kegiatan", en: "activity" },
  activity: { id: "Rincian kegiatan", en: "Activity" },
  lineN: { id: "baris {n}", en: "line {n}" },
  ok: { id: "✓ sesuai", en: "✓ fine" },
  quoteLabel: { id: "Kutipan ketentuan", en: "Words of the provision" },
  results: { id: "Hasil", en: "Result" },
  person: { id: "Orang ke-{n}", en: "Person {n}" },
  readingNote: { id: "Cara membaca ketentuan: {note}", en: "How the provision is read: {note}" },
  disputed: { id: "Bacaan ini diperdebatkan: {note}", en: "This reading is disputed: {note}" },
  addPerson: { id: "Tambah orang", en: "Add a person" },
  budgetLine: { id: "Baris anggaran {n}", en: "Budget line {n}" },
  addBudget: { id: "Tambah baris anggaran", en: "Add a budget line" },
  budgetHint: {
    id: "Diperiksa: biaya yang tidak dapat dibiayai dan batas persentase.",
    en: "Checked: costs that may not be funded and percentage limits.",
  },
  checkedBy: { id: "Diperiksa: {rules}", en: "Checked: {rules}" },
  onlyYear: { id: "(hanya {year})", en: "({year} only)" },
  item: { id: "ke-{n}", en: "no. {n}" },
  // The plan checker.
  planMeta: { id: "Rencana", en: "Plan" },
  planYear: { id: "Tahun anggaran rencana", en: "Budget year of the plan" },
  region: { id: "Daerah (kabupaten/kota)", en: "Region (regency/city)" },
  title: { id: "Judul rencana", en: "Title of the plan" },
  checkUnder: { id: "Periksa menurut", en: "Check under" },
  checkPlanYear: { id: "peraturan tahun rencana", en: "the plan year's regulation" },
  checkBoth: { id: "2022 dan 2023 berdampingan", en: "2022 and 2023 side by side" },
  activities: { id: "Kegiatan", en: "Activities" },
  activityN: { id: "Kegiatan {n}", en: "Activity {n}" },
  activityChoice: { id: "Rincian kegiatan (katalog)", en: "Activity (catalog)" },
  activityName: { id: "Nama kegiatan dalam rencana (bebas)", en: "Name of the activity in the plan (free text)" },
  addActivity: { id: "Tambah kegiatan", en: "Add an activity" },
  removeActivity: { id: "Hapus kegiatan {n}", en: "Remove activity {n}" },
  removeRow: { id: "Hapus {what}", en: "Remove {what}" },
  kept: { id: "Isian lain yang ikut disimpan: {keys}", en: "Other fields, kept when saving: {keys}" },
  notAnObject: {
    id: "Entri ini bukan objek kegiatan dan tidak dapat ditampilkan.",
    en: "This entry is not an activity object and cannot be shown.",
  },
  absentIn: { id: "tidak ada pada {year}", en: "absent in {year}" },
  noActivities: {
    id: "Rencana belum berisi kegiatan: tambahkan paling sedikit satu kegiatan, lalu periksa.",
    en: "The plan has no activity yet: add at least one, then check.",
  },
  savePlan: { id: "Simpan rencana (JSON)", en: "Save the plan (JSON)" },
  loadPlan: { id: "Muat rencana (berkas JSON dak-plan/1)", en: "Load a plan (dak-plan/1 JSON file)" },
  example: { id: "Isi dengan contoh", en: "Fill in the example" },
  clearPlan: { id: "Kosongkan rencana", en: "Clear the plan" },
  saved: { id: "Rencana disimpan sebagai {name}.", en: "The plan was saved as {name}." },
  loaded: { id: "Rencana dimuat dari {name}.", en: "The plan was loaded from {name}." },
  loadedBroken: {
    id: "Berkas {name} dimuat, tetapi isinya belum dapat diperiksa:",
    en: "The file {name} was loaded, but its content cannot be checked yet:",
  },
  tooLarge: { id: "Berkas {name} terlalu besar ({size} MB).", en: "The file {name} is too large ({size} MB)." },
  unreadableFile: { id: "Berkas {name} tidak dapat dibaca.", en: "The file {name} cannot be read." },
  summaryYear: { id: "{year}: {counts}", en: "{year}: {counts}" },
  plan: { id: "rencana", en: "plan" },
  // The participant list.
  rosterFile: { id: "Berkas CSV daftar peserta", en: "CSV file of participants" },
  rosterYear: { id: "Tahun anggaran", en: "Budget year" },
  rosterActivity: { id: "Kegiatan", en: "Activity" },
  rosterOn: { id: "Umur dihitung pada tanggal", en: "Ages counted on" },
  rosterNoRules: {
    id: "Kegiatan ini tidak memuat kriteria peserta pada tahun {year}; tidak ada yang diperiksa per baris.",
    en: "This activity sets no participant criteria in {year}; nothing is checked row by row.",
  },
  noFile: { id: "Pilih dulu berkas CSV daftar peserta.", en: "Choose a CSV file of participants first." },
  noActivity: { id: "Pilih kegiatannya.", en: "Choose the activity." },
  rosterSummary: {
    id: "{rows} baris dibaca, {flagged} dengan temuan; {counts}.",
    en: "{rows} rows read, {flagged} with findings; {counts}.",
  },
  unreadableRows: { id: "Baris yang tidak terbaca: {n}", en: "Rows that cannot be read: {n}" },
  onlyFlagged: { id: "Hanya baris dengan temuan", en: "Only rows with findings" },
  line: { id: "Baris", en: "Line" },
  findings: { id: "Temuan", en: "Findings" },
  level: { id: "Tingkat", en: "Level" },
  unreadable: { id: "tidak terbaca", en: "cannot be read" },
  previous: { id: "Sebelumnya", en: "Previous" },
  next: { id: "Berikutnya", en: "Next" },
  pageOf: { id: "Baris {from}–{to} dari {total}", en: "Rows {from}–{to} of {total}" },
  nothingToShow: { id: "Tidak ada baris untuk ditampilkan.", en: "No rows to show." },
  downloadCsv: { id: "Unduh CSV dengan temuan", en: "Download the CSV with findings" },
  rosterTable: { id: "Hasil per baris", en: "Results by row" },
  csvSuffix: { id: "diperiksa", en: "checked" },
  // Deadlines.
  deadlineYear: { id: "Tahun anggaran", en: "Budget year" },
  date: { id: "Tanggal", en: "Date" },
  obligation: { id: "Kewajiban", en: "Obligation" },
  to: { id: "Disampaikan kepada", en: "To" },
  source: { id: "Ketentuan", en: "Provision" },
  endOfMonth: { id: "(paling lambat akhir bulan)", en: "(by the end of the month)" },
  downloadIcs: { id: "Unduh kalender (.ics)", en: "Download the calendar (.ics)" },
  deadlinesShown: { id: "{n} batas waktu tahun {year}.", en: "{n} deadlines in {year}." },
  icsName: { id: "batas-waktu-dak-{year}.ics", en: "dak-deadlines-{year}.ics" },
  // Eligibility.
  eligibilityYear: { id: "Tahun anggaran", en: "Budget year" },
  dontKnow: { id: "belum tahu", en: "don't know" },
  noAnswers: {
    id: "Belum ada jawaban: jawab paling sedikit satu pertanyaan, lalu periksa.",
    en: "No answer yet: answer at least one question, then check.",
  },
  met: { id: "✓ terpenuhi", en: "✓ met" },
  unmet: { id: "✖ tidak terpenuhi", en: "✖ not met" },
  unanswered: { id: "? belum dijawab", en: "? not answered" },
  criterion: { id: "Kriteria", en: "Criterion" },
  note: { id: "Catatan", en: "Note" },
};

// The vocabulary (levels, roles, education levels, plan fields and their labels) is dakcore's
// (dakcore/vocabulary.py), handed to every checker in its configuration: this module keeps no copy.
let VOCAB = { levels: {}, roles: {}, education_levels: [], fields: {} };
const levelNames = () => Object.keys(VOCAB.levels);

let lang = "id";

function pick(text) {
  if (text == null) return "";
  if (typeof text === "string") return text;
  return text[lang] ?? text.id ?? "";
}

// A plan field's or a part's label from the vocabulary; `withUnit` adds the unit a form asks in.
function vocabLabel(name, withUnit = true) {
  const level = VOCAB.levels[name];
  if (level) return `${level.mark} ${pick(level.label)}`;
  const spec = VOCAB.fields[name];
  if (spec) return withUnit && spec.unit ? `${pick(spec.label)} (${pick(spec.unit)})` : pick(spec.label);
  for (const field of Object.values(VOCAB.fields)) if (field.parts?.[name]) return pick(field.parts[name]);
  return null;
}

function t(key, vars = {}) {
  const entry = TEXT[key] || vocabLabel(key);
  return pick(entry).replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

function fill(template, vars) {
  return pick(template).replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

// ---------------------------------------------------------------------------------------------------
// DOM: elements are built from data; strings only ever become text nodes or attribute values.

let serial = 0;
const nextId = (prefix) => `dak-${prefix}-${++serial}`;

function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") element.textContent = value;
    else if (key === "class") element.className = value;
    else if (key.startsWith("on") && typeof value === "function") element.addEventListener(key.slice(2), value);
    else if (key === "value" || key === "checked" || key === "selected") element[key] = value;
    else element.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

// Replaces an element's children (arrays flattened; null, undefined and false left out).
function put(parent, ...children) {
  parent.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
}

function option(value, label, selected = false) {
  return h("option", { value, selected }, label);
}

function select(id, options, props = {}) {
  return h("select", { id, class: "dak-input", ...props }, options);
}

function describe(input, ...ids) {
  const all = new Set((input.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean));
  ids.filter(Boolean).forEach((id) => all.add(id));
  if (all.size) input.setAttribute("aria-describedby", [...all].join(" "));
}

function download(text, name, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = h("a", { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function formatDate(iso) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
  if (!match) return iso || "";
  const date = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]));
  try {
    return new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "id-ID", { dateStyle: "long", timeZone: "UTC" }).format(date);
  } catch {
    return iso;
  }
}

function errorText(error) {
  return (error && (error.message || String(error))) || "?";
}

// ---------------------------------------------------------------------------------------------------
// The engine: one client per tab (client.js keeps one module worker), started on first use.

let enginePromise = null;
let engineReady = false;
let engineCancelled = false; // the reader cancelled the download of the runtime
const progressListeners = new Set();
// client.js, imported once a page has a validator (small: the runtime starts only with startDak).
let clientModule = null;
const client = () => (clientModule ??= import("./client.js"));

// "4,7 MB" / "4.7 MB" (with `about`: "≈ 4,7 MB"): a number of bytes in the page's language.
function megabytes(bytes, about = true) {
  const digits = { minimumFractionDigits: 1, maximumFractionDigits: 1 };
  const number = new Intl.NumberFormat(lang === "en" ? "en-GB" : "id-ID", digits).format(bytes / 1e6);
  return `${about ? "≈ " : ""}${number} MB`;
}

function startEngine(root) {
  if (!enginePromise) {
    engineCancelled = false;
    enginePromise = client()
      .then((client) => {
        const dak = client.startDak({
          base: root,
          onProgress: (progress) => progressListeners.forEach((listener) => listener(progress)),
        });
        return Promise.resolve(dak.ready).then(() => dak);
      })
      .then((dak) => {
        engineReady = true;
        return dak;
      });
    enginePromise.catch(() => {
      enginePromise = null; // a later use may try again
    });
  }
  return enginePromise;
}

// The engine's state as the reader sees it: what the first use downloads, then a progress bar in bytes
// that the reader can cancel, then "ready" (a polite live region).
class EngineStatus {
  constructor(root) {
    this.root = root;
    this.size = 0; // compressed bytes of a first use, from the build (client.js)
    this.bar = h("progress", { max: "100", value: "0", hidden: true, class: "dak-progress" });
    this.text = h("span", { class: "dak-engine-text" }, engineReady ? t("engineReady") : t("engineIdle"));
    this.cancel = h("button", { type: "button", class: "dak-button dak-engine-cancel", hidden: true }, t("engineCancel"));
    this.cancel.addEventListener("click", () => {
      engineCancelled = true;
      client().then((module) => module.cancelDak());
    });
    this.element = h("div", { class: "dak-engine", role: "status", "aria-live": "polite" }, this.bar, this.text, this.cancel);
    this.lastSpoken = -100;
    this.listener = (progress) => this.progress(progress);
    this.started = null;
    client().then((module) => {
      this.size = module.downloadSize();
      if (!this.started && !engineReady && this.size) this.text.textContent = t("engineSize", { size: megabytes(this.size) });
    }, () => {});
  }

  progress({ percent, stage, loaded, total } = {}) {
    if (engineReady) return;
    const value = Math.max(0, Math.min(100, Math.round(Number(percent) || 0)));
    this.bar.hidden = false;
    this.bar.value = value;
    this.cancel.hidden = stage !== "download";
    if (stage === "download" && this.size && total) {
      // The worker counts the bytes as they arrive, uncompressed; the reader pays them compressed.
      const text = t("engineBytes", { loaded: megabytes((this.size * loaded) / total, false), size: megabytes(this.size) });
      if (value - this.lastSpoken >= 10 || value === 0) {
        this.lastSpoken = value;
        this.text.textContent = text;
      }
    } else if (stage === "start" || stage === "ready") {
      this.text.textContent = t("engineStarting");
    } else if (value - this.lastSpoken >= 20 || value === 100) {
      this.lastSpoken = value;
      this.text.textContent = t("engineLoading", { percent: value });
    }
  }

  start() {
    if (!this.started) {
      this.lastSpoken = -100;
      progressListeners.add(this.listener);
      if (!engineReady) this.progress({ percent: 0 });
      this.started = startEngine(this.root).then(
        (dak) => {
          progressListeners.delete(this.listener);
          this.bar.hidden = true;
          this.cancel.hidden = true;
          this.text.textContent = t("engineReady");
          this.element.classList.add("dak-engine-ready");
          return dak;
        },
        (error) => {
          progressListeners.delete(this.listener);
          this.bar.hidden = true;
          this.cancel.hidden = true;
          if (engineCancelled) {
            this.text.textContent = t("engineCancelled");
          } else {
            this.text.textContent = t("engineFailed", { detail: errorText(error) });
            this.element.classList.add("dak-engine-failed");
          }
          this.started = null;
          throw error;
        },
      );
    }
    return this.started;
  }
}

// One validator's shared machinery: the engine status, the messages region, running a call.
class Validator {
  constructor(element, config) {
    this.element = element;
    this.config = config;
    this.root = element.dataset.dakBase || "./";
    this.home = element.dataset.dakHome || "./";
    this.status = new EngineStatus(this.root);
    this.messages = h("div", { class: "dak-messages", "aria-live": "polite", role: "status" });
    this.results = h("div", { class: "dak-results" });
    this.marked = [];
  }

  form(...children) {
    const form = h("form", { class: "dak-form", novalidate: true }, children);
    watchIntent(this.element, () => this.status.start().catch(() => {}));
    form.addEventListener("submit", (event) => event.preventDefault());
    return form;
  }

  mount(form) {
    put(this.element, this.status.element, form, this.messages, this.results);
  }

  // A message in the live region; `list` items are text or [text, where] (where: the input's path).
  say(text, kind = "info", list = []) {
    const items = list.length
      ? h("ul", {}, list.map((item) => (Array.isArray(item) ? h("li", { "data-where": item[1] }, item[0]) : h("li", {}, item))))
      : null;
    put(this.messages, h("div", { class: `dak-message dak-message-${kind}` }, h("p", {}, text), items));
  }

  clearMessages() {
    this.messages.replaceChildren();
    for (const [input, box] of this.marked) {
      input.removeAttribute("aria-invalid");
      box.replaceChildren();
    }
    this.marked = [];
  }

  mark(target, text) {
    if (!target) return false;
    const [input, box] = target;
    box.append(h("p", { class: "dak-field-problem" }, text));
    if (input) input.setAttribute("aria-invalid", "true");
    this.marked.push([input, box]);
    return true;
  }

  // Run one engine method; the response, or null when the engine failed (the reader is told why) or
  // when a later run of this validator has started meanwhile (its answer is the one shown).
  async run(method, params) {
    const run = (this.runs = (this.runs || 0) + 1);
    this.results.setAttribute("aria-busy", "true");
    const waiting = setTimeout(() => {
      if (engineReady) this.say(t("checking"));
    }, 150);
    try {
      const dak = await this.status.start();
      const response = await dak.call(method, params);
      if (!response || typeof response !== "object") throw new Error("no response");
      return run === this.runs ? response : null;
    } catch (error) {
      if (run === this.runs) this.say(t("callFailed", { detail: errorText(error) }), "problem");
      return null;
    } finally {
      clearTimeout(waiting);
      if (run === this.runs) {
        this.results.removeAttribute("aria-busy");
        if (this.messages.textContent === t("checking")) this.messages.replaceChildren();
      }
    }
  }

  // The engine's input problems: next to their fields (route(where) -> [input, box]) and listed.
  problems(problems, route, intro = t("problemsIntro")) {
    const list = [];
    for (const problem of problems || []) {
      const message = pick(problem.message);
      const where = problem.where || "";
      this.mark(route(where), message);
      list.push([where ? `${whereLabel(where)}: ${message}` : message, where]);
    }
    this.say(intro, "problem", list);
    this.results.replaceChildren();
  }

  link(source) {
    const href = `${this.home}peraturan/${encodeURIComponent(source.regulation)}/#${encodeURIComponent(source.unit)}`;
    const label = lang === "en" ? source.citation?.en : source.citation?.short || source.citation?.id;
    return h("a", { href, class: "dak-source-link" }, label || source.unit);
  }

  sourceBlock(source) {
    if (!source) return null;
    return h(
      "div",
      { class: "dak-source" },
      h("p", {}, this.link(source)),
      source.quote ? h("blockquote", { class: "dak-quote", lang: "id", "aria-label": t("quoteLabel") }, source.quote) : null,
    );
  }

  finding(finding) {
    return h(
      "li",
      {
        class: `dak-finding dak-level-${finding.level}`,
        "data-year": finding.year,
        "data-level": finding.level,
        "data-rule": finding.rule,
        "data-field": finding.field,
        "data-activity-index": finding.activity_index,
      },
      h("p", { class: "dak-finding-head" },
        h("span", { class: "dak-badge" }, t(finding.level)),
        finding.field ? h("span", { class: "dak-where" }, t("fieldWhere", { field: fieldLabel(finding.field) })) : null),
      h("p", { class: "dak-finding-message" }, pick(finding.message)),
      finding.disputed ? h("p", { class: "dak-disputed" }, t("disputed", { note: pick(finding.disputed) })) : null,
      finding.note ? h("p", { class: "dak-hint dak-reading-note" }, t("readingNote", { note: pick(finding.note) })) : null,
      this.sourceBlock(finding.source),
    );
  }

  // Findings of each year side by side (one column per year). Each column is a region a screen
  // reader can jump to; `context` (the plan's "Kegiatan 2") keeps the regions' names apart when a
  // page has one pair of columns per activity.
  yearColumns(findings, years, headingLevel, context = "") {
    return h(
      "div",
      { class: `dak-years dak-years-${years.length}` },
      years.map((year) => {
        const own = findings.filter((f) => String(f.year) === String(year));
        const title = `${year} · ${REGULATIONS[year] || ""}`;
        return h(
          "section",
          { class: "dak-year", "aria-label": context ? `${context} · ${title}` : title },
          h(`h${headingLevel}`, {}, title),
          h("p", { class: "dak-year-summary" }, countsText(own)),
          own.length
            ? h("ul", { class: "dak-findings" }, own.map((f) => this.finding(f)))
            : h("p", { class: "dak-none" }, t("noFindingsUnder", { regulation: REGULATIONS[year] || year })),
        );
      }),
    );
  }

  comparisonTable(rows, years) {
    if (!rows || !rows.length || years.length < 2) return null;
    return h(
      "details",
      { class: "dak-comparison" },
      h("summary", {}, t("comparison")),
      h("div", { class: "dak-table-wrap" },
        h("table", {},
          h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("field")), years.map((y) => h("th", { scope: "col" }, String(y))))),
          h("tbody", {}, rows.map((row) =>
            h("tr", {},
              h("th", { scope: "row" }, fieldLabel(row.field)),
              years.map((y) => {
                const level = row.by_year?.[String(y)];
                return h("td", { class: `dak-level-${level}` }, level === "ok" ? t("ok") : vocabLabel(level) || level || "");
              }),
            ))))),
    );
  }
}

function countsText(findings) {
  const counts = {};
  for (const f of findings) counts[f.level] = (counts[f.level] || 0) + 1;
  const parts = levelNames().filter((level) => counts[level]).map((level) => fill(VOCAB.levels[level].count, { n: counts[level] }));
  return parts.length ? parts.join(", ") : t("noFindings");
}

function summaryText(findings, years) {
  return years
    .map((year) => t("summaryYear", { year, counts: countsText(findings.filter((f) => String(f.year) === String(year))) }))
    .join("; ");
}

// "activities[0].instructors[1].education" -> "Kegiatan 1 › Orang ke-2 › Pendidikan terakhir"
function whereLabel(path) {
  const parts = [];
  const re = /([A-Za-z_][\w-]*)|\[(\d+)\]/g;
  let match;
  let last = null;
  while ((match = re.exec(path))) {
    if (match[1] !== undefined) {
      last = match[1];
      if (last === "activities") continue;
      if (last === "line") {
        const number = /^line (\d+)/.exec(path);
        parts.push(number ? t("lineN", { n: number[1] }) : path);
        break;
      }
      if (["instructors", "budget"].includes(last) && path.slice(re.lastIndex).startsWith("[")) continue;
      parts.push(vocabLabel(last, false) ?? last);
    } else {
      const n = Number(match[2]) + 1;
      if (last === "activities") parts.push(t("activityN", { n }));
      else if (last === "instructors") parts.push(t("person", { n }));
      else if (last === "budget") parts.push(t("budgetLine", { n }));
      else parts.push(t("item", { n }));
    }
  }
  return parts.length ? parts.join(" › ") : path;
}

function fieldLabel(field) {
  if (field === "activity") return t("activityWhole");
  return whereLabel(field);
}

// ---------------------------------------------------------------------------------------------------
// Reading what the reader typed. A value that is not a number is kept as typed: the engine then says
// exactly what is wrong with it, next to the field (never a silent loss).

function readNumber(text, integer) {
  const compact = String(text).replace(/[\s\u00a0]/g, "");
  if (compact === "") return undefined;
  if (integer && /^\d{1,3}([.,]\d{3})+$/.test(compact)) return Number(compact.replace(/[.,]/g, ""));
  if (/^-?\d+$/.test(compact)) return Number(compact);
  if (/^-?\d*[.,]\d+$/.test(compact)) return Number(compact.replace(",", "."));
  return String(text).trim();
}

function shown(value) {
  if (value === undefined || value === null) return "";
  if (typeof value === "number" || typeof value === "string") return String(value);
  return JSON.stringify(value);
}

// A select shows a value from a loaded file that is none of its options (a wrong type, an unknown id)
// as an extra option holding that very value, so the form shows what the file says.
function setSelect(element, value, kind = "text") {
  if (value === undefined) {
    element.value = "";
    return;
  }
  const fits =
    (kind === "boolean" && typeof value === "boolean") ||
    (kind === "number" && typeof value === "number") ||
    (kind === "text" && typeof value === "string");
  if (fits && [...element.options].some((opt) => !opt.dataset.raw && opt.value === String(value))) {
    element.value = String(value);
    return;
  }
  const json = JSON.stringify(value);
  const extra = option(`raw:${json}`, t("unknownValue", { value: json }), true);
  extra.dataset.raw = json;
  element.append(extra);
  element.value = extra.value;
}

function readSelect(element, kind = "text") {
  const chosen = element.selectedOptions[0];
  if (!chosen || chosen.value === "") return undefined;
  if (chosen.dataset.raw) return JSON.parse(chosen.dataset.raw);
  if (kind === "boolean") return chosen.value === "true";
  if (kind === "number") return Number(chosen.value);
  return chosen.value;
}

function booleanSelect(id) {
  return select(id, [option("", t("notStated")), option("true", t("yes")), option("false", t("no"))]);
}

// One labelled control; `box` receives the engine's messages about it.
function control(label, input, hint) {
  const box = h("div", { class: "dak-field-msgs", id: `${input.id}-msgs` });
  const hintElement = hint ? h("p", { class: "dak-hint", id: `${input.id}-hint` }, hint) : null;
  describe(input, hintElement && hintElement.id, box.id);
  return { element: h("div", { class: "dak-field" }, h("label", { for: input.id }, label), input, hintElement, box), box };
}

function textInput(id, props = {}) {
  return h("input", { id, type: "text", class: "dak-input", autocomplete: "off", ...props });
}

// The fields of one activity: what the plan's rules read (config.fields), each as inputs that read
// into plan JSON and fill from it, and a map from field paths to their inputs for the engine's words.
class ActivityFields {
  constructor(form, categories) {
    this.form = form; // {fields, hints, field_years}
    this.categories = categories;
    this.parts = [];
    this.element = h("div", { class: "dak-fields" });
    for (const name of form.fields || []) {
      const part = this.build(name);
      if (part) {
        this.parts.push(part);
        this.element.append(part.element);
      }
    }
  }

  hint(name) {
    if (name === "budget") return t("budgetHint");
    const titles = [...new Set((this.form.hints?.[name] || []).map(pick))];
    const years = this.form.field_years?.[name] || [];
    let text = titles.length ? t("checkedBy", { rules: titles.join("; ") }) : "";
    if (years.length === 1) text = `${text} ${t("onlyYear", { year: years[0] })}`.trim();
    return text || null;
  }

  build(name) {
    switch (name) {
      case "participants":
      case "jpl":
      case "committee_total":
      case "committee_accompanying":
      case "mentors":
      case "ikm":
      case "visits":
        return this.number(name, true);
      case "duration_months":
        return this.number(name, false);
      case "participant_ages":
        return this.ages();
      case "outside_region":
        return this.boolean(name);
      case "method":
        return this.group(name, ["theory", "discussion", "practice"], false);
      case "study_visit":
        return this.group(name, ["working_days", "industries", "research_institutions"], true);
      case "instructors":
        return this.rows(name, "person", "addPerson", (row) => this.person(row));
      case "budget":
        return this.rows(name, "budgetLine", "addBudget", (row) => this.budgetLine(row));
      default:
        return null;
    }
  }

  number(name, integer) {
    const input = textInput(nextId(name), { inputmode: integer ? "numeric" : "decimal", "data-path": name });
    const { element, box } = control(t(name), input, this.hint(name));
    return {
      name,
      element,
      read(out, map) {
        const value = readNumber(input.value, integer);
        if (value !== undefined) out[name] = value;
        map.push([name, input, box]);
      },
      fill(value) {
        input.value = shown(value);
      },
    };
  }

  ages() {
    const name = "participant_ages";
    const input = textInput(nextId(name), { inputmode: "numeric", placeholder: "19, 23, 31", "data-path": name });
    const { element, box } = control(t(name), input, this.hint(name));
    return {
      name,
      element,
      read(out, map) {
        const words = input.value.split(/[\s,;]+/).filter(Boolean);
        if (words.length) out[name] = words.map((word) => readNumber(word, true));
        map.push([name, input, box]);
      },
      fill(value) {
        input.value = Array.isArray(value) ? value.map(shown).join(", ") : shown(value);
      },
    };
  }

  boolean(name) {
    const input = booleanSelect(nextId(name));
    input.dataset.path = name;
    const { element, box } = control(t(name), input, this.hint(name));
    return {
      name,
      element,
      read(out, map) {
        const value = readSelect(input, "boolean");
        if (value !== undefined) out[name] = value;
        map.push([name, input, box]);
      },
      fill(value) {
        setSelect(input, value, "boolean");
      },
    };
  }

  group(name, keys, integer) {
    const legendId = nextId(name);
    const box = h("div", { class: "dak-field-msgs", id: `${legendId}-msgs` });
    const hint = this.hint(name);
    const inputs = {};
    const controls = keys.map((key) => {
      const input = textInput(nextId(key), { inputmode: integer ? "numeric" : "decimal", "data-path": `${name}.${key}` });
      inputs[key] = control(t(key), input);
      return inputs[key].element;
    });
    const fieldset = h(
      "fieldset",
      { class: "dak-group", "aria-describedby": box.id },
      h("legend", { id: legendId }, t(name)),
      hint ? h("p", { class: "dak-hint" }, hint) : null,
      h("div", { class: "dak-grid" }, controls),
      box,
    );
    let extra = {};
    return {
      name,
      element: fieldset,
      read(out, map) {
        const value = { ...extra };
        for (const key of keys) {
          const read = readNumber(inputs[key].element.querySelector("input").value, integer);
          if (read !== undefined) value[key] = read;
          map.push([`${name}.${key}`, inputs[key].element.querySelector("input"), inputs[key].box]);
        }
        if (Object.keys(value).length) out[name] = value;
        map.push([name, fieldset.querySelector("input"), box]);
      },
      fill(value) {
        extra = {};
        const object = value && typeof value === "object" && !Array.isArray(value) ? value : {};
        for (const key of keys) inputs[key].element.querySelector("input").value = shown(object[key]);
        for (const [key, v] of Object.entries(object)) if (!keys.includes(key)) extra[key] = v;
      },
    };
  }

  // A list of rows (instructors, budget lines) with add and remove buttons.
  rows(name, rowLabel, addLabel, buildRow) {
    const legendId = nextId(name);
    const box = h("div", { class: "dak-field-msgs", id: `${legendId}-msgs` });
    const list = h("div", { class: "dak-rows" });
    const rows = [];
    const hint = this.hint(name);
    const renumber = () => {
      rows.forEach((row, index) => {
        row.legend.textContent = t(rowLabel, { n: index + 1 });
        row.removeButton.textContent = t("remove");
        row.removeButton.setAttribute("aria-label", t("removeRow", { what: t(rowLabel, { n: index + 1 }) }));
      });
    };
    const add = (value, focus = false) => {
      const row = { legend: h("legend", {}), extra: {} };
      const inner = buildRow(row);
      row.removeButton = h("button", { type: "button", class: "dak-button dak-remove" });
      row.element = h("fieldset", { class: "dak-row" }, row.legend, h("div", { class: "dak-grid" }, inner), row.removeButton, row.box);
      row.removeButton.addEventListener("click", () => {
        rows.splice(rows.indexOf(row), 1);
        row.element.remove();
        renumber();
        addButton.focus();
      });
      rows.push(row);
      list.append(row.element);
      if (value !== undefined) row.fill(value);
      renumber();
      if (focus) row.element.querySelector("input, select")?.focus();
      return row;
    };
    const addButton = h("button", { type: "button", class: "dak-button dak-add" }, t(addLabel));
    addButton.addEventListener("click", () => add(undefined, true));
    const fieldset = h(
      "fieldset",
      { class: "dak-group dak-list", "aria-describedby": box.id },
      h("legend", { id: legendId }, t(name)),
      hint ? h("p", { class: "dak-hint" }, hint) : null,
      list,
      addButton,
      box,
    );
    return {
      name,
      element: fieldset,
      read(out, map) {
        const values = [];
        for (const row of rows) {
          const value = row.read();
          if (value === undefined) continue;
          const at = `${name}[${values.length}]`;
          values.push(value);
          map.push([at, row.element.querySelector("input, select"), row.box]);
          for (const [key, input, fieldBox] of row.targets) map.push([`${at}.${key}`, input, fieldBox]);
        }
        if (values.length) out[name] = values;
        map.push([name, addButton, box]);
      },
      fill(value) {
        rows.splice(0).forEach((row) => row.element.remove());
        if (Array.isArray(value)) value.forEach((item) => add(item));
      },
    };
  }

  person(row) {
    const role = select(nextId("role"), [option("", t("notStated")), Object.entries(VOCAB.roles).map(([id, name]) => option(id, pick(name)))]);
    const education = select(nextId("education"), [option("", t("notStated")), VOCAB.education_levels.map((e) => option(e, e))]);
    const experience = textInput(nextId("experience"), { inputmode: "decimal" });
    const nib = booleanSelect(nextId("nib"));
    const certificate = booleanSelect(nextId("certificate"));
    const parts = {
      role: control(t("role"), role),
      education: control(t("education"), education),
      experience_years: control(t("experience_years"), experience),
      business_actor_with_nib: control(t("business_actor_with_nib"), nib),
      certificate: control(t("certificate"), certificate),
    };
    row.box = h("div", { class: "dak-field-msgs" });
    row.targets = [
      ["role", role, parts.role.box],
      ["education", education, parts.education.box],
      ["experience_years", experience, parts.experience_years.box],
      ["business_actor_with_nib", nib, parts.business_actor_with_nib.box],
      ["certificate", certificate, parts.certificate.box],
    ];
    row.read = () => {
      const value = { ...row.extra };
      const set = (key, v) => v !== undefined && (value[key] = v);
      if (row.raw !== undefined && !role.value && !education.value && !experience.value && !nib.value && !certificate.value) return row.raw;
      set("role", readSelect(role));
      set("education", readSelect(education));
      set("experience_years", readNumber(experience.value, false));
      set("business_actor_with_nib", readSelect(nib, "boolean"));
      set("certificate", readSelect(certificate, "boolean"));
      return Object.keys(value).length ? value : undefined;
    };
    row.fill = (value) => {
      const object = value && typeof value === "object" && !Array.isArray(value) ? value : {};
      row.raw = object === value ? undefined : value;
      row.extra = {};
      for (const [key, v] of Object.entries(object)) if (!(key in parts)) row.extra[key] = v;
      setSelect(role, object.role);
      setSelect(education, object.education);
      experience.value = shown(object.experience_years);
      setSelect(nib, object.business_actor_with_nib, "boolean");
      setSelect(certificate, object.certificate, "boolean");
    };
    return Object.values(parts).map((part) => part.element);
  }

  budgetLine(row) {
    const category = select(nextId("category"), [
      option("", t("choose")),
      this.categories.map((c) => option(c.id, `${pick(c.name)} (${c.id})`)),
    ]);
    const amount = textInput(nextId("amount"), { inputmode: "numeric", placeholder: "12.000.000" });
    const parts = { category: control(t("category"), category), amount: control(t("amount"), amount) };
    row.box = h("div", { class: "dak-field-msgs" });
    row.targets = [
      ["category", category, parts.category.box],
      ["amount", amount, parts.amount.box],
    ];
    row.read = () => {
      const value = { ...row.extra };
      if (row.raw !== undefined && !category.value && !amount.value) return row.raw;
      const chosen = readSelect(category);
      const sum = readNumber(amount.value, true);
      if (chosen !== undefined) value.category = chosen;
      if (sum !== undefined) value.amount = sum;
      return Object.keys(value).length ? value : undefined;
    };
    row.fill = (value) => {
      const object = value && typeof value === "object" && !Array.isArray(value) ? value : {};
      row.raw = object === value ? undefined : value;
      row.extra = {};
      for (const [key, v] of Object.entries(object)) if (!(key in parts)) row.extra[key] = v;
      setSelect(category, object.category);
      amount.value = shown(object.amount);
    };
    return Object.values(parts).map((part) => part.element);
  }

  // {values, map}: the plan fields as JSON, and [path, input, box] for every input.
  read() {
    const values = {};
    const map = [];
    for (const part of this.parts) part.read(values, map);
    return { values, map };
  }

  fill(activity) {
    for (const part of this.parts) part.fill(activity[part.name]);
  }

  has(name) {
    return this.parts.some((part) => part.name === name);
  }
}

// The input of the longest path in `map` that `path` starts with (at a '.' or '[' boundary).
function route(map, path) {
  let best = null;
  for (const entry of map) {
    const key = entry[0];
    if (path === key || path.startsWith(`${key}.`) || path.startsWith(`${key}[`)) {
      if (!best || key.length > best[0].length) best = entry;
    }
  }
  return best ? [best[1], best[2]] : null;
}

// ---------------------------------------------------------------------------------------------------
// Every activity page: the entry under 2022 and 2023 side by side.

function activityValidator(element, config) {
  const v = new Validator(element, config);
  const fields = new ActivityFields(config, config.categories || []);
  const button = h("button", { type: "submit", class: "dak-button dak-primary" }, t("check"));
  const form = v.form(fields.element, h("div", { class: "dak-actions" }, button));
  const years = Object.keys(config.years || {}).sort();
  const planYear = Number(years.includes("2023") ? "2023" : years[0] || "2023");
  let lastMap = [];

  form.addEventListener("submit", async () => {
    v.clearMessages();
    const { values, map } = fields.read();
    lastMap = map;
    if (!Object.keys(values).length) {
      v.say(t("emptyForm"), "problem");
      v.results.replaceChildren();
      form.querySelector("input, select")?.focus();
      return;
    }
    const plan = { format: PLAN_FORMAT, year: planYear, activities: [{ activity: config.activity, ...values }] };
    const response = await v.run("validate", { plan, years: "both" });
    if (!response) return;
    if (!response.ok) {
      // One activity on this page: its problems are named by the field alone.
      const own = response.problems.map((p) => ({ ...p, where: (p.where || "").replace(/^activities\[0\]\.?/, "") }));
      v.problems(own, (where) => route(lastMap, where));
      return;
    }
    const result = response.result;
    const resultYears = (result.years || []).map(String);
    v.say(t("resultsReady", { summary: summaryText(result.findings, resultYears) }), result.ok ? "ok" : "info");
    put(v.results, 
      h("h3", {}, t("results")),
      v.yearColumns(result.findings, resultYears, 4),
      v.comparisonTable(result.comparison, resultYears),
    );
  });
  v.mount(form);
}

// ---------------------------------------------------------------------------------------------------
// The plan checker: a whole plan, saved as and loaded from dak-plan/1 JSON.

function planValidator(element, config) {
  const v = new Validator(element, config);
  const catalog = new Map((config.activities || []).map((a) => [a.activity, a]));
  const categories = config.categories || [];
  const blocks = [];
  let planExtra = {};
  let fileName = null;

  const yearId = nextId("year");
  const year = select(yearId, [option("2022", "2022"), option("2023", "2023", true)]);
  const region = textInput(nextId("region"));
  const title = textInput(nextId("title"));
  const under = select(nextId("under"), [option("plan", t("checkPlanYear"), true), option("both", t("checkBoth"))]);
  const metaParts = {
    year: control(t("planYear"), year),
    region: control(t("region"), region),
    title: control(t("title"), title),
  };
  const underPart = control(t("checkUnder"), under);
  const planBox = h("div", { class: "dak-field-msgs" });
  const blockList = h("div", { class: "dak-activities" });
  const addButton = h("button", { type: "button", class: "dak-button dak-add" }, t("addActivity"));
  const checkButton = h("button", { type: "submit", class: "dak-button dak-primary" }, t("check"));
  const saveButton = h("button", { type: "button", class: "dak-button" }, t("savePlan"));
  const exampleButton = config.example ? h("button", { type: "button", class: "dak-button" }, t("example")) : null;
  const clearButton = h("button", { type: "button", class: "dak-button" }, t("clearPlan"));
  const fileInput = h("input", { type: "file", id: nextId("load"), accept: ".json,application/json", class: "dak-file" });
  const filePart = control(t("loadPlan"), fileInput);

  const activityOptions = () => [
    option("", t("choose")),
    [...catalog.values()].map((a) => {
      const where = ["2022", "2023"].map((y) => (a.years[y] ? `${y}: ${a.years[y]}` : t("absentIn", { year: y }))).join("; ");
      return option(a.activity, `${pick(a.name)} (${where})`);
    }),
  ];

  function renumber() {
    blocks.forEach((block, index) => {
      block.legend.textContent = t("activityN", { n: index + 1 });
      block.removeButton.textContent = t("removeActivity", { n: index + 1 });
    });
  }

  function addBlock(data, focus = false) {
    const block = { extra: {}, box: h("div", { class: "dak-field-msgs" }), fields: null, raw: undefined };
    block.legend = h("legend", {});
    block.select = select(nextId("activity"), activityOptions());
    block.name = textInput(nextId("name"));
    block.kept = h("p", { class: "dak-hint dak-kept", hidden: true });
    block.parts = { activity: control(t("activityChoice"), block.select), name: control(t("activityName"), block.name) };
    block.fieldsHolder = h("div", { class: "dak-activity-fields" });
    block.removeButton = h("button", { type: "button", class: "dak-button dak-remove" });
    block.element = h(
      "fieldset",
      { class: "dak-activity" },
      block.legend,
      h("div", { class: "dak-grid" }, block.parts.activity.element, block.parts.name.element),
      block.fieldsHolder,
      block.kept,
      block.box,
      block.removeButton,
    );
    block.setFields = (values) => {
      const id = readSelect(block.select);
      const form = typeof id === "string" ? catalog.get(id) : null;
      block.fields = form ? new ActivityFields(form, categories) : null;
      put(block.fieldsHolder, block.fields ? block.fields.element : "");
      if (block.fields && values) block.fields.fill(values);
    };
    block.select.addEventListener("change", () => {
      const previous = block.fields ? block.fields.read().values : {};
      block.setFields(previous);
    });
    block.removeButton.addEventListener("click", () => {
      blocks.splice(blocks.indexOf(block), 1);
      block.element.remove();
      renumber();
      addButton.focus();
    });
    blocks.push(block);
    blockList.append(block.element);
    if (data !== undefined) fillBlock(block, data);
    else block.setFields();
    renumber();
    if (focus) block.select.focus();
    return block;
  }

  function fillBlock(block, data) {
    if (!data || typeof data !== "object" || Array.isArray(data)) {
      block.raw = data;
      block.kept.hidden = false;
      block.kept.textContent = `${t("notAnObject")} ${shown(data)}`;
      block.setFields();
      return;
    }
    setSelect(block.select, data.activity);
    block.name.value = typeof data.name === "string" ? data.name : "";
    block.setFields();
    if (block.fields) block.fields.fill(data);
    block.extra = {};
    for (const [key, value] of Object.entries(data)) {
      if (key === "activity" || (key === "name" && typeof value === "string")) continue;
      if (block.fields && block.fields.has(key)) continue;
      block.extra[key] = value;
    }
    const keys = Object.keys(block.extra);
    block.kept.hidden = !keys.length;
    block.kept.textContent = keys.length ? t("kept", { keys: keys.join(", ") }) : "";
  }

  // The plan as JSON, and where each path's input is (for the engine's problems).
  function readPlan() {
    const plan = { format: PLAN_FORMAT };
    const chosenYear = readSelect(year, "number");
    if (chosenYear !== undefined) plan.year = chosenYear;
    if (region.value.trim()) plan.region = region.value;
    if (title.value.trim()) plan.title = title.value;
    Object.assign(plan, Object.fromEntries(Object.entries(planExtra).filter(([k]) => !(k in plan))));
    const maps = [];
    plan.activities = blocks.map((block) => {
      const map = [["activity", block.select, block.parts.activity.box], ["name", block.name, block.parts.name.box]];
      maps.push(map);
      if (block.raw !== undefined) return block.raw;
      const activity = {};
      const chosen = readSelect(block.select);
      if (chosen !== undefined) activity.activity = chosen;
      if (block.name.value.trim()) activity.name = block.name.value;
      if (block.fields) {
        const { values, map: fieldMap } = block.fields.read();
        Object.assign(activity, values);
        map.push(...fieldMap);
      }
      for (const [key, value] of Object.entries(block.extra)) if (!(key in activity)) activity[key] = value;
      return activity;
    });
    return { plan, maps };
  }

  function router(maps) {
    return (where) => {
      const match = /^activities\[(\d+)\]\.?(.*)$/.exec(where);
      if (match) {
        const block = blocks[Number(match[1])];
        if (!block) return [addButton, planBox];
        return route(maps[Number(match[1])] || [], match[2]) || [block.select, block.box];
      }
      if (where === "year") return [year, metaParts.year.box];
      if (where === "region") return [region, metaParts.region.box];
      if (where === "title") return [title, metaParts.title.box];
      if (where === "activities") return [addButton, planBox];
      return [fileInput, filePart.box];
    };
  }

  function fillPlan(data) {
    planExtra = {};
    for (const [key, value] of Object.entries(data)) {
      if (!["format", "year", "region", "title", "activities"].includes(key)) planExtra[key] = value;
    }
    if (data.year !== undefined) setSelect(year, data.year, "number");
    region.value = shown(data.region);
    title.value = shown(data.title);
    blocks.splice(0).forEach((block) => block.element.remove());
    if (Array.isArray(data.activities)) data.activities.forEach((activity) => addBlock(activity));
  }

  function showResult(result) {
    const years = (result.years || []).map(String);
    const findings = result.findings || [];
    v.say(t("resultsReady", { summary: summaryText(findings, years) }), result.ok ? "ok" : "info");
    const sections = blocks.map((block, index) => {
      const own = findings.filter((f) => f.activity_index === index);
      const id = result.activities?.[index];
      const name = (typeof id === "string" && catalog.get(id)) ? pick(catalog.get(id).name) : shown(id);
      const label = block.name.value.trim() ? `${name}: ${block.name.value.trim()}` : name;
      return h(
        "section",
        { class: "dak-activity-result" },
        h("h3", {}, `${t("activityN", { n: index + 1 })} · ${label}`),
        v.yearColumns(own, years, 4, t("activityN", { n: index + 1 })),
        v.comparisonTable((result.comparison || []).filter((row) => row.activity_index === index), years),
      );
    });
    put(v.results, h("h2", {}, t("results")), sections);
  }

  async function check() {
    v.clearMessages();
    const { plan, maps } = readPlan();
    if (!plan.activities.length) {
      v.say(t("noActivities"), "problem");
      v.results.replaceChildren();
      addButton.focus();
      return;
    }
    const params = { plan };
    if (under.value === "both") params.years = "both";
    const response = await v.run("validate", params);
    if (!response) return;
    if (!response.ok) v.problems(response.problems, router(maps));
    else showResult(response.result);
  }

  async function load(file) {
    v.clearMessages();
    if (file.size > MAX_FILE) {
      v.say(t("tooLarge", { name: file.name, size: (file.size / 1048576).toFixed(1) }), "problem");
      return;
    }
    let text;
    try {
      text = await file.text();
    } catch {
      v.say(t("unreadableFile", { name: file.name }), "problem");
      return;
    }
    let data;
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
    if (data && typeof data === "object" && !Array.isArray(data)) {
      fileName = file.name;
      fillPlan(data);
    }
    const { maps } = readPlan();
    const params = { plan: data === undefined ? text : data };
    if (under.value === "both") params.years = "both";
    const response = await v.run("validate", params);
    if (!response) return;
    if (!response.ok) {
      v.problems(response.problems, router(maps), t("loadedBroken", { name: file.name }));
      v.mark([fileInput, filePart.box], t("loadedBroken", { name: file.name }).replace(/:$/, "."));
    } else {
      showResult(response.result);
      v.say(`${t("loaded", { name: file.name })} ${t("resultsReady", { summary: summaryText(response.result.findings, response.result.years.map(String)) })}`, response.result.ok ? "ok" : "info");
    }
  }

  addButton.addEventListener("click", () => addBlock(undefined, true));
  saveButton.addEventListener("click", () => {
    v.clearMessages();
    const { plan } = readPlan();
    const name = fileName || `${lang === "en" ? "dak-plan" : "rencana-dak"}-${plan.year ?? ""}.json`.replace("-.json", ".json");
    download(`${JSON.stringify(plan, null, 2)}\n`, name, "application/json");
    v.say(t("saved", { name }), "ok");
  });
  exampleButton?.addEventListener("click", () => {
    v.clearMessages();
    fileName = null;
    fillPlan(structuredClone(config.example));
    v.results.replaceChildren();
  });
  clearButton.addEventListener("click", () => {
    v.clearMessages();
    fileName = null;
    fillPlan({ year: 2023, activities: [{}] });
    v.results.replaceChildren();
  });
  fileInput.addEventListener("change", () => {
    const file = fileInput.files && fileInput.files[0];
    if (file) load(file).finally(() => (fileInput.value = ""));
  });

  const form = v.form(
    h("div", { class: "dak-toolbar" }, filePart.element, h("div", { class: "dak-actions" }, saveButton, exampleButton, clearButton)),
    h("fieldset", { class: "dak-group" }, h("legend", {}, t("planMeta")),
      h("div", { class: "dak-grid" }, metaParts.year.element, metaParts.region.element, metaParts.title.element), planBox),
    h("h2", {}, t("activities")),
    blockList,
    h("div", { class: "dak-actions" }, addButton),
    h("div", { class: "dak-actions dak-check" }, underPart.element, checkButton),
  );
  form.addEventListener("submit", check);
  fileInput.addEventListener("change", () => v.status.start().catch(() => {}));
  v.mount(form);
  addBlock();
}

// ---------------------------------------------------------------------------------------------------
// The participant list: a CSV file checked row by row, paged, and an annotated CSV to download.

// The bytes as the engine reads them: UTF-8 (with or without BOM), else Windows-1252.
function decodeCsv(buffer) {
  const bytes = new Uint8Array(buffer);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

// The separator as dakcore picks it: the most frequent of ; , tab in the first line.
function csvDelimiter(text) {
  const header = text.split("\n", 1)[0];
  let best = ",";
  let count = 0;
  for (const sep of [";", ",", "\t"]) {
    const n = header.split(sep).length - 1;
    if (n > count) {
      best = sep;
      count = n;
    }
  }
  return best;
}

// Records with the physical line they end on, as Python's csv module numbers them (line_num).
function parseCsv(text, delimiter) {
  const records = [];
  const n = text.length;
  let i = 0;
  let line = 0;
  while (i < n) {
    const cells = [];
    let field = "";
    let quoted = false;
    let atStart = true;
    line += 1;
    while (i < n) {
      const c = text[i];
      if (quoted) {
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            quoted = false;
            i += 1;
          }
        } else {
          if (c === "\n" || c === "\r") {
            const crlf = c === "\r" && text[i + 1] === "\n";
            field += crlf ? "\r\n" : c;
            i += crlf ? 2 : 1;
            if (i < n) line += 1;
            continue;
          }
          field += c;
          i += 1;
        }
        continue;
      }
      if (c === '"' && atStart) {
        quoted = true;
        atStart = false;
        i += 1;
      } else if (c === delimiter) {
        cells.push(field);
        field = "";
        atStart = true;
        i += 1;
      } else if (c === "\n" || c === "\r") {
        i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
        break;
      } else {
        field += c;
        atStart = false;
        i += 1;
      }
    }
    cells.push(field);
    records.push({ line, cells });
  }
  return records;
}

function csvCell(value, delimiter) {
  const text = String(value ?? "");
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function rosterValidator(element, config) {
  const v = new Validator(element, config);
  const activities = config.activities || [];
  const fileInput = h("input", { type: "file", id: nextId("csv"), accept: ".csv,text/csv,.txt,text/plain", class: "dak-file" });
  const year = select(nextId("year"), [option("2022", "2022"), option("2023", "2023", true)]);
  const activity = select(nextId("activity"), []);
  const on = h("input", { type: "date", id: nextId("on"), class: "dak-input", value: today() });
  const parts = {
    file: control(t("rosterFile"), fileInput),
    year: control(t("rosterYear"), year),
    activity: control(t("rosterActivity"), activity),
    on: control(t("rosterOn"), on),
  };
  const button = h("button", { type: "submit", class: "dak-button dak-primary" }, t("check"));
  const noRules = h("p", { class: "dak-hint", hidden: true });

  function fillActivities() {
    const chosen = activity.value;
    const y = year.value;
    const own = activities.filter((a) => a.years.includes(y));
    own.sort((a, b) => Number(b.checked.includes(y)) - Number(a.checked.includes(y)));
    put(activity, option("", t("choose")), own.map((a) => option(a.activity, pick(a.name))));
    if (own.some((a) => a.activity === chosen)) activity.value = chosen;
    else {
      const first = own.find((a) => a.checked.includes(y));
      if (first) activity.value = first.activity;
    }
    showNoRules();
  }
  function showNoRules() {
    const entry = activities.find((a) => a.activity === activity.value);
    noRules.hidden = !entry || entry.checked.includes(year.value);
    noRules.textContent = noRules.hidden ? "" : t("rosterNoRules", { year: year.value });
  }
  year.addEventListener("change", fillActivities);
  activity.addEventListener("change", showNoRules);
  fillActivities();

  const routes = {
    "": [fileInput, parts.file.box],
    csv: [fileInput, parts.file.box],
    activity: [activity, parts.activity.box],
    year: [year, parts.year.box],
    on: [on, parts.on.box],
  };

  let state = null; // the last result, with the file's rows, for paging and the annotated CSV

  function rowFindings(result) {
    const byLine = new Map();
    const at = (line) => {
      if (!byLine.has(line)) byLine.set(line, { findings: [], problems: [] });
      return byLine.get(line);
    };
    for (const finding of result.findings || []) at(finding.row).findings.push(finding);
    for (const problem of result.row_problems || []) at(problem.line).problems.push(problem);
    return byLine;
  }

  function worst(entry) {
    if (!entry) return "";
    if (entry.problems.length) return t("unreadable");
    const level = levelNames().find((l) => entry.findings.some((f) => f.level === l));
    return level ? t(level).replace(/^\S+\s/, "") : "";
  }

  function findingsText(entry) {
    if (!entry) return "";
    const parts = entry.problems.map((p) => `${t("unreadable")}: ${pick(p.message)}`);
    for (const f of entry.findings) {
      const citation = f.source ? (lang === "en" ? f.source.citation?.en : f.source.citation?.short) : "";
      parts.push(`${t(f.level).replace(/^\S+\s/, "")}: ${pick(f.message)}${citation ? ` (${citation})` : ""}`);
    }
    return parts.join(" | ");
  }

  function render() {
    const { records, header, byLine, columns } = state;
    const shownRecords = state.onlyFlagged ? records.filter((r) => byLine.has(r.line)) : records;
    const total = shownRecords.length;
    const pages = Math.max(1, Math.ceil(total / ROSTER_PAGE));
    state.page = Math.min(Math.max(0, state.page), pages - 1);
    const from = state.page * ROSTER_PAGE;
    const slice = shownRecords.slice(from, from + ROSTER_PAGE);
    const table = h(
      "table",
      {},
      h("caption", {}, t("rosterTable")),
      h("thead", {}, h("tr", {},
        h("th", { scope: "col" }, t("line")),
        columns.map(([, index]) => h("th", { scope: "col" }, header[index] ?? "")),
        h("th", { scope: "col" }, t("findings")))),
      h("tbody", {}, slice.map((record) => {
        const entry = byLine.get(record.line);
        return h(
          "tr",
          { class: entry ? "dak-flagged" : null, "data-line": record.line },
          h("th", { scope: "row" }, String(record.line)),
          columns.map(([, index]) => h("td", { class: "dak-cell" }, record.cells[index] ?? "")),
          h("td", {}, entry
            ? h("ul", { class: "dak-findings dak-compact" },
              entry.problems.map((p) => h("li", { class: "dak-finding dak-level-unreadable", "data-level": "unreadable", "data-field": p.field },
                h("span", { class: "dak-badge" }, `✖ ${t("unreadable")}`), " ", pick(p.message))),
              entry.findings.map((f) => h("li", { class: `dak-finding dak-level-${f.level}`, "data-level": f.level, "data-rule": f.rule, "data-field": f.field },
                h("span", { class: "dak-badge" }, t(f.level)), " ", pick(f.message), " ",
                f.source ? v.link(f.source) : null)))
            : t("noFindings")),
        );
      })),
    );
    const previous = h("button", { type: "button", class: "dak-button", disabled: state.page === 0 }, t("previous"));
    const next = h("button", { type: "button", class: "dak-button", disabled: state.page >= pages - 1 }, t("next"));
    previous.addEventListener("click", () => {
      state.page -= 1;
      render();
      state.pager.querySelector("button:not([disabled])")?.focus();
    });
    next.addEventListener("click", () => {
      state.page += 1;
      render();
      state.pager.querySelector("button:last-of-type:not([disabled])")?.focus() ||
        state.pager.querySelector("button:not([disabled])")?.focus();
    });
    const position = h("span", { class: "dak-pager-text", "aria-live": "polite" },
      total ? t("pageOf", { from: from + 1, to: from + slice.length, total }) : t("nothingToShow"));
    state.pager = h("nav", { class: "dak-pager", "aria-label": t("rosterTable") }, previous, position, next);
    put(state.tableHolder, total ? h("div", { class: "dak-table-wrap" }, table) : "", state.pager);
  }

  function annotatedCsv() {
    const { all, byLine, delimiter } = state;
    const lines = [[...(all[0]?.cells || []), t("level"), t("findings")]];
    for (const record of all.slice(1)) {
      if (!record.cells.some((cell) => cell.trim())) continue;
      const entry = byLine.get(record.line);
      lines.push([...record.cells, worst(entry), findingsText(entry)]);
    }
    return `\ufeff${lines.map((cells) => cells.map((c) => csvCell(c, delimiter)).join(delimiter)).join("\r\n")}\r\n`;
  }

  async function check() {
    v.clearMessages();
    const file = fileInput.files && fileInput.files[0];
    if (!file) {
      v.mark(routes.csv, t("noFile"));
      v.say(t("noFile"), "problem");
      v.results.replaceChildren();
      return;
    }
    if (!activity.value) {
      v.mark(routes.activity, t("noActivity"));
      v.say(t("noActivity"), "problem");
      return;
    }
    if (file.size > MAX_FILE) {
      v.mark(routes.csv, t("tooLarge", { name: file.name, size: (file.size / 1048576).toFixed(1) }));
      v.say(t("tooLarge", { name: file.name, size: (file.size / 1048576).toFixed(1) }), "problem");
      return;
    }
    let bytes;
    let text;
    try {
      bytes = await file.arrayBuffer();
      text = decodeCsv(bytes);
    } catch {
      v.say(t("unreadableFile", { name: file.name }), "problem");
      return;
    }
    // The engine gets the file's bytes and reads them as `dak roster` does (BOM, encoding, separator);
    // the text decoded here only shows the rows and makes the annotated copy.
    const params = { csv: bytes, activity: activity.value, year: Number(year.value), on: on.value || undefined };
    if (!on.value) delete params.on;
    const response = await v.run("roster", params);
    if (!response) return;
    if (!response.ok) {
      v.problems(response.problems, (where) => routes[where] || routes[""]);
      return;
    }
    const result = response.result;
    const delimiter = csvDelimiter(text);
    const records = parseCsv(text, delimiter);
    const header = (records[0]?.cells || []).map((c) => c.trim());
    const order = ["name", "age", "birth_date", "education", "nib"];
    const columns = order
      .filter((key) => result.columns && key in result.columns)
      .map((key) => [key, header.indexOf(result.columns[key])])
      .filter(([, index]) => index >= 0);
    const body = records.slice(1).filter((r) => r.cells.some((cell) => cell.trim()));
    state = {
      all: records,
      records: body,
      header,
      byLine: rowFindings(result),
      columns,
      delimiter,
      page: 0,
      onlyFlagged: true,
      tableHolder: h("div", { class: "dak-roster-table" }),
      name: file.name,
    };
    const counts = countsText(result.findings || []);
    const problems = (result.row_problems || []).length;
    const summary = t("rosterSummary", { rows: result.rows, flagged: result.rows_with_findings, counts }) +
      (problems ? ` ${t("unreadableRows", { n: problems })}.` : "");
    v.say(summary, result.ok ? "ok" : "info");
    const filterId = nextId("flagged");
    const filter = h("input", { type: "checkbox", id: filterId, checked: true });
    filter.addEventListener("change", () => {
      state.onlyFlagged = filter.checked;
      state.page = 0;
      render();
    });
    const csvButton = h("button", { type: "button", class: "dak-button" }, t("downloadCsv"));
    csvButton.addEventListener("click", () => {
      const base = state.name.replace(/\.[^.]*$/, "") || "peserta";
      download(annotatedCsv(), `${base}-${t("csvSuffix")}.csv`, "text/csv;charset=utf-8");
    });
    put(v.results, 
      h("h2", {}, t("results")),
      h("p", { class: "dak-year-summary" }, summary),
      h("div", { class: "dak-actions" }, h("span", { class: "dak-check-option" }, filter, h("label", { for: filterId }, t("onlyFlagged"))), csvButton),
      state.tableHolder,
    );
    render();
  }

  const form = v.form(
    h("div", { class: "dak-grid" }, parts.file.element, parts.year.element, parts.activity.element, parts.on.element),
    noRules,
    h("div", { class: "dak-actions" }, button),
  );
  form.addEventListener("submit", check);
  fileInput.addEventListener("change", () => v.status.start().catch(() => {}));
  v.mount(form);
}

// ---------------------------------------------------------------------------------------------------
// Deadlines: the year's dated obligations with their sources, and the .ics calendar.

function deadlinesValidator(element, config) {
  const v = new Validator(element, config);
  const years = config.years || ["2022", "2023"];
  const year = select(nextId("year"), years.map((y) => option(y, y, y === years[years.length - 1])));
  const part = control(t("deadlineYear"), year);
  const icsButton = h("button", { type: "button", class: "dak-button", disabled: true }, t("downloadIcs"));
  let current = null;

  async function show() {
    v.clearMessages();
    icsButton.disabled = true;
    const response = await v.run("deadlines", { year: Number(year.value), lang });
    if (!response) return;
    if (!response.ok) {
      v.problems(response.problems, () => [year, part.box]);
      return;
    }
    current = response.result;
    icsButton.disabled = false;
    const items = current.deadlines || [];
    v.say(t("deadlinesShown", { n: items.length, year: current.year }), "ok");
    put(v.results, 
      h("div", { class: "dak-table-wrap" },
        h("table", { "data-year": current.year },
          h("thead", {}, h("tr", {},
            h("th", { scope: "col" }, t("date")),
            h("th", { scope: "col" }, t("obligation")),
            h("th", { scope: "col" }, t("to")),
            h("th", { scope: "col" }, t("source")))),
          h("tbody", {}, items.map((item) =>
            h("tr", { "data-deadline": item.id, "data-date": item.date },
              h("td", {}, h("time", { datetime: item.date }, formatDate(item.date)), item.end_of === "month" ? h("span", { class: "dak-hint" }, ` ${t("endOfMonth")}`) : null),
              h("th", { scope: "row" }, pick(item.title), item.note ? h("p", { class: "dak-hint" }, `${t("note")}: ${pick(item.note)}`) : null),
              h("td", {}, pick(item.to)),
              h("td", {}, (item.sources || []).map((s) => v.sourceBlock(s))),
            ))))),
    );
  }

  icsButton.addEventListener("click", () => {
    if (current && current.ics) download(current.ics, t("icsName", { year: current.year }), "text/calendar;charset=utf-8");
  });
  year.addEventListener("change", show);
  const form = v.form(h("div", { class: "dak-actions" }, part.element, icsButton));
  v.mount(form);
  // The page is about the deadlines themselves: they are asked for at once, not on first use.
  show();
}

// ---------------------------------------------------------------------------------------------------
// The recipient-region check: the criteria of the chosen year as yes/no questions.

function eligibilityValidator(element, config) {
  const v = new Validator(element, config);
  const criteria = config.criteria || {};
  const years = Object.keys(criteria).sort();
  const year = select(nextId("year"), years.map((y) => option(y, y, y === years[years.length - 1])));
  const yearPart = control(t("eligibilityYear"), year);
  const questions = h("div", { class: "dak-questions" });
  const button = h("button", { type: "submit", class: "dak-button dak-primary" }, t("check"));
  let inputs = {};

  function build() {
    inputs = {};
    put(questions, 
      (criteria[year.value] || []).map((criterion) => {
        const name = nextId(criterion.id);
        const box = h("div", { class: "dak-field-msgs", id: `${name}-msgs` });
        const radios = [["ya", t("yes")], ["tidak", t("no")], ["", t("dontKnow")]].map(([value, label]) => {
          const id = nextId("answer");
          const input = h("input", { type: "radio", id, name, value, checked: value === "" });
          return { input, element: h("span", { class: "dak-radio" }, input, h("label", { for: id }, label)) };
        });
        inputs[criterion.id] = { radios, box };
        return h("fieldset", { class: "dak-group dak-question", "aria-describedby": box.id, "data-criterion": criterion.id },
          h("legend", {}, pick(criterion.question)),
          h("div", { class: "dak-radios" }, radios.map((r) => r.element)),
          box);
      }),
    );
  }

  function answers() {
    const out = {};
    for (const [id, { radios }] of Object.entries(inputs)) {
      const chosen = radios.find((r) => r.input.checked);
      if (chosen && chosen.input.value) out[id] = chosen.input.value;
    }
    return out;
  }

  async function check() {
    v.clearMessages();
    const given = answers();
    if (!Object.keys(given).length) {
      v.say(t("noAnswers"), "problem");
      v.results.replaceChildren();
      questions.querySelector("input")?.focus();
      return;
    }
    const response = await v.run("eligibility", { year: Number(year.value), answers: given });
    if (!response) return;
    if (!response.ok) {
      v.problems(response.problems, (where) =>
        where === "year" ? [year, yearPart.box] : inputs[where] ? [inputs[where].radios[0].input, inputs[where].box] : [year, yearPart.box]);
      return;
    }
    const result = response.result;
    // The verdict's words come from dakcore: as strong as the year's text ("must meet" in 2023, "having
    // regard to" in 2022, where a criterion not met weighs in the choice but does not bar the region).
    // dakcore's status decides; the page only gives it a sign and a colour.
    const [mark, kind] = { met: ["✓", "ok"], unmet: ["✖", "problem"], considered: ["⚠", "info"], unanswered: ["?", "info"] }[result.status];
    const verdict = `${mark} ${pick(result.verdict)}`;
    v.say(verdict, kind);
    put(v.results, 
      h("h2", {}, t("results")),
      h("p", { class: `dak-verdict dak-verdict-${kind}` }, verdict),
      h("ul", { class: "dak-findings" }, result.criteria.map((c) => {
        const status = c.met === true ? "met" : c.met === false ? "unmet" : "unanswered";
        return h("li", { class: `dak-finding dak-criterion dak-${status}`, "data-criterion": c.id, "data-status": status },
          h("p", { class: "dak-finding-head" }, h("span", { class: "dak-badge" }, t(status)), h("span", { class: "dak-where" }, pick(c.question))),
          h("p", { class: "dak-finding-message" }, `${t("criterion")}: ${pick(c.criterion)}`),
          c.note ? h("p", { class: "dak-hint" }, `${t("note")}: ${pick(c.note)}`) : null,
          (c.sources || []).slice(0, 1).map((s) => v.sourceBlock(s)));
      })),
    );
  }

  year.addEventListener("change", () => {
    v.clearMessages();
    v.results.replaceChildren();
    build();
  });
  const form = v.form(h("div", { class: "dak-grid" }, yearPart.element), questions, h("div", { class: "dak-actions" }, button));
  form.addEventListener("submit", check);
  build();
  v.mount(form);
}

// ---------------------------------------------------------------------------------------------------

const VALIDATORS = {
  activity: activityValidator,
  plan: planValidator,
  roster: rosterValidator,
  deadlines: deadlinesValidator,
  eligibility: eligibilityValidator,
};

function init() {
  lang = (document.documentElement.lang || "id").toLowerCase().startsWith("en") ? "en" : "id";
  const validators = [...document.querySelectorAll(".dak-validator[data-dak]")];
  if (validators.length && !validators[0].dataset.dakReady) {
    const root = validators[0].dataset.dakBase || "./";
    if (!savingData()) client().then((module) => module.preloadRuntime(root), () => {});
    // "Prepare for offline use" once per page, after its last checker.
    const panel = h("div", { class: "dak-offline", "data-pagefind-ignore": "all" });
    validators[validators.length - 1].after(panel);
    mountOffline(panel, { root, text: t });
  }
  for (const element of document.querySelectorAll(".dak-offline[data-dak-root]")) {
    if (element.dataset.dakReady) continue;
    element.dataset.dakReady = "true";
    mountOffline(element, { root: element.dataset.dakRoot, text: t });
  }
  for (const element of validators) {
    if (element.dataset.dakReady) continue;
    element.dataset.dakReady = "true";
    let config;
    try {
      config = JSON.parse(element.dataset.dakConfig || "{}");
    } catch {
      config = null;
    }
    const build = VALIDATORS[element.dataset.dak];
    if (config?.vocabulary) VOCAB = config.vocabulary;
    if (!config || !build || !config.vocabulary) {
      put(element, h("p", { class: "dak-message dak-message-problem", role: "status" }, t("configBroken")));
      continue;
    }
    build(element, config);
  }
}

// Material's instant navigation swaps pages without reloading modules: it announces each page on
// `document$`; without it, the page is ready once the document is.
if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(() => init());
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", init);
} else {
  init();
}
