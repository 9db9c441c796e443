// The floor: Pyodide out of the box (its whole standard library, _dak/python_stdlib.zip) started in a
// module worker, and nothing else. window.dakBare = {readyAt, error}. The site's Pyodide folder comes
// from the values the build generated for client.js.
import { RUNTIME } from "../assets/dak/runtime.js";

const element = document.querySelector("[data-dak-base]");
const output = element.querySelector("output");
const state = { readyAt: null, error: null };
window.dakBare = state;

const root = new URL(element.dataset.dakBase, document.baseURI);
const worker = new Worker(new URL("bare-worker.js", import.meta.url), { type: "module" });
worker.onmessage = ({ data }) => {
  if (data.ready) {
    state.readyAt = performance.now();
    output.textContent = "ready";
  } else {
    state.error = data.failed;
    output.textContent = data.failed;
  }
};
worker.postMessage({
  indexURL: new URL(RUNTIME.indexURL, root).href,
  stdLibURL: new URL("python_stdlib.zip", import.meta.url).href,
});
