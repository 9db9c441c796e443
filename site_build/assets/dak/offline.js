// "Prepare for offline use": a button that has the service worker (sw.js) keep every page of both
// languages and the checkers' runtime, with progress in files, and says when it is done.
//
//   mountOffline(element, {root, text})   fills `element` (emptied) with the panel; root: the site
//                                         root's URL relative to the page; text(key, vars): the
//                                         page's strings (ui.js keeps them, keys offline*)

import { offlineSupported, prepareOffline } from "./serviceworker.js";

export function mountOffline(element, { root, text }) {
  const make = (tag, className, content) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (content) node.textContent = content;
    return node;
  };
  const siteRoot = new URL(root || "./", document.baseURI);
  const title = make("p", "dak-offline-title", text("offlineTitle"));
  const intro = make("p", "dak-hint", text("offlineIntro"));
  const button = make("button", "dak-button", text("offlinePrepare"));
  button.type = "button";
  const bar = make("progress", "dak-progress");
  bar.max = 1;
  bar.value = 0;
  bar.hidden = true;
  const status = make("p", "dak-offline-status");
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
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
        status.textContent = text("offlineFailed", { detail: (error && error.message) || String(error) });
      },
    );
  });
}
