// The checkers' words: their own sentences (TEXT, in both languages) and the vocabulary dakcore owns
// (levels, roles, education levels, plan fields, years, regulations), which reaches the browser in
// each checker's configuration (`data-dak-config`) so that no module keeps a copy of it.

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
  reportDrawing: { id: "Menyusun kerangka laporan…", en: "Drawing up the report skeleton…" },
  reportDrawingWorkbook: {
    id: "Membaca buku kerja dan menyusun kerangka laporan… (buku kerja pertama mengunduh pembacanya, sekali saja)",
    en: "Reading the workbook and drawing up the report skeleton… (the first workbook downloads its reader, once)",
  },
  reportReady: { id: "Kerangka laporan siap dicetak.", en: "The report skeleton is ready to print." },
  reportNotAPlan: {
    id: "{name}: bukan rencana yang dapat dibaca; pilih rencana dak-plan/1 (.json) atau buku kerja rencana (.xlsx)",
    en: "{name}: not a plan that can be read; choose a dak-plan/1 plan (.json) or a plan workbook (.xlsx)",
  },
  reportTooLarge: { id: "{name}: berkas terlalu besar (paling besar 50 MB)", en: "{name}: the file is too large (50 MB at most)" },
  reportFile: { id: "laporan", en: "report" },
  reportUseDraft: {
    id: "Pakai rencana dari pemeriksa rencana (draf {saved})",
    en: "Use the plan from the plan checker (draft of {saved})",
  },
  offlineTitle: { id: "Pakai tanpa internet", en: "Use without internet" },
  offlineIntro: {
    id: "Simpan semua halaman buku pegangan (kedua bahasa), pencariannya, dan pemeriksanya di peramban ini, sekali saja.",
    en: "Keep every page of the handbook (both languages), its search and its checkers in this browser, once.",
  },
  offlinePrepare: { id: "Siapkan untuk luring", en: "Prepare for offline use" },
  offlineStarting: { id: "Menyimpan…", en: "Saving…" },
  offlineProgress: { id: "Menyimpan… {done} dari {total} berkas", en: "Saving… {done} of {total} files" },
  offlineDone: {
    id: "Siap luring: semua halaman, pencarian, dan pemeriksa bekerja tanpa koneksi di peramban ini.",
    en: "Ready offline: every page, the search and the checkers work without a connection in this browser.",
  },
  offlineFailed: { id: "Tidak dapat menyimpan untuk luring: {detail}", en: "Could not save for offline use: {detail}" },
  offlineUnsupported: {
    id: "Peramban ini tidak dapat menyimpan buku pegangan untuk luring.",
    en: "This browser cannot keep the handbook for offline use.",
  },
  draftRestored: {
    id: "Draf dipulihkan: isian Anda dari kunjungan sebelumnya, disimpan di peramban ini saja.",
    en: "Draft restored: what you entered on your last visit, kept in this browser only.",
  },
  draftStartOver: { id: "Mulai dari awal", en: "Start over" },
  draftUnsaved: {
    id: "Peramban ini tidak menyimpan draf ({detail}): isian hilang bila halaman ditutup atau dimuat ulang.",
    en: "This browser does not keep the draft ({detail}): what you enter is lost if the page is closed or reloaded.",
  },
  draftUnsavedPlan: {
    id: "Peramban ini tidak menyimpan draf ({detail}): isian hilang bila halaman ditutup atau dimuat ulang. Simpan rencana ke berkas agar tidak hilang.",
    en: "This browser does not keep the draft ({detail}): what you enter is lost if the page is closed or reloaded. Save the plan to a file to keep it.",
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
  activity: { id: "Rincian kegiatan", en: "Activity" },
  ok: { id: "✓ sesuai", en: "✓ fine" },
  quoteLabel: { id: "Kutipan ketentuan", en: "Words of the provision" },
  authoritative: { id: "Teks resmi (bahasa Indonesia):", en: "Authoritative text (Indonesian):" },
  unofficialTranslation: {
    id: "Terjemahan bahasa Inggris (tidak resmi):",
    en: "English (unofficial translation of the provision):",
  },
  // How a finding was reached (dakcore's trace).
  explainSummary: { id: "Bagaimana hasil ini diperoleh", en: "How this was reached" },
  explainRead: { id: "Yang dibaca", en: "Read" },
  explainRule: { id: "Aturan tahun {year}", en: "Rule of {year}" },
  explainComparison: { id: "Perbandingan", en: "Comparison" },
  explainBinds: { id: "Mengikat", en: "Binds" },
  explainLevel: { id: "Tingkat dan alasannya", en: "Level and why" },
  explainProvision: { id: "Ketentuan", en: "Provision" },
  results: { id: "Hasil", en: "Result" },
  readingNote: { id: "Cara membaca ketentuan: {note}", en: "How the provision is read: {note}" },
  disputed: { id: "Bacaan ini diperdebatkan: {note}", en: "This reading is disputed: {note}" },
  addPerson: { id: "Tambah orang", en: "Add a person" },
  addBudget: { id: "Tambah baris anggaran", en: "Add a budget line" },
  budgetHint: {
    id: "Diperiksa: biaya yang tidak dapat dibiayai dan batas persentase.",
    en: "Checked: costs that may not be funded and percentage limits.",
  },
  checkedBy: { id: "Diperiksa: {rules}", en: "Checked: {rules}" },
  onlyYear: { id: "(hanya {year})", en: "({year} only)" },
  // The plan checker.
  planMeta: { id: "Rencana", en: "Plan" },
  planYear: { id: "Tahun anggaran rencana", en: "Budget year of the plan" },
  region: { id: "Daerah (kabupaten/kota)", en: "Region (regency/city)" },
  title: { id: "Judul rencana", en: "Title of the plan" },
  checkUnder: { id: "Periksa menurut", en: "Check under" },
  checkPlanYear: { id: "peraturan tahun rencana", en: "the plan year's regulation" },
  checkBoth: { id: "{years} berdampingan", en: "{years} side by side" },
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
  loadPlan: {
    id: "Buka rencana (JSON dak-plan/1 atau Excel .xlsx dari templat)",
    en: "Open a plan (dak-plan/1 JSON or Excel .xlsx from the template)",
  },
  savePlanXlsx: { id: "Simpan rencana (Excel .xlsx)", en: "Save the plan (Excel .xlsx)" },
  templateXlsx: { id: "Unduh templat rencana (.xlsx)", en: "Download the plan template (.xlsx)" },
  templateFile: { id: "templat-rencana-dak", en: "dak-plan-template" },
  planFile: { id: "rencana-dak", en: "dak-plan" },
  findingsFile: { id: "temuan", en: "findings" },
  saveFindingsXlsx: { id: "Simpan temuan (Excel .xlsx)", en: "Save the findings (Excel .xlsx)" },
  fileSaved: { id: "Disimpan sebagai {name}.", en: "Saved as {name}." },
  excelLoading: {
    id: "Menyiapkan dukungan Excel: unduhan {size}, sekali saja…",
    en: "Preparing Excel support: a download of {size}, once…",
  },
  excelWorking: { id: "Menyiapkan berkas Excel…", en: "Preparing the Excel file…" },
  excelFailed: { id: "Berkas Excel tidak dapat dibuat:", en: "The Excel file could not be made:" },
  workbookCells: {
    id: "Sel {name} yang tidak terbaca (sel lainnya tetap diperiksa):",
    en: "Cells of {name} that cannot be read (every other cell was still checked):",
  },
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
  rosterFile: { id: "Berkas daftar peserta (CSV atau Excel .xlsx)", en: "Participant list (CSV or Excel .xlsx)" },
  rosterSheet: { id: "Lembar Excel", en: "Excel sheet" },
  rosterSheets: {
    id: "Buku kerja ini punya {n} lembar: pilih lembar daftar peserta, lalu periksa lagi.",
    en: "This workbook has {n} sheets: choose the sheet of the participant list, then check again.",
  },
  downloadXlsx: { id: "Unduh Excel (.xlsx) dengan temuan", en: "Download the Excel file (.xlsx) with findings" },
  rosterYear: { id: "Tahun anggaran", en: "Budget year" },
  rosterActivity: { id: "Kegiatan", en: "Activity" },
  rosterOn: { id: "Umur dihitung pada tanggal", en: "Ages counted on" },
  rosterNoRules: {
    id: "Kegiatan ini tidak memuat kriteria peserta pada tahun {year}; tidak ada yang diperiksa per baris.",
    en: "This activity sets no participant criteria in {year}; nothing is checked row by row.",
  },
  noFile: { id: "Pilih dulu berkas daftar peserta (CSV atau .xlsx).", en: "Choose a participant list (CSV or .xlsx) first." },
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
  unreadable: { id: "Tidak terbaca", en: "Cannot be read" },
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
  deadlinesAbove: { id: "Daftarnya ada di atas:", en: "They are listed above:" },
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

export let VOCAB = { levels: {}, roles: {}, education_levels: [], fields: {}, years: [], regulations: {} };
export const levelNames = () => Object.keys(VOCAB.levels);

export let lang = "id";

// The page's language, from `<html lang>`.
export function useLanguage(code) {
  lang = (code || "id").toLowerCase().startsWith("en") ? "en" : "id";
}

export function useVocabulary(vocabulary) {
  VOCAB = vocabulary;
}

export function pick(text) {
  if (text == null) return "";
  if (typeof text === "string") return text;
  return text[lang] ?? text.id ?? "";
}

// A plan field's or a part's label from the vocabulary; `withUnit` adds the unit a form asks in.
export function vocabLabel(name, withUnit = true) {
  const level = VOCAB.levels[name];
  if (level) return `${level.mark} ${pick(level.label)}`;
  const spec = VOCAB.fields[name];
  if (spec) return withUnit && spec.unit ? `${pick(spec.label)} (${pick(spec.unit)})` : pick(spec.label);
  for (const field of Object.values(VOCAB.fields)) if (field.parts?.[name]) return pick(field.parts[name]);
  return null;
}

export function fill(template, vars = {}) {
  return pick(template).replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

// A sentence of TEXT, or a vocabulary label, with its {placeholders} filled in.
export function t(key, vars = {}) {
  return fill(TEXT[key] || vocabLabel(key), vars);
}

// The locale numbers and dates are written in.
export const locale = () => (lang === "en" ? "en-GB" : "id-ID");
