// The participant list: a CSV file or an Excel workbook checked row by row by dakcore, which reads
// the file (encoding, separator, sheet, row numbers) and answers the rows a page shows and the
// annotated copy (CSV for Excel or .xlsx); this module only shows them.

import { MAX_FILE, download, h, nextId, option, put, select, today } from "./dom.js";
import { control, yearSelect } from "./controls.js";
import { XLSX_ACCEPT, isWorkbook, runExcel, saveWorkbook, sayProblems } from "./excel.js";
import { levelCountsText } from "./findings.js";
import { lang, pick, t } from "./text.js";
import { Validator } from "./validator.js";

const ROSTER_PAGE = 100; // table rows shown at once: a list of thousands never builds thousands of rows

export function rosterValidator(element, config) {
  const v = new Validator(element, config);
  const activities = config.activities || [];
  const fileInput = h("input", { type: "file", id: nextId("csv"), accept: `.csv,text/csv,.txt,text/plain,${XLSX_ACCEPT}`, class: "dak-file" });
  const sheet = select(nextId("sheet"), []);
  const year = yearSelect();
  const activity = select(nextId("activity"), []);
  const on = h("input", { type: "date", id: nextId("on"), class: "dak-input", value: today() });
  const parts = {
    file: control(t("rosterFile"), fileInput),
    year: control(t("rosterYear"), year),
    activity: control(t("rosterActivity"), activity),
    on: control(t("rosterOn"), on),
    sheet: control(t("rosterSheet"), sheet),
  };
  parts.sheet.element.hidden = true; // shown for a workbook of several sheets
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
  const route = (where) => routes[where] || (parts.sheet.element.hidden ? routes[""] : [sheet, parts.sheet.box]);

  let state = null; // the file, the last report and the page shown

  // A list's traces are asked for once, when the reader first opens an explanation: tracing every
  // row of a long list up front would make each check slower and its answer several times larger.
  function traceOf(finding) {
    const own = state;
    own.traces ??= v.status.start()
      .then((dak) => dak.call("roster", { ...checked(), explain: true }))
      .then((response) => new Map((response?.result?.findings || []).map((f) => [`${f.row} ${f.rule} ${f.field}`, f.trace])));
    own.traces.catch(() => (own.traces = null));
    return own.traces.then((traces) => traces.get(`${finding.row} ${finding.rule} ${finding.field}`));
  }

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

  // The engine's parameters for the file and the form (the whole list).
  function checked() {
    const chosen = { csv: state.bytes, activity: activity.value, year: Number(year.value) };
    if (on.value) chosen.on = on.value;
    if (!parts.sheet.element.hidden && sheet.value) chosen.sheet = sheet.value;
    return chosen;
  }

  // The same, with the page of rows wanted.
  const params = (offset) => ({ ...checked(), rows: { offset, limit: ROSTER_PAGE, flagged: state.onlyFlagged } });

  // A workbook needs openpyxl (downloaded once, the reader told); a CSV does not.
  const call = (method, values) => (state.workbook ? runExcel(v, method, values) : v.run(method, values));

  async function showPage(offset) {
    const response = await call("roster", params(offset));
    if (!response) return false;
    if (!response.ok) {
      v.problems(response.problems, route);
      return false;
    }
    state.result = response.result;
    state.byLine = rowFindings(response.result);
    render();
    return true;
  }

  function render() {
    const { table } = state.result;
    const byLine = state.byLine;
    const total = table.total;
    const from = table.offset;
    const shown = table.rows;
    const grid = h(
      "table",
      {},
      h("caption", {}, t("rosterTable")),
      h("thead", {}, h("tr", {},
        h("th", { scope: "col" }, t("line")),
        table.header.map((label) => h("th", { scope: "col" }, label)),
        h("th", { scope: "col" }, t("findings")))),
      h("tbody", {}, shown.map((record) => {
        const entry = byLine.get(record.line);
        return h(
          "tr",
          { class: entry ? "dak-flagged" : null, "data-line": record.line },
          h("th", { scope: "row" }, String(record.line)),
          record.cells.map((cell) => h("td", { class: "dak-cell" }, cell)),
          h("td", {}, entry
            ? h("ul", { class: "dak-findings dak-compact" },
              entry.problems.map((p) => h("li", { class: "dak-finding dak-level-unreadable", "data-level": "unreadable", "data-field": p.field },
                h("span", { class: "dak-badge" }, `✖ ${t("unreadable")}`), " ", pick(p.message))),
              entry.findings.map((f) => h("li", { class: `dak-finding dak-level-${f.level}`, "data-level": f.level, "data-rule": f.rule, "data-field": f.field },
                h("span", { class: "dak-badge" }, t(f.level)), " ", pick(f.message), " ",
                f.source ? v.view.link(f.source) : null,
                v.view.lazyExplanation(() => traceOf(f)))))
            : t("noFindings")),
        );
      })),
    );
    const previous = h("button", { type: "button", class: "dak-button", disabled: from === 0 }, t("previous"));
    const next = h("button", { type: "button", class: "dak-button", disabled: from + shown.length >= total }, t("next"));
    const turn = async (offset, button) => {
      if (await showPage(offset)) (state.pager.querySelector(`button.${button}:not([disabled])`) || state.pager.querySelector("button:not([disabled])"))?.focus();
    };
    previous.classList.add("dak-previous");
    next.classList.add("dak-next");
    previous.addEventListener("click", () => turn(Math.max(0, from - ROSTER_PAGE), "dak-previous"));
    next.addEventListener("click", () => turn(from + ROSTER_PAGE, "dak-next"));
    const position = h("span", { class: "dak-pager-text", "aria-live": "polite" },
      total ? t("pageOf", { from: from + 1, to: from + shown.length, total }) : t("nothingToShow"));
    state.pager = h("nav", { class: "dak-pager", "aria-label": t("rosterTable") }, previous, position, next);
    put(state.tableHolder, total ? h("div", { class: "dak-table-wrap" }, grid) : "", state.pager);
  }

  // The checked list as dakcore writes it: .xlsx (rows with findings highlighted) or CSV for Excel.
  async function saveAnnotated(as) {
    // dakcore checks the list again for its copy (a page of rows holds only that page's findings).
    const values = { ...checked(), as, lang };
    const response = await (as === "xlsx" ? runExcel(v, "annotated_roster", values) : call("annotated_roster", values));
    if (!response) return;
    if (!response.ok) {
      sayProblems(v, response.problems);
      return;
    }
    const name = `${state.name.replace(/\.[^.]*$/, "") || "peserta"}-${t("csvSuffix")}.${as}`;
    if (as === "xlsx") saveWorkbook(response.result.xlsx, name);
    else download(response.result.csv, name, "text/csv;charset=utf-8");
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
    try {
      bytes = await file.arrayBuffer();
    } catch {
      v.say(t("unreadableFile", { name: file.name }), "problem");
      return;
    }
    state = {
      bytes,
      workbook: isWorkbook(file, bytes),
      name: file.name,
      onlyFlagged: true,
      tableHolder: h("div", { class: "dak-roster-table" }),
    };
    if (!(await showPage(0))) return;
    const result = state.result;
    const counts = levelCountsText(result.summary);
    const problems = result.unreadable_rows;
    const summary = t("rosterSummary", { rows: result.rows, flagged: result.rows_with_findings, counts }) +
      (problems ? ` ${t("unreadableRows", { n: problems })}.` : "");
    const sheets = result.sheets || [];
    if (sheets.length > 1 && parts.sheet.element.hidden) {
      put(sheet, sheets.map((name, index) => option(name, name, index === 0)));
      parts.sheet.element.hidden = false;
      v.say(`${summary} ${t("rosterSheets", { n: sheets.length })}`, "info");
    } else {
      v.say(summary, result.ok ? "ok" : "info");
    }
    const filterId = nextId("flagged");
    const filter = h("input", { type: "checkbox", id: filterId, checked: true });
    filter.addEventListener("change", () => {
      state.onlyFlagged = filter.checked;
      showPage(0);
    });
    const csvButton = h("button", { type: "button", class: "dak-button dak-annotated-csv" }, t("downloadCsv"));
    csvButton.addEventListener("click", () => saveAnnotated("csv"));
    const xlsxButton = h("button", { type: "button", class: "dak-button dak-annotated-xlsx" }, t("downloadXlsx"));
    xlsxButton.addEventListener("click", () => saveAnnotated("xlsx"));
    put(v.results,
      h("h2", {}, t("results")),
      h("p", { class: "dak-year-summary" }, summary),
      h("div", { class: "dak-actions" }, h("span", { class: "dak-check-option" }, filter, h("label", { for: filterId }, t("onlyFlagged"))), csvButton, xlsxButton),
      state.tableHolder,
    );
  }

  const form = v.form(
    h("div", { class: "dak-grid" }, parts.file.element, parts.sheet.element, parts.year.element, parts.activity.element, parts.on.element),
    noRules,
    h("div", { class: "dak-actions" }, button),
  );
  form.addEventListener("submit", check);
  fileInput.addEventListener("change", () => {
    parts.sheet.element.hidden = true; // a new file: its sheets are not known yet
    put(sheet);
    v.status.start().catch(() => {});
  });
  v.mount(form);
}
