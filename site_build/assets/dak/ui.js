// The entry the pages load: it finds the page's checkers and builds each with its module (the form of
// every activity page, the plan checker, the participant-list checker, the deadlines and the
// recipient-region check), and adds "Prepare for offline use" (./offline.js).
//
// Each checker is a `.dak-validator` element that the page leaves empty but for its configuration
// (`data-dak-config`: what the engine answered at build time, e.g. the plan fields an activity's rules
// read, and dakcore's vocabulary). The engine is dakcore under Pyodide in a module worker
// (./client.js, `startDak`, glued in ./engine.js), started when the reader shows intent (./intent.js).
// The words are ./text.js's; the page is built with ./dom.js.
//
// Safety: everything the reader enters or loads, and everything the engine says, reaches the page as
// text (textContent, text nodes, attribute values), never as markup; no inline handlers, no eval.
// Language: the page's (`<html lang>`); every engine message carries both {id, en}.

import { savingData } from "./intent.js";
import { mountOffline } from "./offline.js";
import { h, put } from "./dom.js";
import { client } from "./engine.js";
import { t, useLanguage, useVocabulary } from "./text.js";
import { activityValidator } from "./check-activity.js";
import { planValidator } from "./check-plan.js";
import { rosterValidator } from "./check-roster.js";
import { deadlinesValidator } from "./check-deadlines.js";
import { eligibilityValidator } from "./check-eligibility.js";

const VALIDATORS = {
  activity: activityValidator,
  plan: planValidator,
  roster: rosterValidator,
  deadlines: deadlinesValidator,
  eligibility: eligibilityValidator,
};

function init() {
  useLanguage(document.documentElement.lang);
  const validators = [...document.querySelectorAll(".dak-validator[data-dak]")];
  if (validators.length && !validators[0].dataset.dakReady) {
    const root = validators[0].dataset.dakBase || "./";
    if (!savingData()) client().then((module) => module.preloadRuntime(root), () => {});
    // "Prepare for offline use" once per page, after its last checker.
    const panel = h("div", { class: "dak-offline", "data-pagefind-ignore": "all" });
    validators[validators.length - 1].after(panel);
    mountOffline(panel, { root, text: t });
  }
  for (const element of document.querySelectorAll(".dak-offline[data-dak-root]")) {
    if (element.dataset.dakReady) continue;
    element.dataset.dakReady = "true";
    mountOffline(element, { root: element.dataset.dakRoot, text: t });
  }
  for (const element of validators) {
    if (element.dataset.dakReady) continue;
    element.dataset.dakReady = "true";
    let config;
    try {
      config = JSON.parse(element.dataset.dakConfig || "{}");
    } catch {
      config = null;
    }
    const build = VALIDATORS[element.dataset.dak];
    if (config?.vocabulary) useVocabulary(config.vocabulary);
    if (!config || !build || !config.vocabulary) {
      put(element, h("p", { class: "dak-message dak-message-problem", role: "status" }, t("configBroken")));
      continue;
    }
    build(element, config);
  }
}

// Material's instant navigation swaps pages without reloading modules: it announces each page on
// `document$`; without it, the page is ready once the document is.
if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(() => init());
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", init);
} else {
  init();
}
