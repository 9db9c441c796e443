// The hidden runtime test page: starts the validator runtime as a validator page does and exposes it
// as window.dakTest = {progress, readyAt, error, call} (readyAt: ms since navigation start).
import { startDak } from "../assets/dak/client.js";

const element = document.querySelector("[data-dak-base]");
const bar = element.querySelector("progress");
const output = element.querySelector("output");
const state = { progress: [], readyAt: null, error: null, call: null };
window.dakTest = state;

const dak = startDak({
  base: element.dataset.dakBase,
  onProgress(progress) {
    state.progress.push(progress);
    bar.value = progress.percent;
    output.textContent = `${progress.stage} ${progress.percent}%`;
  },
});
state.call = dak.call;
dak.ready.then(
  () => {
    state.readyAt = performance.now();
    output.textContent = "ready";
  },
  (error) => {
    state.error = String(error);
    output.textContent = state.error;
  },
);
