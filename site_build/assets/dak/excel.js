// Workbooks in the checkers: dakcore writes and reads every .xlsx (openpyxl, which the worker loads
// only for the first workbook a reader opens or saves); this module only saves what dakcore wrote,
// tells a workbook from other files, and says what the first workbook downloads.

import { download, h } from "./dom.js";
import { client } from "./engine.js";
import { lang, locale, pick, t } from "./text.js";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const XLSX_ACCEPT = `.xlsx,${XLSX_TYPE}`;

// The engine answers a workbook as base64 text ({xlsx}); the reader gets the file.
export function saveWorkbook(base64, name) {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  download(bytes, name, XLSX_TYPE);
}

// An .xlsx by its name, or by its first bytes (a zip; an encrypted or old .xls is an OLE file):
// dakcore then says what is wrong with it, sheet and cell, or that it cannot be opened.
export function isWorkbook(file, bytes) {
  if (/\.xlsx?$/i.test(file.name || "")) return true;
  const head = new Uint8Array(bytes, 0, Math.min(4, bytes.byteLength));
  const magic = Array.from(head, (b) => b.toString(16).padStart(2, "0")).join("");
  return magic === "504b0304" || magic === "d0cf11e0";
}

let excelLoaded = false; // after the first workbook call, nothing more is downloaded

// "≈ 250 KB": what the first workbook adds to the download, in the page's language ("" unknown or
// already loaded).
export async function excelSize() {
  if (excelLoaded) return "";
  try {
    const bytes = (await client()).excelDownloadSize();
    return bytes ? `≈ ${new Intl.NumberFormat(locale(), { maximumFractionDigits: 0 }).format(bytes / 1000)} KB` : "";
  } catch {
    return "";
  }
}

// A file name in the page's language: "temuan-2023.xlsx" / "findings-2023.xlsx".
export function fileName(key, suffix, extension) {
  const base = t(key);
  return `${base}${suffix === undefined || suffix === "" ? "" : `-${suffix}`}.${extension}`;
}

// One engine call that reads or writes a workbook, the reader told first what it downloads.
export async function runExcel(v, method, params) {
  const size = await excelSize();
  v.say(size ? t("excelLoading", { size }) : t("excelWorking"));
  const response = await v.run(method, params);
  if (response) excelLoaded = true;
  return response;
}

// A problem list as one message (a save that failed: nothing on the form to point at).
export function sayProblems(v, problems) {
  v.say(t("excelFailed"), "problem", (problems || []).map((p) => pick(p.message)));
}

// "Save findings as .xlsx" for a checker whose last report `report()` returns (null: nothing yet).
export function findingsWorkbookButton(v, report, suffix = () => "") {
  const button = h("button", { type: "button", class: "dak-button dak-xlsx-findings" }, t("saveFindingsXlsx"));
  button.addEventListener("click", async () => {
    const last = report();
    if (!last) return;
    const response = await runExcel(v, "findings_workbook", { report: last, lang });
    if (!response) return;
    if (!response.ok) {
      sayProblems(v, response.problems);
      return;
    }
    const name = fileName("findingsFile", suffix(), "xlsx");
    saveWorkbook(response.result.xlsx, name);
    v.say(t("fileSaved", { name }), "ok");
  });
  return button;
}
