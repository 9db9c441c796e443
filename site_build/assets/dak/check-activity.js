// Every activity page: the entry checked under each year's regulation side by side.

import { h, put } from "./dom.js";
import { route } from "./controls.js";
import { keepDraft } from "./drafts.js";
import { summaryText } from "./findings.js";
import { findingsWorkbookButton } from "./excel.js";
import { PLAN_FORMAT, ActivityFields } from "./plan-fields.js";
import { VOCAB, t } from "./text.js";
import { Validator } from "./validator.js";

export function activityValidator(element, config) {
  const v = new Validator(element, config);
  const fields = new ActivityFields(config, config.categories || []);
  const button = h("button", { type: "submit", class: "dak-button dak-primary" }, t("check"));
  const form = v.form(fields.element, h("div", { class: "dak-actions" }, button));
  const years = Object.keys(config.years || {}).sort();
  const latest = VOCAB.years[VOCAB.years.length - 1];
  const planYear = Number(years.includes(latest) ? latest : years[0] || latest);
  let lastMap = [];
  let lastReport = null; // what "Save the findings (.xlsx)" writes

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
    const response = await v.run("validate", { plan, years: "both", explain: true });
    if (!response) return;
    if (!response.ok) {
      // One activity on this page: its problems are named by the field alone.
      const own = response.problems.map((p) => ({ ...p, where: (p.where || "").replace(/^activities\[0\]\.?/, "") }));
      v.problems(own, (where) => route(lastMap, where));
      return;
    }
    const result = response.result;
    lastReport = result;
    const resultYears = (result.years || []).map(String);
    v.say(t("resultsReady", { summary: summaryText(result.findings, resultYears) }), result.ok ? "ok" : "info");
    put(v.results, 
      h("h3", {}, t("results")),
      v.view.yearColumns(result.findings, resultYears, 4),
      v.view.comparisonTable(result.comparison, resultYears),
      h("div", { class: "dak-actions" }, findingsWorkbookButton(v, () => lastReport, () => config.activity)),
    );
  });
  v.mount(form);
  keepDraft(v, form, { kind: "activity", read: () => fields.read().values, restore: (values) => fields.fill(values || {}) });
}
