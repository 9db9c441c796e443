// Deadlines: the year's dated obligations with their sources, and the .ics calendar.

import { download, formatDate, h, put } from "./dom.js";
import { control, yearSelect } from "./controls.js";
import { VOCAB, lang, pick, t } from "./text.js";
import { Validator } from "./validator.js";

export function deadlinesValidator(element, config) {
  const v = new Validator(element, config);
  const year = yearSelect(config.years || VOCAB.years);
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
    put(v.results, staticList(current.year, items) || table(current.year, items));
  }

  // The page already lists each year's deadlines (rendered at build time by the same dakcore call):
  // the chosen year's list is marked and pointed to, not repeated. Only when the page's list is
  // missing or differs from the engine's answer (a page older than its checker) is a table shown.
  function staticList(chosen, items) {
    let found = null;
    for (const list of document.querySelectorAll("ol.dak-deadlines[data-year]")) {
      const same = list.dataset.year === String(chosen);
      list.classList.toggle("dak-chosen", same);
      if (same) found = list;
    }
    const shown = found ? [...found.querySelectorAll("li[data-deadline]")].map((li) => `${li.dataset.deadline} ${li.dataset.date}`) : [];
    if (!found || shown.join() !== items.map((item) => `${item.id} ${item.date}`).join()) {
      found?.classList.remove("dak-chosen");
      return null;
    }
    const heading = document.getElementById(`tahun-${chosen}`);
    const target = heading ? h("a", { href: `#${heading.id}` }, heading.textContent.replace(/¶\s*$/, "").trim()) : null;
    return h("p", { class: "dak-deadlines-above", "data-year": chosen }, t("deadlinesAbove"), " ", target);
  }

  function table(chosen, items) {
    return h("div", { class: "dak-table-wrap" },
      h("table", { "data-year": chosen },
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
            h("td", {}, (item.sources || []).map((s) => v.view.sourceBlock(s))),
          )))));
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
