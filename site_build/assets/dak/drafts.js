// The reader's draft of a checker's form, kept in this browser's own storage (localStorage; nothing
// is ever sent anywhere): saved a moment after each change, restored when the reader comes back (with
// a notice and a "start over" button), and a warning before leaving while a change is not yet kept.
//
//   keepDraft(v, form, {kind, read, restore})   v: the checker's Validator; form: its <form>;
//                                               read(): the form's state as JSON (the checker's own
//                                               format, e.g. a dak-plan/1 plan); restore(state) fills
//                                               the form from such a state; unsaved: the text key
//                                               telling the reader the draft cannot be kept.
//   -> {kept()}   the checker's "saved to a file" hook: what the form holds is safe, nothing to warn of
//
// The draft holds the checker's JSON (which rebuilds the rows and activities) and, beside it, every
// input's text as typed (so "12.000.000" comes back as written, not as the number it reads as).
// localStorage rather than IndexedDB because it writes synchronously: the last keystrokes are still
// stored from `pagehide`/`beforeunload`, where an asynchronous write may never finish. So once
// storage works, leaving loses nothing and no warning is needed; the warning is for a browser whose
// storage refuses (private mode, storage blocked, quota full), and the reader is told so at once.
//
// Each tab keeps its own draft (its id lives in sessionStorage, which a reload keeps and another tab
// does not share), so two tabs of the same checker never overwrite each other's work. A new tab starts
// from the newest draft of that checker and takes it over.

import { errorText, h } from "./dom.js";
import { t } from "./text.js";

const FORMAT = "dak-draft/1";
const DELAY = 400; // ms after the last change
const PREFIX = "dak-draft:";

function tabId() {
  try {
    let id = sessionStorage.getItem("dak-tab");
    if (!id) sessionStorage.setItem("dak-tab", (id = Math.random().toString(36).slice(2, 10)));
    return id;
  } catch {
    return "tab"; // no session storage: one draft per checker, as one tab has
  }
}

// Every stored draft of a checker kind ("plan", "activity"), on any page: [{key, path, saved, state}].
function drafts(kind) {
  const found = [];
  try {
    for (let i = 0; i < localStorage.length; i += 1) {
      const key = localStorage.key(i);
      if (!key?.startsWith(PREFIX)) continue;
      // dak-draft:<path>:<kind>[:<tab>]
      const [path, keyKind, tab] = key.slice(PREFIX.length).split(":");
      if (keyKind !== kind) continue;
      const stored = JSON.parse(localStorage.getItem(key) || "null");
      if (stored?.format === FORMAT && stored.state) found.push({ key, path, tab, saved: stored.saved || "", state: stored.state });
    }
  } catch {
    // storage refused or a draft that is not JSON: what could be read is what there is
  }
  return found.sort((a, b) => (a.saved < b.saved ? 1 : -1));
}

// The newest draft of a checker kind in this browser (another page may offer to use it), or null.
export function latestDraft(kind) {
  const [newest] = drafts(kind);
  return newest ? { saved: newest.saved, data: newest.state.data } : null;
}

const inputsOf = (form) => [...form.querySelectorAll("input:not([type=file]):not([type=button]), select, textarea")];

function snapshot(form, read) {
  return { data: read(), values: inputsOf(form).map((input) => input.value) };
}

function apply(form, restore, state) {
  restore(state.data);
  const inputs = inputsOf(form);
  // The texts as typed, when the rebuilt form has the same inputs as the one they came from.
  if (!Array.isArray(state.values) || state.values.length !== inputs.length) return;
  inputs.forEach((input, index) => {
    const value = state.values[index];
    if (typeof value !== "string") return;
    if (input.tagName === "SELECT" && ![...input.options].some((option) => option.value === value)) return;
    input.value = value;
  });
}

export function keepDraft(v, form, { kind, read, restore, unsaved: unsavedText = "draftUnsaved" }) {
  const page = `${PREFIX}${location.pathname}:${kind}`;
  const key = `${page}:${tabId()}`;
  const empty = JSON.stringify(snapshot(form, read));
  const notice = h("div", { class: "dak-message dak-message-info dak-draft", role: "status", hidden: true });
  form.before(notice);
  let timer = null;
  let unsaved = false; // a change not yet in storage (nor in a file the reader saved)
  let failed = false;

  const say = (level, text, button) => {
    notice.className = `dak-message dak-message-${level} dak-draft`;
    notice.replaceChildren(h("p", {}, text, button ? " " : null, button));
    notice.hidden = false;
  };

  function startOver() {
    try {
      localStorage.removeItem(key);
    } catch {
      // nothing stored to remove
    }
    apply(form, restore, JSON.parse(empty));
    unsaved = false;
    notice.hidden = true;
    v.clearMessages();
    v.results.replaceChildren();
    form.querySelector("input, select")?.focus();
  }

  function save() {
    clearTimeout(timer);
    timer = null;
    const state = JSON.stringify(snapshot(form, read));
    try {
      if (state === empty) localStorage.removeItem(key);
      else localStorage.setItem(key, JSON.stringify({ format: FORMAT, saved: new Date().toISOString(), state: JSON.parse(state) }));
      unsaved = false;
      if (failed) notice.hidden = true;
      failed = false;
    } catch (error) {
      unsaved = state !== empty;
      if (!failed) say("problem", t(unsavedText, { detail: errorText(error) }));
      failed = true;
    }
  }

  function changed() {
    unsaved = true;
    clearTimeout(timer);
    timer = setTimeout(save, DELAY);
  }

  // A reload or a navigation: store what is pending; warn only if it could not be stored.
  function leaving(event) {
    if (timer || unsaved) save();
    if (!unsaved) return;
    event.preventDefault();
    event.returnValue = "";
  }

  let stored = null;
  try {
    stored = JSON.parse(localStorage.getItem(key) || "null");
    if (!stored) {
      // A new tab: the newest draft of this page (another tab's, or one kept before tabs had their
      // own), taken over so that it is not restored twice.
      const [newest] = drafts(kind).filter((draft) => draft.path === location.pathname);
      if (newest) {
        localStorage.setItem(key, localStorage.getItem(newest.key));
        localStorage.removeItem(newest.key);
        stored = JSON.parse(localStorage.getItem(key));
      }
    }
  } catch (error) {
    say("problem", t(unsavedText, { detail: errorText(error) }));
    failed = true;
  }
  if (stored && stored.format === FORMAT && stored.state) {
    try {
      apply(form, restore, stored.state);
      const button = h("button", { type: "button", class: "dak-button dak-start-over" }, t("draftStartOver"));
      button.addEventListener("click", startOver);
      say("info", t("draftRestored"), button);
    } catch (error) {
      console.warn("dak: the stored draft could not be restored", error);
      apply(form, restore, JSON.parse(empty));
    }
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  // Rows and activities added, removed, filled from an example or a file: no input event tells.
  new MutationObserver(changed).observe(form, { childList: true, subtree: true });
  form.addEventListener("focusout", () => timer && save());
  window.addEventListener("pagehide", () => (timer || unsaved) && save());
  window.addEventListener("beforeunload", leaving);

  return {
    kept() {
      if (failed) unsaved = false;
    },
  };
}
