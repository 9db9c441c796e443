// "Prepare for offline use": a button that has the service worker (sw.js) keep every page of both
// languages, the search index and the checkers' runtime, with progress in files, and says when it is
// done.
//
//   mountOffline(element, {root, text})   fills `element` (emptied) with the panel; root: the site
//                                         root's URL relative to the page; text(key, vars): the
//                                         page's strings (text.js keeps them, keys offline*)

import { errorText, h } from "./dom.js";
import { offlineSupported, prepareOffline } from "./serviceworker.js";

export function mountOffline(element, { root, text }) {
  const siteRoot = new URL(root || "./", document.baseURI);
  const title = h("p", { class: "dak-offline-title" }, text("offlineTitle"));
  const intro = h("p", { class: "dak-hint" }, text("offlineIntro"));
  const button = h("button", { type: "button", class: "dak-button" }, text("offlinePrepare"));
  const bar = h("progress", { class: "dak-progress", max: "1", value: "0", hidden: true });
  const status = h("p", { class: "dak-offline-status", role: "status", "aria-live": "polite" });
  element.replaceChildren(title, intro, button, bar, status);
  if (!offlineSupported()) {
    button.disabled = true;
    status.textContent = text("offlineUnsupported");
    return;
  }
  let spoken = -1;
  button.addEventListener("click", () => {
    button.disabled = true;
    bar.hidden = false;
    bar.removeAttribute("value"); // indeterminate until the service worker reports
    status.textContent = text("offlineStarting");
    prepareOffline(siteRoot, ({ done, total }) => {
      bar.max = total;
      bar.value = done;
      // Spoken every tenth of the way (a live region read at every file would be noise).
      const tenth = Math.floor((10 * done) / total);
      if (tenth !== spoken) {
        spoken = tenth;
        status.textContent = text("offlineProgress", { done, total });
      }
    }).then(
      () => {
        bar.hidden = true;
        status.textContent = text("offlineDone");
        element.classList.add("dak-offline-done");
      },
      (error) => {
        bar.hidden = true;
        button.disabled = false;
        status.textContent = text("offlineFailed", { detail: errorText(error) });
      },
    );
  });
}
