// One checker's shared machinery: the engine status, the messages region, marking the inputs the
// engine's problems are about, and running one engine call.

import { watchIntent } from "./intent.js";
import { errorText, h, put } from "./dom.js";
import { EngineStatus, engineIsReady } from "./engine.js";
import { FindingsView } from "./findings.js";
import { pick, t } from "./text.js";

export class Validator {
  constructor(element, config) {
    this.element = element;
    this.config = config;
    this.root = element.dataset.dakBase || "./";
    this.home = element.dataset.dakHome || "./";
    this.status = new EngineStatus(this.root);
    this.messages = h("div", { class: "dak-messages", "aria-live": "polite", role: "status" });
    this.results = h("div", { class: "dak-results" });
    this.marked = [];
    this.view = new FindingsView(this.home);
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
      if (engineIsReady()) this.say(t("checking"));
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
      list.push([where ? `${pick(problem.label)}: ${message}` : message, where]);
    }
    this.say(intro, "problem", list);
    this.results.replaceChildren();
  }
}
