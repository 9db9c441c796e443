// The plan checker: a whole plan, saved as and loaded from dak-plan/1 JSON or an Excel workbook made
// from the template (dakcore reads and writes the workbooks; ./excel.js saves them).

import { MAX_FILE, download, h, nextId, option, put, select } from "./dom.js";
import { keepDraft } from "./drafts.js";
import { control, yearSelect, readSelect, removeItem, route, setSelect, shown, textInput } from "./controls.js";
import { summaryText } from "./findings.js";
import { XLSX_ACCEPT, fileName as excelFileName, findingsWorkbookButton, isWorkbook, runExcel, saveWorkbook } from "./excel.js";
import { PLAN_FORMAT, ActivityFields } from "./plan-fields.js";
import { VOCAB, lang, locale, pick, t } from "./text.js";
import { Validator } from "./validator.js";

export function planValidator(element, config) {
  const v = new Validator(element, config);
  const catalog = new Map((config.activities || []).map((a) => [a.activity, a]));
  const categories = config.categories || [];
  const blocks = [];
  let planExtra = {};
  let fileName = null;

  const year = yearSelect();
  const region = textInput(nextId("region"));
  const title = textInput(nextId("title"));
  const under = select(nextId("under"), [option("plan", t("checkPlanYear"), true), option("both", t("checkBoth", { years: new Intl.ListFormat(locale(), { type: "conjunction" }).format(VOCAB.years) }))]);
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
  const fileInput = h("input", { type: "file", id: nextId("load"), accept: `.json,application/json,${XLSX_ACCEPT}`, class: "dak-file" });
  const saveXlsxButton = h("button", { type: "button", class: "dak-button" }, t("savePlanXlsx"));
  const templateButton = h("button", { type: "button", class: "dak-button" }, t("templateXlsx"));
  let lastReport = null; // what "Save the findings (.xlsx)" writes
  const filePart = control(t("loadPlan"), fileInput);

  const activityOptions = () => [
    option("", t("choose")),
    [...catalog.values()].map((a) => {
      const where = VOCAB.years.map((y) => (a.years[y] ? `${y}: ${a.years[y]}` : t("absentIn", { year: y }))).join("; ");
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
    block.removeButton.addEventListener("click", () => removeItem(blocks, block, renumber, addButton));
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
        v.view.yearColumns(own, years, 4, t("activityN", { n: index + 1 })),
        v.view.comparisonTable((result.comparison || []).filter((row) => row.activity_index === index), years),
      );
    });
    put(v.results, h("h2", {}, t("results")), sections);
  }

  // The findings, and the button that saves them as a worksheet.
  function showReport(result) {
    showResult(result);
    lastReport = result;
    v.results.append(h("div", { class: "dak-actions" }, findingsWorkbookButton(v, () => lastReport, () => lastReport?.years?.join("-") ?? "")));
  }

  // A workbook made from the template: dakcore reads it (every cell it can), the form shows the plan
  // it read, and the cells it could not read are named by sheet and cell.
  async function loadWorkbook(file, bytes) {
    const params = { xlsx: bytes, plan: true };
    if (under.value === "both") params.years = "both";
    const response = await runExcel(v, "validate_workbook", params);
    if (!response) return;
    if (!response.ok) {
      v.problems(response.problems, () => [fileInput, filePart.box], t("loadedBroken", { name: file.name }));
      v.mark([fileInput, filePart.box], t("loadedBroken", { name: file.name }).replace(/:$/, "."));
      return;
    }
    const result = response.result;
    fileName = null;
    fillPlan(result.plan || {});
    showReport(result);
    const cells = (result.input_problems || []).map((p) => [`${p.where}: ${pick(p.message)}`, p.where]);
    const summary = `${t("loaded", { name: file.name })} ${t("resultsReady", { summary: summaryText(result.findings, result.years.map(String)) })}`;
    if (cells.length) v.say(`${summary} ${t("workbookCells", { name: file.name })}`, "problem", cells);
    else v.say(summary, result.ok ? "ok" : "info");
  }

  // The template of the chosen year, empty, or (`withPlan`) holding the plan being edited.
  async function saveTemplate(withPlan) {
    v.clearMessages();
    const { plan, maps } = readPlan();
    const chosen = withPlan ? plan.year : readSelect(year, "number");
    const params = withPlan ? { year: chosen, plan } : { year: chosen };
    const response = await runExcel(v, "template", params);
    if (!response) return;
    if (!response.ok) {
      v.problems(response.problems, router(maps));
      return;
    }
    const name = excelFileName(withPlan ? "planFile" : "templateFile", chosen ?? "", "xlsx");
    saveWorkbook(response.result.xlsx, name);
    v.say(t("fileSaved", { name }), "ok");
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
    const params = { plan, explain: true };
    if (under.value === "both") params.years = "both";
    const response = await v.run("validate", params);
    if (!response) return;
    if (!response.ok) v.problems(response.problems, router(maps));
    else showReport(response.result);
  }

  async function load(file) {
    v.clearMessages();
    if (file.size > MAX_FILE) {
      v.say(t("tooLarge", { name: file.name, size: (file.size / 1048576).toFixed(1) }), "problem");
      return;
    }
    let text;
    try {
      const bytes = await file.arrayBuffer();
      if (isWorkbook(file, bytes)) return loadWorkbook(file, bytes);
      text = new TextDecoder().decode(bytes);
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
    const params = { plan: data === undefined ? text : data, explain: true };
    if (under.value === "both") params.years = "both";
    const response = await v.run("validate", params);
    if (!response) return;
    if (!response.ok) {
      v.problems(response.problems, router(maps), t("loadedBroken", { name: file.name }));
      v.mark([fileInput, filePart.box], t("loadedBroken", { name: file.name }).replace(/:$/, "."));
    } else {
      showReport(response.result);
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
    draft.kept();
  });
  saveXlsxButton.addEventListener("click", () => saveTemplate(true));
  templateButton.addEventListener("click", () => saveTemplate(false));
  exampleButton?.addEventListener("click", () => {
    v.clearMessages();
    fileName = null;
    fillPlan(structuredClone(config.example));
    v.results.replaceChildren();
  });
  clearButton.addEventListener("click", () => {
    v.clearMessages();
    fileName = null;
    fillPlan({ year: Number(VOCAB.years[VOCAB.years.length - 1]), activities: [{}] });
    v.results.replaceChildren();
  });
  fileInput.addEventListener("change", () => {
    const file = fileInput.files && fileInput.files[0];
    if (file) load(file).finally(() => (fileInput.value = ""));
  });

  const form = v.form(
    h("div", { class: "dak-toolbar" }, filePart.element, h("div", { class: "dak-actions" }, saveButton, saveXlsxButton, templateButton, exampleButton, clearButton)),
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
  const draft = keepDraft(v, form, { kind: "plan", read: () => readPlan().plan, restore: fillPlan, unsaved: "draftUnsavedPlan" });
}
