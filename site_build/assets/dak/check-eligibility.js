// The recipient-region check: the criteria of the chosen year as yes/no questions.

import { h, nextId, put } from "./dom.js";
import { control, yearSelect } from "./controls.js";
import { pick, t } from "./text.js";
import { Validator } from "./validator.js";

export function eligibilityValidator(element, config) {
  const v = new Validator(element, config);
  const criteria = config.criteria || {};
  const years = Object.keys(criteria).sort();
  const year = yearSelect(years);
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
          (c.sources || []).slice(0, 1).map((s) => v.view.sourceBlock(s)));
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
