// The participant list: a CSV file checked row by row, paged, and an annotated CSV to download.

import { MAX_FILE, download, h, nextId, option, put, select, today } from "./dom.js";
import { control, yearSelect } from "./controls.js";
import { csvCell, csvDelimiter, decodeCsv, parseCsv } from "./csv.js";
import { countsText } from "./findings.js";
import { lang, levelNames, pick, t } from "./text.js";
import { Validator } from "./validator.js";

const ROSTER_PAGE = 100; // table rows shown at once: a list of thousands never builds thousands of rows

export function rosterValidator(element, config) {
  const v = new Validator(element, config);
  const activities = config.activities || [];
  const fileInput = h("input", { type: "file", id: nextId("csv"), accept: ".csv,text/csv,.txt,text/plain", class: "dak-file" });
  const year = yearSelect();
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

  // A list's traces are asked for once, when the reader first opens an explanation: tracing every
  // row of a long list up front would make each check slower and its answer several times larger.
  function traceOf(finding) {
    const own = state;
    own.traces ??= v.status.start()
      .then((dak) => dak.call("roster", { ...own.params, explain: true }))
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
                f.source ? v.view.link(f.source) : null,
                v.view.lazyExplanation(() => traceOf(f)))))
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
      params,
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
