// The engine as the reader sees it: one client per tab (client.js keeps one module worker), started
// on first use, with what the first use downloads, its progress in bytes and a way to cancel it.

import { errorText, h } from "./dom.js";
import { locale, t } from "./text.js";

let enginePromise = null;
let engineReady = false;
let engineCancelled = false; // the reader cancelled the download of the runtime
const progressListeners = new Set();
// client.js, imported once a page has a checker (small: the runtime starts only with startDak).
let clientModule = null;
export const client = () => (clientModule ??= import("./client.js"));

// "4,7 MB" / "4.7 MB" (with `about`: "≈ 4,7 MB"): a number of bytes in the page's language.
function megabytes(bytes, about = true) {
  const digits = { minimumFractionDigits: 1, maximumFractionDigits: 1 };
  const number = new Intl.NumberFormat(locale(), digits).format(bytes / 1e6);
  return `${about ? "≈ " : ""}${number} MB`;
}

function startEngine(root) {
  if (!enginePromise) {
    engineCancelled = false;
    enginePromise = client()
      .then((client) => {
        const dak = client.startDak({
          base: root,
          onProgress: (progress) => progressListeners.forEach((listener) => listener(progress)),
        });
        return Promise.resolve(dak.ready).then(() => dak);
      })
      .then((dak) => {
        engineReady = true;
        return dak;
      });
    enginePromise.catch(() => {
      enginePromise = null; // a later use may try again
    });
  }
  return enginePromise;
}

// The engine's state as the reader sees it: what the first use downloads, then a progress bar in bytes
// that the reader can cancel, then "ready" (a polite live region).
export class EngineStatus {
  constructor(root) {
    this.root = root;
    this.size = 0; // compressed bytes of a first use, from the build (client.js)
    this.bar = h("progress", { max: "100", value: "0", hidden: true, class: "dak-progress" });
    this.text = h("span", { class: "dak-engine-text" }, engineReady ? t("engineReady") : t("engineIdle"));
    this.cancel = h("button", { type: "button", class: "dak-button dak-engine-cancel", hidden: true }, t("engineCancel"));
    this.cancel.addEventListener("click", () => {
      engineCancelled = true;
      client().then((module) => module.cancelDak());
    });
    this.element = h("div", { class: "dak-engine", role: "status", "aria-live": "polite" }, this.bar, this.text, this.cancel);
    this.lastSpoken = -100;
    this.listener = (progress) => this.progress(progress);
    this.started = null;
    client().then((module) => {
      this.size = module.downloadSize();
      if (!this.started && !engineReady && this.size) this.text.textContent = t("engineSize", { size: megabytes(this.size) });
    }, () => {});
  }

  progress({ percent, stage, loaded, total } = {}) {
    if (engineReady) return;
    const value = Math.max(0, Math.min(100, Math.round(Number(percent) || 0)));
    this.bar.hidden = false;
    this.bar.value = value;
    this.cancel.hidden = stage !== "download";
    if (stage === "download" && this.size && total) {
      // The worker counts the bytes as they arrive, uncompressed; the reader pays them compressed.
      const text = t("engineBytes", { loaded: megabytes((this.size * loaded) / total, false), size: megabytes(this.size) });
      if (value - this.lastSpoken >= 10 || value === 0) {
        this.lastSpoken = value;
        this.text.textContent = text;
      }
    } else if (stage === "start" || stage === "ready") {
      this.text.textContent = t("engineStarting");
    } else if (value - this.lastSpoken >= 20 || value === 100) {
      this.lastSpoken = value;
      this.text.textContent = t("engineLoading", { percent: value });
    }
  }

  start() {
    if (!this.started) {
      this.lastSpoken = -100;
      progressListeners.add(this.listener);
      if (!engineReady) this.progress({ percent: 0 });
      this.started = startEngine(this.root).then(
        (dak) => {
          progressListeners.delete(this.listener);
          this.bar.hidden = true;
          this.cancel.hidden = true;
          this.text.textContent = t("engineReady");
          this.element.classList.add("dak-engine-ready");
          return dak;
        },
        (error) => {
          progressListeners.delete(this.listener);
          this.bar.hidden = true;
          this.cancel.hidden = true;
          if (engineCancelled) {
            this.text.textContent = t("engineCancelled");
          } else {
            this.text.textContent = t("engineFailed", { detail: errorText(error) });
            this.element.classList.add("dak-engine-failed");
          }
          this.started = null;
          throw error;
        },
      );
    }
    return this.started;
  }
}


export const engineIsReady = () => engineReady;
