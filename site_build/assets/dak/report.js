// The report page: a plan the reader picks (JSON or a filled-in workbook, or the example) becomes the
// report skeleton of its year, laid out for A4 printing and savable as a workbook. dakcore's `report` method (the same as `dak report --format json`) builds
// the skeleton in the worker; this module only lays it out. Nothing leaves the browser.

import { MAX_FILE, h } from "./dom.js";
import { latestDraft } from "./drafts.js";
import { XLSX_ACCEPT, isWorkbook, saveWorkbook } from "./excel.js";
import { locale, pick, t, useLanguage } from "./text.js";

const root = document.querySelector(".dak-report");
if (root) mount(root);

function mount(box) {
  useLanguage(document.documentElement.lang);
  const config = JSON.parse(box.dataset.dakConfig);
  const lang = box.dataset.lang === "en" ? "en" : "id";
  const sheet = document.querySelector(".dak-report-sheet");
  const status = box.querySelector(".dak-report-status");
  const kind = box.querySelector(".dak-report-kind");
  const file = box.querySelector(".dak-report-file");
  const save = box.querySelector(".dak-report-xlsx");
  file.accept = `.json,application/json,${XLSX_ACCEPT}`;
  let source = null; // the plan as the engine takes it: {plan} (JSON) or {xlsx} (a workbook's bytes)
  let client = null;
  box.hidden = false;

  const dak = async () => {
    if (!client) {
      const { startDak } = await import("./client.js");
      client = startDak({ base: box.dataset.dakBase });
    }
    return client;
  };
  const problems = (response) =>
    response.problems.map((p) => (p.where ? `${pick(p.label) || p.where}: ` : "") + pick(p.message)).join("; ");

  const show = async () => {
    if (!source) return;
    status.textContent = t(source.xlsx ? "reportDrawingWorkbook" : "reportDrawing");
    try {
      const response = await (await dak()).call("report", { ...source, kind: kind.value, lang });
      if (!response.ok) {
        status.textContent = problems(response);
        return;
      }
      sheet.replaceChildren(...skeleton(response.result));
      sheet.classList.add("dak-report-filled");
      save.hidden = false;
      status.textContent = t("reportReady");
    } catch (error) {
      status.textContent = error.message;
    }
  };

  file.addEventListener("change", async () => {
    const chosen = file.files[0];
    if (!chosen) return;
    if (chosen.size > MAX_FILE) {
      status.textContent = t("reportTooLarge", { name: chosen.name });
      return;
    }
    const bytes = await chosen.arrayBuffer();
    if (isWorkbook(chosen, bytes)) source = { xlsx: new Uint8Array(bytes) };
    else {
      try {
        source = { plan: JSON.parse(new TextDecoder().decode(bytes)) };
      } catch {
        source = null;
        status.textContent = t("reportNotAPlan", { name: chosen.name });
        return;
      }
    }
    show();
  });
  const example = box.querySelector(".dak-report-example");
  example.addEventListener("click", () => {
    source = { plan: config.example };
    show();
  });
  // The plan the reader is drafting in the plan checker (kept in this browser): no file to save first.
  const draft = latestDraft("plan");
  if (draft?.data?.activities?.length) {
    const saved = draft.saved ? new Date(draft.saved).toLocaleString(locale(), { dateStyle: "medium", timeStyle: "short" }) : "";
    const use = h("button", { type: "button", class: "md-button dak-report-draft" }, t("reportUseDraft", { saved }));
    use.addEventListener("click", () => {
      source = { plan: draft.data };
      show();
    });
    example.before(use);
  }
  kind.addEventListener("change", show);
  box.querySelector(".dak-report-print").addEventListener("click", () => window.print());
  // The same skeleton as a workbook (dak report writes the same): the annexes' tables to fill in Excel.
  save.addEventListener("click", async () => {
    if (!source) return;
    status.textContent = t("excelWorking");
    const response = await (await dak()).call("report_workbook", { ...source, kind: kind.value, lang });
    if (!response.ok) {
      status.textContent = problems(response);
      return;
    }
    const name = `${t("reportFile")}-${kind.value}.xlsx`;
    saveWorkbook(response.result.xlsx, name);
    status.textContent = t("fileSaved", { name });
  });
}

function el(tag, className, ...children) {
  return h(tag, className ? { class: className } : {}, ...children.map((child) => child ?? ""));
}

const rupiah = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 2 });

function cell(value) {
  return typeof value === "number" ? rupiah.format(value) : value ?? "";
}

// One printed page per part: the cover, each chapter, each annex, then the signature.
function skeleton(report) {
  const words = report.words;
  const pages = [];
  const cover = el("section", "dak-report-page dak-report-cover");
  for (const line of report.title) cover.append(el("p", "dak-report-title", line));
  if (report.region) cover.append(el("p", "dak-report-title", report.region));
  const facts = el("dl", "dak-report-facts");
  facts.append(el("dt", "", words.deadline), el("dd", "", report.deadline.date + ` (${report.deadline.citation})`));
  facts.append(el("dt", "", words.to), el("dd", "", report.deadline.to));
  facts.append(el("dt", "", words.basis), el("dd", "", report.source));
  cover.append(facts, el("p", "dak-note", report.note));
  pages.push(cover);
  for (const section of report.sections) {
    const page = el("section", "dak-report-page", el("h2", "", `${section.num} ${section.title}`));
    const parts = section.parts.length ? section.parts : [{ num: "", title: "" }];
    for (const part of parts) {
      if (part.title) page.append(el("h3", "", `${part.num} ${part.title}`));
      page.append(el("div", "dak-report-write", words.write_here));
    }
    pages.push(page);
  }
  for (const annex of report.annexes) {
    const page = el("section", "dak-report-page dak-report-annex");
    page.append(el("h2", "", `${words.annex} ${annex.num} ${annex.title}`));
    const table = el("table", "dak-report-table");
    const head = el("tr", "");
    for (const column of annex.columns) head.append(el("th", "", column.label));
    table.append(el("thead", "", head));
    const body = el("tbody", "");
    const rows = annex.rows.length ? annex.rows : [[1]];
    for (const row of rows) {
      const tr = el("tr", "");
      annex.columns.forEach((column, index) => {
        const td = el("td", "", cell(row[index]));
        if (typeof row[index] === "number" && column.key !== "no") td.className = "dak-report-number";
        tr.append(td);
      });
      body.append(tr);
    }
    // Blank rows for what the plan cannot know (more people, more dates).
    for (let i = 0; i < 3; i += 1) {
      const tr = el("tr", "dak-report-blank");
      for (const _ of annex.columns) tr.append(el("td", "", ""));
      body.append(tr);
    }
    table.append(body);
    page.append(el("div", "dak-report-table-wrap", table));
    pages.push(page);
  }
  const signature = el("div", "dak-report-signature");
  signature.append(
    el("p", "", `${words.place_date}: ……………………`),
    el("p", "", [report.signature.office, report.region].filter(Boolean).join(" ")),
    el("p", "dak-report-sign-space", ""),
    el("p", "", `${words.name}: ……………………………………`),
    el("p", "", `${words.nip}: ……………………………………`),
  );
  pages[pages.length - 1].append(signature);
  const footer = el("p", "dak-report-footer", `${report.name} · ${report.source} · ${report.regulation.short}`);
  return [...pages, footer];
}
