// Bare Pyodide in a module worker: loadPyodide() with no package.
self.onmessage = async ({ data }) => {
  try {
    const { loadPyodide } = await import(new URL("pyodide.mjs", data.indexURL).href);
    await loadPyodide({ indexURL: data.indexURL, stdLibURL: data.stdLibURL });
    self.postMessage({ ready: true });
  } catch (error) {
    self.postMessage({ failed: String(error) });
  }
};
